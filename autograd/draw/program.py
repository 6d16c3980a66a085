"""The recorded program as data for the step-by-step page's script.

The page recomputes everything in the browser when a leaf is edited, so it
carries what the trace recorded, as JSON: for each node in the engine's
topological order its rule name, its inputs (earlier nodes, or plain numbers
for constants that belong to the node), its fixed parameters, its name and
role; the order of the backward steps as (node, parent slot) pairs, which
depends only on the graph's shape; and the text of each tape line that does
not depend on numbers. Numbers are filled in by the script with the same
rules (rules.js) and the same formatting (formatNumber) as Python.
"""

from __future__ import annotations

import json
from typing import Iterable

from autograd.notation import local_formula
from autograd.trace import Trace
from autograd.value import Value

from .style import node_role


def program_data(trace: Trace, ids: dict[Value, str], digits: int,
                 parameters: Iterable[Value] = ()) -> dict:
    """The page's data (see the module docstring); `ids` are the diagram's node ids.

    A graph with an operation the page's rule table lacks (a rule of the user's
    own) is shown, but the script does not let its leaves be edited.
    """
    index = {step.node: k for k, step in enumerate(trace.forward)}
    chosen = set(parameters)
    nodes = []
    for step in trace.forward:
        node = step.node
        inputs = [{"node": index[item]} if isinstance(item, Value) else {"const": float(item)}
                  for item in node.inputs]
        nodes.append({
            "id": ids[node], "name": step.name, "op": step.op, "inputs": inputs,
            "params": dict(step.params), "data": step.value,
            "role": node_role(node, trace.root, chosen, node.is_constant),
            "editable": step.kind == "leaf",
            "prefix": f"{step.name} = {step.expression}" if step.expression else step.name,
            "locals": [local_formula(node, slot, trace.names)
                       for slot in range(len(node.parents))]})
    names = [node["name"] for node in nodes]
    return {
        "nodes": nodes, "root": index[trace.root], "loss": trace.loss, "seed": trace.seed,
        "seedPrefix": f"d{trace.loss}/d{trace.names[trace.root]} = ",
        "steps": [[index[s.node], s.slot] for s in trace.backward],
        "lefts": [s.left_side(trace.loss) for s in trace.backward],
        "digits": digits, "names": names}


def json_for_script(data: dict) -> str:
    """JSON safe inside a <script> element: no '<' can close it or open a comment."""
    return json.dumps(data, ensure_ascii=False, allow_nan=False).replace("<", "\\u003c")

"""How nodes, numbers and operations are written in tapes and diagrams.

The tape (`trace.py`) and the diagrams (`autograd.draw`) must agree on
what to call each node, or a student cannot match a line of the tape to a box
in the picture. This module is that shared notation:

- `node_names`: a short stable name per node, its label when that is a usable
  unique name, else `v<i>` with i the node's position in the engine's
  topological order (which depends only on the graph, so names are stable);
- `format_number`: numbers as `6.0`, `-0.7071`, `1.235e+04`;
- `op_symbol`, `expression`: how an operation reads (`** 2`, `v1 * v2`);
- `local_formula`: the symbolic local derivative along one edge (`v2` for
  the first input of `v1 * v2`, `1 - v3**2` for `v3 = tanh(v1)`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable, Mapping

if TYPE_CHECKING:
    from .value import Value

_GENERATED = re.compile(r"v\d+")
_MAX_NAME_LENGTH = 40


def node_names(nodes: Iterable[Value]) -> dict[Value, str]:
    """A name for each node: its label if usable and unique, else v<position>.

    `nodes` should come from `topological_order(root)`, whose order depends
    only on the graph's shape, so that the same graph always gets the same names.
    """
    ordered = list(nodes)
    label_counts: dict[str, int] = {}
    for node in ordered:
        label_counts[node.label] = label_counts.get(node.label, 0) + 1
    names: dict[Value, str] = {}
    for position, node in enumerate(ordered):
        label = node.label
        if _usable_label(label) and label_counts[label] == 1:
            names[node] = label
        else:
            names[node] = f"v{position}"
    return names


def _usable_label(label: str) -> bool:
    """A label works as a name in a tape when it is one short printable word."""
    return (0 < len(label) <= _MAX_NAME_LENGTH and label.isprintable()
            and not any(ch.isspace() for ch in label)
            and _GENERATED.fullmatch(label) is None)


def format_number(x: float, digits: int = 4) -> str:
    """A float for people: 6.0, -0.7071, 1.235e+04 (`digits` significant digits)."""
    text = f"{x:.{digits}g}"
    if text == "-0":
        return "-0.0"
    if text.lstrip("-").isdigit():
        return text + ".0"  # 6 -> 6.0, so it still reads as a float
    return text


def format_param(value: float) -> str:
    """An op parameter: integers stay integers (the 2 in x ** 2)."""
    if isinstance(value, int):
        return str(value)
    return format_number(value, digits=6)


# --- how operations read -------------------------------------------------------

_INFIX = {"add": "+", "sub": "-", "mul": "*", "div": "/", "vpow": "**"}


def op_symbol(node: Value) -> str:
    """The short text for an op node in a diagram: '+', '** 2', 'tanh', 'leaky_relu 0.01'."""
    op, params = node.op, node.params
    if op in _INFIX:
        return _INFIX[op]
    if op == "pow":
        return f"** {format_param(params['n'])}"
    if op == "rpow":
        return f"{format_param(params['c'])} **"
    if op == "neg":
        return "-"
    shown = " ".join(f"{name}={format_param(value)}" for name, value in params.items())
    return f"{op} {shown}" if shown else op


def expression(node: Value, names: Mapping[Value, str]) -> str:
    """The right-hand side of a forward tape line: 'v1 * v2', 'tanh(v3)', 'v1 ** 2'."""
    op, params = node.op, node.params
    inputs = [names[parent] for parent in node.parents]
    if op in _INFIX:
        return f"{inputs[0]} {_INFIX[op]} {inputs[1]}"
    if op == "pow":
        return f"{inputs[0]} ** {format_param(params['n'])}"
    if op == "rpow":
        return f"{format_param(params['c'])} ** {inputs[0]}"
    if op == "neg":
        return f"-{inputs[0]}"
    arguments = inputs + [f"{name}={format_param(value)}" for name, value in params.items()]
    return f"{op}({', '.join(arguments)})"


# --- local derivatives, symbolically -------------------------------------------

# One template per input: {x} and {y} are the inputs' names, {out} the node's
# own name (tanh's derivative 1 - out**2 reads best in terms of the output),
# and {n}, {c}, {alpha} the op's parameters.
_LOCAL_FORMULAS: dict[str, tuple[str, ...]] = {
    "add": ("1", "1"),
    "sub": ("1", "-1"),
    "mul": ("{y}", "{x}"),
    "div": ("1/{y}", "-{x}/{y}**2"),
    "neg": ("-1",),
    "vpow": ("{y}*{x}**({y} - 1)", "{out}*log({x})"),
    "rpow": ("{out}*log({c})",),
    "abs": ("sign({x})",),
    "exp": ("{out}",),
    "log": ("1/{x}",),
    "sqrt": ("1/(2*{out})",),
    "sin": ("cos({x})",),
    "cos": ("-sin({x})",),
    "arctan": ("1/(1 + {x}**2)",),
    "tanh": ("1 - {out}**2",),
    "sigmoid": ("{out}*(1 - {out})",),
    "relu": ("(1 if {x} > 0 else 0)",),
    "leaky_relu": ("(1 if {x} > 0 else {alpha})",),
    "elu": ("(1 if {x} > 0 else {alpha}*exp({x}))",),
    "softplus": ("sigmoid({x})",),
    "gelu": ("Phi({x}) + {x}*phi({x})",),
    "maximum": ("(1 if {x} > {y} else 1/2 if {x} == {y} else 0)",
                "(1 if {y} > {x} else 1/2 if {y} == {x} else 0)"),
    "minimum": ("(1 if {x} < {y} else 1/2 if {x} == {y} else 0)",
                "(1 if {y} < {x} else 1/2 if {y} == {x} else 0)"),
}


def local_formula(node: Value, slot: int, names: Mapping[Value, str]) -> str:
    """d(node)/d(node.parents[slot]) as a formula in the nodes' names."""
    parents = node.parents
    x = names[parents[0]]
    y = names[parents[1]] if len(parents) > 1 else ""
    out = names[node]
    if node.op == "pow":
        return _power_rule(x, node.params["n"])
    templates = _LOCAL_FORMULAS.get(node.op)
    if templates is None:  # a rule of the user's own, through autograd.apply
        return f"d{out}/d{names[parents[slot]]}"
    shown_params = {name: format_param(value) for name, value in node.params.items()}
    return templates[slot].format(x=x, y=y, out=out, **shown_params)


def _power_rule(x: str, n: float) -> str:
    """n * x**(n-1), simplified for the common small powers."""
    if n == 0:
        return "0"
    if n == 1:
        return "1"
    if n == 2:
        return f"2*{x}"
    return f"{format_param(n)}*{x}**{format_param(n - 1)}"

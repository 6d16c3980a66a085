"""The whole picture: every value (clusters per module), or modules collapsed into boxes.

graph.py draws each value and arrow; this module decides which are drawn, in
which cluster, and asks dot (placement.py) for a network's layers one after
the other, each in the model's order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from autograd.value import Value

from . import style
from .modules import Collapsed, cluster_title, first_member, natural_key, parallel_rows
from .placement import keep_in_order, line_up, order_clusters

if TYPE_CHECKING:
    from .graph import _Drawer

Members = dict[tuple[str, ...], list[Value]]  # module chain -> its nodes, parents first


def draw_full(drawer: _Drawer, graph: Any, rankdir: str) -> None:
    """Every node; with a model, nested clusters per module, layers one after the other
    and the modules of each layer in model order."""
    members: Members = {}
    for node in drawer.order:
        chain = drawer.groups.chains.get(node, ()) if drawer.groups else ()
        members.setdefault(chain, []).append(node)
    for node in members.pop((), []):
        drawer.draw_value(graph, node)
    _draw_clusters(drawer, graph, (), members, rankdir in ("TB", "BT"))
    outputs = {chain[-1]: drawer.ids[nodes[-1]] for chain, nodes in members.items()}
    rulers = order_clusters(graph, parallel_rows(outputs))
    if drawer.groups:
        line_up(graph, drawer.order, drawer.ids, drawer.groups.chains, rulers)
    for node in drawer.order:
        for slot in range(len(node.parents)):
            drawer.draw_input_edge(graph, node, slot)


def _draw_clusters(drawer: _Drawer, graph: Any, prefix: tuple[str, ...], members: Members,
                   last_first: bool) -> None:
    """Draw each cluster directly below `prefix`, its nodes and its sub-clusters. dot
    starts a cluster's nodes in the reverse of their order here (mirrored with LR, RL),
    so with TB, BT (last_first) they come last first: a neuron's weights stay in order."""
    depth = len(prefix)
    below = [chain for chain in members if len(chain) > depth and chain[:depth] == prefix]
    children = sorted(set(chain[:depth + 1] for chain in below),
                      key=lambda chain: natural_key(chain[-1]))
    for child in children:
        first = drawer.ids[first_member(members, child)]
        with graph.subgraph(name=f"cluster_{first}_{depth}") as sub:
            sub.attr(label=style.plain_label(cluster_title(child[-1])), style="rounded",
                     color="#9ca3af", fontsize="11")
            for node in members.get(child, [])[::-1 if last_first else 1]:
                drawer.draw_value(sub, node)
            _draw_clusters(drawer, sub, child, members, last_first)


def draw_collapsed(drawer: _Drawer, graph: Any, view: Collapsed) -> None:
    """Boxes for whole modules, nodes for the rest, one arrow per pair of boxes. The root
    is always drawn; when its operation belongs to a module (the output neuron's Σ), the
    operation stays in that module's box and one arrow runs from the box to the root."""
    box_ids = {key: f"box{index}" for index, key in enumerate(view.boxes)}
    for key, (title, detail) in view.boxes.items():
        graph.node(box_ids[key], label=style.box_label(title, detail), shape="plain",
                   id=box_ids[key], **{"class": "box"})
    keep_in_order(graph, parallel_rows(box_ids))
    root_box = view.root_box
    for node in drawer.order:
        if node not in view.box_of and node not in view.hidden:
            drawer.draw_value(graph, node, operation=node is not drawer.root or root_box is None)
    drawn: set[tuple[str, str]] = set()
    for node in drawer.order:
        for slot, parent in enumerate(node.parents):
            if node in view.hidden or parent in view.hidden:
                continue
            tail_box = view.box_of.get(parent)
            head_box = view.box_of.get(node, root_box if node is drawer.root else None)
            if tail_box is None and head_box is None:
                drawer.draw_input_edge(graph, node, slot)
                continue
            tail = box_ids[tail_box] if tail_box else drawer.ids[parent]
            head = box_ids[head_box] if head_box else drawer.ids[node] + "op"
            if tail != head and (tail, head) not in drawn:
                drawn.add((tail, head))
                graph.edge(tail, head, **{"class": "input"})
    if root_box is not None:
        graph.edge(box_ids[root_box], drawer.ids[drawer.root], **{"class": "result"})

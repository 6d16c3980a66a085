"""Where dot puts a network's modules: layers one after the other, each in model order.

dot places nodes on ranks (columns with rankdir LR, rows with TB) and orders
the nodes of a rank to reduce crossings; it knows nothing of layers. A
teacher draws a network as layers side by side (LR) or one under the other
(TB), each layer's neurons in the model's order, the inputs in theirs. The
invisible nodes, edges and rank groups below ask dot for that picture; dot
still does the layout.

- keep_in_order: nodes of one rank in a given order (outside clusters).
- order_clusters: sibling clusters (the neurons of a layer) in a given order.
- line_up: layers that share no rank, so that dot puts them side by side.
"""

from __future__ import annotations

from typing import Any, Mapping

from autograd.value import Value

Chain = tuple[str, ...]  # module paths from outermost to innermost (modules.py)


def keep_in_order(graph: Any, rows: list[list[str]]) -> None:
    """Keep each row of node ids in its order: top to bottom with rankdir LR, left to
    right with TB. Without this, dot orders nodes of one rank to reduce crossings
    and the neurons of a layer come out scrambled; invisible edges between
    neighbours in a rank=same group are the usual graphviz idiom to fix an order.
    Only for nodes outside clusters, or in one cluster: for clusters, order_clusters."""
    for row in rows:
        with graph.subgraph() as same:
            same.attr(rank="same")
            for tail, head in zip(row, row[1:]):
                same.edge(tail, head, style="invis")


def order_clusters(graph: Any, rows: list[list[str]]) -> dict[str, str]:
    """Keep sibling clusters (the neurons of a layer) in order, given for each row one node
    id per cluster (its output); `graph` is the whole graph, not a cluster. keep_in_order
    cannot: dot drops a flat edge between two clusters, and ordering=out across clusters,
    and places sibling clusters in an order of its own. So each output gets an invisible
    node (a ruler) one rank on, outside every cluster; keep_in_order keeps these in order,
    and dot's crossing minimisation puts the clusters in theirs (any other order crosses
    the invisible edges out of them). Returns each output's ruler (line_up uses them)."""
    rulers: dict[str, str] = {}
    for row in rows:
        for node in row:
            rulers[node] = f"{node}ruler"
            graph.node(rulers[node], label="", shape="point", style="invis", width="0",
                       height="0", id=rulers[node], **{"class": "ruler"})
            graph.edge(node, rulers[node], style="invis")
        keep_in_order(graph, [[rulers[node] for node in row]])
    return rulers


def line_up(graph: Any, order: list[Value], ids: Mapping[Value, str],
            chains: Mapping[Value, Chain], rulers: Mapping[str, str]) -> None:
    """Lay the top-level modules (layers) out one after the other, and the inputs in order.

    order: the nodes, parents first; ids: their node ids; chains: the module chain of
    each node in a module (the model's parameters first, in the model's order); rulers:
    order_clusters' invisible node after each neuron's output.

    Two clusters that share a rank are stacked across it, so when the weights of layer 1
    sat in the rank before their products, level with the outputs of layer 0, the layers
    came out as a staircase. Now a parameter combined with a value from outside its layer
    (w * x, w * 0.5) shares the rank of that operation (in the same rank=same group, drawn
    beside it), so a layer starts at its first operations; and an invisible edge from the
    ruler of each such value to the operation keeps the rulers in a rank of their own
    between the layers. Consecutive layers then share no rank, and dot puts them side by
    side (LR) or one under the other (TB), the arrows between them straight across.
    The values from outside every module that feed a layer (the inputs x0, x1, ...) are
    kept in the order the model's parameters read them."""
    children: dict[Value, list[Value]] = {}
    for node in order:
        for parent in node.parents:
            children.setdefault(parent, []).append(node)
    feeders: dict[Value, None] = {}  # the inputs, in the order the parameters read them
    for parameter in (node for node in chains if node.is_leaf and chains[node] and node in ids):
        layer = chains[parameter][0]
        own = [child for child in children.get(parameter, ()) if chains.get(child) ==
               chains[parameter]]
        outside = [arg for arg in own[0].inputs if _outside(arg, layer, chains)] if own else []
        if not outside:
            continue
        operation = ids[own[0]] + "op"
        with graph.subgraph() as same:
            same.attr(rank="same")
            same.node(ids[parameter])
            same.node(operation)
        for value in (arg for arg in outside if isinstance(arg, Value)):
            ruler = rulers.get(ids[value])
            if ruler is not None:
                graph.edge(ruler, operation, style="invis")
            elif value not in chains:
                feeders[value] = None
    if len(feeders) > 1:
        keep_in_order(graph, [[ids[value] for value in feeders]])


def _outside(arg: Value | float, layer: str, chains: Mapping[Value, Chain]) -> bool:
    """A plain number, or a Value from outside `layer` (another layer, or no module)."""
    return not isinstance(arg, Value) or chains.get(arg, (None,))[0] != layer

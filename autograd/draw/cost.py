"""How long dot will take: an estimate, so that draw returns what renders in seconds.

dot's time is not driven by the number of nodes but by long edges. It puts
every node on a rank (a column, in LR) and turns an edge spanning k ranks into
a chain of k - 1 invisible "virtual" nodes, which its crossing minimization then
moves around rank by rank (Gansner et al., "A Technique for Drawing Directed
Graphs", IEEE TSE 1993, sections 2-3). A loss such as hinge + L2 over an MLP
has hundreds of parameters at the start of the graph feeding a chain of adds
at its end: hundreds of edges spanning hundreds of ranks, tens of thousands
of virtual nodes, and dot runs for minutes or hours.

The estimate ranks the drawn graph as dot starts to (the longest path from
the sources), then moves each node with at least as many edges out as in
down next to its earliest successor, as dot's network simplex does for such
nodes, counts the virtual nodes left, and adds nodes and edges: the size of the
problem dot's slowest phase solves (layout_size). Measured with dot 2.43 on a
2-core machine under load (one sample's loss of MLPs, hinge or mse, with and
without L2, and collapsed views of them; virtual nodes / layout size -> time):
1,430 / 5,000 -> 0.3 s; 1,810 / 5,100 -> 0.9-1.5 s; 3,570 / 10,700 -> 0.8-1.4 s;
5,100 / 11,600 -> 1.5-2 s; 4,540 / 12,100 -> 5.5-9.4 s; 12,260 / 26,600 ->
12-16 s. The limits below keep the first three and refuse the rest: an
estimate from a handful of graphs, so a graph near them may take a few
seconds, and one refused may have rendered in 2.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Hashable, Mapping

if TYPE_CHECKING:
    from autograd.value import Value

MAX_VIRTUAL_NODES = 4000  # together: within about 2 s in dot (measured, see above)
MAX_LAYOUT_SIZE = 12000


def drawn_edges(order: list[Value], box_of: Mapping[Value, str] | None = None,
                hidden: set[Value] | frozenset[Value] = frozenset()) -> list[tuple[Hashable, Hashable]]:
    """The arrows draw() will emit, between keys: a Value, ("op", Value) or ("box", key).

    A computed value drawn on its own has its operation node before it; a
    value inside a box is the box; arrows between the same two boxes (or a
    box and a node) are drawn once, as draw_collapsed does.
    """
    box_of = box_of or {}
    edges: list[tuple[Hashable, Hashable]] = []
    seen: set[tuple[Hashable, Hashable]] = set()
    for node in order:
        if node in hidden:
            continue
        head_box = box_of.get(node)
        if head_box is None and node.parents:
            edges.append((("op", node), node))
        for parent in node.parents:
            if parent in hidden:
                continue
            tail_box = box_of.get(parent)
            if tail_box is None and head_box is None:
                edges.append((parent, ("op", node)))
                continue
            tail = ("box", tail_box) if tail_box is not None else parent
            head = ("box", head_box) if head_box is not None else ("op", node)
            if tail != head and (tail, head) not in seen:
                seen.add((tail, head))
                edges.append((tail, head))
    return edges


def dot_lays_out_quickly(edges: list[tuple[Hashable, Hashable]]) -> bool:
    """True when the estimates stay within MAX_VIRTUAL_NODES and MAX_LAYOUT_SIZE."""
    virtual = virtual_nodes(edges)
    keys = {key for edge in edges for key in edge}
    return virtual <= MAX_VIRTUAL_NODES and len(keys) + len(edges) + 2 * virtual <= MAX_LAYOUT_SIZE


def layout_size(edges: list[tuple[Hashable, Hashable]]) -> int:
    """The estimated size of dot's positioning problem: nodes + edges + 2 * virtual nodes.

    dot places nodes left to right by network simplex on an auxiliary graph
    with a node for every node, every edge and every virtual node, and an
    edge more for each of the latter two (Gansner et al. 1993, section 4.2);
    that phase dominates on the slow graphs measured (dot -v).
    """
    keys = {key for edge in edges for key in edge}
    return len(keys) + len(edges) + 2 * virtual_nodes(edges)


def virtual_nodes(edges: list[tuple[Hashable, Hashable]]) -> int:
    """The estimated number of virtual nodes dot adds for long edges (see the module)."""
    rank = ranks(edges)
    # dot reverses an edge against the order, but it still spans the same ranks
    return sum(max(abs(rank[head] - rank[tail]) - 1, 0) for tail, head in edges)


def ranks(edges: list[tuple[Hashable, Hashable]]) -> dict[Hashable, int]:
    """An estimate of the rank dot gives each key (see the module)."""
    successors: dict[Hashable, list[Hashable]] = defaultdict(list)
    in_degree: dict[Hashable, int] = defaultdict(int)
    for tail, head in edges:
        successors[tail].append(head)
        in_degree.setdefault(tail, 0)  # first seen, first placed: draw's order, parents first
        in_degree[head] += 1
    order = _topological(successors, in_degree)
    position = {key: index for index, key in enumerate(order)}
    forward = [(t, h) for t, h in edges if position[t] < position[h]]  # a cycle's back edges
    rank = dict.fromkeys(order, 0)
    for tail, head in sorted(forward, key=lambda edge: position[edge[0]]):
        rank[head] = max(rank[head], rank[tail] + 1)
    ins = defaultdict(int)
    outs: dict[Hashable, list[Hashable]] = defaultdict(list)
    for tail, head in forward:
        ins[head] += 1
        outs[tail].append(head)
    for key in reversed(order):  # successors first: each moves at most once, downwards
        if outs[key] and len(outs[key]) >= ins[key]:
            rank[key] = max(rank[key], min(rank[head] for head in outs[key]) - 1)
    return rank


def _topological(successors: dict[Hashable, list[Hashable]],
                 in_degree: dict[Hashable, int]) -> list[Hashable]:
    """Kahn's order; keys on a cycle (boxes can form one) follow in first-seen order."""
    remaining = dict(in_degree)
    ready = [key for key, degree in remaining.items() if degree == 0]
    order: list[Hashable] = []
    placed: set[Hashable] = set()
    while ready:
        key = ready.pop()
        order.append(key)
        placed.add(key)
        for head in successors.get(key, ()):
            remaining[head] -= 1
            if remaining[head] == 0:
                ready.append(head)
    order.extend(key for key in in_degree if key not in placed)
    return order

"""Grouping a graph's nodes by the network module they belong to, and collapsing.

A network's graph has thousands of nodes; drawn flat it is a hairball. Given
a model (anything with `named_parameters()`, such as an `nn.MLP`), we place
each node in the module it belongs to: a parameter named
"layers.0.neurons.3.weights.1" lives in the module chain
("layers.0", "layers.0.neurons.3"), drawn as a neuron cluster inside a layer
cluster. A computed node joins the module of a parameter it uses directly;
otherwise it joins its inputs' module when they all agree (so the neuron's
sums and its activation stay inside the neuron, while `out - y` and
`out - 1.0` do not: an input or a constant from outside ends the module).

When even that is too many nodes, or more long edges than dot can lay out in
seconds (see cost.py), `collapse` turns whole modules into one box each
(neurons first, then layers), or, without a model, keeps the nodes nearest
the output and puts the rest in one box.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

from autograd.notation import format_number
from autograd.value import Value

from .cost import dot_lays_out_quickly, drawn_edges

Chain = tuple[str, ...]  # module paths from outermost to innermost


@dataclass
class ModuleGroups:
    """Which module (chain of paths) each node belongs to; short parameter names."""

    chains: dict[Value, Chain] = field(default_factory=dict)
    short_names: dict[Value, str] = field(default_factory=dict)
    parameters: set[Value] = field(default_factory=set)


def module_groups(model: Any, order: list[Value]) -> ModuleGroups:
    """Assign the nodes of `order` (parents first) to the modules of `model`."""
    named = getattr(model, "named_parameters", None)
    if not callable(named):
        raise TypeError(f"draw: model= expects a network with named_parameters() (such as "
                        f"nn.MLP), got {type(model).__name__}")
    groups = ModuleGroups()
    for name, parameter in named():
        module_path, short = _split_parameter_name(name)
        groups.chains[parameter] = _chain(module_path)
        groups.short_names[parameter] = short
        groups.parameters.add(parameter)
    for node in order:
        if node in groups.chains or node.is_leaf:
            continue
        chain = _chain_of_computed(node, groups)
        if chain:
            groups.chains[node] = chain
    return groups


def _chain_of_computed(node: Value, groups: ModuleGroups) -> Chain:
    direct = [groups.chains[p] for p in node.parents if p in groups.parameters]
    if direct:
        return direct[0]
    # A constant counts as outside every module: `out - 1.0` is the loss, not the neuron.
    inputs = [groups.chains.get(arg, ()) if isinstance(arg, Value) else ()
              for arg in node.inputs]
    if all(chain == inputs[0] for chain in inputs):
        return inputs[0]
    return ()


def _split_parameter_name(name: str) -> tuple[str, str]:
    """'layers.0.neurons.3.weights.1' -> ('layers.0.neurons.3', 'weights.1')."""
    parts = name.split(".")
    end = len(parts)
    while end > 0 and parts[end - 1].isdecimal():
        end -= 1
    end = max(end - 1, 0)  # the field itself: 'weights' or 'bias'
    return ".".join(parts[:end]), ".".join(parts[end:])


def _chain(module_path: str) -> Chain:
    """'layers.0.neurons.3' -> ('layers.0', 'layers.0.neurons.3')."""
    if not module_path:
        return ()
    parts = module_path.split(".")
    chain = [".".join(parts[:i + 1]) for i, part in enumerate(parts) if part.isdecimal()]
    if not chain or chain[-1] != module_path:
        chain.append(module_path)
    return tuple(chain)


def natural_key(path: str) -> tuple[tuple[int, int, str], ...]:
    """Sort 'layers.2' before 'layers.10' (numbers compared as numbers)."""
    return tuple((0, int(part), "") if part.isdecimal() else (1, 0, part)
                 for part in path.split("."))


def parallel_rows(ids: dict[str, str]) -> list[list[str]]:
    """The node ids (values of `ids`, keyed by module path) of modules side by side in
    the model: siblings inside one module (the neurons of a layer), each row in the
    model's order. Top-level modules (layers) run one after the other: no row."""
    rows: dict[str, list[str]] = {}
    for path in sorted(ids, key=natural_key):
        chain = _chain(path)
        if len(chain) > 1:
            rows.setdefault(chain[-2], []).append(ids[path])
    return [row for row in rows.values() if len(row) > 1]


def cluster_title(path: str) -> str:
    """'layers.0.neurons.3' -> 'neuron 3'; 'layers.0' -> 'layer 0'."""
    parts = path.split(".")
    if len(parts) >= 2 and parts[-1].isdecimal():
        kind = parts[-2][:-1] if parts[-2].endswith("s") else parts[-2]
        return f"{kind} {parts[-1]}"
    return parts[-1]


# --- collapsing -----------------------------------------------------------------

@dataclass
class Collapsed:
    """A smaller view of the graph: some nodes drawn in boxes, some left out."""

    box_of: dict[Value, str]  # node -> box key; nodes absent are drawn as usual
    boxes: dict[str, tuple[str, str]]  # box key -> (title, detail)
    hidden: set[Value]  # nodes left out entirely (constants in a coarse view)
    root_box: str | None = None  # the box holding the root's operation (its value is drawn)


def collapse(order: list[Value], root: Value, groups: ModuleGroups | None,
             max_nodes: int) -> Collapsed | None:
    """The finest view dot can lay out quickly: None for the whole graph, else a Collapsed.

    A view fits when it has at most about `max_nodes` boxes and nodes and
    dot can lay it out quickly (estimated: autograd.draw.cost).
    Tried in turn: the whole graph; with a model, one box per innermost module
    (neuron), then per outermost (layer), then every node outside a module
    lumped too; last, the nodes nearest the root, fewer and fewer of them.
    """
    if len(order) <= max_nodes and dot_lays_out_quickly(drawn_edges(order)):
        return None
    if groups is not None and groups.chains:
        for depth, lump in ((-1, False), (0, False), (-1, True), (0, True)):  # neurons, layers
            view = _module_view(order, root, groups, depth, lump_others=lump)
            if _size(view, order) <= max_nodes and _fits(view, order):
                return view
    kept = min(max_nodes, len(order))
    view = _nearest_view(order, root, kept)
    while kept > 2 and not _fits(view, order):
        kept //= 2
        view = _nearest_view(order, root, kept)
    return view


def _fits(view: Collapsed, order: list[Value]) -> bool:
    return dot_lays_out_quickly(drawn_edges(order, view.box_of, view.hidden))


def _size(view: Collapsed, order: list[Value]) -> int:
    return len(view.boxes) + sum(1 for node in order
                                 if node not in view.box_of and node not in view.hidden)


def _module_view(order: list[Value], root: Value, groups: ModuleGroups, depth: int,
                 lump_others: bool) -> Collapsed:
    view = Collapsed({}, {}, set())
    members: dict[str, list[Value]] = {}
    for node in order:
        chain = groups.chains.get(node)
        if node is root:  # always drawn, never hidden; its operation stays in its module
            view.root_box = chain[depth] if chain and not node.is_leaf else None
            continue
        if chain:
            key = chain[depth]
        elif not lump_others:
            continue
        elif node.is_constant:
            view.hidden.add(node)
            continue
        else:
            key = "inputs" if node.is_leaf else "other nodes"
        view.box_of[node] = key
        members.setdefault(key, []).append(node)
    if view.root_box not in members:
        view.root_box = None
    for key, nodes in sorted(members.items(), key=lambda item: natural_key(item[0])):
        weights = [node for node in nodes if node in groups.parameters]
        title = cluster_title(key) if key in ("inputs", "other nodes") else _box_title(key)
        detail = f"{len(weights)} parameters, {len(nodes)} nodes"
        if weights and root.grad != 0.0:  # after backward: what reached the parameters
            detail += f"; largest |grad| {format_number(max(abs(p.grad) for p in weights))}"
        view.boxes[key] = (title, detail)
    return view


def _box_title(path: str) -> str:
    """'layers.0.neurons.3' -> 'layer 0 / neuron 3'."""
    return " / ".join(cluster_title(part) for part in _chain(path))


def _nearest_view(order: list[Value], root: Value, max_nodes: int) -> Collapsed:
    """Keep the max_nodes - 1 nodes nearest the root (breadth first); box the rest."""
    kept = {root}
    queue = deque([root])
    while queue and len(kept) < max_nodes - 1:
        node = queue.popleft()
        for parent in node.parents:
            if parent not in kept and len(kept) < max_nodes - 1:
                kept.add(parent)
                queue.append(parent)
    box_of = {node: "earlier" for node in order if node not in kept}
    detail = f"{len(box_of)} nodes not drawn (raise max_nodes to see them)"
    return Collapsed(box_of, {"earlier": ("earlier nodes", detail)}, set())


def first_member(members: dict[tuple[str, ...], list[Value]], prefix: tuple[str, ...]) -> Value:
    """The first node in any cluster starting with `prefix` (names the cluster stably)."""
    for chain, nodes in members.items():
        if chain[:len(prefix)] == prefix and nodes:
            return nodes[0]
    raise LookupError(f"no node in cluster {prefix!r}")

"""The backward pass: topological order and the chain rule, applied in one place.

Every node holds the local derivatives d(node)/d(parent) from the forward pass.
Backward visits the nodes from the root towards the leaves, each node only after
every node that uses it, and passes its gradient down to its parents:

    parent.grad += local * node.grad

`+=` because a value used in several places receives one contribution from each
of them (the multivariate chain rule). Everything here is iterative, so graphs
of millions of nodes need no recursion.
"""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING, Callable, Iterator

if TYPE_CHECKING:
    from .value import Value

EdgeObserver = Callable[["Value", "Value", float], None]

_creation_order = attrgetter("_id")
_grad_of = attrgetter("_grad")


def topological_order(root: Value) -> list[Value]:
    """Every node `root` depends on (itself included), in creation order.

    Creation order is topological: a parent always exists before its children.
    """
    return sorted(_all_nodes(root), key=_creation_order)


def backward(root: Value, *, on_edge: EdgeObserver | None = None) -> None:
    """Set root.grad = 1 and every other node's grad to d(root)/d(node).

    Leaves accumulate across calls (like PyTorch); interior grads are
    recomputed from zero on each call. `on_edge(node, parent, local)` is
    called just before each `+=` (for tracing); it must not change the graph.
    """
    interior, leaves = _interior_and_leaves(root)
    saved_leaf_grads = list(map(_grad_of, leaves))  # to undo an overflow
    for node in interior:
        node._grad = 0.0
    if root._parent1 is not None:
        root._grad = 1.0  # d(root)/d(root)
    else:
        root._grad += 1.0  # a leaf root accumulates like any leaf

    for node in interior:  # children before parents
        upstream = node._grad
        if upstream - upstream:  # inf or NaN (finite minus itself is 0.0)
            _undo(interior, leaves, saved_leaf_grads)
            raise _overflow(node)
        # A node has one or two parents: this loop runs once for each.
        parent, local, next_parent = node._parent1, node._local1, node._parent2
        while True:
            if on_edge is not None:
                on_edge(node, parent, local)
            parent._grad += local * upstream  # the chain rule: the only place a grad changes
            if next_parent is None:
                break
            parent, local, next_parent = next_parent, node._local2, None

    leaf_sum = sum(map(_grad_of, leaves))
    if leaf_sum - leaf_sum:  # some leaf's grad is inf or NaN
        _undo(interior, leaves, saved_leaf_grads)
        raise _overflow(next(leaf for leaf in leaves if leaf._grad - leaf._grad))


def zero_grad(root: Value) -> None:
    """Set grad to 0.0 on root and every node it depends on."""
    for node in _all_nodes(root):
        node._grad = 0.0


def _interior_and_leaves(root: Value) -> tuple[list[Value], list[Value]]:
    """Interior nodes, children before parents, and the leaves (with repeats)."""
    if root._parent1 is None:
        return [], [root]
    interior = {root}
    leaves: list[Value] = []
    stack = [root]
    while stack:
        node = stack.pop()
        parent = node._parent1
        if parent._parent1 is None:
            leaves.append(parent)
        elif parent not in interior:
            interior.add(parent)
            stack.append(parent)
        parent = node._parent2
        if parent is None:
            continue
        if parent._parent1 is None:
            leaves.append(parent)
        elif parent not in interior:
            interior.add(parent)
            stack.append(parent)
    # Ids grow with creation, so the newest node comes first: children before parents.
    return sorted(interior, key=_creation_order, reverse=True), leaves


def _all_nodes(root: Value) -> Iterator[Value]:
    seen = {root}
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        for parent in (node._parent1, node._parent2):
            if parent is not None and parent not in seen:
                seen.add(parent)
                stack.append(parent)


def _undo(interior: list[Value], leaves: list[Value], saved: list[float]) -> None:
    for node in interior:
        node._grad = 0.0
    for leaf, grad in zip(leaves, saved):
        leaf._grad = grad


def _overflow(node: Value) -> OverflowError:
    return OverflowError(f"backward: the gradient at {node!r} is not a finite float; "
                         f"no gradient was changed; rescale the loss or the inputs")

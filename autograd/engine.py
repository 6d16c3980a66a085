"""The backward pass: the chain rule, applied in one place, in the right order.

Every node holds the local derivatives d(node)/d(parent) from the forward pass.
Backward starts at the root with d(root)/d(root) = 1 and passes gradients down:

    parent.grad += local * node.grad

`+=` because a value used in several places receives one contribution from each
of them (the multivariate chain rule). So a node may pass its own gradient on
only once it has received every contribution: we count, for each node, the
edges of the graph that use it, and a node is ready when that count reaches 0
(Kahn's algorithm, in reverse). Everything is iterative: graphs of millions of
nodes need no recursion.

A node has one or two parents; the small `while parent is not None` loops below
run once for each of them. The counters live on the nodes, so two threads must
not run backward through the same graph at the same time.
"""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from .value import Value

EdgeObserver = Callable[["Value", "Value", float], None]

_grad_of = attrgetter("_grad")


def backward(root: Value, *, on_edge: EdgeObserver | None = None) -> None:
    """Set root.grad = 1 and every other node's grad to d(root)/d(node).

    Leaves accumulate across calls (like PyTorch); interior grads are
    recomputed from zero on each call. `on_edge(node, parent, local)` is
    called just before each `+=` (for tracing); it must not change the graph.
    """
    if root._parent1 is None:
        root._grad += 1.0  # a leaf as root accumulates like any leaf
        return
    # _count_uses also saves every grad it will change, so that a failure (an
    # overflow, Ctrl-C) can put them all back: nothing is half-written.
    interior, saved_interior_grads, leaves, saved_leaf_grads = _count_uses(root)
    root._grad = 1.0  # d(root)/d(root)
    ready = [root]
    try:
        while ready:
            node = ready.pop()
            upstream = node._grad
            if upstream - upstream:  # inf or NaN (a finite float minus itself is 0.0)
                raise _overflow(node)
            parent, local = node._parent1, node._local1
            next_parent, next_local = node._parent2, node._local2
            while parent is not None:
                if on_edge is not None:
                    on_edge(node, parent, local)
                parent._grad += local * upstream  # the chain rule: the only place a grad changes
                if parent._parent1 is not None:
                    parent._pending -= 1
                    if not parent._pending:  # every use of parent has contributed
                        ready.append(parent)
                parent, local, next_parent = next_parent, next_local, None
        leaf_sum = sum(map(_grad_of, leaves))
        if leaf_sum - leaf_sum:  # the sum is not finite: is some leaf's grad?
            overflowed = [leaf for leaf in leaves if leaf._grad - leaf._grad]
            if overflowed:
                raise _overflow(overflowed[0])
    except BaseException:  # overflow, an observer's error, Ctrl-C: change nothing
        _put_back(interior, saved_interior_grads, leaves, saved_leaf_grads)
        raise
    for leaf in leaves:
        leaf._pending = 0  # clear the mark _count_uses put on it


def _count_uses(root: Value) -> tuple[list[Value], list[float], list[Value], list[float]]:
    """Count, in each interior node's `_pending`, the edges of root's graph
    that use it, and set its grad to 0.0 (interior grads are recomputed, never
    compounded). Return the interior nodes and the leaves, each once, with the
    grads they had, so that backward can undo everything after a failure.

    `_pending` is 0 between backward passes: backward counts interior nodes
    down again and clears the mark this pass puts on leaves.
    """
    interior, saved_interior_grads = [root], [root._grad]
    leaves: list[Value] = []
    saved_leaf_grads: list[float] = []
    try:
        for node in interior:  # the list grows as we go, so every interior node is visited
            parent, next_parent = node._parent1, node._parent2
            while parent is not None:
                if parent._parent1 is None:  # a leaf: marked once, not counted
                    if not parent._pending:
                        parent._pending = 1
                        leaves.append(parent)
                        saved_leaf_grads.append(parent._grad)
                else:
                    if not parent._pending:  # the first edge found that uses it
                        interior.append(parent)
                        saved_interior_grads.append(parent._grad)
                        parent._grad = 0.0
                    parent._pending += 1
                parent, next_parent = next_parent, None
    except BaseException:  # e.g. Ctrl-C: put everything back
        _put_back(interior, saved_interior_grads, leaves, saved_leaf_grads)
        raise
    return interior, saved_interior_grads, leaves, saved_leaf_grads


def _put_back(interior: list[Value], saved_interior_grads: list[float],
              leaves: list[Value], saved_leaf_grads: list[float]) -> None:
    """Undo a backward pass that failed: every grad as it was, every counter 0."""
    for node, grad in zip(interior, saved_interior_grads):
        node._grad = grad
    for leaf, grad in zip(leaves, saved_leaf_grads):
        leaf._grad = grad
    for node in interior + leaves:
        node._pending = 0


def topological_order(root: Value) -> list[Value]:
    """Every node `root` depends on, itself included, each after its parents.

    A depth-first search that places a node once all its parents are placed,
    visiting first parents first: for a formula this is the order it was written.
    """
    order: list[Value] = []
    placed: set[Value] = set()
    stack: list[tuple[Value, bool]] = [(root, False)]
    while stack:
        node, parents_done = stack.pop()
        if node in placed:
            continue
        if parents_done:
            placed.add(node)
            order.append(node)
            continue
        stack.append((node, True))
        for parent in reversed(node.parents):
            if parent not in placed:
                stack.append((parent, False))
    return order


def zero_grad(root: Value) -> None:
    """Set grad to 0.0 on root and every node it depends on."""
    for node in topological_order(root):
        node._grad = 0.0


def _overflow(node: Value) -> OverflowError:
    return OverflowError(f"backward: the gradient at {node!r} is not a finite float; "
                         f"no gradient was changed; rescale the loss or the inputs")

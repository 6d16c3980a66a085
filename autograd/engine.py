"""The backward pass: the chain rule, applied in one place, in the right order.

Every node holds the local derivatives d(node)/d(parent) from the forward pass.
backward() is the algorithm of the lecture:

1. order the graph so that every node comes after its parents (topological order);
2. seed: d(root)/d(root) = 1;
3. walk the order in reverse, from the root back to the leaves, and for each
   node pass its gradient to each parent:  parent.grad += local * node.grad

`+=` because a value used in several places receives one contribution from each
of them (the multivariate chain rule). Walking in reverse topological order
means a node passes its gradient on only after every node that uses it has
contributed. Everything is iterative: graphs of millions of nodes need no recursion.

The gradients of one pass are collected in a dict and stored on the nodes
only at the end, so that an error or Ctrl-C in the middle changes nothing.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Callable

from . import collector
from .checks import instance
from .interrupts import deferred_interrupts

if TYPE_CHECKING:
    from .value import Value

# on_edge(node, parent, local, upstream, before): a `+=` about to happen (see trace.py)
EdgeObserver = Callable[["Value", "Value", float, float, float], None]


def backward(root: Value, *, on_edge: EdgeObserver | None = None) -> None:
    """Set root.grad = 1 and every other node's grad to d(root)/d(node).

    Leaves (inputs, parameters) accumulate across calls, as in PyTorch, so
    call zero_grad between steps; the other nodes' grads are fresh on each call.
    `on_edge(node, parent, local, upstream, before)` is called just before
    each `+=`, `before` being the parent's grad so far in this pass (for
    tracing: see trace.py). Raises OverflowError, changing no grad,
    when a gradient is not finite; an error or Ctrl-C also changes no grad.
    """
    _check_root("backward", root)
    order = topological_order(root)                # 1. every node after its parents
    grads = dict.fromkeys(order, 0.0)              # this pass's grads, from 0.0
    grads[root] = 1.0                              # 2. the seed: d(root)/d(root) = 1
    for node in reversed(order):                   # 3. from the root back to the leaves
        upstream = grads[node]                     # d(root)/d(node): complete by now
        if upstream == 0.0 and on_edge is None:
            continue                               # nothing to pass on (e.g. a relu that was off)
        for parent, local in zip(node._parents, node._local_grads):
            if on_edge is not None:
                on_edge(node, parent, local, upstream, grads[parent])
            grads[parent] += local * upstream     # the chain rule
    _store(grads)


def _store(grads: dict[Value, float]) -> None:
    """Write one pass's grads onto the nodes: all of them, or none.
    Leaves add theirs to what they had; the other nodes take the new value."""
    leaves = [(node, node._grad + grad) for node, grad in grads.items() if not node._parents]
    if not math.isfinite(sum(grads.values())) or not all(math.isfinite(g) for _, g in leaves):
        bad = [node for node, grad in [*grads.items(), *leaves] if not math.isfinite(grad)]
        if bad:  # (a finite sum can overflow, so the sum alone is not the test)
            raise OverflowError(f"backward: the gradient at {bad[0]!r} is not a finite float; "
                                f"no gradient was changed; rescale the loss or the inputs")
    with deferred_interrupts():  # Ctrl-C waits until every grad is stored
        for node, grad in grads.items():
            node._grad = grad
        for leaf, grad in leaves:
            leaf._grad = grad


def topological_order(root: Value) -> list[Value]:
    """Every node `root` depends on, itself included, each after its parents.

    Depth-first, first parents first (for a formula, the order it was
    written): a node is placed once all its parents are. `path` is the chain
    of nodes being explored from the root, and `todo` holds, for each of them,
    an iterator over the parents not looked at yet; so no recursion is needed,
    however deep the graph. The collector is paused meanwhile: those iterators
    are objects it would walk again and again on a deep graph (see collector.py).
    """
    _check_root("topological_order", root)
    if not root._parents:  # a leaf (zero_grad of each parameter): nothing to walk
        return [root]
    order: list[Value] = []
    visited = {root}
    path = [root]
    todo = [iter(root._parents)]
    with collector.paused():
        while path:
            for parent in todo[-1]:
                if parent not in visited:  # explore this parent first
                    visited.add(parent)
                    path.append(parent)
                    todo.append(iter(parent._parents))
                    break
            else:  # every parent of the node is placed: place the node
                todo.pop()
                order.append(path.pop())
    return order


def zero_grad(root: Value) -> None:
    """Set grad to 0.0 on root and every node it depends on."""
    _check_root("zero_grad", root)
    for node in topological_order(root):
        node._grad = 0.0


def _check_root(where: str, root: object) -> None:
    from .value import Value  # value.py imports this module: look it up when called
    instance(where, "root", root, Value, "a Value, the output of an expression of Values")

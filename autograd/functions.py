"""The operations as functions that accept Values or plain numbers.

`exp(x)` is `Value.exp` for a Value and makes a constant leaf first for a
number, so formulas read like the lecture notes: `sigmoid(w * x + b)`.
"""

from __future__ import annotations

from typing import Any

from . import ops
from .checks import checked_number
from .value import Operand, Value, _node, _operator, lift


def exp(x: Operand) -> Value:
    """e ** x"""
    return lift(x, "exp").exp()


def log(x: Operand) -> Value:
    """Natural logarithm, x > 0."""
    return lift(x, "log").log()


def sqrt(x: Operand) -> Value:
    """Square root, x > 0."""
    return lift(x, "sqrt").sqrt()


def sin(x: Operand) -> Value:
    return lift(x, "sin").sin()


def cos(x: Operand) -> Value:
    return lift(x, "cos").cos()


def arctan(x: Operand) -> Value:
    return lift(x, "arctan").arctan()


def tanh(x: Operand) -> Value:
    return lift(x, "tanh").tanh()


def sigmoid(x: Operand) -> Value:
    """1 / (1 + e ** -x) as one node."""
    return lift(x, "sigmoid").sigmoid()


def relu(x: Operand) -> Value:
    return lift(x, "relu").relu()


def leaky_relu(x: Operand, alpha: float = 0.01) -> Value:
    return lift(x, "leaky_relu").leaky_relu(alpha)


def elu(x: Operand, alpha: float = 1.0) -> Value:
    return lift(x, "elu").elu(alpha)


def softplus(x: Operand) -> Value:
    return lift(x, "softplus").softplus()


def gelu(x: Operand) -> Value:
    return lift(x, "gelu").gelu()


_maximum = _operator("maximum")
_minimum = _operator("minimum")


def maximum(a: Operand, b: Operand) -> Value:
    """max(a, b) as one node; at a tie each input gets half the gradient."""
    return _maximum(lift(a, "maximum"), b)


def minimum(a: Operand, b: Operand) -> Value:
    """min(a, b) as one node; at a tie each input gets half the gradient."""
    return _minimum(lift(a, "minimum"), b)


def apply(rule: ops.RuleFunction, *inputs: Operand, op: str = "") -> Value:
    """One node computed by a rule function of your own: it takes one or two
    floats and returns the result and the tuple of its local derivatives."""
    if not isinstance(op, str):
        raise TypeError(f"apply: op must be a str naming the operation, got "
                        f"{type(op).__name__} {op!r}")
    name = op or getattr(rule, "__name__", "apply")
    if len(inputs) not in (1, 2):
        raise ValueError(f"{name}: a node takes one or two inputs, got {len(inputs)}; "
                         f"combine more inputs with several nodes")
    parents = [lift(x, name) for x in inputs]
    result = rule(*(p._data for p in parents))
    if not isinstance(result, tuple) or len(result) != 2:
        raise ValueError(f"{name}: the rule must return a pair (result, local_grads), "
                         f"got {result!r}")
    data, local = result
    if not isinstance(local, tuple) or len(local) != len(parents):
        raise ValueError(f"{name}: the rule must return (result, local_grads) with one "
                         f"local derivative per input, got {local!r} for {len(parents)} inputs")
    data = checked_number(name, data)
    local = [checked_number(name, g) for g in local]
    if len(parents) == 1:
        return _node(data, name, parents[0], local[0])
    return _node(data, name, parents[0], local[0], parents[1], local[1])


def sum_values(values: Any) -> Value:
    """x1 + x2 + ... + xn as a chain of add nodes (no leading 0 like sum())."""
    items = list(values)
    if not items:
        raise ValueError("sum_values: needs at least one value; pass a non-empty list")
    result = lift(items[0], "add")
    for x in items[1:]:
        result = result + x
    return result

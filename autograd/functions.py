"""The operations as functions that accept Values or plain numbers.

`exp(x)` is `Value.exp` for a Value and makes a constant leaf first for a
number, so formulas read like the lecture notes: `sigmoid(w * x + b)`.
"""

from __future__ import annotations

from . import ops
from .value import Operand, Value, _binary, lift


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


def maximum(a: Operand, b: Operand) -> Value:
    """max(a, b) as one node; at a tie each input gets half the gradient."""
    return _binary("maximum", ops.maximum, lift(a, "maximum"), b)


def minimum(a: Operand, b: Operand) -> Value:
    """min(a, b) as one node; at a tie each input gets half the gradient."""
    return _binary("minimum", ops.minimum, lift(a, "minimum"), b)

"""Activation functions by name, in two versions that compute the same number.

A layer stores its activation as a name ("relu"), so a saved model is plain
text and a diagram can print it. This table turns the name into:

    on_value(v)  one node in the graph, for training (backprop goes through it);
    on_float(x)  the number only, through the same rule function in
                 autograd.ops, for prediction without building a graph.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, TypeVar

from autograd import Value, ops
from autograd.checks import one_of


@dataclass(frozen=True)
class Activation:
    """An activation: its name, its graph version and its float version."""

    name: str
    on_value: Callable[[Value], Value]
    on_float: Callable[[float], float]


T = TypeVar("T")


def _identity(x: T) -> T:
    return x


def _leaky_relu_value(v: Value) -> Value:
    return v.leaky_relu(LEAKY_RELU_ALPHA)


def _elu_value(v: Value) -> Value:
    return v.elu(ELU_ALPHA)


# The fixed slopes of leaky_relu and elu (the usual defaults, as in PyTorch).
LEAKY_RELU_ALPHA = 0.01
ELU_ALPHA = 1.0

ACTIVATIONS: dict[str, Activation] = {
    "linear": Activation("linear", _identity, _identity),
    "sigmoid": Activation("sigmoid", Value.sigmoid, lambda x: ops.sigmoid(x)[0]),
    "tanh": Activation("tanh", Value.tanh, lambda x: ops.tanh(x)[0]),
    "relu": Activation("relu", Value.relu, lambda x: ops.relu(x)[0]),
    "leaky_relu": Activation("leaky_relu", _leaky_relu_value,
                             lambda x: ops.leaky_relu(x, LEAKY_RELU_ALPHA)[0]),
    "elu": Activation("elu", _elu_value, lambda x: ops.elu(x, ELU_ALPHA)[0]),
    "softplus": Activation("softplus", Value.softplus, lambda x: ops.softplus(x)[0]),
    "gelu": Activation("gelu", Value.gelu, lambda x: ops.gelu(x)[0]),
}


def get_activation(name: str | None, where: str = "get_activation") -> Activation:
    """The activation called `name` (None means linear); a one-line ValueError naming
    `where` and listing the known names if there is none of that name."""
    return ACTIVATIONS[one_of(where, "activation", "linear" if name is None else name,
                              ACTIVATIONS)]

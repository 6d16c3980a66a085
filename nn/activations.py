"""Activation functions by name, in two versions that compute the same number.

A layer stores its activation as a name ("relu"), so a saved model is plain
text and a diagram can print it. This table turns the name into:

    on_value(v)  one node in the graph, for training (backprop goes through it);
    on_float(x)  the number only, through the same rule function in
                 autograd.ops, for prediction without building a graph.

leaky_relu and elu take their slope in the name: "leaky_relu" is PyTorch's
default slope 0.01, "leaky_relu(0.1)" is CS231n's max(0.1 x, x); likewise
"elu(0.5)". step and sign are the perceptron's (derivative 0: backprop cannot
train through them). softmax(values) turns a list of scores into probabilities.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Callable, Sequence, TypeVar

from autograd import Value, ops, sum_values
from autograd.checks import message, one_of, real, sequence


@dataclass(frozen=True)
class Activation:
    """An activation: its name, its graph version and its float version."""

    name: str
    on_value: Callable[[Value], Value]
    on_float: Callable[[float], float]


T = TypeVar("T")


def _identity(x: T) -> T:
    return x


def _leaky_relu(alpha: float) -> Activation:
    name = "leaky_relu" if alpha == LEAKY_RELU_ALPHA else f"leaky_relu({alpha!r})"
    return Activation(name, lambda v: v.leaky_relu(alpha),
                      lambda x: ops.leaky_relu(x, alpha)[0])


def _elu(alpha: float) -> Activation:
    name = "elu" if alpha == ELU_ALPHA else f"elu({alpha!r})"
    return Activation(name, lambda v: v.elu(alpha), lambda x: ops.elu(x, alpha)[0])


# The fixed slopes of leaky_relu and elu (the usual defaults, as in PyTorch).
LEAKY_RELU_ALPHA = 0.01
ELU_ALPHA = 1.0

ACTIVATIONS: dict[str, Activation] = {
    "linear": Activation("linear", _identity, _identity),
    "sigmoid": Activation("sigmoid", Value.sigmoid, lambda x: ops.sigmoid(x)[0]),
    "tanh": Activation("tanh", Value.tanh, lambda x: ops.tanh(x)[0]),
    "relu": Activation("relu", Value.relu, lambda x: ops.relu(x)[0]),
    "leaky_relu": _leaky_relu(LEAKY_RELU_ALPHA),
    "elu": _elu(ELU_ALPHA),
    "softplus": Activation("softplus", Value.softplus, lambda x: ops.softplus(x)[0]),
    "gelu": Activation("gelu", Value.gelu, lambda x: ops.gelu(x)[0]),
    "arctan": Activation("arctan", Value.arctan, lambda x: ops.arctan(x)[0]),
    "step": Activation("step", Value.step, lambda x: ops.step(x)[0]),
    "sign": Activation("sign", Value.sign, lambda x: ops.sign(x)[0]),
}

# The activations whose name may carry a number: "leaky_relu(0.1)", "elu(0.5)".
WITH_SLOPE: dict[str, Callable[[float], Activation]] = {"leaky_relu": _leaky_relu, "elu": _elu}
_WITH_SLOPE = re.compile(r"(\w+)\((.*)\)")


def get_activation(name: str | None, where: str = "get_activation") -> Activation:
    """The activation called `name` (None means linear), or with another slope
    written in the name: "leaky_relu(0.1)", "elu(0.5)". A one-line ValueError
    naming `where` and listing the known names if there is none of that name,
    or if the slope in the name is not a finite number."""
    name = "linear" if name is None else name
    if isinstance(name, str) and name in ACTIVATIONS:
        return ACTIVATIONS[name]
    match = _WITH_SLOPE.fullmatch(name) if isinstance(name, str) else None
    if match is None or match.group(1) not in WITH_SLOPE:
        one_of(where, "activation", name, ACTIVATIONS,
               also="leaky_relu(0.1) or elu(0.5) for another slope")
    try:
        slope = float(match.group(2))
    except ValueError:
        slope = math.nan
    if not math.isfinite(slope):
        raise ValueError(message(where, "activation", name, "without a finite slope",
                                 "a number in the brackets, like leaky_relu(0.1)"))
    return WITH_SLOPE[match.group(1)](slope)


def is_activation(name: object) -> bool:
    """True if `name` names an activation get_activation accepts."""
    try:
        get_activation(name)  # type: ignore[arg-type]
    except ValueError:
        return False
    return True


def softmax(values: Sequence[Value | float]) -> list[Value]:
    """Probabilities p_k = e^(s_k) / sum_j e^(s_j) from K class scores (K >= 1).

    Returns a list of K Values, each in (0, 1], summing to 1 (up to rounding).
    Stable: the largest score m (a plain float, m = max s_k) is subtracted
    first, p_k = e^(s_k - m) / sum_j e^(s_j - m), which changes no probability
    and no gradient but keeps every e^(...) <= 1 (CS231n, "softmax": the
    normalization trick). Numbers become leaf Values. Raises the one-line errors
    of autograd.checks: TypeError for anything but a list of Values and numbers,
    ValueError for an empty list or a score that is not a finite number.
    """
    scores = sequence("softmax", "values", values, of="scores, one Value or number per class",
                      minimum=1)
    scores = [s if isinstance(s, Value) else Value(real("softmax", f"values[{index}]", s))
              for index, s in enumerate(scores)]
    largest = max(s.data for s in scores)
    exps = [(s - largest).exp() for s in scores]
    total = sum_values(exps)
    return [e / total for e in exps]

"""Tests for nn/activations.py: each name computes its textbook formula, both ways."""

import math

import pytest

from autograd import Value
from nn.activations import ACTIVATIONS, get_activation

# The formulas written out independently of autograd.ops.
FORMULAS = {
    "linear": lambda x: x,
    "sigmoid": lambda x: 1.0 / (1.0 + math.exp(-x)),
    "tanh": math.tanh,
    "relu": lambda x: max(0.0, x),
    "leaky_relu": lambda x: x if x > 0 else 0.01 * x,
    "elu": lambda x: x if x > 0 else math.exp(x) - 1.0,
    "softplus": lambda x: math.log(1.0 + math.exp(x)),
    "gelu": lambda x: 0.5 * x * (1.0 + math.erf(x / math.sqrt(2.0))),
    "arctan": math.atan,
    "step": lambda x: 1.0 if x >= 0 else 0.0,
    "sign": lambda x: 1.0 if x >= 0 else -1.0,
}
POINTS = (-3.0, -0.5, 0.25, 2.0)


def test_the_course_activations_are_all_there():
    assert set(ACTIVATIONS) == set(FORMULAS)


@pytest.mark.parametrize("name", sorted(FORMULAS))
def test_graph_and_float_versions_match_the_formula(name):
    activation = ACTIVATIONS[name]
    for x in POINTS:
        expected = FORMULAS[name](x)
        assert activation.on_float(x) == pytest.approx(expected, rel=1e-12, abs=1e-15)
        assert activation.on_value(Value(x)).data == activation.on_float(x)


def test_linear_adds_no_node():
    x = Value(1.5)
    assert ACTIVATIONS["linear"].on_value(x) is x


def test_none_means_linear_and_unknown_names_list_the_choices():
    assert get_activation(None).name == "linear"
    with pytest.raises(ValueError) as error:
        get_activation("Relu")
    assert str(error.value) == ("get_activation: activation='Relu' is unknown (did you mean "
                                "'relu'?); use one of 'linear', 'sigmoid', 'tanh', 'relu', "
                                "'leaky_relu', 'elu', 'softplus', 'gelu', 'arctan', 'step', "
                                "'sign', or leaky_relu(0.1) or elu(0.5) for another slope")

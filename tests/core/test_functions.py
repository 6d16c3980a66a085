"""Tests for the module-level functions (autograd/functions.py).

`autograd.exp(x)` and friends accept a Value or a plain number and build the
same single node as the method; the expected values are worked out with `math`.
"""

import math

import pytest

import autograd
from autograd import RULES, Value

from test_ops import MATH_FORWARD  # the by-hand formulas, one row per rule

UNARY = sorted(autograd.functions.UNARY)
# The by-hand formula at the function's default params (leaky_relu's 0.01, elu's 1.0).
DEFAULTS = {"leaky_relu": (0.01,), "elu": (1.0,)}
MATH = {name: (lambda x, f=MATH_FORWARD[name], p=DEFAULTS.get(name, ()): f(x, *p))
        for name in UNARY}


def test_every_one_input_rule_with_a_method_has_a_function():
    with_methods = {name for name, rule in RULES.items()
                    if rule.arity == 1 and hasattr(Value, name)}
    assert with_methods == set(UNARY) and "exp" in UNARY and "pow" not in UNARY
    assert all(callable(getattr(autograd, name)) for name in UNARY)


@pytest.mark.parametrize("name", UNARY)
def test_a_function_on_a_value_is_the_method(name):
    x = Value(0.8)
    node = getattr(autograd, name)(x)
    assert node.op == name and node.parents == (x,)
    assert node.data == pytest.approx(MATH[name](0.8), rel=1e-14)
    assert node.local_grads == getattr(Value(0.8), name)().local_grads


@pytest.mark.parametrize("name", UNARY)
def test_a_function_on_a_number_makes_a_constant_node(name):
    node = getattr(autograd, name)(2)
    assert node.op == name and node.inputs == (2,) and node.parents == ()
    assert node.is_constant and node.is_leaf
    assert node.data == pytest.approx(MATH[name](2.0), rel=1e-14)


def test_alpha_is_passed_through():
    assert autograd.leaky_relu(-2.0, 0.1).data == pytest.approx(-0.2, rel=1e-15)
    assert autograd.leaky_relu(-2.0).params == {"alpha": 0.01}
    assert autograd.elu(-1.0, alpha=2.0).data == pytest.approx(2 * (math.exp(-1) - 1), rel=1e-15)
    assert autograd.elu(Value(-1.0)).params == {"alpha": 1.0}


@pytest.mark.parametrize("a, b", [(Value(1.0), Value(3.0)), (1.0, Value(3.0)),
                                  (Value(1.0), 3), (1, 3)])
def test_maximum_and_minimum_accept_numbers_on_either_side(a, b):
    high, low = autograd.maximum(a, b), autograd.minimum(a, b)
    assert (high.op, high.data, low.op, low.data) == ("maximum", 3.0, "minimum", 1.0)
    for node in (high, low):
        assert node.inputs == (a, b)  # numbers stay constants of the node
        assert node.parents == tuple(x for x in (a, b) if isinstance(x, Value))
    # d max/da = 0, d max/db = 1; d min/da = 1, d min/db = 0, for the Value inputs only
    assert high.local_grads == tuple(g for x, g in zip((a, b), (0.0, 1.0)) if isinstance(x, Value))
    assert low.local_grads == tuple(g for x, g in zip((a, b), (1.0, 0.0)) if isinstance(x, Value))


def test_maximum_backward_splits_a_tie():
    a = Value(2.0)
    b = Value(2.0)
    autograd.maximum(a, b).backward()
    assert (a.grad, b.grad) == (0.5, 0.5)


def test_maximum_as_maxout():
    # max(w1 x, w2 x) with w1 = 2, w2 = -1 at x = 3: the first wins, d/dx = w1 = 2.
    x = Value(3.0)
    out = autograd.maximum(x * 2, x * -1)
    out.backward()
    assert (out.data, x.grad) == (6.0, 2.0)


@pytest.mark.parametrize("x, slope", [(Value(-2.0), Value(0.25)), (-2.0, Value(0.25)),
                                      (Value(-2.0), 0.25), (-2, 0.25)])
def test_prelu_accepts_numbers_on_either_side_and_the_slope_learns(x, slope):
    node = autograd.prelu(x, slope)
    assert (node.op, node.data, node.inputs) == ("prelu", -0.5, (x, slope))
    # x <= 0: d/dx = slope = 0.25, d/dslope = x = -2, for the Value inputs only
    assert node.local_grads == tuple(g for v, g in zip((x, slope), (0.25, -2.0))
                                     if isinstance(v, Value))
    if isinstance(x, Value):
        assert x.prelu(slope).local_grads == node.local_grads  # the method is the same node


def test_prelu_on_the_positive_side_passes_x_and_gives_the_slope_nothing():
    x, slope = Value(3.0), Value(0.25)
    out = autograd.prelu(x, slope)
    out.backward()
    assert (out.data, x.grad, slope.grad) == (3.0, 1.0, 0.0)


@pytest.mark.parametrize("name", UNARY + ["maximum", "minimum", "prelu"])
def test_a_bad_argument_is_named(name):
    function = getattr(autograd, name)
    args = ("two", 1.0) if name in ("maximum", "minimum", "prelu") else ("two",)
    with pytest.raises(TypeError, match=rf"{name}.*str"):
        function(*args)

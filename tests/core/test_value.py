"""Tests for Value (autograd/value.py): construction, the read-only view, operators.

What a learner sees on a node (data, grad, label, op, parents, local_grads,
params) must describe exactly one operation of the rule table; the expected
numbers below are worked out by hand.
"""

import math
import operator

import pytest

import autograd
from autograd import RULES, Value, maximum, minimum, sum_values

# How the public API builds each rule's node from Value inputs and params.
BUILDERS = {
    "add": operator.add, "sub": operator.sub, "mul": operator.mul, "div": operator.truediv,
    "neg": operator.neg, "pow": operator.pow, "vpow": operator.pow, "abs": abs,
    "rpow": lambda x, c: c ** x,
    "leaky_relu": lambda x, alpha: x.leaky_relu(alpha),
    "elu": lambda x, alpha: x.elu(alpha),
    "maximum": maximum,
    "minimum": minimum,
    "prelu": lambda x, slope: x.prelu(slope),
    "sum": lambda *xs: sum_values(xs),
}
for _name in autograd.functions.UNARY:  # every other one-input rule: its method
    BUILDERS.setdefault(_name, lambda x, _method=_name: getattr(x, _method)())

# One point inside every rule's domain, away from kinks: (inputs, params).
POINTS = {name: ((0.7, 1.9), ()) if RULES[name].arity == 2 else ((0.7,), ())
          for name in RULES}
POINTS.update(pow=((0.7,), (3,)), rpow=((0.7,), (2.5,)), sum=((0.7, 1.9, -0.4), ()),
              leaky_relu=((-0.7,), (0.2,)), elu=((-0.7,), (0.5,)))


def test_every_rule_is_reachable_from_the_public_api():
    assert set(BUILDERS) == set(RULES)


@pytest.mark.parametrize("name", sorted(RULES))
def test_every_op_is_one_node(name):
    inputs, params = POINTS[name]
    leaves = [Value(x) for x in inputs]
    node = BUILDERS[name](*leaves, *params)
    value, local_grads = RULES[name].apply(*inputs, *params)
    assert node.op == name
    assert all(p is leaf for p, leaf in zip(node.parents, leaves, strict=True))
    assert node.data == value
    assert node.local_grads == local_grads
    assert node.params == dict(zip(RULES[name].params, params))
    assert not node.is_leaf and not node.is_constant
    assert len(autograd.topological_order(node)) == len(leaves) + 1


def test_sigmoid_is_one_node_with_local_derivative_s_times_one_minus_s():
    x = Value(0.3)
    s = x.sigmoid()
    expected = 1.0 / (1.0 + math.exp(-0.3))
    assert s.parents == (x,)
    assert s.data == pytest.approx(expected, rel=1e-15)
    assert s.local_grads[0] == pytest.approx(expected * (1 - expected), rel=1e-15)


@pytest.mark.parametrize("number, stored", [(3, 3.0), (-2, -2.0), (0.25, 0.25), (10**20, 1e20)])
def test_numbers_are_stored_as_float(number, stored):
    x = Value(number)
    assert type(x.data) is float and x.data == stored


@pytest.mark.parametrize("bad, type_name", [(True, "bool"), ("1.0", "str"), (None, "NoneType"),
                                            (1j, "complex"), ([1.0], "list")])
def test_a_non_number_raises_type_error_naming_its_type(bad, type_name):
    with pytest.raises(TypeError, match=type_name):
        Value(bad)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_nan_and_infinity_raise_value_error(bad):
    with pytest.raises(ValueError, match="Value"):
        Value(bad)


def test_a_leaf_shows_an_empty_history():
    x = Value(2.0, label="x")
    assert (x.data, x.grad, x.label, x.op) == (2.0, 0.0, "x", "")
    assert (x.parents, x.local_grads, x.params) == ((), (), {})
    assert x.is_leaf and not x.is_constant
    assert Value(1.0).label == ""


def test_label_is_settable_and_must_be_text():
    x = Value(1.0)
    x.label = "weight"
    assert x.label == "weight"
    with pytest.raises(TypeError, match="label"):
        x.label = 3


def test_data_can_be_set_on_a_leaf_only():
    x = Value(1.0)
    x.data = 4
    assert type(x.data) is float and x.data == 4.0
    with pytest.raises(ValueError):
        x.data = math.nan
    y = x * 2
    with pytest.raises(AttributeError, match="leaf"):
        y.data = 1.0
    assert y.data == 8.0


@pytest.mark.parametrize("attribute, value", [("grad", 1.0), ("op", "add"), ("parents", ()),
                                               ("local_grads", (1.0,)), ("params", {})])
def test_the_view_is_read_only(attribute, value):
    node = Value(1.0) + 2
    with pytest.raises(AttributeError):
        setattr(node, attribute, value)


def test_parents_are_ordered_and_repeat_a_reused_value():
    a, b = Value(1.0), Value(2.0)
    assert (a + a).parents == (a, a)
    assert (a - b).parents == (a, b)
    assert (b - a).parents == (b, a)
    assert (a * a).local_grads == (1.0, 1.0)


# (expression, value, op, local_grads), numbers worked out by hand at x = 3, y = 2.
def _arithmetic_cases():
    x, y = Value(3.0), Value(2.0)
    return [
        (x + 2, 5.0, "add", (1.0,)), (2 + x, 5.0, "add", (1.0,)),
        (x - 2, 1.0, "sub", (1.0,)), (2 - x, -1.0, "sub", (-1.0,)),
        (x * 2, 6.0, "mul", (2.0,)), (2 * x, 6.0, "mul", (2.0,)),
        (x / 2, 1.5, "div", (0.5,)), (6 / x, 2.0, "div", (-2 / 3,)),
        (x ** 2, 9.0, "pow", (6.0,)), (x ** y, 9.0, "vpow", (6.0, 9.0 * math.log(3.0))),
        (2 ** x, 8.0, "rpow", (8.0 * math.log(2.0),)), (-x, -3.0, "neg", (-1.0,)),
        (abs(-x), 3.0, "abs", (-1.0,)), (x / y, 1.5, "div", (0.5, -0.75)),
        (maximum(x, 5), 5.0, "maximum", (0.0,)), (minimum(5, x), 3.0, "minimum", (1.0,)),
        (x + y, 5.0, "add", (1.0, 1.0)), (x * y, 6.0, "mul", (2.0, 3.0)),
    ]


@pytest.mark.parametrize("case", range(len(_arithmetic_cases())))
def test_arithmetic_with_a_number_on_either_side(case):
    node, value, op, local_grads = _arithmetic_cases()[case]
    assert node.data == pytest.approx(value, rel=1e-15)
    assert node.op == op
    assert node.local_grads == pytest.approx(local_grads, rel=1e-15)


def test_a_number_belongs_to_the_node_in_its_place():
    x = Value(3.0)
    node = 2 - x
    assert node.inputs == (2, x) and node.parents == (x,) and node.local_grads == (-1.0,)
    assert not x.is_constant and not node.is_constant
    quarter = x / 4
    assert quarter.inputs == (x, 4) and quarter.parents == (x,)
    assert quarter.local_grads == (0.25,)
    half = 0.5 * x
    assert half.inputs == (0.5, x) and half.parents == (x,) and half.local_grads == (0.5,)


def test_params_record_the_fixed_numbers():
    x = Value(2.0)
    assert (x ** 2).params == {"n": 2}
    assert (x ** 0.5).params == {"n": 0.5}
    assert (3 ** x).params == {"c": 3}
    assert x.leaky_relu().params == {"alpha": 0.01}
    assert x.elu().params == {"alpha": 1.0}
    assert (x ** Value(2.0)).params == {}
    assert (x + 1).params == {}


def test_sum_values_is_one_node_with_a_local_derivative_of_one_per_value():
    x, y = Value(1.0), Value(3.5)
    total = sum_values([x, 2, y, x])
    assert total.data == 7.5 and total.op == "sum"
    assert total.inputs == (x, 2, y, x) and total.parents == (x, y, x)
    assert total.local_grads == (1.0, 1.0, 1.0)
    total.backward()
    assert (x.grad, y.grad) == (2.0, 1.0)
    single = sum_values([x])
    assert single.op == "sum" and single.parents == (x,) and single.data == 1.0
    assert sum_values([2, 3.5]).is_constant


def test_repr_shows_data_grad_label_and_op():
    x = Value(2.5, label="x")
    assert "2.5" in repr(x) and "'x'" in repr(x)
    y = x * 2
    assert "mul" in repr(y) and "5.0" in repr(y)


# --- apply: a node from a rule of your own --------------------------------

def cube(x: float) -> tuple[float, tuple[float]]:
    """d(x^3)/dx = 3x^2"""
    return x ** 3, (3 * x ** 2,)


def hypotenuse(a: float, b: float) -> tuple[float, tuple[float, float]]:
    """d sqrt(a^2 + b^2)/da = a / sqrt(a^2 + b^2); likewise for b"""
    h = math.hypot(a, b)
    return h, (a / h, b / h)


def test_apply_with_a_one_input_rule():
    x = Value(2.0)
    node = autograd.apply(cube, x)
    assert (node.op, node.data, node.parents, node.local_grads) == ("cube", 8.0, (x,), (12.0,))
    (node * 2).backward()
    assert x.grad == 24.0


def test_apply_with_a_two_input_rule_and_a_name():
    a = Value(3.0)
    node = autograd.apply(hypotenuse, a, 4, op="hypot")
    assert (node.op, node.data) == ("hypot", 5.0)
    assert node.parents == (a,) and node.inputs == (a, 4)
    assert node.local_grads == pytest.approx((0.6,), rel=1e-15)
    node.backward()
    assert a.grad == pytest.approx(0.6, rel=1e-15)


def test_apply_stores_int_results_as_float():
    node = autograd.apply(lambda x: (2, (1,)), Value(1.0), op="two")
    assert type(node.data) is float and type(node.local_grads[0]) is float


@pytest.mark.parametrize("rule, inputs, error", [
    (cube, (), ValueError),
    (cube, (1.0, 2.0, 3.0), ValueError),
    (lambda x: (1.0, (1.0, 2.0)), (1.0,), ValueError),
    (lambda x: (1.0, 1.0), (1.0,), ValueError),
    (lambda x: (math.nan, (1.0,)), (1.0,), ValueError),
    (lambda x: (1.0, (math.inf,)), (1.0,), ValueError),
    (lambda x: ("one", (1.0,)), (1.0,), TypeError),
    (lambda x: 2.0 * x, (1.0,), ValueError),
    (lambda x: (x, (1.0,), "extra"), (1.0,), ValueError),
], ids=["no input", "three inputs", "two locals for one input", "locals not a tuple",
        "nan result", "infinite local", "text result", "a bare number", "a triple"])
def test_apply_rejects_a_malformed_rule_naming_it(rule, inputs, error):
    with pytest.raises(error, match="myop"):
        autograd.apply(rule, *inputs, op="myop")


def test_a_format_spec_formats_the_number_as_for_a_pytorch_scalar():
    # Before: f"{loss:.4f}" was Python's "unsupported format string passed to Value.__format__".
    loss = Value(0.123456, "loss")
    assert f"loss {loss:.4f}" == "loss 0.1235"
    assert f"{loss:>9.2e}" == " 1.23e-01"
    assert f"{loss}" == str(loss) == repr(loss)

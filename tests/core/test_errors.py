"""Every error a user can trigger in the engine: its type, and a message of one
line that names the operation and the offending value.

Undefined input raises at the op that meets it, so no NaN or infinity ever
enters `data` or `grad`; the sweep at the end checks that over extreme inputs.
"""

import itertools
import math

import pytest

import autograd
from autograd import RULES, Value



def returns_a_float(x: Value) -> float:
    return 2.0


def returns_a_wrong_slope(x: Value) -> Value:
    """x, with a derivative of 2 instead of 1."""
    return autograd.apply(lambda v: (v, (2.0,)), x, op="wrong")


# (case, what to run, exception, words the message must contain).
ERRORS = [
    ("log of 0", lambda: Value(0.0).log(), ValueError, ["log", "0.0"]),
    ("log of -2", lambda: Value(-2.0).log(), ValueError, ["log", "-2.0"]),
    ("log of a number", lambda: autograd.log(-1), ValueError, ["log", "-1.0"]),
    ("sqrt of -4", lambda: Value(-4.0).sqrt(), ValueError, ["sqrt", "-4.0"]),
    ("divide by 0", lambda: Value(1.0) / 0, ZeroDivisionError, ["div", "(1.0, 0)"]),
    ("divide a number by 0", lambda: 3 / Value(0.0), ZeroDivisionError, ["div", "0.0"]),
    ("0 ** -1", lambda: Value(0.0) ** -1, ZeroDivisionError, ["pow", "0.0", "-1"]),
    ("0 ** -0.5", lambda: Value(0.0) ** -0.5, ZeroDivisionError, ["pow", "0.0", "-0.5"]),
    ("(-8) ** (1/3)", lambda: Value(-8.0) ** (1 / 3), ValueError, ["pow", "-8.0"]),
    ("(-2) ** Value(0.5)", lambda: Value(-2.0) ** Value(0.5), ValueError, ["vpow", "-2.0"]),
    ("(-2) ** Value", lambda: (-2) ** Value(0.5), ValueError, ["rpow", "-2"]),
    ("exp(710)", lambda: Value(710.0).exp(), OverflowError, ["exp", "710.0"]),
    ("exp(1e300)", lambda: autograd.exp(1e300), OverflowError, ["exp", "1e+300"]),
    ("1e200 * 1e200", lambda: Value(1e200) * 1e200, OverflowError, ["mul", "1e+200"]),
    ("1e308 + 1e308", lambda: Value(1e308) + 1e308, OverflowError, ["add", "1e+308"]),
    ("-1e308 - 1e308", lambda: Value(-1e308) - 1e308, OverflowError, ["sub", "1e+308"]),
    ("1e308 / 1e-10", lambda: Value(1e308) / 1e-10, OverflowError, ["div", "1e+308"]),
    ("10 ** 400", lambda: Value(10.0) ** 400, OverflowError, ["pow", "10.0", "400"]),
    ("10 ** Value(400)", lambda: 10 ** Value(400.0), OverflowError, ["rpow", "400.0"]),
    ("Value ** Value", lambda: Value(10.0) ** Value(400.0), OverflowError, ["vpow", "400.0"]),
    ("leaky_relu overflow", lambda: Value(-1e300).leaky_relu(1e10), OverflowError,
     ["leaky_relu", "-1e+300"]),
    ("Value(True)", lambda: Value(True), TypeError, ["Value", "bool"]),
    ("Value('1')", lambda: Value("1"), TypeError, ["Value", "str"]),
    ("Value(None)", lambda: Value(None), TypeError, ["Value", "NoneType"]),
    ("Value(1j)", lambda: Value(1j), TypeError, ["Value", "complex"]),
    ("Value([1])", lambda: Value([1.0]), TypeError, ["Value", "list"]),
    ("Value(nan)", lambda: Value(math.nan), ValueError, ["Value", "nan"]),
    ("Value(inf)", lambda: Value(math.inf), ValueError, ["Value", "inf"]),
    ("Value + str", lambda: Value(1.0) + "2", TypeError, ["add", "str"]),
    ("str * Value", lambda: "2" * Value(1.0), TypeError, ["mul", "str"]),
    ("Value ** None", lambda: Value(1.0) ** None, TypeError, ["pow", "NoneType"]),
    ("nan ** Value", lambda: math.nan ** Value(1.0), ValueError, ["rpow", "nan"]),
    ("leaky_relu alpha", lambda: Value(1.0).leaky_relu("0.1"), TypeError, ["leaky_relu", "str"]),
    ("bad label", lambda: Value(1.0, label=7), TypeError, ["label", "int"]),
    ("set interior data", lambda: setattr(Value(1.0) * 2, "data", 3.0), AttributeError,
     ["data", "mul"]),
    ("set nan data", lambda: setattr(Value(1.0), "data", math.nan), ValueError, ["data", "nan"]),
    ("empty sum", lambda: autograd.sum_values([]), ValueError, ["sum_values"]),
    ("apply no input", lambda: autograd.apply(lambda: (0.0, ()), op="none"), ValueError,
     ["none", "at least one input"]),
    ("apply 2 locals for 3 inputs", lambda: autograd.apply(lambda a, b, c: (0.0, (1.0,) * 2),
                                                           1, 2, 3, op="three"),
     ValueError, ["three: local_grads=(1.0, 1.0) is of length 2", "a tuple of 3 numbers"]),
    ("apply returns a float", lambda: autograd.apply(lambda x: x, 1.0, op="bare"), ValueError,
     ["bare: the rule's result=1.0 is a float, not a tuple", "(result, local_grads)"]),
    ("apply returns a list of locals", lambda: autograd.apply(lambda x: (x, [1.0]), 1.0,
                                                              op="listed"),
     ValueError, ["listed: local_grads=[1.0] is a list, not a tuple"]),
    ("grad of a float", lambda: autograd.grad(returns_a_float, 1.0), TypeError,
     ["returns_a_float", "float"]),
    ("Value(0) ** Value(-1)", lambda: Value(0.0) ** Value(-1.0), ZeroDivisionError,
     ["vpow", "0.0", "-1.0"]),
    ("gradcheck failure", lambda: autograd.gradcheck(returns_a_wrong_slope, 1.0),
     autograd.GradcheckError, ["x0", "analytic", "numeric"]),
    ("Value(10**400)", lambda: Value(10**400), OverflowError, ["Value", "bits"]),
    ("x ** 10**400", lambda: Value(2.0) ** 10**400, OverflowError, ["pow", "bits"]),
    ("apply with a rule of other arity", lambda: autograd.apply(lambda a, b: (a, (1.0, 1.0)),
                                                                1.0, op="two"),
     ValueError, ["two: rule=<function", "does not take 1 argument(s)",
                  "use a rule function with one parameter per input"]),
    ("apply with op=3", lambda: autograd.apply(lambda x: (x, (1.0,)), 1.0, op=3),
     TypeError, ["op", "int"]),
    ("numerical_grad step=0", lambda: autograd.numerical_grad(lambda x: x * x, 1.0, step=0.0),
     ValueError, ["step", "0.0"]),
    ("0 ** Value(-1)", lambda: 0 ** Value(-1.0), ZeroDivisionError, ["rpow", "base=0"]),
    # Before: `if loss:` was always true, and `loss < 0.01` was Python's bare
    # "'<' not supported between instances of 'Value' and 'float'".
    ("if Value", lambda: bool(Value(0.0)), TypeError, ["bool() of a Value", "v.data > 0",
                                                      "data=0.0"]),
    ("Value < number", lambda: Value(1.0) < 0.01, TypeError,
     ["comparison of a Value (Value(data=1.0", "loss.data < 0.01", "no derivative"]),
    ("number >= Value", lambda: 2 >= Value(1.0, "w"), TypeError,
     ["comparison of a Value (Value(data=1.0, grad=0.0, label='w')"]),
]


@pytest.mark.parametrize("case, run, error, words", ERRORS,
                         ids=[getattr(entry, "values", entry)[0] for entry in ERRORS])
def test_error_type_and_message(case, run, error, words):
    with pytest.raises(error) as failure:
        run()
    message = str(failure.value)
    for word in words:
        assert word in message, f"{word!r} missing from {message!r}"
    assert "\n" not in message, "an error message should be one line"


def test_a_failed_op_adds_nothing_to_the_graph():
    x = Value(-1.0)
    with pytest.raises(ValueError):
        x.log()
    assert x.grad == 0.0 and x.data == -1.0


# --- never a silent NaN or infinity ------------------------------------------

EXTREMES = (0.0, -0.0, 5e-324, 1e-308, -1e-308, 0.5, -3.0, 709.0, 710.0, -745.5,
            1e150, -1e150, 1e308, -1.7976931348623157e308)
ALLOWED = (ValueError, ZeroDivisionError, OverflowError)


def _params(rule):
    return list(itertools.product(*(rule.examples[p] for p in rule.params)))


def _extreme_nodes(name):
    """(leaves, node) for the rule at every extreme input and example param."""
    rule = RULES[name]
    for params in _params(rule):
        for inputs in itertools.product(EXTREMES, repeat=rule.arity or 3):  # sum: 3 terms
            leaves = [Value(x) for x in inputs]
            try:
                node = _built_in(name, leaves, params)
            except ALLOWED as error:
                assert name in str(error) and "\n" not in str(error)
                continue
            yield leaves, node


@pytest.mark.parametrize("name", sorted(RULES))
def test_extreme_inputs_raise_or_stay_finite(name):
    for leaves, node in _extreme_nodes(name):
        assert math.isfinite(node.data), leaves
        assert all(math.isfinite(g) for g in node.local_grads), leaves


def test_backward_at_extreme_inputs_raises_overflow_or_stays_finite():
    for name in sorted(RULES):
        for leaves, node in _extreme_nodes(name):
            try:
                node.backward()
            except OverflowError as error:
                assert "backward" in str(error)
                assert all(leaf.grad == 0.0 for leaf in leaves)
                continue
            assert all(math.isfinite(leaf.grad) for leaf in leaves), (name, leaves)


def _built_in(name, leaves, params):
    """The rule's node through the operator or method a learner would use."""
    operators = {"add": "__add__", "sub": "__sub__", "mul": "__mul__", "div": "__truediv__",
                 "vpow": "__pow__", "neg": "__neg__", "abs": "__abs__", "pow": "__pow__"}
    if name in ("maximum", "minimum"):
        return getattr(autograd, name)(*leaves)
    if name == "sum":
        return autograd.sum_values(leaves)
    if name == "rpow":
        return params[0] ** leaves[0]
    method = getattr(Value, operators.get(name, name), None)
    if method is None:  # a rule with no Value method yet (step, sign, prelu): through apply
        return autograd.apply(lambda *xs: RULES[name].apply(*xs, *params), *leaves, op=name)
    return method(*leaves, *params)

"""Tests for grad, numerical_grad and gradcheck (autograd/gradcheck.py).

The wrong derivatives that gradcheck must catch are built with
`autograd.apply` and a rule whose local derivative is deliberately wrong.
"""

import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import autograd
from autograd import GradcheckError, Value, grad, gradcheck, numerical_grad
from autograd.gradcheck import candidate_steps, derivative, relative_step


def f_mixed(x: Value, y: Value) -> Value:
    """x y + sin x: df/dx = y + cos x, df/dy = x."""
    return x * y + x.sin()


def wrong_sin(x: float) -> tuple[float, tuple[float]]:
    """sin x with the derivative's sign flipped: -cos x instead of cos x."""
    return math.sin(x), (-math.cos(x),)


def slightly_wrong_square(x: float) -> tuple[float, tuple[float]]:
    """x^2 with a derivative 0.1% too large."""
    return x * x, (2.002 * x,)


def test_grad_returns_each_partial_derivative():
    dx, dy = grad(f_mixed, 0.5, 2.0)
    assert dx == pytest.approx(2.0 + math.cos(0.5), rel=1e-15)
    assert dy == 0.5


def test_grad_accepts_ints_and_returns_floats():
    result = grad(lambda x: x * x * x, 2)
    assert result == (12.0,) and type(result[0]) is float


def test_grad_of_a_function_that_ignores_an_input_is_zero():
    assert grad(lambda x, y: x * 2, 1.0, 5.0) == (2.0, 0.0)


def test_grad_of_the_identity_is_one():
    assert grad(lambda x: x, 3.0) == (1.0,)


def test_grad_needs_a_function_returning_a_value():
    def constant(x):
        return 1.0

    with pytest.raises(TypeError, match="constant"):
        grad(constant, 1.0)
    with pytest.raises(TypeError, match="constant"):
        numerical_grad(constant, 1.0)


def test_numerical_grad_approximates_the_derivative():
    # Central differences carry an error of about 1e-10 here (h ~ 6e-6).
    dx, dy = numerical_grad(f_mixed, 0.5, 2.0)
    assert dx == pytest.approx(2.0 + math.cos(0.5), rel=1e-8)
    assert dy == pytest.approx(0.5, rel=1e-8)


def test_numerical_grad_with_a_given_step():
    # For x^3 the central difference is exactly 3x^2 + h^2: 12.01 at x = 2, h = 0.1.
    (slope,) = numerical_grad(lambda x: x ** 3, 2.0, step=0.1)
    assert slope == pytest.approx(12.01, rel=1e-12)


@pytest.mark.parametrize("function, point", [
    (f_mixed, (0.5, 2.0)),
    (lambda x: (x * x + 1).log() / x.sigmoid(), (0.7,)),
    (lambda a, b: autograd.maximum(a, b) * a.tanh() + b.gelu(), (0.3, -1.2)),
    (lambda a, b: a ** b + 2 ** a - (b / a).arctan(), (1.5, 0.8)),
])
def test_gradcheck_passes_for_correct_derivatives(function, point):
    assert gradcheck(function, *point) is True


def test_gradcheck_fails_for_a_wrong_derivative_and_lists_every_input():
    def f(x, y):
        return autograd.apply(wrong_sin, x, op="wrong_sin") * y

    with pytest.raises(GradcheckError) as failure:
        gradcheck(f, 0.7, 2.0)
    message = str(failure.value)
    # One entry per input: the input, analytic value, numeric value, relative error.
    number = r"(-?[\d.]+(?:e[-+]?\d+)?)"
    entries = re.findall(rf"x(\d)=.*?analytic {number}.*?numeric {number}"
                         rf".*?relative error {number}", message)
    assert [entry[0] for entry in entries] == ["0", "1"]
    analytic, numeric, error = (float(v) for v in entries[0][1:])
    assert analytic == pytest.approx(-2.0 * math.cos(0.7), rel=1e-8)
    assert numeric == pytest.approx(2.0 * math.cos(0.7), rel=1e-8)
    assert error == pytest.approx(2.0, rel=1e-2)  # |a - n| / max(|a|, |n|) for n = -a
    analytic_y, numeric_y, error_y = (float(v) for v in entries[1][1:])
    assert analytic_y == pytest.approx(math.sin(0.7), rel=1e-8)
    assert numeric_y == pytest.approx(math.sin(0.7), rel=1e-8)
    assert error_y < 1e-6


def test_gradcheck_is_an_assertion_error():
    assert issubclass(GradcheckError, AssertionError)


def test_gradcheck_tolerances():
    def f(x):
        return autograd.apply(slightly_wrong_square, x, op="square")

    with pytest.raises(GradcheckError):
        gradcheck(f, 1.5)  # a relative error of 1e-3 is far above the default 1e-5
    assert gradcheck(f, 1.5, rtol=1e-2) is True
    assert gradcheck(f, 1.5, rtol=0.0, atol=0.01) is True


# --- the step (issue 10, item 8) --------------------------------------------------

def test_the_step_scales_with_the_input_down_to_tiny_inputs():
    # Numerical Recipes 5.7: h = cbrt(eps) * |x|; the old step stayed 6e-6 for |x| <= 1.
    assert relative_step(1.0) == pytest.approx(6.06e-6, rel=1e-2)
    assert relative_step(-1000.0) == pytest.approx(1000 * relative_step(1.0), rel=1e-9)
    assert relative_step(1e-7) == pytest.approx(6.06e-13, rel=1e-2)
    assert relative_step(0.0) == pytest.approx(6.06e-6, rel=1e-2)  # the floor, only at 0
    assert candidate_steps(1e-7)[0] == relative_step(1e-7)
    assert candidate_steps(3.0) == (relative_step(3.0),)


@pytest.mark.parametrize("x", [1e-5, 1e-7])
def test_log_near_zero_passes_with_the_right_slope(x):
    # Before: at 1e-5 a false failure (the step was 60% of x), at 1e-7 an error
    # about log(-5.96e-06), a number the user never gave.
    (slope,) = numerical_grad(lambda v: v.log(), x)
    assert slope == pytest.approx(1 / x, rel=1e-8)
    assert gradcheck(lambda v: v.log(), x) is True


def test_a_function_that_curves_on_the_scale_of_one_keeps_a_step_of_that_scale():
    # exp at 1e-8: the relative step (6e-14) alone would lose 1e-3 to rounding.
    (slope,) = numerical_grad(lambda v: v.exp(), 1e-8)
    assert slope == pytest.approx(math.exp(1e-8), rel=1e-9)


def test_a_pole_between_the_steps_does_not_fool_the_error_bar():
    # x**-2 is even: a step of 6e-6 around x = 1e-12 straddles the pole and gives ~0.
    (slope,) = numerical_grad(lambda v: v ** -2, 1e-12)
    assert slope == pytest.approx(-2e36, rel=1e-8)


def test_one_sided_where_the_function_is_undefined_on_one_side():
    # A step as large as x: log(x - h) = log(0) is refused, so the quotient turns
    # one-sided (x to x + 4h) instead of reporting log(0), which the user never gave.
    (slope,) = numerical_grad(lambda v: v.log(), 1e-3, step=1e-3)
    assert 100 < slope < 1e4  # a coarse step gives a coarse slope, but one inside the domain
    for f, x, true_slope in ((math.log, 1e-3, 1e3), (math.sqrt, 1e-6, 500.0)):
        estimate, error = derivative(f, x, (x,))
        assert abs(estimate - true_slope) <= error  # its error bar says how coarse


def test_a_function_defined_on_neither_side_is_one_line():
    def isolated(v):
        if v.data != 2.0:
            raise ValueError("outside")
        return v * 1.0

    with pytest.raises(ValueError, match=r"numerical_grad: the function is defined at 2.0 "
                                         r"but on neither side"):
        numerical_grad(isolated, 2.0)


@pytest.mark.parametrize("tolerances", [dict(rtol=math.nan), dict(atol=math.inf),
                                        dict(rtol=-1e-5), dict(atol="0.1"), dict(rtol=True),
                                        dict(atol=2 ** 2000), dict(rtol="9" * 10 ** 5)])
def test_tolerances_must_be_finite_and_not_negative(tolerances):
    def f(x):
        return autograd.apply(wrong_sin, x, op="wrong_sin")

    # Before: rtol=nan or atol=inf accepted this wrong derivative.
    with pytest.raises((TypeError, ValueError), match=r"^gradcheck: (rtol|atol)=") as refused:
        gradcheck(f, 0.7, **tolerances)
    assert len(str(refused.value)) < 200 and "\n" not in str(refused.value)  # value shortened


_LOG_SQRT_POW = {"log": (lambda v: v.log(), lambda x: 1 / x),
                 "sqrt": (lambda v: v.sqrt(), lambda x: 0.5 / math.sqrt(x)),
                 "x**-2": (lambda v: v ** -2, lambda x: -2 * x ** -3)}


@settings(max_examples=150, deadline=None)
@given(name=st.sampled_from(sorted(_LOG_SQRT_POW)),
       x=st.floats(min_value=1e-12, max_value=1e6))
def test_gradcheck_passes_near_the_domain_edge_and_catches_a_wrong_derivative(name, x):
    # atol=0: the derivatives reach 1e-18 (x**-2 at 1e6), which the default
    # atol of 1e-7 would accept whatever they were; only rtol judges here.
    f, slope = _LOG_SQRT_POW[name]
    assert gradcheck(f, x, atol=0.0) is True

    def wrong(v):  # the right value with a derivative 1% too large
        return autograd.apply(lambda u: (f(Value(u)).data, (1.01 * slope(u),)), v, op="wrong")

    with pytest.raises(GradcheckError):
        gradcheck(wrong, x, atol=0.0)


@pytest.mark.parametrize("tolerances, phrase", [
    ({"rtol": math.nan}, "gradcheck: rtol=nan is not a finite number"),
    ({"atol": math.inf}, "gradcheck: atol=inf is not a finite number"),
    ({"rtol": -1e-5}, "gradcheck: rtol=-1e-05 is out of range; use a finite number >= 0"),
    ({"atol": True}, "gradcheck: atol=True is a bool, not a number"),
])
def test_a_tolerance_that_would_accept_anything_is_refused(tolerances, phrase):
    # rtol=nan makes every comparison false and atol=inf every one true: before this
    # check, both passed a derivative of the wrong sign.
    def f(x):
        return autograd.apply(wrong_sin, x, op="wrong_sin")

    with pytest.raises((TypeError, ValueError), match=f"^{re.escape(phrase)}"):
        gradcheck(f, 0.7, **tolerances)


def test_numerical_grad_refuses_a_step_that_is_not_a_positive_number():
    with pytest.raises(ValueError, match="^numerical_grad: step=0 is out of range"):
        numerical_grad(lambda x: x, 1.0, step=0)
    with pytest.raises(TypeError, match="^numerical_grad: xs\\[0\\]='1' is a str, not a number"):
        numerical_grad(lambda x: x, "1")

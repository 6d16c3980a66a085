"""Tests for the rule table (autograd/ops.py): forward values and local derivatives.

Every rule in RULES is checked three ways, with oracles written here and not
taken from the engine: its forward value against a formula written with
`math`, its local derivatives against central differences of its own forward
value, and against the derivative formula written out by hand. A rule added to
the table is picked up by the parametrized tests automatically; the oracle
tests then fail until its formulas are added below.
"""

import itertools
import math

import pytest

from autograd import RULES

SQRT_2 = math.sqrt(2.0)
SQRT_2PI = math.sqrt(2.0 * math.pi)

# Forward formulas, written independently: f(*inputs, *params).
MATH_FORWARD = {
    "add": lambda a, b: a + b,
    "sum": lambda *xs: math.fsum(xs),
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b,
    "neg": lambda x: -x,
    "pow": lambda x, n: math.pow(x, n),
    "vpow": lambda a, b: math.pow(a, b),
    "rpow": lambda x, c: math.pow(c, x),
    "abs": lambda x: math.fabs(x),
    "exp": math.exp,
    "log": math.log,
    "sqrt": math.sqrt,
    "sin": math.sin,
    "cos": math.cos,
    "arctan": math.atan,
    "tanh": math.tanh,
    "sigmoid": lambda x: 1.0 / (1.0 + math.exp(-x)),
    "relu": lambda x: x if x > 0 else 0.0,
    "leaky_relu": lambda x, alpha: x if x > 0 else alpha * x,
    "elu": lambda x, alpha: x if x > 0 else alpha * (math.exp(x) - 1.0),
    "softplus": lambda x: math.log(1.0 + math.exp(x)),
    "gelu": lambda x: 0.5 * x * (1.0 + math.erf(x / SQRT_2)),
    "maximum": lambda a, b: a if a > b else b,
    "minimum": lambda a, b: a if a < b else b,
    "step": lambda x: 1.0 if x >= 0 else 0.0,
    "sign": lambda x: math.copysign(1.0, x) if x != 0 else 1.0,
    "prelu": lambda x, a: max(x, 0.0) + a * min(x, 0.0),
}

# Derivative formulas from a table of derivatives, in a different form from the
# engine's where there is one (1/cosh^2 for tanh, e^-x/(1+e^-x)^2 for sigmoid).
# Only used away from kinks.
MATH_DERIVATIVE = {
    "add": lambda a, b: (1.0, 1.0),
    "sum": lambda *xs: (1.0,) * len(xs),
    "sub": lambda a, b: (1.0, -1.0),
    "mul": lambda a, b: (b, a),
    "div": lambda a, b: (1.0 / b, -a / (b * b)),
    "neg": lambda x: (-1.0,),
    "pow": lambda x, n: (n * math.pow(x, n - 1),),
    "vpow": lambda a, b: (b * math.pow(a, b - 1), math.pow(a, b) * math.log(a)),
    "rpow": lambda x, c: (math.pow(c, x) * math.log(c),),
    "abs": lambda x: (math.copysign(1.0, x),),
    "exp": lambda x: (math.exp(x),),
    "log": lambda x: (1.0 / x,),
    "sqrt": lambda x: (1.0 / (2.0 * math.sqrt(x)),),
    "sin": lambda x: (math.cos(x),),
    "cos": lambda x: (-math.sin(x),),
    "arctan": lambda x: (1.0 / (1.0 + x * x),),
    "tanh": lambda x: (1.0 / math.cosh(x) ** 2,),
    "sigmoid": lambda x: (math.exp(-x) / (1.0 + math.exp(-x)) ** 2,),
    "relu": lambda x: (1.0 if x > 0 else 0.0,),
    "leaky_relu": lambda x, alpha: (1.0 if x > 0 else alpha,),
    "elu": lambda x, alpha: (1.0 if x > 0 else alpha * math.exp(x),),
    "softplus": lambda x: (1.0 / (1.0 + math.exp(-x)),),
    "gelu": lambda x: (0.5 * (1.0 + math.erf(x / SQRT_2))
                       + x * math.exp(-0.5 * x * x) / SQRT_2PI,),
    "maximum": lambda a, b: (1.0, 0.0) if a > b else (0.0, 1.0),
    "minimum": lambda a, b: (1.0, 0.0) if a < b else (0.0, 1.0),
    "step": lambda x: (0.0,),
    "sign": lambda x: (0.0,),
    "prelu": lambda x, a: (1.0, 0.0) if x > 0 else (a, x),
}

GRID = (-2.3, -1.1, -0.4, 0.35, 0.9, 1.7, 2.6)
PAIRS = ((-1.1, 0.9), (0.35, 2.6), (1.7, -0.4), (2.6, 1.7), (-2.3, -1.1), (0.9, 0.35))
# Keep sample points this far inside the domain and away from kinks, so that
# x +- h (h ~ 6e-6) stays on the same smooth piece.
MARGIN = 0.2


def sample_points(name: str) -> list[tuple[tuple[float, ...], tuple[float, ...]]]:
    """(inputs, params) pairs for a rule: the grid crossed with the rule's example params."""
    rule = RULES[name]
    param_sets = list(itertools.product(*(rule.examples[p] for p in rule.params)))
    inputs_list = {1: [(x,) for x in GRID], 2: list(PAIRS),
                   None: [(a, b, -a) for a, b in PAIRS] + [(x,) for x in GRID]}[rule.arity]
    points = []
    for params, inputs in itertools.product(param_sets, inputs_list):
        if rule.domain.margin(*inputs, *params) <= MARGIN:
            continue
        if rule.kinks is not None and rule.kinks.margin(*inputs, *params) <= MARGIN:
            continue
        points.append((inputs, params))
    return points


def central_difference(f, inputs: tuple[float, ...], i: int) -> float:
    """d f / d inputs[i] by (f(x + h) - f(x - h)) / 2h, h = cbrt(eps) max(1, |x|)."""
    h = 2.2e-16 ** (1 / 3) * max(1.0, abs(inputs[i]))
    up = inputs[:i] + (inputs[i] + h,) + inputs[i + 1:]
    down = inputs[:i] + (inputs[i] - h,) + inputs[i + 1:]
    return (f(*up) - f(*down)) / (2 * h)


def test_every_rule_has_an_independent_oracle():
    assert sorted(MATH_FORWARD) == sorted(RULES), "add the new rule's formula to MATH_FORWARD"
    assert sorted(MATH_DERIVATIVE) == sorted(RULES), "add its derivative to MATH_DERIVATIVE"


@pytest.mark.parametrize("name", sorted(RULES))
def test_rule_declares_its_shape(name):
    rule = RULES[name]
    assert rule.name == name
    assert rule.arity in (1, 2, None)  # None: any number of inputs (sum)
    assert rule.formula and rule.derivative
    assert rule.apply.__doc__, f"{name} needs a one-line math docstring"
    assert set(rule.examples) == set(rule.params)
    assert len(sample_points(name)) >= 3


@pytest.mark.parametrize("name", sorted(RULES))
def test_local_derivatives_match_central_differences(name):
    # Central differences with h = cbrt(eps) max(1, |x|) ~ 6e-6 err by about
    # h^2 |f'''| / 6 + eps |f| / h ~ 6e-12 |f'''| + 4e-11 |f|. On this grid
    # |f'''| stays below ~5e3 (pow with n = -2 at x = 0.35 is the worst), so
    # the error stays below ~3e-8 relative to max(1, |f|, |f'|) (measured:
    # 6e-10). 1e-7 leaves a margin; a wrong sign or factor is off by order 1.
    rule = RULES[name]
    for inputs, params in sample_points(name):
        value, local_grads = rule.apply(*inputs, *params)
        assert len(local_grads) == len(inputs)
        forward = lambda *xs: rule.apply(*xs, *params)[0]  # noqa: E731
        for i, analytic in enumerate(local_grads):
            numeric = central_difference(forward, inputs, i)
            scale = max(1.0, abs(value), abs(analytic))
            assert abs(numeric - analytic) <= 1e-7 * scale, (inputs, params, i, numeric, analytic)


@pytest.mark.parametrize("name", sorted(RULES))
def test_value_and_derivatives_match_the_math_formulas(name):
    rule = RULES[name]
    for inputs, params in sample_points(name):
        value, local_grads = rule.apply(*inputs, *params)
        assert value == pytest.approx(MATH_FORWARD[name](*inputs, *params), rel=1e-13, abs=1e-15)
        expected = MATH_DERIVATIVE[name](*inputs, *params)
        assert local_grads == pytest.approx(expected, rel=1e-12, abs=1e-15), (inputs, params)


# Hand-picked points with values known by heart or from tables:
# (rule, inputs, params, value, local derivatives).
KNOWN_POINTS = [
    ("add", (2.0, 3.0), (), 5.0, (1.0, 1.0)),
    ("sum", (2.0, 3.0, -0.5), (), 4.5, (1.0, 1.0, 1.0)),
    ("sum", (7.0,), (), 7.0, (1.0,)),
    ("sub", (2.0, 3.0), (), -1.0, (1.0, -1.0)),
    ("mul", (2.0, -3.0), (), -6.0, (-3.0, 2.0)),
    ("div", (1.0, 4.0), (), 0.25, (0.25, -0.0625)),
    ("neg", (1.5,), (), -1.5, (-1.0,)),
    ("pow", (3.0,), (2,), 9.0, (6.0,)),
    ("pow", (4.0,), (0.5,), 2.0, (0.25,)),
    ("pow", (2.0,), (-1,), 0.5, (-0.25,)),
    ("pow", (-2.0,), (3,), -8.0, (12.0,)),
    ("pow", (5.0,), (0,), 1.0, (0.0,)),
    ("vpow", (2.0, 3.0), (), 8.0, (12.0, 8.0 * math.log(2.0))),
    ("rpow", (3.0,), (2.0,), 8.0, (8.0 * math.log(2.0),)),
    ("abs", (-2.0,), (), 2.0, (-1.0,)),
    ("exp", (0.0,), (), 1.0, (1.0,)),
    ("exp", (1.0,), (), math.e, (math.e,)),
    ("log", (math.e,), (), 1.0, (1.0 / math.e,)),
    ("log", (1.0,), (), 0.0, (1.0,)),
    ("sqrt", (4.0,), (), 2.0, (0.25,)),
    ("sin", (0.0,), (), 0.0, (1.0,)),
    ("sin", (math.pi / 2,), (), 1.0, (0.0,)),
    ("cos", (0.0,), (), 1.0, (0.0,)),
    ("cos", (math.pi,), (), -1.0, (0.0,)),
    ("arctan", (1.0,), (), math.pi / 4, (0.5,)),
    ("tanh", (0.0,), (), 0.0, (1.0,)),
    ("sigmoid", (0.0,), (), 0.5, (0.25,)),
    ("relu", (-1.0,), (), 0.0, (0.0,)),
    ("relu", (2.0,), (), 2.0, (1.0,)),
    ("leaky_relu", (-2.0,), (0.1,), -0.2, (0.1,)),
    ("leaky_relu", (3.0,), (0.1,), 3.0, (1.0,)),
    ("elu", (-1.0,), (1.0,), 1.0 / math.e - 1.0, (1.0 / math.e,)),
    ("elu", (2.0,), (0.5,), 2.0, (1.0,)),
    ("softplus", (0.0,), (), math.log(2.0), (0.5,)),
    # Phi(1) = 0.8413447460685429 and phi(1) = 0.2419707245191434 (normal tables).
    ("gelu", (0.0,), (), 0.0, (0.5,)),
    ("gelu", (1.0,), (), 0.8413447460685429, (0.8413447460685429 + 0.2419707245191434,)),
    ("gelu", (-1.0,), (), -(1 - 0.8413447460685429),
     ((1 - 0.8413447460685429) - 0.2419707245191434,)),
    ("maximum", (1.0, 2.0), (), 2.0, (0.0, 1.0)),
    ("maximum", (3.0, -2.0), (), 3.0, (1.0, 0.0)),
    ("minimum", (1.0, 2.0), (), 1.0, (1.0, 0.0)),
    ("minimum", (3.0, -2.0), (), -2.0, (0.0, 1.0)),
    ("step", (-0.5,), (), 0.0, (0.0,)),
    ("step", (2.0,), (), 1.0, (0.0,)),
    ("sign", (-0.5,), (), -1.0, (0.0,)),
    ("sign", (2.0,), (), 1.0, (0.0,)),
    ("prelu", (-2.0, 0.25), (), -0.5, (0.25, -2.0)),
    ("prelu", (3.0, 0.25), (), 3.0, (1.0, 0.0)),
]


@pytest.mark.parametrize("name, inputs, params, value, local_grads", KNOWN_POINTS)
def test_known_values(name, inputs, params, value, local_grads):
    result, locals_ = RULES[name].apply(*inputs, *params)
    assert result == pytest.approx(value, rel=1e-14, abs=1e-15)
    assert locals_ == pytest.approx(local_grads, rel=1e-14, abs=1e-15)


def test_every_rule_has_a_known_point():
    assert {point[0] for point in KNOWN_POINTS} == set(RULES)

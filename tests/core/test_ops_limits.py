"""Tests for the rule table at its edges: kinks, extreme inputs, and PyTorch.

The companion of test_ops.py (which checks every rule on ordinary inputs):
here, the one-sided choice each rule makes at a non-differentiable point and
the text that documents it, exact limits far out where a naive formula
overflows, and PyTorch as an independent oracle when it is installed.
"""

import math

import pytest

from autograd import RULES, Value, maximum, minimum

# At each kink: (inputs, params, expected local derivatives, words the rule's
# `convention` must contain). The values are PyTorch's choices.
KINKS = {
    "relu": ((0.0,), (), (0.0,), "relu'(0) = 0"),
    "abs": ((0.0,), (), (0.0,), "abs'(0) = 0"),
    "leaky_relu": ((0.0,), (0.2,), (0.2,), "leaky_relu'(0) = alpha"),
    "elu": ((0.0,), (0.5,), (0.5,), "elu'(0) = alpha"),
    "maximum": ((1.5, 1.5), (), (0.5, 0.5), "1/2"),
    "minimum": ((-0.5, -0.5), (), (0.5, 0.5), "1/2"),
    "step": ((0.0,), (), (0.0,), "step'(0) = 0"),
    "sign": ((0.0,), (), (0.0,), "sign'(0) = 0 (as PyTorch)"),
    "prelu": ((0.0, 0.3), (), (0.3, 0.0), "d/dx = a, d/da = 0 (as PyTorch)"),
}
# The perceptron's activations jump at their kink, by this much (the others are continuous).
JUMPS = {"step": 1.0, "sign": 2.0}


def test_every_rule_with_a_kink_has_its_convention_tested():
    with_kinks = {name for name, rule in RULES.items() if rule.kinks is not None}
    assert with_kinks == set(KINKS)


@pytest.mark.parametrize("name", sorted(KINKS))
def test_the_documented_choice_at_each_kink(name):
    inputs, params, expected, words = KINKS[name]
    rule = RULES[name]
    assert rule.kinks.margin(*inputs, *params) <= 0, "the test point must sit on the kink"
    assert words in rule.convention
    _, local_grads = rule.apply(*inputs, *params)
    assert local_grads == expected


@pytest.mark.parametrize("name", sorted(JUMPS))
def test_step_and_sign_jump_at_zero_and_take_the_upper_value_there(name):
    below, _ = RULES[name].apply(-1e-300)
    at_zero, _ = RULES[name].apply(0.0)
    assert at_zero - below == JUMPS[name] and at_zero == 1.0  # the deck's 1 for x >= 0


@pytest.mark.parametrize("name", sorted(set(KINKS) - set(JUMPS)))
def test_the_value_is_continuous_across_each_kink(name):
    inputs, params, _, _ = KINKS[name]
    rule = RULES[name]
    at_kink, _ = rule.apply(*inputs, *params)
    nudge = 1e-9
    for direction in (-1.0, 1.0):
        moved = (inputs[0] + direction * nudge,) + inputs[1:]
        nearby, _ = rule.apply(*moved, *params)
        assert abs(nearby - at_kink) <= 2 * nudge


def test_the_kinks_through_values():
    zero = Value(0.0)
    assert zero.relu().local_grads == (0.0,)
    assert abs(zero).local_grads == (0.0,)
    assert zero.leaky_relu(0.3).local_grads == (0.3,)
    assert zero.elu(2.0).local_grads == (2.0,)
    a, b = Value(2.0), Value(2.0)
    for tie in (maximum(a, b), minimum(a, b)):
        tie.backward()
    assert (a.grad, b.grad) == (1.0, 1.0)  # 1/2 + 1/2 from each of the two nodes


# Far out: (rule, x, value, derivative), the exact limits in double precision.
# A naive formula overflows here (e^1000) or returns NaN (inf / inf).
LIMITS = [
    ("sigmoid", 1000.0, 1.0, 0.0),
    ("sigmoid", -1000.0, 0.0, 0.0),
    ("softplus", 1000.0, 1000.0, 1.0),
    ("softplus", -1000.0, 0.0, 0.0),
    ("tanh", 1000.0, 1.0, 0.0),
    ("tanh", -1000.0, -1.0, 0.0),
    ("gelu", 1000.0, 1000.0, 1.0),
    ("gelu", -1000.0, 0.0, 0.0),
    ("exp", -1000.0, 0.0, 0.0),
    ("arctan", 1e300, math.pi / 2, 0.0),
    ("arctan", -1e300, -math.pi / 2, 0.0),
]


@pytest.mark.parametrize("name, x, value, derivative", LIMITS)
def test_exact_limits_without_overflow(name, x, value, derivative):
    node = getattr(Value(x), name)()
    assert node.data == value
    assert node.local_grads == (derivative,)
    node.backward()
    assert node.parents[0].grad == derivative


def test_elu_saturates_at_minus_alpha():
    node = Value(-1000.0).elu(0.5)
    assert (node.data, node.local_grads) == (-0.5, (0.0,))


def test_gelu_is_the_exact_erf_form_not_the_tanh_approximation():
    x = 1.0
    exact = 0.5 * x * (1.0 + math.erf(x / math.sqrt(2.0)))
    tanh_form = 0.5 * x * (1.0 + math.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x ** 3)))
    assert abs(exact - tanh_form) > 1e-4  # the two forms are distinguishable here
    assert Value(x).gelu().data == pytest.approx(exact, rel=1e-15)


# --- PyTorch as an independent oracle --------------------------------------

def _torch():
    return pytest.importorskip("torch", reason="PyTorch is not installed; "
                                               "install it to compare with PyTorch")


def _torch_functions(torch):
    """Each rule as a function of float64 tensors: (*inputs, *params) -> tensor."""
    functional = torch.nn.functional
    return {
        "add": lambda a, b: a + b, "sub": lambda a, b: a - b,
        "sum": lambda *xs: torch.stack(xs).sum(),
        "mul": lambda a, b: a * b, "div": lambda a, b: a / b, "neg": lambda x: -x,
        "pow": lambda x, n: x ** n, "vpow": lambda a, b: a ** b, "rpow": lambda x, c: c ** x,
        "abs": torch.abs, "exp": torch.exp, "log": torch.log, "sqrt": torch.sqrt,
        "sin": torch.sin, "cos": torch.cos, "arctan": torch.atan, "tanh": torch.tanh,
        "sigmoid": torch.sigmoid, "relu": torch.relu,
        "leaky_relu": lambda x, alpha: functional.leaky_relu(x, alpha),
        "elu": lambda x, alpha: functional.elu(x, alpha),
        "softplus": functional.softplus, "gelu": functional.gelu,
        "maximum": torch.maximum, "minimum": torch.minimum,
        "prelu": functional.prelu,
        # torch.sign(0) is 0; ours is 1 (the perceptron's), so x = 0 is chosen apart.
        # The derivative is torch.sign's own (0 everywhere).
        "sign": lambda x: torch.where(x == 0, torch.ones_like(x), torch.sign(x)),
        "step": lambda x: torch.where(x == 0, torch.ones_like(x), (torch.sign(x) + 1) / 2),
    }


def _torch_value_and_grads(torch, name, inputs, params):
    tensors = [torch.tensor(x, dtype=torch.float64, requires_grad=True) for x in inputs]
    out = _torch_functions(torch)[name](*tensors, *params)
    out.backward()
    return out.item(), tuple(t.grad.item() for t in tensors)


TORCH_POINTS = [(name, (x,), ()) for name in ("sin", "cos", "arctan", "tanh", "sigmoid",
                                               "softplus", "gelu", "exp", "neg")
                for x in (-3.1, -0.4, 0.0, 0.7, 2.9)]
TORCH_POINTS += [
    ("gelu", (-6.0,), ()), ("gelu", (6.0,), ()), ("log", (0.3,), ()), ("sqrt", (2.5,), ()),
    ("pow", (-1.5,), (3,)), ("pow", (0.8,), (-2.0,)), ("pow", (2.2,), (0.5,)),
    ("vpow", (1.7, -0.6), ()), ("rpow", (1.3,), (3.0,)), ("div", (2.0, -0.7), ()),
    ("add", (1.0, 2.5), ()), ("sub", (1.0, 2.5), ()), ("mul", (-1.5, 2.5), ()),
    ("sum", (1.0, -2.5, 0.25), ()), ("sum", (3.0,), ()),
    ("relu", (-1.0,), ()), ("relu", (1.0,), ()), ("abs", (-1.0,), ()),
    ("leaky_relu", (-1.0,), (0.2,)), ("elu", (-1.3,), (0.7,)), ("elu", (0.6,), (0.7,)),
    ("maximum", (1.0, 2.0), ()), ("minimum", (1.0, 2.0), ()),
    ("prelu", (-1.5, 0.25), ()), ("prelu", (2.0, 0.25), ()),
    ("sign", (-0.7,), ()), ("sign", (3.0,), ()), ("step", (-0.7,), ()), ("step", (3.0,), ()),
    ("sigmoid", (1000.0,), ()), ("softplus", (-1000.0,), ()), ("tanh", (-1000.0,), ()),
] + [(name, inputs, params) for name, (inputs, params, _, _) in KINKS.items()]


@pytest.mark.parametrize("name, inputs, params", TORCH_POINTS)
def test_value_and_derivative_agree_with_pytorch(name, inputs, params):
    torch = _torch()
    value, grads = _torch_value_and_grads(torch, name, inputs, params)
    result, local_grads = RULES[name].apply(*inputs, *params)
    assert result == pytest.approx(value, rel=1e-12, abs=1e-15)
    assert local_grads == pytest.approx(grads, rel=1e-12, abs=1e-15)


def test_pytorch_oracle_covers_every_rule():
    torch = _torch()
    assert set(_torch_functions(torch)) == set(RULES)

"""The rule table, continued: the activation functions of neural networks.

Same format as ops.py: each rule returns the result and its local derivatives,
and declares its kinks (where it is not differentiable) and the one-sided value
we choose there, the same as PyTorch.
"""

from __future__ import annotations

import math

from .rules import ONE, ZERO, Constraint, Locals, rule

_SQRT_2 = math.sqrt(2.0)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)


@rule("tanh", formula="tanh x", derivative="d/dx = 1 - tanh^2 x",
      sympy=lambda sp, x: sp.tanh(x),
      local=("1 - {out}**2",))
def tanh(x: float) -> tuple[float, Locals]:
    """d(tanh x)/dx = 1 - tanh^2 x"""
    # 1 - t*t cancels to 0.0 once t rounds to 1 (|x| > 19); the same number
    # written as 4 e / (1 + e)^2 with e = e^(-2|x|) keeps every digit.
    e = math.exp(-2.0 * abs(x))
    return math.tanh(x), (4.0 * e / ((1.0 + e) * (1.0 + e)),)


def _logistic(x: float) -> float:
    # Two branches so that exp never sees a large positive argument.
    if x >= 0.0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def _logistic_slope(x: float) -> float:
    """s (1 - s) written as e / (1 + e)^2 with e = e^-|x|: no cancellation when
    s rounds to 1 (s (1 - s) gives 0.0 for x > 37, the true value 5.6e-17 at 37.4)."""
    e = math.exp(-abs(x))
    return e / ((1.0 + e) * (1.0 + e))


@rule("sigmoid", formula="1 / (1 + e^-x)", derivative="d/dx = s (1 - s), s = sigmoid x",
      sympy=lambda sp, x: 1 / (1 + sp.exp(-x)),
      local=("{out}*(1 - {out})",))
def sigmoid(x: float) -> tuple[float, Locals]:
    """d(sigmoid x)/dx = sigmoid(x) (1 - sigmoid(x))"""
    return _logistic(x), (_logistic_slope(x),)


@rule("relu", formula="max(0, x)", derivative="d/dx = 1 if x > 0 else 0",
      kinks=Constraint("x = 0", lambda x: abs(x)), convention="relu'(0) = 0",
      sympy=lambda sp, x: sp.Max(x, 0),
      local=("(1 if {x} > 0 else 0)",))
def relu(x: float) -> tuple[float, Locals]:
    """d(relu x)/dx = 1 for x > 0, else 0 (0 at x = 0)"""
    if x > 0.0:
        return x, ONE
    return 0.0, ZERO


@rule("leaky_relu", formula="x if x > 0 else alpha x",
      derivative="d/dx = 1 if x > 0 else alpha",
      kinks=Constraint("x = 0", lambda x, alpha: abs(x)),
      convention="leaky_relu'(0) = alpha", params=("alpha",),
      examples={"alpha": (0.01, 0.2)},
      sympy=lambda sp, x, alpha: sp.Piecewise((x, x > 0), (sp.nsimplify(alpha) * x, True)),
      local=("(1 if {x} > 0 else {alpha})",))
def leaky_relu(x: float, alpha: float = 0.01) -> tuple[float, Locals]:
    """d(leaky_relu x)/dx = 1 for x > 0, else alpha (alpha at x = 0)"""
    if x > 0.0:
        return x, ONE
    return alpha * x, (alpha,)


@rule("elu", formula="x if x > 0 else alpha (e^x - 1)",
      derivative="d/dx = 1 if x > 0 else alpha e^x",
      kinks=Constraint("x = 0 (when alpha != 1)", lambda x, alpha: abs(x)),
      convention="elu'(0) = alpha", params=("alpha",),
      examples={"alpha": (1.0, 0.5)},
      sympy=lambda sp, x, alpha: sp.Piecewise(
          (x, x > 0), (sp.nsimplify(alpha) * (sp.exp(x) - 1), True)),
      local=("(1 if {x} > 0 else {alpha}*exp({x}))",))
def elu(x: float, alpha: float = 1.0) -> tuple[float, Locals]:
    """d(elu x)/dx = 1 for x > 0, else alpha e^x (alpha at x = 0)"""
    if x > 0.0:
        return x, ONE
    return alpha * math.expm1(x), (alpha * math.exp(x),)


@rule("softplus", formula="ln(1 + e^x)", derivative="d/dx = sigmoid x",
      sympy=lambda sp, x: sp.log(1 + sp.exp(x)),
      local=("sigmoid({x})",))
def softplus(x: float) -> tuple[float, Locals]:
    """d ln(1 + e^x)/dx = sigmoid(x)"""
    # max(x, 0) + ln(1 + e^-|x|) is the same number without overflow.
    return max(x, 0.0) + math.log1p(math.exp(-abs(x))), (_logistic(x),)


@rule("gelu", formula="x Phi(x) = x (1 + erf(x / sqrt 2)) / 2",
      derivative="d/dx = Phi(x) + x phi(x)",
      sympy=lambda sp, x: x * (1 + sp.erf(x / sp.sqrt(2))) / 2,
      local=("Phi({x}) + {x}*phi({x})",))
def gelu(x: float) -> tuple[float, Locals]:
    """d(x Phi(x))/dx = Phi(x) + x phi(x), Phi and phi the normal cdf and density"""
    cdf = 0.5 * math.erfc(-x / _SQRT_2)  # = (1 + erf(x / sqrt 2)) / 2, exact for x << 0
    density = _INV_SQRT_2PI * math.exp(-0.5 * x * x) if abs(x) < 40.0 else 0.0
    return x * cdf, (cdf + x * density,)


# --- two-input selections ------------------------------------------------------

@rule("maximum", arity=2, formula="max(a, b)",
      derivative="d/da = 1 if a > b else 0, d/db = 1 if b > a else 0",
      kinks=Constraint("a = b", lambda a, b: abs(a - b)),
      convention="at a tie each input gets 1/2 (as PyTorch)",
      sympy=lambda sp, a, b: sp.Max(a, b),
      local=("(1 if {x} > {y} else 1/2 if {x} == {y} else 0)",
             "(1 if {y} > {x} else 1/2 if {y} == {x} else 0)"))
def maximum(a: float, b: float) -> tuple[float, Locals]:
    """d max(a, b)/da = 1 if a > b, 0 if a < b, 1/2 at a tie; likewise for b"""
    return _select(a, b, a > b, b > a)


@rule("minimum", arity=2, formula="min(a, b)",
      derivative="d/da = 1 if a < b else 0, d/db = 1 if b < a else 0",
      kinks=Constraint("a = b", lambda a, b: abs(a - b)),
      convention="at a tie each input gets 1/2 (as PyTorch)",
      sympy=lambda sp, a, b: sp.Min(a, b),
      local=("(1 if {x} < {y} else 1/2 if {x} == {y} else 0)",
             "(1 if {y} < {x} else 1/2 if {y} == {x} else 0)"))
def minimum(a: float, b: float) -> tuple[float, Locals]:
    """d min(a, b)/da = 1 if a < b, 0 if a > b, 1/2 at a tie; likewise for b"""
    return _select(a, b, a < b, b < a)


def _select(a: float, b: float, a_wins: bool, b_wins: bool) -> tuple[float, Locals]:
    """The selected input, with local derivative 1 for it and 0 for the other;
    at a tie a, with 1/2 for each (PyTorch's convention for max and min)."""
    if a_wins:
        return a, (1.0, 0.0)
    if b_wins:
        return b, (0.0, 1.0)
    return a, (0.5, 0.5)


# --- the perceptron's step and sign, and PReLU (issue 13) -------------------------
# Three rules in the same @rule format as the ones above (prelu has two inputs,
# x and the learnable slope a, like maximum and minimum).
# Conventions at the jump and the kink:
#   step(0) = 1 and sign(0) = 1, as the perceptron decks define them (Virtue,
#   "Perceptron": sign(z) = 1 if z >= 0; Sie's table: step = 1 for x >= 0).
#   numpy's and PyTorch's sign(0) is 0 instead.
#   step' = sign' = 0 wherever the derivative exists, and we choose 0 at the
#   jump too (PyTorch's sign' is 0 everywhere); Sie's table writes step'(0) = 1.
#   prelu follows PyTorch: at x = 0, d/dx = a and d/da = 0.

@rule("step", formula="1 if x >= 0 else 0",
      derivative="d/dx = 0 (for x != 0; no derivative at the jump)",
      kinks=Constraint("x = 0", lambda x: abs(x)),
      convention="step(0) = 1, step'(0) = 0 (chosen: the jump has no derivative)",
      sympy=lambda sp, x: sp.Max(x, 0) / x,  # = step x for x != 0, with no Piecewise
      local=("0",))
def step(x: float) -> tuple[float, Locals]:
    """d(step x)/dx = 0 for x != 0 (0 chosen at the jump x = 0)"""
    return (1.0 if x >= 0.0 else 0.0), ZERO


@rule("sign", formula="1 if x >= 0 else -1",
      derivative="d/dx = 0 (for x != 0; no derivative at the jump)",
      kinks=Constraint("x = 0", lambda x: abs(x)),
      convention="sign(0) = 1 (the perceptron's; numpy and PyTorch give 0), "
                 "sign'(0) = 0 (as PyTorch)",
      sympy=lambda sp, x: 2 * sp.Max(x, 0) / x - 1,  # = sign x for x != 0
      local=("0",))
def sign(x: float) -> tuple[float, Locals]:
    """d(sign x)/dx = 0 for x != 0 (0 chosen at the jump x = 0)"""
    return (1.0 if x >= 0.0 else -1.0), ZERO


@rule("prelu", arity=2, formula="x if x > 0 else a x",
      derivative="d/dx = 1 if x > 0 else a, d/da = 0 if x > 0 else x",
      kinks=Constraint("x = 0", lambda x, a: abs(x)),
      convention="at x = 0: d/dx = a, d/da = 0 (as PyTorch)",
      sympy=lambda sp, x, a: sp.Max(x, 0) + a * sp.Min(x, 0),
      local=("(1 if {x} > 0 else {y})", "(0 if {x} > 0 else {x})"))
def prelu(x: float, a: float) -> tuple[float, Locals]:
    """d prelu(x, a)/dx = 1 if x > 0 else a; d/da = 0 if x > 0 else x (He et al. 2015)"""
    if x > 0.0:
        return x, (1.0, 0.0)
    return a * x, (a, x)

"""The rule table: every operation's forward formula and local derivatives.

Read this file as a cheat sheet. Each rule is a plain function of floats that
returns two things: the result, and the tuple of local derivatives
d(result)/d(input_i). Nothing here knows about graphs: the engine multiplies the
local derivatives by the upstream gradient (the chain rule) in one place.

Every rule also declares, as data that tests and strategies read:
  domain  where the forward value and the derivative are both defined,
  kinks   where the function is continuous but not differentiable, and which
          one-sided value we return there (the same choice as PyTorch),
  sympy   the symbolic formula, used as an independent oracle by the tests.

A rule raises at once, naming itself and the offending value, when its input is
outside the domain: no NaN or infinity ever enters a graph.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable

Locals = tuple[float, ...]
RuleFunction = Callable[..., tuple[float, Locals]]

# Shared tuples for the constant local derivatives: no allocation per node.
_ONE = (1.0,)
_ZERO = (0.0,)
_MINUS_ONE = (-1.0,)
_ONE_ONE = (1.0, 1.0)
_ONE_MINUS_ONE = (1.0, -1.0)

# exp(x) overflows a float above this input (log of the largest float).
EXP_LIMIT = math.log(1.7976931348623157e308)
_SQRT_2 = math.sqrt(2.0)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)


@dataclass(frozen=True)
class Constraint:
    """A condition on a rule's inputs, with a measure of how well it holds.

    `margin(*inputs, *params)` is positive when the inputs satisfy `text` and
    grows with the distance to the boundary; zero or negative means violated
    (for kinks: sitting on the kink). Strategies read it to keep generated
    inputs away from trouble.
    """

    text: str
    margin: Callable[..., float]


EVERYWHERE = Constraint("all real inputs", lambda *args: math.inf)


@dataclass(frozen=True)
class Rule:
    """One operation: forward formula, local derivatives and where they hold.

    `arity` is the number of Value inputs (1 or 2); `params` names the
    fixed numbers that follow the inputs (the 2 in x ** 2), with `examples`
    of them for tests.
    """

    name: str
    apply: RuleFunction
    arity: int
    formula: str
    derivative: str
    domain: Constraint = EVERYWHERE
    kinks: Constraint | None = None
    convention: str = ""
    params: tuple[str, ...] = ()
    examples: dict[str, tuple[float, ...]] = field(default_factory=dict)
    sympy: Callable[..., Any] | None = None

    def __call__(self, *args: float) -> tuple[float, Locals]:
        return self.apply(*args)


RULES: dict[str, Rule] = {}


def rule(name: str, *, arity: int = 1, formula: str, derivative: str,
         domain: Constraint = EVERYWHERE, kinks: Constraint | None = None,
         convention: str = "", params: tuple[str, ...] = (),
         examples: dict[str, tuple[float, ...]] | None = None,
         sympy: Callable[..., Any] | None = None) -> Callable[[RuleFunction], RuleFunction]:
    """Record a rule function in RULES under `name`; the function is returned unchanged."""

    def record(apply: RuleFunction) -> RuleFunction:
        RULES[name] = Rule(name, apply, arity, formula, derivative, domain, kinks,
                           convention, params, dict(examples or {}), sympy)
        return apply

    return record


def _finite(name: str, number: float, *inputs: float, what: str = "the result") -> float:
    """Return `number`, or raise OverflowError if it is infinite or NaN."""
    if math.isfinite(number):
        return number
    shown = ", ".join(repr(x) for x in inputs)
    raise OverflowError(f"{name}({shown}): {what} is {number}, not a finite float; "
                        f"rescale the inputs so the values stay below about 1e308")


# --- arithmetic --------------------------------------------------------------

@rule("add", arity=2, formula="a + b", derivative="d/da = 1, d/db = 1",
      sympy=lambda sp, a, b: a + b)
def add(a: float, b: float) -> tuple[float, Locals]:
    """d(a + b)/da = 1,  d(a + b)/db = 1"""
    return a + b, _ONE_ONE


@rule("sub", arity=2, formula="a - b", derivative="d/da = 1, d/db = -1",
      sympy=lambda sp, a, b: a - b)
def sub(a: float, b: float) -> tuple[float, Locals]:
    """d(a - b)/da = 1,  d(a - b)/db = -1"""
    return a - b, _ONE_MINUS_ONE


@rule("mul", arity=2, formula="a * b", derivative="d/da = b, d/db = a",
      sympy=lambda sp, a, b: a * b)
def mul(a: float, b: float) -> tuple[float, Locals]:
    """d(a * b)/da = b,  d(a * b)/db = a"""
    return a * b, (b, a)


@rule("div", arity=2, formula="a / b", derivative="d/da = 1/b, d/db = -a/b^2",
      domain=Constraint("b != 0", lambda a, b: abs(b)),
      sympy=lambda sp, a, b: a / b)
def div(a: float, b: float) -> tuple[float, Locals]:
    """d(a / b)/da = 1/b,  d(a / b)/db = -a/b^2"""
    if b == 0.0:
        raise ZeroDivisionError(f"div({a!r}, {b!r}): division by zero; "
                                f"make sure the denominator is never 0")
    out = _finite("div", a / b, a, b)
    return out, (_finite("div", 1.0 / b, a, b, what="the derivative 1/b"),
                 _finite("div", -out / b, a, b, what="the derivative -a/b^2"))


@rule("neg", formula="-x", derivative="d/dx = -1", sympy=lambda sp, x: -x)
def neg(x: float) -> tuple[float, Locals]:
    """d(-x)/dx = -1"""
    return -x, _MINUS_ONE


def _pow_domain(x: float, n: float) -> float:
    if float(n).is_integer():
        return math.inf if n >= 0 else abs(x)
    return x


@rule("pow", formula="x ** n  (n a fixed number)", derivative="d/dx = n x^(n-1)",
      domain=Constraint("x != 0 if n < 0; x > 0 if n is not an integer",
                        _pow_domain),
      params=("n",), examples={"n": (2.0, 3.0, -1.0, -2.0, 0.5, 1.5, 0.0)},
      sympy=lambda sp, x, n: x ** sp.nsimplify(n))
def pow(x: float, n: float) -> tuple[float, Locals]:
    """d(x^n)/dx = n x^(n-1)"""
    if x == 0.0 and n < 0:
        raise ZeroDivisionError(f"pow({x!r}, {n!r}): 0 cannot be raised to a negative "
                                f"power; keep the base away from 0")
    if not float(n).is_integer():
        if x < 0.0:
            raise ValueError(f"pow({x!r}, {n!r}): a negative base to a fractional power "
                             f"is not a real number; use a positive base or an integer power")
        if x == 0.0 and n < 1:
            raise ValueError(f"pow({x!r}, {n!r}): the derivative n x^(n-1) is infinite at "
                             f"x = 0; keep the base above 0")
    try:
        out = x ** n
        local = 0.0 if n == 0 else n * x ** (n - 1)
    except OverflowError:
        raise OverflowError(f"pow({x!r}, {n!r}): the result overflows a float; "
                            f"use a smaller base or power") from None
    return _finite("pow", out, x, n), (_finite("pow", local, x, n, what="the derivative n x^(n-1)"),)


@rule("vpow", arity=2, formula="a ** b  (both inputs vary)",
      derivative="d/da = b a^(b-1), d/db = a^b ln a",
      domain=Constraint("a > 0", lambda a, b: a),
      sympy=lambda sp, a, b: a ** b)
def vpow(a: float, b: float) -> tuple[float, Locals]:
    """d(a^b)/da = b a^(b-1),  d(a^b)/db = a^b ln a"""
    if a == 0.0 and b < 0.0:
        raise ZeroDivisionError(f"vpow({a!r}, {b!r}): 0 cannot be raised to a negative "
                                f"power; keep the base away from 0")
    if a <= 0.0:
        raise ValueError(f"vpow({a!r}, {b!r}): a Value exponent needs a base > 0 "
                         f"(d/db = a^b ln a); use a positive base or a number exponent")
    try:
        out = a ** b
        local = b * a ** (b - 1.0)
    except OverflowError:
        raise OverflowError(f"vpow({a!r}, {b!r}): the result overflows a float; "
                            f"use a smaller base or exponent") from None
    out = _finite("vpow", out, a, b)
    return out, (_finite("vpow", local, a, b, what="the derivative b a^(b-1)"),
                 _finite("vpow", out * math.log(a), a, b, what="the derivative a^b ln a"))


@rule("rpow", formula="c ** x  (c a fixed number > 0)", derivative="d/dx = c^x ln c",
      domain=Constraint("c > 0", lambda x, c: c),
      params=("c",), examples={"c": (2.0, 0.5, 10.0, math.e)},
      sympy=lambda sp, x, c: sp.nsimplify(c) ** x)
def rpow(x: float, c: float) -> tuple[float, Locals]:
    """d(c^x)/dx = c^x ln c"""
    if c == 0.0 and x < 0.0:
        raise ZeroDivisionError(f"rpow(base={c!r}, exponent={x!r}): 0 cannot be raised to a "
                                f"negative power; keep the exponent >= 0 or the base away from 0")
    if c <= 0.0:
        raise ValueError(f"rpow(base={c!r}, exponent={x!r}): a number base must be > 0 to raise "
                         f"it to a Value power (d/dx = c^x ln c); use a positive base")
    try:
        out = c ** x
    except OverflowError:
        raise OverflowError(f"rpow(base={c!r}, exponent={x!r}): the result overflows a float; "
                            f"use a smaller exponent") from None
    out = _finite("rpow", out, x, c)
    return out, (_finite("rpow", out * math.log(c), x, c, what="the derivative c^x ln c"),)


@rule("abs", formula="|x|", derivative="d/dx = sign(x)",
      kinks=Constraint("x = 0", lambda x: abs(x)), convention="abs'(0) = 0",
      sympy=lambda sp, x: sp.Abs(x))
def abs_(x: float) -> tuple[float, Locals]:
    """d|x|/dx = sign(x), and 0 at x = 0"""
    if x > 0.0:
        return x, _ONE
    if x < 0.0:
        return -x, _MINUS_ONE
    return 0.0, _ZERO


# --- exponentials, logarithms, trigonometry --------------------------------

@rule("exp", formula="e^x", derivative="d/dx = e^x",
      domain=Constraint(f"x <= {EXP_LIMIT:.2f} (larger overflows)",
                        lambda x: EXP_LIMIT - x),
      sympy=lambda sp, x: sp.exp(x))
def exp(x: float) -> tuple[float, Locals]:
    """d(e^x)/dx = e^x"""
    if x > EXP_LIMIT:
        raise OverflowError(f"exp({x!r}): the result overflows a float (x must be at most "
                            f"{EXP_LIMIT:.2f}); rescale the input")
    out = math.exp(x)
    return out, (out,)


@rule("log", formula="ln x", derivative="d/dx = 1/x",
      domain=Constraint("x > 0", lambda x: x), sympy=lambda sp, x: sp.log(x))
def log(x: float) -> tuple[float, Locals]:
    """d(ln x)/dx = 1/x"""
    if x <= 0.0:
        raise ValueError(f"log({x!r}): the logarithm is defined only for x > 0; "
                         f"keep the input positive (for example log(x + 1e-12) when x >= 0)")
    return math.log(x), (_finite("log", 1.0 / x, x, what="the derivative 1/x"),)


@rule("sqrt", formula="sqrt(x)", derivative="d/dx = 1 / (2 sqrt(x))",
      domain=Constraint("x > 0 (the derivative is infinite at 0)", lambda x: x),
      sympy=lambda sp, x: sp.sqrt(x))
def sqrt(x: float) -> tuple[float, Locals]:
    """d(sqrt x)/dx = 1 / (2 sqrt x)"""
    if x < 0.0:
        raise ValueError(f"sqrt({x!r}): the square root of a negative number is not real; "
                         f"keep the input >= 0")
    if x == 0.0:
        raise ValueError(f"sqrt({x!r}): the derivative 1/(2 sqrt x) is infinite at 0; "
                         f"keep the input above 0 (for example sqrt(x + 1e-12))")
    out = math.sqrt(x)
    return out, (_finite("sqrt", 0.5 / out, x, what="the derivative 1/(2 sqrt x)"),)


@rule("sin", formula="sin x", derivative="d/dx = cos x", sympy=lambda sp, x: sp.sin(x))
def sin(x: float) -> tuple[float, Locals]:
    """d(sin x)/dx = cos x"""
    return math.sin(x), (math.cos(x),)


@rule("cos", formula="cos x", derivative="d/dx = -sin x", sympy=lambda sp, x: sp.cos(x))
def cos(x: float) -> tuple[float, Locals]:
    """d(cos x)/dx = -sin x"""
    return math.cos(x), (-math.sin(x),)


@rule("arctan", formula="arctan x", derivative="d/dx = 1 / (1 + x^2)",
      sympy=lambda sp, x: sp.atan(x))
def arctan(x: float) -> tuple[float, Locals]:
    """d(arctan x)/dx = 1 / (1 + x^2)"""
    if abs(x) > 1e150:  # x * x would overflow; the derivative is 0 to double precision
        return math.atan(x), (0.0,)
    return math.atan(x), (1.0 / (1.0 + x * x),)


# --- activations -------------------------------------------------------------

@rule("tanh", formula="tanh x", derivative="d/dx = 1 - tanh^2 x",
      sympy=lambda sp, x: sp.tanh(x))
def tanh(x: float) -> tuple[float, Locals]:
    """d(tanh x)/dx = 1 - tanh^2 x"""
    t = math.tanh(x)
    return t, (1.0 - t * t,)


def _logistic(x: float) -> float:
    # Two branches so that exp never sees a large positive argument.
    if x >= 0.0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


@rule("sigmoid", formula="1 / (1 + e^-x)", derivative="d/dx = s (1 - s), s = sigmoid x",
      sympy=lambda sp, x: 1 / (1 + sp.exp(-x)))
def sigmoid(x: float) -> tuple[float, Locals]:
    """d(sigmoid x)/dx = sigmoid(x) (1 - sigmoid(x))"""
    s = _logistic(x)
    return s, (s * (1.0 - s),)


@rule("relu", formula="max(0, x)", derivative="d/dx = 1 if x > 0 else 0",
      kinks=Constraint("x = 0", lambda x: abs(x)), convention="relu'(0) = 0",
      sympy=lambda sp, x: sp.Max(x, 0))
def relu(x: float) -> tuple[float, Locals]:
    """d(relu x)/dx = 1 for x > 0, else 0 (0 at x = 0)"""
    if x > 0.0:
        return x, _ONE
    return 0.0, _ZERO


@rule("leaky_relu", formula="x if x > 0 else alpha x",
      derivative="d/dx = 1 if x > 0 else alpha",
      kinks=Constraint("x = 0", lambda x, alpha: abs(x)),
      convention="leaky_relu'(0) = alpha", params=("alpha",),
      examples={"alpha": (0.01, 0.2)},
      sympy=lambda sp, x, alpha: sp.Piecewise((x, x > 0), (sp.nsimplify(alpha) * x, True)))
def leaky_relu(x: float, alpha: float = 0.01) -> tuple[float, Locals]:
    """d(leaky_relu x)/dx = 1 for x > 0, else alpha (alpha at x = 0)"""
    if x > 0.0:
        return x, _ONE
    return alpha * x, (alpha,)


@rule("elu", formula="x if x > 0 else alpha (e^x - 1)",
      derivative="d/dx = 1 if x > 0 else alpha e^x",
      kinks=Constraint("x = 0 (when alpha != 1)", lambda x, alpha: abs(x)),
      convention="elu'(0) = alpha", params=("alpha",),
      examples={"alpha": (1.0, 0.5)},
      sympy=lambda sp, x, alpha: sp.Piecewise(
          (x, x > 0), (sp.nsimplify(alpha) * (sp.exp(x) - 1), True)))
def elu(x: float, alpha: float = 1.0) -> tuple[float, Locals]:
    """d(elu x)/dx = 1 for x > 0, else alpha e^x (alpha at x = 0)"""
    if x > 0.0:
        return x, _ONE
    return alpha * math.expm1(x), (alpha * math.exp(x),)


@rule("softplus", formula="ln(1 + e^x)", derivative="d/dx = sigmoid x",
      sympy=lambda sp, x: sp.log(1 + sp.exp(x)))
def softplus(x: float) -> tuple[float, Locals]:
    """d ln(1 + e^x)/dx = sigmoid(x)"""
    # max(x, 0) + ln(1 + e^-|x|) is the same number without overflow.
    return max(x, 0.0) + math.log1p(math.exp(-abs(x))), (_logistic(x),)


@rule("gelu", formula="x Phi(x) = x (1 + erf(x / sqrt 2)) / 2",
      derivative="d/dx = Phi(x) + x phi(x)",
      sympy=lambda sp, x: x * (1 + sp.erf(x / sp.sqrt(2))) / 2)
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
      sympy=lambda sp, a, b: sp.Max(a, b))
def maximum(a: float, b: float) -> tuple[float, Locals]:
    """d max(a, b)/da = 1 if a > b, 0 if a < b, 1/2 at a tie; likewise for b"""
    if a > b:
        return a, (1.0, 0.0)
    if b > a:
        return b, (0.0, 1.0)
    return a, (0.5, 0.5)


@rule("minimum", arity=2, formula="min(a, b)",
      derivative="d/da = 1 if a < b else 0, d/db = 1 if b < a else 0",
      kinks=Constraint("a = b", lambda a, b: abs(a - b)),
      convention="at a tie each input gets 1/2 (as PyTorch)",
      sympy=lambda sp, a, b: sp.Min(a, b))
def minimum(a: float, b: float) -> tuple[float, Locals]:
    """d min(a, b)/da = 1 if a < b, 0 if a > b, 1/2 at a tie; likewise for b"""
    if a < b:
        return a, (1.0, 0.0)
    if b < a:
        return b, (0.0, 1.0)
    return a, (0.5, 0.5)

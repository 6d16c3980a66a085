"""The rule table: every operation's forward formula and local derivatives.

Read this file (and activations.py) as a cheat sheet. Each rule is a plain
function of floats that returns two things: the result, and the tuple of local
derivatives d(result)/d(input_i). Nothing here knows about graphs: the engine
multiplies the local derivatives by the upstream gradient (the chain rule) in
one place.

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

from .rules import (EVERYWHERE, MINUS_ONE, ONE, ONE_MINUS_ONE, ONE_ONE, RULES, ZERO, Constraint,
                    Locals, Rule, RuleFunction, finite, rule)

# exp(x) overflows a float above this input (log of the largest float).
EXP_LIMIT = math.log(1.7976931348623157e308)


# --- arithmetic --------------------------------------------------------------

@rule("add", arity=2, formula="a + b", derivative="d/da = 1, d/db = 1",
      sympy=lambda sp, a, b: a + b,
      local=("1", "1"), infix="+")
def add(a: float, b: float) -> tuple[float, Locals]:
    """d(a + b)/da = 1,  d(a + b)/db = 1"""
    return a + b, ONE_ONE


@rule("sum", arity=None, formula="x1 + x2 + ... + xn",
      derivative="d/dxi = 1 for every input", sympy=lambda sp, *xs: sp.Add(*xs),
      local=("1",), infix="+", symbol="\u03a3")
def sum_(*xs: float) -> tuple[float, Locals]:
    """d(x1 + ... + xn)/dxi = 1: the lecture's Σ, one node for any number of terms"""
    return sum(xs), (1.0,) * len(xs)


@rule("sub", arity=2, formula="a - b", derivative="d/da = 1, d/db = -1",
      sympy=lambda sp, a, b: a - b,
      local=("1", "-1"), infix="-")
def sub(a: float, b: float) -> tuple[float, Locals]:
    """d(a - b)/da = 1,  d(a - b)/db = -1"""
    return a - b, ONE_MINUS_ONE


@rule("mul", arity=2, formula="a * b", derivative="d/da = b, d/db = a",
      sympy=lambda sp, a, b: a * b,
      local=("{y}", "{x}"), infix="*")
def mul(a: float, b: float) -> tuple[float, Locals]:
    """d(a * b)/da = b,  d(a * b)/db = a"""
    return a * b, (b, a)


@rule("div", arity=2, formula="a / b", derivative="d/da = 1/b, d/db = -a/b^2",
      domain=Constraint("b != 0", lambda a, b: abs(b)),
      sympy=lambda sp, a, b: a / b,
      local=("1/{y}", "-{x}/{y}**2"), infix="/")
def div(a: float, b: float) -> tuple[float, Locals]:
    """d(a / b)/da = 1/b,  d(a / b)/db = -a/b^2"""
    if b == 0.0:
        raise ZeroDivisionError(f"div({a!r}, {b!r}): division by zero; "
                                f"make sure the denominator is never 0")
    out = finite("div", a / b, a, b)
    return out, (finite("div", 1.0 / b, a, b, what="the derivative 1/b"),
                 finite("div", -out / b, a, b, what="the derivative -a/b^2"))


@rule("neg", formula="-x", derivative="d/dx = -1", sympy=lambda sp, x: -x,
      local=("-1",), template="-{x}", symbol="-")
def neg(x: float) -> tuple[float, Locals]:
    """d(-x)/dx = -1"""
    return -x, MINUS_ONE


def _pow_domain(x: float, n: float) -> float:
    if float(n).is_integer():
        return math.inf if n >= 0 else abs(x)
    return x


def _power(name: str, base: float, exponent: float) -> float:
    """base ** exponent as a finite float, or a one-line error naming the rule."""
    if base == 0.0 and exponent < 0:
        raise ZeroDivisionError(f"{name}(base={base!r}, exponent={exponent!r}): 0 cannot be "
                                f"raised to a negative power; keep the base away from 0")
    try:
        return finite(name, base ** exponent, base, exponent)
    except OverflowError:
        raise OverflowError(f"{name}(base={base!r}, exponent={exponent!r}): the result "
                            f"overflows a float; use a smaller base or exponent") from None


def _power_rule_text(x: str, n: str) -> str:
    """The power rule n x^(n-1) as the tape writes it: '2*x' for n = 2, '1' for n = 1."""
    exponent = float(n) - 1.0
    if float(n) == 0.0:
        return "0"
    if exponent == 0.0:
        return "1"
    shown = f"{exponent:g}" if exponent.is_integer() else repr(exponent)
    return f"{n}*{x}" if exponent == 1.0 else f"{n}*{x}**{shown}"


@rule("pow", formula="x ** n  (n a fixed number)", derivative="d/dx = n x^(n-1)",
      domain=Constraint("x != 0 if n < 0; x > 0 if n is not an integer",
                        _pow_domain),
      params=("n",), examples={"n": (2.0, 3.0, -1.0, -2.0, 0.5, 1.5, 0.0)},
      sympy=lambda sp, x, n: x ** sp.nsimplify(n),
      local=(lambda f: _power_rule_text(f["x"], f["n"]),), template="{x} ** {n}", symbol="** {n}")
def pow(x: float, n: float) -> tuple[float, Locals]:
    """d(x^n)/dx = n x^(n-1)"""
    if x < 0.0 and not float(n).is_integer():
        raise ValueError(f"pow(base={x!r}, exponent={n!r}): a negative base to a fractional "
                         f"power is not a real number; use a positive base or an integer power")
    out = _power("pow", x, n)  # 0 to a negative power raises ZeroDivisionError here
    if x == 0.0 and 0 < n < 1:
        raise ValueError(f"pow(base={x!r}, exponent={n!r}): the derivative n x^(n-1) is "
                         f"infinite at x = 0; keep the base above 0")
    if n == 0 or x == 0.0:
        local = 1.0 if n == 1 else 0.0  # 0 ** n for n >= 1 (0 < n < 1 was refused above)
    else:
        local = n * (out / x)  # n x^(n-1), without a second power that could overflow alone
    return out, (finite("pow", local, x, n, what="the derivative n x^(n-1)"),)


@rule("vpow", arity=2, formula="a ** b  (both inputs vary)",
      derivative="d/da = b a^(b-1), d/db = a^b ln a",
      domain=Constraint("a > 0", lambda a, b: a),
      sympy=lambda sp, a, b: a ** b,
      local=("{y}*{x}**({y} - 1)", "{out}*log({x})"), infix="**")
def vpow(a: float, b: float) -> tuple[float, Locals]:
    """d(a^b)/da = b a^(b-1),  d(a^b)/db = a^b ln a"""
    if a < 0.0 or (a == 0.0 and b >= 0.0):
        raise ValueError(f"vpow(base={a!r}, exponent={b!r}): a Value exponent needs a base > 0 "
                         f"(d/db = a^b ln a); use a positive base or a number exponent")
    out = _power("vpow", a, b)  # a == 0 with b < 0 raises ZeroDivisionError here
    local_a = b * _power("vpow", a, b - 1.0)
    return out, (finite("vpow", local_a, a, b, what="the derivative b a^(b-1)"),
                 finite("vpow", out * math.log(a), a, b, what="the derivative a^b ln a"))


@rule("rpow", formula="c ** x  (c a fixed number > 0)", derivative="d/dx = c^x ln c",
      domain=Constraint("c > 0", lambda x, c: c),
      params=("c",), examples={"c": (2.0, 0.5, 10.0, math.e)},
      sympy=lambda sp, x, c: sp.nsimplify(c) ** x,
      local=("{out}*log({c})",), template="{c} ** {x}", symbol="{c} **")
def rpow(x: float, c: float) -> tuple[float, Locals]:
    """d(c^x)/dx = c^x ln c"""
    if c < 0.0 or (c == 0.0 and x >= 0.0):
        raise ValueError(f"rpow(base={c!r}, exponent={x!r}): a number base must be > 0 to raise "
                         f"it to a Value power (d/dx = c^x ln c); use a positive base")
    out = _power("rpow", c, x)  # c == 0 with x < 0 raises ZeroDivisionError here
    return out, (finite("rpow", out * math.log(c), x, c, what="the derivative c^x ln c"),)


@rule("abs", formula="|x|", derivative="d/dx = sign(x)",
      kinks=Constraint("x = 0", lambda x: abs(x)), convention="abs'(0) = 0",
      sympy=lambda sp, x: sp.Abs(x),
      local=("sign({x})",))
def abs_(x: float) -> tuple[float, Locals]:
    """d|x|/dx = sign(x), and 0 at x = 0"""
    if x > 0.0:
        return x, ONE
    if x < 0.0:
        return -x, MINUS_ONE
    return 0.0, ZERO


# --- exponentials, logarithms, trigonometry --------------------------------

@rule("exp", formula="e^x", derivative="d/dx = e^x",
      domain=Constraint(f"x <= {EXP_LIMIT:.2f} (larger overflows)",
                        lambda x: EXP_LIMIT - x),
      sympy=lambda sp, x: sp.exp(x),
      local=("{out}",))
def exp(x: float) -> tuple[float, Locals]:
    """d(e^x)/dx = e^x"""
    if x > EXP_LIMIT:
        raise OverflowError(f"exp({x!r}): the result overflows a float (x must be at most "
                            f"{EXP_LIMIT:.2f}); rescale the input")
    out = math.exp(x)
    return out, (out,)


@rule("log", formula="ln x", derivative="d/dx = 1/x",
      domain=Constraint("x > 0", lambda x: x), sympy=lambda sp, x: sp.log(x),
      local=("1/{x}",))
def log(x: float) -> tuple[float, Locals]:
    """d(ln x)/dx = 1/x"""
    if x <= 0.0:
        raise ValueError(f"log({x!r}): the logarithm is defined only for x > 0; "
                         f"keep the input positive (for example log(x + 1e-12) when x >= 0)")
    return math.log(x), (finite("log", 1.0 / x, x, what="the derivative 1/x"),)


@rule("sqrt", formula="sqrt(x)", derivative="d/dx = 1 / (2 sqrt(x))",
      domain=Constraint("x > 0 (the derivative is infinite at 0)", lambda x: x),
      sympy=lambda sp, x: sp.sqrt(x),
      local=("1/(2*{out})",))
def sqrt(x: float) -> tuple[float, Locals]:
    """d(sqrt x)/dx = 1 / (2 sqrt x)"""
    if x < 0.0:
        raise ValueError(f"sqrt({x!r}): the square root of a negative number is not real; "
                         f"keep the input >= 0")
    if x == 0.0:
        raise ValueError(f"sqrt({x!r}): the derivative 1/(2 sqrt x) is infinite at 0; "
                         f"keep the input above 0 (for example sqrt(x + 1e-12))")
    out = math.sqrt(x)
    return out, (finite("sqrt", 0.5 / out, x, what="the derivative 1/(2 sqrt x)"),)


@rule("sin", formula="sin x", derivative="d/dx = cos x", sympy=lambda sp, x: sp.sin(x),
      local=("cos({x})",))
def sin(x: float) -> tuple[float, Locals]:
    """d(sin x)/dx = cos x"""
    return math.sin(x), (math.cos(x),)


@rule("cos", formula="cos x", derivative="d/dx = -sin x", sympy=lambda sp, x: sp.cos(x),
      local=("-sin({x})",))
def cos(x: float) -> tuple[float, Locals]:
    """d(cos x)/dx = -sin x"""
    return math.cos(x), (-math.sin(x),)


@rule("arctan", formula="arctan x", derivative="d/dx = 1 / (1 + x^2)",
      sympy=lambda sp, x: sp.atan(x),
      local=("1/(1 + {x}**2)",))
def arctan(x: float) -> tuple[float, Locals]:
    """d(arctan x)/dx = 1 / (1 + x^2)"""
    if abs(x) > 1e150:  # x * x would overflow; the derivative is 0 to double precision
        return math.atan(x), (0.0,)
    return math.atan(x), (1.0 / (1.0 + x * x),)


# The activation functions' rules live in activations.py; importing them here
# completes RULES and lets `ops.tanh` etc. be used like every other rule.
from .activations import (  # noqa: E402
    elu,
    gelu,
    leaky_relu,
    maximum,
    minimum,
    prelu,
    relu,
    sigmoid,
    sign,
    softplus,
    step,
    tanh,
)

__all__ = [
    "RULES", "Rule", "Constraint", "EVERYWHERE", "Locals", "RuleFunction", "rule", "EXP_LIMIT",
    "add", "sum_", "sub", "mul", "div", "neg", "pow", "vpow", "rpow", "abs_", "exp", "log", "sqrt",
    "sin", "cos", "arctan", "tanh", "sigmoid", "relu", "leaky_relu", "elu", "softplus",
    "gelu", "maximum", "minimum", "step", "sign", "prelu",
]

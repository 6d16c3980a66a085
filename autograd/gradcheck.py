"""Checking derivatives numerically: grad(), numerical_grad() and gradcheck();
jacobian() of many outputs.

The one difference quotient of the project (autograd.testing's oracle uses it
too). Central differences, f'(x) ~ (f(x + h) - f(x - h)) / 2h, err by about
c h^2 from the formula and eps |f| / h from rounding; h = cbrt(eps) * x_c
balances the two when x_c is the scale over which f curves (Numerical Recipes,
2nd ed., section 5.7, eq. 5.7.8). That scale is unknown, so two are tried:
x_c = |x| (the relative step, right for log x or x**-2 at tiny x) and x_c = 1
(right for exp x or sin x near 0); each quotient comes with an error bar
estimated from the quotients at h/2 and 2h and from the one-sided quotients,
and the one with the smaller relative bar is kept. At x = 0 only x_c = 1 is
left.

The domain is learnt from the function itself: a rule raises at once outside
its domain (ValueError or ArithmeticError), so where f fails on one side of x
the quotient becomes the one-sided (-3 f(x) + 4 f(x + h) - f(x + 2h)) / 2h,
also exact to order h^2, on the side where f is defined. No number outside the
domain is ever reported as the user's.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from .checks import Number, instance, real, sequence, shown
from .engine import topological_order
from .value import Value

Function = Callable[..., Value]
Slope = tuple[float, float]  # a numerical derivative and its error bar
EPSILON = sys.float_info.epsilon
CBRT_EPSILON = EPSILON ** (1 / 3)  # about 6.06e-6
_UNDEFINED = (ValueError, ArithmeticError)  # how a rule says "outside my domain"


class GradcheckError(AssertionError):
    """Backward and central differences disagree; the message lists every input."""


@dataclass(frozen=True)
class Comparison:
    """One input of gradcheck: backward's slope, the numerical one, and the verdict."""

    analytic: float
    numeric: float
    agrees: bool


def relative_step(x: float) -> float:
    """cbrt(eps) * |x| (about 6e-6 |x|); cbrt(eps) itself at x = 0 (Numerical Recipes 5.7)."""
    h = CBRT_EPSILON * abs(x) or CBRT_EPSILON  # also when the product underflows to 0
    return (x + h) - x  # a step that x + h represents exactly (NR 5.7)


def candidate_steps(x: float) -> tuple[float, ...]:
    """The steps tried at x: the relative one, and for 0 < |x| < 1 also cbrt(eps) (scale 1)."""
    step = relative_step(x)
    return (step,) if step >= CBRT_EPSILON else (step, CBRT_EPSILON)


def _difference(f: Callable[[float], float], x: float, h: float,
               noise: float | None = None, smooth: bool = False) -> Slope | None:
    """f'(x) with step h, and its error bar; None if f fails on both sides of x.

    Three quotients, each exact to order h^2: the central one (f defined from
    x - 2h to x + 2h) and the one-sided ones (-3 f(x) + 4 f(x +- h) -
    f(x +- 2h)) / +-2h (f defined from x to x +- 4h). The first that exists
    is returned. Its error bar: D(h) = f' + c h^2 + ..., so D(2h) - D(h) is
    about 3 c h^2, and 4 times the larger of |D(h) - D(h/2)|, |D(h) - D(2h)|
    bounds the formula error; if a value of f can be off by `noise` (default
    eps times the largest |f| seen) a quotient can be off by 4 noise / h,
    which is added. Where f is not smooth across the steps (a pole or kink
    between x - 4h and x + 4h) the quotients disagree: the bar is at least
    their disagreement, unless the caller knows f is `smooth` there (then
    the first quotient is returned alone). Raises what f raises at x itself.
    """
    f0 = f(x)
    estimates = []
    central, one_sided = (0.5, 1, 2), (0.5, 1, 2, 4)  # the multiples of h each needs
    for sides, multiples in (((1, -1), central), ((1,), one_sided), ((-1,), one_sided)):
        try:
            at = {(sign, m): f(x + sign * m * h) for sign in sides for m in multiples}
        except _UNDEFINED:
            continue
        if len(sides) == 2:
            slopes = [(at[1, m] - at[-1, m]) / (2 * m * h) for m in (0.5, 1, 2)]
        else:
            sign = sides[0]
            slopes = [sign * (-3 * f0 + 4 * at[sign, m] - at[sign, 2 * m]) / (2 * m * h)
                      for m in (0.5, 1, 2)]
        spread = max(abs(slopes[1] - slopes[0]), abs(slopes[1] - slopes[2]))
        largest = max(abs(f0), *(abs(v) for v in at.values()))
        rounding = EPSILON * largest if noise is None else noise
        estimates.append((slopes[1], 4 * spread + 4 * rounding / h))
        if smooth:
            break
    if not estimates:
        return None
    (slope, error), others = estimates[0], estimates[1:]
    return slope, max([error] + [abs(slope - other) for other, _ in others])


def derivative(f: Callable[[float], float], x: float, steps: Iterable[float] | None = None,
               noise: float | None = None, smooth: bool = False) -> Slope:
    """f'(x) and its error bar: of the quotients (`_difference`) at `steps` (default
    candidate_steps(x)), the one whose bar is the smallest relative to its
    slope (`smooth` as for `_difference`); a one-line ValueError if f is
    undefined on both sides of x at every step."""
    tried = tuple(candidate_steps(x) if steps is None else steps)
    found = [slope for h in tried if (slope := _difference(f, x, h, noise, smooth)) is not None]
    if not found:
        shown = ", ".join(f"{h:.3g}" for h in tried)
        raise ValueError(f"numerical_grad: the function is defined at {x!r} but on neither "
                         f"side of it (steps {shown}); a derivative needs a neighbourhood")
    return min(found, key=_relative_error)


def _relative_error(slope: Slope) -> float:
    """The error bar relative to the slope (0 for an exact 0, inf for a bar around 0)."""
    value, error = slope
    return error / abs(value) if value else (0.0 if error == 0 else math.inf)


def grad(f: Function, *xs: Number) -> tuple[float, ...]:
    """(df/dx1, ..., df/dxn) at the numbers xs, by backward; f takes n Values.

    Raises TypeError when f is not a function (for a graph already built,
    call y.backward() and read x.grad) or an x is not a number.
    """
    if not callable(f):
        raise TypeError(f"grad: f={shown(f)} is not a function; pass one, as in "
                        f"grad(lambda x: x * x, 3.0) (for a graph you built, call "
                        f"y.backward() and read x.grad)")
    leaves = tuple(Value(x, label=f"x{i}") for i, x in enumerate(xs))
    out = _call(f, leaves)
    out.backward()
    return tuple(leaf.grad for leaf in leaves)


def numerical_grad(f: Function, *xs: Number, step: float | None = None) -> tuple[float, ...]:
    """(df/dx1, ..., df/dxn) at xs by differences (f takes n Values; see the module).

    `step` fixes h for every input instead of the candidates. Raises ValueError
    for a step that is not a positive number or where f is undefined on both
    sides of an input, and what f raises at xs itself.
    """
    real("numerical_grad", "step", step, low=0, low_open=True, optional=True,
         example="1e-6 (None chooses one for the scale of each input)")
    point = [real("numerical_grad", f"xs[{i}]", x) for i, x in enumerate(xs)]
    return tuple(derivative(_along(f, point, i), x, None if step is None else (step,))[0]
                 for i, x in enumerate(point))


def compare(f: Function, *xs: Number, rtol: float = 1e-5,
            atol: float = 1e-7) -> tuple[Comparison, ...]:
    """Backward against numerical_grad for each input: agree when
    |a - n| <= atol + rtol * max(|a|, |n|) (the test of numpy's isclose, made
    symmetric). Raises ValueError for a tolerance that is not finite and >= 0."""
    check_tolerance("gradcheck", "rtol", rtol)
    check_tolerance("gradcheck", "atol", atol)
    return tuple(Comparison(a, n, abs(a - n) <= atol + rtol * max(abs(a), abs(n)))
                 for a, n in zip(grad(f, *xs), numerical_grad(f, *xs)))


def gradcheck(f: Function, *xs: Number, rtol: float = 1e-5, atol: float = 1e-7) -> bool:
    """Compare backward with numerical_grad at xs (see `compare`); True, or
    GradcheckError naming every input; ValueError for a bad tolerance."""
    comparisons = compare(f, *xs, rtol=rtol, atol=atol)
    if all(c.agrees for c in comparisons):
        return True
    rows = []
    for i, c in enumerate(comparisons):
        error = abs(c.analytic - c.numeric) / max(abs(c.analytic), abs(c.numeric), 1e-300)
        mark = "" if c.agrees else "  <-- differs"
        rows.append(f"x{i}={xs[i]!r}: analytic {c.analytic:.10g}, numeric {c.numeric:.10g}, "
                    f"relative error {error:.2e}{mark}")
    raise GradcheckError(f"gradcheck failed (rtol={rtol:g}, atol={atol:g}): " + "; ".join(rows))


def check_tolerance(where: str, name: str, value: object) -> float:
    """value as a float if it is a finite number >= 0 (NaN or infinity would
    accept any derivative); else the one-line TypeError or ValueError of
    autograd.checks.real."""
    return real(where, name, value, low=0, example="1e-5")


def _along(f: Function, point: list[float], i: int) -> Callable[[float], float]:
    """f as a function of input i alone, on floats."""
    def along(v: float) -> float:
        return _call(f, tuple(Value(p) for p in point[:i] + [v] + point[i + 1:])).data
    return along


def jacobian(outputs: Sequence[Value], inputs: Sequence[Value]) -> list[list[float]]:
    """The Jacobian d outputs / d inputs: m rows (one per output) of n numbers.

    For m output Values y_1..y_m and n input Values x_1..x_n, entry [i][j] is
    d y_i / d x_j (numerator layout, as the matrix-calculus slides write it:
    a Jacobian of R^n -> R^m is m x n); 0.0 where y_i does not depend on x_j.
    One backward per output, with the inputs' grads set to 0 first. Every grad
    in the outputs' graphs is saved before and put back after, so the call
    changes no grad, whether it returns or raises (TypeError for anything that
    is not a list of Values, ValueError for an empty list, OverflowError from
    backward).
    """
    outputs = _values(outputs, "outputs")
    inputs = _values(inputs, "inputs")
    nodes = {node: None for y in outputs for node in topological_order(y)}
    nodes.update((x, None) for x in inputs)
    saved = {node: node.grad for node in nodes}
    rows = []
    try:
        for y in outputs:
            for x in inputs:
                x._grad = 0.0  # d y / d x starts from zero for each output
            y.backward()
            rows.append([x.grad for x in inputs])
    finally:
        for node, grad_before in saved.items():
            node._grad = grad_before  # the core's own field: grad has no public setter
    return rows


def _values(items: Sequence[Value], what: str) -> list[Value]:
    """items as a list of Values, or the one-line TypeError/ValueError of autograd.checks."""
    values = sequence("jacobian", what, items, of="Values (wrap one Value in a list: [y])",
                      minimum=1)
    for index, item in enumerate(values):
        instance("jacobian", f"{what}[{index}]", item, Value, "Value(x) to make a number a leaf")
    return values


def _call(f: Function, leaves: tuple[Value, ...]) -> Value:
    name = getattr(f, "__name__", "f")
    return instance("grad", f"{name}(...)", f(*leaves), Value,
                    "a function that computes with its arguments (they are Values)")

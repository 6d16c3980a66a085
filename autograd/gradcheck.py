"""Checking derivatives numerically: grad() and gradcheck().

Central differences: f'(x) ~ (f(x + h) - f(x - h)) / 2h, with an error of order
h^2 from the formula and eps/h from rounding; h ~ cbrt(eps) * max(1, |x|)
balances the two (about 6e-6 at x = 1).
"""

from __future__ import annotations

from typing import Callable

from .checks import instance, real
from .value import Number, Value

Function = Callable[..., Value]
_EPSILON = 2.220446049250313e-16


class GradcheckError(AssertionError):
    """Backward and central differences disagree; the message lists every input."""


def grad(f: Function, *xs: Number) -> tuple[float, ...]:
    """(df/dx1, ..., df/dxn) at the numbers xs, by backward."""
    leaves = tuple(Value(x, label=f"x{i}") for i, x in enumerate(xs))
    out = _call(f, leaves)
    out.backward()
    return tuple(leaf.grad for leaf in leaves)


def numerical_grad(f: Function, *xs: Number, step: float | None = None) -> tuple[float, ...]:
    """(df/dx1, ..., df/dxn) at xs by central differences (f may take Values)."""
    real("numerical_grad", "step", step, low=0, low_open=True, optional=True,
         example="1e-6 (None chooses one for the scale of each input)")
    point = [real("numerical_grad", f"xs[{i}]", x) for i, x in enumerate(xs)]
    slopes = []
    for i, x in enumerate(point):
        h = step if step is not None else _EPSILON ** (1 / 3) * max(1.0, abs(x))
        up = point[:i] + [x + h] + point[i + 1:]
        down = point[:i] + [x - h] + point[i + 1:]
        f_up = _call(f, tuple(Value(v) for v in up)).data
        f_down = _call(f, tuple(Value(v) for v in down)).data
        slopes.append((f_up - f_down) / (2 * h))
    return tuple(slopes)


def gradcheck(f: Function, *xs: Number, rtol: float = 1e-5, atol: float = 1e-7) -> bool:
    """Compare backward with central differences at xs; True, or GradcheckError.

    rtol and atol are finite numbers >= 0 (else ValueError): an input fails when
    |analytic - numeric| > atol + rtol * max(|analytic|, |numeric|).
    """
    real("gradcheck", "rtol", rtol, low=0)
    real("gradcheck", "atol", atol, low=0)
    analytic = grad(f, *xs)
    numeric = numerical_grad(f, *xs)
    rows = []
    failed = False
    for i, (a, n) in enumerate(zip(analytic, numeric)):
        error = abs(a - n) / max(abs(a), abs(n), 1e-300)
        bad = abs(a - n) > atol + rtol * max(abs(a), abs(n))
        failed = failed or bad
        mark = "  <-- differs" if bad else ""
        rows.append(f"x{i}={xs[i]!r}: analytic {a:.10g}, numeric {n:.10g}, "
                    f"relative error {error:.2e}{mark}")
    if failed:
        raise GradcheckError(f"gradcheck failed (rtol={rtol:g}, atol={atol:g}): "
                             + "; ".join(rows))
    return True


def _call(f: Function, leaves: tuple[Value, ...]) -> Value:
    name = getattr(f, "__name__", "f")
    return instance("grad", f"{name}(...)", f(*leaves), Value,
                    "a function that computes with its arguments (they are Values)")

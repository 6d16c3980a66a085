"""The numerical derivative oracles: central differences and the complex step.

- central differences: (f(x + h) - f(x - h)) / 2h, with an error bar that the
  method estimates for itself (see `central_differences`);
- the complex step: Im f(x + ih) / h for a tiny h, exact to rounding, for
  functions whose forward formula also works on complex numbers.

Both come as plain functions of a list of numbers and as versions for a
`Program`. `autograd.testing` compares them (and sympy) with backward.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from typing import Callable, Sequence

from .program import Program, clearance, step_inputs

EPSILON = sys.float_info.epsilon
RTOL = 1e-9  # backward against sympy or the complex step: relative ...
ATOL = 1e-12  # ... or absolute, whichever is larger
COMPLEX_STEP = 1e-20


@dataclass(frozen=True)
class Estimate:
    """A numerical derivative and a bound on its error."""

    value: float
    error: float

    def agrees_with(self, slope: float) -> bool:
        """Whether `slope` lies within the error bar (or within RTOL of the value)."""
        return abs(slope - self.value) <= max(self.error, RTOL * abs(self.value), ATOL)


def close(a: float, b: float, *, rtol: float = RTOL, atol: float = ATOL) -> bool:
    """|a - b| within rtol of the larger magnitude, or within atol."""
    return abs(a - b) <= max(rtol * max(abs(a), abs(b)), atol)


def default_step(x: float) -> float:
    """The central-difference step for an input x: cbrt(eps) * max(1, |x|).

    The formula's error grows like h^2 and the rounding error like eps/h; the
    cube root of eps (about 6e-6) balances the two, scaled with the input.
    """
    return EPSILON ** (1 / 3) * max(1.0, abs(x))


def central_differences(f: Callable[[list[float]], float], point: Sequence[float], *,
                        steps: Sequence[float] | None = None,
                        noise: float | None = None) -> tuple[Estimate, ...]:
    """df/dx_i at `point` for each i, with an error bar.

    D(h) = (f(x + h) - f(x - h)) / 2h = f' + c h^2 + O(h^4), so D(2h) - D(h)
    is about 3 c h^2, three times D(h)'s own formula error, and D(h) - D(h/2)
    about 3/4 c h^2: 4 times the larger difference bounds the formula error.
    Rounding: if one f value can be off by `noise` (default eps |f|), the
    quotient can be off by noise / h; the differences usually show that too,
    but not when f is flat to the last bit across the steps, so the error
    bar also adds 4 noise / h.
    """
    point = [float(x) for x in point]
    estimates = []
    for i, x in enumerate(point):
        h = steps[i] if steps is not None else default_step(x)
        sizes: list[float] = []

        def quotient(step: float) -> float:
            up = f(point[:i] + [x + step] + point[i + 1:])
            down = f(point[:i] + [x - step] + point[i + 1:])
            sizes.extend((abs(up), abs(down)))
            return (up - down) / (2 * step)

        half, whole, double = quotient(h / 2), quotient(h), quotient(2 * h)
        spread = max(abs(whole - half), abs(whole - double))
        rounding = EPSILON * max(sizes) if noise is None else noise
        error = 4 * spread + 4 * rounding / h
        estimates.append(Estimate(whole, error))
    return tuple(estimates)


def complex_step(f: Callable[[list[complex]], complex],
                 point: Sequence[float]) -> tuple[float, ...] | None:
    """df/dx_i = Im f(x + i h) / h for each i (h = 1e-20), or None if f cannot.

    No subtraction, so no cancellation: exact to rounding, for an f written
    with operations that work on complex numbers (+, -, *, /, **). An f that
    raises on complex input, or returns a real number, gives None.
    """
    point = [complex(x) for x in point]
    slopes = []
    for i in range(len(point)):
        nudged = list(point)
        nudged[i] += 1j * COMPLEX_STEP
        try:
            out = f(nudged)
        except (TypeError, ValueError, ArithmeticError):
            return None
        if not isinstance(out, complex) or not math.isfinite(out.imag):
            return None
        slopes.append(out.imag / COMPLEX_STEP)
    return tuple(slopes)


# --- the oracles applied to a program ---------------------------------------------

def program_central_differences(program: Program) -> tuple[Estimate, ...] | None:
    """Central differences of the program's result for each input, or None.

    Every nudged evaluation must stay on the same side of every kink and
    inside every domain, or the difference quotient measures a jump, not a
    slope. The margins are distances, so a step whose arguments move by less
    than half their margin cannot have crossed: the step h is divided by 4
    until that holds (None when it still fails after 6 tries).
    """
    base = program.evaluate()
    steps = []
    for i, x in enumerate(program.inputs):
        h = default_step(x)
        for _ in range(6):
            if all(_same_branches(program, base, i, x + s * h) for s in (-2, -1, 1, 2)):
                break
            h /= 4
        else:
            return None
        steps.append(h)
    # Inside a rule, rounding is of the order of eps times the numbers it works
    # with, not times its result: gelu(-7.5) = -7.5 (1 + erf(-5.3)) / 2 is
    # about 2e-13, yet carries the 1e-16 rounding of 1 + erf. So each step may
    # add eps times the largest number in the program to the result's error.
    largest = max(1.0, max(abs(v) for v in base))
    noise = EPSILON * largest * len(program.steps)
    return central_differences(program.output, program.inputs, steps=steps, noise=noise)


def program_complex_step(program: Program) -> tuple[float, ...] | None:
    """The complex step applied to the program's result (None if an op cannot)."""
    return complex_step(program.output, program.inputs)


def backward_gradient(program: Program) -> tuple[float, ...]:
    """d result / d input for each input, by building the graph and calling backward."""
    nodes = program.to_values()
    nodes[-1].backward()
    return tuple(node.grad for node in nodes[:program.n_inputs])


def _same_branches(program: Program, base: list[float], index: int, nudged: float) -> bool:
    inputs = list(program.inputs)
    inputs[index] = nudged
    try:
        moved = program.evaluate(inputs)
    except (ArithmeticError, ValueError):
        return False
    for position, step in enumerate(program.steps, start=program.n_inputs):
        if not math.isfinite(moved[position]):
            return False
        rule = program.rule(step)
        now, before = step_inputs(step, moved), step_inputs(step, base)
        distance = sum(abs(a - b) for a, b in zip(now, before))
        if distance >= clearance(rule, before, step.params) / 2:
            return False
    return True

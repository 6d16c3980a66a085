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
from dataclasses import dataclass
from typing import Callable, Sequence

from autograd.gradcheck import EPSILON, candidate_steps, derivative

from .program import Program, clearance, step_inputs

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


def central_differences(f: Callable[[list[float]], float], point: Sequence[float], *,
                        steps: Sequence[float] | None = None,
                        noise: float | None = None) -> tuple[Estimate, ...]:
    """df/dx_i at `point` for each i, with an error bar.

    The quotient and its error bar are autograd.gradcheck's (`derivative`):
    the step rule and the error analysis are written once, there. `steps`
    fixes the step of each input instead of gradcheck's candidates; `noise`
    is how far one value of f can be off (default eps |f|).
    """
    point = [float(x) for x in point]
    estimates = []
    for i, x in enumerate(point):
        tried = None if steps is None else (steps[i],)
        estimates.append(Estimate(*derivative(_along(f, point, i), x, tried, noise)))
    return tuple(estimates)


def _along(f: Callable[[list[float]], float], point: list[float],
           i: int) -> Callable[[float], float]:
    return lambda v: f(point[:i] + [v] + point[i + 1:])


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
    than half their margin cannot have crossed: each of gradcheck's candidate
    steps is divided by 4 until that holds for the farthest nudge, 4h (a
    candidate still failing after 6 tries is dropped; None when none is left).
    """
    base = program.evaluate()
    # Inside a rule, rounding is of the order of eps times the numbers it works
    # with, not times its result: gelu(-7.5) = -7.5 (1 + erf(-5.3)) / 2 is
    # about 2e-13, yet carries the 1e-16 rounding of 1 + erf. So each step may
    # add eps times the largest number in the program to the result's error.
    largest = max(1.0, max(abs(v) for v in base))
    noise = EPSILON * largest * len(program.steps)
    point = list(program.inputs)
    estimates = []
    for i, x in enumerate(point):
        steps = [h for h in (_within_branches(program, base, i, x, h)
                             for h in candidate_steps(x)) if h is not None]
        if not steps:
            return None
        # smooth: the steps stay on one branch of every declared kink and domain, so
        # a quotient that still jumps is an undeclared kink, to be reported, not averaged.
        estimates.append(Estimate(*derivative(_along(program.output, point, i), x, steps,
                                              noise, smooth=True)))
    return tuple(estimates)


def _within_branches(program: Program, base: list[float], i: int, x: float,
                     h: float) -> float | None:
    """h, divided by 4 until x +- 4h stays on the same branches (None after 6 tries)."""
    for _ in range(6):
        if all(_same_branches(program, base, i, x + s * h) for s in (-4, -2, -1, 1, 2, 4)):
            return h
        h /= 4
    return None


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

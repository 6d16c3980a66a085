"""Tests for autograd/testing/oracles.py: central differences and the complex step."""

from __future__ import annotations

import math

import pytest

from autograd.testing.program import Program, Step
from autograd.testing.oracles import (Estimate, backward_gradient, central_differences, close,
                                      complex_step,
                                      program_central_differences, program_complex_step)


@pytest.mark.parametrize("f, x, slope", [
    (lambda v: v[0] ** 3, 2.0, 12.0),
    (lambda v: math.sin(v[0]), 0.5, math.cos(0.5)),
    (lambda v: math.exp(v[0]), 3.0, math.exp(3.0)),
    (lambda v: 1 / v[0], -250.0, -1 / 250.0 ** 2),
])
def test_central_differences_contain_the_true_slope_in_a_small_error_bar(f, x, slope) -> None:
    (estimate,) = central_differences(f, [x])
    assert abs(estimate.value - slope) <= estimate.error
    assert estimate.error <= 1e-7 * max(1.0, abs(slope))


def test_a_bad_step_widens_the_error_bar_instead_of_lying() -> None:
    # With h = 0.1 the formula error of sin's quotient is about h^2/6 = 2e-3.
    (estimate,) = central_differences(lambda v: math.sin(v[0]), [0.5], steps=[0.1])
    assert abs(estimate.value - math.cos(0.5)) <= estimate.error
    assert estimate.error > 1e-3


def test_each_input_gets_its_own_slope() -> None:
    estimates = central_differences(lambda v: v[0] * v[1] ** 2, [3.0, 2.0])
    assert [round(e.value, 6) for e in estimates] == [4.0, 12.0]


def test_the_complex_step_is_exact_for_polynomials() -> None:
    # d(x^3 + 2xy)/dx = 3x^2 + 2y = 12.75, d/dy = 2x = 3 at (1.5, 3).
    assert complex_step(lambda v: v[0] ** 3 + 2 * v[0] * v[1], [1.5, 3.0]) == (12.75, 3.0)


def test_the_complex_step_declines_what_it_cannot_do() -> None:
    assert complex_step(lambda v: math.sin(v[0]), [0.5]) is None  # math rejects complex
    assert complex_step(lambda v: abs(v[0]), [0.5]) is None  # returns a real number


def test_estimates_and_close() -> None:
    assert Estimate(1.0, 0.1).agrees_with(1.05) and not Estimate(1.0, 0.1).agrees_with(1.2)
    assert close(1.0, 1.0 + 1e-10) and not close(1.0, 1.0 + 1e-8)
    assert close(0.0, 1e-13) and not close(0.0, 1e-11)


def test_nudges_never_cross_a_kink() -> None:
    # relu at 5e-6: the default step (6e-6) would cross 0 and measure a slope of 0.9.
    program = Program((5e-6,), (Step("relu", (0,)),))
    (estimate,) = program_central_differences(program)
    assert estimate.value == pytest.approx(1.0, rel=1e-9)
    assert estimate.agrees_with(1.0)


def test_no_estimate_on_a_kink() -> None:
    # max(x, x): every nudge of x moves both arguments; the tie never resolves.
    program = Program((1.0,), (Step("maximum", (0, 0)),))
    assert program_central_differences(program) is None


def test_program_oracles_agree_with_hand_derivatives() -> None:
    # v2 = v0 * v1, v3 = v2 * v0 = v0^2 v1: d/dv0 = 2 v0 v1 = 12, d/dv1 = v0^2 = 9.
    program = Program((3.0, 2.0), (Step("mul", (0, 1)), Step("mul", (2, 0))))
    assert backward_gradient(program) == (12.0, 9.0)
    assert program_complex_step(program) == (12.0, 9.0)
    assert [e.agrees_with(s) for e, s in zip(program_central_differences(program),
                                                  (12.0, 9.0))] == [True, True]
    assert program_complex_step(Program((1.0,), (Step("tanh", (0,)),))) is None

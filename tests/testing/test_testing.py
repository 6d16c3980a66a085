"""Tests for autograd/testing/check.py: comparing backward with the oracles, and check_op."""

from __future__ import annotations

import dataclasses
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

import autograd
from autograd import RULES
from autograd.ops import Constraint
from autograd.testing.program import Program, Step
from autograd.testing import (DerivativeError, as_rule, check_op, compare_gradients,
                              gradient_report)


def wrong_tanh(x: float) -> tuple[float, tuple[float, ...]]:
    t = math.tanh(x)
    return t, (1 - t,)  # wrong on purpose: d/dx tanh x = 1 - tanh(x)**2


def right_tanh(x: float) -> tuple[float, tuple[float, ...]]:
    t = math.tanh(x)
    return t, (1 - t * t,)


def test_check_op_reports_the_smallest_input_where_the_derivative_is_wrong() -> None:
    with pytest.raises(DerivativeError) as failure:
        check_op(wrong_tanh)
    message = str(failure.value)
    lines = message.splitlines()
    assert lines[0] == "check_op(wrong_tanh): backward disagrees with central differences " \
                       "on this program:"
    assert [line.strip() for line in lines[1:3]] == ["v0 = 1", "v1 = wrong_tanh v0"]
    # At x = 1 the wrong rule gives 1 - tanh 1, the true slope is 1 - tanh(1)^2.
    assert lines[3] == "  d v1/d v0:"
    assert lines[4].split() == ["backward", repr(1 - math.tanh(1.0))]
    name, estimate = lines[5][:25].strip(), float(lines[5].split()[2])
    assert name == "central differences"
    assert math.isclose(estimate, 1 - math.tanh(1.0) ** 2, rel_tol=1e-9)


def test_check_op_passes_a_right_rule_and_says_what_it_checked() -> None:
    report = check_op(right_tanh, max_examples=50)
    assert report.name == "right_tanh" and report.examples == 100
    assert report.derivatives["central differences"] == 100
    assert report.derivatives["sympy"] == 0  # no sympy formula was given
    assert str(report).startswith("right_tanh: on 100 generated inputs and programs, backward "
                                  "agreed with central differences (100 derivatives)")


def test_check_op_uses_sympy_when_given_a_formula() -> None:
    with pytest.raises(DerivativeError, match="sympy +0.41997434"):
        check_op(wrong_tanh, sympy=lambda sp, x: sp.tanh(x))
    report = check_op(RULES["sigmoid"], max_examples=20)
    assert report.derivatives["sympy"] == 40


def test_check_op_names_the_wrong_input_of_a_two_input_rule() -> None:
    def wrong_mul(a: float, b: float) -> tuple[float, tuple[float, ...]]:
        return a * b, (b, b)  # d/db should be a

    with pytest.raises(DerivativeError, match=r"d v2/d v1:\n +backward") as failure:
        check_op(wrong_mul)
    assert "d v2/d v0" not in str(failure.value)


def test_check_op_catches_a_broken_rule_of_the_table() -> None:
    broken = dataclasses.replace(RULES["tanh"], apply=wrong_tanh)
    with pytest.raises(DerivativeError, match="v1 = tanh v0"):
        check_op(broken)


def test_a_missing_domain_is_reported_and_a_declared_one_is_respected() -> None:
    def my_log(x: float) -> tuple[float, tuple[float, ...]]:
        return math.log(x), (1 / x,)

    with pytest.raises(DerivativeError, match="my_log raised ValueError inside its declared "
                                              r"domain \(all real inputs\)"):
        check_op(my_log)
    report = check_op(my_log, domain=lambda x: x, max_examples=30)
    assert report.derivatives["central differences"] == 60


def test_a_kink_must_be_declared() -> None:
    def my_relu(x: float) -> tuple[float, tuple[float, ...]]:
        return (x, (1.0,)) if x > 0 else (0.0, (0.0,))

    with pytest.raises(DerivativeError, match="v0 = 0\n"):
        check_op(my_relu)  # at 0, central differences see the average slope 1/2
    check_op(my_relu, kinks=lambda x: abs(x), max_examples=30)


def test_a_forward_that_takes_complex_numbers_but_is_not_analytic_is_not_trusted() -> None:
    def x_abs_x(x: float) -> tuple[float, tuple[float, ...]]:
        return x * abs(x), (2 * abs(x),)  # right, but abs(complex) is a real modulus

    # No false alarm: the complex step (slope |x|) is used only where central
    # differences confirm it, which is only at x = 0.
    report = check_op(x_abs_x, max_examples=30)
    assert report.derivatives["the complex step"] < report.derivatives["central differences"]


def test_the_complex_step_is_used_where_it_applies() -> None:
    def cube(x: float) -> tuple[float, tuple[float, ...]]:
        return x ** 3, (3 * x ** 2,)

    assert check_op(cube, max_examples=30).derivatives["the complex step"] == 60


def test_check_op_is_deterministic() -> None:
    messages = []
    for _ in range(2):
        with pytest.raises(DerivativeError) as failure:
            check_op(wrong_tanh, max_examples=30)
        messages.append(str(failure.value))
    assert messages[0] == messages[1]


@pytest.mark.parametrize("op, options, error, message", [
    (3, {}, TypeError, "expected a Rule or a rule function, got int 3"),
    (lambda a, b, c: (a, (1, 1, 1)), {}, ValueError, "takes 3 required arguments"),
    (right_tanh, dict(domain=5), TypeError, "a margin function for the domain"),
])
def test_check_op_refuses_what_it_cannot_check(op, options, error, message) -> None:
    with pytest.raises(error, match=message):
        check_op(op, **options)


def test_as_rule_keeps_a_rule_and_adds_declarations() -> None:
    rule = as_rule(right_tanh, domain=lambda x: 1 - abs(x), name="bounded_tanh")
    assert (rule.name, rule.arity, rule.domain.margin(0.25)) == ("bounded_tanh", 1, 0.75)
    kept = as_rule(RULES["log"])
    assert kept == RULES["log"] and isinstance(kept.domain, Constraint)


def test_compare_gradients_shows_every_oracle() -> None:
    # v1 = v0 * v0 at 3: d/dv0 = 6, by hand.
    program = Program((3.0,), (Step("mul", (0, 0)),))
    (comparison,) = compare_gradients(program)
    assert comparison.backward == 6.0 and comparison.sympy == 6.0
    assert comparison.complex == 6.0 and comparison.central.agrees_with(6.0)
    assert comparison.oracles() == ["sympy", "central differences", "the complex step"]
    assert gradient_report(program) is None


def test_gradient_report_lists_the_program_and_the_values() -> None:
    broken = dataclasses.replace(RULES["tanh"], apply=wrong_tanh)
    program = Program((1.0,), (Step("tanh", (0,)),), {**RULES, "tanh": broken})
    report = gradient_report(program)
    assert report.splitlines()[:3] == [
        "backward disagrees with central differences and sympy on this program:",
        "    v0 = 1", "    v1 = tanh v0"]


README_EXAMPLE = '''
import math
from autograd.testing import check_op, DerivativeError

def my_tanh(x):
    t = math.tanh(x)
    return t, (1 - t,)          # wrong on purpose: d/dx tanh x = 1 - tanh(x)**2

try:
    check_op(my_tanh, sympy=lambda sp, x: sp.tanh(x))
except DerivativeError as error:
    print(error)
'''


def test_the_readme_example_runs_as_shown() -> None:
    root = str(Path(autograd.__file__).parent.parent)
    result = subprocess.run([sys.executable, "-c", README_EXAMPLE], capture_output=True,
                            text=True, env={**os.environ, "PYTHONPATH": root}, timeout=120)
    assert result.stdout.startswith("check_op(my_tanh): backward disagrees with central "
                                    "differences and sympy on this program:\n    v0 = 1\n"
                                    "    v1 = my_tanh v0\n"), result.stderr

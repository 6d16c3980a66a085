"""The property suite: backward against independent oracles, op by op and on random programs.

- sympy: the symbolic derivative, evaluated with 30 digits, must agree to 1e-9
  relative (1e-12 absolute): both sides are then exact up to a few roundings.
- central differences: the tolerance is the error bar the method estimates for
  itself (autograd.testing.oracles.central_differences): four times the
  spread between the quotients at steps h/2, h and 2h (which is three times
  the formula's h^2 error, and shows the rounding noise too), plus the
  rounding of the numbers in the program divided by h.
- the complex step: exact to rounding, so agreement to 1e-9 like sympy, for
  the programs made of ops whose forward works on complex numbers.
- forward: building the Value graph gives exactly, bit for bit, the floats of
  evaluating the rule functions one by one.
"""

from __future__ import annotations

import dataclasses
import math

import pytest
from hypothesis import find, given, settings, strategies as st

from autograd import RULES
from autograd.testing.program import Program, Step
from autograd.testing.strategies import arguments, programs, split_arguments
from autograd.testing.symbolic import program_gradient, rule_at
from autograd.testing import (backward_gradient, close, compare_gradients, complex_step,
                              gradient_report, program_central_differences)

OPS = sorted(RULES)


def one_step(name: str, args: tuple[float, ...]) -> Program:
    rule = RULES[name]
    inputs, params = split_arguments(rule, args)
    return Program(inputs, (Step(name, tuple(range(len(inputs))), params),))


# --- every op of the table ------------------------------------------------------------

@pytest.mark.parametrize("name", OPS)
@given(data=st.data())
def test_every_op_agrees_with_sympy(name: str, data: st.DataObject) -> None:
    rule = RULES[name]
    args = data.draw(arguments(name), label="arguments")
    inputs, params = split_arguments(rule, args)
    result, local_grads = rule.apply(*args)
    exact_result, exact_grads = rule_at(rule, inputs, params)
    assert close(result, exact_result), f"{name}{args}: forward {result!r} vs sympy"
    for i, (local, exact) in enumerate(zip(local_grads, exact_grads)):
        assert close(local, exact), f"{name}{args}: d/dx{i} {local!r}, sympy {exact!r}"


@pytest.mark.parametrize("name", OPS)
@given(data=st.data())
def test_every_op_agrees_with_central_differences(name: str, data: st.DataObject) -> None:
    program = one_step(name, data.draw(arguments(name), label="arguments"))
    assert program.to_values()[-1].data == program.output()  # forward: bit for bit
    slopes = backward_gradient(program)
    estimates = program_central_differences(program)
    assert estimates is not None, "arguments() keeps the inputs off the kinks"
    for slope, estimate in zip(slopes, estimates):
        assert estimate.agrees_with(slope), f"{program}\nbackward {slope!r}, {estimate}"


# --- random programs --------------------------------------------------------------

@given(program=st.integers(1, 3).flatmap(lambda n: programs(n_inputs=n, max_steps=12)))
def test_forward_equals_float_evaluation_exactly(program: Program, program_tally) -> None:
    program_tally.record(program)
    nodes = program.to_values()
    assert [node.data for node in nodes] == program.evaluate()


@given(program=st.integers(1, 3).flatmap(lambda n: programs(n_inputs=n, max_steps=6)))
def test_backward_agrees_with_sympy_on_programs(program: Program, program_tally) -> None:
    program_tally.record(program)
    backward = backward_gradient(program)
    exact = program_gradient(program)
    for i, (slope, expected) in enumerate(zip(backward, exact)):
        assert close(slope, expected), f"d/dv{i}: backward {slope!r}, sympy {expected!r}"


@given(program=st.integers(1, 3).flatmap(lambda n: programs(n_inputs=n, max_steps=10)))
def test_backward_agrees_with_central_differences_on_programs(program: Program,
                                                              program_tally) -> None:
    program_tally.record(program)
    backward = backward_gradient(program)
    estimates = program_central_differences(program)
    assert estimates is not None
    for i, (slope, estimate) in enumerate(zip(backward, estimates)):
        assert estimate.agrees_with(slope), f"d/dv{i}: backward {slope!r}, {estimate}"


def _accepts_complex(name: str) -> bool:
    """Whether the rule's forward computes on complex numbers, at its simplest arguments."""
    rule = RULES[name]
    args = find(arguments(name), lambda _: True)
    inputs, params = split_arguments(rule, args)
    inputs = list(inputs)
    return complex_step(lambda xs: rule.apply(*xs, *params)[0], inputs) is not None


COMPLEX_OPS = [name for name in OPS if _accepts_complex(name)]


def test_the_polynomial_ops_allow_the_complex_step() -> None:
    # The ops written with +, -, * alone; math.* functions reject complex numbers.
    assert {"add", "sub", "mul", "neg"} <= set(COMPLEX_OPS)
    assert "tanh" not in COMPLEX_OPS and "relu" not in COMPLEX_OPS


@given(program=programs(n_inputs=2, max_steps=8, ops=COMPLEX_OPS))
def test_backward_agrees_with_the_complex_step(program: Program, program_tally) -> None:
    program_tally.record(program)
    comparisons = compare_gradients(program, use_sympy=False)
    for comparison in comparisons:
        assert comparison.complex is not None
        assert close(comparison.backward, comparison.complex), comparison.describe(0)


# --- a deliberately broken rule is caught, with a small counterexample ---------------

def _broken_tanh(x: float) -> tuple[float, tuple[float, ...]]:
    t = math.tanh(x)
    return t, (1.0 - t,)  # wrong on purpose: the derivative is 1 - t**2


BROKEN_TANH = dataclasses.replace(RULES["tanh"], apply=_broken_tanh)


def test_the_suite_catches_a_broken_rule_with_a_shrunk_program() -> None:
    ops = [BROKEN_TANH if name == "tanh" else name for name in OPS]

    @settings(max_examples=300, derandomize=True, database=None, deadline=None)
    @given(program=programs(ops=ops))
    def backward_agrees_with_every_oracle(program: Program) -> None:
        report = gradient_report(program)
        assert report is None, report

    with pytest.raises(AssertionError) as failure:
        backward_agrees_with_every_oracle()
    report = str(failure.value)
    equations = [line for line in report.splitlines() if line.strip().startswith("v")]
    assert "tanh" in report and "sympy" in report and "central differences" in report
    assert len(equations) <= 4, report  # shrunk: inputs, tanh and at most one more step
    # Hypothesis prints the same small program as the falsifying example.
    falsifying = "\n".join(getattr(failure.value, "__notes__", []))
    assert "program=Program.from_text(" in falsifying and " = tanh v" in falsifying


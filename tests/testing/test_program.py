"""Tests for autograd/testing/program.py: programs as data, printed, evaluated, built and reordered."""

from __future__ import annotations

import math
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sympy
from hypothesis import given, strategies as st

import autograd
from autograd import RULES, Value
from autograd.ops import Rule
from autograd.testing.program import Program, Step, clearance, number_literal
from autograd.testing.strategies import programs

# v0 = 1.5, v1 = -0.25; the shared v2 is used by v3 and v4.
EXAMPLE = Program((1.5, -0.25), (Step("mul", (0, 1)), Step("sin", (2,)), Step("add", (3, 2)),
                                 Step("pow", (4,), (2.0,)), Step("leaky_relu", (5,), (0.2,))))
EXAMPLE_TEXT = """\
v0 = 1.5
v1 = -0.25
v2 = mul v0 v1
v3 = sin v2
v4 = add v3 v2
v5 = pow v4 n=2
v6 = leaky_relu v5 alpha=0.2"""


def test_a_program_prints_one_equation_per_line() -> None:
    assert str(EXAMPLE) == EXAMPLE_TEXT


def test_numbers_print_as_they_would_be_typed() -> None:
    assert [number_literal(x) for x in (2.0, -3.0, 0.1, 1e-300, 2.5e17)] == \
           ["2", "-3", "0.1", "1e-300", "2.5e+17"]


def test_printed_numbers_read_back_bit_for_bit() -> None:
    # Before: -0.0 printed as 0, which reads back as +0.0 (1/x then flips its sign).
    for x in (-0.0, 0.0, 2.0, -3.0, 0.1, 1e-300, 2.5e17, 5e-324, -1.7976931348623157e308):
        read = Program.from_text(f"v0 = {number_literal(x)}\nv1 = neg v0").inputs[0]
        assert read == x and math.copysign(1.0, read) == math.copysign(1.0, x)


def test_constants_in_steps_print_as_literals_and_read_back_bit_for_bit() -> None:
    # A constant of a step (w * 0.5) is written by the same number_literal as the
    # inputs and params: `mul v0 2`, not `mul v0 2.0`; -0.0 keeps its sign.
    program = Program((1.5,), (Step("mul", (0, 2.0)), Step("add", (1, -0.0)),
                               Step("sum", (0.1, 2, 1e-300))))
    assert str(program).splitlines()[1:] == ["v1 = mul v0 2", "v2 = add v1 -0.0",
                                             "v3 = sum 0.1 v2 1e-300"]
    read = Program.from_text(str(program))
    assert read == program
    assert [a for step in read.steps for a in step.args] == [0, 2.0, 1, -0.0, 0.1, 2, 1e-300]
    assert all(type(a) is type(b) and math.copysign(1.0, a) == math.copysign(1.0, b)
               for s, t in zip(read.steps, program.steps) for a, b in zip(s.args, t.args))


def test_repr_is_readable_and_runs() -> None:
    assert repr(EXAMPLE).startswith('Program.from_text("""\n    v0 = 1.5\n')
    inner = repr(EXAMPLE).split('"""')[1]
    assert Program.from_text(inner) == EXAMPLE


def test_evaluate_computes_every_variable_with_the_rule_functions() -> None:
    v2 = 1.5 * -0.25
    v4 = math.sin(v2) + v2
    expected = [1.5, -0.25, v2, math.sin(v2), v4, v4 ** 2, v4 ** 2]  # v5 > 0: leaky is identity
    assert EXAMPLE.evaluate() == expected
    assert EXAMPLE.output() == v4 ** 2
    assert EXAMPLE.output([0.0, 7.0]) == 0.0


def test_to_values_builds_the_graph_the_user_would_write() -> None:
    nodes = EXAMPLE.to_values()
    assert [node.label for node in nodes[:2]] == ["v0", "v1"]
    assert [node.op for node in nodes[2:]] == ["mul", "sin", "add", "pow", "leaky_relu"]
    assert nodes[4].parents == (nodes[3], nodes[2])  # v2 reused: a DAG
    assert nodes[5].params == {"n": 2.0} and nodes[6].params == {"alpha": 0.2}


def test_to_values_can_build_on_top_of_other_values() -> None:
    square = Program((0.0,), (Step("mul", (0, 0)),))
    x = Value(3.0)
    root = square.to_values(inputs=[x])[-1]
    root.backward()
    assert root.data == 9.0 and x.grad == 6.0
    with pytest.raises(ValueError, match="1 inputs, got 2 Values"):
        square.to_values(inputs=[x, x])


def test_a_rule_outside_the_table_goes_through_apply() -> None:
    def double(x: float) -> tuple[float, tuple[float, ...]]:
        return 2 * x, (2.0,)

    rules = {**RULES, "double": Rule("double", double, 1, formula="2x", derivative="2")}
    nodes = Program((4.0,), (Step("double", (0,)),), rules).to_values()
    nodes[-1].backward()
    assert nodes[-1].op == "double" and nodes[-1].data == 8.0 and nodes[0].grad == 2.0


def test_to_sympy_writes_the_formula() -> None:
    v0, v1 = sympy.symbols("v0 v1", real=True)
    inner = v0 * v1 + sympy.sin(v0 * v1)
    expected = sympy.Piecewise((inner ** 2, inner ** 2 > 0), (inner ** 2 / 5, True))
    assert EXAMPLE.to_sympy() == expected


def test_from_text_reads_the_printed_form() -> None:
    assert Program.from_text(EXAMPLE_TEXT) == EXAMPLE
    assert Program.from_text("  v0 = 2\n  v1 = tanh v0  ") == Program((2.0,), (Step("tanh", (0,)),))


@pytest.mark.parametrize("text, message", [
    ("v1 = 2", "should read 'v0 = <number or step>'"),
    ("v0 = 1\nv1 = nope v0", "with an op from the rule table"),
    ("v0 = 1\nv1 = pow v0", "pow takes the parameters ['n']"),
    ("v0 = 1\nv1 = pow v0 m=2", "pow takes the parameters ['n']"),
    ("v0 = 1\nv1 = mul v0 v5", "refers to v5"),
    ("v0 = nan", "Program: v0=nan is not a finite number"),
    ("v0 = tanh v0", "needs at least one input"),
])
def test_from_text_says_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        Program.from_text(text)


@pytest.mark.parametrize("inputs, steps, message", [
    ((), (), "at least one input"),
    ((1.0,), (Step("nope", (0,)),), "unknown op 'nope'"),
    ((1.0,), (Step("mul", (0,)),), "mul takes 2 argument"),
    ((1.0,), (Step("sin", (1,)),), "refers to v1"),
    ((1.0,), (Step("pow", (0,)),), "pow takes the parameters"),
    ((math.inf,), (), "^Program: v0=inf is not a finite number; use a finite number$"),
    ((1.0, True), (), "^Program: v1=True is a bool, not a number"),
])
def test_an_invalid_program_is_refused_in_one_line(inputs: tuple, steps: tuple,
                                                   message: str) -> None:
    with pytest.raises(ValueError, match=message) as error:
        Program(inputs, steps)
    assert "\n" not in str(error.value)


def test_reordered_keeps_the_computation_and_the_result_last() -> None:
    # Priorities 0 for the last two steps would put them first if they were ready.
    reordered = EXAMPLE.reordered([3, 2, 1, 0, 0])
    assert reordered.output() == EXAMPLE.output()
    assert reordered.steps[-1].op == "leaky_relu"
    with pytest.raises(ValueError, match="5 steps"):
        EXAMPLE.reordered([0])


@given(program=programs(max_steps=8), data=st.data())
def test_reordering_never_changes_any_value(program: Program, data: st.DataObject,
                                            program_tally) -> None:
    program_tally.record(program)
    n = len(program.steps)
    reordered = program.reordered(data.draw(st.lists(st.integers(0, 9), min_size=n,
                                                     max_size=n)))
    assert sorted(reordered.evaluate()) == sorted(program.evaluate())
    assert reordered.output() == program.output()


def test_with_inputs_keeps_the_steps() -> None:
    moved = EXAMPLE.with_inputs([2.0, 1.0])
    assert moved.steps == EXAMPLE.steps and moved.inputs == (2.0, 1.0)


def test_clearance_is_the_distance_to_the_domain_edge_or_the_nearest_kink() -> None:
    assert clearance(RULES["log"], [0.5]) == 0.5
    assert clearance(RULES["relu"], [-0.2]) == 0.2
    assert clearance(RULES["maximum"], [1.0, 1.25]) == 0.25
    assert clearance(RULES["add"], [1.0, 2.0]) == math.inf


def test_the_program_module_imports_no_third_party_package() -> None:
    code = ("import sys; import autograd.testing.program; "
            "print(sorted(m for m in ('hypothesis', 'sympy') if m in sys.modules))")
    root = str(Path(autograd.__file__).parent.parent)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": root}, timeout=60)
    assert result.stdout.strip() == "[]", result.stderr


def test_from_text_refuses_a_non_ascii_digit_in_one_line():
    # Issue 10, item 17: "v²" passed str.isdigit() and int("²") raised Python's own message.
    with pytest.raises(ValueError, match="^from_text: line 2 should read"):
        Program.from_text("v0 = 1.5\nv1 = exp v\u00b2")

"""Tests for autograd/testing/symbolic.py: graphs as sympy expressions, and the symbolic oracle."""

from __future__ import annotations

import math
import sys

import pytest
import sympy

from autograd import RULES, Value, apply, leaky_relu
from autograd.ops import Rule
from autograd.testing.program import Program, Step
from autograd.testing.symbolic import (exact, graph_gradient, leaf_symbols, program_expressions,
                               program_gradient, rule_at, symbolic_gradient, to_sympy)

x, y = sympy.symbols("x y", real=True)


def test_a_graph_becomes_the_formula_it_computes() -> None:
    a, b = Value(2.0, label="x"), Value(3.0, label="y")
    assert to_sympy(a * b + a.sin()) == x * y + sympy.sin(x)


def test_params_and_constants_are_exact_numbers() -> None:
    a = Value(2.0, label="x")
    assert to_sympy(a ** 2 * 0.1) == x ** 2 / 10
    assert to_sympy(2 ** a) == 2 ** x
    expected = sympy.Piecewise((x, x > 0), (x / 5, True))
    assert to_sympy(leaky_relu(a, 0.2)) == expected
    assert exact(0.1) == sympy.Rational(1, 10) and exact(3.0) == 3


def test_unlabelled_leaves_get_stable_names_that_avoid_the_labels() -> None:
    first, named, second = Value(1.0), Value(2.0, label="x0"), Value(3.0)
    root = first * named + second
    names = {leaf.data: symbol.name for leaf, symbol in leaf_symbols(root).items()}
    assert names == {1.0: "x1", 2.0: "x0", 3.0: "x2"}  # x0 is taken by a label
    assert leaf_symbols(root) == leaf_symbols(root)  # the same graph, the same names


def test_two_leaves_with_the_same_label_stay_two_symbols() -> None:
    a, b = Value(1.0, label="w"), Value(2.0, label="w")
    expression = to_sympy(a * b)
    assert sorted(s.name for s in expression.free_symbols) == ["w", "w_2"]


def test_a_leaf_root_and_a_constant_root() -> None:
    assert to_sympy(Value(1.0, label="x")) == x
    assert to_sympy(3 * Value(1.0, label="x") - 0.25) == 3 * x - sympy.Rational(1, 4)


def test_deep_graphs_are_converted_without_recursion() -> None:
    a, b = Value(0.5, label="x"), Value(2.0, label="y")
    node = a
    for _ in range(3 * sys.getrecursionlimit()):
        node = (node + b) * 0.5
    expression = to_sympy(node)
    value = float(expression.subs({x: sympy.Rational(1, 2), y: 2}))
    assert math.isclose(value, node.data, rel_tol=1e-12)


def test_an_op_outside_the_table_needs_its_rule() -> None:
    def cube(t: float) -> tuple[float, tuple[float, ...]]:
        return t ** 3, (3 * t ** 2,)

    node = apply(cube, Value(2.0, label="x"), op="cube")
    with pytest.raises(ValueError, match="op 'cube', which is not in the rule table"):
        to_sympy(node)
    rule = Rule("cube", cube, 1, formula="x^3", derivative="3x^2",
                sympy=lambda sp, t: t ** 3)
    assert to_sympy(node, rules={"cube": rule}) == x ** 3
    with pytest.raises(ValueError, match="has no sympy formula"):
        to_sympy(node, rules={"cube": Rule("cube", cube, 1, formula="", derivative="")})


def test_a_node_without_its_parameters_is_refused() -> None:
    def square(t: float) -> tuple[float, tuple[float, ...]]:
        return t * t, (2 * t,)

    node = apply(square, Value(2.0), op="pow")  # apply records no exponent
    with pytest.raises(ValueError, match=r"no value for pow's parameter\(s\) \['n'\]"):
        to_sympy(node)


def test_symbolic_gradient_by_hand() -> None:
    # d(x^2 y)/dx = 2xy = 12 and d/dy = x^2 = 9 at (3, 2).
    assert symbolic_gradient(x ** 2 * y, [x, y], [3.0, 2.0]) == (12.0, 9.0)
    with pytest.raises(ArithmeticError, match="not a finite real number"):
        symbolic_gradient(sympy.log(x), [x], [0.0])


def test_graph_gradient_by_hand() -> None:
    a, b, unused = Value(3.0, label="x"), Value(2.0, label="y"), Value(5.0)
    assert graph_gradient(a * a * b + b, [a, b, unused]) == (12.0, 10.0, 0.0)
    assert graph_gradient(a * a * b + b, [b]) == (10.0,)  # a is still substituted


def test_program_expressions_and_gradient_by_hand() -> None:
    # v2 = v0 * v1, v3 = sin v2: d v3/d v0 = cos(v0 v1) v1.
    program = Program((0.5, 2.0), (Step("mul", (0, 1)), Step("sin", (2,))))
    expressions, symbols = program_expressions(program)
    v0, v1 = symbols
    assert expressions[-1] == sympy.sin(v0 * v1)
    slope_v0, slope_v1 = program_gradient(program)
    assert math.isclose(slope_v0, math.cos(1.0) * 2.0, rel_tol=1e-15)
    assert math.isclose(slope_v1, math.cos(1.0) * 0.5, rel_tol=1e-15)


@pytest.mark.parametrize("name, arguments, params, value, slopes", [
    ("sin", [0.5], [], math.sin(0.5), (math.cos(0.5),)),
    ("pow", [2.0], [0.5], math.sqrt(2.0), (0.25 * math.sqrt(2.0),)),
    ("div", [1.0, 4.0], [], 0.25, (0.25, -1 / 16)),
    ("relu", [-1.0], [], 0.0, (0.0,)),
    ("maximum", [1.0, 2.0], [], 2.0, (0.0, 1.0)),
])
def test_rule_at_by_hand(name: str, arguments: list, params: list, value: float,
                         slopes: tuple) -> None:
    got_value, got_slopes = rule_at(RULES[name], arguments, params)
    assert math.isclose(got_value, value, rel_tol=1e-15)
    assert all(math.isclose(g, s, rel_tol=1e-15, abs_tol=0) for g, s in zip(got_slopes, slopes))


def test_to_sympy_builds_a_long_sum_once_not_at_every_plus():
    # Issue 10, item 13: a chain of 10^4 additions took over 300 s: sympy rebuilt (and
    # sorted) the whole sum at every +, n^2 / 2 term copies. Now the terms are collected
    # and the sum is built once: the add rule's formula is only probed, never rebuilt.
    import dataclasses
    calls = []
    add = RULES["add"]
    counting = dataclasses.replace(
        add, sympy=lambda sp, a, b: calls.append(1) or add.sympy(sp, a, b))
    n = 10_000
    leaves = [Value(float(i), f"x{i}") for i in range(n)]
    total = leaves[0]
    for leaf in leaves[1:]:
        total = total + leaf
    expression = to_sympy(total, rules={**RULES, "add": counting})
    assert expression == sympy.Add(*(sympy.Symbol(f"x{i}", real=True) for i in range(n)))
    assert len(calls) <= 1  # the probe that recognises a sum


def test_a_sum_used_twice_is_built_once_and_shared():
    x, y = Value(1.0, "x"), Value(2.0, "y")
    s = x + y
    z = s * s + s
    X, Y = sympy.symbols("x y", real=True)
    assert to_sympy(z) == (X + Y) ** 2 + X + Y

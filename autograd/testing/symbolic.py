"""Graphs as sympy expressions: a teaching aid and an independent derivative oracle.

`to_sympy(root)` writes down the formula a Value graph computes, with the
leaves as symbols: after `z = x * y + x.sin()`, `z.to_sympy()` is
`x*y + sin(x)`. Each node's formula comes from its rule's `sympy` entry in the
table, so this module knows no operation by name.

The derivative oracle differentiates that formula symbolically and evaluates
it at the exact input values with 30 significant digits: an answer reached
without any of the engine's float arithmetic or chain-rule bookkeeping.

sympy is imported here (a one-line ModuleNotFoundError with the command when it
is not installed), never by `import autograd`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

from autograd.checks import shown
from autograd.engine import topological_order
from autograd.ops import RULES, Rule
from autograd.value import Value

from .extra import require
from .program import step_inputs

require("autograd.testing.symbolic", "sympy")  # one line, not a traceback

import mpmath  # noqa: E402  (sympy brings it)
import sympy  # noqa: E402

if TYPE_CHECKING:
    from .program import Program

DIGITS = 30


def to_sympy(root: Value, *, rules: Mapping[str, Rule] | None = None) -> sympy.Expr:
    """The expression `root` computes, in one symbol per leaf (see `leaf_symbols`).

    The symbols are real (`sympy.Symbol(name, real=True)`), which keeps |x| and
    max simple; differentiate with those symbols: `leaf_symbols(root)[x]`, not
    a plain `sympy.Symbol("x")`, which sympy treats as a different symbol.
    """
    expression, _ = _graph_expression(root, RULES if rules is None else rules)
    return expression


def leaf_symbols(root: Value) -> dict[Value, sympy.Symbol]:
    """The symbol standing for each non-constant leaf of the graph.

    A leaf's label is its symbol's name; a label used twice gets `_2`, `_3`
    for the later leaves; unlabelled leaves are named x0, x1, ... in the
    graph's topological order, skipping names already taken, so the same
    graph always gets the same names.
    """
    leaves = [node for node in topological_order(root)
              if node.is_leaf and not node.op]
    taken = {leaf.label for leaf in leaves if leaf.label}
    symbols: dict[Value, sympy.Symbol] = {}
    used: set[str] = set()
    unnamed = 0
    for leaf in leaves:
        name = leaf.label
        if name:
            suffix = 2
            while name in used:
                name = f"{leaf.label}_{suffix}"
                suffix += 1
        else:
            while f"x{unnamed}" in taken or f"x{unnamed}" in used:
                unnamed += 1
            name = f"x{unnamed}"
        used.add(name)
        symbols[leaf] = sympy.Symbol(name, real=True)
    return symbols


def exact(x: float) -> sympy.Rational:
    """A float as an exact rational: the shortest decimal that reads back as x
    (0.1 becomes 1/10), which is how a person would type the constant."""
    return sympy.Rational(repr(float(x)))


def program_expressions(program: Program) -> tuple[list[sympy.Expr], list[sympy.Symbol]]:
    """The expression of every variable of a program, and the input symbols v0, v1, ..."""
    symbols = [sympy.Symbol(f"v{i}", real=True) for i in range(program.n_inputs)]
    expressions: list[sympy.Expr] = list(symbols)
    for position, step in enumerate(program.steps, start=program.n_inputs):
        rule = program.rule(step)
        arguments = [exact(a) if isinstance(a, float) else a
                     for a in step_inputs(step, expressions)]
        expressions.append(_apply_formula(rule, arguments, step.params, f"v{position}"))
    return expressions, symbols


def symbolic_gradient(expression: sympy.Expr, symbols: Sequence[sympy.Symbol],
                      point: Sequence[float]) -> tuple[float, ...]:
    """d expression / d symbol for each symbol, evaluated exactly at `point`.

    The point's floats are used as the exact binary numbers they are, and the
    derivative is evaluated to 30 digits before rounding to a float.
    """
    at = {symbol: sympy.Rational(float(x)) for symbol, x in zip(symbols, point)}
    slopes = []
    for symbol in symbols:
        derivative = sympy.diff(expression, symbol)
        where = f"d/d{symbol} at {tuple(point)}"
        slopes.append(_to_float(derivative.evalf(DIGITS, subs=at), where))
    return tuple(slopes)


def program_gradient(program: Program) -> tuple[float, ...]:
    """d result / d input for each input of the program, by sympy (see symbolic_gradient)."""
    expressions, symbols = program_expressions(program)
    return symbolic_gradient(expressions[-1], symbols, program.inputs)


def graph_gradient(root: Value, leaves: Sequence[Value], *,
                   rules: Mapping[str, Rule] | None = None) -> tuple[float, ...]:
    """d root / d leaf for each of `leaves`, by sympy, at every leaf's current data."""
    expression, symbols = _graph_expression(root, RULES if rules is None else rules)
    point = [leaf.data for leaf in symbols]
    slopes = dict(zip(symbols, symbolic_gradient(expression, list(symbols.values()), point)))
    # A leaf the root does not depend on has derivative 0.
    return tuple(slopes.get(leaf, 0.0) for leaf in leaves)


def rule_at(rule: Rule, arguments: Sequence[float],
            params: Sequence[float] = ()) -> tuple[float, tuple[float, ...]]:
    """One rule by sympy: its value and its local derivatives at `arguments`.

    The formula is differentiated once per rule and parameter values and
    turned into an mpmath function (sympy's lambdify), then evaluated with 30
    digits at the exact arguments: the per-op tests call this thousands of times.
    """
    function = _rule_function(rule, tuple(params), len(arguments))
    with mpmath.workdps(DIGITS):
        numbers = function(*(mpmath.mpf(float(x)) for x in arguments))
    where = f"{rule.name}{tuple(arguments)}"
    floats = [_to_float(number, where) for number in numbers]
    return floats[0], tuple(floats[1:])


_RULE_FUNCTIONS: dict[tuple[Any, ...], Callable[..., list[Any]]] = {}


def _rule_function(rule: Rule, params: tuple[float, ...], count: int
                   ) -> Callable[..., list[Any]]:
    key = (rule.name, rule.sympy, params, count)
    if key not in _RULE_FUNCTIONS:
        symbols = [sympy.Symbol(f"x{i}", real=True) for i in range(count)]
        value = _apply_formula(rule, list(symbols), params, rule.name)
        formulas = [value] + [sympy.diff(value, symbol) for symbol in symbols]
        _RULE_FUNCTIONS[key] = sympy.lambdify(symbols, formulas, "mpmath")
    return _RULE_FUNCTIONS[key]


# --- the helpers ------------------------------------------------------------------

def _graph_expression(root: Value, rules: Mapping[str, Rule]
                      ) -> tuple[sympy.Expr, dict[Value, sympy.Symbol]]:
    """Build the expression node by node, parents first: no recursion of our own.

    Sums are kept as lists of terms while only one node uses them and become
    one sympy.Add at the end: rebuilding a + b + ... at every `+` of a chain
    (sympy flattens and sorts each time) costs time quadratic in its length.
    """
    symbols = leaf_symbols(root)
    order = topological_order(root)
    uses: dict[Value, int] = {}
    for node in order:
        for parent in node.parents:
            uses[parent] = uses.get(parent, 0) + 1
    expressions: dict[Value, Any] = {}  # a sympy.Expr, or the _Terms of a sum used once
    for node in order:
        if node.is_leaf and not node.op:
            expressions[node] = symbols[node]
        else:
            rule = rules.get(node.op)
            if rule is None:
                raise ValueError(f"to_sympy: the node {shown(node)} uses op {shown(node.op)}, "
                                 f"which is not in the rule table; pass "
                                 f"rules={{{shown(node.op)}: Rule(...)}} with a sympy formula")
            missing = [name for name in rule.params if name not in node.params]
            if missing:
                raise ValueError(f"to_sympy: the node {shown(node)} has no value for {rule.name}'s "
                                 f"parameter(s) {missing}; build it with the operator or "
                                 f"function that records them")
            params = tuple(node.params[name] for name in rule.params)
            if _is_sum(rule, len(node.inputs), params):
                expressions[node] = _sum_terms(node, expressions, uses)
                if uses.get(node, 0) != 1:
                    expressions[node] = sympy.Add(*expressions[node])
                continue
            arguments = [_expression(expressions[arg]) if isinstance(arg, Value) else exact(arg)
                         for arg in node.inputs]
            expressions[node] = _apply_formula(rule, arguments, params, repr(node))
    return _expression(expressions[root]), symbols


class _Terms(list):
    """The terms of a sum not yet turned into a sympy.Add (its one user extends it)."""


def _sum_terms(node: Value, expressions: dict[Value, Any], uses: dict[Value, int]) -> _Terms:
    terms = _Terms()
    for arg in node.inputs:  # Values and the node's own numbers
        built = expressions[arg] if isinstance(arg, Value) else exact(arg)
        if isinstance(built, _Terms) and not terms:
            terms = built  # taken over, not copied: the parent has no other user
        elif isinstance(built, _Terms):
            terms.extend(built)
        else:
            terms.append(built)
    return terms


def _expression(built: Any) -> sympy.Expr:
    return sympy.Add(*built) if isinstance(built, _Terms) else built


_SUMS: dict[tuple[Any, ...], bool] = {}


def _is_sum(rule: Rule, arity: int, params: tuple[float, ...]) -> bool:
    """True when the rule's sympy formula is the plain sum of its inputs (add, an n-ary sum)."""
    key = (rule.name, rule.sympy, arity, params)
    if key not in _SUMS:
        symbols = [sympy.Symbol(f"s{i}", real=True) for i in range(arity)]
        try:
            formula = None if rule.sympy is None else rule.sympy(sympy, *symbols, *params)
        except (TypeError, ValueError):  # a formula that cannot take these arguments
            formula = None
        _SUMS[key] = formula is not None and formula - sympy.Add(*symbols) == 0
    return _SUMS[key]


def _apply_formula(rule: Rule, arguments: list[Any], params: tuple[float, ...],
                   where: str) -> sympy.Expr:
    if rule.sympy is None:
        raise ValueError(f"to_sympy: op {rule.name!r} (at {where}) has no sympy formula; "
                         f"give its Rule a sympy=lambda sp, *args: ... entry")
    try:
        return rule.sympy(sympy, *arguments, *params)
    except RecursionError:
        raise RecursionError(f"to_sympy: sympy ran out of recursion building {rule.name} "
                             f"at {where}: the graph is nested too deeply for sympy's own "
                             f"algorithms; convert a shallower part of it") from None


def _to_float(number: Any, where: str) -> float:
    try:
        value = complex(number)
    except TypeError:
        value = complex("nan")
    if value.imag != 0 or value.real != value.real or abs(value.real) == float("inf"):
        raise ArithmeticError(f"sympy: the value at {where} is {number}, not a finite real "
                              f"number; choose a point inside the domain, away from kinks")
    return value.real

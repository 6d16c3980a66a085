"""Formulas as text: a safe parser that turns "tanh(x*w + b)" into a Value graph.

The `chainrule` command takes formulas from the command line, and a notebook
can use the same parser:

    >>> from autograd.cli.parse import evaluate
    >>> y = evaluate("x*w + b", x=2, w=-3, b=1)
    >>> y.data
    -5.0

The text is read with Python's `ast` module and checked against a whitelist:
numbers, variable names, + - * / ** and unary minus, and calls of the engine's
functions. It is never run as Python code (no eval, exec or compile): a small
interpreter walks the checked tree and builds the graph, exactly the graph the
same formula would build in Python with Values for the variables. Anything else
is refused with an `ExpressionError`: one line that gives the column, the
offending text and what would work.
"""

from __future__ import annotations

import ast
import unicodedata
import warnings
from dataclasses import dataclass
from typing import Callable, Mapping, Union

from autograd import Value
from autograd import checks
from autograd.checks import Number

from .whitelist import (ALLOWED, FUNCTIONS, MAX_DEPTH, MAX_LENGTH, ExpressionError, check_node,
                        fold, syntax_error_message)

Result = Union[Number, Value]

__all__ = ["Expression", "ExpressionError", "parse", "evaluate", "parse_assignments",
           "FUNCTIONS", "MAX_LENGTH", "MAX_DEPTH"]


class Formula:
    """What the command needs of a formula or a program of named steps: `variables`,
    `leaves(**values)` and `build(leaves)`, from which these two follow."""

    variables: tuple[str, ...]

    def leaves(self, /, **values: Number | Value) -> dict[str, Value]:
        raise NotImplementedError

    def build(self, leaves: Mapping[str, Number | Value]) -> Value:
        raise NotImplementedError

    def evaluate(self, /, **values: Number | Value) -> Value:
        """Build the graph with these values for the variables; returns the root."""
        return self.build(self.leaves(**values))

    def function(self) -> Callable[..., Value]:
        """The formula as f(*inputs), inputs in the order of `variables` (for gradcheck)."""

        def formula(*inputs: Number | Value) -> Value:
            return self.build(dict(zip(self.variables, inputs)))

        formula.__name__ = "expression"
        return formula


@dataclass(frozen=True)
class Expression(Formula):
    """A checked formula: its text, its variables (in order of first use), its tree."""

    text: str
    variables: tuple[str, ...]
    tree: ast.expr

    def __str__(self) -> str:
        return self.text

    def leaves(self, /, **values: Number | Value) -> dict[str, Value]:
        """One Value per variable, labelled with its name (Values are used as given)."""
        missing = [name for name in self.variables if name not in values]
        unused = [name for name in values if name not in self.variables]
        if missing:
            shown = ", ".join(missing)
            example = " ".join(f"{name}=1.0" for name in missing)
            raise ExpressionError(f"no value for {shown}; give every variable a value, "
                                  f"e.g. {example}")
        if unused:
            known = ", ".join(self.variables) or "none"
            raise ExpressionError(f"{', '.join(map(checks.shown, unused))} not used in "
                                  f"{self.text!r} (its variables: {known}); remove the value "
                                  f"or fix the name")
        leaves = {}
        for name in self.variables:
            given = values[name]
            if isinstance(given, Value):
                leaves[name] = given
                continue
            try:
                leaves[name] = Value(given, label=name)
            except (TypeError, ValueError):
                raise ExpressionError(f"the value of {name} is {checks.shown(given)}; give a "
                                      f"finite number, e.g. {name}=2.5") from None
        return leaves

    def build(self, leaves: Mapping[str, Number | Value]) -> Value:
        """The graph of the formula on top of `leaves` (one entry per variable)."""
        result = _interpret(self, leaves)
        return result if isinstance(result, Value) else Value(result)


def parse(text: str) -> Expression:
    """Check `text` against the whitelist; an Expression, or one-line ExpressionError."""
    checks.checked_as(ExpressionError, checks.text, "parse", "text", text)
    _check_characters(text)
    body = text.lstrip(" \t")
    indent = len(text) - len(body)  # ast refuses leading spaces; columns add it back
    try:
        with warnings.catch_warnings():
            # ast warns on stderr about things like "1if"; the whitelist decides alone.
            warnings.simplefilter("ignore")
            tree = ast.parse(body, mode="eval").body
    except SyntaxError as error:
        column = indent + error.offset if error.lineno == 1 and error.offset else len(text) + 1
        raise ExpressionError(syntax_error_message(body, error.msg, column - indent),
                              min(column, len(text) + 1)) from None
    except (ValueError, RecursionError, MemoryError) as error:
        raise ExpressionError(f"the expression cannot be read ({error}); {ALLOWED}") from None
    variables = _check_tree(tree, body, indent)
    return Expression(text, variables, tree)


def evaluate(text: str, /, **values: Number | Value) -> Value:
    """parse(text).evaluate(**values): the root Value of the formula's graph."""
    return parse(text).evaluate(**values)


def parse_assignments(items: list[str]) -> dict[str, float]:
    """Command-line values 'x=2' 'w=-3.5' as {'x': 2.0, 'w': -3.5}."""
    values: dict[str, float] = {}
    for item in items:
        name, equals, number = item.partition("=")
        name = unicodedata.normalize("NFKC", name.strip())  # as Python reads names
        if not equals or not name.isidentifier():
            raise ExpressionError(f"{checks.shown(item)} is not a variable value; write "
                                  f"NAME=NUMBER, e.g. x=2 or w=-3.5")
        if name in FUNCTIONS:
            raise ExpressionError(f"{checks.shown(item)}: {name} is a function, not a "
                                  f"variable; pick another name")
        if name in values:
            raise ExpressionError(f"{checks.shown(item)}: {checks.shown(name)} is given "
                                  f"twice; give each variable one value")
        values[name] = _number(item, number.strip())
    return values


def _number(item: str, text: str) -> float:
    try:
        number = float(text)
    except ValueError:
        number = None
    if number is None or number - number != 0.0:  # not a number, infinite or NaN
        raise ExpressionError(f"{checks.shown(item)}: {checks.shown(text)} is not a finite "
                              f"number; write a number such as 2 or -0.5")
    return number


def _check_characters(text: str) -> None:
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"the expression has {len(text)} characters, more than "
                              f"{MAX_LENGTH}; shorten it or build the graph in Python",
                              MAX_LENGTH + 1)
    if not text.strip():
        raise ExpressionError("the expression is empty; write a formula such as x*w + b")
    for index, char in enumerate(text):
        # Control and invisible format characters (newlines, NUL, bidi overrides)
        # could hide what the formula really says.
        if char != "\t" and unicodedata.category(char) in ("Cc", "Cf"):
            raise ExpressionError(f"the control or invisible character {char!r} is not "
                                  f"allowed; type the formula on one line", index + 1)


def _check_tree(tree: ast.expr, body: str, indent: int) -> tuple[str, ...]:
    """Walk the tree (no recursion) and return the variables in order of first use."""
    variables: dict[str, None] = {}  # an ordered set
    stack: list[tuple[ast.AST, int, str]] = [(tree, 1, "")]
    while stack:
        node, depth, number_only = stack.pop()
        if depth > MAX_DEPTH:
            raise ExpressionError(f"the expression nests more than {MAX_DEPTH} levels "
                                  f"deep; simplify it or build the graph in Python",
                                  _column(node, body, indent))
        children = check_node(node, body, number_only, _column(node, body, indent))
        if isinstance(node, ast.Name):
            variables[node.id] = None
        # Reversed, so that the leftmost child is checked first: source order.
        for child, child_number_only in reversed(children):
            stack.append((child, depth + 1, child_number_only or number_only))
    return tuple(variables)


def _column(node: ast.AST, body: str, indent: int) -> int:
    """1-based character column (ast counts UTF-8 bytes)."""
    prefix = body.encode("utf-8")[:getattr(node, "col_offset", 0)]
    return indent + len(prefix.decode("utf-8", errors="ignore")) + 1


def _interpret(expression: Expression, leaves: Mapping[str, Number | Value]) -> Result:
    """Evaluate the checked tree bottom-up with an explicit stack (no recursion)."""
    body = expression.text.lstrip(" \t")
    indent = len(expression.text) - len(body)
    results: list[Result] = []
    stack: list[tuple[ast.expr, bool]] = [(expression.tree, False)]
    while stack:
        node, children_done = stack.pop()
        children = _operands(node)
        if not children_done:
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(children))
            continue
        arguments = results[len(results) - len(children):]
        del results[len(results) - len(children):]
        try:
            results.append(_combine(node, arguments, leaves))
        except (ValueError, ArithmeticError) as error:
            if isinstance(error, ExpressionError):
                raise
            segment = ast.get_source_segment(body, node) or ""
            raise ExpressionError(f"in {segment!r}: {error}",
                                  _column(node, body, indent)) from None
    return results[0]


def _operands(node: ast.expr) -> list[ast.expr]:
    if isinstance(node, ast.BinOp):
        return [node.left, node.right]
    if isinstance(node, ast.UnaryOp):
        return [node.operand]
    if isinstance(node, ast.Call):
        return [*node.args, *(keyword.value for keyword in node.keywords)]
    return []


def _combine(node: ast.expr, arguments: list[Result],
             leaves: Mapping[str, Number | Value]) -> Result:
    """One step of the interpreter: a node's result from its operands' results."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        if node.id not in leaves:
            raise ExpressionError(f"no value for {node.id}; give it one, e.g. {node.id}=1.0")
        return leaves[node.id]
    if isinstance(node, ast.UnaryOp):
        (operand,) = arguments
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.BinOp):
        left, right = arguments
        return fold(node.op, left, right)
    assert isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    signature = FUNCTIONS[node.func.id]
    inputs = arguments[:signature.inputs]
    params = dict(signature.defaults)
    positional = arguments[signature.inputs:len(node.args)]
    params.update(zip(signature.defaults, positional))
    keyword_values = arguments[len(node.args):]
    params.update(zip((keyword.arg for keyword in node.keywords), keyword_values))
    return signature.function(*inputs, *params.values())

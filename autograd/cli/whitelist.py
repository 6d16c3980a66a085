"""The whitelist behind autograd.cli.parse: what a formula may contain, and why not the rest.

`check_node` looks at one node of Python's syntax tree and either returns the
children to check next or raises an ExpressionError saying, in one line, what
is not allowed and what to write instead. `fold` is the arithmetic of the
interpreter: plain numbers are combined with the rule table's formulas (so
9**9**9 is an overflow error at once instead of a billion-digit integer), and
as soon as a Value is involved the Value operators build graph nodes.
"""

from __future__ import annotations

import ast
import difflib
import inspect
import math
import operator
import re
import sys
from dataclasses import dataclass, field
from typing import Any, Callable

from autograd import functions
from autograd.ops import RULES
from autograd.value import Value


MAX_LENGTH = 1000  # characters in one formula
MAX_DEPTH = 200  # levels of the syntax tree; every operator and call is one level
_LARGEST_FLOAT = sys.float_info.max
_EXACT_INTEGERS = 2 ** 53  # floats hold every integer up to here exactly


class ExpressionError(ValueError):
    """A formula that cannot be read or computed; `column` is 1-based (or None)."""

    def __init__(self, message: str, column: int | None = None) -> None:
        self.message = message
        self.column = column
        super().__init__(f"column {column}: {message}" if column else message)


@dataclass(frozen=True)
class Signature:
    """How a function is called: its Value inputs, then named number parameters."""

    function: Callable[..., Any]
    inputs: int = 1
    defaults: dict[str, float] = field(default_factory=dict)


def _signature(name: str) -> Signature:
    """How a formula calls the rule `name`: its inputs from the rule table, and
    the defaults of its params from the Value method (leaky_relu's alpha=0.01)."""
    inputs = RULES[name].arity or 1
    method = getattr(Value, name, None)
    defaults = {} if method is None else {
        param.name: param.default for param in inspect.signature(method).parameters.values()
        if param.default is not param.empty}
    return Signature(getattr(functions, name), inputs=inputs, defaults=defaults)


# Every rule that autograd has as a function of the same name (exp ... gelu,
# maximum, minimum), read from the table; and abs, written as in Python.
FUNCTIONS: dict[str, Signature] = {name: _signature(name) for name in functions.__all__
                                   if name in RULES}
FUNCTIONS["abs"] = Signature(abs)  # like Python: a Value for a Value, a number for a number

ALLOWED = ("use numbers, variable names, + - * / ** and the functions "
           + ", ".join(FUNCTIONS))

_OPERATORS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}
_VALUE_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
                    ast.Div: operator.truediv, ast.Pow: operator.pow}

# What people reach for, and what to write instead.
_COMPREHENSION = "comprehensions are not allowed; write the terms out, e.g. a + b + c"
_REFUSED = {
    ast.Attribute: "attribute access is not allowed; call functions by their plain name, "
                   "e.g. exp(x)",
    ast.Subscript: "indexing is not allowed; give each number its own variable",
    ast.Lambda: "lambda is not allowed; write the formula itself, e.g. x*w + b",
    ast.ListComp: _COMPREHENSION,
    ast.SetComp: _COMPREHENSION,
    ast.DictComp: _COMPREHENSION,
    ast.GeneratorExp: _COMPREHENSION,
    ast.NamedExpr: "assignment is not allowed; give values after the formula, e.g. x=2",
    ast.JoinedStr: "f-strings are not allowed; " + ALLOWED,
    ast.Compare: "comparisons are not allowed; use maximum(a, b), minimum(a, b) or relu(x)",
    ast.BoolOp: "and/or are not allowed; use maximum(a, b), minimum(a, b) or relu(x)",
    ast.IfExp: "if/else is not allowed; use maximum(a, b), minimum(a, b) or relu(x)",
    ast.Tuple: "a tuple is several formulas; give exactly one formula",
    ast.List: "a list is not a number; give exactly one formula",
    ast.Set: "a set is not a number; give exactly one formula",
    ast.Dict: "a dict is not a number; give exactly one formula",
    ast.Starred: "unpacking with * is not allowed; pass the arguments one by one",
    ast.Await: "await is not allowed; " + ALLOWED,
    ast.Slice: "slices are not allowed; " + ALLOWED,
}
_STATEMENT = re.compile(r"\s*(import|from|def|class|for|while|if|with|return|del|global|"
                        r"nonlocal|pass|raise|try|assert|async|yield|break|continue)\b")


def check_node(node: ast.AST, body: str, number_only: str,
               column: int) -> list[tuple[ast.AST, str]]:
    """Refuse `node` or return its children, each with the 'number only' context.

    `number_only` is '' where Values may appear; inside a parameter such as the
    alpha of leaky_relu it names that parameter, and only numbers may appear.
    """
    shown = _segment(body, node)
    if isinstance(node, ast.Constant):
        _check_constant(node.value, shown, column)
        return []
    if isinstance(node, ast.Name):
        _check_name(node.id, number_only, column)
        return []
    if isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, (ast.USub, ast.UAdd)):
            raise ExpressionError(f"the operator in {shown!r} is not supported; "
                                  f"only unary minus, e.g. -x", column)
        return [(node.operand, "")]
    if isinstance(node, ast.BinOp):
        if type(node.op) not in _OPERATORS:
            raise ExpressionError(_operator_message(node.op, shown), column)
        return [(node.left, ""), (node.right, "")]
    if isinstance(node, ast.Call):
        if number_only:
            raise ExpressionError(f"{number_only} must be a plain number, not the call "
                                  f"{shown!r}", column)
        return _check_call(node, shown, column)
    reason = _REFUSED.get(type(node), f"this is not allowed; {ALLOWED}")
    raise ExpressionError(f"{shown!r}: {reason}", column)


def fold(op: ast.operator, left: Any, right: Any) -> Any:
    """left op right: a graph node if either side is a Value, else a plain number.

    Numbers are folded with plain float arithmetic, not with the rule table:
    a constant needs no derivative, so `x + 0**0.5` and `x + 1e300/1e-5` are
    fine although d/db a/b or d/dx x^0.5 would not be finite there. Refused
    (ZeroDivisionError, ValueError, OverflowError): a division by zero, 0 to a
    negative power, a negative base to a fractional power, a result beyond
    the largest float.
    """
    if isinstance(left, Value) or isinstance(right, Value):
        return _VALUE_OPERATORS[type(op)](left, right)
    a, b = float(left), float(right)
    if isinstance(op, ast.Div) and b == 0.0:
        raise ZeroDivisionError(f"{left!r} / {right!r} is a division by zero")
    if isinstance(op, ast.Pow) and a == 0.0 and b < 0.0:
        raise ZeroDivisionError(f"{left!r} ** {right!r}: 0 cannot be raised to a negative "
                                f"power (division by zero)")
    if isinstance(op, ast.Pow) and a < 0.0 and not b.is_integer():
        raise ValueError(f"{left!r} ** {right!r}: a negative base to a fractional power is "
                         f"not a real number")
    try:
        result = _VALUE_OPERATORS[type(op)](a, b)
    except OverflowError:  # float ** float beyond the largest float
        result = math.inf
    if result - result != 0.0:  # inf
        raise OverflowError(f"{left!r} {_OPERATORS[type(op)]} {right!r} overflows a float; "
                            f"use smaller numbers")
    exact = isinstance(left, int) and isinstance(right, int) and not isinstance(op, ast.Div)
    if exact and result.is_integer() and abs(result) <= _EXACT_INTEGERS:
        return int(result)  # keeps x ** (1 + 1) the same node as x ** 2
    return result


def syntax_error_message(body: str, message: str, column: int) -> str:
    """One line for a SyntaxError from ast, with a hint for the usual mistakes."""
    statement = _STATEMENT.match(body)
    if statement:
        return (f"{statement.group(1)!r} starts a statement; give one formula, "
                f"e.g. tanh(x*w + b)")
    at = body[column - 1:column + 1] if 0 < column <= len(body) else ""
    before = body[column - 2:column - 1] if column > 1 else ""
    if at.startswith("=") and at != "==" and before not in ("=", "<", ">", "!"):
        return "assignment is not allowed in the formula; give values after it, e.g. x=2"
    shown = body[max(column - 1, 0):column + 9] or "the end"
    return f"syntax error at {shown!r} ({message}); {ALLOWED}"


def _check_constant(value: object, shown: str, column: int) -> None:
    if isinstance(value, bool) or value is None or value is Ellipsis:
        raise ExpressionError(f"{shown!r} is not a number; write a number such as 1 or 0",
                              column)
    if isinstance(value, (str, bytes)):
        raise ExpressionError(f"text {shown!r} is not a number; {ALLOWED}", column)
    if isinstance(value, complex):
        raise ExpressionError(f"the complex number {shown!r} is not allowed; the engine "
                              f"works with real numbers", column)
    if not isinstance(value, (int, float)):
        raise ExpressionError(f"{shown!r} is not allowed; {ALLOWED}", column)
    if isinstance(value, float) and value - value != 0.0:  # inf or NaN
        raise ExpressionError(f"the number {shown!r} is not finite (a float ends near "
                              f"1.8e308); use a smaller number", column)
    if isinstance(value, int) and abs(value) > _LARGEST_FLOAT:
        raise ExpressionError(f"the number {_shorten(shown)!r} is too large for a float "
                              f"(the limit is about 1.8e308); use a smaller number", column)


def _check_name(name: str, number_only: str, column: int) -> None:
    if name in FUNCTIONS:
        raise ExpressionError(f"{name} is a function; call it, e.g. {name}(x)", column)
    if number_only:
        raise ExpressionError(f"{number_only} must be a plain number, not the variable "
                              f"{name}; e.g. 0.1", column)


def _check_call(node: ast.Call, shown: str, column: int) -> list[tuple[ast.AST, str]]:
    if not isinstance(node.func, ast.Name):
        raise ExpressionError(f"{shown!r}: only these functions can be called, by plain "
                              f"name: {', '.join(FUNCTIONS)}", column)
    name = node.func.id
    if name not in FUNCTIONS:
        close = difflib.get_close_matches(name, FUNCTIONS, n=1)
        hint = f"did you mean {close[0]}? " if close else ""
        raise ExpressionError(f"unknown function {name!r}; {hint}the functions are "
                              f"{', '.join(FUNCTIONS)}", column)
    signature = FUNCTIONS[name]
    usage = _usage(name, signature)
    params = list(signature.defaults)
    if any(keyword.arg is None for keyword in node.keywords):
        raise ExpressionError(f"{shown!r}: unpacking with ** is not allowed; "
                              f"write {usage}", column)
    if len(node.args) < signature.inputs or len(node.args) > signature.inputs + len(params):
        raise ExpressionError(f"{shown!r}: {name} takes {_arity(signature)}, "
                              f"as in {usage}", column)
    given = set(params[:len(node.args) - signature.inputs])
    for keyword in node.keywords:
        if keyword.arg not in params or keyword.arg in given:
            raise ExpressionError(f"{shown!r}: unexpected or repeated {keyword.arg}=; "
                                  f"{name} takes {_arity(signature)}, as in {usage}", column)
        given.add(keyword.arg)
    children: list[tuple[ast.AST, str]] = [(arg, "") for arg in node.args[:signature.inputs]]
    for param, arg in zip(params, node.args[signature.inputs:]):
        children.append((arg, f"the {param} of {name}"))
    for keyword in node.keywords:
        children.append((keyword.value, f"the {keyword.arg} of {name}"))
    return children


def _usage(name: str, signature: Signature) -> str:
    inputs = ["x"] if signature.inputs == 1 else ["a", "b"]
    params = [f"{param}={default}" for param, default in signature.defaults.items()]
    return f"{name}({', '.join(inputs + params)})"


def _arity(signature: Signature) -> str:
    inputs = "one input" if signature.inputs == 1 else "two inputs"
    params = "".join(f" and an optional number {param}" for param in signature.defaults)
    return inputs + params


def _operator_message(op: ast.operator, shown: str) -> str:
    if isinstance(op, ast.BitXor):
        return f"{shown!r}: ^ is not a power in Python; write ** instead, e.g. x ** 2"
    return f"the operator in {shown!r} is not supported; use + - * / **"


def _segment(body: str, node: ast.AST) -> str:
    return _shorten(ast.get_source_segment(body, node) or type(node).__name__)


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit - 3] + "..."

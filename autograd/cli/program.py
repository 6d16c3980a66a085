"""Formulas in named steps, as on the slides: "q = x + y; f = q * z".

Each step is `NAME = formula` (read by autograd.cli.parse, the same whitelist,
never eval); steps are separated by ';' and may use the names of earlier steps.
The last step may be a bare formula: its result is then unnamed, and the tape
calls it L. Every named result is labelled with its name, so the tape and the
diagrams show `q` and `f`, and the tape writes d f/d x as df/dx. The names
`pi` and `e` are the constants 3.14159... and 2.71828...; a value given for
one of them is refused (ExpressionError), as is a step named like them.

    >>> from autograd.cli.program import parse_program
    >>> program = parse_program("q = x + y; f = q * z")
    >>> program.variables
    ('x', 'y', 'z')
    >>> f = program.evaluate(x=-2, y=5, z=-4)
    >>> f.label, f.data
    ('f', -12.0)
"""

from __future__ import annotations

import ast
import math
import re
from dataclasses import dataclass
from typing import Mapping

from autograd import Value

from .parse import Expression, Formula, Number, parse
from .whitelist import FUNCTIONS, ExpressionError

CONSTANTS = {"pi": math.pi, "e": math.e}
_STEP = re.compile(r"(\s*)([^\W\d]\w*)(\s*=)(?!=)(.*)\Z", re.S)


@dataclass(frozen=True)
class Program(Formula):
    """Named steps (name, formula), in order; `variables` are the inputs they need."""

    text: str
    steps: tuple[tuple[str, Expression], ...]
    variables: tuple[str, ...]
    constants: tuple[str, ...]  # pi and e where used without a value

    def leaves(self, /, **values: Number | Value) -> dict[str, Value]:
        """One Value per input variable, labelled with its name (one-line errors as parse's)."""
        values = dict(values)
        for name in self.constants:
            if name in values:
                raise ExpressionError(f"{name} is the constant {CONSTANTS[name]!r} here; "
                                      f"leave out {name}=... or rename the variable")
        return Expression(self.text, self.variables, ast.Constant(0.0)).leaves(**values)

    def build(self, leaves: Mapping[str, Number | Value]) -> Value:
        """The graph of every step on top of `leaves`; returns the last step's result."""
        known: dict[str, Number | Value] = {name: CONSTANTS[name] for name in self.constants}
        known.update(leaves)
        result: Value | None = None
        for name, expression in self.steps:
            result = expression.build(known)
            if name and result.label == "":  # `q = x` keeps x's own name
                result.label = name
            if name:
                known[name] = result
        assert result is not None
        return result


def parse_program(text: str) -> Program:
    """Read 'q = x + y; f = q * z' (or one bare formula); one-line ExpressionError if wrong.

    A column in an error counts from the start of the whole text.
    """
    if not isinstance(text, str):
        parse(text)  # the one-line error for a non-text formula
    parts = text.split(";")
    steps: list[tuple[str, Expression]] = []
    defined: list[str] = []
    inputs: dict[str, None] = {}  # an ordered set
    offset = 0
    for number, part in enumerate(parts, start=1):
        match = _STEP.match(part)
        name, formula, start = "", part, offset
        if match:
            name, formula = match.group(2), match.group(4)
            start = offset + len(match.group(1)) + len(name) + len(match.group(3))
            _check_step_name(name, defined, inputs, offset + len(match.group(1)) + 1)
        elif number < len(parts):
            raise ExpressionError(f"step {number} {part.strip()!r} has no name; write "
                                  f"NAME = formula, e.g. q = x + y",
                                  offset + len(part) - len(part.lstrip()) + 1)
        try:
            expression = parse(formula)
        except ExpressionError as error:
            column = start + error.column if error.column else None
            raise ExpressionError(error.message, column) from None
        if name in expression.variables:
            raise ExpressionError(f"{name} is used in its own step; name the step otherwise, "
                                  f"e.g. {name}1 = ...", start + 1)
        for variable in expression.variables:
            if variable not in defined:
                inputs[variable] = None
        steps.append((name, expression))
        if name:
            defined.append(name)
        offset += len(part) + 1
    constants = tuple(name for name in inputs if name in CONSTANTS)
    variables = tuple(name for name in inputs if name not in CONSTANTS)
    return Program(text, tuple(steps), variables, constants)


def _check_step_name(name: str, defined: list[str], inputs: Mapping[str, None],
                     column: int) -> None:
    if name in FUNCTIONS or name in CONSTANTS:
        raise ExpressionError(f"{name} is a {'function' if name in FUNCTIONS else 'constant'}"
                              f"; name the step otherwise, e.g. {name}1", column)
    if name in defined or name in inputs:
        raise ExpressionError(f"{name} is already {'a step' if name in defined else 'an input'}"
                              f"; give each step a new name", column)

"""The machinery of the rule table: what a rule is and how it is recorded.

A rule is a plain function of floats returning the result and the tuple of
local derivatives. `@rule(...)` records it in RULES together with what the
tests and strategies read: its domain, its kinks and its symbolic formula.
The rules themselves are in ops.py (arithmetic and elementary functions) and
activations.py (the activation functions of neural networks).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable

Locals = tuple[float, ...]
RuleFunction = Callable[..., tuple[float, Locals]]

# Shared tuples for the constant local derivatives: no allocation per node.
ONE = (1.0,)
ZERO = (0.0,)
MINUS_ONE = (-1.0,)
ONE_ONE = (1.0, 1.0)
ONE_MINUS_ONE = (1.0, -1.0)


@dataclass(frozen=True)
class Constraint:
    """A condition on a rule's inputs, with a measure of how well it holds.

    `margin(*inputs, *params)` is positive when the inputs satisfy `text` and
    grows with the distance to the boundary; zero or negative means violated
    (for kinks: sitting on the kink). Strategies read it to keep generated
    inputs away from trouble.
    """

    text: str
    margin: Callable[..., float]


EVERYWHERE = Constraint("all real inputs", lambda *args: math.inf)


@dataclass(frozen=True)
class Rule:
    """One operation: forward formula, local derivatives and where they hold.

    `arity` is the number of Value inputs (1 or 2); `params` names the
    fixed numbers that follow the inputs (the 2 in x ** 2), with `examples`
    of them for tests.
    """

    name: str
    apply: RuleFunction
    arity: int
    formula: str
    derivative: str
    domain: Constraint = EVERYWHERE
    kinks: Constraint | None = None
    convention: str = ""
    params: tuple[str, ...] = ()
    examples: dict[str, tuple[float, ...]] = field(default_factory=dict)
    sympy: Callable[..., Any] | None = None

    def __call__(self, *args: float) -> tuple[float, Locals]:
        return self.apply(*args)


RULES: dict[str, Rule] = {}


def rule(name: str, *, arity: int = 1, formula: str, derivative: str,
         domain: Constraint = EVERYWHERE, kinks: Constraint | None = None,
         convention: str = "", params: tuple[str, ...] = (),
         examples: dict[str, tuple[float, ...]] | None = None,
         sympy: Callable[..., Any] | None = None) -> Callable[[RuleFunction], RuleFunction]:
    """Record a rule function in RULES under `name`; the function is returned unchanged."""

    def record(apply: RuleFunction) -> RuleFunction:
        RULES[name] = Rule(name, apply, arity, formula, derivative, domain, kinks,
                           convention, params, dict(examples or {}), sympy)
        return apply

    return record


def finite(name: str, number: float, *inputs: float, what: str = "the result") -> float:
    """Return `number`, or raise OverflowError if it is infinite or NaN."""
    if math.isfinite(number):
        return number
    shown = ", ".join(repr(x) for x in inputs)
    raise OverflowError(f"{name}({shown}): {what} is {number}, not a finite float; "
                        f"rescale the inputs so the values stay below about 1e308")

"""The machinery of the rule table: what a rule is and how it is recorded.

A rule is a plain function of floats returning the result and the tuple of
local derivatives. `@rule(...)` records it in RULES together with everything said about it
once: its domain and kinks (read by the tests and strategies), its sympy
formula, and its notation on tapes and diagrams (read by autograd.notation,
the command's whitelist and the README's list of functions).
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
    """One operation: forward formula, local derivatives, where they hold, and
    how the tape and the diagrams write it.

    `arity` is the number of inputs (1 or 2; None for any number, as in sum).
    An input is a Value or, when the user wrote a plain number, a constant
    that belongs to the node (`w * 0.5`). `params` names the fixed numbers
    that follow the inputs (the n in x ** n), with `examples` of them for tests.

    Notation, read by autograd.notation (placeholders: {x} and {y} the inputs'
    names, {out} the node's own name, and the params by name):
      infix    the operator between the inputs ("+" for add and sum), or ""
      template the forward expression when it is not infix or a call, e.g. "-{x}"
      local    the local derivative d(out)/d(input) per input, e.g. ("{y}", "{x}")
               for mul; one template for all inputs of a rule with arity None; a
               function of the placeholders where a format string cannot say it
      symbol   the text of the operation's box in a diagram (default: infix or name)
    """

    name: str
    apply: RuleFunction
    arity: int | None
    formula: str
    derivative: str
    domain: Constraint = EVERYWHERE
    kinks: Constraint | None = None
    convention: str = ""
    params: tuple[str, ...] = ()
    examples: dict[str, tuple[float, ...]] = field(default_factory=dict)
    sympy: Callable[..., Any] | None = None
    local: tuple[str | Callable[[dict[str, str]], str], ...] = ()
    infix: str = ""
    template: str = ""
    symbol: str = ""

    def __call__(self, *args: float) -> tuple[float, Locals]:
        return self.apply(*args)


RULES: dict[str, Rule] = {}


def rule(name: str, *, arity: int | None = 1, formula: str, derivative: str,
         local: tuple[str | Callable[[dict[str, str]], str], ...],
         domain: Constraint = EVERYWHERE, kinks: Constraint | None = None,
         convention: str = "", params: tuple[str, ...] = (),
         examples: dict[str, tuple[float, ...]] | None = None,
         sympy: Callable[..., Any] | None = None, infix: str = "", template: str = "",
         symbol: str = "") -> Callable[[RuleFunction], RuleFunction]:
    """Record a rule function in RULES under `name`; the function is returned unchanged.

    Raises ValueError when the notation does not fit the arity (one local
    template per input), so a rule cannot be added half-described.
    """
    expected = 1 if arity is None else arity
    if len(local) != expected:
        raise ValueError(f"rule {name!r}: local= needs {expected} template(s), one per input "
                         f"(e.g. local=('{{y}}', '{{x}}') for a product), got {local!r}")

    def record(apply: RuleFunction) -> RuleFunction:
        RULES[name] = Rule(name, apply, arity, formula, derivative, domain, kinks, convention,
                           params, dict(examples or {}), sympy, tuple(local), infix, template,
                           symbol or infix or name)
        return apply

    return record


def finite(name: str, number: float, *inputs: float, what: str = "the result") -> float:
    """Return `number`, or raise OverflowError if it is infinite or NaN."""
    if math.isfinite(number):
        return number
    shown = ", ".join(repr(x) for x in inputs)
    raise OverflowError(f"{name}({shown}): {what} is {number}, not a finite float; "
                        f"rescale the inputs so the values stay below about 1e308")

"""Derivative oracles beside backward, and `check_op`: the property suite for your own op.

Three independent ways to know a derivative, each compared with backward:

- sympy: differentiate the formula symbolically, evaluate with 30 digits
  (`autograd.testing.symbolic`); agreement to 1e-9 relative (1e-12 absolute);
- central differences, with an error bar they estimate for themselves;
- the complex step, exact to rounding, where the forward formula also works
  on complex numbers (both in `autograd.testing.oracles`).

`check_op(my_rule, domain=...)` runs all of them on random inputs and random
programs using the op, and reports the smallest input where backward is wrong.

check_op needs hypothesis, and sympy with `sympy=` (the `test` extra: a one-line
ModuleNotFoundError with the command says so); `import autograd` never loads it.
"""

from __future__ import annotations

import inspect
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any, Callable

from autograd.checks import shown
from autograd.ops import Constraint, Rule, RuleFunction

from .extra import require
from .oracles import (ATOL, RTOL, Estimate, backward_gradient, central_differences, close,
                      complex_step, program_central_differences, program_complex_step)
from .program import Program, Step

__all__ = [
    "check_op", "as_rule", "DerivativeError", "OpReport",
    "Comparison", "compare_gradients", "gradient_report", "disagreement",
    "Estimate", "close", "RTOL", "ATOL", "backward_gradient",
    "central_differences", "program_central_differences",
    "complex_step", "program_complex_step",
]

Margin = Callable[..., float]
SympyFormula = Callable[..., Any]


# --- comparing backward with the oracles -----------------------------------------------

@dataclass(frozen=True)
class Comparison:
    """d result / d input `index` by backward and by each oracle (None: not applicable)."""

    index: int
    backward: float
    sympy: float | None = None
    central: Estimate | None = None
    complex: float | None = None

    def oracles(self) -> list[str]:
        """The names of the oracles that gave a value."""
        present = [("sympy", self.sympy), ("central differences", self.central),
                   ("the complex step", self.complex)]
        return [name for name, value in present if value is not None]

    def disagreeing(self) -> list[str]:
        """The names of the oracles that disagree with backward."""
        names = []
        if self.sympy is not None and not close(self.backward, self.sympy):
            names.append("sympy")
        if self.central is not None and not self.central.agrees_with(self.backward):
            names.append("central differences")
        if self.complex is not None and not close(self.backward, self.complex):
            names.append("the complex step")
        return names

    def describe(self, result: int) -> str:
        """Every oracle's value, one per line, for a failure report."""
        rows = [("backward", repr(self.backward))]
        if self.sympy is not None:
            rows.append(("sympy", repr(self.sympy)))
        if self.central is not None:
            rows.append(("central differences",
                         f"{self.central.value!r} (error bar {self.central.error:.1e})"))
        if self.complex is not None:
            rows.append(("the complex step", repr(self.complex)))
        lines = [f"d v{result}/d v{self.index}:"]
        lines += [f"  {name:<20} {value}" for name, value in rows]
        return "\n".join(lines)


def compare_gradients(program: Program, *, use_sympy: bool = True) -> list[Comparison]:
    """Backward's gradient beside sympy's, central differences' and the complex step's.

    sympy is used when `use_sympy` and every op has a sympy formula. The
    complex step is used only where another oracle confirms it, since a
    forward that accepts complex numbers is not necessarily analytic (abs()
    of a complex number, for one, is a real number). sympy can take a good
    fraction of a second on nested piecewise formulas (elu of elu of ...), so a
    hypothesis test calling this wants @settings(deadline=None).
    """
    backward = backward_gradient(program)
    symbolic = None
    if use_sympy and all(program.rule(step).sympy is not None for step in program.steps):
        from .symbolic import program_gradient
        symbolic = program_gradient(program)
    central = program_central_differences(program)
    complex_slopes = program_complex_step(program)
    comparisons = []
    for i, slope in enumerate(backward):
        exact = symbolic[i] if symbolic is not None else None
        estimate = central[i] if central is not None else None
        step = complex_slopes[i] if complex_slopes is not None else None
        if step is not None and not _confirmed(step, exact, estimate):
            step = None
        comparisons.append(Comparison(i, slope, exact, estimate, step))
    return comparisons


def gradient_report(program: Program, *, use_sympy: bool = True) -> str | None:
    """None when backward agrees with every oracle; else the program and the
    disagreeing derivatives, ready to print."""
    return disagreement(program, compare_gradients(program, use_sympy=use_sympy))


def disagreement(program: Program, comparisons: list[Comparison]) -> str | None:
    """The failure report for these comparisons, or None if all agree."""
    wrong = [c for c in comparisons if c.disagreeing()]
    if not wrong:
        return None
    names = sorted({name for c in wrong for name in c.disagreeing()})
    lines = [f"backward disagrees with {' and '.join(names)} on this program:",
             _indent(str(program))]
    lines += [_indent(c.describe(program.result_variable()), "  ") for c in wrong]
    return "\n".join(lines)


def _confirmed(slope: float, exact: float | None, estimate: Estimate | None) -> bool:
    if estimate is not None:
        return estimate.agrees_with(slope)
    return exact is not None and close(slope, exact)


def _indent(text: str, margin: str = "    ") -> str:
    return "\n".join(margin + line for line in text.splitlines())


# --- check_op: the whole suite for one operation ------------------------------------

class DerivativeError(AssertionError):
    """check_op found an input where backward disagrees with an oracle."""


@dataclass(frozen=True)
class OpReport:
    """What check_op ran on an op whose derivatives passed."""

    name: str
    examples: int
    derivatives: dict[str, int]  # oracle name: how many derivatives it confirmed

    def __str__(self) -> str:
        confirmed = [f"{name} ({count} derivatives)"
                     for name, count in self.derivatives.items() if count]
        return (f"{self.name}: on {self.examples} generated inputs and programs, backward "
                f"agreed with {' and '.join(confirmed)}")


def check_op(op: Rule | RuleFunction, *, domain: Constraint | Margin | None = None,
             kinks: Constraint | Margin | None = None, sympy: SympyFormula | None = None,
             name: str = "", min_value: float = -10.0, max_value: float = 10.0,
             max_examples: int = 200) -> OpReport:
    """Run the derivative property suite on one operation; raise DerivativeError
    with the smallest failing program found, or return a short report.

    `op` is a Rule or a plain rule function `f(x) -> (result, (df/dx,))` (or
    `f(a, b) -> (result, (df/da, df/db))`). `domain` and `kinks` are Constraints
    or margin functions, positive inside the domain (off the kinks) and growing
    with the distance to its edge: `domain=lambda x: x` for x > 0. `sympy`
    (`lambda sp, x: sp.tanh(x)`) adds the symbolic oracle. It tries
    `max_examples` single applications, then `max_examples` programs chaining
    the op with itself (up to 3 steps, reusing variables). The search is
    derandomized, so the same op always gets the same report.
    """
    rule = as_rule(op, domain=domain, kinks=kinks, sympy=sympy, name=name)
    require("check_op", "hypothesis", *(["sympy"] if rule.sympy is not None else []))
    from hypothesis import HealthCheck, find, settings
    from hypothesis.errors import NoSuchExample

    from .strategies import arguments, programs
    search = settings(max_examples=max_examples, derandomize=True, database=None,
                      deadline=None, suppress_health_check=list(HealthCheck))
    table = {rule.name: rule}
    single = arguments(rule, min_value=min_value, max_value=max_value).map(
        lambda args: _one_step(rule, args, table))
    composed = programs(n_inputs=rule.arity or 2, max_steps=3, ops=[rule],
                        min_value=min_value, max_value=max_value)
    used: Counter[str] = Counter({"sympy": 0, "central differences": 0,
                                  "the complex step": 0})
    examples = 0

    def fails(program: Program) -> bool:
        nonlocal examples
        examples += 1
        return _problem(program, used) is not None

    for strategy in (single, composed):
        try:
            smallest = find(strategy, fails, settings=search)
        except NoSuchExample:
            continue
        raise DerivativeError(f"check_op({rule.name}): {_problem(smallest, Counter())}")
    return OpReport(rule.name, examples, dict(used))


def as_rule(op: Rule | RuleFunction, *, domain: Constraint | Margin | None = None,
            kinks: Constraint | Margin | None = None, sympy: SympyFormula | None = None,
            name: str = "") -> Rule:
    """A Rule from a Rule or a plain rule function, with the given declarations."""
    if isinstance(op, Rule):
        base = op
    elif callable(op):
        label = name or getattr(op, "__name__", "op").replace("<lambda>", "op")
        base = Rule(label, op, _arity(op, label), formula="", derivative="")
    else:
        raise TypeError(f"check_op: expected a Rule or a rule function, got "
                        f"{type(op).__name__} {shown(op)}")
    changes: dict[str, Any] = {}
    if name:
        changes["name"] = name
    if domain is not None:
        changes["domain"] = _constraint(domain, "the declared domain")
    if kinks is not None:
        changes["kinks"] = _constraint(kinks, "the declared kinks")
    if sympy is not None:
        changes["sympy"] = sympy
    return replace(base, **changes)


def _problem(program: Program, used: Counter[str]) -> str | None:
    """What is wrong with the op on this program, or None; counts the oracles used."""
    try:
        program.evaluate()
    except (ArithmeticError, ValueError) as error:
        rule = program.rule(program.steps[-1])
        return (f"{rule.name} raised {type(error).__name__} inside its declared domain "
                f"({rule.domain.text}): {error}\n{_indent(str(program))}\n"
                f"  declare where it is defined with domain=<margin function>, "
                f"positive inside")
    try:
        comparisons = compare_gradients(program)
    except (ArithmeticError, ValueError, TypeError) as error:
        return (f"running the program raised {type(error).__name__}: {error}\n"
                f"{_indent(str(program))}")
    for comparison in comparisons:
        used.update(comparison.oracles())
    return disagreement(program, comparisons)


def _one_step(rule: Rule, args: tuple[float, ...], table: dict[str, Rule]) -> Program:
    count = len(args) - len(rule.params)  # the inputs; the params follow
    inputs = args[:count]
    step = Step(rule.name, tuple(range(count)), args[count:])
    return Program(inputs, (step,), table)


def _arity(function: Callable[..., Any], name: str) -> int:
    required = [p for p in inspect.signature(function).parameters.values()
                if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY,
                                                       p.POSITIONAL_OR_KEYWORD)]
    if len(required) not in (1, 2):
        raise ValueError(f"check_op: {name} takes {len(required)} required arguments; "
                         f"a rule function takes 1 or 2 numbers (give others defaults)")
    return len(required)


def _constraint(declared: Constraint | Margin, text: str) -> Constraint:
    if isinstance(declared, Constraint):
        return declared
    if callable(declared):
        return Constraint(text, declared)
    raise TypeError(f"check_op: expected a Constraint or a margin function for the domain "
                    f"or kinks, got {type(declared).__name__} {shown(declared)}")

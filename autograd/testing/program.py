"""A program: a computation graph written down as plain data, one equation per line.

    v0 = 1.5
    v1 = -0.25
    v2 = mul v0 v1
    v3 = sin v2
    v4 = add v3 v2        (v2 is used twice: a graph with reuse, not a tree)
    v5 = pow v4 n=2
    v6 = mul v5 0.5       (a number is a constant of the step, as in w * 0.5)
    v7 = sum v6 v0 v3     (sum takes any number of inputs)

The first variables are the inputs; every step applies one rule of the table to
earlier variables; the last variable is the result. Property tests work with
programs rather than with Values because a program is data: hypothesis can
shrink it, it prints readably, and the same program can be evaluated with
floats, built as a Value graph and turned into a sympy expression, so that each
of those can be checked against the others.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

from autograd import functions
from autograd.checks import checked_as, instance, real, shown
from autograd.functions import apply, sum_values
from autograd.ops import RULES, Rule
from autograd.value import Value

# Operations written with Python operators rather than a function of that name.
_OPERATORS: dict[str, Callable[..., Value]] = {
    "add": operator.add,
    "sub": operator.sub,
    "mul": operator.mul,
    "div": operator.truediv,
    "neg": operator.neg,
    "abs": operator.abs,
    "vpow": operator.pow,
    "pow": lambda x, n: x ** n,
    "rpow": lambda x, c: c ** x,
    "sum": lambda *xs: sum_values(xs),
}

Arg = int | float  # an int is a variable's number (v2), a float a constant (2.5)


@dataclass(frozen=True)
class Step:
    """One equation: `op` applied to `args`, with fixed `params`.

    Each arg is an earlier variable's number (an int) or a constant (a float).
    """

    op: str
    args: tuple[Arg, ...]
    params: tuple[float, ...] = ()


@dataclass(frozen=True, repr=False)
class Program:
    """Input values and a straight-line list of steps; the last variable is the result.

    `rules` maps each op name to its Rule: the engine's table unless a test
    brings rules of its own (a new op, or a deliberately broken one).
    """

    inputs: tuple[float, ...]
    steps: tuple[Step, ...]
    rules: Mapping[str, Rule] = field(default_factory=lambda: RULES, repr=False,
                                      compare=False)

    def __post_init__(self) -> None:
        if not self.inputs:
            raise ValueError("Program: needs at least one input; pass inputs=(1.0,) or more")
        for i, x in enumerate(self.inputs):
            checked_as(ValueError, real, "Program", f"v{i}", x)
        for position, step in enumerate(self.steps, start=len(self.inputs)):
            _check_step(step, position, self.rules)

    @property
    def n_inputs(self) -> int:
        return len(self.inputs)

    def rule(self, step: Step) -> Rule:
        """The Rule a step applies."""
        return self.rules[step.op]

    def __str__(self) -> str:
        lines = [f"v{i} = {number_literal(x)}" for i, x in enumerate(self.inputs)]
        for position, step in enumerate(self.steps, start=self.n_inputs):
            lines.append(f"v{position} = {describe_step(step, self.rule(step))}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        # Readable and runnable: hypothesis shows falsifying examples this way.
        lines = "\n".join("    " + line for line in str(self).splitlines())
        return f'Program.from_text("""\n{lines}\n""")'

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))

    # --- three ways to run the same program ----------------------------------

    def evaluate(self, inputs: Sequence[Any] | None = None) -> list[Any]:
        """Every variable's value, computed with the rule functions on plain numbers.

        `inputs` replaces the program's own input values (for numerical
        differentiation: nudged floats, or complex numbers for the complex step).
        """
        variables = list(self.inputs if inputs is None else inputs)
        for step in self.steps:
            result, _ = self.rule(step).apply(*step_inputs(step, variables), *step.params)
            variables.append(result)
        return variables

    def output(self, inputs: Sequence[Any] | None = None) -> Any:
        """The last variable's value (see `evaluate`)."""
        return self.evaluate(inputs)[-1]

    def to_values(self, inputs: Sequence[Value] | None = None) -> list[Value]:
        """The program as a Value graph: every variable's node, the result last.

        Inputs are new leaves labelled v0, v1, ..., or the given Values (to
        build on top of another graph). Each step is built the way a user
        would write it (`v0 * v1`, `v2.sin()`, `v3 ** 2`), so the operators
        are tested too; a rule the engine does not know goes through
        `autograd.apply`.
        """
        if inputs is None:
            nodes = [Value(x, label=f"v{i}") for i, x in enumerate(self.inputs)]
        elif len(inputs) == self.n_inputs:
            nodes = list(inputs)
        else:
            raise ValueError(f"to_values: the program has {self.n_inputs} inputs, "
                             f"got {len(inputs)} Values; pass one per input")
        for step in self.steps:
            nodes.append(_build(self.rule(step), step_inputs(step, nodes), step.params))
        return nodes

    def to_sympy(self) -> Any:
        """The sympy expression of the result, in the symbols v0, v1, ... (needs sympy)."""
        from .symbolic import program_expressions
        expressions, _ = program_expressions(self)
        return expressions[-1]

    # --- programs made from programs ------------------------------------------

    @classmethod
    def from_text(cls, text: str, rules: Mapping[str, Rule] = RULES) -> Program:
        """Read a program back from its printed form (inputs first, then steps),
        for instance to keep a failing example as a regression test."""
        inputs: list[float] = []
        steps: list[Step] = []
        for number, line in enumerate(text.strip().splitlines(), start=1):
            target, _, expression = line.partition("=")
            words = expression.split()
            if target.strip() != f"v{len(inputs) + len(steps)}" or not words:
                raise ValueError(f"from_text: line {number} {shown(line.strip())} should read "
                                 f"'v{len(inputs) + len(steps)} = <number or step>'")
            if not steps and len(words) == 1 and _is_number(words[0]):
                inputs.append(float(words[0]))
            else:
                steps.append(_read_step(words, number, rules))
        return cls(tuple(inputs), tuple(steps), rules)

    def with_inputs(self, inputs: Sequence[float]) -> Program:
        """The same steps applied to other input values."""
        return Program(tuple(float(x) for x in inputs), self.steps, self.rules)

    def reordered(self, priorities: Sequence[int]) -> Program:
        """The same computation with its steps in another order.

        Among the steps whose arguments are ready, the one with the smallest
        priority comes first; the result stays last; variables are renumbered.
        """
        if len(priorities) != len(self.steps):
            raise ValueError(f"reordered: got {len(priorities)} priorities for "
                             f"{len(self.steps)} steps; give one number per step")
        first = self.n_inputs
        new_number = {i: i for i in range(first)}
        remaining = list(range(len(self.steps)))
        new_steps: list[Step] = []
        while remaining:
            # The result's step (the last) waits until it is the only one left.
            candidates = remaining[:-1] or remaining
            ready = [k for k in candidates
                     if all(i in new_number for i in self.steps[k].args if _is_variable(i))]
            chosen = min(ready, key=lambda k: (priorities[k], k))
            remaining.remove(chosen)
            step = self.steps[chosen]
            args = tuple(new_number[a] if _is_variable(a) else a for a in step.args)
            new_steps.append(Step(step.op, args, step.params))
            new_number[first + chosen] = first + len(new_steps) - 1
        return Program(self.inputs, tuple(new_steps), self.rules)

    def result_variable(self) -> int:
        """The number of the result variable (the last one)."""
        return self.n_inputs + len(self.steps) - 1


def clearance(rule: Rule, arguments: Sequence[float], params: Sequence[float] = ()) -> float:
    """How far `arguments` are from trouble: the smaller of the rule's domain
    margin and kink margin (positive inside the domain and off the kinks)."""
    margin = rule.domain.margin(*arguments, *params)
    if rule.kinks is not None:
        margin = min(margin, rule.kinks.margin(*arguments, *params))
    return margin


def describe_step(step: Step, rule: Rule) -> str:
    """The right-hand side of an equation: `mul v0 v2`, `mul v0 0.5` or `pow v3 n=2`."""
    words = [step.op] + [f"v{a}" if _is_variable(a) else number_literal(a) for a in step.args]
    words += [f"{name}={number_literal(value)}" for name, value in zip(rule.params, step.params)]
    return " ".join(words)


def number_literal(x: float) -> str:
    """A number as it would be typed: `2` for 2.0, else the shortest exact repr.

    Not autograd.notation.format_number, on purpose: that one shows a number to
    people (4 significant digits, 6.0 for 6), this one writes it into a program
    that from_text must read back to the same float, bit for bit.
    """
    x = float(x)
    if x.is_integer() and abs(x) < 1e16 and repr(x) != "-0.0":
        return str(int(x))
    return repr(x)  # -0.0 too, which int() would print as 0


def step_inputs(step: Step, variables: Sequence[Any]) -> list[Any]:
    """The inputs of a step: each variable's entry in `variables`, each constant itself."""
    return [variables[a] if _is_variable(a) else a for a in step.args]


def _is_variable(arg: Arg) -> bool:
    return isinstance(arg, int)


def _is_number(word: str) -> bool:
    try:
        float(word)
    except ValueError:
        return False
    return True


def _read_step(words: list[str], number: int, rules: Mapping[str, Rule]) -> Step:
    op, rest = words[0], words[1:]
    variables = {w for w in rest if w.startswith("v") and w[1:].isdecimal()}  # not "v²"
    args = [int(w[1:]) if w in variables else float(w)
            for w in rest if "=" not in w and (w in variables or _is_number(w))]
    params = [w.partition("=") for w in rest if "=" in w]
    if len(args) + len(params) != len(rest) or op not in rules:
        raise ValueError(f"from_text: line {number} should read '<op> v<i> ... <param>=<number>' "
                         f"with an op from the rule table, got {shown(' '.join(words))}")
    expected = rules[op].params
    if [name for name, _, _ in params] != list(expected) \
            or not all(_is_number(value) for _, _, value in params):
        raise ValueError(f"from_text: line {number}: {op} takes the parameters "
                         f"{list(expected)} as name=number, got {shown(' '.join(rest))}")
    return Step(op, tuple(args), tuple(float(value) for _, _, value in params))


def _check_step(step: Step, position: int, rules: Mapping[str, Rule]) -> None:
    where = f"Program: step v{position}"
    if step.op not in rules:
        raise ValueError(f"{where} uses unknown op {shown(step.op)}; "
                         f"choose one of {', '.join(sorted(rules))}")
    rule = rules[step.op]
    if len(step.args) != rule.arity and not (rule.arity is None and step.args):
        raise ValueError(f"{where}: {step.op} takes {rule.arity or 'one or more'} "
                         f"argument(s), got {len(step.args)}")
    for i in step.args:
        if not _is_variable(i):
            checked_as(ValueError, instance, where, "constant", i, float,
                       "a finite float (an int names a variable)")
            checked_as(ValueError, real, where, "constant", i)
            continue
        if not 0 <= i < position:
            raise ValueError(f"{where} refers to v{i}; a step can only use variables "
                             f"v0 to v{position - 1} defined before it")
    if len(step.params) != len(rule.params):
        raise ValueError(f"{where}: {step.op} takes the parameters {rule.params}, "
                         f"got {len(step.params)} value(s)")


def _build(rule: Rule, arguments: list[Value | float], params: tuple[float, ...]) -> Value:
    """One node for `rule` applied to `arguments`, through the public API."""
    if RULES.get(rule.name) is rule:
        builder = _OPERATORS.get(rule.name) or getattr(functions, rule.name, None)
        if builder is not None:
            return builder(*arguments, *params)

    def with_params(*inputs: float) -> tuple[float, tuple[float, ...]]:
        return rule.apply(*inputs, *params)

    return apply(with_params, *arguments, op=rule.name)

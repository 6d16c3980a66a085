"""Hypothesis strategies for property-based tests of derivatives.

    from hypothesis import given
    from autograd.testing.strategies import programs

    @given(programs(max_steps=5))
    def test_something(program):
        ...

`values()` draws Value leaves, `arguments(op)` draws inputs for one rule,
`programs()` draws whole computation graphs (see `autograd.testing.program`). Every
input is drawn inside its rule's domain and away from its kinks by reading the
rule table's own declarations (`Rule.domain`, `Rule.kinks`, `Rule.examples`),
so a rule added to the table is covered with no change here.

This module needs hypothesis (the `test` extra; without it, importing this module
is a one-line ModuleNotFoundError with the command); `import autograd` never loads it.
"""

from __future__ import annotations

import math
import sys
from typing import Sequence, Union

from autograd.checks import checked_as, count, one_of, real, sequence, text
from autograd.ops import RULES, Rule
from autograd.value import Value

from .extra import require
from .program import Program, Step, clearance

require("autograd.testing.strategies", "hypothesis")  # one line, not hypothesis' traceback

from hypothesis import assume, reject  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.errors import InvalidArgument  # noqa: E402
from hypothesis.strategies import SearchStrategy  # noqa: E402

OpChoice = Union[str, Rule]

# How many times a draw retries before giving up on a step or an input.
_TRIES = 8
_GO_ON = st.sampled_from([False, True, True, True, True])
_CONSTANT = st.sampled_from([False, False, False, True])  # a number in one step of four


def values(*, min_value: float = -10.0, max_value: float = 10.0,
           label: str = "") -> SearchStrategy[Value]:
    """Fresh leaf Values whose data lies in [min_value, max_value]."""
    _check_bounds("values", min_value, max_value)
    checked_as(InvalidArgument, text, "values", "label", label)
    return _floats(min_value, max_value).map(lambda x: Value(x, label=label))


def arguments(op: OpChoice, *, min_value: float = -10.0, max_value: float = 10.0,
              min_margin: float = 1e-3) -> SearchStrategy[tuple[float, ...]]:
    """Arguments for one rule: its inputs, then its parameters (`rule.apply(*args)`).

    The inputs lie in [min_value, max_value] with the rule's domain and kink
    margins above `min_margin`; the parameters come from the rule's `examples`.
    """
    rule = _resolve_ops("arguments", [op])[0]
    _check_bounds("arguments", min_value, max_value)
    _check_positive("arguments", "min_margin", min_margin)
    return _arguments(rule, min_value, max_value, min_margin)


def programs(*, n_inputs: int = 2, max_steps: int = 6, ops: Sequence[OpChoice] | None = None,
             min_value: float = -10.0, max_value: float = 10.0, min_margin: float = 1e-3,
             max_magnitude: float = 1e4) -> SearchStrategy[Program]:
    """Straight-line programs of 1 to `max_steps` steps over `n_inputs` inputs.

    `ops` are rule names or Rule objects (default: the whole table but the
    rules whose local derivative is 0 wherever it exists, such as step and
    sign: no gradient passes through them, so composing them tests nothing,
    and their sympy forms make some compositions very slow); a Rule
    named like a rule of the table replaces it in the programs drawn (to test a
    new version of it). Each step applies one of them to earlier variables,
    often the newest and sometimes the same one twice, so graphs share
    subexpressions.
    Every step's arguments keep its domain and kink margins above
    `min_margin`, and every value and local derivative stays within
    `max_magnitude`, so that numerical oracles are meaningful.
    """
    checked_as(InvalidArgument, count, "programs", "n_inputs", n_inputs, minimum=1)
    checked_as(InvalidArgument, count, "programs", "max_steps", max_steps, minimum=1)
    default = [name for name, rule in RULES.items() if set(rule.local) != {"0"}]
    rules = _resolve_ops("programs", default if ops is None else ops)
    _check_bounds("programs", min_value, max_value)
    _check_positive("programs", "min_margin", min_margin)
    _check_positive("programs", "max_magnitude", max_magnitude)
    table = dict(RULES)
    table.update({rule.name: rule for rule in rules})
    return _programs(n_inputs, max_steps, rules, table, min_value, max_value,
                     min_margin, max_magnitude)


# --- the strategies themselves ---------------------------------------------------

def _floats(min_value: float, max_value: float) -> SearchStrategy[float]:
    # Subnormal inputs (below 2.2e-308) only when a bound asks for them.
    tiny = any(0 < abs(bound) < sys.float_info.min for bound in (min_value, max_value))
    return st.floats(min_value, max_value, allow_nan=False, allow_infinity=False,
                     allow_subnormal=tiny)


@st.composite
def _arguments(draw: st.DrawFn, rule: Rule, min_value: float, max_value: float,
               min_margin: float) -> tuple[float, ...]:
    for _ in range(_TRIES):
        inputs = [draw(_floats(min_value, max_value)) for _ in range(draw(_input_counts(rule)))]
        params = [draw(st.sampled_from(rule.examples[name])) for name in rule.params]
        if clearance(rule, inputs, params) > min_margin:
            return tuple(inputs + params)
    reject()  # the domain seems tiny inside these bounds: skip this example


@st.composite
def _programs(draw: st.DrawFn, n_inputs: int, max_steps: int, rules: list[Rule],
              table: dict[str, Rule], min_value: float, max_value: float,
              min_margin: float, max_magnitude: float) -> Program:
    inputs = tuple(draw(_floats(min_value, max_value)) for _ in range(n_inputs))
    variables = list(inputs)
    steps: list[Step] = []
    while len(steps) < max_steps:
        found = draw(_next_steps(rules, tuple(variables), bool(steps), min_margin,
                                 max_magnitude))
        if found is None:
            break
        step, result = found
        steps.append(step)
        variables.append(result)
    else:  # max_steps reached: draw the decision anyway, and ignore it (see _next_steps)
        draw(_GO_ON)
    assume(steps)
    return Program(inputs, tuple(steps), table)


@st.composite
def _next_steps(draw: st.DrawFn, rules: list[Rule], variables: tuple[float, ...],
                optional: bool, min_margin: float, max_magnitude: float
                ) -> tuple[Step, float] | None:
    """The next step and its result, or None to end the program.

    Drawn as one unit (with the decision to go on, at odds of 4 to 1), so that
    the shrinker can delete any step with all its choices. A program that
    reaches max_steps still draws one more decision and ignores it (hypothesis's
    own lists also draw a stop decision at their max_size): every program then
    ends with a decision that is, or shrinks to, "stop", so a program with a
    step deleted still finds its end among the choices it had. Without it, a
    failure found with max_steps steps could lose none of them (each try ran
    out of choices) and stayed that long.
    """
    if optional and not draw(_GO_ON):
        return None
    newest = len(variables) - 1
    for _ in range(_TRIES):
        rule = draw(st.sampled_from(rules))
        args = [draw(_variable_numbers(newest)) for _ in range(draw(_input_counts(rule)))]
        if len(args) > 1 and draw(_CONSTANT):  # a number in the step, as in w * 0.5
            args[draw(st.integers(0, len(args) - 1))] = draw(_constants(variables))
        params = tuple(draw(st.sampled_from(rule.examples[name])) for name in rule.params)
        inputs = [variables[a] if isinstance(a, int) else a for a in args]
        if not clearance(rule, inputs, params) > min_margin:
            continue
        try:
            result, local_grads = rule.apply(*inputs, *params)
        except (ArithmeticError, ValueError):
            continue  # e.g. an overflow: not a place to test derivatives
        numbers = [result, *local_grads]
        if all(math.isfinite(x) and abs(x) <= max_magnitude for x in numbers):
            return Step(rule.name, tuple(args), params), result
    return None  # nothing fits after these values: the program ends here


def split_arguments(rule: Rule, args: Sequence[float]) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """What `arguments(rule)` drew, split into the inputs and the params that follow."""
    count = len(args) - len(rule.params)
    return tuple(args[:count]), tuple(args[count:])


def _input_counts(rule: Rule) -> SearchStrategy[int]:
    """A rule's number of inputs: its arity, or 1 to 4 for a rule of any arity (sum)."""
    return st.just(rule.arity) if rule.arity is not None else st.integers(1, 4)


def _constants(variables: tuple[float, ...]) -> SearchStrategy[float]:
    """A constant for a step: a small round number, or one of the values so far
    (so that x - c can land near a kink or domain edge, which the margins then skip)."""
    return st.one_of(st.sampled_from((0.5, 2.0, -3.0, 0.1)), st.sampled_from(variables))


def _variable_numbers(newest: int) -> SearchStrategy[int]:
    """Half the time the newest variable (so programs grow deep), else any
    earlier one (so they reuse: repeats of the same variable are allowed).
    Numbers count from v0, so they stay valid when the shrinker deletes steps."""
    return st.booleans().flatmap(
        lambda anyone: st.integers(0, newest) if anyone else st.just(newest))


# --- validating arguments, the way hypothesis does ----------------------------------

def _resolve_ops(where: str, ops: Sequence[OpChoice]) -> list[Rule]:
    rules = []
    ops = checked_as(InvalidArgument, sequence, where, "ops", ops, of="op names or Rules",
                     minimum=1)
    for index, op in enumerate(ops):
        if isinstance(op, Rule):
            rule = op
        else:
            rule = RULES[checked_as(InvalidArgument, one_of, where, f"ops[{index}]", op,
                                    sorted(RULES), also="a Rule")]
        if rule.arity not in (1, 2, None):
            raise InvalidArgument(f"{where}: op {rule.name!r} has arity {rule.arity}; "
                                  f"rules take 1 or 2 inputs, or any number (None)")
        missing = [name for name in rule.params if not rule.examples.get(name)]
        if missing:
            raise InvalidArgument(f"{where}: op {rule.name!r} has no examples for its "
                                  f"parameter(s) {missing}; add examples={{...}} to its Rule")
        rules.append(rule)
    return rules


def _check_bounds(where: str, min_value: float, max_value: float) -> None:
    low = checked_as(InvalidArgument, real, where, "min_value", min_value)
    checked_as(InvalidArgument, real, where, "max_value", max_value, low=low)


def _check_positive(where: str, name: str, value: float) -> None:
    checked_as(InvalidArgument, real, where, name, value, low=0, low_open=True)

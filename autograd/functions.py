"""The operations as functions that accept Values or plain numbers.

`tanh(x)` is `x.tanh()` for a Value, so formulas read like the lecture notes:
`sigmoid(w * x + b)`. For a plain number the result is a constant node (it has
no Value inputs, so no gradient flows through it).

- one function per one-input rule that Value has as a method (exp ... gelu,
  leaky_relu, elu): made below from the table, so a new activation needs only
  its rule and its Value method;
- maximum, minimum, prelu: two inputs; sum_values: the lecture's Σ as one node;
- apply: one node from a rule function of your own.
"""

from __future__ import annotations

import inspect
import math
from typing import Any, Callable, Iterable

from . import ops
from .checks import SHOWN_LENGTH, checked_as, checked_number, function, sequence, shown, text
from .value import Operand, Value


def _unary(name: str) -> Callable[..., Value]:
    rule = ops.RULES[name]
    method = getattr(Value, name)
    defaults = [p.default for p in inspect.signature(method).parameters.values()][1:]

    def function(x: Operand, *params: float, **named: float) -> Value:
        if isinstance(x, Value):
            return method(x, *params, **named)
        # A number: the same node with no Value input (its params checked as the method does).
        probe = method(Value(0.0), *params, **named) if params or named or defaults else None
        given = tuple(probe.params.values()) if probe is not None else ()
        return _apply(name, checked_number(name, x), *given)

    function.__name__ = function.__qualname__ = name
    function.__doc__ = f"{rule.formula} for a Value or a number, as one node; {rule.derivative}."
    return function


# Every one-input rule with a Value method, as a function of its own (exp, log, ...).
UNARY = tuple(name for name, rule in ops.RULES.items()
              if rule.arity == 1 and not name.startswith("_") and callable(getattr(Value, name, None)))
globals().update({name: _unary(name) for name in UNARY})
__all__ = [*UNARY, "maximum", "minimum", "prelu", "sum_values", "apply"]


def maximum(a: Operand, b: Operand) -> Value:
    """max(a, b) as one node; at a tie each input gets half the gradient (as PyTorch)."""
    return _apply("maximum", a, b)


def minimum(a: Operand, b: Operand) -> Value:
    """min(a, b) as one node; at a tie each input gets half the gradient (as PyTorch)."""
    return _apply("minimum", a, b)


def prelu(x: Operand, slope: Operand) -> Value:
    """x if x > 0 else slope * x as one node (He et al. 2015); a Value slope is a
    parent that learns: d/dslope = 0 if x > 0 else x. At x = 0, d/dx = slope (as PyTorch)."""
    return _apply("prelu", x, slope)


def sum_values(values: Iterable[Operand]) -> Value:
    """x1 + x2 + ... + xn as ONE node (the lecture's Σ): local derivative 1 for
    every input. Raises ValueError for an empty iterable (the sum has no node)."""
    items = list(values)
    if not items:
        raise ValueError("sum_values: needs at least one value; pass a non-empty list")
    return _apply("sum", *items)


def apply(rule: ops.RuleFunction, *inputs: Operand, op: str = "") -> Value:
    """One node computed by a rule function of your own.

    `rule(*floats)` takes one float per input and returns (result,
    local_grads), a float and a tuple with one derivative per input. Raises
    ValueError when it returns anything else or the numbers are not finite,
    TypeError when an input is not a number or Value or op is not a str.
    """
    name = text("apply", "op", op) or getattr(rule, "__name__", "apply")
    where = name if len(name) <= SHOWN_LENGTH else shown(name)  # errors stay short
    if not inputs:
        raise ValueError(f"{where}: a node takes at least one input, got none")
    args, numbers = _checked_inputs(where, inputs)
    checked_as(ValueError, function, where, "rule", rule,
               "a rule function with one parameter per input", takes=len(numbers))
    data, local = checked_as(ValueError, sequence, where, "the rule's result", rule(*numbers),
                             kind=tuple, length=2, of="items: (result, local_grads)")
    local = checked_as(ValueError, sequence, where, "local_grads", local, kind=tuple,
                       length=len(args), of="numbers, one local derivative per input")
    data = checked_number(where, data)
    local = tuple(checked_number(where, g) for g in local)
    return _node(name, data, args, local)


def _apply(op: str, *args: Any) -> Value:
    """One node of the rule `op` on any number of inputs (Values or numbers).

    The rule computes the result and the local derivative for every input;
    the node keeps those of the Value inputs (its parents). A plain number
    among the inputs is a constant of the node.
    """
    numbers = [arg._data for arg in args if arg.__class__ is Value]
    if len(numbers) == len(args):  # the common case: every input is a Value, so a parent
        data, local_grads = ops.RULES[op].apply(*numbers)
        if not math.isfinite(data):
            ops.finite(op, data, *numbers)  # raises the one-line OverflowError
        return Value(data, "", op, args, args, local_grads)
    args, numbers = _checked_inputs(op, args)
    data, local_grads = ops.RULES[op].apply(*numbers)
    if not math.isfinite(data):
        ops.finite(op, data, *numbers)
    return _node(op, data, args, local_grads)


def _checked_inputs(op: str, args: tuple) -> tuple[tuple, list]:
    """The inputs with every plain number checked (a one-line error naming `op`),
    and the numbers the rule computes with (each Value's data, each number)."""
    args = tuple(arg if isinstance(arg, Value) else checked_number(op, arg, keep_int=True)
                 for arg in args)
    return args, [arg._data if isinstance(arg, Value) else arg for arg in args]


def _node(op: str, data: float, args: tuple, local_grads: tuple) -> Value:
    """The node of `op` on `args` (one local derivative per input): its parents
    are the Value inputs, each kept with its local derivative."""
    parents = tuple(arg for arg in args if isinstance(arg, Value))
    if len(parents) == len(args):  # all inputs are Values: one tuple serves as both
        return Value(data, "", op, args, args, local_grads)
    kept = tuple(float(g) for arg, g in zip(args, local_grads) if isinstance(arg, Value))
    return Value(data, "", op, args, parents, kept)

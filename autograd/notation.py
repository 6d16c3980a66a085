"""How nodes, numbers and operations are written in tapes and diagrams.

The tape (`trace.py`) and the diagrams (`autograd.draw`) must agree on
what to call each node, or a student cannot match a line of the tape to a box
in the picture. This module is that shared notation:

- `node_names`: a short stable name per node, its label when that is a usable
  unique name, else `v<i>` with i the node's position in the engine's
  topological order (which depends only on the graph, so names are stable);
- `format_number`: numbers as `6.0`, `-0.7071`, `1.235e+04`;
- `op_symbol`, `expression`: how an operation reads (`** 2`, `v1 * v2`);
- `local_formula`: the symbolic local derivative along one edge (`v2` for
  the first input of `v1 * v2`, `1 - v3**2` for `v3 = tanh(v1)`).
"""

from __future__ import annotations

import math
import re
from typing import Iterable, Mapping

from .checks import count
from .ops import RULES
from .value import Value

_GENERATED = re.compile(r"v\d+")
_MAX_NAME_LENGTH = 40
_NOISE = 1e-12  # relative difference below which a round value is float noise


def node_names(nodes: Iterable[Value]) -> dict[Value, str]:
    """A name for each node: its label if usable and unique, else v<position>.

    `nodes` should come from `topological_order(root)`, whose order depends
    only on the graph's shape, so that the same graph always gets the same names.
    """
    ordered = list(nodes)
    label_counts: dict[str, int] = {}
    for node in ordered:
        label_counts[node.label] = label_counts.get(node.label, 0) + 1
    names: dict[Value, str] = {}
    for position, node in enumerate(ordered):
        label = node.label
        if _usable_label(label) and label_counts[label] == 1:
            names[node] = label
        else:
            names[node] = f"v{position}"
    return names


def _usable_label(label: str) -> bool:
    """A label works as a name in a tape when it is one short printable word."""
    return (0 < len(label) <= _MAX_NAME_LENGTH and label.isprintable()
            and not any(ch.isspace() for ch in label)
            and _GENERATED.fullmatch(label) is None)


def format_number(x: float, digits: int = 4) -> str:
    """A float for people: 6.0, -0.7071, 1.235e+04, rounded to `digits` (1 to 17)
    significant digits, and never shown as a rounder number than it is.

    Rule: the number is written with `%.{digits}g` (Python's own rounding). A text
    that does not read back as the number passes for a rounder number when
    - it shows fewer than `digits` significant digits once its trailing zeros are
      gone (0.99999876 -> "1", 2.50001 -> "2.5", 10000.4 -> "1e+04" at 4 digits), or
    - it reads as a whole number: no point and no exponent (1127.5 -> "1128" at
      4 digits, 0.96875 -> "1" at 1 digit), whatever its count of digits.
    An exponent form shows its digits only ("1e+04" at 1 digit) and never reads as
    whole. A rounder text is replaced by the first of up to 3 more digits that is
    not rounder ("0.999999", "2.50001", "1127.5", "2024.8" for 2024.75). If none is,
    a number within a relative 1e-12 of the round value (the noise of float
    arithmetic, 0.4999999999999998) is written "\u22480.5"; any other is written as
    the round value plus or minus the difference, with 3 digits, or more while 3
    would read as a whole number the difference is not ("1.0 - 1.24e-06",
    "1127.0 + 0.000113", "1e+10 + 123.4"). A text that reads as a whole number gets
    ".0" (6 -> "6.0") so it reads as a float; outside the "\u2248" and plus-or-minus
    forms, such a text is the number itself. The page's JavaScript (draw/rules.js,
    formatNumber) follows the same rule; tests/draw/test_explorer_rules.py
    compares the two.

    Raises TypeError when `digits` is not a whole number, ValueError when it is
    outside 1 to 17.
    """
    count("format_number", "digits", digits, minimum=1, maximum=17)
    x = float(x)
    if not math.isfinite(x):
        return str(x)
    text = _first_honest(x, digits, range(digits, min(digits + 3, 17) + 1))
    if _rounder(text, x, digits):
        rounded = f"{x:.{digits}g}"
        if abs(x - float(rounded)) <= _NOISE * abs(x):
            return "\u2248" + _with_point(rounded)  # float rounding noise: ≈0.5
        difference = x - float(rounded)
        sign = "+" if difference > 0 else "-"
        shown = _first_honest(abs(difference), 1, range(3, 18))  # 17 digits read back
        return f"{_with_point(rounded)} {sign} {shown}"
    return _with_point(text)


def format_operand(x: float, digits: int = 4) -> str:
    """format_number(x) as an operand of arithmetic on a tape: a 'round value +
    difference' text ("1.0 - 1.24e-06") goes in brackets, so that
    "(1.0 - 1.24e-06) * -1.0" does not read as other arithmetic."""
    text = format_number(x, digits)
    return f"({text})" if " " in text else text


def _first_honest(x: float, digits: int, widths: range) -> str:
    """'%.{p}g' of x for the first p of `widths` whose text is not rounder than x
    at `digits` (see _rounder); the text of the last p if none is."""
    for width in widths:
        text = f"{x:.{width}g}"
        if not _rounder(text, x, digits):
            break
    return text


def _rounder(text: str, x: float, digits: int) -> bool:
    """Whether '%g' text of x would pass for a rounder number than x: it does not
    read back as x, and shows fewer than `digits` significant digits or reads as
    a whole number (then x is not whole: a whole x is written exactly)."""
    if float(text) == x:
        return False
    return _significant(text) < digits or _reads_whole(text)


def _significant(text: str) -> int:
    """How many significant digits '%g' text shows: '0.0120' -> 2, '1e+05' -> 1."""
    mantissa = text.lstrip("-").split("e")[0].replace(".", "")
    return len(mantissa.strip("0")) or 1


def _reads_whole(text: str) -> bool:
    """'1128', '-0': a '%g' text with no point and no exponent reads as a whole number."""
    return text.lstrip("-").isdigit()


def _with_point(text: str) -> str:
    """'6' -> '6.0', '-0' -> '-0.0': a whole number still reads as a float."""
    if _reads_whole(text):
        return text + ".0"
    return text


def format_param(value: float) -> str:
    """An op parameter: integers stay integers (the 2 in x ** 2)."""
    if isinstance(value, int):
        return str(value)
    return format_number(value, digits=6)


# --- how operations read: all from the rule table ------------------------------

def _shown_inputs(node: Value, names: Mapping[Value, str]) -> list[str]:
    """Each input as the tape writes it: a Value's name, or a constant's number."""
    return [names[arg] if isinstance(arg, Value) else format_param(arg)
            for arg in node.inputs]


def _placeholders(node: Value, names: Mapping[Value, str]) -> dict[str, str]:
    """{x}, {y}: the inputs; {out}: the node itself; and the params by name."""
    shown = _shown_inputs(node, names)
    fields = {"x": shown[0] if shown else "", "y": shown[1] if len(shown) > 1 else "",
              "out": names.get(node, "out")}
    fields.update({name: format_param(value) for name, value in node.params.items()})
    return fields


def expression(node: Value, names: Mapping[Value, str]) -> str:
    """The right-hand side of a forward tape line: 'v1 * v2', 'w * 0.5', 'tanh(v3)'."""
    rule = RULES.get(node.op)
    shown = _shown_inputs(node, names)
    if rule is None:  # a rule of the user's own, through autograd.apply
        return f"{node.op}({', '.join(shown)})"
    if rule.infix:
        return f" {rule.infix} ".join(shown)
    if rule.template:
        return rule.template.format(**_placeholders(node, names))
    params = [f"{name}={format_param(value)}" for name, value in node.params.items()]
    return f"{node.op}({', '.join(shown + params)})"


def op_symbol(node: Value) -> str:
    """The text of an operation's box in a diagram: '+', '* 0.5', '2 -', '** 2', 'tanh'.

    A constant of the node is shown in its place: `w * 0.5` is '* 0.5' and
    `2 - x` is '2 -'; params follow the name ('leaky_relu alpha=0.01').
    """
    rule = RULES.get(node.op)
    if rule is None:
        return node.op
    if rule.infix:
        constants = [format_param(arg) if not isinstance(arg, Value) else ""
                     for arg in node.inputs]
        if not any(constants):
            return rule.symbol
        if rule.arity is None:  # sum: 'Σ + 3'
            return " + ".join([rule.symbol] + [c for c in constants if c])
        return f" {rule.infix} ".join(constants).strip()
    symbol = rule.symbol.format(**{name: format_param(value)
                                   for name, value in node.params.items()})
    if symbol != rule.symbol or not node.params:
        return symbol
    return f"{symbol} " + " ".join(f"{name}={format_param(value)}"
                                   for name, value in node.params.items())


def local_formula(node: Value, slot: int, names: Mapping[Value, str]) -> str:
    """d(node)/d(node.parents[slot]) as a formula in the nodes' names, from the
    rule's `local` templates ('v2' for the first input of `v1 * v2`,
    '1 - v3**2' for `v3 = tanh(v1)`)."""
    rule = RULES.get(node.op)
    if rule is None:  # a rule of the user's own, through autograd.apply
        return f"d{names[node]}/d{names[node.parents[slot]]}"
    if rule.arity is None:  # one template for every input (sum)
        template = rule.local[0]
    else:  # the template of the input this parent is (constants are inputs too)
        template = rule.local[[i for i, arg in enumerate(node.inputs)
                               if isinstance(arg, Value)][slot]]
    fields = _placeholders(node, names)
    return template(fields) if callable(template) else template.format(**fields)

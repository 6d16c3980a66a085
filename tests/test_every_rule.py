"""Every rule of the table is complete: it can be reached, written and checked.

Adding an operation takes the rule (in autograd/ops.py or activations.py,
with its notation) plus two small edits: a Value method (autograd/value.py)
and a row of by-hand formulas (tests/core/test_ops.py). The module-level
function, the command's whitelist and --help list, and the tape's notation
are read from the table. Each test here names the file to edit when a piece
is missing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import autograd
from autograd import RULES, Value, functions
from autograd.cli.whitelist import FUNCTIONS
from autograd.notation import expression, local_formula, node_names, op_symbol

ROOT = Path(autograd.__file__).parent.parent
# Rules written with Python's operators rather than a method or function of their name.
OPERATORS = {"add": "__add__", "sub": "__sub__", "mul": "__mul__", "div": "__truediv__",
             "neg": "__neg__", "abs": "__abs__", "pow": "__pow__", "vpow": "__pow__",
             "rpow": "__rpow__"}
# Rules with more than one input that are functions, not methods.
FUNCTIONS_ONLY = {"maximum": "maximum", "minimum": "minimum", "sum": "sum_values"}


@pytest.mark.parametrize("name", sorted(RULES))
def test_every_rule_has_a_value_method_or_operator(name: str) -> None:
    method = OPERATORS.get(name, name)
    assert name in FUNCTIONS_ONLY or callable(getattr(Value, method, None)), (
        f"{name}: add a method `def {name}(self)` to autograd/value.py (one line: "
        f"return _unary({name!r}, activations.{name}, self), or ops.{name})")


@pytest.mark.parametrize("name", sorted(RULES))
def test_every_rule_has_a_function(name: str) -> None:
    function = FUNCTIONS_ONLY.get(name, name)
    assert name in OPERATORS or callable(getattr(functions, function, None)), (
        f"{name}: autograd/functions.py makes a function for every one-input rule with a "
        f"Value method; add the method to autograd/value.py")


@pytest.mark.parametrize("name", sorted(RULES))
def test_every_rule_has_a_parser_entry(name: str) -> None:
    assert name in OPERATORS or name == "sum" or name in FUNCTIONS, (
        f"{name}: autograd/cli/whitelist.py reads FUNCTIONS from autograd.functions; "
        f"make sure {name} is a function there")


@pytest.mark.parametrize("name", sorted(RULES))
def test_every_rule_has_a_by_hand_row(name: str) -> None:
    source = (ROOT / "tests" / "core" / "test_ops.py").read_text()
    for table in ("MATH_FORWARD", "MATH_DERIVATIVE"):
        body = source[source.index(f"{table} = {{"):]
        body = body[:body.index("\n}\n")]
        assert f'"{name}":' in body, (
            f"{name}: add its formula, written by hand with math, to {table} in "
            f"tests/core/test_ops.py")


@pytest.mark.parametrize("name", sorted(RULES))
def test_every_rule_has_a_tape_notation(name: str) -> None:
    rule = RULES[name]
    assert len(rule.local) == (rule.arity or 1), (
        f"{name}: give @rule(..., local=...) one derivative template per input in "
        f"autograd/ops.py or autograd/activations.py")
    inputs = {1: (0.7,), 2: (0.7, 1.9), None: (0.7, 1.9, -0.4)}[rule.arity]
    params = tuple(rule.examples[param][0] for param in rule.params)
    leaves = [Value(x, label=f"x{i}") for i, x in enumerate(inputs)]
    node = autograd.functions._apply(name, *leaves, *params)
    names = node_names(autograd.topological_order(node))
    texts = [expression(node, names), op_symbol(node)]
    texts += [local_formula(node, slot, names) for slot in range(len(node.parents))]
    for text in texts:
        assert text and "{" not in text and "}" not in text, (
            f"{name}: the notation {text!r} is incomplete; check local=, template= and "
            f"symbol= of its @rule in autograd/ops.py or autograd/activations.py")


def test_the_readme_lists_every_function_of_the_command() -> None:
    readme = (ROOT / "README.md").read_text()
    listed = re.search(r"engine's functions \(`([^`]*)`\)", readme)
    assert listed, "README.md: the command section lists the functions as (`exp log ...`)"
    assert listed.group(1).split() == list(FUNCTIONS), (
        f"README.md: list the command's functions as `{' '.join(FUNCTIONS)}`")

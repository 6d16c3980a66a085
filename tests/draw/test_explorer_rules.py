"""The page's JavaScript rule table (autograd/draw/rules.js) against Python's RULES.

In real Chromium, every rule of RULES is evaluated by both at hundreds of points:
inside its domain (kept away from its kinks) the value and every local derivative
agree to a relative 1e-12; at its kinks both follow the same convention; over a
wide range of magnitudes, an input Python refuses is refused by the page with the
same one-line message (never NaN). A rule in RULES without a JavaScript twin fails
the first test: that is how the page's table is kept in step with RULES. The
page's formatNumber writes every number as format_number does: chosen ones, and
those the property test of format_number draws.
"""

from __future__ import annotations

import math
import random
import struct

import pytest
from hypothesis import given
from hypothesis import strategies as st

from autograd import RULES, Value, sum_values
from autograd.notation import format_number
from support_tools import chromium_page, shown_numbers

RELATIVE = 1e-12


@pytest.fixture(scope="module")
def page():
    from autograd.draw.assets import RULES_SCRIPT
    with chromium_page() as opened:
        opened.add_script_tag(content=RULES_SCRIPT)
        yield opened


def params_of(rule, rng):
    return {name: rng.choice(rule.examples[name]) for name in rule.params}


def input_counts(rule):
    """How many inputs to test the rule with: its arity, or 1 to 4 for an n-ary rule (sum)."""
    return [rule.arity] if rule.arity is not None else [1, 2, 3, 4]


def inside(rule, rng, count, arity):
    """`count` argument tuples (inputs, params) inside the rule's domain, off its kinks."""
    points = []
    while len(points) < count:
        params = params_of(rule, rng)
        inputs = [rng.uniform(-10, 10) for _ in range(arity)]
        every = (*inputs, *params.values())
        if rule.domain.margin(*every) > 1e-3 and (rule.kinks is None
                                                   or rule.kinks.margin(*every) > 1e-3):
            points.append((inputs, params))
    return points


def wide(rule, rng, count, arity):
    """Inputs of every magnitude and sign, zeros included: many outside the domain."""
    points = []
    for _ in range(count):
        inputs = [rng.choice([-1, 1]) * 10 ** rng.uniform(-320, 308) if rng.random() < 0.9
                  else rng.choice([0.0, -0.0, 1.0, -1.0]) for _ in range(arity)]
        points.append((inputs, params_of(rule, rng)))
    return points


def on_kinks(rule, rng):
    """Inputs exactly on the kink: x = 0 for one input, a = b for two."""
    if rule.kinks is None:
        return []
    return [([0.0] * rule.arity if rule.arity == 1 else [v, v], params_of(rule, rng))
            for v in (0.0, 1.5, -2.0)]


def python(rule, inputs, params):
    try:
        value, local = rule.apply(*inputs, *params.values())
    except (ValueError, ArithmeticError) as error:
        return {"error": str(error)}
    return {"value": value, "locals": list(local)}


def javascript(page, name, points):
    return page.evaluate("""([name, points]) => points.map(([args, params]) => {
        try { const [value, locals] = window.chainruleRules.forward(name, args, params);
              return {value, locals}; }
        catch (error) { return {error: error.message}; } })""", [name, points])


def close(js, py):
    if py == js:
        return True
    return abs(js - py) <= RELATIVE * abs(py)


def test_every_rule_of_python_has_a_javascript_twin(page):
    names = page.evaluate("window.chainruleRules.names")
    missing = sorted(set(RULES) - set(names))
    assert missing == [], (f"rules.js lacks {missing}: add them to RULES in "
                           f"autograd/draw/rules.js")


@pytest.mark.parametrize("name", sorted(RULES))
def test_the_javascript_rule_agrees_with_python(page, name):
    rule = RULES[name]
    rng = random.Random(name)
    points = on_kinks(rule, rng)
    for arity in input_counts(rule):
        points += inside(rule, rng, 300, arity) + wide(rule, rng, 150, arity)
    results = javascript(page, name, points)
    if rule.arity is None:  # every count of inputs was tried
        assert {len(inputs) for inputs, _ in points} == {1, 2, 3, 4}
    refused = 0
    for (inputs, params), js in zip(points, results):
        py = python(rule, inputs, params)
        where = f"{name}{tuple(inputs)} {params}"
        if "error" in py:
            refused += 1
            assert js == py, where
            continue
        assert "error" not in js, f"{where}: the page refused it: {js['error']}"
        assert close(js["value"], py["value"]), (where, js, py)
        assert len(js["locals"]) == len(py["locals"]), where
        for mine, theirs in zip(js["locals"], py["locals"]):
            assert close(mine, theirs), (where, js, py)
    if rule.domain.text != "all real inputs":
        assert refused > 0  # the wide points reached outside the domain


@pytest.mark.parametrize("build, name, args", [
    (lambda a, b: a + b, "add", [1e308, 1e308]),
    (lambda a, b: a * b, "mul", [-1e200, 1e200]),
    (lambda a, b: a - b, "sub", [-1e308, 1e308]),
    (lambda *xs: sum_values(xs), "sum", [1e308, 5e307, 1e308]),
])
def test_an_overflowing_node_is_refused_with_the_message_of_a_value(page, build, name, args):
    with pytest.raises(OverflowError) as python_error:
        build(*[Value(x) for x in args])
    message = page.evaluate("""([name, args]) => {
        try { window.chainruleRules.checked(name, args, {}); return null; }
        catch (error) { return error.message; } }""", [name, args])
    assert message == str(python_error.value)


def written_by_the_page(page, numbers, digits):
    """rules.js's formatNumber of each number, with `digits`."""
    return page.evaluate("([numbers, digits]) => numbers.map(x => "
                         "window.chainruleRules.formatNumber(x, digits))", [numbers, digits])


def test_the_page_writes_numbers_as_python_does(page):
    rng = random.Random(7)
    numbers = [0.99999876, 0.4999999999999998, 0.125, 0.375, 2.5, 1234.5, 1e16, 1e-5,
               123456789012345.6, -0.0, 0.0, 0.1 + 0.2, 99999.5, 9.9999, 1e300, 5e-324,
               1127.5, -1127.5, 1127.4, 2024.75, 12345.4, 1127.0001127, 1127.9999999999998,
               12.25, 9.99996, 1234567890123456.5, 1.5, 0.96875, 1 - 0.99999876, 9999.6,
               10000.4, 10000000123.4]
    numbers += [struct.unpack("d", struct.pack("Q", rng.getrandbits(64)))[0]
                for _ in range(300)]
    numbers += [rng.choice([-1, 1]) * 10 ** rng.uniform(-8, 8) for _ in range(300)]
    numbers += [round(rng.uniform(-100, 100), rng.randint(0, 4)) for _ in range(300)]
    numbers = [x for x in numbers if math.isfinite(x)]
    for digits in (1, 2, 4, 5, 6, 12, 16, 17):
        assert written_by_the_page(page, numbers, digits) == [format_number(x, digits)
                                                              for x in numbers], digits
    assert page.evaluate("([numbers]) => numbers.map(window.chainruleRules.repr)",
                         [numbers]) == [repr(x) for x in numbers]


@given(st.lists(shown_numbers(), min_size=1, max_size=50), st.integers(1, 17))
def test_the_page_writes_generated_numbers_as_python_does(page, numbers, digits):
    """The numbers of the property test of format_number (tests/core/test_numbers.py)."""
    assert written_by_the_page(page, numbers, digits) == [format_number(x, digits)
                                                          for x in numbers]

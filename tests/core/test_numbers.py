"""Numbers on tapes and diagrams: `format_number` and the `digits=` option.

The rule (autograd.notation.format_number): a rounded number is never shown as
a rounder number than it is. Expected texts here are written by hand.
"""

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from autograd import Value
from autograd.notation import format_number
from autograd.trace import record
from support_tools import shown_numbers


@pytest.mark.parametrize("x, digits, shown", [
    (6.0, 4, "6.0"), (-0.0, 4, "-0.0"), (0.1, 4, "0.1"), (1 / 3, 4, "0.3333"),
    (-0.7071067811865476, 4, "-0.7071"), (12345.0, 4, "1.234e+04"), (1e-20, 4, "1e-20"),
    (0.125, 2, "0.12"),  # Python's rounding, half to even
    (0.99999876, 4, "0.999999"),  # "1.0" would be a lie; 6 digits are honest
    (0.99999876, 7, "0.9999988"),
    (0.99999876, 2, "1.0 - 1.24e-06"),  # 5 digits do not help: the difference is written
    (2.50001, 4, "2.50001"),
    (0.4999999999999998, 4, "\u22480.5"),  # float noise next to a round value
    (1.0000000000000002, 4, "\u22481.0"),
    (0.2 + 0.1, 4, "\u22480.3"),
    (0.25, 1, "0.2"), (0.75, 1, "0.8"), (float("inf"), 4, "inf"),
    # a text without a point or an exponent reads as a whole number: "1128" (then
    # "1128.0") is not 1127.5 even though it has the 4 digits asked for
    (1127.5, 4, "1127.5"), (-1127.5, 4, "-1127.5"), (1127.4, 4, "1127.4"),
    (2024.75, 4, "2024.8"), (12345.4, 5, "12345.4"), (1127.0, 4, "1127.0"),
    (1127.0001127, 4, "1127.0 + 0.000113"), (1127.9999999999998, 4, "\u22481128.0"),
    (12.5, 2, "12.5"), (12.25, 2, "12.2"), (9.99996, 2, "10.0 - 4e-05"),
    (1234567890123456.5, 16, "1234567890123456.5"),
    (1.5, 1, "1.5"), (2.5, 1, "2.5"), (-0.5, 1, "-0.5"), (3.0, 1, "3.0"),
    (0.99999876, 1, "1.0 - 1.24e-06"), (-0.99999876, 1, "-1.0 + 1.24e-06"),
    (1 - 0.99999876, 1, "1e-06"),
    # an exponent form shows its digits only: rounded to them, never read as whole
    (12.5, 1, "1e+01"), (9999.6, 1, "1e+04"), (10000.4, 1, "1e+04"),
    (9999.6, 2, "9999.6"), (9999.6, 4, "9999.6"), (10000.4, 4, "10000.4"),
    (10000.4, 2, "1e+04 + 0.4"),
    # the difference is not shown as a whole number it is not either
    (10000000123.4, 4, "1e+10 + 123.4"),
    (5e-324, 4, "4.941e-324"), (5e-324, 1, "5e-324"),  # reads back as the subnormal
])
def test_format_number_never_rounds_to_a_rounder_number(x, digits, shown):
    assert format_number(x, digits) == shown


def reads_whole(text):
    """'1128', '-3' and '1128.0' read as whole numbers; '1.128e+03' and '0.5' do not."""
    return re.fullmatch(r"-?\d+(\.0)?", text) is not None


def significant_digits(text):
    """The significant digits a plain or exponent text shows: '0.00120' -> 2, '1e+04' -> 1."""
    mantissa = text.lstrip("-").split("e")[0].replace(".", "")
    return len(mantissa.strip("0")) or 1


@given(shown_numbers(), st.integers(1, 17))
def test_a_shown_number_is_exact_or_shows_its_digits_and_is_not_read_as_whole(x, digits):
    text = format_number(x, digits)
    if text.startswith("\u2248"):  # float noise next to a round value
        assert abs(float(text[1:]) - x) <= 1e-12 * abs(x), text
        return
    parts = re.fullmatch(r"(\S+) ([+-]) (\S+)", text)
    if parts:  # the round value plus or minus the difference
        rounded, sign, difference = parts.groups()
        assert float(rounded) != x, text
        if reads_whole(difference):
            assert float(difference) == abs(x - float(rounded)), text
        # the difference has 3 significant digits: off by at most half its last one
        error = abs(float(rounded) + float(sign + difference) - x)
        assert error <= 0.005 * float(difference) + 4 * math.ulp(x), text
        return
    if float(text) != x:
        assert not reads_whole(text), text
        assert significant_digits(text) >= digits, text


@pytest.mark.parametrize("digits", [0, 18, 2.0, True, "4"])
def test_format_number_refuses_a_digit_count_outside_1_to_17(digits):
    with pytest.raises((TypeError, ValueError), match=r"^format_number: digits=.* use a whole number in \[1, 17\]$"):
        format_number(1.0, digits)


def sigmoid_neuron():
    """A saturated neuron: a = sigmoid(13.6) = 0.99999875951, a(1 - a) = 1.24049e-06."""
    z = Value(13.6, "z")
    a = z.sigmoid()
    a.label = "a"
    return a


def test_a_saturated_sigmoid_is_not_shown_as_one():
    trace = record(sigmoid_neuron())
    assert trace.forward[-1].line() == "a = sigmoid(z) = 0.999999"
    assert trace.step_lines()[1].endswith("= 1.0 * 1.2405e-06 -> 1.2405e-06")


def test_digits_reach_every_format_of_the_tape():
    trace = record(sigmoid_neuron())
    assert "a = sigmoid(z) = 0.9999987595" in trace.text(digits=10)
    assert "0.9999987595" in trace.markdown(digits=10)
    assert "0.9999987595" in trace.html(digits=10)
    assert trace.step_lines(digits=3)[1] == "da/dz += da/da * (a*(1 - a)) = 1.0 * 1.24e-06 -> 1.24e-06"
    assert trace.backward[0].cells(digits=2)[4] == "a*(1 - a) = 1.2e-06"
    assert trace.forward[-1].line(digits=2) == "a = sigmoid(z) = 1.0 - 1.24e-06"


def test_the_tape_names_the_output_as_the_user_did():
    x, y = Value(2.0, "x"), Value(3.0, "y")
    f = x * y
    f.label = "f"
    trace = record(f)
    assert trace.loss == "f"
    assert trace.step_lines()[1] == "df/dx += df/df * y = 1.0 * 3.0 -> 3.0"
    assert "df/dnode" in trace.markdown() and "df/dnode" in trace.html()
    unnamed = record(x * y)
    assert unnamed.loss == "L"
    assert unnamed.step_lines()[1].startswith("dL/dx += dL/dv2")

"""Numbers on tapes and diagrams: `format_number` and the `digits=` option.

The rule (autograd.notation.format_number): a rounded number is never shown as
a rounder number than it is. Expected texts here are written by hand.
"""

import pytest

from autograd import Value
from autograd.notation import format_number
from autograd.trace import record


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
])
def test_format_number_never_rounds_to_a_rounder_number(x, digits, shown):
    assert format_number(x, digits) == shown


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

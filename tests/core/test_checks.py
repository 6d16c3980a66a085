"""Tests for autograd/checks.py: each check accepts and refuses what it should, in one
short line, whatever it is given.

The expected outcome of every generated argument is worked out here from Python
itself (float() and math.isfinite for numbers, type() for the rest), never by
asking the checks.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from autograd.checks import (checked_as, checked_label, checked_number, count, instance,
                             message, one_of, real, sequence, shown, text)

MEGABYTE = "x" * 10 ** 6
LONGEST_MESSAGE = 300  # characters: what any check may say, whatever it was given

# Anything a user might pass where a number, a count, a name or text is expected.
anything = st.one_of(
    st.integers(),
    st.integers(min_value=2 ** 1020, max_value=2 ** 1100).map(lambda n: n * (-1) ** (n % 2)),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.text(max_size=200),
    st.binary(max_size=20),
    st.lists(st.integers(), max_size=10),
    st.tuples(st.floats(), st.floats()),
    st.sampled_from([MEGABYTE, 10 ** 5000, [MEGABYTE] * 3, {"key": MEGABYTE}]),
)
bounds = st.one_of(st.none(), st.floats(-1e6, 1e6), st.integers(-10 ** 6, 10 ** 6))


def _is_number(x: object) -> bool:
    return type(x) in (int, float)  # the types generated above; bool is its own type


def _fits_a_float(x: int | float) -> bool:
    try:
        return math.isfinite(float(x))
    except OverflowError:
        return False


def _inside(x: float, low: float | None, high: float | None, low_open: bool,
            high_open: bool) -> bool:
    if low is not None and (x < low or (low_open and x == low)):
        return False
    return high is None or not (x > high or (high_open and x == high))


def _assert_one_short_line(error: BaseException) -> str:
    text_ = str(error)
    assert len(text_.splitlines()) == 1, text_
    assert len(text_) < LONGEST_MESSAGE, text_[:400]
    return text_


@given(anything, bounds, bounds, st.booleans(), st.booleans())
def test_real_accepts_exactly_finite_numbers_within_the_bounds(x, low, high, low_open,
                                                                high_open):
    if not _is_number(x):
        expected = TypeError
    elif not _fits_a_float(x):
        expected = ValueError
    elif not _inside(float(x), low, high, low_open, high_open):
        expected = ValueError
    else:
        expected = None
    options = dict(low=low, high=high, low_open=low_open, high_open=high_open)
    if expected is None:
        result = real("f", "x", x, **options)
        assert type(result) is float and result == float(x)
        return
    with pytest.raises(expected) as error:
        real("f", "x", x, **options)
    said = _assert_one_short_line(error.value)
    assert said.startswith("f: x=") and "; use a finite number" in said


@given(anything, st.one_of(st.none(), st.integers(-100, 100)),
       st.one_of(st.none(), st.integers(-100, 100)))
def test_count_accepts_exactly_ints_within_the_bounds(x, minimum, maximum):
    if type(x) is not int:
        expected = TypeError  # a bool, a float (even 2.0), text, None, a list
    elif (minimum is not None and x < minimum) or (maximum is not None and x > maximum):
        expected = ValueError
    else:
        expected = None
    if expected is None:
        assert count("f", "n", x, minimum=minimum, maximum=maximum) == x
        return
    with pytest.raises(expected) as error:
        count("f", "n", x, minimum=minimum, maximum=maximum)
    said = _assert_one_short_line(error.value)
    assert said.startswith("f: n=") and "; use a whole number" in said


@given(anything)
def test_optional_means_none_is_accepted_and_said(x):
    assert real("f", "x", None, optional=True) is None
    assert count("f", "n", None, optional=True) is None
    if x is not None and type(x) is not int:
        with pytest.raises(TypeError, match="; use a whole number or None$"):
            count("f", "n", x, minimum=None, optional=True)


CHOICES = ("relu", "tanh", "linear")


@given(st.one_of(anything, st.sampled_from(CHOICES)))
def test_one_of_returns_a_choice_or_lists_them_all(x):
    if type(x) is str and x in CHOICES:
        assert one_of("f", "activation", x, CHOICES) == x
        return
    with pytest.raises(ValueError) as error:
        one_of("f", "activation", x, CHOICES)
    said = _assert_one_short_line(error.value)
    assert said.startswith("f: activation=")
    assert said.endswith("; use one of 'relu', 'tanh', 'linear'")


def test_one_of_suggests_the_closest_name_and_what_else_works():
    with pytest.raises(ValueError) as error:
        one_of("MLP", "init", "Xavier", ("uniform", "xavier"), also="a finite number")
    assert str(error.value) == ("MLP: init='Xavier' is unknown (did you mean 'xavier'?); use one "
                                "of 'uniform', 'xavier', or a finite number")


@given(anything)
def test_text_accepts_exactly_str(x):
    if type(x) is str:
        assert text("f", "label", x) is x
        return
    with pytest.raises(TypeError) as error:
        text("f", "label", x)
    assert _assert_one_short_line(error.value).endswith(", not text; use a str")


@given(anything, st.one_of(st.none(), st.integers(0, 4)))
def test_sequence_accepts_lists_and_tuples_of_the_right_length(x, length):
    if type(x) not in (list, tuple):
        expected = TypeError  # text and bytes are sequences, but never a list of numbers
    elif length is not None and len(x) != length:
        expected = ValueError
    else:
        expected = None
    if expected is None:
        assert sequence("f", "xs", x, length=length) == list(x)
        return
    with pytest.raises(expected) as error:
        sequence("f", "xs", x, length=length)
    assert "; use a list of" in _assert_one_short_line(error.value)


@given(anything, st.integers(0, 4))
def test_sequence_of_kind_tuple_accepts_exactly_tuples(x, length):
    if type(x) is not tuple:
        expected = TypeError  # a list will not do where a rule function returns a tuple
    elif len(x) != length:
        expected = ValueError
    else:
        expected = None
    if expected is None:
        assert sequence("f", "pair", x, kind=tuple, length=length) == list(x)
        return
    with pytest.raises(expected) as error:
        sequence("f", "pair", x, kind=tuple, length=length)
    assert f"; use a tuple of {length} numbers" in _assert_one_short_line(error.value)


def test_sequence_of_kind_tuple_says_tuple_not_list():
    with pytest.raises(TypeError) as error:
        sequence("f", "pair", [1.0, 2.0], kind=tuple, length=2, of="items")
    assert str(error.value) == "f: pair=[1.0, 2.0] is a list, not a tuple; use a tuple of 2 items"


def test_instance_names_what_was_given_and_what_would_work():
    assert instance("draw", "root", 2.0, float, "a float") == 2.0
    with pytest.raises(TypeError) as error:
        instance("draw", "root", [1] * 10 ** 5, (int, float), "the Value to draw")
    assert str(error.value) == ("draw: root=[1, 1, 1, 1, 1, 1, ...] is a list, not an int or "
                                "float; use the Value to draw")


def test_checked_as_turns_the_error_into_the_layers_own_type():
    class LayerError(Exception):
        pass

    with pytest.raises(LayerError, match="^f: n=0 is out of range; use a whole number >= 1$"):
        checked_as(LayerError, count, "f", "n", 0, minimum=1)
    assert checked_as(LayerError, count, "f", "n", 3, minimum=1) == 3


def test_a_message_without_where_leaves_the_context_to_the_caller():
    assert message("", "nin", 0, "out of range", "a whole number >= 1") == \
        "nin=0 is out of range; use a whole number >= 1"


# --- shown: the value in a message -------------------------------------------------------


class _ManyLines:
    def __repr__(self) -> str:
        return "first\nsecond\r\nthird" + "!" * 10 ** 6


class _BrokenRepr:
    def __repr__(self) -> str:
        raise RuntimeError("no repr for you")


@pytest.mark.parametrize("x, expected", [
    (0.1, "0.1"),
    (-3, "-3"),
    (None, "None"),
    (True, "True"),
    ("relu", "'relu'"),
    ([1, 2], "[1, 2]"),
    (float("nan"), "nan"),
    ("x" * 58, repr("x" * 58)),  # 60 characters with the quotes: whole
])
def test_short_values_are_shown_as_their_repr(x, expected):
    assert shown(x) == expected


@pytest.mark.parametrize("x", [MEGABYTE, MEGABYTE.encode(), 10 ** 5000, -(10 ** 400),
                               [MEGABYTE] * 1000, {MEGABYTE: MEGABYTE}, (MEGABYTE,) * 7,
                               _ManyLines(), _BrokenRepr(), list(range(10 ** 5))],
                         ids=["1 MB str", "1 MB bytes", "10**5000", "-10**400", "list of str",
                              "dict", "tuple", "many lines", "broken repr", "long list"])
def test_any_value_is_shown_in_one_short_line(x):
    said = shown(x)
    assert len(said.splitlines()) == 1
    assert len(said) <= 150


def test_a_cut_string_says_how_long_it_was():
    said = shown("ab" * 500)
    assert said.startswith("'ababab") and said.endswith("babab' (1,000 characters)")
    assert "..." in said and len(said) < 90
    assert shown(10 ** 400) == "<int of 1329 bits>"  # Python refuses to print > 4300 digits
    assert shown(_BrokenRepr()).startswith("<_BrokenRepr instance at")


# --- the checks the engine already had keep working, with bounded messages ----------------


def test_checked_number_and_label_keep_their_behaviour_and_shorten_the_value():
    assert checked_number("Value", 3) == 3.0 and checked_number("pow", 3, keep_int=True) == 3
    with pytest.raises(TypeError) as error:
        checked_number("Value", MEGABYTE)
    assert str(error.value).startswith("Value: expected an int or float, got str 'xxx")
    _assert_one_short_line(error.value)
    with pytest.raises(OverflowError, match="^Value: an integer of 1329 bits is too large"):
        checked_number("Value", 10 ** 400)
    with pytest.raises(TypeError) as error:
        checked_label([MEGABYTE] * 10)
    assert str(error.value).startswith("label: expected a str, got list ['xxx")
    _assert_one_short_line(error.value)


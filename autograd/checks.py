"""The one vocabulary of argument checks: a number in a range, a count, a name, text.

Each check returns the argument as it will be used, or raises one line,

    "<where>: <name>=<value> is <what is wrong>; use <what would work>"

(`where` is the call, such as "MLP" or a model, printed only when there is an
error; `name` the argument, such as "lr" or "inputs[1]"), a TypeError when the argument has the wrong type and a ValueError when it has
the wrong value (the convention of Python's builtins and of PyTorch). A bool
is not a number here, and NaN, infinity and ints beyond the float range are
refused. The value is shown by `shown`, cut to about 60 characters, so a 1 MB
string never makes a 1 MB message. Layers with an error type of their own
(the formula command, the model file reader, hypothesis strategies) catch
these and re-raise theirs.
"""

from __future__ import annotations

import difflib
import inspect
import math
import numbers
import reprlib
from collections.abc import Sequence
from typing import Any, Callable, Iterable, Union

Number = Union[int, float]  # what a user may pass where a number goes (not bool)

_LARGE_INT = 2 ** 1000  # smaller ints are exact enough floats and never overflow
SHOWN_LENGTH = 60  # characters of a value shown in a message, about


class _Shortened(reprlib.Repr):
    """reprlib's bounded repr, plus ints too long to print (Python refuses > 4300 digits)."""

    def __init__(self) -> None:
        super().__init__()
        self.maxstring = self.maxlong = self.maxother = SHOWN_LENGTH

    def repr_int(self, x: int, level: int) -> str:
        if x.bit_length() > 200:
            return f"<int of {x.bit_length()} bits>"
        return super().repr_int(x, level)


_SHORTENED = _Shortened()


def shown(x: Any) -> str:
    """x for an error message: its repr on one line, cut to about 60 characters.

    A cut string says its length: 'aaaa...aaaa' (1,000,000 characters).
    Nested lists show their first items ([0, 1, 2, 3, 4, 5, ...]).
    """
    try:
        text = _SHORTENED.repr(x)
    except Exception:  # a __repr__ that fails: show at least the type
        text = f"<{type(x).__name__} object>"
    text = " ".join(text.splitlines())
    if len(text) > 2 * SHOWN_LENGTH:  # many items, each cut to SHOWN_LENGTH
        text = text[:2 * SHOWN_LENGTH] + "..."
    if isinstance(x, (str, bytes)) and len(x) > SHOWN_LENGTH:
        text += f" ({len(x):,} characters)"
    return text


def real(where: object, name: str, x: Any, *, low: float | None = None,
         high: float | None = None, low_open: bool = False, high_open: bool = False,
         optional: bool = False, example: str = "") -> float | None:
    """x as a finite float within the bounds (None too, when optional), or a one-line error.

    low/high: inclusive bounds, exclusive with low_open/high_open (so
    low=0, high=1, high_open=True is [0, 1)). example: a value to suggest.
    Raises TypeError for a non-number (a bool included), ValueError for NaN,
    infinity, an int beyond the float range or a number out of bounds.
    """
    if x is None and optional:
        return None
    want = _bounded("a finite number", low, high, low_open, high_open, optional, example)
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError(message(where, name, x, f"{_kind(x)}, not a number", want))
    try:
        number = float(x)
    except OverflowError:  # an int beyond the largest float
        raise ValueError(message(where, name, x, "too large for a float (about 1.8e308 is the "
                                 "largest)", want)) from None
    if not math.isfinite(number):
        raise ValueError(message(where, name, x, "not a finite number", want))
    if not _within(number, low, high, low_open, high_open):
        raise ValueError(message(where, name, x, "out of range", want))
    return number


def count(where: object, name: str, x: Any, *, minimum: int | None = 0, maximum: int | None = None,
          optional: bool = False, example: str = "") -> int | None:
    """x as an int from minimum to maximum (None too, when optional), or a one-line error.

    Raises TypeError for anything but an int (a bool or a whole float
    included), ValueError for an int out of bounds.
    """
    if x is None and optional:
        return None
    want = _bounded("a whole number", minimum, maximum, False, False, optional, example)
    if isinstance(x, bool) or not isinstance(x, numbers.Integral):
        raise TypeError(message(where, name, x, f"{_kind(x)}, not a whole number", want))
    if not _within(x, minimum, maximum, False, False):
        raise ValueError(message(where, name, x, "out of range", want))
    return int(x)


def one_of(where: object, name: str, x: Any, choices: Iterable[Any], *, also: str = "") -> Any:
    """x if it is one of `choices` (names, usually), else a one-line ValueError listing
    them (and `also`, what else would work, such as "a number")."""
    choices = list(choices)
    try:
        known = x in choices
    except (TypeError, ValueError):  # an argument that cannot be compared
        known = False
    if known:
        return x
    lowered = {choice.lower(): choice for choice in choices if isinstance(choice, str)}
    close = difflib.get_close_matches(x.lower(), lowered, n=1) if isinstance(x, str) else []
    hint = f" (did you mean {lowered[close[0]]!r}?)" if close else ""
    listed = ", ".join(repr(choice) for choice in choices) + (f", or {also}" if also else "")
    raise ValueError(message(where, name, x, f"unknown{hint}", f"one of {listed}"))


def text(where: object, name: str, x: Any) -> str:
    """x if it is a str, else a one-line TypeError."""
    if not isinstance(x, str):
        raise TypeError(message(where, name, x, f"{_kind(x)}, not text", "a str"))
    return x


def instance(where: object, name: str, x: Any, cls: type | tuple[type, ...], expected: str) -> Any:
    """x if isinstance(x, cls), else a one-line TypeError saying `expected` would work."""
    if not isinstance(x, cls):
        wanted = cls.__name__ if isinstance(cls, type) else " or ".join(c.__name__ for c in cls)
        raise TypeError(message(where, name, x, f"{_kind(x)}, not {_article(wanted)}",
                                expected))
    return x


def function(where: object, name: str, x: Any, expected: str,
             takes: int | None = None) -> Callable[..., Any]:
    """x if it can be called (with `takes` positional arguments, when given and
    its signature can be read), else a one-line TypeError saying `expected` would work."""
    if not callable(x):
        raise TypeError(message(where, name, x, f"{_kind(x)}, not callable", expected))
    if takes is not None:
        try:
            inspect.signature(x).bind(*[None] * takes)
        except TypeError:
            raise TypeError(message(where, name, x, f"a function that does not take {takes} "
                                    f"argument(s)", expected)) from None
        except ValueError:  # no signature to read (some builtins): the call will tell
            pass
    return x


def sequence(where: object, name: str, x: Any, *, of: str = "numbers", length: int | None = None,
             minimum: int = 0, kind: type = Sequence) -> list[Any]:
    """x as a list, if it is a list or tuple (not text) of `length` items (or at least
    `minimum`); else a TypeError (not a sequence) or a ValueError (its length).
    kind=tuple: only a tuple will do (a rule function's (result, local_grads))."""
    noun = "list" if kind is Sequence else kind.__name__
    if length is not None:
        want = f"a {noun} of {length} {of}"
    elif minimum:
        want = f"a non-empty {noun} of {of}" if minimum == 1 else f"a {noun} of {minimum}+ {of}"
    else:
        want = f"a {noun} of {of}"
    if isinstance(x, (str, bytes)) or not isinstance(x, kind):
        raise TypeError(message(where, name, x, f"{_kind(x)}, not a {noun}", want))
    if len(x) != length if length is not None else len(x) < minimum:
        raise ValueError(message(where, name, x, f"of length {len(x)}", want))
    return list(x)


def checked_as(error: Callable[[str], Exception], check: Callable[..., Any], *args: Any,
               **options: Any) -> Any:
    """check(*args, **options), with its TypeError or ValueError re-raised as
    error(message): how a layer with its own error type uses these checks."""
    try:
        return check(*args, **options)
    except (TypeError, ValueError) as problem:
        raise error(str(problem)) from None


def message(where: object, name: str, x: Any, wrong: str, works: str) -> str:
    """The one-line message of every check: "where: name=value is wrong; use works"
    (without "where: " when where is empty: the caller puts the message in context)."""
    return f"{f'{where}: ' if where else ''}{name}={shown(x)} is {wrong}; use {works}"


def _kind(x: Any) -> str:
    """'None', 'a bool', 'an int', 'a str', ...: what x is, for a message."""
    return "None" if x is None else _article(type(x).__name__)


def _article(noun: str) -> str:
    """'an int', 'a str', 'an MLP' (an acronym is spelled out: em-el-pee)."""
    vowel = noun[:1] in "aeiouAEIOU" or (noun[:2].isupper() and noun[:1] in "FHLMNRSX")
    return f"an {noun}" if vowel else f"a {noun}"


def _within(x: float, low: float | None, high: float | None, low_open: bool,
            high_open: bool) -> bool:
    above = low is None or (x > low if low_open else x >= low)
    below = high is None or (x < high if high_open else x <= high)
    return above and below


def _bounded(what: str, low: float | None, high: float | None, low_open: bool,
             high_open: bool, optional: bool, example: str) -> str:
    """'a number in [0, 1) such as 0.5', 'a whole number >= 1 or None', ..."""
    if low is not None and high is not None:
        what += f" in {'(' if low_open else '['}{low:g}, {high:g}{')' if high_open else ']'}"
    elif low is not None:
        what += f" {'>' if low_open else '>='} {low:g}"
    elif high is not None:
        what += f" {'<' if high_open else '<='} {high:g}"
    if example:
        what += f" such as {example}"
    return what + (" or None" if optional else "")


def checked_number(where: str, x: Any, keep_int: bool = False) -> float:
    """x as a finite float (or int, with keep_int), or a one-line error naming `where`."""
    # The common cases first, quickly: a finite float, a moderate int.
    if x.__class__ is float:
        if not x - x:  # inf - inf and nan - nan are nan, which is true
            return x
    elif x.__class__ is int and -_LARGE_INT < x < _LARGE_INT:
        return x if keep_int else float(x)
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError(f"{where}: expected an int or float, got {type(x).__name__} "
                        f"{shown(x)}; convert it with float(...) or pass a Value")
    try:
        number = float(x)
    except OverflowError:  # an int beyond the largest float (and too long to print)
        raise OverflowError(f"{where}: an integer of {int(x).bit_length()} bits is too large "
                            f"for a float; use numbers below about 1e308") from None
    if not math.isfinite(number):
        raise ValueError(f"{where}: {shown(x)} is not a finite number; "
                         f"NaN and infinity cannot enter a graph")
    if keep_int and isinstance(x, int):
        return x  # keeps x ** 2 printed as 2, not 2.0
    return number


def is_finite_real(x: Any) -> bool:
    """True for an int or float (not a bool) that is finite as a float."""
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        return False
    try:
        return math.isfinite(x)
    except OverflowError:  # an int beyond the largest float
        return False


def checked_label(text: Any) -> str:
    """text if it is a str, else a one-line TypeError."""
    if not isinstance(text, str):
        raise TypeError(f"label: expected a str, got {type(text).__name__} {shown(text)}")
    return text

"""Checking what users pass in: numbers that may enter a graph, and labels."""

from __future__ import annotations

import math
import numbers
from typing import Any, Union

Number = Union[int, float]  # what a user may pass where a number goes (not bool)

_LARGE_INT = 2 ** 1000  # smaller ints are exact enough floats and never overflow


def checked_number(where: str, x: Any, keep_int: bool = False) -> float:
    """x as a finite float (or int, with keep_int), or a one-line error naming `where`."""
    # The common cases first, quickly: a finite float, a moderate int.
    if x.__class__ is float:
        if not x - x:  # inf - inf and nan - nan are nan, which is true
            return x
    elif x.__class__ is int and -_LARGE_INT < x < _LARGE_INT:
        return x if keep_int else float(x)
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError(f"{where}: expected an int or float, got {type(x).__name__} {x!r}; "
                        f"convert it with float(...) or pass a Value")
    try:
        number = float(x)
    except OverflowError:  # an int beyond the largest float (and too long to print)
        raise OverflowError(f"{where}: an integer of {int(x).bit_length()} bits is too large "
                            f"for a float; use numbers below about 1e308") from None
    if not math.isfinite(number):
        raise ValueError(f"{where}: {x!r} is not a finite number; "
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
        raise TypeError(f"label: expected a str, got {type(text).__name__} {text!r}")
    return text

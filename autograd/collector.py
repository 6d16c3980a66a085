"""Why our nodes are invisible to CPython's cyclic garbage collector.

CPython frees an object as soon as nothing refers to it (reference counting).
A second mechanism, the cyclic garbage collector, finds groups of objects that
refer to each other in a cycle; to do so it walks every "tracked" object, again
and again as a program allocates. For a scalar engine that walk costs more than
the arithmetic itself: with a million live nodes, most of the time of building
a graph went into it, and the cost per node grew with the size of the graph.

A Value can never be part of a cycle: it refers only to numbers, strings and
Values created before it. So, as CPython does itself for a tuple of numbers, we
ask the collector not to track the Values we create. Nothing else changes:
reference counting still frees a node the moment it is no longer used, and the
collector's settings (gc.get_threshold(), gc.isenabled()) are left alone.
"""

from __future__ import annotations

import sys
from typing import Any, Callable


def _leave_tracked(obj: Any) -> None:
    """On Pythons without CPython's C API, objects simply stay tracked."""


def _untracker() -> Callable[[Any], None]:
    if sys.implementation.name != "cpython":
        return _leave_tracked
    try:
        import ctypes
        untrack = ctypes.pythonapi.PyObject_GC_UnTrack  # public C API; keeps the GIL
    except (ImportError, AttributeError):
        return _leave_tracked
    untrack.argtypes = [ctypes.py_object]
    untrack.restype = None
    return untrack


untrack: Callable[[Any], None] = _untracker()
"""untrack(obj): the collector stops visiting obj (only for objects that cannot
be part of a reference cycle)."""

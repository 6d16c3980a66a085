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
collector's settings (gc.get_threshold(), gc.isenabled()) are left alone, but for
the pause of a training step below, which puts them back.

Untracking is a call into the C API (about 0.13 microseconds, twice a node: for
the Value and its tuple of parents; the rest of building a node takes about
0.4), so it is skipped while the collector is switched off:
then nobody walks the nodes anyway. A training step, which builds a graph and
drops it, runs with the collector paused (`paused()`, used by nn.fit): the
collections it would have made are made after the step, over whatever is left.
"""

from __future__ import annotations

import gc
import sys
from contextlib import contextmanager
from typing import Callable, Iterator

from .interrupts import finally_call


def _leave_tracked(address: int) -> None:
    """On Pythons without CPython's C API, objects simply stay tracked."""


def _untracker() -> Callable[[int], None]:
    if sys.implementation.name != "cpython":
        return _leave_tracked
    try:
        import ctypes
        # PyObject_GC_UnTrack, public C API, called with the GIL held (PYFUNCTYPE),
        # through a prototype of our own (ctypes.pythonapi's attributes are shared).
        # The object goes by its address: in CPython, id(obj) is the address, and ctypes
        # passes an address (c_void_p) about a third faster than the object (py_object).
        prototype = ctypes.PYFUNCTYPE(None, ctypes.c_void_p)
        return prototype(("PyObject_GC_UnTrack", ctypes.pythonapi))
    except (ImportError, AttributeError):
        return _leave_tracked


untrack_at: Callable[[int], None] = _untracker()
"""untrack_at(id(obj)): the collector stops visiting obj, a live object that
cannot be part of a reference cycle (a Value, or a tuple of Values)."""


collecting: Callable[[], bool] = gc.isenabled
"""collecting(): True while the cyclic collector runs (the only time untracking pays)."""


@contextmanager
def paused() -> Iterator[None]:
    """Switch the cyclic collector off for the block, and back on after it if it
    was on before, however the block ends: an error, or Ctrl-C at any moment
    (interrupts.finally_call). For a block that builds and drops a graph: its
    nodes are freed by reference counting as always."""
    with finally_call(gc.enable if gc.isenabled() else _leave_off):
        gc.disable()
        yield


def _leave_off() -> None:
    """The collector was off before the block: it stays off."""

"""Values are invisible to the cyclic garbage collector, and nothing else changes."""

from __future__ import annotations

import gc
import signal
import sys
import threading
import tracemalloc

import pytest

from autograd import Value, collector, exp
from support_tools import ctrl_c_at, line_events

cpython_only = pytest.mark.skipif(sys.implementation.name != "cpython",
                                  reason="untracking uses CPython's C API")


@cpython_only
def test_leaves_constants_and_interior_nodes_are_not_tracked() -> None:
    x = Value(2.0, "x")
    y = x * 3 + x.tanh()
    nodes = [x, y, *y.parents, exp(4.0)]
    assert all(isinstance(node, Value) for node in nodes)
    assert not any(gc.is_tracked(node) for node in nodes)


def test_a_subclass_that_could_hold_cycles_stays_tracked() -> None:
    class Tagged(Value):  # has a __dict__, so it could refer to itself
        pass

    tagged = Tagged(1.0)
    tagged.me = tagged
    assert gc.is_tracked(tagged)


def test_the_collectors_settings_are_left_alone() -> None:
    before = (gc.isenabled(), gc.get_threshold())
    x = Value(1.0)
    for _ in range(5000):
        x = x * 1.0001 + 0.5
    x.backward()
    assert (gc.isenabled(), gc.get_threshold()) == before


def test_an_untracked_graph_is_still_freed_by_reference_counting() -> None:
    # No gc.collect() anywhere: dropping the root must give the memory back.
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        root = Value(1.0)
        for _ in range(10_000):
            root = root * 1.0001 + 0.5
        grown = tracemalloc.get_traced_memory()[0] - start
        del root
        left = tracemalloc.get_traced_memory()[0] - start
    finally:
        tracemalloc.stop()
    assert grown > 20_000 * 50  # 20,000 nodes of at least 50 bytes each
    # What stays is CPython's free lists of small tuples (at most 2,000 per size),
    # kept for reuse: a few percent of the graph, not the graph.
    assert left < grown / 20


@pytest.mark.parametrize("was_on", [True, False])
def test_paused_switches_the_collector_off_for_the_block_only(was_on: bool) -> None:
    before = gc.isenabled()
    (gc.enable if was_on else gc.disable)()
    try:
        with collector.paused():
            assert not gc.isenabled()
        assert gc.isenabled() == was_on
        with pytest.raises(KeyboardInterrupt):
            with collector.paused():
                raise KeyboardInterrupt  # Ctrl-C in the middle of a training step
        assert gc.isenabled() == was_on
    finally:
        (gc.enable if before else gc.disable)()


@cpython_only
def test_nodes_made_while_the_collector_is_off_skip_the_untracking() -> None:
    # Untracking costs as much as building the node; with no collector running it buys nothing.
    x = Value(2.0)
    with collector.paused():
        y = x * 3.0 + x
    assert gc.is_tracked(y)
    assert not gc.is_tracked(x * 3.0)


def _paused_block() -> None:
    with collector.paused():
        x = Value(2.0)
        (x * x + 1.0).backward()  # its topological_order pauses the collector again, nested


@pytest.mark.skipif(threading.current_thread() is not threading.main_thread(),
                    reason="signals reach only the main thread")
@pytest.mark.parametrize("was_on", [True, False])
def test_ctrl_c_at_any_moment_leaves_the_collector_and_the_handler_as_they_were(was_on: bool):
    # Before: paused() switched the collector off outside its try/finally, so a
    # Ctrl-C in between (or at the end, before the finally ran) left it off for good.
    before = gc.isenabled()
    handler = signal.getsignal(signal.SIGINT)
    (gc.enable if was_on else gc.disable)()
    try:
        events = line_events(_paused_block)  # of any code, contextlib's included
        cases = [(k,) for k in range(1, events + 1)] + [(k, k + 1) for k in range(1, events)]
        interrupted = 0
        for case in cases:
            sys.settrace(ctrl_c_at(*case))
            try:
                _paused_block()
            except KeyboardInterrupt:
                interrupted += 1
            finally:
                sys.settrace(None)
            assert gc.isenabled() == was_on, case
            assert signal.getsignal(signal.SIGINT) is handler, case
        assert interrupted == len(cases)  # every press came through, none was swallowed
    finally:
        (gc.enable if before else gc.disable)()

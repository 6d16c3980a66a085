"""An optimizer step is all or nothing under Ctrl-C (issue 10, item 2).

Ctrl-C reaches Python as a call of the SIGINT handler between two lines of the
main thread. The tests make that happen at the k-th line event of a step
(sys.settrace): the handler installed at that moment is called, as Python
would. Afterwards the parameters and every list of optimizer state are either
exactly as before the step or exactly as after an uninterrupted step.
"""

import signal
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd import Value
from autograd.interrupts import deferred_interrupts
from nn.optim import SGD, Adam

MAKERS = {
    "sgd": lambda ps: SGD(ps, lr=0.1),
    "sgd_momentum": lambda ps: SGD(ps, lr=0.1, momentum=0.9, weight_decay=0.01),
    "adam": lambda ps: Adam(ps, lr=0.01, weight_decay=0.01),
}
STATE = ("velocity", "mean", "mean_square", "steps")


def _optimizer(kind, numbers, grads, warm_steps):
    parameters = [Value(x) for x in numbers]
    optimizer = MAKERS[kind](parameters)
    for _ in range(warm_steps + 1):  # the last round only sets the grads for the step under test
        for p, g in zip(parameters, grads):
            p.zero_grad()
            (p * g).backward()
        if _ < warm_steps:
            optimizer.step()
    return optimizer


def _snapshot(optimizer):
    state = {name: list(getattr(optimizer, name)) if name != "steps" else optimizer.steps
             for name in STATE if hasattr(optimizer, name)}
    return [p.data for p in optimizer.parameters], state


def _interrupt_at_line(k, action):
    """Run action(), calling the current SIGINT handler at the k-th line event."""
    count = [0]

    def tracer(frame, event, arg):
        if event == "line":
            count[0] += 1
            if count[0] == k:
                handler = signal.getsignal(signal.SIGINT)
                handler(signal.SIGINT, frame)  # what Python does on Ctrl-C
        return tracer

    sys.settrace(tracer)
    try:
        action()
    finally:
        sys.settrace(None)
    return count[0]


def _lines_in_a_step(kind, numbers, grads, warm_steps):
    optimizer = _optimizer(kind, numbers, grads, warm_steps)
    return _interrupt_at_line(0, optimizer.step)


@settings(max_examples=300)
@given(kind=st.sampled_from(sorted(MAKERS)),
       numbers=st.lists(st.floats(-10, 10), min_size=1, max_size=6),
       warm_steps=st.integers(0, 2), data=st.data())
def test_an_interrupt_at_any_line_of_a_step_leaves_all_old_or_all_new(kind, numbers,
                                                                       warm_steps, data):
    grads = data.draw(st.lists(st.floats(-5, 5).filter(lambda g: g != 0.0),
                               min_size=len(numbers), max_size=len(numbers)))
    # A step of up to 6 parameters has about 100 to 230 line events (the count varies a
    # little from call to call: the signal module's Python wrapper looks handlers up in an
    # enum), so k is drawn from a fixed range that also covers steps run through whole.
    k = data.draw(st.integers(1, 300), label="interrupt at line event")
    reference = _optimizer(kind, numbers, grads, warm_steps)
    old = _snapshot(reference)
    reference.step()
    new = _snapshot(reference)
    assert new != old
    optimizer = _optimizer(kind, numbers, grads, warm_steps)
    interrupted = False
    try:
        _interrupt_at_line(k, optimizer.step)
    except KeyboardInterrupt:
        interrupted = True
    assert _snapshot(optimizer) == new if not interrupted else _snapshot(optimizer) in (old, new)
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    if _snapshot(optimizer) == old:  # nothing happened, so a new step gives the reference's
        optimizer.step()
        assert _snapshot(optimizer) == new


def test_an_interrupt_during_the_commit_comes_after_all_of_it():
    lines = _lines_in_a_step("sgd", [0.0] * 50, [1.0] * 50, 0)
    optimizer = _optimizer("sgd", [float(i) for i in range(50)], [1.0] * 50, 0)
    parameters = optimizer.parameters
    raised = 0
    for k in range(1, lines + 2):  # about half the line events are in the 50 assignments
        before = [p.data for p in parameters]
        try:
            _interrupt_at_line(k, optimizer.step)
        except KeyboardInterrupt:
            raised += 1
        after = [p.data for p in parameters]
        moved = [a != b for a, b in zip(after, before)]
        assert all(moved) or not any(moved), f"half a step at line event {k}"
    assert raised > 0


def test_deferred_interrupts_delivers_the_interrupt_after_the_block():
    done = []
    with pytest.raises(KeyboardInterrupt):
        with deferred_interrupts():
            signal.raise_signal(signal.SIGINT)
            done.append("rest of the block")
    assert done == ["rest of the block"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_deferred_interrupts_keeps_an_ignored_sigint_ignored():
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with deferred_interrupts():
            signal.raise_signal(signal.SIGINT)
        assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)

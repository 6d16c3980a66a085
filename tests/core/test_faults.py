"""Faults found by hostile input, one test per kind (issue 10, core items).

- a Ctrl-C anywhere in backward, once or twice, leaves every grad as it was or
  every grad of the finished pass, and the next backward is right;
- Python's math functions and float() cannot silently cut the graph;
- saturated derivatives keep their relative precision;
- an overflowing derivative is reported as the derivative, not the result;
- deep graphs are refused by copy and pickle in one line, not a RecursionError.
"""

from __future__ import annotations

import copy
import math
import pickle
import sys
import threading

import mpmath
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import autograd
import support_tools
from autograd import RULES, Value, engine

ENGINE_FILE = engine.__file__


def chain(steps: int) -> tuple[Value, Value, Value]:
    """y = y * w + x, repeated: with w = 1, dy/dx = steps + 1 and dy/dw = steps (steps - 1)/2 + ..."""
    x, w = Value(1.0, "x"), Value(1.0, "w")
    y = x
    for _ in range(steps):
        y = y * w + x
    return x, w, y


def grads(root: Value) -> list[float]:
    return [node.grad for node in autograd.topological_order(root)]


def ctrl_c_at(*events: int):
    """SIGINT at the given line events of the engine's own code."""
    return support_tools.ctrl_c_at(*events, files=(ENGINE_FILE,))


def line_events(root: Value) -> int:
    """How many line events of the engine one backward of root takes."""
    count = support_tools.line_events(root.backward, files=(ENGINE_FILE,))
    root.zero_grad()
    return count


STEPS = 60
EVENTS = line_events(chain(STEPS)[2])


@pytest.mark.skipif(threading.current_thread() is not threading.main_thread(),
                    reason="signals reach only the main thread")
@settings(max_examples=60)
@given(first=st.integers(1, EVENTS), second=st.one_of(st.none(), st.integers(1, EVENTS)))
def test_ctrl_c_anywhere_in_backward_changes_nothing_or_finishes(first, second):
    x, w, y = chain(STEPS)
    y.backward()  # an earlier pass: the leaves hold its grads
    before = grads(y)
    events = (first,) if second is None else (first, first + second)
    sys.settrace(ctrl_c_at(*events))
    try:
        y.backward()
        interrupted = False
    except KeyboardInterrupt:
        interrupted = True
    finally:
        sys.settrace(None)
    after = grads(y)
    # Either nothing changed, or the whole pass was stored (Ctrl-C came while the
    # grads were being written: it is held until they all are, then delivered).
    finished = [g if node.parents else 2 * g
                for g, node in zip(before, autograd.topological_order(y))]
    assert after == before or after == finished, (events, interrupted)
    # The next pass is right whatever happened: dy/dx = STEPS + 1 per pass.
    passes = 2 if after == before else 3
    y.backward()
    assert x.grad == passes * (STEPS + 1)


def test_two_ctrl_c_in_a_long_chain_leave_later_passes_right():
    # The issue's case: y = y*w + x 2000 times; before, a second Ctrl-C in the
    # undo left counters behind and the next pass gave dy/dx = 751, not 2001.
    x, w, y = chain(2000)
    sys.settrace(ctrl_c_at(5, 9))
    with pytest.raises(KeyboardInterrupt):
        y.backward()
    sys.settrace(None)
    assert x.grad == 0.0 and w.grad == 0.0
    y.backward()
    assert x.grad == 2001.0


@pytest.mark.parametrize("call", [math.exp, math.log, math.tanh, float, math.sqrt])
def test_python_math_on_a_value_fails_loudly_instead_of_cutting_the_graph(call):
    w = Value(0.5, "w")
    with pytest.raises(TypeError, match=r"w\.exp\(\)") as error:
        call(w)
    assert "\n" not in str(error.value)


# --- saturated derivatives keep their digits ------------------------------------

def exact(formula, x: float) -> float:
    with mpmath.workdps(60):
        return float(formula(mpmath.mpf(x)))


SLOPES = {
    "sigmoid": lambda x: mpmath.exp(-x) / (1 + mpmath.exp(-x)) ** 2,
    "tanh": lambda x: 1 / mpmath.cosh(x) ** 2,
    "softplus": lambda x: 1 / (1 + mpmath.exp(-x)),
}


@pytest.mark.parametrize("name", sorted(SLOPES))
@settings(max_examples=100)
@given(x=st.floats(-700, 700))
def test_local_derivatives_keep_their_relative_precision_in_the_tails(name, x):
    slope = RULES[name].apply(x)[1][0]
    expected = exact(SLOPES[name], x)
    if expected == 0.0 or abs(expected) < 1e-300:  # below the smallest normal float
        assert abs(slope) < 1e-290
        return
    assert abs(slope - expected) <= 1e-12 * abs(expected), (slope, expected)


def test_the_issues_saturated_cases():
    assert RULES["sigmoid"].apply(37.43)[1][0] == pytest.approx(5.55e-17, rel=1e-3)
    assert RULES["sigmoid"].apply(37.43)[1][0] == pytest.approx(
        RULES["sigmoid"].apply(-37.43)[1][0], rel=1e-15)
    import nn
    z = Value(40.0)
    loss = nn.losses.binary_cross_entropy_with_logits(z, 1)
    loss.backward()
    assert loss.data == pytest.approx(exact(lambda t: mpmath.log1p(mpmath.exp(-t)), 40.0),
                                      rel=1e-12)
    assert z.grad == pytest.approx(-loss.data, rel=1e-9)  # sigmoid(40) - 1


def test_an_overflowing_derivative_is_reported_as_the_derivative():
    # (1e-3) ** -102 = 1e306 is a float; its derivative -102e309 is not.
    with pytest.raises(OverflowError, match=r"pow\(0\.001, -102\): the derivative"):
        Value(1e-3) ** -102


# --- deep graphs: refused in one line, never a RecursionError ------------------------

@pytest.mark.parametrize("operation", [copy.deepcopy, copy.copy, pickle.dumps])
def test_copying_or_pickling_a_graph_is_refused_in_one_line(operation):
    _, _, deep = chain(5000)
    with pytest.raises(TypeError, match="not supported") as error:
        operation(deep)
    assert "\n" not in str(error.value) and "nn.save" in str(error.value)


@pytest.mark.parametrize("call, words", [
    (lambda: autograd.zero_grad([Value(1.0)]), "zero_grad: root=[Value"),
    (lambda: autograd.zero_grad(3), "zero_grad: root=3 is an int, not a Value"),
    (lambda: autograd.backward("y"), "backward: root='y' is a str, not a Value"),
    (lambda: autograd.topological_order(None), "topological_order: root=None"),
    (lambda: autograd.grad(Value(1.0), 2.0), "grad: f=Value(data=1.0, grad=0.0) is not a function"),
    (lambda: int(Value(1.0)), "not converted silently"),
    (lambda: round(Value(1.0)), "not converted silently"),
])
def test_misused_engine_calls_are_one_line_type_errors(call, words):
    with pytest.raises(TypeError) as error:
        call()
    assert words in str(error.value) and "\n" not in str(error.value)


def test_grad_is_set_by_backward_only_with_a_hint():
    y = Value(2.0) * 3
    with pytest.raises(AttributeError, match="set by backward.*zero_grad"):
        y.grad = 1.0  # micrograd's lecture seeds by hand; here backward() does it


@pytest.mark.parametrize("label", ["x`<b>bold</b>", "``y", "`", "a\n<script>", "p|q"])
def test_markdown_tapes_keep_every_label_inside_its_code_span(label):
    # Issue 10, item 14: a backtick in a label ended the code span and let raw HTML
    # through. CommonMark: a span closes only at a run of backticks as long as its fence.
    from autograd.trace import record
    markdown = record(Value(2.0, label) * 3).markdown()
    row = next(line for line in markdown.splitlines() if line.startswith("| ") and "2.0" in line)
    cell = row.split(" | ")[0][2:]
    fence = cell[:len(cell) - len(cell.lstrip("`"))]
    body = cell[len(fence):len(cell) - len(fence)]
    assert cell.endswith(fence) and "`" * len(fence) not in body  # the span cannot close early
    assert "\n" not in row


def test_record_refuses_a_graph_too_big_for_a_tape_in_one_line():
    # Issue 10, item 13: record() of a 10^6-node graph took 1.5-4 GB.
    from autograd import trace
    x = Value(1.0, "x")
    y = x
    for _ in range(trace.MAX_NODES):
        y = y * 1.0
    with pytest.raises(ValueError, match=r"^record: the graph has 100,001 nodes") as error:
        trace.record(y)
    assert "\n" not in str(error.value) and x.grad == 0.0

"""Tests for autograd.jacobian: d outputs / d inputs, entry by entry."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, strategies as st

from autograd import Value, jacobian

numbers = st.floats(-5.0, 5.0, allow_nan=False)


@given(st.lists(st.lists(numbers, min_size=3, max_size=3), min_size=2, max_size=4),
       st.lists(numbers, min_size=3, max_size=3))
def test_the_jacobian_of_a_linear_map_is_its_matrix(W, x):
    inputs = [Value(v) for v in x]
    outputs = [sum((w * xi for w, xi in zip(row, inputs)), Value(0.0)) for row in W]
    assert jacobian(outputs, inputs) == [[float(w) for w in row] for row in W]  # m x n


def test_entries_of_a_nonlinear_map_by_hand_and_zero_where_there_is_no_path():
    x, y = Value(0.5), Value(2.0)
    f1 = x * y           # d/dx = y, d/dy = x
    f2 = x.sin()         # d/dx = cos x, d/dy = 0 (y is not in its graph)
    f3 = y ** 3          # d/dx = 0,     d/dy = 3 y^2
    J = jacobian([f1, f2, f3], [x, y])
    assert J == [[2.0, 0.5], [math.cos(0.5), 0.0], [0.0, 12.0]]


def test_a_shared_input_gets_each_output_separately_not_the_sum():
    x = Value(3.0)
    a, b = x * 2.0, x * x
    assert jacobian([a, b], [x]) == [[2.0], [6.0]]  # not 2 + 6 = 8 in the second row


def test_an_interior_node_can_be_an_input():
    x = Value(1.5)
    h = x * x
    out = h.exp()
    assert jacobian([out], [h]) == [[pytest.approx(math.exp(2.25), rel=1e-15)]]


def test_every_grad_is_put_back_after_the_call():
    w, x = Value(2.0), Value(-1.0)
    loss = (w * x).tanh()
    loss.backward()
    before = [w.grad, x.grad, loss.grad]
    jacobian([loss, w * x], [x])
    assert [w.grad, x.grad, loss.grad] == before  # w is not an input: it accumulated, then restored


def test_a_failed_call_changes_no_grad():
    x = Value(1e-300)
    fine = x * 2.0
    fine.backward()                   # x.grad = 2.0 before the call
    huge = (x * 1e200) * 1e200        # 1e100 forward, but d huge/dx = 1e400 overflows
    with pytest.raises(OverflowError):
        jacobian([fine, huge], [x])   # the first row succeeds, the second fails
    assert x.grad == 2.0 and fine.grad == 1.0


@pytest.mark.parametrize("outputs, inputs, message", [
    (Value(1.0), [Value(1.0)], "jacobian: outputs=Value(data=1.0, grad=0.0) is a Value, not a list"),
    ([], [Value(1.0)], "jacobian: outputs=[] is of length 0; use a non-empty list"),
    ([Value(1.0)], [1.0], "jacobian: inputs[0]=1.0 is a float, not a Value; use Value(x)"),
    ([Value(1.0)], "x", "jacobian: inputs='x' is a str, not a list"),
])
def test_bad_arguments_are_refused_in_one_line(outputs, inputs, message):
    with pytest.raises((TypeError, ValueError)) as error:
        jacobian(outputs, inputs)
    assert message in str(error.value) and "\n" not in str(error.value)

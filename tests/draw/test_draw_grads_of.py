"""Which root the grads of a drawing belong to (issue 10, item 18).

After loss.backward(), draw(h) of an interior node h showed h as "output
(backward starts here)" next to grads that are d loss/d node.
"""

import pytest

from autograd import Value
from autograd.draw import draw


def _graph():
    x, w = Value(2.0, "x"), Value(-3.0, "w")
    h = (x * w).tanh()
    h.label = "h"
    loss = h * h * 3.0 + h
    loss.label = "loss"
    loss.backward()
    return h, loss


def _classes(source):
    return [line for line in source.splitlines() if 'class="value' in line]


def test_an_interior_node_drawn_after_the_loss_backward_is_not_called_the_output():
    h, loss = _graph()
    assert h.grad not in (0.0, 1.0)  # d loss/dh = 6h + 1
    source = draw(h).source
    h_line = next(line for line in _classes(source) if "<TD>h</TD>" in line)
    assert "value output" not in source and "value intermediate" in h_line
    assert "backward starts here" not in source
    assert "grads come from a backward pass started later" in source


def test_grads_of_names_the_root_of_backward():
    h, loss = _graph()
    source = draw(h, grads_of=loss).source
    assert "grads are d(loss)/d(node)" in source and "backward starts here" not in source
    own = draw(loss, grads_of=loss).source
    assert "backward starts here" in own and "grads are" not in own


def test_grads_of_catches_what_detection_cannot_a_grad_of_exactly_one():
    a = Value(0.5, "a")
    h = a * 2.0
    h.label = "h"
    loss = h + a  # d loss/dh = 1, like a seed
    loss.backward()
    assert "backward starts here" in draw(h).source  # the documented limit
    source = draw(h, grads_of=loss).source
    assert "backward starts here" not in source and "grads are d(root of backward)" in source


def test_the_drawing_of_the_root_itself_is_unchanged():
    h, loss = _graph()
    source = draw(loss).source
    assert "backward starts here" in source and "grads are" not in source
    assert "grads come from" not in source


def test_grads_of_must_be_a_value():
    h, loss = _graph()
    with pytest.raises(TypeError, match=r"draw: grads_of=.*the Value backward\(\) was called on"):
        draw(h, grads_of="loss")

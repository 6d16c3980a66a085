"""Tests for nn.units: PReLU (a learnable slope) and Maxout (max of k linear pieces)."""

from __future__ import annotations

import pytest

import nn
from autograd import Value, sum_values


def test_prelu_slope_is_a_parameter_and_gets_the_gradient_x_where_x_is_negative():
    prelu = nn.PReLU(0.25)
    assert prelu.parameters() == [prelu.slope]
    x = [Value(-2.0), Value(3.0), Value(-0.5)]
    out = prelu(x)
    assert [v.data for v in out] == [-0.5, 3.0, -0.125]
    sum_values(out).backward()
    assert prelu.slope.grad == -2.0 + -0.5           # d/da = x for x <= 0, 0 for x > 0
    assert [v.grad for v in x] == [0.25, 1.0, 0.25]  # d/dx = a for x <= 0, 1 for x > 0
    assert prelu.predict([-2.0, 3.0, -0.5]) == [v.data for v in out]


def test_prelu_learns_its_slope_by_gradient_descent():
    prelu = nn.PReLU(0.25)
    for _ in range(50):  # fit y = 0.1 x on negative inputs: the slope must go to 0.1
        prelu.zero_grad()
        loss = nn.losses.mse(prelu([-1.0, -2.0]), [-0.1, -0.2])
        loss.backward()
        prelu.slope.data -= 0.2 * prelu.slope.grad
    assert prelu.slope.data == pytest.approx(0.1, abs=1e-6)


def test_maxout_is_the_max_of_its_pieces_and_routes_the_gradient_to_the_winner():
    maxout = nn.Maxout(2, 1, k=3, seed=0)
    pieces = maxout.pieces[0]
    for piece, (w, b) in zip(pieces, [([1.0, 0.0], 0.0), ([0.0, 1.0], 0.0), ([-1.0, -1.0], 0.5)]):
        for parameter, number in zip(piece.weights, w):
            parameter.data = number
        piece.bias.data = b
    (out,) = maxout([2.0, 3.0])       # pieces: 2, 3, -4.5
    assert out.data == 3.0 and maxout.predict([2.0, 3.0]) == [3.0]
    out.backward()
    assert [w.grad for w in pieces[1].weights] == [2.0, 3.0] and pieces[1].bias.grad == 1.0
    assert all(p.grad == 0.0 for piece in (pieces[0], pieces[2]) for p in piece.parameters())


def test_maxout_counts_and_names_its_parameters():
    maxout = nn.Maxout(3, 2, k=2, seed=1)
    assert maxout.num_parameters() == 2 * 2 * (3 + 1)
    assert maxout.named_parameters()[0][0] == "pieces.0.0.weights.0"
    assert maxout.predict([0.1, 0.2, 0.3]) == [v.data for v in maxout([0.1, 0.2, 0.3])]


@pytest.mark.parametrize("make, phrase", [
    (lambda: nn.Maxout(2, 1, k=1), r"^Maxout: k=1 is out of range; use a whole number >= 2"),
    (lambda: nn.Maxout(0, 1), r"^Maxout: nin=0 is out of range; use a whole number >= 1"),
    (lambda: nn.PReLU(float("nan")), "initial slope must be a finite number"),
])
def test_bad_sizes_and_slopes_are_refused(make, phrase):
    with pytest.raises(ValueError, match=phrase):
        make()

"""Tests for nn/optim.py: SGD, momentum, weight decay and Adam against updates by hand."""

import math

import pytest

import nn
from autograd import Value
from nn.optim import SGD, Adam, linear_decay


def _set_grad(p, g):
    """Give parameter p the gradient g (through a graph: L = g * p)."""
    p.zero_grad()
    (p * g).backward()
    assert p.grad == g


def test_sgd_step_is_p_minus_lr_times_grad():
    p = Value(1.0)
    optimizer = SGD([p], lr=0.1)
    _set_grad(p, 0.5)
    optimizer.step()
    assert p.data == pytest.approx(0.95)
    assert optimizer.steps == 1


def test_sgd_momentum_accumulates_velocity():
    p = Value(1.0)
    optimizer = SGD([p], lr=0.1, momentum=0.9)
    for _ in range(2):
        _set_grad(p, 0.5)
        optimizer.step()
    # v1 = 0.5, p1 = 1 - 0.05;  v2 = 0.9 * 0.5 + 0.5 = 0.95, p2 = p1 - 0.095
    assert p.data == pytest.approx(1.0 - 0.05 - 0.095)


def test_sgd_weight_decay_adds_decay_times_p_to_the_gradient():
    p = Value(2.0)
    optimizer = SGD([p], lr=0.1, weight_decay=0.1)
    _set_grad(p, 0.5)
    optimizer.step()
    assert p.data == pytest.approx(2.0 - 0.1 * (0.5 + 0.1 * 2.0))


def test_adam_two_steps_by_hand():
    p = Value(1.0)
    optimizer = Adam([p], lr=0.1)
    _set_grad(p, 0.5)
    optimizer.step()
    # m = 0.05, v = 0.00025; corrected: m = 0.5, v = 0.25; step = 0.1 * 0.5 / 0.5
    assert p.data == pytest.approx(1.0 - 0.1 * 0.5 / (0.5 + 1e-8))
    _set_grad(p, -1.0)
    optimizer.step()
    m = 0.9 * 0.05 + 0.1 * -1.0
    v = 0.999 * 0.00025 + 0.001 * 1.0
    m_hat, v_hat = m / (1 - 0.9 ** 2), v / (1 - 0.999 ** 2)
    assert p.data == pytest.approx(1.0 - 0.1 + 0.0 - 0.1 * m_hat / (math.sqrt(v_hat) + 1e-8))


def test_linear_decay_reproduces_the_micrograd_demo_schedule():
    rate = linear_decay(1.0, 0.1, 100)
    assert [rate(k) for k in range(100)] == [1.0 - 0.9 * k / 100 for k in range(100)]
    assert rate(100) == pytest.approx(0.1) and rate(500) == pytest.approx(0.1)


def test_a_schedule_gets_the_step_number():
    p = Value(0.0)
    optimizer = SGD([p], lr=lambda step: 1.0 / (step + 1))
    for _ in range(3):
        _set_grad(p, 1.0)
        optimizer.step()
    assert p.data == pytest.approx(-(1.0 + 1 / 2 + 1 / 3))


def test_zero_grad_clears_the_model_parameters():
    model = nn.MLP(2, [2, 1], seed=0)
    optimizer = SGD(model)
    model([1.0, 1.0]).backward()
    optimizer.zero_grad()
    assert all(p.grad == 0.0 for p in model.parameters())


def test_a_step_that_would_overflow_changes_nothing():
    p, q = Value(1.0), Value(1.0, label="q")
    optimizer = SGD([p, q], lr=10.0, momentum=0.5)
    _set_grad(p, 1.0)
    _set_grad(q, -1e308)  # q - 10 * g = 1 + 1e309 overflows
    with pytest.raises(OverflowError, match="q would become inf; no parameter was changed"):
        optimizer.step()
    assert (p.data, q.data) == (1.0, 1.0)
    assert optimizer.velocity == [0.0, 0.0] and optimizer.steps == 0


@pytest.mark.parametrize("make, phrase", [
    (lambda p: SGD([p], lr=0.0), "^SGD: lr=0.0 is out of range; use a finite number > 0 such "
                                 "as 0.1$"),
    (lambda p: SGD([p], lr=float("nan")), "^SGD: lr=nan is not a finite number"),
    (lambda p: SGD([p], lr=10 ** 400), "^SGD: lr=<int of 1329 bits> is too large for a float"),
    (lambda p: SGD([p], momentum=1.0), "^SGD: momentum=1.0 is out of range; use a finite number "
                                       "in \\[0, 1\\)$"),
    (lambda p: Adam([p], betas=(0.9,)), "^Adam: betas=\\(0.9,\\) is of length 1; use a list of 2 "
                                        "numbers$"),
    (lambda p: Adam([p], betas=(0.9, 1.0)), "^Adam: betas\\[1\\]=1.0 is out of range"),
    (lambda p: SGD([p * 2]), "^SGD: parameters\\[0\\]=Value\\(.*\\) is computed from others, not "
                             "a leaf; use a model or a list of its parameters \\(leaf Values\\)$"),
    (lambda p: SGD([]), "^SGD: parameters=\\[\\] is of length 0; use a non-empty list of leaf "
                        "Values$"),
])
def test_bad_settings_are_rejected(make, phrase):
    with pytest.raises(ValueError, match=phrase):
        make(Value(1.0))


@pytest.mark.parametrize("make, phrase", [
    (lambda p: SGD([p], lr="0.1"), "^SGD: lr='0.1' is a str, not a number"),
    (lambda p: SGD([p, 1.0]), "^SGD: parameters\\[1\\]=1.0 is a float, not a Value"),
    (lambda p: Adam([p], betas=0.9), "^Adam: betas=0.9 is a float, not a list"),
    (lambda p: linear_decay(0.1, 0.01, steps=10.0),
     "^linear_decay: steps=10.0 is a float, not a whole number"),
])
def test_settings_of_the_wrong_type_are_type_errors(make, phrase):
    with pytest.raises(TypeError, match=phrase):
        make(Value(1.0))


def test_parameters_may_come_from_a_generator():
    p, q = Value(1.0), Value(2.0)
    assert SGD(x for x in (p, q)).parameters == [p, q]


def test_a_schedule_returning_nonsense_is_reported_with_the_step():
    p = Value(1.0)
    optimizer = SGD([p], lr=lambda step: -1.0)
    _set_grad(p, 1.0)
    with pytest.raises(ValueError, match="^SGD: lr\\(step=0\\)=-1.0 is out of range; use a finite "
                                         "number > 0"):
        optimizer.step()

"""Tests for the options the lecture decks need: a chosen leaky slope, the
perceptron's step and sign, arctan, an init scale and L2 without biases."""

from __future__ import annotations

import statistics

import pytest

import nn
from autograd import Value
from nn.activations import get_activation


def test_leaky_relu_takes_its_slope_in_the_name_and_keeps_it_when_saved(tmp_path):
    cs231n = get_activation("leaky_relu(0.1)")     # CS231n: max(0.1 x, x)
    assert cs231n.on_float(-2.0) == -0.2 and cs231n.on_value(Value(-2.0)).data == -0.2
    assert get_activation("leaky_relu").on_float(-2.0) == -0.02   # PyTorch's 0.01
    assert get_activation("leaky_relu(0.01)").name == "leaky_relu"
    model = nn.MLP(2, [3, 1], activation="leaky_relu(0.1)", seed=0)
    nn.save(model, tmp_path / "m.json")
    loaded = nn.load(tmp_path / "m.json")
    assert loaded.layers[0].activation == "leaky_relu(0.1)"
    assert loaded.predict([-1.0, 0.5]) == model.predict([-1.0, 0.5])


@pytest.mark.parametrize("name", ["leaky_relu(x)", "leaky_relu(inf)", "relu(0.1)"])
def test_a_bad_slope_or_a_slope_where_none_belongs_is_refused(name):
    with pytest.raises(ValueError, match="leaky_relu\\(0.1\\)"):
        get_activation(name)


@pytest.mark.parametrize("name", ["step", "sign"])
def test_step_and_sign_pass_back_no_gradient(name):
    neuron = nn.Neuron.from_weights([0.5, -1.0], bias=0.2, activation=name)
    out = neuron([1.0, 2.0])
    out.backward()
    assert all(p.grad == 0.0 for p in neuron.parameters())  # backprop cannot train them


def test_arctan_is_an_activation():
    assert get_activation("arctan").on_value(Value(1.0)).data == pytest.approx(0.7853981633974483)


def test_init_scale_multiplies_the_random_weights_only():
    small = nn.MLP(3, [50, 1], init="normal", init_scale=0.01, seed=0)
    plain = nn.MLP(3, [50, 1], init="normal", seed=0)
    small_w = [w.data for n in small.layers[0].neurons for w in n.weights]
    plain_w = [w.data for n in plain.layers[0].neurons for w in n.weights]
    assert small_w == [0.01 * w for w in plain_w]              # the same draws, scaled
    assert statistics.pstdev(small_w) == pytest.approx(0.01, rel=0.15)
    assert all(n.bias.data == 0.0 for n in small.layers[0].neurons)


@pytest.mark.parametrize("init, scale, phrase", [
    ("zeros", 0.01, "scales the random schemes"),
    (0.5, 2.0, "scales the random schemes"),
    ("normal", 0.0, r"init_scale=0.0 is out of range; use a finite number > 0"),
    ("normal", float("nan"), "init_scale=nan is not a finite number"),
])
def test_init_scale_is_refused_where_it_means_nothing(init, scale, phrase):
    with pytest.raises(ValueError, match=phrase):
        nn.MLP(2, [2, 1], init=init, init_scale=scale)


def test_l2_without_biases_counts_the_weights_only():
    model = nn.MLP(2, [2, 1], seed=0)
    named = model.named_parameters()
    weights = sum(v.data ** 2 for name, v in named if not name.endswith("bias"))
    everything = sum(v.data ** 2 for _, v in named)
    model.layers[0].neurons[0].bias.data = 3.0  # biases start at 0: give one a weight in l2
    everything += 9.0
    assert nn.losses.l2(model, 0.5, biases=False).data == pytest.approx(0.5 * weights)
    assert nn.losses.l2(model, 0.5).data == pytest.approx(0.5 * everything)
    loss = nn.losses.l2(model, 0.5, biases=False)
    loss.backward()
    assert model.layers[0].neurons[0].bias.grad == 0.0


def test_l2_without_biases_needs_the_model():
    with pytest.raises(ValueError, match="biases=False needs the model"):
        nn.losses.l2([Value(1.0)], 0.1, biases=False)

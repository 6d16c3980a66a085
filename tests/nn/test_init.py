"""Tests for nn/init.py: each scheme draws from its stated distribution."""

import math
import random
import statistics

import pytest

import nn
from nn.init import check_init, initial_weights, make_rng


def _weights(init, fan_in=200, fan_out=50, seed=0):
    rng = random.Random(seed)
    return [w for _ in range(fan_out) for w in initial_weights(init, fan_in, fan_out, rng)]


def test_uniform_stays_in_minus_one_one_and_fills_it():
    weights = _weights("uniform")
    assert -1.0 <= min(weights) < -0.99 and 0.99 < max(weights) <= 1.0
    # U(-1, 1) has variance 1/3; 10000 draws: the sample sd is within 2% of it.
    assert statistics.pstdev(weights) == pytest.approx(math.sqrt(1 / 3), rel=0.02)


def test_normal_has_mean_zero_and_sd_one():
    weights = _weights("normal")
    assert statistics.fmean(weights) == pytest.approx(0.0, abs=0.04)
    assert statistics.pstdev(weights) == pytest.approx(1.0, rel=0.03)


def test_xavier_is_uniform_within_the_glorot_limit():
    limit = math.sqrt(6 / (200 + 50))
    weights = _weights("xavier")
    assert max(abs(w) for w in weights) <= limit
    assert statistics.pstdev(weights) == pytest.approx(limit / math.sqrt(3), rel=0.02)


def test_he_has_sd_sqrt_two_over_fan_in():
    assert statistics.pstdev(_weights("he")) == pytest.approx(math.sqrt(2 / 200), rel=0.03)


def test_zeros_and_constants_set_weights_and_biases():
    for init, value in (("zeros", 0.0), (0.5, 0.5), (-2, -2.0)):
        model = nn.MLP(3, [4, 2], init=init, seed=0)
        assert {p.data for p in model.parameters()} == {value}


def test_random_schemes_start_biases_at_zero():
    model = nn.MLP(3, [4, 2], init="he", seed=0)
    assert {n.bias.data for layer in model.layers for n in layer.neurons} == {0.0}


@pytest.mark.parametrize("bad", ["gaussian", float("nan"), True, None, [0.1], 10 ** 400])
def test_unknown_init_is_rejected(bad):
    with pytest.raises(ValueError, match="init"):
        check_init(bad)


def test_make_rng_accepts_ints_generators_and_none_only():
    rng = random.Random(1)
    assert make_rng(rng) is rng
    assert make_rng(3).random() == random.Random(3).random()
    with pytest.raises(TypeError, match="seed"):
        make_rng("0")

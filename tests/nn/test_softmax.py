"""Tests for nn.activations.softmax and the two forms of cross-entropy.

cross_entropy(scores, class_index) works on scores (logits);
cross_entropy_probs(probabilities, target_vector) on probabilities. They are
the same loss when the probabilities are softmax(scores): checked in value and
in every gradient.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, strategies as st

from autograd import Value
from nn.activations import softmax
from nn.losses import cross_entropy, cross_entropy_probs

scores = st.lists(st.floats(-30.0, 30.0, allow_nan=False), min_size=2, max_size=6)


@given(scores)
def test_softmax_is_a_probability_vector(s):
    p = [v.data for v in softmax(s)]
    assert all(0.0 < q <= 1.0 for q in p)
    assert math.fsum(p) == pytest.approx(1.0, abs=1e-12)


@given(scores, st.floats(-100.0, 100.0, allow_nan=False))
def test_softmax_does_not_change_when_every_score_shifts(s, c):
    p = [v.data for v in softmax(s)]
    shifted = [v.data for v in softmax([x + c for x in s])]
    assert shifted == pytest.approx(p, rel=1e-9, abs=1e-12)


def test_softmax_by_hand_and_far_beyond_where_exp_overflows():
    e = [math.exp(1.0), math.exp(2.0), math.exp(3.0)]
    assert [v.data for v in softmax([1.0, 2.0, 3.0])] == pytest.approx([x / sum(e) for x in e])
    p = [v.data for v in softmax([1000.0, 1001.0])]  # e^1000 alone would overflow
    assert p == pytest.approx([1 / (1 + math.e), math.e / (1 + math.e)], rel=1e-15)


def test_softmax_jacobian_is_p_k_times_delta_minus_p_j():
    s = [Value(0.5), Value(-1.0), Value(2.0)]
    p = softmax(s)
    for j in range(3):
        for v in s:
            v.zero_grad()
        p[j].backward()
        for k in range(3):
            expected = p[j].data * ((j == k) - p[k].data)
            assert s[k].grad == pytest.approx(expected, rel=1e-12, abs=1e-15)


@given(scores, st.data())
def test_the_two_cross_entropies_agree_in_value_and_gradient(s, data):
    k = data.draw(st.integers(0, len(s) - 1))
    logits_a, logits_b = [Value(x) for x in s], [Value(x) for x in s]
    one_hot = [1.0 if j == k else 0.0 for j in range(len(s))]
    a = cross_entropy(logits_a, k)
    b = cross_entropy_probs(softmax(logits_b), one_hot)
    a.backward()
    b.backward()
    assert abs(a.data - b.data) <= 1e-12 * max(1.0, abs(a.data))
    for u, v in zip(logits_a, logits_b):
        assert abs(u.grad - v.grad) <= 1e-12


def test_the_slide_numbers_probabilities_versus_scores():
    # The example: the same three numbers, read two ways.
    assert cross_entropy_probs([0.2, 0.7, 0.1], [0, 1, 0]).data == pytest.approx(-math.log(0.7))
    as_scores = math.log(sum(math.exp(x) for x in (0.2, 0.7, 0.1))) - 0.7
    assert cross_entropy([0.2, 0.7, 0.1], 1).data == pytest.approx(as_scores)
    assert round(as_scores, 3) == 0.768 and round(-math.log(0.7), 3) == 0.357


def test_soft_targets_and_the_gradient_minus_y_over_p():
    p = [Value(0.5), Value(0.3), Value(0.2)]
    loss = cross_entropy_probs(p, [0.6, 0.4, 0.0])
    loss.backward()
    assert loss.data == pytest.approx(-(0.6 * math.log(0.5) + 0.4 * math.log(0.3)))
    assert [v.grad for v in p] == pytest.approx([-0.6 / 0.5, -0.4 / 0.3, 0.0])


def test_several_samples_give_the_mean():
    loss = cross_entropy_probs([[0.5, 0.5], [0.9, 0.1]], [[1, 0], [0, 1]])
    assert loss.data == pytest.approx((-math.log(0.5) - math.log(0.1)) / 2)


@pytest.mark.parametrize("probs, targets, phrase", [
    ([2.0, -1.0], [1, 0], "not probabilities in (0, 1] summing to 1"),    # scores, not probs
    ([0.0, 1.0], [1, 0], "not probabilities in (0, 1]"),                   # log 0
    ([0.5, 0.6], [1, 0], "summing to 1"),
    ([0.5, 0.5], 1, "targets=1 is an int, not a list"),                 # a class index
    ([0.5, 0.5], [0.5, 0.6], "give a one-hot or soft target vector"),
    ([0.5, 0.5], [1, 0, 0], "give two lists of K numbers"),
])
def test_what_is_not_a_probability_form_is_refused_in_one_line(probs, targets, phrase):
    with pytest.raises((TypeError, ValueError)) as error:
        cross_entropy_probs(probs, targets)
    assert phrase in str(error.value) and "\n" not in str(error.value)


def test_softmax_refuses_an_empty_list_and_non_finite_scores():
    with pytest.raises(ValueError, match="non-empty list of scores"):
        softmax([])
    with pytest.raises(ValueError, match=r"softmax: values\[1\]=inf is not a finite number"):
        softmax([1.0, math.inf])

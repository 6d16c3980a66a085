"""Tests for nn/losses.py: every loss against values and gradients derived by hand."""

import math

import pytest

from autograd import Value
from nn import losses


def _values(*numbers):
    return [Value(x) for x in numbers]


def _sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z))


def test_mse_mean_of_squares_and_gradient_2_error_over_n():
    p = _values(3.0, 1.0)
    loss = losses.mse(p, [1.0, 2.0])  # (2^2 + (-1)^2) / 2
    loss.backward()
    assert loss.data == 2.5
    assert [v.grad for v in p] == [2.0, -1.0]  # 2 (p - y) / n


def test_mse_of_one_sample_and_of_several_outputs():
    p = Value(0.5)
    loss = losses.mse(p, 1.0)
    loss.backward()
    assert loss.data == 0.25 and p.grad == -1.0
    rows = [_values(1.0, 2.0), _values(3.0, 4.0)]
    assert losses.mse(rows, [[1, 1], [1, 1]]).data == (0 + 1 + 4 + 9) / 4


def test_mae_mean_of_absolute_errors_and_gradient_sign_over_n():
    p = _values(3.0, 1.0)
    loss = losses.mae(p, [1.0, 2.0])
    loss.backward()
    assert loss.data == 1.5
    assert [v.grad for v in p] == [0.5, -0.5]


def test_binary_cross_entropy_value_and_gradient():
    p = _values(0.8, 0.3)
    loss = losses.binary_cross_entropy(p, [1, 0])
    loss.backward()
    assert loss.data == pytest.approx(-(math.log(0.8) + math.log(0.7)) / 2)
    assert p[0].grad == pytest.approx(-1 / 0.8 / 2)  # d(-log p)/dp / n
    assert p[1].grad == pytest.approx(1 / 0.7 / 2)   # d(-log(1 - p))/dp / n


def test_binary_cross_entropy_with_soft_targets():
    p = Value(0.6)
    loss = losses.binary_cross_entropy(p, 0.25)
    loss.backward()
    assert loss.data == pytest.approx(-(0.25 * math.log(0.6) + 0.75 * math.log(0.4)))
    assert p.grad == pytest.approx(-0.25 / 0.6 + 0.75 / 0.4)


@pytest.mark.parametrize("z, y", [(2.0, 1), (-1.5, 1), (0.7, 0), (-3.0, 0), (0.4, 0.3)])
def test_sigmoid_then_cross_entropy_gives_dl_dz_equal_a_minus_y(z, y):
    logit = Value(z)
    a = logit.sigmoid()
    losses.binary_cross_entropy(a, y).backward()
    assert logit.grad == pytest.approx(_sigmoid(z) - y, rel=1e-12)


def test_binary_cross_entropy_reads_minus_one_as_the_negative_class():
    assert (losses.binary_cross_entropy(_values(0.3, 0.9), [-1, 1]).data
            == losses.binary_cross_entropy(_values(0.3, 0.9), [0, 1]).data)


def test_binary_cross_entropy_of_a_confident_right_answer_is_zero_with_slope_minus_one():
    # Issue 10, item 6: for a 0/1 label only one log term exists; -log p at p = 1 is 0
    # with d/dp = -1 (and -log(1 - p) at p = 0 is 0 with d/dp = +1).
    for p_data, y, slope in ((1.0, 1, -1.0), (0.0, 0, 1.0), (0.0, -1, 1.0)):
        p = Value(p_data)
        loss = losses.binary_cross_entropy(p, y)
        loss.backward()
        assert loss.data == 0.0 and p.grad == slope
    saturated = Value(40.0).sigmoid()  # 1 - 4e-18 rounds to 1.0
    loss = losses.binary_cross_entropy(saturated, 1)
    assert loss.data == 0.0


def test_binary_cross_entropy_refuses_only_an_infinite_loss_and_points_to_logits():
    for p_data, y in ((1.0, 0), (0.0, 1), (1.0, -1), (1.0, 0.5), (0.0, 0.5)):
        with pytest.raises(ValueError, match=f"sample 0 has probability {p_data!r} and "
                                             f"target .*infinite.*with_logits"):
            losses.binary_cross_entropy(Value(p_data), y)
    with pytest.raises(ValueError, match="sample 0 has output 1.5, which is not a probability"):
        losses.binary_cross_entropy(Value(1.5), 1)
    with pytest.raises(ValueError, match="sample 1 has target 2"):
        losses.binary_cross_entropy(_values(0.5, 0.5), [1, 2])


def test_logits_form_matches_the_probability_form_and_has_gradient_sigmoid_minus_y():
    z = _values(2.0, -3.0, 0.5)
    y = [1, 0, 0.3]
    loss = losses.binary_cross_entropy_with_logits(z, y)
    loss.backward()
    by_hand = [-(t * math.log(_sigmoid(s)) + (1 - t) * math.log(1 - _sigmoid(s)))
               for s, t in zip((2.0, -3.0, 0.5), y)]
    assert loss.data == pytest.approx(sum(by_hand) / 3, rel=1e-12)
    for v, t in zip(z, y):
        assert v.grad == pytest.approx((_sigmoid(v.data) - t) / 3, rel=1e-12)


def test_logits_form_is_stable_for_huge_scores():
    z = Value(1000.0)
    loss = losses.binary_cross_entropy_with_logits(z, 0)  # log(1 + e^1000) = 1000 + tiny
    loss.backward()
    assert loss.data == 1000.0 and z.grad == 1.0


def test_hinge_value_and_gradient_with_signed_labels():
    s = _values(0.5, -2.0, 3.0)
    loss = losses.hinge(s, [1, -1, -1])  # max(0, .5) + max(0, -1) + max(0, 4), over 3
    loss.backward()
    assert loss.data == pytest.approx(4.5 / 3)
    assert [v.grad for v in s] == pytest.approx([-1 / 3, 0.0, 1 / 3])


def test_hinge_reads_zero_as_minus_one_and_rejects_other_labels():
    assert losses.hinge(_values(0.2, 0.4), [0, 1]).data == losses.hinge(
        _values(0.2, 0.4), [-1, 1]).data
    with pytest.raises(ValueError, match="sample 0 has target 2.0; use -1/\\+1"):
        losses.hinge(Value(0.0), 2)


def test_cross_entropy_value_and_softmax_minus_one_hot_gradient():
    s = _values(1.0, 2.0, 3.0)
    loss = losses.cross_entropy(s, 2)
    loss.backward()
    total = math.exp(1) + math.exp(2) + math.exp(3)
    assert loss.data == pytest.approx(math.log(total) - 3.0, rel=1e-12)
    softmax = [math.exp(k) / total for k in (1, 2, 3)]
    assert [v.grad for v in s] == pytest.approx([softmax[0], softmax[1], softmax[2] - 1])


def test_cross_entropy_is_stable_for_huge_scores_and_averages_samples():
    assert losses.cross_entropy(_values(1000.0, 0.0), 1).data == pytest.approx(1000.0)
    rows = [_values(0.0, 0.0), _values(0.0, 0.0, 0.0)]
    assert losses.cross_entropy(rows, [0, 2]).data == pytest.approx(
        (math.log(2) + math.log(3)) / 2)


def test_cross_entropy_wants_a_class_index_not_one_hot():
    with pytest.raises(TypeError, match="^cross_entropy: targets\\[0\\]=\\[0, 1\\] is a list, "
                                        "not a whole number; use a whole number in \\[0, 1\\] "
                                        "such as 0 \\(the class index, not a one-hot list\\)$"):
        losses.cross_entropy([_values(1.0, 2.0)], [[0, 1]])
    with pytest.raises(ValueError, match="^cross_entropy: targets\\[0\\]=2 is out of range; use "
                                         "a whole number in \\[0, 1\\]"):
        losses.cross_entropy(_values(1.0, 2.0), 2)


def test_multiclass_hinge_on_the_three_classic_examples():
    # Scores for three images over (cat, car, frog); correct classes 0, 1, 2.
    rows = [_values(3.2, 5.1, -1.7), _values(1.3, 4.9, 2.0), _values(2.2, 2.5, -3.1)]
    loss = losses.multiclass_hinge(rows, [0, 1, 2])
    loss.backward()
    # 2.9 + 0 + (6.3 + 6.6) = 15.8, over 3 samples
    assert loss.data == pytest.approx(15.8 / 3)
    assert [v.grad for v in rows[0]] == pytest.approx([-1 / 3, 1 / 3, 0.0])
    assert [v.grad for v in rows[1]] == pytest.approx([0.0, 0.0, 0.0])
    assert [v.grad for v in rows[2]] == pytest.approx([1 / 3, 1 / 3, -2 / 3])


def test_l2_is_alpha_times_sum_of_squares_with_gradient_2_alpha_p():
    p = _values(1.0, -2.0, 3.0)
    loss = losses.l2(p, 0.1)
    loss.backward()
    assert loss.data == pytest.approx(1.4)
    assert [v.grad for v in p] == pytest.approx([0.2, -0.4, 0.6])


def test_losses_accept_plain_numbers_as_outputs():
    assert losses.mse([1.0, 3.0], [1.0, 1.0]).data == 2.0


@pytest.mark.parametrize("call, phrase", [
    (lambda: losses.mse(_values(1.0, 2.0), [1.0]), "2 outputs and 1 targets"),
    (lambda: losses.hinge([], []), "0 outputs"),
    (lambda: losses.mse([_values(1.0, 2.0)], [[1.0]]), "differ in length"),
    (lambda: losses.get_loss("cross-entropy"), "get_loss: loss='cross-entropy' is unknown "
                                               "\\(did you mean 'cross_entropy'\\?\\)"),
])
def test_shape_mistakes_are_explained(call, phrase):
    with pytest.raises(ValueError, match=phrase):
        call()


@pytest.mark.parametrize("call, phrase", [
    (lambda: losses.mse([1.0, 2.0], [0.0, math.nan]),
     "^mse: targets\\[1\\]=nan is not a finite number"),
    (lambda: losses.hinge([1.0], [math.inf]), "^hinge: targets\\[0\\]=inf is not a finite number"),
    (lambda: losses.mse([1.0], [10 ** 400]), "^mse: targets\\[0\\]=<int of 1329 bits> is too "
                                             "large for a float"),
    (lambda: losses.l2(_values(1.0), math.nan), "^l2: alpha=nan is not a finite number"),
    (lambda: losses.l2(_values(1.0), -0.1), "^l2: alpha=-0.1 is out of range; use a finite "
                                            "number >= 0 such as 1e-4$"),
])
def test_bad_numbers_are_named_by_the_loss_not_by_an_inner_op(call, phrase):
    with pytest.raises(ValueError, match=phrase):
        call()


def test_a_string_is_not_taken_for_a_list_of_outputs():
    with pytest.raises(TypeError, match="^mse: outputs='ab' is a str, not a list; use a list of "
                                        "numbers \\(or one number\\)$"):
        losses.mse("ab", [1.0, 2.0])
    with pytest.raises(TypeError, match="^mse: targets\\[0\\]='1' is a str, not a number"):
        losses.mse([1.0], ["1"])


def test_get_loss_by_name_or_function():
    assert losses.get_loss("hinge") is losses.hinge
    assert losses.get_loss(len) is len

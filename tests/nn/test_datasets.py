"""Tests for nn/datasets.py: shapes, labels, geometry without noise, seeds, helpers."""

import math
import statistics

import pytest

from nn import datasets


def test_moons_without_noise_lie_on_two_half_circles():
    X, y = datasets.moons(40, noise=0.0)
    assert len(X) == 40 and y.count(0) == 20 and y.count(1) == 20
    for (x1, x2), label in zip(X, y):
        if label == 0:  # upper moon: unit circle around (0, 0), upper half
            assert math.hypot(x1, x2) == pytest.approx(1.0) and x2 >= -1e-12
        else:  # lower moon: unit circle around (1, 0.5), lower half
            assert math.hypot(x1 - 1.0, x2 - 0.5) == pytest.approx(1.0) and x2 <= 0.5 + 1e-12


def test_same_seed_same_data_other_seed_other_data():
    assert datasets.moons(30, seed=1) == datasets.moons(30, seed=1)
    assert datasets.moons(30, seed=1)[0] != datasets.moons(30, seed=2)[0]


def test_noise_is_gaussian_with_the_given_deviation():
    clean, _ = datasets.moons(2000, noise=0.0, seed=0)
    noisy, _ = datasets.moons(2000, noise=0.1, seed=0)
    # Independent noise adds its variance to the spread of the coordinates.
    clean_spread = statistics.pstdev(x for row in clean for x in row)
    noisy_spread = statistics.pstdev(x for row in noisy for x in row)
    assert noisy_spread ** 2 == pytest.approx(clean_spread ** 2 + 0.1 ** 2, rel=0.05)


def test_signed_labels_are_minus_one_and_plus_one():
    _, y01 = datasets.moons(10, seed=3)
    _, signed = datasets.moons(10, seed=3, signed=True)
    assert signed == [2 * label - 1 for label in y01]
    assert set(signed) == {-1, 1}


def test_circles_without_noise_have_radius_one_and_factor():
    X, y = datasets.circles(20, noise=0.0, factor=0.3)
    for row, label in zip(X, y):
        assert math.hypot(*row) == pytest.approx(1.0 if label == 0 else 0.3)


@pytest.mark.parametrize("make, labels", [
    (datasets.xor, [0, 1, 1, 0]),
    (datasets.and_gate, [0, 0, 0, 1]),
    (datasets.or_gate, [0, 1, 1, 1]),
])
def test_gates_default_to_their_truth_tables(make, labels):
    assert make() == ([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], labels)
    assert make(signed=True)[1] == [2 * label - 1 for label in labels]


def test_noisy_xor_points_keep_the_label_of_their_corner():
    X, y = datasets.xor(200, noise=0.05, seed=0)
    for (x1, x2), label in zip(X, y):
        assert label == (round(x1) != round(x2))


def test_blobs_without_noise_sit_on_their_centres():
    X, y = datasets.blobs(12, classes=4, noise=0.0)
    assert sorted(set(y)) == [0, 1, 2, 3]
    for (x1, x2), label in zip(X, y):
        angle = 2 * math.pi * label / 4
        assert (x1, x2) == pytest.approx((3 * math.cos(angle), 3 * math.sin(angle)))


def test_spiral_arms_stay_inside_the_unit_disc():
    X, y = datasets.spiral(90, classes=3, noise=0.2, seed=1)
    assert [y.count(k) for k in range(3)] == [30, 30, 30]
    assert max(math.hypot(*row) for row in X) <= 1.0 + 1e-12


def test_will_i_pass_follows_its_rule_without_noise():
    X, y = datasets.will_i_pass(200, noise=0.0)
    for (studied, slept), passed in zip(X, y):
        assert 0 <= studied <= 10 and 4 <= slept <= 10
        assert passed == int(0.6 * studied + 0.4 * slept > 5)
    assert 0 < sum(y) < 200


def test_standardize_gives_mean_zero_and_deviation_one_per_column():
    X = [[1.0, 10.0, 5.0], [2.0, 20.0, 5.0], [3.0, 60.0, 5.0]]
    scaled = datasets.standardize(X)
    for column in list(zip(*scaled))[:2]:
        assert statistics.fmean(column) == pytest.approx(0.0, abs=1e-12)
        assert statistics.pstdev(column) == pytest.approx(1.0)
    assert [row[2] for row in scaled] == [0.0, 0.0, 0.0]  # a constant column
    assert datasets.standardize([[2.0, 20.0, 5.0]], reference=X) == [scaled[1]]


def test_normalize_maps_the_reference_range_to_zero_one():
    X = [[1.0, -5.0], [3.0, 5.0], [2.0, 0.0]]
    assert datasets.normalize(X) == [[0.0, 0.0], [1.0, 1.0], [0.5, 0.5]]
    assert datasets.normalize([[5.0, 10.0]], reference=X) == [[2.0, 1.5]]


def test_train_validation_split_is_a_seeded_partition():
    X = [[float(i), 0.0] for i in range(10)]
    y = list(range(10))
    X_train, y_train, X_val, y_val = datasets.train_validation_split(X, y, validation=0.3)
    assert len(X_val) == 3 and len(X_train) == 7
    assert sorted(y_train + y_val) == y
    assert all(row[0] == label for row, label in zip(X_train + X_val, y_train + y_val))
    assert datasets.train_validation_split(X, y, validation=0.3) == (X_train, y_train, X_val,
                                                                     y_val)


@pytest.mark.parametrize("call, phrase", [
    (lambda: datasets.moons(0), "moons: n=0 is out of range; use a whole number >= 1"),
    (lambda: datasets.moons(10, noise=-0.1), "moons: noise=-0.1 is out of range"),
    (lambda: datasets.blobs(10, classes=1), "blobs: classes=1 is out of range; use a whole "
                                            "number >= 2"),
    (lambda: datasets.circles(10, factor=1.5), "circles: factor=1.5 is out of range; use a "
                                               "finite number in \\(0, 1\\)"),
    (lambda: datasets.train_validation_split([[1.0]], [0, 1]), "1 rows but y has 2"),
    (lambda: datasets.train_validation_split([[1.0], [2.0]], [0, 1], 1.0),
     "validation=1.0 is out of range; use a finite number in \\(0, 1\\) such as 0.2"),
    (lambda: datasets.standardize([[1.0], [2.0, 3.0]]), "equal length"),
    (lambda: datasets.standardize([[1.0, 2.0], [1.0, float("nan")]]),
     "standardize: X\\[1\\]\\[1\\]=nan is not a finite number"),
    (lambda: datasets.normalize([[1.0]], reference=[[0.0], [float("inf")]]),
     "normalize: X\\[1\\]\\[0\\]=inf is not a finite number"),
])
def test_bad_arguments_are_explained(call, phrase):
    with pytest.raises(ValueError, match=phrase):
        call()


@pytest.mark.parametrize("call, phrase", [
    (lambda: datasets.normalize([[1.0, "a"]]), "normalize: X[0][1]='a' is a str, not a number"),
    (lambda: datasets.moons(10.0), "moons: n=10.0 is a float, not a whole number"),
    (lambda: datasets.spiral(10, classes=None), "spiral: classes=None is None, not a whole"),
])
def test_arguments_of_the_wrong_type_are_type_errors(call, phrase):
    with pytest.raises(TypeError) as error:
        call()
    assert str(error.value).startswith(phrase)


@pytest.mark.parametrize("make", [datasets.spiral, datasets.moons, datasets.blobs,
                                  datasets.will_i_pass, datasets.xor])
def test_noise_too_large_for_finite_points_is_refused_in_one_line(make):
    # Issue 10, item 17: spiral(noise=1e308) ended in Python's "math domain error"
    # (an angle of inf), the others in infinite coordinates.
    with pytest.raises(ValueError, match=r"noise=1e\+308 is out of range"):
        make(noise=1e308)
    X, _ = make(n=50, noise=1e6, seed=3)
    assert all(math.isfinite(x) for row in X for x in row)

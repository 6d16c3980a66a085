"""Tests for nn/train.py: fit learns, batches, seeds, validation, early stopping, accuracy."""

import pytest

import nn
from nn import losses
from nn.optim import SGD


def _moons(n=20):
    return nn.datasets.moons(n, noise=0.1, seed=0, signed=True)


def test_one_gradient_step_lowers_the_loss():
    X, y = _moons()
    model = nn.MLP(2, [8, 1], seed=0)
    before = losses.hinge([model(row) for row in X], y)
    model.zero_grad()
    before.backward()
    SGD(model, lr=0.05).step()
    after = losses.hinge([model(row) for row in X], y)
    assert after.data < before.data


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_xor_is_learned_by_one_hidden_layer(seed):
    X, y = nn.datasets.xor()
    model = nn.MLP(2, [3, 1], activation="tanh", output_activation="sigmoid", seed=seed)
    history = nn.fit(model, X, y, loss="binary_cross_entropy", optimizer=SGD(model, lr=1.0),
                     epochs=300, progress=False)
    assert nn.accuracy(model, X, y) == 1.0
    assert history.loss[-1] < 0.1 < history.loss[0]


def test_xor_is_not_learned_without_a_hidden_layer():
    X, y = nn.datasets.xor()
    model = nn.MLP(2, [1], output_activation="sigmoid", seed=0)
    nn.fit(model, X, y, loss="binary_cross_entropy", optimizer=SGD(model, lr=1.0),
           epochs=300, progress=False)
    assert nn.accuracy(model, X, y) <= 0.75  # a line separates at most 3 of the 4 points


@pytest.mark.parametrize("init", ["zeros", 0.5])
def test_constant_init_keeps_hidden_units_identical_under_training(init):
    X, y = _moons()
    model = nn.MLP(2, [4, 1], activation="tanh", init=init, seed=0)
    nn.fit(model, X, y, loss="mse", optimizer=SGD(model, lr=0.1), epochs=5, progress=False)
    hidden = [[w.data for w in n.weights] + [n.bias.data] for n in model.layers[0].neurons]
    assert all(unit == hidden[0] for unit in hidden)  # the symmetry is never broken
    if init == 0.5:
        assert hidden[0] != [0.5, 0.5, 0.5]  # they did learn, all in lockstep


def test_random_init_breaks_the_symmetry():
    model = nn.MLP(2, [4, 1], activation="tanh", seed=0)
    hidden = [[w.data for w in n.weights] for n in model.layers[0].neurons]
    assert len({tuple(unit) for unit in hidden}) == 4


def test_fit_is_reproducible_under_a_seed_with_shuffled_mini_batches():
    X, y = _moons()

    def run():
        model = nn.MLP(2, [6, 1], seed=3)
        history = nn.fit(model, X, y, loss="hinge", epochs=3, batch_size=4, seed=11,
                         progress=False)
        return history.loss, [p.data for p in model.parameters()]
    assert run() == run()


@pytest.mark.parametrize("batch_size, steps_per_epoch", [(None, 1), (1, 20), (6, 4), (50, 1)])
def test_batch_size_sets_the_number_of_steps(batch_size, steps_per_epoch):
    X, y = _moons()
    model = nn.MLP(2, [3, 1], seed=0)
    optimizer = SGD(model, lr=0.01)
    history = nn.fit(model, X, y, loss="hinge", optimizer=optimizer, epochs=2,
                     batch_size=batch_size, progress=False)
    assert optimizer.steps == 2 * steps_per_epoch
    assert len(history.loss) == len(history.accuracy) == 2


def test_full_batch_loss_is_the_loss_before_the_step():
    X, y = _moons()
    model = nn.MLP(2, [5, 1], seed=2)
    expected = (losses.hinge([model(row) for row in X], y) + losses.l2(model, 1e-3)).data
    history = nn.fit(model, X, y, loss="hinge", l2=1e-3, epochs=1, progress=False)
    assert history.loss == [pytest.approx(expected, rel=1e-12)]


def test_validation_numbers_are_those_of_the_model_after_each_epoch():
    X, y = _moons()
    X_val, y_val = nn.datasets.moons(10, noise=0.1, seed=5, signed=True)
    model = nn.MLP(2, [5, 1], seed=0)
    history = nn.fit(model, X, y, loss="hinge", epochs=3, validation=(X_val, y_val),
                     progress=False)
    assert len(history.val_loss) == len(history.val_accuracy) == 3
    final = losses.hinge([model(row) for row in X_val], y_val).data
    assert history.val_loss[-1] == pytest.approx(final, rel=1e-12)
    assert history.val_accuracy[-1] == nn.accuracy(model, X_val, y_val, threshold=0.0)


def test_early_stopping_stops_and_restores_the_best_weights():
    X, y = _moons()
    flipped = [-label for label in y]  # the better it fits y, the worse it does here
    model = nn.MLP(2, [5, 1], seed=0)
    history = nn.fit(model, X, y, loss="hinge", optimizer=SGD(model, lr=0.2), epochs=50,
                     validation=(X, flipped), early_stopping=2, progress=False)
    assert history.stopped_early
    assert history.epochs == history.best_epoch + 3
    best = min(history.val_loss)
    assert history.val_loss[history.best_epoch] == best
    restored = losses.hinge([model(row) for row in X], flipped).data
    assert restored == pytest.approx(best, rel=1e-12)


def test_callbacks_see_every_epoch_and_can_stop_training():
    X, y = _moons()
    seen = []

    def stop_after_three(epoch, history):
        seen.append((epoch, len(history.loss)))
        return epoch == 2
    history = nn.fit(nn.MLP(2, [3, 1], seed=0), X, y, loss="hinge", epochs=10,
                     callbacks=[stop_after_three], progress=False)
    assert seen == [(0, 1), (1, 2), (2, 3)]
    assert history.epochs == 3 and not history.stopped_early


def test_multiclass_training_with_cross_entropy():
    X, y = nn.datasets.blobs(30, classes=3, noise=0.3, seed=0)
    model = nn.MLP(2, [8, 3], seed=0)
    history = nn.fit(model, X, y, loss="cross_entropy", optimizer=nn.optim.Adam(model, lr=0.05),
                     epochs=30, progress=False)
    assert history.accuracy[-1] == 1.0
    assert nn.accuracy(model, X, y) == 1.0


def test_regression_targets_record_no_accuracy():
    X = [[0.1 * i, 0.0] for i in range(10)]
    y = [0.5 * row[0] + 0.25 for row in X]
    model = nn.MLP(2, [1], seed=0)
    history = nn.fit(model, X, y, loss="mse", epochs=50, progress=False)
    assert history.accuracy == [] and history.loss[-1] < history.loss[0]


def test_fit_leaves_the_model_in_eval_mode():
    X, y = _moons()
    model = nn.MLP(2, [4, 1], dropout=0.5, seed=0)
    nn.fit(model, X, y, loss="hinge", epochs=1, progress=False)
    assert not model.training
    assert model(X[0]).data == model(X[0]).data  # no random dropout any more


@pytest.mark.parametrize("loss, outputs, expected", [
    (losses.hinge, None, 0.0),
    ("binary_cross_entropy_with_logits", None, 0.0),
    (losses.binary_cross_entropy, None, 0.5),
    (None, "sigmoid", 0.5),
    (None, None, 0.5),  # a linear output on 0/1 labels: their midpoint
    ("mse", None, 0.5),
    ("mae", "tanh", 0.5),
])
def test_decision_threshold_for_labels_0_1(loss, outputs, expected):
    model = nn.MLP(2, [2, 1], output_activation=outputs, seed=0)
    assert nn.decision_threshold(model, [0, 1], loss) == expected


def test_decision_threshold_is_zero_for_signed_labels_and_accuracy_uses_it():
    model = nn.Neuron.from_weights([1.0, 0.0])  # output = x1
    X = [[-0.2, 0.0], [0.2, 0.0], [0.7, 0.0]]
    assert nn.decision_threshold(model, [-1, 1, 1], "mse") == 0.0
    assert nn.accuracy(model, X, [-1, 1, 1]) == 1.0
    assert nn.accuracy(model, X, [0, 0, 1], loss="mse") == 1.0  # 0/1 targets: threshold 0.5
    assert nn.accuracy(model, X, [0, 0, 1]) == 1.0  # no loss: the labels' midpoint, 0.5
    assert nn.accuracy(model, X, [0, 0, 1], loss="hinge") == 2 / 3  # a score: threshold 0
    assert nn.accuracy(model, X, [0, 0, 1], threshold=0.5) == 1.0


def test_fit_keeps_the_threshold_it_used():
    X, y = nn.datasets.xor()
    assert nn.fit(nn.MLP(2, [2, 1], seed=0), X, y, loss="mse", epochs=1,
                  progress=False).threshold == 0.5
    assert nn.fit(nn.MLP(2, [2, 1], seed=0), X, y, loss="hinge", epochs=1,
                  progress=False).threshold == 0.0


@pytest.mark.parametrize("kwargs, phrase", [
    ({"epochs": 0}, "^fit: epochs=0 is out of range; use a whole number >= 1$"),
    ({"batch_size": 0}, "^fit: batch_size=0 is out of range; use a whole number >= 1 or None$"),
    ({"early_stopping": -2}, "^fit: early_stopping=-2 is out of range"),
    ({"loss": "l1"}, "^fit: loss='l1' is unknown; use one of 'mse', "),
    ({"l2": -1.0}, "^fit: l2=-1.0 is out of range; use a finite number >= 0 such as 1e-4$"),
])
def test_bad_fit_options_are_explained(kwargs, phrase):
    X, y = _moons()
    with pytest.raises(ValueError, match=phrase):
        nn.fit(nn.MLP(2, [2, 1], seed=0), X, y, progress=False, **kwargs)


def test_bad_data_is_explained():
    model = nn.MLP(2, [2, 1], seed=0)
    with pytest.raises(ValueError, match="X has 2 rows and y has 1 labels"):
        nn.fit(model, [[0.0, 1.0], [1.0, 0.0]], [1], progress=False)
    with pytest.raises(ValueError, match="^fit: row 1 of X: inputs=\\[1.0\\] is of length 1; use a "
                                         "list of 2 numbers"):
        nn.fit(model, [[0.0, 1.0], [1.0]], [1, 0], progress=False)
    with pytest.raises(ValueError, match="not the model's"):
        nn.fit(model, [[0.0, 1.0]], [1], optimizer=SGD(nn.MLP(2, [1]), lr=0.1),
               progress=False)

"""Which class an output means (nn.thresholds): inferred, never guessed."""

import pytest

import nn


def _trained_with_mse_on_0_1_labels():
    X, y = nn.datasets.moons(60, seed=3)  # labels 0/1
    model = nn.MLP(2, [8, 1], activation="tanh", seed=0)
    history = nn.fit(model, X, y, loss="mse", optimizer=nn.optim.Adam(model, lr=0.05),
                     epochs=30, batch_size=20, progress=False)
    return model, X, y, history


def test_accuracy_of_an_mse_model_on_0_1_labels_is_the_same_with_and_without_the_loss():
    model, X, y, history = _trained_with_mse_on_0_1_labels()
    outputs = model.predict_many(X)
    by_hand = sum((o > 0.5) == (label == 1) for o, label in zip(outputs, y)) / len(y)
    at_zero = sum((o > 0.0) == (label == 1) for o, label in zip(outputs, y)) / len(y)
    assert at_zero < by_hand  # the old guess, threshold 0, is wrong for this model
    assert history.threshold == 0.5
    assert nn.accuracy(model, X, y) == nn.accuracy(model, X, y, loss="mse") == by_hand


def test_the_decision_boundary_of_an_mse_model_uses_the_same_threshold():
    model = nn.Neuron.from_weights([1.0, 0.0], activation="linear")  # output = x0
    X, y = [[0.0, 0.0], [1.0, 1.0]], [0, 1]
    figure = nn.plot.decision_boundary(model, X, y, resolution=11)  # no loss, no threshold
    line = figure.axes[0].collections[1]
    xs = [x for path in line.get_paths() for x, _ in path.vertices]
    assert xs and all(abs(x - 0.5) < 1e-9 for x in xs)  # the output crosses 0.5 at x0 = 0.5


@pytest.mark.parametrize("labels, activation, loss, expected", [
    ([-1, 1], "linear", None, 0.0),
    ([-1, 1], "tanh", "mse", 0.0),
    ([0, 1], "tanh", None, 0.5),
    ([0.0, 1.0], "linear", None, 0.5),
    ([2, 2], "sigmoid", None, 0.5),  # a probability, whatever the labels
    ([0, 1], "linear", "binary_cross_entropy_with_logits", 0.0),
    ([3, 7], "linear", "hinge", 0.0),
])
def test_the_threshold_comes_from_the_loss_the_activation_or_the_labels(labels, activation,
                                                                       loss, expected):
    model = nn.MLP(2, [2, 1], output_activation=activation, seed=0)
    assert nn.decision_threshold(model, labels, loss) == expected


@pytest.mark.parametrize("labels", [[0, 2], [1, 1], [0.2, 0.7], [-1, 0, 1]])
def test_labels_that_do_not_say_raise_one_line_instead_of_guessing(labels):
    model = nn.MLP(2, [2, 1], seed=0)
    X = [[0.0, 0.0]] * len(labels)
    for call, name in ((lambda: nn.accuracy(model, X, labels), "accuracy"),
                       (lambda: nn.decision_threshold(model, labels), "decision_threshold")):
        with pytest.raises(ValueError) as error:
            call()
        message = str(error.value)
        assert message.startswith(f"{name}: cannot tell where the output switches class")
        assert "threshold=" in message and "\n" not in message


def test_several_outputs_need_no_threshold():
    model = nn.MLP(2, [2, 3], seed=0)
    assert nn.decision_threshold(model, [0, 2, 5]) == 0.0  # argmax; the threshold is unused


def test_fit_on_regression_targets_keeps_training():
    X = [[0.0, 0.0], [1.0, 0.5], [0.5, 1.0]]
    history = nn.fit(nn.MLP(2, [2, 1], seed=0), X, [0.3, 1.7, 2.2], epochs=2, progress=False)
    assert history.accuracy == [] and history.epochs == 2

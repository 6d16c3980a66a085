"""fit() under bad arguments and diverging runs (issue 10, items 3, 10 and 17).

Every refusal comes before the first step: the parameters are compared with
their values before the call.
"""

import pytest

import nn
from autograd import Value


def _data():
    return nn.datasets.moons(20, noise=0.1, seed=0)


def _numbers(model):
    return [p.data for p in model.parameters()]


@pytest.mark.parametrize("validation, error, phrase", [
    (([[0.0, 1.0]], [1, 0]), ValueError, "validation has 1 rows and 2 labels"),
    (([[0.0, 1.0]],), ValueError, "validation must be a pair"),
    (([[0.0]], [1]), ValueError, "validation row 0: inputs=\\[0.0\\] is of length 1"),
    (([[0.0, float("nan")]], [1]), ValueError, "validation row 0"),
    (([[0.0, 1.0]], [2]), ValueError, "sample 0 has target 2"),  # hinge wants -1/+1
    (([], []), ValueError, "validation has 0 rows"),
    ((5, 6), ValueError, "pair of lists"),
])
def test_a_bad_validation_set_is_refused_before_any_step(validation, error, phrase):
    X, y = _data()
    model = nn.MLP(2, [3, 1], seed=0)
    before = _numbers(model)
    with pytest.raises(error, match=phrase):
        nn.fit(model, X, y, loss="hinge", epochs=2, validation=validation, progress=False)
    assert _numbers(model) == before


def test_a_bad_label_in_a_later_mini_batch_is_refused_before_any_step():
    X, y = _data()
    y = list(y[:-1]) + [7]
    model = nn.MLP(2, [3, 1], seed=0)
    before = _numbers(model)
    with pytest.raises(ValueError, match="sample 19 has target 7"):
        nn.fit(model, X, y, loss="hinge", batch_size=1, shuffle=False, epochs=1,
               progress=False)
    assert _numbers(model) == before


def test_a_loss_function_returning_a_float_gets_one_line():
    X, y = _data()
    model = nn.MLP(2, [3, 1], seed=0)
    before = _numbers(model)
    with pytest.raises(TypeError, match="^fit: the loss function's result for the training "
                                        "data=0.5 is a float, not a Value"):
        nn.fit(model, X, y, loss=lambda outputs, targets: 0.5, epochs=1, progress=False)
    assert _numbers(model) == before


def test_two_output_mse_with_target_rows_trains():
    # Before: decision_threshold built set(y) of lists ("unhashable type: 'list'").
    X, Y = [[0.0, 1.0], [1.0, 0.0]], [[1.0, 0.0], [0.0, 1.0]]
    model = nn.MLP(2, [3, 2], seed=0)
    start = nn.losses.mse([[Value(o) for o in row] for row in model.predict_many(X)], Y).data
    history = nn.fit(model, X, Y, loss="mse", epochs=20, progress=False)
    assert history.accuracy == [] and history.loss[-1] < start


def test_a_diverging_fit_says_so_and_keeps_the_last_finite_parameters():
    X, y = _data()
    model = nn.MLP(2, [4, 1], activation="relu", seed=0)
    seen = []
    with pytest.raises(OverflowError) as caught:
        nn.fit(model, X, y, loss="mse", optimizer=nn.optim.SGD(model, lr=5.0), epochs=200,
               progress=False, callbacks=[lambda epoch, history: seen.append(_numbers(model))])
    message = str(caught.value)
    assert message.startswith(f"fit: training diverged at epoch {len(seen)} (loss ")
    assert "try a smaller learning rate than 5" in message and "\n" not in message
    assert "pow(" not in message and "backward" not in message
    assert seen and _numbers(model) == seen[-1]


@pytest.mark.parametrize("was_on", [True, False])
def test_fit_gives_the_collector_back_as_it_found_it_even_when_training_fails(was_on):
    # Each step runs with the cyclic collector paused (its graph is freed by reference
    # counting); afterwards, and after an error, the collector is as the user left it.
    import gc
    X, y = _data()
    before = gc.isenabled()
    (gc.enable if was_on else gc.disable)()
    try:
        model = nn.MLP(2, [4, 1], activation="relu", seed=0)
        seen: list[bool] = []
        nn.fit(model, X, y, loss="mse", epochs=2, progress=False,
               callbacks=[lambda epoch, history: seen.append(gc.isenabled())])
        assert seen == [was_on, was_on] and gc.isenabled() == was_on
        with pytest.raises(OverflowError):
            nn.fit(model, X, y, loss="mse", optimizer=nn.optim.SGD(model, lr=5.0), epochs=200,
                   progress=False)
        assert gc.isenabled() == was_on
    finally:
        (gc.enable if before else gc.disable)()

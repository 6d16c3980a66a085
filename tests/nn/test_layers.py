"""Tests for nn/layers.py: the lectures' worked examples, shapes, seeds, predict, dropout."""

import math
import random

import pytest

import nn
from autograd import Value
from nn.activations import ACTIVATIONS


def _sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z))


def test_worked_example_z_is_13_6_then_sigmoid():
    neuron = nn.Neuron.from_weights([0.5, 0.2, 10], bias=2, activation="sigmoid")
    out = neuron([2.0, 3.0, 1.0])  # 0.5*2 + 0.2*3 + 10*1 + 2 = 13.6
    assert out.op == "sigmoid"
    assert out.parents[0].data == pytest.approx(13.6, abs=1e-12)
    assert out.data == pytest.approx(_sigmoid(13.6), rel=1e-15)


def test_and_gate_with_weights_20_20_and_bias_minus_30():
    gate = nn.Neuron.from_weights([20, 20], bias=-30, activation="sigmoid")
    # z = -30, -10, -10, 10 on the truth table
    for inputs, z in (([0, 0], -30), ([0, 1], -10), ([1, 0], -10), ([1, 1], 10)):
        assert gate(inputs).data == pytest.approx(_sigmoid(z), rel=1e-12)
    assert [round(gate(x).data) for x in ([0, 0], [0, 1], [1, 0], [1, 1])] == [0, 0, 0, 1]


def test_neuron_graph_is_products_one_sum_with_the_bias_then_activation():
    neuron = nn.Neuron.from_weights([2.0, -1.0], bias=0.5, activation="relu")
    out = neuron([3.0, 4.0])  # relu(6 - 4 + 0.5) = 2.5
    assert out.op == "relu" and out.data == 2.5
    (z,) = out.parents  # the lecture's sum: w1 x1 + w2 x2 + b as one node
    assert z.op == "sum" and z.parents[-1] is neuron.bias and z.local_grads == (1.0,) * 3
    products = z.parents[:-1]
    assert [p.op for p in products] == ["mul", "mul"]
    # the inputs are numbers: each is a constant of its product, not a node
    assert [(p.parents, p.inputs[1]) for p in products] == [((neuron.weights[0],), 3.0),
                                                            ((neuron.weights[1],), 4.0)]


def test_neuron_gradient_matches_the_chain_rule_by_hand():
    neuron = nn.Neuron.from_weights([0.3, -0.4], bias=0.1, activation="tanh")
    x = [Value(1.5), Value(2.0)]
    out = neuron(x)
    out.backward()
    z = 0.3 * 1.5 - 0.4 * 2.0 + 0.1
    local = 1.0 - math.tanh(z) ** 2  # d tanh(z)/dz
    assert neuron.weights[0].grad == pytest.approx(local * 1.5)
    assert neuron.weights[1].grad == pytest.approx(local * 2.0)
    assert neuron.bias.grad == pytest.approx(local)
    assert x[1].grad == pytest.approx(local * -0.4)


def test_layer_always_returns_a_list_and_mlp_a_value_for_one_output():
    assert isinstance(nn.Layer(2, 1, seed=0)([1.0, 2.0]), list)
    assert isinstance(nn.MLP(2, [3, 1], seed=0)([1.0, 2.0]), Value)
    outputs = nn.MLP(2, [3, 2], seed=0)([1.0, 2.0])
    assert isinstance(outputs, list) and len(outputs) == 2


def test_same_seed_same_model_other_seed_other_model():
    def weights(seed):
        return [p.data for p in nn.MLP(2, [4, 1], seed=seed).parameters()]
    assert weights(3) == weights(3)
    assert weights(3) != weights(4)
    assert weights(None) != weights(None)


def test_building_a_model_leaves_the_global_random_generator_alone():
    state = random.getstate()
    nn.MLP(2, [8, 8, 1], seed=0, dropout=0.5)
    nn.MLP(2, [8, 1])
    assert random.getstate() == state


def test_a_shared_generator_continues_across_models():
    rng = random.Random(0)
    first, second = nn.Neuron(2, seed=rng), nn.Neuron(2, seed=rng)
    assert [w.data for w in first.weights] != [w.data for w in second.weights]


def test_per_layer_activation_lists():
    model = nn.MLP(2, [3, 3, 1], activation=["tanh", "relu"], output_activation="sigmoid", seed=0)
    assert [layer.activation for layer in model.layers] == ["tanh", "relu", "sigmoid"]
    model = nn.MLP(2, [3, 1], activation=["elu", "softplus"], seed=0)
    assert [layer.activation for layer in model.layers] == ["elu", "softplus"]
    with pytest.raises(ValueError, match="one name per hidden layer"):
        nn.MLP(2, [3, 3, 1], activation=["tanh"])


@pytest.mark.parametrize("make, phrase", [
    (lambda: nn.Neuron(2, activation="swish"), "Neuron: activation='swish' is unknown; use one of"),
    (lambda: nn.MLP(2, [3, 1], init="glorot"),
     "MLP: init='glorot' is unknown; use one of 'uniform', 'normal', 'xavier', 'he', 'zeros', "
     "or a finite number"),
    (lambda: nn.MLP(2, []), "MLP: sizes=[] is of length 0; use a non-empty list"),
    (lambda: nn.MLP(2, [3, 0]), "MLP: sizes[1]=0 is out of range; use a whole number >= 1"),
    (lambda: nn.Layer(0, 2), "Layer: nin=0 is out of range; use a whole number >= 1"),
    (lambda: nn.MLP(2, [3, 1], dropout=1.0), "MLP: dropout=1.0 is out of range; use a finite "
                                             "number in [0, 1)"),
    (lambda: nn.Neuron.from_weights([]), "weights=[] is of length 0; use a non-empty list"),
    (lambda: nn.Neuron.from_weights([1.0, float("inf")]),
     "Neuron.from_weights: weights[1]=inf is not a finite number"),
    # one layer has no hidden layer to use it, but a misspelled name is still a mistake
    (lambda: nn.MLP(2, [1], activation="swish"), "MLP: activation='swish' is unknown"),
])
def test_bad_arguments_say_what_would_work(make, phrase):
    with pytest.raises(ValueError) as error:
        make()
    assert phrase in str(error.value)


@pytest.mark.parametrize("make, phrase", [
    (lambda: nn.MLP(2, 3), "MLP: sizes=3 is an int, not a list; use a non-empty list"),
    (lambda: nn.MLP(2, [3, 1.0]), "MLP: sizes[1]=1.0 is a float, not a whole number"),
    (lambda: nn.Layer(2, True), "Layer: nout=True is a bool, not a whole number"),
    (lambda: nn.Dropout("0.5"), "Dropout: p='0.5' is a str, not a number"),
    (lambda: nn.MLP(2, [3, 1], activation=3), "MLP: activation=3 is an int, not a list"),
    (lambda: nn.Neuron(2, seed="0"), "Neuron: seed='0' is a str, not a whole number"),
])
def test_arguments_of_the_wrong_type_are_type_errors(make, phrase):
    with pytest.raises(TypeError) as error:
        make()
    assert phrase in str(error.value)


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
def test_predict_gives_exactly_the_graph_forward_value(activation):
    model = nn.MLP(3, [5, 4, 2], activation=activation, output_activation=activation, seed=7)
    rows = [[0.5, -1.25, 2.0], [-3.0, 0.0, 1.0], [0.1, 0.2, 0.3]]
    for row, predicted in zip(rows, model.predict_many(rows)):
        assert predicted == [v.data for v in model(row)]
    assert model.predict(rows[0]) == [v.data for v in model(rows[0])]


def test_predict_shapes_follow_the_call_shapes():
    assert isinstance(nn.MLP(2, [3, 1], seed=0).predict([1.0, 2.0]), float)
    assert isinstance(nn.Neuron(2, seed=0).predict([1.0, 2.0]), float)
    assert len(nn.Layer(2, 3, seed=0).predict([1.0, 2.0])) == 3


def test_predict_builds_no_graph_nodes(monkeypatch):
    model = nn.MLP(2, [4, 1], seed=0)
    expected = model([1.0, 2.0]).data

    def no_graph(*args):
        raise AssertionError("predict built a graph node")
    for method in ("__add__", "__radd__", "__mul__", "__rmul__", "relu"):
        monkeypatch.setattr(Value, method, no_graph)
    assert model.predict_many([[1.0, 2.0]] * 3) == [expected] * 3


def test_dropout_is_identity_in_eval_mode_and_inverted_dropout_in_train_mode():
    dropout = nn.Dropout(0.25, seed=0)
    values = [Value(2.0) for _ in range(4000)]
    kept = [v.data for v in dropout(values)]
    assert set(kept) == {0.0, 2.0 / 0.75}
    share_dropped = kept.count(0.0) / len(kept)
    assert abs(share_dropped - 0.25) < 0.03  # 4000 Bernoulli(0.25): sd 0.007
    dropout.eval()
    assert [v.data for v in dropout(values[:5])] == [2.0] * 5


def test_mlp_dropout_only_on_hidden_layers_and_same_start_weights():
    plain = nn.MLP(2, [8, 8, 1], seed=5)
    dropped = nn.MLP(2, [8, 8, 1], seed=5, dropout=0.5)
    assert [layer.dropout is None for layer in dropped.layers] == [False, False, True]
    assert [p.data for p in plain.parameters()] == [p.data for p in dropped.parameters()]
    assert repr(dropped) == "MLP(2 -> 8 relu dropout 0.5 -> 8 relu dropout 0.5 -> 1)"
    dropped.eval()
    assert dropped([0.3, -0.2]).data == plain([0.3, -0.2]).data
    assert dropped.predict([0.3, -0.2]) == plain.predict([0.3, -0.2])


def test_changing_a_layer_activation_changes_every_neuron():
    layer = nn.Layer(2, 3, seed=0)
    layer.activation = "tanh"
    assert {n.activation for n in layer.neurons} == {"tanh"}
    assert layer([0.5, 0.5])[0].op == "tanh"

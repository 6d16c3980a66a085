"""Tests for nn/module.py: parameter names and order, counts, grads, modes, inputs."""

import subprocess
import sys

import pytest

import nn
from autograd import Value


def test_mlp_parameter_names_follow_layers_neurons_weights_then_bias():
    model = nn.MLP(2, [2, 1], seed=0)
    names = [name for name, _ in model.named_parameters()]
    assert names == [
        "layers.0.neurons.0.weights.0", "layers.0.neurons.0.weights.1", "layers.0.neurons.0.bias",
        "layers.0.neurons.1.weights.0", "layers.0.neurons.1.weights.1", "layers.0.neurons.1.bias",
        "layers.1.neurons.0.weights.0", "layers.1.neurons.0.weights.1", "layers.1.neurons.0.bias",
    ]


def test_parameter_labels_are_their_dotted_names():
    model = nn.MLP(3, [4, 2], seed=0)
    for name, value in model.named_parameters():
        assert value.label == name


def test_neuron_alone_names_its_parameters_without_prefix():
    neuron = nn.Neuron(2, seed=0)
    assert [name for name, _ in neuron.named_parameters()] == ["weights.0", "weights.1", "bias"]
    assert neuron.bias.label == "bias"


def test_layer_names_start_with_neurons():
    layer = nn.Layer(1, 2, seed=0)
    assert [name for name, _ in layer.named_parameters()] == [
        "neurons.0.weights.0", "neurons.0.bias", "neurons.1.weights.0", "neurons.1.bias"]


def test_parameters_are_the_same_objects_in_the_same_order_as_named_parameters():
    model = nn.MLP(2, [3, 1], seed=0)
    assert all(a is b for a, (_, b) in zip(model.parameters(), model.named_parameters()))
    neuron = model.layers[1].neurons[0]
    assert model.parameters()[-4:] == neuron.weights + [neuron.bias]


@pytest.mark.parametrize("nin, sizes, expected", [
    (2, [16, 16, 1], (2 * 16 + 16) + (16 * 16 + 16) + (16 + 1)),  # 337
    (3, [4, 4, 1], (3 * 4 + 4) + (4 * 4 + 4) + (4 + 1)),  # 41
    (1, [1], 2),
])
def test_num_parameters_is_weights_plus_biases(nin, sizes, expected):
    assert nn.MLP(nin, sizes, seed=0).num_parameters() == expected


def test_zero_grad_clears_every_parameter_grad():
    model = nn.MLP(2, [3, 1], seed=1)
    model([1.0, -2.0]).backward()
    assert any(p.grad != 0.0 for p in model.parameters())
    model.zero_grad()
    assert all(p.grad == 0.0 for p in model.parameters())


def test_train_and_eval_reach_every_module_including_dropout():
    model = nn.MLP(2, [3, 3, 1], dropout=0.5, seed=0)
    model.eval()
    modules = [model, *model.layers, *(n for layer in model.layers for n in layer.neurons)]
    dropouts = [layer.dropout for layer in model.layers if layer.dropout is not None]
    assert len(dropouts) == 2
    assert not any(m.training for m in modules + dropouts)
    assert model.train() is model
    assert all(m.training for m in modules + dropouts)


def test_children_lists_direct_parts_in_order():
    model = nn.MLP(2, [3, 1], seed=0)
    assert model.children() == model.layers
    assert model.layers[0].children() == model.layers[0].neurons


def test_repr_shows_sizes_and_activations():
    assert repr(nn.MLP(2, [16, 16, 1], seed=0)) == "MLP(2 -> 16 relu -> 16 relu -> 1)"
    assert repr(nn.MLP(3, [4, 2], "tanh", "sigmoid", seed=0)) == "MLP(3 -> 4 tanh -> 2 sigmoid)"
    assert repr(nn.Layer(2, 3, "tanh", seed=0)) == "Layer(2 -> 3 tanh)"
    assert repr(nn.Neuron(3, "sigmoid", seed=0)) == "Neuron(3 inputs, sigmoid)"


def test_number_inputs_stay_constants_and_values_pass_through():
    neuron = nn.Neuron.from_weights([1.0, 1.0])
    mine = Value(2.0, label="mine")
    out = neuron([3.0, mine])
    leaves = [node for node in _all_nodes(out) if node.is_leaf and not node.label.startswith("w")]
    assert {node.label for node in leaves} == {"mine", "bias"}  # 3.0 is no node
    products = [node for node in _all_nodes(out) if node.op == "mul"]
    assert sorted(p.inputs[1] if p.parents == (p.inputs[0],) else p.inputs[1].data
                  for p in products) == [2.0, 3.0]
    assert out.data == 5.0


@pytest.mark.parametrize("bad, error_type, phrase", [
    ([1.0], ValueError, "inputs=[1.0] is of length 1; use a list of 2 numbers"),
    ([1.0, 2.0, 3.0], ValueError, "inputs=[1.0, 2.0, 3.0] is of length 3"),
    ([1.0, float("nan")], ValueError, "inputs[1]=nan is not a finite number"),
    ([1.0, "a"], TypeError, "inputs[1]='a' is a str, not a number"),
    ([1.0, 10 ** 400], ValueError, "inputs[1]=<int of 1329 bits> is too large for a float"),
    ([True, 1.0], TypeError, "inputs[0]=True is a bool, not a number"),
])
def test_bad_inputs_are_rejected_naming_the_model_and_the_input(bad, error_type, phrase):
    model = nn.MLP(2, [2, 1], seed=0)
    for call in (model, model.predict):
        with pytest.raises(error_type) as error:
            call(bad)
        assert str(error.value).startswith(f"MLP(2 -> 2 relu -> 1): {phrase}")


def test_a_string_is_not_a_list_of_inputs():
    with pytest.raises(TypeError, match="inputs='ab' is a str, not a list; use a list of 2 "
                                        "numbers"):
        nn.Neuron(2)("ab")


def test_import_nn_loads_no_third_party_package():
    code = ("import sys, nn\n"
            "heavy = ['matplotlib', 'tqdm', 'numpy', 'sympy', 'graphviz', 'hypothesis']\n"
            "print([m for m in heavy if m in sys.modules])")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


def _all_nodes(root):
    seen, stack = [], [root]
    while stack:
        node = stack.pop()
        if all(node is not s for s in seen):
            seen.append(node)
            stack.extend(node.parents)
    return seen

"""The Jacobian of a linear nn.Layer is its weight matrix (nout x nin), by autograd's jacobian."""

from __future__ import annotations

from hypothesis import given, strategies as st

import nn
from autograd import Value, jacobian


@given(nin=st.integers(1, 4), nout=st.integers(1, 4), seed=st.integers(0, 10_000),
       x=st.lists(st.floats(-10.0, 10.0, allow_nan=False), min_size=4, max_size=4))
def test_the_jacobian_of_a_linear_layer_is_its_weight_matrix(nin, nout, seed, x):
    layer = nn.Layer(nin, nout, activation="linear", seed=seed)
    inputs = [Value(v) for v in x[:nin]]
    J = jacobian(layer(inputs), inputs)
    assert J == [[w.data for w in neuron.weights] for neuron in layer.neurons]


def test_the_jacobian_of_a_layer_with_respect_to_its_weights_is_the_input():
    layer = nn.Layer(3, 2, activation="linear", seed=0)
    outputs = layer([1.0, -2.0, 0.5])
    first = layer.neurons[0].weights
    assert jacobian(outputs, first) == [[1.0, -2.0, 0.5], [0.0, 0.0, 0.0]]

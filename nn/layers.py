"""Neuron, Layer, MLP and Dropout: networks built from Values.

A neuron computes z = w0 x0 + w1 x1 + ... + b, one node per product and per
sum, then its activation (one more node). A layer is neurons side by side on
the same inputs; an MLP is layers one after the other.

Every module has two forward passes that compute the same numbers:
`model(x)` builds a graph you can call backward() on (training), while
`model.predict(x)` uses plain floats and the same rule functions, and is much
faster for evaluation and plots (no dropout there).
"""

from __future__ import annotations

from operator import mul
from typing import Any, Callable, Sequence

from autograd import Value, sum_values
from autograd.checks import count, real, sequence, shown

from .activations import get_activation
from .init import Init, Seed, check_init, initial_bias, initial_weights, make_rng
from .module import Module, as_input_floats, as_input_values

# The float version of a layer: (weights, bias, activation function) per neuron.
FloatLayer = list[tuple[list[float], float, Callable[[float], float]]]


class Network(Module):
    """What Neuron, Layer and MLP share: prediction with plain floats."""

    def predict(self, inputs: Sequence[Any]) -> Any:
        """The output for one input row, as floats, without building a graph."""
        return self.predict_many([inputs])[0]

    def predict_many(self, rows: Sequence[Sequence[Any]]) -> list[Any]:
        """The output for each input row, as floats, without building a graph."""
        layers = self._float_layers()
        size = len(layers[0][0][0])
        outputs = []
        for row in rows:
            x = as_input_floats(row, size, self)
            for layer in layers:
                x = [activation(_weighted_sum(weights, x, bias))
                     for weights, bias, activation in layer]
            outputs.append(self._shape(x))
        return outputs

    def _float_layers(self) -> list[FloatLayer]:
        raise NotImplementedError

    def _shape(self, outputs: list[Any]) -> Any:
        return outputs


def _weighted_sum(weights: list[float], inputs: list[float], bias: float) -> float:
    """w . x + b as the neuron's Σ node computes it, one sum() of the products and
    the bias in that order, so that predict() gives the very float of the graph."""
    return sum([*map(mul, weights, inputs), bias])


class Neuron(Network):
    """One unit: activation(w . x + b). `weights` and `bias` are Values."""

    _fields = ("weights", "bias")

    def __init__(self, nin: int, activation: str = "relu", init: Init = "uniform",
                 seed: Seed = None, *, fan_out: int = 1, init_scale: float = 1.0) -> None:
        count("Neuron", "nin", nin, minimum=1)
        check_init(init, "Neuron", init_scale)
        self.activation = activation
        rng = make_rng(seed, "Neuron")
        self.weights = [Value(w) for w in initial_weights(init, nin, fan_out, rng, init_scale)]
        self.bias = Value(initial_bias(init))
        self._label_parameters()

    @classmethod
    def from_weights(cls, weights: Sequence[float], bias: float = 0.0,
                     activation: str = "linear") -> Neuron:
        """A neuron with exactly these weights and bias (for worked examples)."""
        where = "Neuron.from_weights"
        weights = [real(where, f"weights[{index}]", number)
                   for index, number in enumerate(sequence(where, "weights", weights, minimum=1))]
        bias = real(where, "bias", bias)
        neuron = cls(len(weights), activation, init=0.0)
        for parameter, number in zip(neuron.weights, weights):
            parameter.data = number
        neuron.bias.data = bias
        return neuron

    @property
    def activation(self) -> str:
        """The activation's name, e.g. "relu"."""
        return self._activation.name

    @activation.setter
    def activation(self, name: str) -> None:
        self._activation = get_activation(name, "Neuron")

    @property
    def nin(self) -> int:
        return len(self.weights)

    def __call__(self, inputs: Sequence[Any]) -> Value:
        return self._forward(as_input_values(inputs, len(self.weights), self))

    def _forward(self, inputs: list[Value | float]) -> Value:
        # As the slides draw a neuron: the products w_i x_i, one sum node
        # (with the bias), then the activation.
        products = [w * x for w, x in zip(self.weights, inputs)]
        return self._activation.on_value(sum_values([*products, self.bias]))

    def _float_layers(self) -> list[FloatLayer]:
        return [[self._float_neuron()]]

    def _float_neuron(self) -> tuple[list[float], float, Callable[[float], float]]:
        return [w.data for w in self.weights], self.bias.data, self._activation.on_float

    def _shape(self, outputs: list[Any]) -> Any:
        return outputs[0]

    def __repr__(self) -> str:
        return f"Neuron({self.nin} inputs, {self.activation})"


class Layer(Network):
    """`nout` neurons reading the same `nin` inputs; calling it returns a list."""

    _fields = ("neurons", "dropout")

    def __init__(self, nin: int, nout: int, activation: str = "relu",
                 init: Init = "uniform", seed: Seed = None, dropout: float = 0.0,
                 init_scale: float = 1.0) -> None:
        count("Layer", "nin", nin, minimum=1)
        count("Layer", "nout", nout, minimum=1)
        check_init(init, "Layer", init_scale)
        get_activation(activation, "Layer")
        real("Layer", "dropout", dropout, low=0, high=1, high_open=True)
        rng = make_rng(seed, "Layer")
        self.neurons = [Neuron(nin, activation, init, rng, fan_out=nout, init_scale=init_scale)
                        for _ in range(nout)]
        self.dropout = Dropout(dropout, seed=rng.getrandbits(64)) if dropout else None
        self._label_parameters()

    @property
    def activation(self) -> str:
        """The activation's name, shared by all neurons of the layer."""
        return self.neurons[0].activation

    @activation.setter
    def activation(self, name: str) -> None:
        for neuron in self.neurons:
            neuron.activation = name

    @property
    def nin(self) -> int:
        return self.neurons[0].nin

    @property
    def nout(self) -> int:
        return len(self.neurons)

    def __call__(self, inputs: Sequence[Any]) -> list[Value]:
        return self._forward(as_input_values(inputs, self.nin, self))

    def _forward(self, inputs: list[Value]) -> list[Value]:
        outputs = [neuron._forward(inputs) for neuron in self.neurons]
        if self.dropout is not None:
            outputs = self.dropout(outputs)
        return outputs

    def _float_layers(self) -> list[FloatLayer]:
        return [[neuron._float_neuron() for neuron in self.neurons]]

    def _describe(self) -> str:
        text = f"{self.nout}" if self.activation == "linear" else f"{self.nout} {self.activation}"
        if self.dropout is not None:
            text += f" dropout {self.dropout.p:g}"
        return text

    def __repr__(self) -> str:
        return f"Layer({self.nin} -> {self._describe()})"


class MLP(Network):
    """Layers in a row: `sizes` lists each layer's number of neurons.

    Hidden layers use `activation` (a name, or a list of names, one per hidden
    layer or one per layer); the last layer uses `output_activation` (None is
    linear). `dropout` applies to the hidden layers' outputs in train mode;
    `init_scale` multiplies the weights a random `init` draws (nn.init).
    """

    _fields = ("layers",)

    def __init__(self, nin: int, sizes: Sequence[int], activation: str | Sequence[str] = "relu",
                 output_activation: str | None = None, init: Init = "uniform",
                 seed: Seed = None, dropout: float = 0.0, init_scale: float = 1.0) -> None:
        count("MLP", "nin", nin, minimum=1)
        sizes = sequence("MLP", "sizes", sizes, of="layer sizes, e.g. [16, 16, 1]", minimum=1)
        for index, size in enumerate(sizes):
            count("MLP", f"sizes[{index}]", size, minimum=1)
        activations = _layer_activations(activation, output_activation, len(sizes))
        check_init(init, "MLP", init_scale)
        real("MLP", "dropout", dropout, low=0, high=1, high_open=True)
        rng = make_rng(seed, "MLP")
        inputs = [nin] + list(sizes[:-1])
        self.layers = [Layer(n_in, n_out, name, init, rng, init_scale=init_scale)
                       for n_in, n_out, name in zip(inputs, sizes, activations)]
        if dropout:
            # Drawn after all weights, so dropout does not change the initial weights.
            for layer in self.layers[:-1]:
                layer.dropout = Dropout(dropout, seed=rng.getrandbits(64))
        self._label_parameters()

    @property
    def nin(self) -> int:
        return self.layers[0].nin

    def __call__(self, inputs: Sequence[Any]) -> Any:
        """The output Value (a list of Values if the last layer has several)."""
        values = as_input_values(inputs, self.nin, self)
        for layer in self.layers:
            values = layer._forward(values)
        return values[0] if len(values) == 1 else values

    def _float_layers(self) -> list[FloatLayer]:
        return [layer._float_layers()[0] for layer in self.layers]

    def _shape(self, outputs: list[Any]) -> Any:
        return outputs[0] if len(outputs) == 1 else outputs

    def __repr__(self) -> str:
        steps = [str(self.nin)] + [layer._describe() for layer in self.layers]
        return f"MLP({' -> '.join(steps)})"


class Dropout(Module):
    """In train mode, zero each value with probability p and scale the rest by
    1 / (1 - p), so the expected value is unchanged; in eval mode, do nothing."""

    def __init__(self, p: float = 0.5, seed: Seed = None) -> None:
        self.p = real("Dropout", "p", p, low=0, high=1, high_open=True)
        self._rng = make_rng(seed, "Dropout")

    def __call__(self, values: Sequence[Value]) -> list[Value]:
        if not self.training or self.p == 0.0:
            return list(values)
        keep_scale = 1.0 / (1.0 - self.p)
        return [value * (0.0 if self._rng.random() < self.p else keep_scale)
                for value in values]

    def __repr__(self) -> str:
        return f"Dropout(p={self.p:g})"


def _layer_activations(activation: str | Sequence[str], output: str | None,
                       layers: int) -> list[str]:
    if activation is None or isinstance(activation, str):
        get_activation(activation, "MLP")  # checked even when there is no hidden layer
        return [activation or "linear"] * (layers - 1) + [output or "linear"]
    names = sequence("MLP", "activation", activation, of="activation names")
    if len(names) == layers - 1:
        names.append(output or "linear")
    elif len(names) != layers or output is not None:
        raise ValueError(f"MLP: activation lists one name per hidden layer ({layers - 1}) "
                         f"or per layer ({layers}, with output_activation=None), "
                         f"got {shown(activation)}")
    for name in names:
        get_activation(name, "MLP")
    return names


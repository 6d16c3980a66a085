"""Adapters that let one benchmark program run on several scalar engines.

Two kinds of adapter:
- `Engine`: the same few operations on every library (make a leaf, relu,
  backward), so a program written once against it builds exactly the same
  graph everywhere (bench_engine: the engines' own cost per node);
- `Model`: an MLP written the way each library's users write it (chainrule's
  nn.MLP and nn.losses, micrograd's own MLP, PyTorch scalars by hand), fed
  plain floats (bench_fresh: the case users write).
A library that is not installed gives None, and the benchmarks say so.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import Any, Callable, Iterator, Sequence

Rows = Sequence[Sequence[float]]  # one list of nin floats per sample


@dataclass(frozen=True)
class Engine:
    """How to build and differentiate a scalar graph with one library."""

    name: str
    leaf: Callable[[float], Any]
    parameter: Callable[[float], Any]
    relu: Callable[[Any], Any]
    backward: Callable[[Any], None]


@dataclass(frozen=True)
class Model:
    """One library's MLP with relu hidden layers and one linear output.

    loss(X, y) builds a fresh graph from plain floats: the forward pass on every
    row of X, then the mean squared error mean((score - target)^2) against y
    (one float per row); it returns the loss node. backward(loss) zeroes the
    parameters' grads, then backpropagates from the loss. `parameters` are the
    library's own parameter objects in micrograd's order (layer by layer, neuron
    by neuron, the weights then the bias); data(node) is a node's number and
    grad(parameter) its gradient after backward, as floats.
    """

    name: str
    loss: Callable[[Rows, Sequence[float]], Any]
    backward: Callable[[Any], None]
    parameters: list[Any]
    data: Callable[[Any], float] = attrgetter("data")
    grad: Callable[[Any], float] = attrgetter("grad")

    def grads(self) -> list[float]:
        """d loss / d parameter after backward, in the order of `parameters`."""
        return [self.grad(parameter) for parameter in self.parameters]


def chainrule() -> Engine:
    from autograd import Value
    return Engine("chainrule", Value, Value, Value.relu, Value.backward)


def micrograd() -> Engine | None:
    try:
        from micrograd.engine import Value
    except ImportError:
        return None
    return Engine("micrograd 0.1.0", Value, Value, Value.relu, Value.backward)


def torch_scalars() -> Engine | None:
    torch = import_torch()
    if torch is None:
        return None

    def leaf(x: float) -> Any:
        return torch.tensor(x, dtype=torch.float64)

    def parameter(x: float) -> Any:
        return torch.tensor(x, dtype=torch.float64, requires_grad=True)

    return Engine(torch_name(torch), leaf, parameter, torch.relu, lambda root: root.backward())


def import_torch() -> Any:
    """The torch module, or None when it is missing or fails to load."""
    try:
        import torch
    except (ImportError, OSError):  # OSError: a wheel whose shared libraries do not load
        return None
    return torch


def torch_name(torch: Any) -> str:
    return f"PyTorch {torch.__version__} scalars"


def _numbers(start: Sequence[float], count: int, where: str) -> Iterator[float]:
    if len(start) != count:
        raise ValueError(f"{where}: got {len(start)} start numbers for {count} parameters; "
                         f"give one per parameter, in micrograd's order")
    return iter(start)


def _mean_squared_error(scores: list[Any], targets: Sequence[float]) -> Any:
    """mean((s - t)^2), written the way micrograd's and PyTorch's users write it."""
    return sum((s - t) ** 2 for s, t in zip(scores, targets)) * (1.0 / len(targets))


def _module_model(name: str, module: Any, loss: Callable[[Rows, Sequence[float]], Any],
                  start: Sequence[float]) -> Model:
    """A Model around a module with parameters() and zero_grad() (nn's and micrograd's)."""
    parameters = module.parameters()
    for parameter, number in zip(parameters, _numbers(start, len(parameters), name)):
        parameter.data = number

    def backward(root: Any) -> None:
        module.zero_grad()
        root.backward()

    return Model(name, loss, backward, parameters)


def chainrule_mlp(nin: int, sizes: Sequence[int], start: Sequence[float]) -> Model:
    """nn.MLP(nin, sizes) with nn.losses.mse: chainrule's public API only."""
    import nn
    model = nn.MLP(nin, list(sizes), activation="relu")
    return _module_model("chainrule", model,
                         lambda X, y: nn.losses.mse([model(row) for row in X], y), start)


def micrograd_mlp(nin: int, sizes: Sequence[int], start: Sequence[float]) -> Model | None:
    """micrograd's own MLP; it wraps the float inputs in Values itself."""
    try:
        from micrograd.nn import MLP
    except ImportError:
        return None
    model = MLP(nin, list(sizes))
    return _module_model("micrograd 0.1.0", model,
                         lambda X, y: _mean_squared_error([model(row) for row in X], y), start)


def torch_mlp(nin: int, sizes: Sequence[int], start: Sequence[float]) -> Model | None:
    """The same MLP with PyTorch scalars: 0-dim float64 tensors, requires_grad."""
    torch = import_torch()
    if torch is None:
        return None
    shapes = list(zip([nin, *sizes], sizes))
    numbers = _numbers(start, sum((n_in + 1) * n_out for n_in, n_out in shapes), "torch_mlp")

    def scalar() -> Any:
        return torch.tensor(next(numbers), dtype=torch.float64, requires_grad=True)

    layers = [[([scalar() for _ in range(n_in)], scalar()) for _ in range(n_out)]
              for n_in, n_out in shapes]
    parameters = [p for layer in layers for weights, bias in layer for p in (*weights, bias)]

    def score(row: Sequence[float]) -> Any:
        x: Sequence[Any] = row
        for depth, layer in enumerate(layers):
            x = [sum((w * xi for w, xi in zip(weights, x)), bias) for weights, bias in layer]
            x = [torch.relu(a) for a in x] if depth < len(layers) - 1 else x
        return x[0]

    def loss(X: Rows, y: Sequence[float]) -> Any:
        return _mean_squared_error([score(row) for row in X], y)

    def backward(root: Any) -> None:
        for parameter in parameters:
            parameter.grad = None
        root.backward()

    def grad(parameter: Any) -> float:
        return 0.0 if parameter.grad is None else parameter.grad.item()

    return Model(torch_name(torch), loss, backward, parameters, lambda node: node.item(), grad)

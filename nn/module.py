"""Module: what every network piece shares (parameters, names, modes).

A module is a tree: an MLP holds Layers, a Layer holds Neurons, a Neuron holds
its weights and bias (Values). Each class lists, in `_fields`, the attributes
that hold its parts; everything here walks those attributes in order, so the
parameter order is deterministic and every parameter gets a dotted name such
as "layers.0.neurons.3.weights.1", which is also its Value's label (so
diagrams and tapes show where a number lives).
"""

from __future__ import annotations

from typing import Any, Iterator, Sequence

from autograd import Value
from autograd.checks import real, sequence


class Module:
    """Base class of Neuron, Layer, MLP and Dropout."""

    # Names of the attributes holding parts: Values, Modules, lists of them, or None.
    _fields: tuple[str, ...] = ()
    training: bool = True

    def named_parameters(self) -> list[tuple[str, Value]]:
        """(dotted name, Value) for every parameter, in a fixed order."""
        found: list[tuple[str, Value]] = []
        for field in self._fields:
            _collect(field, getattr(self, field), found)
        return found

    def parameters(self) -> list[Value]:
        """Every parameter Value, in the order of named_parameters()."""
        return [value for _, value in self.named_parameters()]

    def num_parameters(self) -> int:
        """How many numbers training adjusts."""
        return len(self.named_parameters())

    def zero_grad(self) -> None:
        """Set every parameter's grad to 0 (grads add up across backward calls)."""
        for parameter in self.parameters():
            parameter.zero_grad()

    def children(self) -> list[Module]:
        """The modules directly inside this one, in order."""
        found: list[Module] = []
        for field in self._fields:
            for item in _flatten(getattr(self, field)):
                if isinstance(item, Module):
                    found.append(item)
        return found

    def train(self, mode: bool = True) -> Module:
        """Training mode (dropout active) for this module and all inside it."""
        self.training = bool(mode)
        for child in self.children():
            child.train(mode)
        return self

    def eval(self) -> Module:
        """Evaluation mode (dropout off) for this module and all inside it."""
        return self.train(False)

    def _label_parameters(self) -> None:
        """Give each parameter Value its dotted name as label."""
        for name, value in self.named_parameters():
            value.label = name


def _flatten(item: Any) -> Iterator[Any]:
    if isinstance(item, list):
        for element in item:
            yield from _flatten(element)
    elif item is not None:
        yield item


def _collect(prefix: str, item: Any, found: list[tuple[str, Value]]) -> None:
    if isinstance(item, Value):
        found.append((prefix, item))
    elif isinstance(item, Module):
        for name, value in item.named_parameters():
            found.append((f"{prefix}.{name}", value))
    elif isinstance(item, list):
        for index, element in enumerate(item):
            _collect(f"{prefix}.{index}", element, found)


def as_input_values(inputs: Sequence[Any], size: int, where: object) -> list[Value | float]:
    """The inputs, checked: Values stay Values, numbers stay plain floats (each
    becomes a constant of the product w * x that uses it, not a node).

    `where` names the caller in error messages (a module: its repr is only
    computed when there is an error).
    """
    inputs = sequence(where, "inputs", inputs, length=size, of="numbers or Values")
    return [x if isinstance(x, Value) else real(where, f"inputs[{index}]", x)
            for index, x in enumerate(inputs)]


def as_input_floats(inputs: Sequence[Any], size: int, where: object) -> list[float]:
    """The inputs as plain floats, for prediction without a graph."""
    inputs = sequence(where, "inputs", inputs, length=size, of="numbers or Values")
    return [x.data if isinstance(x, Value) else real(where, f"inputs[{index}]", x)
            for index, x in enumerate(inputs)]

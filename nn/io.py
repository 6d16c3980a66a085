"""Saving and loading an MLP as JSON: plain text you can read, never pickle.

A file holds the architecture and every number:

    {"format": "chainrule.nn.MLP", "version": 1, "nin": 2,
     "layers": [{"activation": "relu", "dropout": 0.0,
                 "weights": [[w00, w01], ...], "biases": [b0, ...]}, ...]}

weights[i] are the weights of neuron i, one per input. load() checks the whole
file before building anything and raises ValueError naming the file and the
problem; a failed load changes nothing (it only ever makes a new model).
save() and load() go through autograd.filesystem: regular files only, a
save is whole or absent (never half a file), a load reads at most 64 MiB.
"""

from __future__ import annotations

import json
import os
from typing import Any, Callable

from autograd.checks import checked_as, count, instance, one_of, real, sequence, shown
from autograd.filesystem import read_bytes, write_bytes

from .activations import ACTIVATIONS, is_activation
from .layers import MLP, Dropout

FORMAT = "chainrule.nn.MLP"
VERSION = 1
FilePath = str | os.PathLike


class _Invalid(Exception):
    """A problem in the file's content (turned into ValueError with the file name)."""


def save(model: MLP, path: FilePath) -> None:
    """Write `model` (an MLP) to `path` as JSON, whole or not at all.

    Raises TypeError for anything but an MLP, and ValueError (one line, naming
    the file) when the folder does not exist or `path` is a symlink, folder,
    FIFO or device (see autograd.filesystem for how the file is written).
    """
    write_bytes(path, model_json(model, "save").encode("utf-8"), "save")


def model_json(model: MLP, where: str = "model_json") -> str:
    """The text save() writes for `model` (an MLP; a TypeError naming `where` otherwise)."""
    instance(where, "model", model, MLP, "an nn.MLP (wrap a layer as MLP(nin, [nout]))")
    layers = []
    for layer in model.layers:
        layers.append({
            "activation": layer.activation,
            "dropout": layer.dropout.p if layer.dropout is not None else 0.0,
            "weights": [[w.data for w in neuron.weights] for neuron in layer.neurons],
            "biases": [neuron.bias.data for neuron in layer.neurons],
        })
    text = json.dumps({"format": FORMAT, "version": VERSION, "nin": model.nin, "layers": layers},
                      indent=1, allow_nan=False)
    return text + "\n"


def load(path: FilePath) -> MLP:
    """The MLP saved in `path`.

    Raises ValueError naming the file when it is missing, not a regular file
    (folder, FIFO, device, symlink loop), larger than
    autograd.filesystem.MAX_READ_BYTES (64 MiB), or not a valid model file.
    """
    raw = read_bytes(path, "load")
    try:
        spec = _parse(raw)
        sizes, activations, dropouts = _check_layers(spec)
    except _Invalid as problem:
        raise ValueError(f"load: {os.fspath(path)!r} is not a valid model file: "
                         f"{problem}") from None
    model = MLP(spec["nin"], sizes, activations, init=0.0)
    for index, (layer, layer_spec) in enumerate(zip(model.layers, spec["layers"])):
        for neuron, weights, bias in zip(layer.neurons, layer_spec["weights"],
                                         layer_spec["biases"]):
            for parameter, number in zip(neuron.weights, weights):
                parameter.data = number
            neuron.bias.data = bias
        if dropouts[index]:
            layer.dropout = Dropout(dropouts[index], seed=index)
    return model


def _parse(raw: bytes) -> dict[str, Any]:
    """The file's JSON object, with its format and version checked."""
    if not raw.strip():
        raise _Invalid("the file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _Invalid(f"not UTF-8 text (byte {error.start})") from None
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise _Invalid(f"not valid JSON, {error.msg} at line {error.lineno} column "
                       f"{error.colno} (truncated or not a model file?)") from None
    except RecursionError:
        raise _Invalid("nested far too deeply to be a model file") from None
    except ValueError:  # Python refuses integer literals of more than 4300 digits
        raise _Invalid("it contains a number with thousands of digits; every number must "
                       "fit in a float") from None
    _checked(instance, "content", data, dict, "a JSON object (see nn.io's docstring)")
    if data.get("format") != FORMAT:
        raise _Invalid(f"format is {shown(data.get('format'))}, expected {FORMAT!r}")
    if type(data.get("version")) is not int or data["version"] != VERSION:
        raise _Invalid(f"version {shown(data.get('version'))} is not supported (only {VERSION})")
    _check_keys(data, {"format", "version", "nin", "layers"}, "the top level")
    return data


def _reject_constant(name: str) -> None:
    raise _Invalid(f"it contains {name}; every number must be finite")


def _check_layers(spec: dict[str, Any]) -> tuple[list[int], list[str], list[float]]:
    """Layer sizes, activations and dropouts, after checking every shape and number."""
    fan_in = _checked(count, "nin", spec["nin"], minimum=1)
    layers = _checked(sequence, "layers", spec["layers"], of="layer objects", minimum=1)
    sizes, activations, dropouts = [], [], []
    for index, layer in enumerate(layers):
        where = f"layers[{index}]"
        _checked(instance, where, layer, dict, "a JSON object")
        _check_keys(layer, {"activation", "dropout", "weights", "biases"}, where)
        activations.append(_activation(layer["activation"], f"{where}.activation"))
        dropouts.append(_checked(real, f"{where}.dropout", layer["dropout"], low=0, high=1,
                                 high_open=True))
        weights = _checked(sequence, f"{where}.weights", layer["weights"],
                           of="rows, one per neuron", minimum=1)
        biases = _checked(sequence, f"{where}.biases", layer["biases"], length=len(weights),
                          of="numbers, one per neuron")
        for row_index, row in enumerate(weights):
            row = _checked(sequence, f"{where}.weights[{row_index}]", row, length=fan_in,
                           of="numbers, one per input")
            for column, number in enumerate(row):
                _checked(real, f"{where}.weights[{row_index}][{column}]", number)
        for row_index, number in enumerate(biases):
            _checked(real, f"{where}.biases[{row_index}]", number)
        sizes.append(len(weights))
        fan_in = len(weights)
    return sizes, activations, dropouts


def _check_keys(data: dict[str, Any], expected: set[str], where: str) -> None:
    if set(data) != expected:
        missing, extra = sorted(expected - set(data)), sorted(set(data) - expected)
        wrong = [f"missing keys {missing}"] if missing else []
        wrong += [f"unexpected keys {shown(extra)}"] if extra else []
        raise _Invalid(f"{where} has {' and '.join(wrong)}; expected exactly {sorted(expected)}")


def _activation(name: Any, where: str) -> str:
    """name if it names an activation (leaky_relu(0.1)-style slopes too), else _Invalid."""
    if isinstance(name, str) and is_activation(name):
        return name
    return _checked(one_of, where, name, ACTIVATIONS, also="leaky_relu(0.1) or elu(0.5)")


def _checked(check: Callable[..., Any], name: str, *args: Any, **options: Any) -> Any:
    """check("", name, ...) from autograd.checks, its error turned into _Invalid."""
    return checked_as(_Invalid, check, "", name, *args, **options)

"""Tests for nn/io.py: JSON round trip, and every malformed file rejected cleanly."""

import json
import random

import pytest

import nn


@pytest.fixture
def model():
    return nn.MLP(2, [3, 2, 1], activation=["tanh", "leaky_relu"], output_activation="sigmoid",
                  dropout=0.25, seed=4)


@pytest.fixture
def saved(model, tmp_path):
    path = tmp_path / "model.json"
    nn.save(model, path)
    return path


def test_round_trip_keeps_architecture_numbers_and_predictions(model, saved):
    loaded = nn.load(saved)
    assert repr(loaded) == repr(model)
    assert [(n, p.data) for n, p in loaded.named_parameters()] == [
        (n, p.data) for n, p in model.named_parameters()]
    rows = [[0.3, -1.2], [2.0, 0.5]]
    assert loaded.predict_many(rows) == model.predict_many(rows)
    assert [layer.dropout.p if layer.dropout else 0.0 for layer in loaded.layers] == [
        0.25, 0.25, 0.0]


def test_the_file_is_readable_json(saved):
    data = json.loads(saved.read_text())
    assert data["format"] == "chainrule.nn.MLP" and data["nin"] == 2
    assert [layer["activation"] for layer in data["layers"]] == ["tanh", "leaky_relu", "sigmoid"]
    assert len(data["layers"][0]["weights"]) == 3 and len(data["layers"][0]["weights"][0]) == 2


def test_save_leaves_no_temporary_file_and_overwrites(model, saved):
    nn.save(nn.MLP(2, [1], seed=0), saved)
    assert [p.name for p in saved.parent.iterdir()] == ["model.json"]
    assert repr(nn.load(saved)) == "MLP(2 -> 1)"


def test_a_failed_save_leaves_no_temporary_file(model, tmp_path):
    (tmp_path / "folder").mkdir()
    with pytest.raises(ValueError, match="save: cannot write .*folder'.*it is a folder"):
        nn.save(model, tmp_path / "folder")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder"]


def test_a_saved_file_has_the_permissions_of_any_new_file(model, tmp_path):
    ordinary = tmp_path / "ordinary.txt"
    ordinary.write_text("x")  # created with the usual mode (0o666 minus the umask)
    nn.save(model, tmp_path / "model.json")
    assert (tmp_path / "model.json").stat().st_mode == ordinary.stat().st_mode


def test_only_an_mlp_can_be_saved(tmp_path):
    with pytest.raises(TypeError, match=r"save: model=Neuron\(2 inputs, relu\) is a Neuron, "
                                        r"not an MLP; use an nn.MLP"):
        nn.save(nn.Neuron(2), tmp_path / "n.json")


def _edit(text, change):
    data = json.loads(text)
    change(data)
    return json.dumps(data)


def _set(path, value):
    def change(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return change


def _raw(path, literal):
    """The file with the value at `path` replaced by a raw JSON literal."""
    return lambda text: _edit(text, _set(path, "@@")).replace('"@@"', literal)


MALFORMED = {
    "empty": (lambda text: "", "the file is empty"),
    "blank": (lambda text: "  \n ", "the file is empty"),
    "truncated": (lambda text: text[: len(text) // 2], "not valid JSON"),
    "not json": (lambda text: "weights: 1, 2, 3", "not valid JSON"),
    "not utf-8": (lambda text: b"\xff\xfe{}", "not UTF-8"),
    "a list": (lambda text: "[1, 2]", "content=[1, 2] is a list, not a dict; use a JSON object"),
    "NaN": (_raw(["layers", 0, "weights", 0, 0], "NaN"), "it contains NaN"),
    "Infinity": (_raw(["layers", 0, "biases", 0], "-Infinity"), "it contains -Infinity"),
    "overflowing float": (_raw(["layers", 0, "biases", 1], "1e400"),
                          "layers[0].biases[1]=inf is not a finite number"),
    "huge integer": (_raw(["layers", 1, "biases", 0], "9" * 5000), "thousands of digits"),
    "big integer": (_raw(["layers", 1, "biases", 0], "9" * 400),
                    "layers[1].biases[0]=<int of 1329 bits> is too large for a float"),
    "string number": (lambda text: _edit(text, _set(["layers", 0, "weights", 1, 0], "0.5")),
                      "layers[0].weights[1][0]='0.5' is a str, not a number"),
    "bool number": (lambda text: _edit(text, _set(["layers", 0, "biases", 2], True)),
                    "layers[0].biases[2]=True is a bool, not a number"),
    "short row": (lambda text: _edit(text, lambda d: d["layers"][1]["weights"][0].pop()),
                  "is of length 2; use a list of 3 numbers, one per input"),
    "missing bias": (lambda text: _edit(text, lambda d: d["layers"][0]["biases"].pop()),
                     "layers[0].biases=[0.0, 0.0] is of length 2; use a list of 3 numbers, "
                     "one per neuron"),
    "no layers": (lambda text: _edit(text, _set(["layers"], [])),
                  "layers=[] is of length 0; use a non-empty list of layer objects"),
    "bad nin": (lambda text: _edit(text, _set(["nin"], 0)),
                "nin=0 is out of range; use a whole number >= 1"),
    "unknown activation": (lambda text: _edit(text, _set(["layers", 2, "activation"], "swish")),
                           "layers[2].activation='swish' is unknown; use one of 'linear'"),
    "list activation": (lambda text: _edit(text, _set(["layers", 0, "activation"], ["relu"])),
                        "layers[0].activation=['relu'] is unknown"),
    "bool version": (lambda text: _edit(text, _set(["version"], True)), "version True"),
    "bad dropout": (lambda text: _edit(text, _set(["layers", 0, "dropout"], 1.5)),
                    "layers[0].dropout=1.5 is out of range; use a finite number in [0, 1)"),
    # Before: "has missing keys [] and unexpected keys ['optimizer']" (the empty half said too).
    "missing key": (lambda text: _edit(text, lambda d: d["layers"][0].pop("biases")),
                    "has missing keys ['biases']; expected exactly"),
    "extra key": (lambda text: _edit(text, _set(["optimizer"], "sgd")),
                  "has unexpected keys ['optimizer']; expected exactly"),
    "other format": (lambda text: _edit(text, _set(["format"], "keras")), "format is 'keras'"),
    "future version": (lambda text: _edit(text, _set(["version"], 2)), "version 2"),
    "absurdly nested": (lambda text: "[" * 100_000 + "]" * 100_000, "nested far too deeply"),
    "nested weights": (lambda text: _edit(text, _set(["layers", 0, "weights", 0, 0], [[[1]]])),
                       "layers[0].weights[0][0]=[[[1]]] is a list, not a number"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_every_malformed_file_raises_value_error_naming_file_and_problem(case, saved, model):
    make, phrase = MALFORMED[case]
    content = make(saved.read_text())
    broken = saved.with_name(f"broken {case}.json")
    if isinstance(content, bytes):
        broken.write_bytes(content)
    else:
        broken.write_text(content)
    parameters_before = [p.data for p in model.parameters()]
    random_before = random.getstate()
    with pytest.raises(ValueError) as error:
        nn.load(broken)
    message = str(error.value)
    assert f"broken {case}.json" in message
    assert phrase in message
    assert "\n" not in message
    assert [p.data for p in model.parameters()] == parameters_before
    assert random.getstate() == random_before


def test_a_missing_file_raises_the_documented_value_error(tmp_path):
    with pytest.raises(ValueError, match="^load: cannot read .*nowhere.json': no such file"):
        nn.load(tmp_path / "nowhere.json")

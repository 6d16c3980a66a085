"""The training replay page (nn.replay), without a browser: checks, escaping, size."""

import json
import os
import re

import pytest

import nn
import nn.replay
from autograd.notation import format_number
from support_tools import no_hang, require_dot


@pytest.fixture(scope="module")
def trained():
    X, y = nn.datasets.moons(30, seed=0)
    model = nn.MLP(2, [3, 1], activation="tanh", seed=0)
    history = nn.fit(model, X, y, loss="hinge", epochs=5, progress=False, snapshots=True)
    return model, X, y, history


def page_data(document):
    block = re.search(r'<script type="application/json" class="chainrule-data">(.*?)</script>',
                      document, re.S).group(1)
    return json.loads(block)


def test_one_frame_per_snapshot_with_the_history_numbers(trained):
    require_dot()
    model, X, y, history = trained
    before = [p.data for p in model.parameters()]
    page = nn.plot.training_page(model, X, y, history, resolution=8)
    data = page_data(page.document())
    assert [f["epoch"] for f in data["frames"]] == [1, 2, 3, 4, 5]
    assert [f["loss"] for f in data["frames"]] == history.loss
    assert [f["accuracy"] for f in data["frames"]] == history.accuracy
    assert all(f["boundary"].startswith("data:image/png;base64,") for f in data["frames"])
    assert len(data["frames"][0]["lines"]) == 2 * (2 * 3 + 3 * 1)  # width, opacity per weight
    assert [p.data for p in model.parameters()] == before  # the model keeps its weights


def test_the_network_of_each_frame_has_that_epochs_weights(trained):
    require_dot()
    model, X, y, history = trained
    data = page_data(nn.plot.training_page(model, X, y, history, resolution=8).document())
    for snapshot, frame in zip(history.snapshots, data["frames"]):
        first = snapshot.parameters[0]  # layers.0.neurons.0.weights.0: line w0
        assert (frame["lines"][0] < 0) == (first < 0)  # a red line for a negative weight
        bias = snapshot.parameters[2]  # layers.0.neurons.0.bias
        assert frame["biases"][0] == f"b {format_number(bias, digits=2)}"


def test_user_text_cannot_break_out_of_the_page(trained):
    require_dot()
    model, X, y, history = trained
    title = '</script><script>alert(1)</script> & "quotes"'
    document = nn.plot.training_page(model, X, y, history, resolution=8, title=title).document()
    assert "<script>alert(1)" not in document
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in document
    json_block = re.search(r'class="chainrule-data">(.*?)</script>', document, re.S).group(1)
    assert "<" not in json_block and ">" not in json_block


def test_a_page_needs_snapshots_of_this_model(trained):
    model, X, y, history = trained
    with pytest.raises(ValueError, match=r"^training_page: the history has no snapshots; "
                                         r"train with nn.fit\(..., snapshots=True\)"):
        nn.plot.training_page(model, X, y, nn.History(loss=[1.0]))
    other = nn.MLP(2, [4, 1], seed=0)
    with pytest.raises(ValueError, match="has 13 parameters but the model 17"):
        nn.plot.training_page(other, X, y, history)
    with pytest.raises(ValueError, match=r"^training_page: X=.* is not a non-empty list of \[x0, x1\] rows; use "):
        nn.plot.training_page(model, [[1.0, 2.0, 3.0]], [1], history)


def test_a_frame_costs_a_few_kilobytes():
    # The train command's 2 -> 16 -> 16 -> 1: the boundary PNGs are palette images and the
    # network is drawn once and restyled from numbers, so 200 frames stay a few megabytes.
    require_dot()
    X, y = nn.datasets.moons(60, seed=0)
    model = nn.MLP(2, [16, 16, 1], seed=0)
    history = nn.fit(model, X, y, loss="hinge", epochs=8, batch_size=30, progress=False,
                     snapshots=True)
    full = len(nn.plot.training_page(model, X, y, history).document())
    history.snapshots = history.snapshots[:4]
    half = len(nn.plot.training_page(model, X, y, history).document())
    assert (full - half) / 4 < 15_000  # bytes per frame (measured: about 9,000)


# --- where the page goes: autograd.filesystem's rules, a .html name -------------------------

def _write_page(function, trained, path):
    model, X, y, history = trained
    if function == "training_page":
        return nn.plot.training_page(model, X, y, history, path, resolution=4)
    return nn.plot.TrainingPage(model, X, y, history, resolution=4).save(path)


@pytest.mark.parametrize("function", ["training_page", "TrainingPage.save"])
def test_the_page_is_written_to_a_html_file(tmp_path, trained, function):
    require_dot()
    for name in ("page.html", "page.HTM"):
        _write_page(function, trained, tmp_path / name)
        assert (tmp_path / name).read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.HTM", "page.html"]


@pytest.mark.parametrize("function", ["training_page", "TrainingPage.save"])
@pytest.mark.parametrize("name", ["page.png", "page", "page.html.txt"])
def test_a_page_name_without_html_is_refused_in_one_line(tmp_path, trained, function, name):
    require_dot()
    with pytest.raises(ValueError) as error:
        _write_page(function, trained, tmp_path / name)
    message = str(error.value)
    assert message.startswith(f"{function}: cannot write ") and "\n" not in message
    assert name in message and "the name must end in .html or .htm" in message
    assert list(tmp_path.iterdir()) == []


def test_a_page_that_cannot_be_written_is_refused_before_any_frame_is_drawn(
        tmp_path, trained, monkeypatch):
    # Before: every frame was drawn, then a FIFO at the path hung the call forever.
    def drawn(*args, **kwargs):
        raise AssertionError("drew a frame of a page that cannot be saved")

    monkeypatch.setattr(nn.replay, "draw_boundary", drawn)
    os.mkfifo(tmp_path / "page.html")
    with no_hang(), pytest.raises(ValueError, match=r"^training_page: cannot write .*page.html'?: "
                                                    r"it is a FIFO \(named pipe\), not a regular"):
        _write_page("training_page", trained, tmp_path / "page.html")
    with pytest.raises(ValueError, match="^training_page: .*the folder .* does not exist"):
        _write_page("training_page", trained, tmp_path / "missing" / "page.html")

"""Tests for nn/plot.py: figures come back, PNGs are written, nothing stays open."""

import matplotlib
import matplotlib.figure
import matplotlib.pyplot as plt
import pytest

import nn

matplotlib.use("Agg")  # no display needed

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _points_plotted(axes):
    return sum(len(c.get_offsets()) for c in axes.collections if hasattr(c, "get_offsets")
               and len(c.get_offsets()) and c.get_label().startswith("class"))


def test_decision_boundary_returns_a_figure_and_saves_a_png(tmp_path):
    X, y = nn.datasets.moons(30, seed=0, signed=True)
    model = nn.MLP(2, [4, 1], seed=0)
    path = tmp_path / "boundary.png"
    figure = nn.plot.decision_boundary(model, X, y, path, resolution=20)
    assert isinstance(figure, matplotlib.figure.Figure)
    axes, = figure.axes
    assert axes.get_title() == "MLP(2 -> 4 relu -> 1)"
    assert _points_plotted(axes) == 30
    assert path.read_bytes().startswith(PNG_SIGNATURE)
    assert plt.get_fignums() == []


def test_decision_boundary_regions_follow_the_model():
    # Output x0, trained with mse on 0/1 labels: class 1 right of the line x0 = 0.5.
    model = nn.Neuron.from_weights([1.0, 0.0])
    X, y = [[0.0, 0.0], [1.0, 1.0]], [0, 1]
    figure = nn.plot.decision_boundary(model, X, y, resolution=11, loss="mse")
    boundary = figure.axes[0].collections[1]  # the contour line between the classes
    xs = [x for path in boundary.get_paths() for x, _ in path.vertices]
    assert xs and all(0.4 <= x <= 0.6 for x in xs)


def test_decision_boundary_for_several_classes(tmp_path):
    X, y = nn.datasets.blobs(12, classes=3, seed=0)
    figure = nn.plot.decision_boundary(nn.MLP(2, [4, 3], seed=0), X, y, resolution=10)
    assert _points_plotted(figure.axes[0]) == 12


def test_decision_boundary_needs_two_features():
    with pytest.raises(ValueError, match="\\[x0, x1\\] rows"):
        nn.plot.decision_boundary(nn.MLP(3, [1]), [[1.0, 2.0, 3.0]], [1])


def test_history_plots_loss_and_accuracy_curves(tmp_path):
    history = nn.History(loss=[0.9, 0.5, 0.2], accuracy=[0.5, 0.8, 1.0],
                         val_loss=[1.0, 0.7, 0.6], val_accuracy=[0.4, 0.6, 0.7])
    path = tmp_path / "history.png"
    figure = nn.plot.history(history, path)
    loss_axes, accuracy_axes = figure.axes
    assert [list(line.get_ydata()) for line in loss_axes.lines] == [history.loss,
                                                                    history.val_loss]
    assert list(accuracy_axes.lines[0].get_xdata()) == [1, 2, 3]
    assert path.read_bytes().startswith(PNG_SIGNATURE)
    assert plt.get_fignums() == []


def test_history_without_accuracy_has_one_panel():
    figure = nn.plot.history(nn.History(loss=[1.0, 0.5]))
    assert len(figure.axes) == 1


def test_history_needs_a_history():
    with pytest.raises(TypeError, match="^history: history=\\[0.5, 0.2\\] is a list, not a "
                                        "History; use the History returned by nn.fit"):
        nn.plot.history([0.5, 0.2])
    with pytest.raises(ValueError, match="^history: history=History\\(epochs=0\\) is empty"):
        nn.plot.history(nn.History())


def test_the_loss_curve_names_its_loss():
    X, y = nn.datasets.moons(12, seed=0)
    history = nn.fit(nn.MLP(2, [2, 1], seed=0), X, y, loss="hinge", epochs=2, progress=False)
    assert history.loss_name == "hinge"
    loss_axes, accuracy_axes = nn.plot.history(history).axes
    assert loss_axes.get_title() == "hinge loss" and loss_axes.get_ylabel() == "loss"
    assert accuracy_axes.get_ylabel() == "accuracy"


def test_the_plane_is_named_x0_x1_like_the_network_picture():
    X, y = nn.datasets.moons(12, seed=0)
    model = nn.MLP(2, [2, 1], seed=0)
    axes = nn.plot.decision_boundary(model, X, y, resolution=5, loss="hinge").axes[0]
    assert (axes.get_xlabel(), axes.get_ylabel()) == ("x0", "x1")
    assert "label=<x0>" in nn.draw_network(model).source  # numbered from 0 in both


# --- where the pictures go: autograd.filesystem's rules, the format from the suffix ----------

FORMATS = {".png": PNG_SIGNATURE, ".svg": b"<?xml", ".pdf": b"%PDF", ".PNG": PNG_SIGNATURE}


def _picture(function, path):
    """Call nn.plot.<function> with small arguments, saving to `path`."""
    if function == "history":
        return nn.plot.history(nn.History(loss=[1.0, 0.5]), path)
    X, y = [[0.0, 0.0], [1.0, 1.0]], [-1, 1]
    return nn.plot.decision_boundary(nn.MLP(2, [1], seed=0), X, y, path, resolution=3,
                                     loss="hinge")


@pytest.mark.parametrize("function", ["decision_boundary", "history"])
@pytest.mark.parametrize("suffix", FORMATS)
def test_the_format_comes_from_the_suffix(tmp_path, function, suffix):
    path = tmp_path / f"picture{suffix}"
    _picture(function, path)
    assert path.read_bytes().startswith(FORMATS[suffix])
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


@pytest.mark.parametrize("function", ["decision_boundary", "history"])
@pytest.mark.parametrize("name", ["picture.json", "picture", "picture.png.txt", "picture.jpg"])
def test_a_name_without_a_picture_suffix_is_refused_in_one_line(tmp_path, function, name):
    # Before: matplotlib's "Format 'json' is not supported (supported formats: avif, eps, ...)",
    # and a name without a suffix was written as picture.png.
    with pytest.raises(ValueError) as error:
        _picture(function, tmp_path / name)
    message = str(error.value)
    assert message.startswith(f"{function}: cannot write ") and "\n" not in message
    assert name in message and "the name must end in .png, .svg or .pdf" in message
    assert list(tmp_path.iterdir()) == []


def test_a_folder_is_not_written_beside(tmp_path):
    # Before: decision_boundary(..., "outdir") with a folder outdir wrote outdir.png.
    (tmp_path / "outdir").mkdir()
    with pytest.raises(ValueError, match=r"^decision_boundary: cannot write .*outdir'?: it is "
                                         r"a folder, not a regular file"):
        _picture("decision_boundary", tmp_path / "outdir")
    assert [p.name for p in tmp_path.iterdir()] == ["outdir"]


@pytest.mark.parametrize("name, fragment", [
    ("missing/picture.png", "does not exist; create it first"),
    ("picture.json", "must end in .png"),
])
def test_a_path_that_cannot_be_written_is_refused_before_drawing(tmp_path, monkeypatch, name,
                                                                 fragment):
    def drawn(*args, **kwargs):
        raise AssertionError("drew a picture that cannot be saved")

    monkeypatch.setattr(nn.plot, "draw_boundary", drawn)
    monkeypatch.setattr(nn.plot, "draw_curves", drawn)
    for function in ("decision_boundary", "history"):
        with pytest.raises(ValueError, match=f"^{function}: .*{fragment}"):
            _picture(function, tmp_path / name)
    assert plt.get_fignums() == []


def test_a_path_must_be_a_file_name():
    with pytest.raises(TypeError, match=r"^history: path=3 is an int, not a str or PathLike; "
                                        r"use a file name"):
        nn.plot.history(nn.History(loss=[1.0]), 3)

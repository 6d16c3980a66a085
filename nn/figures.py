"""The pieces every training picture is made of, drawn into matplotlib Axes.

nn.plot (figures to show and save), nn.live (one figure redrawn in Jupyter)
and nn.replay (the frames of the replay page) all draw decision boundaries
and loss curves with these functions, so the three look the same. Nothing
here imports pyplot: figures are matplotlib.figure.Figure objects that no GUI
and no notebook backend knows about, turned into PNG (SVG, PDF) bytes by
`figure_bytes`; `checked_picture_path` says where a picture may be saved.
The decision boundary evaluates the model with predict_many (plain floats,
no graph), so a fine grid stays fast.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any, Sequence

from autograd.checks import message
from autograd.filesystem import checked_suffix, checked_target

from .layers import Network
from .thresholds import predicted_class

CLASS_COLORS = ("#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd",
                "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")
INPUT_NAMES = ("x0", "x1")  # numbered from 0 as the model numbers them, as draw_network
CURVE_COLORS = {"training": "#1f77b4", "validation": "#ff7f0e"}
PICTURE_FORMATS = ("png", "svg", "pdf")  # the suffixes a saved picture may have


def check_plane(X: Sequence[Sequence[float]], y: Sequence[Any],
                where: str) -> list[list[float]]:
    """X as a list of [x0, x1] rows; a one-line ValueError naming `where` otherwise."""
    rows = [list(row) for row in X]
    if not rows or any(len(row) != 2 for row in rows):
        raise ValueError(message(where, "X", X, "not a non-empty list of [x0, x1] rows",
                                 "one [x0, x1] row per point (the plot is of a plane)"))
    if len(rows) != len(y):
        raise ValueError(message(where, "y", y, f"{len(y)} labels for {len(rows)} rows",
                                 "one label per row of X"))
    return rows


def draw_boundary(axes: Any, model: Network, rows: list[list[float]], y: Sequence[Any],
                  threshold: float, resolution: int, title: str) -> None:
    """The plane coloured by predicted class, the boundary line, the points on top."""
    xs = grid_axis([row[0] for row in rows], resolution)
    ys = grid_axis([row[1] for row in rows], resolution)
    outputs = model.predict_many([[x0, x1] for x1 in ys for x0 in xs])
    point_classes = [label if isinstance(outputs[0], list) else int(label > 0) for label in y]
    if isinstance(outputs[0], list):  # several outputs: regions of the argmax
        field = [[float(predicted_class(outputs[j * resolution + i], threshold))
                  for i in range(resolution)] for j in range(resolution)]
        classes = max(max(map(max, field)), max(point_classes)) + 1
        cuts = [k + 0.5 for k in range(int(classes) - 1)]
    else:  # one output: cut the output itself at the threshold, so the line is smooth
        field = [outputs[j * resolution:(j + 1) * resolution] for j in range(resolution)]
        classes, cuts = 2, [threshold]
    low, high = min(map(min, field)), max(map(max, field))
    levels = [min([low, *cuts]) - 1.0, *cuts, max([high, *cuts]) + 1.0]  # every region filled
    palette = [CLASS_COLORS[k % len(CLASS_COLORS)] for k in range(int(classes))]
    axes.contourf(xs, ys, field, levels=levels, colors=palette, alpha=0.25)
    crossed = [cut for cut in cuts if low < cut < high]
    if crossed:
        axes.contour(xs, ys, field, levels=crossed, colors="black", linewidths=0.8)
    for k in range(int(classes)):
        points = [row for row, c in zip(rows, point_classes) if c == k]
        if points:
            axes.scatter([p[0] for p in points], [p[1] for p in points], s=22,
                         color=palette[k], edgecolors="black", linewidths=0.5, label=f"class {k}")
    axes.set_xlabel(INPUT_NAMES[0])
    axes.set_ylabel(INPUT_NAMES[1])
    axes.set_title(title)
    axes.legend(loc="best", fontsize="small")


def draw_curves(axes_row: Sequence[Any], history: Any) -> None:
    """Loss (named after the loss function) and, given a second Axes, accuracy per epoch."""
    epochs = list(range(1, history.epochs + 1))
    titles = {"loss": f"{getattr(history, 'loss_name', 'loss')} loss", "accuracy": "accuracy"}
    for axes, name in zip(axes_row, ("loss", "accuracy")):
        for kind, prefix in (("training", ""), ("validation", "val_")):
            values = getattr(history, prefix + name)
            if values:
                axes.plot(epochs[:len(values)], values, color=CURVE_COLORS[kind],
                          label=f"{kind} {name}")
        axes.set_xlabel("epoch")
        axes.set_ylabel(name)
        axes.set_title(titles[name])  # which loss: the title is wide enough for any name
        axes.legend(loc="best", fontsize="small")
        axes.grid(alpha=0.3)


def grid_axis(values: list[float], resolution: int) -> list[float]:
    """Evenly spaced points covering the data with a margin on each side."""
    low, high = min(values), max(values)
    margin = 0.1 * (high - low) or 1.0
    low, high = low - margin, high + margin
    return [low + (high - low) * i / (resolution - 1) for i in range(resolution)]


def new_figure(width: float, height: float) -> Any:
    """A matplotlib Figure (inches) outside pyplot: nothing shows it or keeps it alive."""
    from matplotlib.figure import Figure
    return Figure(figsize=(width, height))


def checked_picture_path(path: str | os.PathLike, where: str) -> tuple[Path, str]:
    """(path, format) for saving a picture: a new or regular file in an existing folder,
    named .png, .svg or .pdf; a one-line error naming `where` otherwise."""
    target = checked_target(path, where)
    return target, checked_suffix(target, where, PICTURE_FORMATS)


def figure_bytes(figure: Any, file_format: str = "png", dpi: int = 100,
                 colors: int | None = None) -> bytes:
    """The figure as the bytes of a `file_format` file ("png", "svg", "pdf"); with
    `colors`, a PNG reduced to that many colours (a palette PNG, several times smaller:
    the replay page keeps hundreds of them)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format=file_format, dpi=dpi)
    if colors is None:
        return buffer.getvalue()
    from PIL import Image  # a dependency of matplotlib
    buffer.seek(0)
    small = io.BytesIO()
    Image.open(buffer).convert("RGB").quantize(colors).save(small, "PNG", optimize=True)
    return small.getvalue()


def import_matplotlib(where: str) -> None:
    """An ImportError naming `where` and the extra to install, unless matplotlib is there."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise ImportError(f"{where} needs matplotlib: pip install 'chainrule[plot]'") from None

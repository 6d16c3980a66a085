"""Pictures of training: decision boundaries and loss/accuracy curves (matplotlib).

Both functions return a matplotlib Figure (shown when it is a notebook cell's
value) and save a PNG when given a path. matplotlib is imported only when
they are called (install the `plot` extra). The figures are closed in
pyplot right away, so making many of them in a loop leaks nothing.
The decision boundary evaluates the model with predict_many (plain floats,
no graph), so a fine grid stays fast.
"""

from __future__ import annotations

import os
from typing import Any, Callable, Sequence

from autograd.checks import count, instance, message

from .layers import Network
from .train import History, decision_threshold, predicted_class

CLASS_COLORS = ("#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd",
                "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")


def decision_boundary(model: Network, X: Sequence[Sequence[float]], y: Sequence[Any],
                      path: str | os.PathLike | None = None, *, resolution: int = 100,
                      threshold: float | None = None, loss: str | Callable[..., Any] | None = None,
                      title: str | None = None) -> Any:
    """The plane coloured by predicted class, with the data points on top.

    For a one-output model, `threshold` (e.g. history.threshold) or the `loss`
    it was trained with says where the class changes (nn.decision_threshold).
    """
    rows = [list(row) for row in X]
    if not rows or any(len(row) != 2 for row in rows):
        raise ValueError("decision_boundary: X must be a non-empty list of [x1, x2] rows "
                         "(the plot is of a plane)")
    if len(rows) != len(y):
        raise ValueError(f"decision_boundary: X has {len(rows)} rows but y has {len(y)} labels")
    count("decision_boundary", "resolution", resolution, minimum=2)
    if threshold is None:
        threshold = decision_threshold(model, y, loss)
    xs = _grid_axis([row[0] for row in rows], resolution)
    ys = _grid_axis([row[1] for row in rows], resolution)
    outputs = model.predict_many([[x1, x2] for x2 in ys for x1 in xs])
    grid = [[predicted_class(outputs[j * resolution + i], threshold) for i in range(resolution)]
            for j in range(resolution)]
    point_classes = [label if isinstance(outputs[0], list) else int(label > 0) for label in y]
    classes = max(max(map(max, grid)), max(point_classes)) + 1

    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(5.5, 5))
    palette = [CLASS_COLORS[k % len(CLASS_COLORS)] for k in range(classes)]
    axes.contourf(xs, ys, grid, levels=[k - 0.5 for k in range(classes + 1)],
                  colors=palette, alpha=0.25)
    axes.contour(xs, ys, grid, levels=[k + 0.5 for k in range(classes - 1)],
                 colors="black", linewidths=0.8)
    for k in range(classes):
        points = [row for row, c in zip(rows, point_classes) if c == k]
        if points:
            axes.scatter([p[0] for p in points], [p[1] for p in points], s=22,
                         color=palette[k], edgecolors="black", linewidths=0.5, label=f"class {k}")
    axes.set_xlabel("x1")
    axes.set_ylabel("x2")
    axes.set_title(title if title is not None else repr(model))
    axes.legend(loc="best", fontsize="small")
    return _finish(plt, figure, path)


def history(history: History, path: str | os.PathLike | None = None, *,
            title: str | None = None) -> Any:
    """Loss (and accuracy, when recorded) per epoch, training and validation."""
    wanted = "the History returned by nn.fit, with at least one epoch"
    if not instance("history", "history", history, History, wanted).loss:
        raise ValueError(message("history", "history", history, "empty", wanted))
    plt = _pyplot()
    panels = 2 if history.accuracy else 1
    figure, axes = plt.subplots(1, panels, figsize=(5 * panels, 4), squeeze=False)
    epochs = list(range(1, history.epochs + 1))
    for ax, name in zip(axes[0], ("loss", "accuracy")):
        ax.plot(epochs, getattr(history, name), label=f"training {name}")
        validation = getattr(history, f"val_{name}")
        if validation:
            ax.plot(epochs[:len(validation)], validation, label=f"validation {name}")
        ax.set_xlabel("epoch")
        ax.set_ylabel(name)
        ax.legend(loc="best", fontsize="small")
        ax.grid(alpha=0.3)
    if title:
        figure.suptitle(title)
    return _finish(plt, figure, path)


def _grid_axis(values: list[float], resolution: int) -> list[float]:
    """Evenly spaced points covering the data with a margin on each side."""
    low, high = min(values), max(values)
    margin = 0.1 * (high - low) or 1.0
    low, high = low - margin, high + margin
    return [low + (high - low) * i / (resolution - 1) for i in range(resolution)]


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        raise ImportError("nn.plot needs matplotlib: pip install 'chainrule[plot]'") from None
    return plt


def _finish(plt: Any, figure: Any, path: str | os.PathLike | None) -> Any:
    figure.tight_layout()
    if path is not None:
        figure.savefig(path, dpi=100)
    plt.close(figure)  # pyplot forgets it; the returned Figure still works and displays
    return figure

"""Pictures of training: decision boundaries, loss/accuracy curves, the replay page.

decision_boundary and history return a matplotlib Figure (shown when it is a
notebook cell's value) and save it when given a path: a .png, .svg or .pdf
file, written through autograd.filesystem (a new or regular file in an
existing folder, whole or not at all), the path checked before anything is
drawn. matplotlib is imported only when they are called (install the `plot`
extra). The figures are closed in pyplot right away, so making many of them
in a loop leaks nothing. training_page (nn.replay) writes the offline page
that replays a training run epoch by epoch; nn.live redraws these pictures
during fit().
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, Sequence

from autograd.checks import count, instance, message
from autograd.filesystem import write_bytes

from .figures import (CLASS_COLORS, check_plane, checked_picture_path, draw_boundary,
                      draw_curves, figure_bytes, import_matplotlib)
from .layers import Network
from .replay import TrainingPage, training_page
from .thresholds import resolve_threshold
from .train import History

__all__ = ["decision_boundary", "history", "training_page", "TrainingPage", "CLASS_COLORS"]


def decision_boundary(model: Network, X: Sequence[Sequence[float]], y: Sequence[Any],
                      path: str | os.PathLike | None = None, *, resolution: int = 100,
                      threshold: float | None = None, loss: str | Callable[..., Any] | None = None,
                      title: str | None = None) -> Any:
    """The plane coloured by predicted class, with the data points on top.

    X: rows [x0, x1]; y: one label per row. For a one-output model, `threshold`
    (e.g. history.threshold) or the `loss` it was trained with says where the
    class changes; without them it comes from the output activation or the
    labels (nn.decision_threshold), and a ValueError says when it cannot.
    path: where to save the picture (.png, .svg or .pdf), or None; a ValueError
    before anything is drawn when it cannot be written there.
    """
    rows = check_plane(X, y, "decision_boundary")
    count("decision_boundary", "resolution", resolution, minimum=2)
    threshold = resolve_threshold(model, y, threshold, loss, "decision_boundary")
    target = _target(path, "decision_boundary")
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(5.5, 5))
    draw_boundary(axes, model, rows, y, threshold, resolution,
                  title if title is not None else repr(model))
    return _finish(plt, figure, target, "decision_boundary")


def history(history: History, path: str | os.PathLike | None = None, *,
            title: str | None = None) -> Any:
    """Loss (and accuracy, when recorded) per epoch, training and validation.

    path: where to save the picture (.png, .svg or .pdf), or None (as for
    decision_boundary).
    """
    wanted = "the History returned by nn.fit, with at least one epoch"
    if not instance("history", "history", history, History, wanted).loss:
        raise ValueError(message("history", "history", history, "empty", wanted))
    target = _target(path, "history")
    plt = _pyplot()
    panels = 2 if history.accuracy else 1
    figure, axes = plt.subplots(1, panels, figsize=(5 * panels, 4), squeeze=False)
    draw_curves(axes[0], history)
    if title:
        figure.suptitle(title)
    return _finish(plt, figure, target, "history")


def _pyplot() -> Any:
    import_matplotlib("nn.plot")
    import matplotlib.pyplot as plt
    return plt


def _target(path: str | os.PathLike | None, where: str) -> tuple[Path, str] | None:
    """(path, format) of the picture to save, checked before drawing; None for no file."""
    return None if path is None else checked_picture_path(path, where)


def _finish(plt: Any, figure: Any, target: tuple[Path, str] | None, where: str) -> Any:
    try:
        figure.tight_layout()
        if target is not None:
            write_bytes(target[0], figure_bytes(figure, target[1]), where)
    finally:
        plt.close(figure)  # pyplot forgets it; the returned Figure still works and displays
    return figure

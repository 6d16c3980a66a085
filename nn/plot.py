"""Pictures of training: decision boundaries, loss/accuracy curves, the replay page.

decision_boundary and history return a matplotlib Figure (shown when it is a
notebook cell's value) and save a PNG when given a path. matplotlib is
imported only when they are called (install the `plot` extra). The figures
are closed in pyplot right away, so making many of them in a loop leaks
nothing. training_page (nn.replay) writes the offline page that replays a
training run epoch by epoch; nn.live redraws these pictures during fit().
"""

from __future__ import annotations

import os
from typing import Any, Callable, Sequence

from autograd.checks import count, instance, message

from .figures import CLASS_COLORS, check_plane, draw_boundary, draw_curves, import_matplotlib
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
    """
    rows = check_plane(X, y, "decision_boundary")
    count("decision_boundary", "resolution", resolution, minimum=2)
    threshold = resolve_threshold(model, y, threshold, loss, "decision_boundary")
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(5.5, 5))
    draw_boundary(axes, model, rows, y, threshold, resolution,
                  title if title is not None else repr(model))
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
    draw_curves(axes[0], history)
    if title:
        figure.suptitle(title)
    return _finish(plt, figure, path)


def _pyplot() -> Any:
    import_matplotlib("nn.plot")
    import matplotlib.pyplot as plt
    return plt


def _finish(plt: Any, figure: Any, path: str | os.PathLike | None) -> Any:
    figure.tight_layout()
    if path is not None:
        figure.savefig(path, dpi=100)
    plt.close(figure)  # pyplot forgets it; the returned Figure still works and displays
    return figure

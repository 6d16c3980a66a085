"""Training you can watch: one picture in a Jupyter cell, redrawn in place during fit().

    history = nn.fit(model, X, y, loss="hinge", epochs=100, live=True)

After every epoch (or every k, live=k) the cell's one output is replaced by a
new picture: the decision boundary for 2-D data, and the loss (training and
validation) and accuracy curves so far. It is an IPython display handle
updated in place, so the cell keeps one output however long training runs.
Outside Jupyter (a script, a terminal, the tests) LiveTraining does nothing
and costs nothing: it never imports matplotlib or IPython there. The last
picture is of the last multiple of k epochs.
"""

from __future__ import annotations

import sys
from typing import Any, Sequence

from autograd.checks import count

from .figures import draw_boundary, draw_curves, figure_bytes, new_figure
from .layers import Network


def in_jupyter() -> bool:
    """True inside a Jupyter kernel (IPython with a kernel), without importing IPython."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    return getattr(shell, "kernel", None) is not None


class LiveTraining:
    """A fit() callback that redraws the training pictures in one Jupyter output.

    model, X, y: what fit() trains on (the boundary is drawn for [x0, x1] rows
    with class labels). every: redraw every this many epochs (True is 1).
    Raises TypeError for an `every` that is not True or an int, ValueError for one below 1.
    """

    def __init__(self, model: Network, X: Sequence[Sequence[float]], y: Sequence[Any], *,
                 every: bool | int = 1, resolution: int = 40) -> None:
        every = 1 if every is True else count("fit", "live", every, minimum=1,
                                              example="5 (or True: every epoch)")
        self.model, self.every, self.resolution = model, every, resolution
        self.rows = [list(row) for row in X]
        self.labels = list(y)
        self.active = in_jupyter()
        self.handle: Any = None
        self.updates = 0

    def __call__(self, epoch: int, history: Any) -> None:
        if not self.active or (epoch + 1) % self.every:
            return
        from IPython.display import Image, display
        picture = Image(data=self.png(history))
        if self.handle is None:
            self.handle = display(picture, display_id=True)
        else:
            self.handle.update(picture)
        self.updates += 1

    def png(self, history: Any) -> bytes:
        """The picture after the latest epoch of `history`, as PNG bytes."""
        plane = bool(self.rows) and all(len(row) == 2 for row in self.rows) and bool(
            history.accuracy)
        panels = int(plane) + 1 + int(bool(history.accuracy))
        figure = new_figure(3.8 * panels, 3.4)
        axes = [figure.add_subplot(1, panels, k + 1) for k in range(panels)]
        if plane:
            draw_boundary(axes.pop(0), self.model, self.rows, self.labels, history.threshold,
                          self.resolution, f"decision boundary after epoch {history.epochs}")
        draw_curves(axes, history)
        figure.tight_layout()
        return figure_bytes(figure, dpi=80)

"""The training replay page: one offline HTML file with a slider over the recorded epochs.

    history = nn.fit(model, X, y, loss="hinge", epochs=100, snapshots=True)
    nn.plot.training_page(model, X, y, history, "training.html")

Each frame shows, for one recorded epoch, the decision boundary (a PNG made
with matplotlib), the loss and accuracy curves with that epoch marked, and
the network picture of nn.draw_network with that epoch's weights (line width
|w|, blue w > 0, red w < 0). The curves and the network are drawn once; a
frame moves the curves' marker and restyles the network's lines and bias
labels from numbers, so 200 frames stay a few megabytes. Everything is in
the file (images as data URIs, the SVG inline, the frame data as JSON with
"<" escaped, a small script): it works offline and inline in Jupyter
(TrainingPage displays itself), and several pages on one notebook page do
not interfere. A page is saved to a .html (or .htm) name through
autograd.filesystem: a new or regular file in an existing folder, whole or not
at all; training_page checks the path before drawing any frame. The script also
answers window.chainrule.goto(k) (k a whole number from 0 to frames - 1, else a
one-line Error) and window.chainrule.state() -> {frame, frames, epoch, loss}, on
the page shown last; window.chainrule.pages lists every page shown, replays and
step pages, by id (see the README).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from collections import Counter
from pathlib import Path
from typing import Any, Sequence

from autograd.checks import count, instance, message, real, text
from autograd.filesystem import checked_suffix, checked_target, write_bytes

from .diagram import LINE_COLORS, draw_network, network_styles
from .figures import (check_plane, draw_boundary, draw_curves, figure_bytes, import_matplotlib,
                      new_figure)
from .layers import Network
from .replay_assets import CSS, SCRIPT, player_html
from .train import History

_PAGE_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
PAGE_FORMATS = ("html", "htm")  # the suffixes a saved page may have
_DISPLAYS: Counter[str] = Counter()  # displays of each page's content so far


class TrainingPage:
    """The replay page of one training run; shows itself inline in Jupyter.

    model: the trained network. Each snapshot's weights are set into it in turn
    to draw that frame, and its own weights are put back at the end (also after
    an error or Ctrl-C).
    X, y: the 2-D training data ([x0, x1] rows, one label each).
    history: from nn.fit(..., snapshots=True); history.snapshots are the frames.
    resolution: grid points per side of the decision boundary.
    seconds_per_frame: how long Play shows each frame, more than 0 and at most 60.
    Raises ValueError if the history has no snapshots or they are not this
    model's (another number of parameters), or X is not 2-D; TypeError or
    ValueError (autograd.checks) for a resolution or seconds_per_frame out of range.
    """

    def __init__(self, model: Network, X: Sequence[Sequence[float]], y: Sequence[Any],
                 history: History, *, title: str | None = None, resolution: int = 50,
                 seconds_per_frame: float = 0.25) -> None:
        rows = check_plane(X, y, "training_page")
        _check_history(model, history)
        count("training_page", "resolution", resolution, minimum=2)
        seconds = real("training_page", "seconds_per_frame", seconds_per_frame, low=0,
                       high=60, low_open=True, example="0.25")
        import_matplotlib("training_page")
        self.title = str(title) if title is not None else (
            f"Training {model!r} with {history.loss_name} loss")
        self.interval_ms = round(seconds * 1000)
        parameters = model.parameters()
        kept = [p.data for p in parameters]
        self.frames: list[dict[str, Any]] = []
        try:  # each snapshot's weights in turn; the model gets its own back, whatever happens
            for snapshot in history.snapshots:
                for parameter, value in zip(parameters, snapshot.parameters):
                    parameter.data = value
                self.frames.append(_frame(model, rows, y, history, snapshot, resolution))
            self.neurons = list(network_styles(model)[1])
            self.network_svg = draw_network(model, rankdir="TB").pipe(format="svg")  # wide
        finally:
            for parameter, value in zip(parameters, kept):
                parameter.data = value
        self.curves, self.markers = _curves(history)

    def fragment(self, page_id: str) -> str:
        """The page as a block of HTML to embed (style, content, data and script)."""
        if not _PAGE_ID.fullmatch(text("training_page", "page_id", page_id)):
            raise ValueError(message("training_page", "page_id", page_id, "not an id",
                                     "a letter followed by up to 63 letters, digits, - or _"))
        last = len(self.frames) - 1
        data = {"frames": self.frames, "neurons": self.neurons, "markers": self.markers,
                "colors": LINE_COLORS}
        markers = "".join('<div class="marker"></div>' for _ in self.markers)
        return "\n".join([
            f'<div class="chainrule-replay" id="{page_id}" tabindex="0" '
            f'data-interval="{self.interval_ms}">',
            f"<style>{CSS}</style>",
            f"<h2>{html.escape(self.title)}</h2>",
            player_html(last, last, "recorded epoch"),
            '<div class="panels"><div class="boundary">'
            '<img alt="decision boundary at this epoch"></div>',
            f'<div class="right"><div class="curves"><img alt="loss and accuracy per epoch" '
            f'src="{_data_uri(self.curves)}">{markers}</div>',
            f'<div class="network">{inline_svg(self.network_svg, page_id + "-")}</div>'
            "</div></div>",
            f'<script type="application/json" class="chainrule-data">{_json(data)}</script>',
            "</div>",
            f"<script>{SCRIPT.replace('{page_id}', page_id)}</script>"])

    def document(self, page_id: str = "replay") -> str:
        """The page as a complete HTML document."""
        return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                f"<title>{html.escape(self.title)}</title>\n</head>\n<body>\n"
                f"{self.fragment(page_id)}\n</body>\n</html>\n")

    def save(self, path: str | Path) -> Path:
        """Write the page to `path` (a .html or .htm file) and return the path.

        Raises ValueError (one line) for another suffix, a folder that does not
        exist or a path that is not a new or regular file (autograd.filesystem).
        """
        return _write(self, checked_page_path(path, "TrainingPage.save"), "TrainingPage.save")

    def _repr_html_(self) -> str:
        # Ids from the content and a count of its displays: unique within a notebook.
        digest = hashlib.sha256(_json(self.frames).encode()).hexdigest()[:12]
        _DISPLAYS[digest] += 1
        return self.fragment(f"replay-{digest}-{_DISPLAYS[digest]}")


def training_page(model: Network, X: Sequence[Sequence[float]], y: Sequence[Any],
                  history: History, path: str | Path | None = None,
                  **options: Any) -> TrainingPage:
    """The replay page of a run (see TrainingPage for the options); saved to `path` if given
    (as TrainingPage.save does, the path checked before any frame is drawn)."""
    target = None if path is None else checked_page_path(path, "training_page")
    page = TrainingPage(model, X, y, history, **options)
    if target is not None:
        _write(page, target, "training_page")
    return page


def checked_page_path(path: str | Path, where: str) -> Path:
    """`path` if a page may be written there (a .html or .htm name); a one-line error naming
    `where` otherwise."""
    target = checked_target(path, where)
    checked_suffix(target, where, PAGE_FORMATS)
    return target


def _write(page: TrainingPage, path: Path, where: str) -> Path:
    return write_bytes(path, page.document().encode("utf-8"), where)


def _check_history(model: Network, history: Any) -> None:
    instance("training_page", "history", history, History, "the History that nn.fit returns")
    if not history.snapshots:
        raise ValueError("training_page: the history has no snapshots; train with "
                         "nn.fit(..., snapshots=True) to record the weights of each epoch")
    count = len(model.parameters())
    wrong = [s.epoch for s in history.snapshots if len(s.parameters) != count]
    if wrong:
        raise ValueError(f"training_page: the snapshot of epoch {wrong[0]} has "
                         f"{len(history.snapshots[0].parameters)} parameters but the model "
                         f"{count}; pass the model that was trained")


def _frame(model: Network, rows: list[list[float]], y: Sequence[Any], history: History,
           snapshot: Any, resolution: int) -> dict[str, Any]:
    """What the page needs of one epoch: numbers, the boundary PNG, the network's styles."""
    figure = new_figure(4.4, 4.2)
    draw_boundary(figure.add_subplot(), model, rows, y, history.threshold, resolution,
                  f"decision boundary after epoch {snapshot.epoch}")
    figure.subplots_adjust(left=0.17, right=0.97, bottom=0.12, top=0.92)  # the same each frame
    lines, biases = network_styles(model)
    index = snapshot.epoch - 1
    frame = {"epoch": snapshot.epoch, "loss": _finite(snapshot.loss),
             "boundary": _data_uri(figure_bytes(figure, dpi=80, colors=64)),
             "lines": [number for style in lines for number in _line(style)],
             "biases": list(biases.values())}
    for name in ("accuracy", "val_loss", "val_accuracy"):
        values = getattr(history, name)
        if index < len(values):
            frame[name] = _finite(values[index])
    return frame


def _line(style: dict[str, str]) -> tuple[float, float]:
    """A line's style as two numbers: its width, negative for a red (w < 0) line, and its
    opacity (graphviz's colour is #rrggbbaa; SVG wants stroke, stroke-opacity, stroke-width)."""
    width = float(style["penwidth"])
    sign = 1 if style["color"][:7] == LINE_COLORS["positive"] else -1
    return sign * width, round(int(style["color"][7:9], 16) / 255, 2)


def _finite(x: float) -> float | None:
    return x if math.isfinite(x) else None  # JSON has no inf or nan

def _curves(history: History) -> tuple[bytes, list[dict[str, float]]]:
    """The curves PNG, and where each panel's epoch axis is in it (fractions of the image)."""
    panels = 2 if history.accuracy else 1
    figure = new_figure(3.6 * panels, 2.7)
    axes_row = [figure.add_subplot(1, panels, k + 1) for k in range(panels)]
    draw_curves(axes_row, history)
    for axes in axes_row:
        axes.set_xlim(0.5, history.epochs + 0.5)
    figure.tight_layout()
    markers = []
    for axes in axes_row:
        box = axes.get_position()
        low, high = axes.get_xlim()
        markers.append({"left": box.x0, "top": 1 - box.y1, "width": box.width,
                        "height": box.height, "low": low, "high": high})
    return figure_bytes(figure, dpi=90), markers


def inline_svg(svg: bytes, id_prefix: str) -> str:
    """dot's SVG ready to put inside the page: no XML prolog, comments or tooltips, and
    every element id starting with `id_prefix` (unique in the notebook)."""
    text = svg.decode("utf-8")
    text = re.sub(r"<!--.*?-->|<title>.*?</title>", "", text[text.index("<svg"):], flags=re.S)
    return re.sub(r'(?<=\s)id="', f'id="{id_prefix}', text)


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _json(data: Any) -> str:
    """JSON that cannot end the <script> it sits in (no "<", ">" or "&" left raw)."""
    text = json.dumps(data, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

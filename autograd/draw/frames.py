"""Backprop as a flip book: one diagram per backward step, as SVGs or a GIF.

Frame 0 shows the seed (dL/dL = 1); frame k shows the graph right after the
engine's k-th step `parent.grad += local * node.grad`: the node passing its
gradient is outlined in red, the arrow it flows along is red and dashed with its
head at the parent receiving it (outlined in orange), as on the step page, and
every grad shows its value *at that moment* (taken from the trace, not from the
graph, which holds only the final grads). Nodes the backward pass has not
reached yet show a dash. Frame k is titled "backward step k of N", as the step
page's badge numbers the same step (the page's slider counts the forward steps
too: backward step k is its step F + 1 + k, F the forward steps).

    >>> from autograd import Value
    >>> from autograd.trace import record
    >>> x = Value(3.0, "x")
    >>> frames = backward_frames(record(x * x))
    >>> len(frames)  # the seed, then x * x passes its grad to x twice
    3
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from autograd.checks import count, instance, real
from autograd.filesystem import checked_folder, write_bytes
from autograd.notation import format_number
from autograd.trace import Trace

from .graph import _Frame, draw

if TYPE_CHECKING:
    import graphviz

DEFAULT_MAX_FRAMES = 400
INSTALL_DOT = "sudo apt-get install -y graphviz, or brew install graphviz"
# Options that backward_frames sets itself, frame by frame.
_PER_FRAME = ("names", "highlight", "title", "_frame")


def backward_frames(trace: Trace, *, titles: bool = True, max_frames: int = DEFAULT_MAX_FRAMES,
                    digits: int = 4, **draw_options: Any) -> list[graphviz.Digraph]:
    """One diagram per backward step (plus the seed first), as graphviz Digraphs.

    titles=True writes the step's whole tape line above each diagram (a long
    line wraps, it is never cut); digits: significant digits of every number
    (notation.format_number); other options go to `autograd.draw.draw`
    (rankdir, show_local_grads, model, ...).
    """
    instance("backward_frames", "trace", trace, Trace, "a Trace from trace.record(root)")
    count("backward_frames", "max_frames", max_frames, minimum=1)
    fixed = sorted(set(draw_options) & set(_PER_FRAME))
    if fixed:
        raise TypeError(f"backward_frames: {', '.join(fixed)} is set for each frame from the "
                        f"trace; leave it out")
    total = len(trace.backward)
    if total + 1 > max_frames:
        raise ValueError(f"backward_frames: the trace has {total} backward steps, more than "
                         f"max_frames={max_frames}; step through a smaller graph (one neuron, "
                         f"one sample) or raise max_frames")
    lines = trace.step_lines(digits)
    longest = _longest_number(trace, digits)
    frames = []
    for k in range(total + 1):
        if k == 0:
            current, edges = [trace.root], []
        else:
            step = trace.backward[k - 1]
            current, edges = [step.node], [(step.node, step.slot)]
        flowed = [(step.node, step.slot) for step in trace.backward[:k]]
        title = f"backward step {k} of {total}:  {lines[k]}" if titles else None
        frame = _Frame(trace.grads_after(k), flowed, edges, longest)
        frames.append(draw(trace.root, names=trace.names, highlight=current, title=title,
                           digits=digits, _frame=frame, **draw_options))
    return frames


def _longest_number(trace: Trace, digits: int) -> int:
    """The most characters any grad or contribution of the trace takes when shown."""
    numbers = [trace.seed] + [n for s in trace.backward for n in (s.after, s.contribution)]
    return min(40, max(len(format_number(number, digits)) for number in numbers))


class DotNotFound(RuntimeError):
    """Rendering needs Graphviz's dot program, and it is not on PATH."""


def render(graph: graphviz.Digraph, file_format: str, where: str) -> bytes:
    """The graph rendered by dot (svg, png, pdf, ...), the one render path of the
    project; a one-line DotNotFound if dot is missing, RuntimeError if it failed."""
    import graphviz
    try:
        return graph.pipe(format=file_format, quiet=True)  # dot's message goes in ours
    except graphviz.ExecutableNotFound:
        raise DotNotFound(f"{where} needs Graphviz's dot program, which is not installed; "
                          f"install it ({INSTALL_DOT})") from None
    except graphviz.CalledProcessError as error:  # dot ran and refused
        raise RuntimeError(f"{where}: dot failed: {_dot_message(error)}") from None


def _dot_message(error: Exception) -> str:
    """The first line dot wrote on stderr when it failed (else the error itself)."""
    stderr = getattr(error, "stderr", None) or b""
    text = stderr.decode("utf-8", "replace") if isinstance(stderr, bytes) else str(stderr)
    lines = text.strip().splitlines() or str(error).strip().splitlines()
    return lines[0] if lines else "no message"


def save_svgs(trace: Trace, directory: str | Path, **options: Any) -> list[Path]:
    """Write step-000.svg, step-001.svg, ... into `directory`; return their paths.

    Step files left in the folder by an earlier, longer trace are removed, so
    the folder holds exactly this trace's frames.
    """
    folder = checked_folder(directory, "save_svgs")
    # every frame is rendered before the first file is written: a failure leaves nothing
    svgs = [render(frame, "svg", "save_svgs") for frame in backward_frames(trace, **options)]
    folder.mkdir(exist_ok=True)  # the folder itself, never its parents
    for stale in folder.glob("step-[0-9][0-9][0-9].svg"):
        if int(stale.stem[5:]) >= len(svgs):
            stale.unlink()
    paths = []
    for k, svg in enumerate(svgs):
        paths.append(write_bytes(folder / f"step-{k:03d}.svg", svg, "save_svgs"))
    return paths


def checked_seconds(where: str, name: str, seconds: Any) -> float:
    """A frame's duration in seconds, from 0.05 to 60, or a one-line TypeError or ValueError."""
    return real(where, name, seconds, low=0.05, high=60)


def save_gif(trace: Trace, path: str | Path, *, seconds_per_frame: float = 1.5,
             dpi: int = 72, **options: Any) -> Path:
    """An animated GIF of the backward pass (needs dot and Pillow); returns its path.

    The last frame stays three times as long, so the final grads can be read.
    """
    checked_seconds("save_gif", "seconds_per_frame", seconds_per_frame)
    try:
        from PIL import Image
    except ImportError:
        raise ImportError("save_gif: needs Pillow; install it with pip install pillow") from None
    images = []
    for frame in backward_frames(trace, **options):
        frame.graph_attr["dpi"] = str(dpi)
        png = render(frame, "png", "save_gif")
        images.append(Image.open(io.BytesIO(png)).convert("RGB"))
    images = _same_size(images, Image)
    milliseconds = round(seconds_per_frame * 1000)
    durations = [milliseconds] * (len(images) - 1) + [3 * milliseconds]
    gif = io.BytesIO()
    images[0].save(gif, format="GIF", save_all=True, append_images=images[1:],
                   duration=durations, loop=0)
    return write_bytes(path, gif.getvalue(), "save_gif")


def _same_size(images: list[Any], image_module: Any) -> list[Any]:
    """Pad every frame with white to the largest width and height (a GIF has one size)."""
    width = max(image.width for image in images)
    height = max(image.height for image in images)
    padded = []
    for image in images:
        canvas = image_module.new("RGB", (width, height), "white")
        canvas.paste(image, (0, 0))
        padded.append(canvas)
    return padded

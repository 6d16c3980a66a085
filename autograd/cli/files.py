"""Writing the `chainrule` command's pictures: diagrams and step-by-step pages.

The format comes from the file name: graph.dot is the DOT text (no Graphviz
program needed), graph.svg, graph.png and graph.pdf are rendered by Graphviz's
`dot`; steps.html is the interactive page, steps.gif the animation, and a name
without a suffix is a folder of one SVG per backward step. Every failure (no
graphviz package, no dot program, a folder that does not exist) becomes a
CommandError: one line saying what to install or change. No folder is made
except a steps folder itself (never its parents), and only regular files are
replaced (autograd.filesystem).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from autograd.checks import shown
from autograd.filesystem import checked_folder, checked_suffix, checked_target, write_bytes

DIAGRAM_FORMATS = ("dot", "svg", "png", "pdf")
STEPS_FORMATS = ("html", "gif", "a folder (no suffix) of SVG files")
_INSTALL_PACKAGE = {"graphviz": "chainrule[draw]", "matplotlib": "chainrule[plot]",
                    "tqdm": "chainrule[progress]", "PIL": "pillow"}


class CommandError(Exception):
    """A one-line error for the command line, with the exit code to return.

    `prog` names the (sub)command when the error comes from argument parsing.
    """

    def __init__(self, message: str, exit_code: int = 1, prog: str | None = None) -> None:
        super().__init__(message)
        self.exit_code = exit_code
        self.prog = prog


def diagram_format(path: Path) -> str:
    """'svg' for graph.svg; a CommandError for a suffix we cannot write."""
    try:
        return checked_suffix(path, "-o", DIAGRAM_FORMATS)
    except ValueError as error:
        raise CommandError(str(error), 2) from None


def steps_format(path: Path, option: str = "--steps") -> str:
    """'html', 'gif' or 'svgs' (a folder) for the step-by-step output; a CommandError
    naming `option` for any other suffix."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix in ("html", "gif"):
        return suffix
    if suffix == "":
        return "svgs"
    raise CommandError(f"{option}: cannot write the steps to {shown(str(path))}: use a name "
                       f"ending in .html or .gif, or a folder name without a suffix", 2)


def write_diagram(digraph: Any, path: Path) -> Path:
    """Save a graphviz.Digraph to `path` in the format its suffix names."""
    _write(path, diagram_bytes(digraph, path))
    return path


def diagram_bytes(digraph: Any, path: Path) -> bytes:
    """The content of the diagram file `path` (its suffix names the format); nothing is
    written. A CommandError for another suffix, or when Graphviz's dot fails."""
    fmt = diagram_format(path)
    if fmt == "dot":
        return digraph.source.encode("utf-8")
    from autograd.draw.frames import DotNotFound, render
    try:
        return render(digraph, fmt, "draw")
    except DotNotFound as error:
        raise CommandError(f"cannot write {str(path)!r}: {error}; or write a .dot file") from None
    except RuntimeError as error:
        raise CommandError(f"cannot write {str(path)!r}: {error}") from None


def write_steps(trace: Any, path: Path, title: str | None = None,
                **draw_options: Any) -> Path | list[Path]:
    """Save a trace as steps.html, steps.gif or a folder of SVG frames."""
    fmt = steps_format(path)
    try:
        if fmt == "html":
            from autograd.draw.page import save_steps_html
            if title is not None:
                draw_options["title"] = title
            return save_steps_html(trace, path, **draw_options)
        from autograd.draw.frames import save_gif, save_svgs
        if fmt == "gif":
            return save_gif(trace, path, **draw_options)
        return save_svgs(trace, path, **draw_options)
    except ImportError as error:
        raise missing_package(error) from None
    except OSError as error:
        raise CommandError(f"cannot write {shown(str(path))}: {error.strerror or error}") from None
    except RuntimeError as error:  # from autograd.draw.frames.render: no dot, or dot failed
        raise CommandError(f"cannot write {shown(str(path))}: {error}") from None


def load_draw() -> Any:
    """autograd.draw.draw, or a CommandError saying how to install graphviz."""
    try:
        from autograd.draw.graph import draw
    except ImportError as error:
        raise missing_package(error) from None
    return draw


def missing_package(error: ImportError) -> CommandError:
    """The one-line advice for an optional package that is not installed."""
    if error.name is None:  # raised by our own code, with its own advice
        return CommandError(str(error))
    if error.name.startswith(("autograd.", "nn.")):
        return CommandError(f"this chainrule installation has no module {error.name}; "
                            f"reinstall it: pip install --force-reinstall chainrule")
    name = (error.name or "").partition(".")[0]
    install = _INSTALL_PACKAGE.get(name, name or "the missing package")
    return CommandError(f"this needs the Python package {name or error!s}, which is not "
                        f"installed; install it with: pip install '{install}'")


def check_outputs(diagrams: list[Path], steps: Path | None, option: str = "--steps") -> None:
    """A CommandError (exit code 2) before any work for an output that cannot be written.

    Diagrams and .html/.gif steps must go to a new or regular file in an
    existing folder; a steps folder may exist (as a folder) or be made in an
    existing one. `option` names the steps' option in errors. Nothing is created here.
    """
    try:
        for path in diagrams:
            diagram_format(path)
            checked_target(path, "-o")
        if steps is not None and steps_format(steps, option) != "svgs":
            checked_target(steps, option)
        elif steps is not None:
            checked_folder(steps, option)
    except ValueError as error:  # the command line names a place no file can go: exit code 2
        raise CommandError(str(error), 2) from None


def _write(path: Path, content: bytes) -> None:
    try:
        write_bytes(path, content, "-o")
    except ValueError as error:  # the command line names a place no file can go: exit code 2
        raise CommandError(str(error), 2) from None


def quiet_stdout() -> None:
    """Send what is left of stdout to /dev/null, so that Python's flush at exit
    does not fail again (the recipe of the `signal` module's "Note on SIGPIPE")."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no file descriptor (a captured stdout)
        pass

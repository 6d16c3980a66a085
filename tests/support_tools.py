"""Helpers shared by the tests: worked examples, external programs, Ctrl-C at a chosen line,
the floats that the number-writing tests draw, special files at the paths the writers are given.

The worked example graph (nn.examples.neuron, re-exported), and checks for external programs:
rendering needs Graphviz's `dot`; the browser test needs Debian's chromium.
Under CI (CI=true) a missing program fails the test, since a skipped test
must never pass for a working one; elsewhere the test is skipped with the
command that installs what is missing. make_entry puts a kind of file system
entry (a FIFO, a symlink to /dev/full, ...) in a temporary folder, never in
/dev; tree_state records a folder to compare before and after; no_hang
makes a call that blocks fail instead of hanging the run.
"""

from __future__ import annotations

import contextlib
import doctest
import os
import shutil
import signal
import stat
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, Iterator

import pytest
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

import nn
from autograd import Value
from nn.examples import neuron  # noqa: F401  (the tests import it from here)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def _missing(what: str, install: str) -> None:
    message = f"{what} is not installed; install it with: {install}"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def require_dot() -> None:
    """Fail (under CI) or skip unless Graphviz's dot program is on PATH."""
    if shutil.which("dot") is None:
        _missing("the Graphviz program dot", "sudo apt-get install graphviz")


def require_chromium() -> None:
    """Fail (under CI) or skip unless chromium and the playwright package are there."""
    if not CHROMIUM.exists():
        _missing(str(CHROMIUM), "sudo apt-get install chromium")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _missing("the playwright Python package", "pip install 'chainrule[test]'")


def examples_pass(module: ModuleType) -> bool:
    """True when the module docstring's examples run and print what they show."""
    result = doctest.testmod(module)
    return result.attempted > 0 and result.failed == 0


def shown_twice(displayed: Any, path: Path) -> Path:
    """Write a document showing `displayed` (an object Jupyter shows by its _repr_html_)
    twice, as a notebook would after two displays; return its path."""
    path.write_text("<!DOCTYPE html><meta charset='utf-8'>" + displayed._repr_html_()
                    + displayed._repr_html_(), encoding="utf-8")
    return path


@contextlib.contextmanager
def launch_chromium() -> Iterator[Any]:
    """Debian's chromium, headless, driven by playwright (skips or fails as
    require_chromium says)."""
    require_chromium()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def chromium_page(width: int = 1280, height: int = 800) -> Iterator[Any]:
    """A blank page in headless chromium (skips or fails as require_chromium says);
    a script error on the page fails the test when the block ends."""
    with launch_chromium() as browser:
        page = browser.new_page(viewport={"width": width, "height": height})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        yield page
    assert errors == []


def bad_gotos(last: int) -> list[tuple[str, str]]:
    """Arguments window.chainrule.goto must refuse on a page whose last step (or frame)
    is `last`, as JavaScript, each with how the one-line message shows it."""
    return [("1.5", "1.5"), ("NaN", "NaN"), ("undefined", "undefined"), ("-1", "-1"),
            (str(last + 1), str(last + 1)), ("Infinity", "Infinity"), ("null", "null"),
            ("true", "true"), ("'2'", '"2"'), ("[1]", "[1]"), ("{}", "{}"),
            ("'a\\nb'", '"a\\nb"'), ("'x'.repeat(99)", '"' + "x" * 38 + "\u2026")]


def goto_refusal(page: Any, argument: str) -> str:
    """What window.chainrule.goto(argument) throws in a playwright page, as
    "<its class>: <its message>" ("" when it throws nothing)."""
    return page.evaluate(f"""() => {{
        try {{ window.chainrule.goto({argument}); }} catch (thrown) {{
            return thrown instanceof Error ? thrown.constructor.name + ": " + thrown.message
                                           : "not an Error: " + String(thrown);
        }}
        return "";
    }}""")


def mlp_231(w1: float = 0.5) -> tuple[Value, dict[str, Value]]:
    """The squared error of a 2-3-1 tanh network on one sample, built by hand:
    loss = (u1 h1 + u2 h2 + u3 h3 + c - y)**2, h_j = tanh(w_j1 x1 + w_j2 x2 + b_j)."""
    x1, x2, y = Value(1.0, "x1"), Value(-2.0, "x2"), Value(0.5, "y")
    weights = [(w1, -0.3), (0.8, 0.2), (-0.6, 0.4)]
    leaves = {"x1": x1, "x2": x2, "y": y}
    total = Value(0.1, "c")
    leaves["c"] = total
    for j, (first, second) in enumerate(weights, start=1):
        a, b = Value(first, f"w{j}1"), Value(second, f"w{j}2")
        bias = Value((0.1, 0.2, 0.3)[j - 1], f"b{j}")
        hidden = (a * x1 + b * x2 + bias).tanh()
        hidden.label = f"h{j}"
        v = Value((-0.3, 0.3, -0.3)[j - 1], f"u{j}")
        leaves.update({a.label: a, b.label: b, bias.label: bias, v.label: v})
        total = total + v * hidden
    loss = (total - y) ** 2
    loss.label = "loss"
    return loss, leaves


def _traced(files: tuple[str, ...] | None, local: Any) -> Any:
    """A global tracer handing `local` the frames of `files` (every frame when None)."""
    return lambda frame, event, arg: (
        local if files is None or frame.f_code.co_filename in files else None)


def ctrl_c_at(*events: int, files: tuple[str, ...] | None = None) -> Any:
    """A tracer (for sys.settrace) that sends a real SIGINT, as a Ctrl-C press
    delivers it, at the given line events of the code in `files` (all code when None)."""
    count = 0

    def local(frame: Any, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
            if count in events:
                signal.raise_signal(signal.SIGINT)
        return local

    return _traced(files, local)


def line_events(run: Any, files: tuple[str, ...] | None = None) -> int:
    """How many line events of the code in `files` (all code when None) run() takes."""
    count = 0

    def local(frame: Any, event: str, arg: Any) -> Any:
        nonlocal count
        count += event == "line"
        return local

    sys.settrace(_traced(files, local))
    try:
        run()
    finally:
        sys.settrace(None)
    return count


def shown_numbers() -> SearchStrategy[float]:
    """Finite floats for the number-writing tests (format_number and its JavaScript
    twin): any float, subnormals included, and more often those a rounding could
    show as a rounder number: a whole number plus a small fraction (1127.5,
    1127.0001127), a short decimal (2024.75, -0.003), a hair below or above a power
    of ten (9999.6, 10000.4, 0.99999876)."""
    near_whole = st.builds(lambda whole, part: whole + part,
                           st.integers(-10**16, 10**16).map(float), st.floats(-1.0, 1.0))
    decimal = st.builds(lambda digits, places: digits / 10.0 ** places,
                        st.integers(-10**9, 10**9), st.integers(0, 12))
    near_power = st.builds(lambda power, sign, below: 10.0 ** power * (1 + sign * below),
                           st.integers(-8, 16), st.sampled_from([-1, 1]),
                           st.floats(1e-15, 1e-3))
    return st.one_of(st.floats(allow_nan=False, allow_infinity=False),
                     near_whole, decimal, near_power)


# Kinds of entry a path can name (make_entry); only the first three may be written.
KINDS = ("missing", "regular", "model", "folder", "fifo", "link_model", "link_folder",
         "link_fifo", "link_zero", "link_full", "dangling", "loop", "no_parent")
WRITABLE = {"missing", "regular", "model"}
READABLE = {"model", "link_model"}
MODEL = nn.MLP(2, [2, 1], seed=0)


def make_entry(folder: Path, kind: str, name: str) -> Path:
    """Make an entry of `kind` named `name` in `folder` (links to /dev point out of it;
    nothing is made in /dev); return its path. no_parent: a path in a missing folder."""
    path = folder / name
    if kind == "no_parent":
        return folder / "missing folder" / name
    if kind == "regular":
        path.write_text("some text\n")
    elif kind == "model":
        nn.save(MODEL, path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind.startswith("link_"):
        target = {"link_zero": Path("/dev/zero"), "link_full": Path("/dev/full")}.get(kind)
        if target is None:
            target = make_entry(folder, kind[5:], "target " + name)
        path.symlink_to(target)
    elif kind == "dangling":
        path.symlink_to(folder / "nowhere")
    elif kind == "loop":
        path.symlink_to(path)
    return path


def tree_state(folder: Path) -> dict:
    """Every entry below `folder`: its type, and its content or link target."""
    entries = {}
    for root, dirs, files in os.walk(folder):
        for entry in dirs + files:
            path = Path(root) / entry
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode):
                entries[path] = ("link", os.readlink(path))
            elif stat.S_ISREG(mode):
                entries[path] = ("file", path.read_bytes())
            else:
                entries[path] = (stat.S_IFMT(mode), None)
    return entries


@contextlib.contextmanager
def no_hang(seconds: int = 10) -> Iterator[None]:
    """Raise TimeoutError in the block when it runs longer than `seconds` (a FIFO
    opened for reading or writing blocks until another program opens it too)."""
    def expired(signum: int, frame: Any) -> None:
        raise TimeoutError(f"blocked for {seconds} s")
    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)

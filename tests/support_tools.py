"""Helpers shared by the trace, drawing, frames and page tests.

The worked example graph (nn.examples.neuron, re-exported), and checks for external programs:
rendering needs Graphviz's `dot`; the browser test needs Debian's chromium.
Under CI (CI=true) a missing program fails the test, since a skipped test
must never pass for a working one; elsewhere the test is skipped with the
command that installs what is missing.
"""

from __future__ import annotations

import doctest
import os
import shutil
from pathlib import Path
from types import ModuleType

import pytest

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

"""Options shared by every drawing: the graphviz package and the layout direction."""

from __future__ import annotations

from typing import Any

from autograd.checks import one_of

RANKDIRS = ("LR", "TB", "RL", "BT")


def import_graphviz() -> Any:
    try:
        import graphviz
    except ImportError:
        raise ImportError("draw: needs the graphviz package; install it with "
                          "pip install 'chainrule[draw]' (and the dot program, "
                          "e.g. apt-get install graphviz)") from None
    return graphviz


def check_rankdir(rankdir: Any, operation: str) -> None:
    """A one-line ValueError, naming `operation`, unless rankdir is LR, TB, RL or BT."""
    one_of(operation, "rankdir", rankdir, RANKDIRS)

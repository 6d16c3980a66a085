"""The page's style sheet and scripts, read from the files next to this module.

rules.js is autograd's rule table in JavaScript, explorer.js the page itself,
explorer.css its looks. They are package data (pyproject.toml) and are inlined
into every page, so a saved page needs no file next to it and no network.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).parent


def _read(name: str) -> str:
    return (_HERE / name).read_text(encoding="utf-8")


RULES_SCRIPT = _read("rules.js")
CSS = _read("explorer.css")
EXPLORER_SCRIPT = _read("explorer.js")  # "{page_id}" in it is replaced by the page's id

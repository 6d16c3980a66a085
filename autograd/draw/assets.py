"""The page's style sheet and scripts, read from the files next to this module.

rules.js is autograd's rule table in JavaScript, explorer.js the page itself,
explorer.css its looks; api.js is the page API (window.chainrule and the check
of goto's argument) that explorer.js and the training replay page's script
(nn.replay_assets) both inline. They are package data (pyproject.toml) and are
inlined into every page, so a saved page needs no file next to it and no network.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).parent


def _read(name: str) -> str:
    return (_HERE / name).read_text(encoding="utf-8")


RULES_SCRIPT = _read("rules.js")
CSS = _read("explorer.css")
PAGE_API = _read("api.js")


def with_page_api(script: str) -> str:
    """A page's script with the page API (api.js) in place of its line "/* {api} */"."""
    place = "/* {api} */\n"
    if script.count(place) != 1:
        raise ValueError("with_page_api: the script needs one line /* {api} */")
    return script.replace(place, PAGE_API)


# "{page_id}" in it is replaced by the page's id
EXPLORER_SCRIPT = with_page_api(_read("explorer.js"))

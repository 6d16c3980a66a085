"""The step-by-step page: a live backprop explorer in one self-contained HTML file.

One diagram of the graph (laid out once by Graphviz, so nothing moves), the
recorded program as JSON data (`program.py`), autograd's rule table in
JavaScript (`rules.js`) and the page's script (`explorer.js`). The slider runs
through the forward pass (one step per computed node) and then the backward
pass (the seed, then one step per `parent.grad += local * node.grad`); every
leaf can be edited, and the script recomputes every value, local derivative
and gradient at once, keeping the layout and the step. No file next to it and
no network: it works offline, by e-mail, and inline in Jupyter (`StepsPage`).
User text (names, titles) is escaped here, or set as text by the script.

    from autograd.trace import record
    from autograd.draw.page import save_steps_html
    save_steps_html(record(loss), "steps.html")

The page's JavaScript API, for course pages and tests (explorer.js, api.js):
`window.chainrule.goto(step)` (a whole number from 0 to steps, else a one-line
Error), `.set(label, number)`, `.state()` -> {step, steps, phase, nodes:
{label: {data, grad}}}; with several pages in one document (step pages and
training replays) these act on the page shown last, `window.chainrule.pages`
holds each page's own API by id, and `window.chainrule.page(id)` gives one.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections import Counter
from pathlib import Path
from typing import Any, Iterable

from autograd.checks import instance, message, text
from autograd.filesystem import write_bytes
from autograd.notation import format_number
from autograd.trace import Trace
from autograd.value import Value

from . import style
from .assets import CSS, EXPLORER_SCRIPT, RULES_SCRIPT
from .frames import checked_seconds, render
from .graph import _Frame, check_rankdir, draw
from .modules import natural_key
from .program import json_for_script, program_data

DEFAULT_TITLE = "Backpropagation, step by step"
_PAGE_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
# The graph area of the page at 1280x800 (the tape takes the rest), in pixels:
# the layout direction that fits it at the larger scale is chosen.
_AREA = (900.0, 620.0)
_DIRECTIONS = ("LR", "TB")


def steps_html(trace: Trace, *, title: str = DEFAULT_TITLE, page_id: str = "steps",
               seconds_per_step: float = 1.0, **options: Any) -> str:
    """The whole page as an HTML document (options as for StepsPage)."""
    page = StepsPage(trace, title=title, seconds_per_step=seconds_per_step, **options)
    return page.document(page_id)


def save_steps_html(trace: Trace, path: str | Path, *, title: str = DEFAULT_TITLE,
                    page_id: str = "steps", seconds_per_step: float = 1.0,
                    **draw_options: Any) -> Path:
    """Write the page to `path` (a .html file) and return the path (StepsPage.save)."""
    page = StepsPage(trace, title=title, seconds_per_step=seconds_per_step, **draw_options)
    return page.save(path, page_id)


_DISPLAYS: Counter[str] = Counter()  # displays of each page's content so far


class StepsPage:
    """The live step-by-step page of a trace; shows itself inline in Jupyter.

    digits: significant digits of every number shown (1 to 17, see
    notation.format_number); legend=False leaves out the legend; rankdir:
    "LR" or "TB" (default: the one whose layout fits the page's graph area
    at the larger scale); parameters: leaves to colour as trained
    parameters; other options go to `autograd.draw.draw` (model, ...).
    Raises TypeError for a non-Trace, ValueError for a bad option.
    """

    def __init__(self, trace: Trace, *, title: str = DEFAULT_TITLE,
                 seconds_per_step: float = 1.0, digits: int = 4, legend: bool = True,
                 rankdir: str | None = None, parameters: Iterable[Value] | None = None,
                 **draw_options: Any) -> None:
        instance("StepsPage", "trace", trace, Trace, "a Trace from trace.record(root)")
        checked_seconds("StepsPage", "seconds_per_step", seconds_per_step)
        format_number(0.0, digits)  # a bad digits= is refused here, in one line
        if rankdir is not None:
            check_rankdir(rankdir, "StepsPage")
        self.trace, self.title, self.digits, self.legend = trace, str(title), digits, legend
        self.interval_ms = round(seconds_per_step * 1000)
        chosen = set(parameters or ())
        model = draw_options.get("model")
        if model is not None and hasattr(model, "parameters"):
            chosen |= set(model.parameters())
        ids = {step.node: f"n{k}" for k, step in enumerate(trace.forward)}
        self.program = program_data(trace, ids, digits, chosen)
        self.rankdir, self.svg = _layout(trace, rankdir, digits, chosen, draw_options)

    @property
    def steps(self) -> int:
        """The number of the last step: one per computed node, the seed, one per backward step."""
        computed = sum(1 for node in self.program["nodes"] if node["op"])
        return computed + 1 + len(self.trace.backward)

    def fragment(self, page_id: str, *, inline: bool = True) -> str:
        """The page as a block of HTML to embed (style, content and scripts)."""
        if not _PAGE_ID.fullmatch(text("StepsPage", "page_id", page_id)):
            raise ValueError(message("StepsPage", "page_id", page_id, "not an HTML id",
                                     "a letter and up to 63 letters, digits, - or _"))
        last = self.steps
        svg = _with_marker(_prefix_ids(self.svg, f"{page_id}-"), page_id)
        return "\n".join([
            f'<div class="chainrule-steps{" inline" if inline else ""}" id="{page_id}" '
            f'tabindex="0" data-interval="{self.interval_ms}">',
            f"<style>{CSS}</style>",
            f'<script type="application/json" class="program">'
            f'{json_for_script(self.program)}</script>',
            f"<h2>{html.escape(self.title)}</h2>",
            '<div class="controls">'
            '<button type="button" class="first" title="first step (Home)">|\u25c0</button>'
            '<button type="button" class="previous" title="previous step (\u2190)">'
            '\u25c0 Previous</button>'
            '<button type="button" class="play" title="play or pause (space)">Play</button>'
            '<button type="button" class="next" title="next step (\u2192)">Next \u25b6</button>'
            '<button type="button" class="last" title="last step (End)">\u25b6|</button>'
            f'<input type="range" min="0" max="{last}" value="0" step="1" aria-label="step">'
            f'<span class="counter">Step 0 of {last}</span><span class="phase"></span>'
            '<span class="zoom"><button type="button" class="zoom-out" title="zoom out">'
            '\u2212</button><button type="button" class="zoom-in" title="zoom in">+</button>'
            '<button type="button" class="fit" title="the whole graph">Fit</button>'
            '<label title="keep the current step in view"><input type="checkbox" '
            'class="follow"> follow</label></span></div>',
            '<p class="focus"></p><p class="error" role="alert" hidden></p>',
            '<div class="main"><div class="viewport"><div class="stage">'
            f"{svg}</div></div>",
            f'<aside class="side">{self._editor()}'
            '<section class="tape"><h3>Tape</h3><div class="lines"></div></section>'
            f"{self._legend() if self.legend else ''}</aside></div>",
            f"<script>{RULES_SCRIPT}</script>",
            f"<script>{EXPLORER_SCRIPT.replace('{page_id}', page_id)}</script>",
            "</div>"])

    def document(self, page_id: str = "steps") -> str:
        """The page as a complete HTML document that fills the browser window."""
        return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                f"<title>{html.escape(self.title)}</title>\n"
                "<style>html, body { margin: 0; height: 100%; }</style>\n</head>\n<body>\n"
                f"{self.fragment(page_id, inline=False)}\n</body>\n</html>\n")

    def save(self, path: str | Path, page_id: str = "steps") -> Path:
        """Write the page to `path` (a .html file) and return the path; nothing is
        written when the page cannot be made. Raises ValueError (one line) when the
        folder does not exist or `path` is not a regular file (autograd.filesystem);
        no folder is made."""
        document = self.document(page_id)
        return write_bytes(path, document.encode("utf-8"), "save_steps_html")

    def _repr_html_(self) -> str:
        # Ids come from the content and a count of its displays in this session:
        # unique within a notebook, yet the same each time the notebook is rebuilt.
        digest = hashlib.sha256((self.title + self.svg).encode()).hexdigest()[:12]
        _DISPLAYS[digest] += 1
        return self.fragment(f"steps-{digest}-{_DISPLAYS[digest]}")

    def _editor(self) -> str:
        """A number field per input and parameter (the script fills in the values)."""
        fields = []
        nodes = sorted(enumerate(self.program["nodes"]),  # inputs first, then by name
                       key=lambda item: (item[1]["role"] != "input", natural_key(item[1]["name"])))
        for k, node in nodes:
            if node["editable"]:
                fields.append(f'<label class="{node["role"]}"><span>{html.escape(node["name"])}'
                              f'</span><input type="number" step="any" data-node="{k}" '
                              f'value="{node["data"]!r}"></label>')
        if not fields:
            return ""
        return (f'<section class="leaves"><h3>Inputs and parameters</h3>'
                '<p class="note" hidden>This graph uses a rule the page does not know: '
                'its values cannot be recomputed here.</p>'
                f'<div class="fields">{"".join(fields)}</div></section>')

    def _legend(self) -> str:
        roles = {node["role"] for node in self.program["nodes"]}
        swatches = [(f'<i class="swatch" style="background:{style.ROLE_COLORS[role]}"></i>',
                     style.ROLE_DESCRIPTIONS[role]) for role in style.ROLE_COLORS if role in roles]
        marks = [
            ('<i class="swatch op"></i>', "operation: computes its value from its inputs"),
            ('<i class="swatch current"></i>', "the node of this step: being computed "
             "(forward) or passing its gradient back (backward)"),
            ('<i class="swatch receiving"></i>', "its input being read (forward) or the "
             "parent receiving the gradient (backward)"),
            ('<i class="arrow forward"></i>', "forward: values flow along the arrows"),
            ('<i class="arrow backward"></i>', f"backward: {style.BACKWARD_ARROW}"),
            ("<b>n of N</b>", "Step counts both passes; the badge beside it counts the steps "
             "of its pass, as the titles of the SVG frames and the GIF do (backward step 0: "
             "the seed)"),
            ("<b>\u2014</b>", "not computed (forward) or not reached (backward) yet"),
            ("<b>\u2248</b>", "a float next to a round number: 0.5 - 2e-16 shows as \u22480.5"),
            ("<b>local, adds</b>", "on an arrow: the local derivative, and what it added "
             "to the parent's grad")]
        rows = "".join(f"<li>{mark}<span>{html.escape(text)}</span></li>"
                       for mark, text in swatches + marks)
        return f'<details class="legend" open><summary>Legend</summary><ul>{rows}</ul></details>'


def _layout(trace: Trace, rankdir: str | None, digits: int, parameters: set[Value],
            options: dict[str, Any]) -> tuple[str, str]:
    """The diagram's SVG, laid out once; without a rankdir, the direction that
    fits the page's graph area at the larger scale."""
    grads = {step.node: 0.0 for step in trace.forward}  # every cell present; the script fills
    grads.update({step.parent: step.after for step in trace.backward})
    grads[trace.root] = trace.seed
    longest = max([len(format_number(g, digits)) for g in grads.values()] + [digits + 2])
    best: tuple[float, str, str] | None = None
    for direction in (rankdir,) if rankdir else _DIRECTIONS:
        graph = draw(trace.root, names=trace.names, show_local_grads=True, legend=False,
                     parameters=parameters, rankdir=direction, digits=digits,
                     _frame=_Frame(grads=grads, digits=min(40, longest), arrow_font=11),
                     **options)
        svg = _clean_svg(render(graph, "svg", "StepsPage"))
        width, height = _size(svg)
        scale = min(_AREA[0] / width, _AREA[1] / height)
        if best is None or scale > best[0]:
            best = (scale, direction, svg)
    assert best is not None
    return best[1], best[2]


def _size(svg: str) -> tuple[float, float]:
    match = re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"', svg)
    return (float(match.group(1)), float(match.group(2))) if match else (1.0, 1.0)


def _clean_svg(svg: bytes) -> str:
    """dot's SVG ready to inline: no XML prolog, comments, tooltips or fixed size
    (the page's script sizes it from its viewBox)."""
    text = svg.decode("utf-8")
    text = text[text.index("<svg"):]
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"<title>.*?</title>", "", text, flags=re.S)
    return re.sub(r'<svg width="[^"]*" height="[^"]*"', "<svg", text, count=1)


def _prefix_ids(svg: str, prefix: str) -> str:
    """Make the SVG's element ids unique in the document (several pages in one notebook)."""
    return re.sub(r'(?<=\s)id="', f'id="{prefix}', svg)


def _with_marker(svg: str, page_id: str) -> str:
    """Add the arrowhead the script puts at the start of an arrow the gradient flows back along."""
    marker = (f'<defs><marker id="{page_id}-back" viewBox="0 0 10 10" refX="9" refY="5" '
              f'markerWidth="5" markerHeight="5" orient="auto-start-reverse" '
              f'markerUnits="strokeWidth"><path d="M0,0 L10,5 L0,10 z" fill="#dc2626"/>'
              f"</marker></defs>")
    end = svg.index(">", svg.index("<svg")) + 1
    return svg[:end] + marker + svg[end:]

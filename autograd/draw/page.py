"""One self-contained HTML page that steps through a backward pass.

The page holds every frame of `frames.backward_frames` as inline SVG, the
tape line and table row of every step, and a small script (Previous, Next,
Play, a slider, arrow keys) that shows one step at a time. No file next to
it and no network: it works offline, by e-mail, and inline in Jupyter
(`StepsPage(trace)` displays itself). Every text that could come from a user
is escaped here; the SVGs are escaped by Graphviz.

    from autograd.trace import record
    from autograd.draw.page import save_steps_html
    save_steps_html(record(loss), "steps.html")
"""

from __future__ import annotations

import hashlib
import html
import re
from collections import Counter
from pathlib import Path
from typing import Any

from autograd.checks import instance, message, text
from autograd.notation import expression, format_number
from autograd.trace import BACKWARD_HEADER, LOSS, Trace

from .frames import backward_frames, checked_seconds, render
from .page_assets import CSS, SCRIPT

DEFAULT_TITLE = "Backpropagation, step by step"
_PAGE_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")


def steps_html(trace: Trace, *, title: str = DEFAULT_TITLE, page_id: str = "steps",
               seconds_per_step: float = 1.0, **draw_options: Any) -> str:
    """The whole page as an HTML document (draw_options go to the frames)."""
    page = StepsPage(trace, title=title, seconds_per_step=seconds_per_step, **draw_options)
    return page.document(page_id)


def save_steps_html(trace: Trace, path: str | Path, *, title: str = DEFAULT_TITLE,
                    page_id: str = "steps", seconds_per_step: float = 1.0,
                    **draw_options: Any) -> Path:
    """Write the page to `path` (a .html file) and return the path (StepsPage.save)."""
    page = StepsPage(trace, title=title, seconds_per_step=seconds_per_step, **draw_options)
    return page.save(path, page_id)


_DISPLAYS: Counter[str] = Counter()  # displays of each page's content so far


class StepsPage:
    """The step-by-step page of a trace; shows itself inline in Jupyter.

    The frames are rendered once, when the page is made; each display gets
    its own element ids, so several pages in one notebook do not interfere.
    """

    def __init__(self, trace: Trace, *, title: str = DEFAULT_TITLE,
                 seconds_per_step: float = 1.0, **draw_options: Any) -> None:
        instance("StepsPage", "trace", trace, Trace, "a Trace from trace.record(root)")
        checked_seconds("StepsPage", "seconds_per_step", seconds_per_step)
        self.trace = trace
        self.title = str(title)
        self.interval_ms = round(seconds_per_step * 1000)
        frames = backward_frames(trace, titles=False, **draw_options)
        self.svgs = [_clean_svg(render(frame, "svg", "StepsPage")) for frame in frames]

    def fragment(self, page_id: str) -> str:
        """The page as a block of HTML to embed (style, content and script)."""
        if not _PAGE_ID.fullmatch(text("StepsPage", "page_id", page_id)):
            raise ValueError(message("StepsPage", "page_id", page_id, "not an HTML id",
                                     "a letter and up to 63 letters, digits, - or _"))
        last = len(self.svgs) - 1
        parts = [f'<div class="chainrule-steps" id="{page_id}" tabindex="0" '
                 f'data-steps="{last}" data-interval="{self.interval_ms}">',
                 f"<style>{CSS}</style>",
                 f"<h2>{html.escape(self.title)}</h2>",
                 '<div class="controls">'
                 '<button type="button" class="previous">Previous</button>'
                 '<button type="button" class="next">Next</button>'
                 '<button type="button" class="play">Play</button>'
                 f'<input type="range" min="0" max="{last}" value="0" step="1" '
                 f'aria-label="step">'
                 f'<span class="counter">Step 0 of {last}</span></div>']
        lines = self.trace.step_lines()
        for k in range(last + 1):
            hidden = "" if k == 0 else " hidden"
            parts.append(f'<pre class="line" data-step="{k}"{hidden}>'
                         f'{html.escape(lines[k])}</pre>')
            parts.append(f'<p class="focus" data-step="{k}"{hidden}>{self._focus(k)}</p>')
        for k, svg in enumerate(self.svgs):
            hidden = "" if k == 0 else " hidden"
            parts.append(f'<div class="frame" data-step="{k}"{hidden}>'
                         f'{_prefix_ids(svg, f"{page_id}-{k}-")}</div>')
        parts.append(self._table())
        parts.append(f"<details><summary>the whole tape</summary>"
                     f"<pre>{html.escape(self.trace.text())}</pre></details>")
        parts.append("</div>")
        parts.append(f"<script>{SCRIPT.replace('{page_id}', page_id)}</script>")
        return "\n".join(parts)

    def document(self, page_id: str = "steps") -> str:
        """The page as a complete HTML document."""
        return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                f"<title>{html.escape(self.title)}</title>\n</head>\n<body>\n"
                f"{self.fragment(page_id)}\n</body>\n</html>\n")

    def save(self, path: str | Path, page_id: str = "steps") -> Path:
        """Write the page to `path` (a .html file) and return the path; nothing is
        written, and no folder made, when the page cannot be made."""
        target = Path(path)
        document = self.document(page_id)  # before any folder is made
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(document, encoding="utf-8")
        return target

    def _repr_html_(self) -> str:
        # Ids come from the content and a count of its displays in this session:
        # unique within a notebook, yet the same each time the notebook is rebuilt.
        digest = hashlib.sha256("".join([self.title, *self.svgs]).encode()).hexdigest()[:12]
        _DISPLAYS[digest] += 1
        return self.fragment(f"steps-{digest}-{_DISPLAYS[digest]}")

    def _focus(self, k: int) -> str:
        """'out passes its gradient to v8' for the step, with the names in bold."""
        if k == 0:
            name = self.trace.names[self.trace.root]
            return f"seed: <b>{html.escape(name)}</b> is {LOSS} itself, so d{LOSS}/d{LOSS} = 1"
        step = self.trace.backward[k - 1]
        formula = expression(step.node, self.trace.names)
        return (f"<b>{html.escape(step.node_name)}</b> = {html.escape(formula)} passes its "
                f"gradient to <b>{html.escape(step.parent_name)}</b>")

    def _table(self) -> str:
        head = "".join(f"<th>{html.escape(cell)}</th>" for cell in BACKWARD_HEADER)
        seed = ["0", self.trace.names[self.trace.root], format_number(self.trace.seed),
                "(seed)", "", "", ""]
        rows = [seed] + [step.cells() for step in self.trace.backward]
        body = []
        for k, row in enumerate(rows):
            hidden = "" if k == 0 else " hidden"
            cells = "".join(f"<td>{html.escape(cell)}</td>" for cell in row)
            body.append(f'<tr class="row" data-step="{k}"{hidden}>{cells}</tr>')
        return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _clean_svg(svg: bytes) -> str:
    """dot's SVG ready to inline: no XML prolog, comments or tooltips (the page's
    style sheet lets it shrink to the page's width)."""
    text = svg.decode("utf-8")
    text = text[text.index("<svg"):]
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    return re.sub(r"<title>.*?</title>", "", text, flags=re.S)


def _prefix_ids(svg: str, prefix: str) -> str:
    """Make the SVG's element ids unique in the page (each frame repeats them)."""
    return re.sub(r'(?<=\s)id="', f'id="{prefix}', svg)

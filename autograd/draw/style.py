"""How a diagram looks: colours, node labels, the legend, and safe label text.

`draw.py` decides *what* to draw; this module decides how each piece looks.
Every label is a graphviz HTML-like label built here, and every piece of
text that could come from a user (labels, op names, titles) passes through
`html_text`, which escapes it, so a label such as `"]; node [color=red`,
`<b>` or `C:\\Users\\N` is shown as typed and can never change the diagram's
structure.
"""

from __future__ import annotations

import html
import math
import textwrap
import unicodedata
from typing import Any, Collection

# Fill colours by role: one hue per kind of node, light enough for black text.
ROLE_COLORS = {
    "input": "#dbeafe",  # blue: the data
    "parameter": "#dcfce7",  # green: what training adjusts
    "constant": "#ddd6fe",  # violet: numbers written in the formula (distinct from white)
    "intermediate": "#ffffff",
    "output": "#fef3c7",  # yellow: the value backward starts from
}
ROLE_DESCRIPTIONS = {
    "input": "input",
    "parameter": "parameter (trained)",
    "constant": "constant",
    "intermediate": "intermediate value",
    "output": "output (backward starts here)",
}
OP_COLOR = "#e5e7eb"
EDGE_COLOR = "#6b7280"
CURRENT_COLOR = "#dc2626"  # the node whose grad is flowing, and its edges
RECEIVING_COLOR = "#ea580c"  # the node receiving a contribution
# The red arrow of a backward step, as the step page's legend and the frames' legend say it
BACKWARD_ARROW = ("the gradient flows back, against the arrows; the red head points at the "
                  "parent it reaches")
POSITIVE_RGB = (37, 99, 235)  # blue for grad > 0 when colouring by grad
NEGATIVE_RGB = (220, 38, 38)  # red for grad < 0

MAX_TEXT = 60  # longer labels are cut with an ellipsis
CELL_WIDTH = 62  # minimum width of the data and grad cells, in points, so
# that the node size does not change when a grad is filled in (stable frames)


def node_role(node: Any, root: Any, parameters: Collection[Any], constant: bool) -> str:
    """The role a value is coloured by: one of ROLE_COLORS' keys."""
    if node is root:
        return "output"
    if constant:
        return "constant"
    if node in parameters:
        return "parameter"
    return "input" if node.is_leaf else "intermediate"


def html_text(text: str, limit: int | None = MAX_TEXT) -> str:
    """User text made safe for a graphviz HTML-like label (shown as typed), cut
    with an ellipsis after `limit` characters (None: never cut).

    Backslashes are doubled: dot expands its escString sequences (\\N the node's
    name, \\G the graph's, \\E, \\\\, ...) in HTML-like labels too, after reading
    character references, so only a doubled backslash comes out as one."""
    if limit is not None and len(text) > limit:
        text = text[:limit - 1] + "\u2026"
    lines = text.split("\n")
    # "]" as a character reference: dot's HTML-label lexer stumbles on a label "<]>".
    return "<BR/>".join(html.escape(_visible(line), quote=True).replace("]", "&#93;")
                        .replace("\\", "\\\\") for line in lines)


def _visible(line: str) -> str:
    """Characters XML refuses as \\xNN or \\uNNNN escapes, tabs as spaces.

    dot reads HTML-like labels as XML 1.0, whose characters exclude controls,
    surrogates and the non-characters U+FFFE and U+FFFF (the XML 1.0 `Char`
    production); any of them makes dot refuse the whole diagram.
    """
    shown = []
    for ch in line.replace("\t", " "):
        if unicodedata.category(ch) in ("Cc", "Cs") or ch in "\ufffe\uffff":
            shown.append(f"\\x{ord(ch):02x}" if ord(ch) < 256 else f"\\u{ord(ch):04x}")
        else:
            shown.append(ch)
    return "".join(shown)


def text_width(characters: int, font_size: float) -> int:
    """A generous estimate, in points, of a cell holding `characters` characters."""
    return math.ceil(characters * 0.68 * font_size) + 10  # + padding and borders


def value_label(name: str, data: str, grad: str | None, fill: str,
                grad_width: int = CELL_WIDTH) -> str:
    """A value node: name | data | grad, in one row of boxes (grad omitted if None).

    The outline is the node's own (its colour and pen width mark highlights
    without changing the node's size, so frames keep one layout)."""
    cells = [f'<TD>{html_text(name)}</TD>',
             f'<TD WIDTH="{CELL_WIDTH}">data {html_text(data)}</TD>']
    if grad is not None:
        cells.append(f'<TD WIDTH="{grad_width}">grad {html_text(grad)}</TD>')
    return (f'<<TABLE BORDER="0" CELLBORDER="1" '
            f'CELLSPACING="0" CELLPADDING="4" BGCOLOR="{fill}"><TR>{"".join(cells)}'
            f'</TR></TABLE>>')


def title_label(text: str, width: int = 100) -> str:
    """A diagram's title, whole: each of its lines ("\\n" ends one) longer than `width`
    wraps at spaces, never cut."""
    lines = [part for line in text.split("\n")
             for part in textwrap.wrap(line, width, break_long_words=False,
                                       replace_whitespace=False, drop_whitespace=False) or [""]]
    return "<" + '<BR ALIGN="LEFT"/>'.join(html_text(line, None) for line in lines) + \
        '<BR ALIGN="LEFT"/>>'


def box_label(title: str, detail: str) -> str:
    """A collapsed module box: a bold title and a line of detail."""
    return (f'<<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="6" '
            f'BGCOLOR="#f9fafb"><TR><TD><B>{html_text(title)}</B></TD></TR>'
            f'<TR><TD>{html_text(detail)}</TD></TR></TABLE>>')


def plain_label(text: str) -> str:
    """Any short text as an HTML-like label (op symbols, edge numbers, titles)."""
    return f"<{html_text(text)}>"


def lines_label(lines: list[str], min_width: int | None = None) -> str:
    """Several lines of text as one HTML-like label, at least `min_width` points wide."""
    if min_width is None:
        return "<" + "<BR/>".join(html_text(line) for line in lines) + ">"
    rows = "".join(f'<TR><TD WIDTH="{min_width}">{html_text(line) or " "}</TD></TR>'
                   for line in lines)
    return f'<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0">{rows}</TABLE>>'


def grad_color(grad: float | None, largest: float) -> str:
    """White for no or zero grad; blue (positive) or red (negative), deeper when larger.

    The depth grows with sqrt(|grad| / largest), so that small but nonzero
    grads are still visible next to a large one.
    """
    if grad is None or grad == 0.0 or largest == 0.0:
        return "#ffffff"
    depth = 0.15 + 0.85 * math.sqrt(min(abs(grad) / largest, 1.0))
    red, green, blue = POSITIVE_RGB if grad > 0 else NEGATIVE_RGB
    return "#{:02x}{:02x}{:02x}".format(*(round(255 + (c - 255) * depth * 0.75)
                                          for c in (red, green, blue)))


def role_legend(roles: list[str], note: str | None = None) -> str:
    """The legend for colouring by role: a swatch per role that appears, in one row.

    `note`, if given, is a second row (which derivative the grads are); each of its
    lines ("\\n" ends one) is cut after MAX_TEXT characters.
    """
    return _legend_row([(ROLE_COLORS[role], ROLE_DESCRIPTIONS[role]) for role in roles], note)


def grad_legend(note: str | None = None) -> str:
    """The legend for colouring by gradient: sign by hue, size by depth (and `note`)."""
    return _legend_row([(grad_color(1.0, 1.0), "grad > 0"), (grad_color(-1.0, 1.0), "grad < 0"),
                        ("#ffffff", "grad 0 or not reached"),
                        (grad_color(0.05, 1.0), "paler: smaller |grad|")], note)


def _legend_row(entries: list[tuple[str, str]], note: str | None) -> str:
    cells = "".join(f'<TD BGCOLOR="{color}" BORDER="1" WIDTH="14"> </TD>'
                    f'<TD ALIGN="LEFT">{html_text(text)}</TD>' for color, text in entries)
    lines = "<BR/>".join(html_text(line) for line in (note or "").split("\n"))
    below = "" if note is None else (f'<TR><TD COLSPAN="{1 + 2 * len(entries)}" ALIGN="LEFT" '
                                     f'BALIGN="LEFT">{lines}</TD></TR>')
    return (f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="3" CELLPADDING="2">'
            f'<TR><TD><B>legend</B></TD>{cells}</TR>{below}</TABLE>>')

"""Backslashes in user text are shown as typed in every diagram (dot renders each one).

dot expands escString sequences (\\N the node's name, \\G the graph's, \\E, \\T,
\\H, \\L, \\l, \\n, \\r, and \\\\ for one backslash) in labels, HTML-like ones
included, so a label `C:\\Users\\N` came out as `C:\\Usersn0`. Each place user
text reaches DOT is drawn here with nasty labels and the text of dot's SVG is
compared with the label, character for character.
"""

import re
import xml.etree.ElementTree as ET

import pytest

import nn
from autograd import Value, apply
from autograd.draw import draw
from autograd.draw.page import StepsPage
from autograd.draw.style import html_text
from autograd.trace import record
from nn.sample_graph import largest_loss_sample
from support_tools import require_dot

SVG = "{http://www.w3.org/2000/svg}"
NASTY = ["C:\\Users\\N", "\\N", "\\G", "\\E", "\\T", "\\H", "\\L", "\\l", "\\n", "\\r",
         "a\\Gb", "end\\", "\\", "two\\\\back", "\\\\N", "\\\\\\", 'say "\\N"', "<\\N>",
         "&\\E;", "&amp;\\", "{a|\\l}", "\u03b8\\N\u2207\U0001f600", "\\x41", "\\]", "fontsize=9"]


def texts(svg: bytes) -> list[str]:
    """The text of every <text> element of dot's SVG."""
    return ["".join(t.itertext()) for t in ET.fromstring(svg).iter(f"{SVG}text")]


def shows(found: list[str], label: str) -> bool:
    """A text is the label, or a value's cell "v<k>: label" (a label that is not a name)."""
    return any(text == label or (text.endswith(": " + label)
                                 and re.fullmatch(r"v\d+", text[:-len(label) - 2]))
               for text in found)


def summed(labels: list[str]) -> Value:
    values = [Value(float(k + 1), label) for k, label in enumerate(labels)]
    total = values[0]
    for value in values[1:]:
        total = total + value
    return total


def test_html_text_doubles_every_backslash():
    assert html_text("C:\\Users\\N") == "C:\\\\Users\\\\N"
    assert html_text("nul\x00") == "nul\\\\x00"  # the \x00 shown for a NUL, literally


def test_value_labels_render_as_typed():
    require_dot()
    found = texts(draw(summed(NASTY)).pipe(format="svg"))
    assert [label for label in NASTY if not shows(found, label)] == []


@pytest.mark.parametrize("label", NASTY)
def test_titles_op_names_and_names_render_as_typed(label):
    require_dot()
    x = Value(2.0)  # no label: its cell shows the name given
    y = apply(lambda a: (2 * a, (2.0,)), x, op=label)
    found = texts(draw(y, title=label, names={x: label + "!"}).pipe(format="svg"))
    assert found.count(label) == 2  # the title and the operation's oval
    assert label + "!" in found


def test_the_legend_note_renders_as_typed():
    require_dot()
    x = Value(2.0, "x")
    h = x * 3
    loss = h * h
    loss.label = "C:\\Users\\N \\G"
    loss.backward()
    found = texts(draw(h, grads_of=loss).pipe(format="svg"))
    assert "grads are d(C:\\Users\\N \\G)/d(node)" in found


class Odd:
    """A network whose module and parameter names are nasty (no dots: they split paths)."""

    def __init__(self, modules: list[str], names: list[str]) -> None:
        self.parameters_by_name = {f"{module}.{name}": Value(0.5 + k, "")
                                   for k, (module, name) in enumerate(zip(modules, names))}

    def named_parameters(self):
        return list(self.parameters_by_name.items())


def test_module_and_parameter_names_render_as_typed_drawn_and_collapsed():
    require_dot()
    modules, names = ["m\\G", "\\E{|}", "<\\N>"], ["w\\N", "b\\\\", "\\l\""]
    model = Odd(modules, names)
    x = Value(1.0, "x")
    out = x
    for parameter in model.parameters_by_name.values():
        out = out * parameter
    found = texts(draw(out, model=model).pipe(format="svg"))
    assert [text for text in modules + names if text not in found] == []
    boxes = texts(draw(out, model=model, max_nodes=5).pipe(format="svg"))  # a box each
    assert [module for module in modules if module not in boxes] == []


def test_draw_network_names_and_title_render_as_typed():
    require_dot()
    picture = nn.draw_network(nn.MLP(2, [2, 1], seed=0), input_names=["C:\\x\\N", "\\G"],
                              title="a\\Gb \\E end\\")
    found = texts(picture.pipe(format="svg"))
    assert {"C:\\x\\N", "\\G", "a\\Gb \\E end\\"} <= set(found)


def test_the_sample_graph_title_names_the_loss_as_typed():
    require_dot()

    def loss(output, label):
        return (output - label) ** 2

    loss.__name__ = "my\\G\\N"
    model = nn.MLP(2, [1], seed=0)
    sample = largest_loss_sample(model, [[1.0, 2.0], [0.5, -1.0]], [1.0, 0.0], loss)
    found = texts(draw(sample.loss, title=sample.title).pipe(format="svg"))
    assert "the largest my\\G\\N loss after training," in found


def test_the_step_page_diagram_shows_labels_as_typed():
    require_dot()
    page = StepsPage(record(summed(["\\N", "C:\\Users\\N", "end\\"]) * 2),
                     title="a\\Gb")
    found = texts(page.svg.encode("utf-8"))
    assert [label for label in ["\\N", "C:\\Users\\N", "end\\"] if not shows(found, label)] == []
    assert "fontsize=9" in html_text("fontsize=9")
    assert shows(texts(StepsPage(record(Value(1.0, "fontsize=9") * 2)).svg.encode()),
                 "fontsize=9")  # the page's larger arrow font does not touch labels

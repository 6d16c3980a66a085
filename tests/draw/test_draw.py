"""Tests for autograd.draw: the DOT it writes (no dot program needed) and,
where marked, what dot renders from it (needs Graphviz's dot)."""

import re
import xml.etree.ElementTree as ET

import pytest

from autograd import Value, apply
from autograd.draw import draw
from autograd.draw.graph import _Frame  # the private frame plumbing, tested here
from autograd.draw.style import html_text
from support_tools import examples_pass, neuron, require_dot

SVG = "{http://www.w3.org/2000/svg}"


def neuron_with_parameters():
    out, leaves = neuron()
    return out, [leaves["w1"], leaves["w2"], leaves["b"]]


def node_line(source, text):
    """The DOT line of the value node whose first cell is `text`."""
    lines = [line for line in source.splitlines() if f"<TD>{text}</TD>" in line]
    assert len(lines) == 1, lines
    return lines[0]


def arrows(source):
    return [line.strip() for line in source.splitlines() if " -> " in line]


def test_values_show_name_data_and_grad_and_ops_show_their_symbol():
    out, params = neuron_with_parameters()
    out.backward()
    source = draw(out, parameters=params).source
    assert "data 2.0" in node_line(source, "x1")
    # w1 * d out/d n = -3 * 0.4999999999999998: float noise next to -1.5, shown as such
    assert "grad \u2248-1.5" in node_line(source, "x1")
    assert "grad \u22481.0" in node_line(source, "w1")  # x1 * 0.5
    assert "data 0.7071" in node_line(source, "out")  # tanh(atanh(1/sqrt 2))
    assert source.count("label=<*>") == 2
    assert source.count("label=<+>") == 2
    assert source.count("label=<tanh>") == 1
    # 9 input arrows (two per * and +, one into tanh) and 5 op -> result arrows
    assert len(arrows(source)) == 14


def test_roles_are_coloured_and_listed_in_the_legend():
    out, params = neuron_with_parameters()
    source = draw(out, parameters=params).source
    assert 'class="value input"' in node_line(source, "x1")
    assert 'class="value parameter"' in node_line(source, "b")
    assert 'class="value output"' in node_line(source, "out")
    assert 'class="value intermediate"' in source
    legend = next(line for line in source.splitlines() if line.strip().startswith("legend"))
    assert "parameter (trained)" in legend and "constant" not in legend
    assert "legend" not in draw(out, legend=False).source


def test_a_value_used_twice_draws_two_arrows_into_the_op():
    a = Value(3.0, "a")
    source = draw(a + a).source
    assert arrows(source).count("n0 -> n1op [class=input id=n1in0]") == 1
    assert arrows(source).count("n0 -> n1op [class=input id=n1in1]") == 1


def test_the_same_graph_gives_byte_identical_dot():
    def build():
        x, y = Value(1.5, "x"), Value(-2.0)
        z = (x * y + x).tanh() * y ** 2
        z.backward()
        return z

    assert draw(build(), show_local_grads=True).source == draw(build(),
                                                               show_local_grads=True).source


def test_drawing_changes_nothing_in_the_graph():
    out, params = neuron_with_parameters()
    out.backward()
    nodes = [out] + params
    before = [(n.data, n.grad, n.label) for n in nodes]
    draw(out, highlight=[out], model=None, color_by="grad", _frame=_Frame(grads={out: 5.0}))
    assert [(n.data, n.grad, n.label) for n in nodes] == before


def test_edges_carry_the_local_derivative_and_the_contribution():
    x, y = Value(2.0, "x"), Value(3.0, "y")
    z = x * y
    z.backward()
    source = draw(z, show_local_grads=True).source
    # d(x*y)/dx = y = 3, times upstream 1; d/dy = x = 2
    assert "n0 -> n2op [label=<local 3.0<BR/>adds 3.0>" in source
    assert "n1 -> n2op [label=<local 2.0<BR/>adds 2.0>" in source


def test_before_backward_edges_show_only_the_local_derivative():
    x, y = Value(2.0, "x"), Value(3.0, "y")
    source = draw(x * y, show_local_grads=True).source
    assert "label=<local 3.0>" in source and "adds" not in source
    assert "grad \u2014" in source  # no grad to show yet


def test_grads_and_flowed_override_what_is_shown():
    x, y = Value(2.0, "x"), Value(3.0, "y")
    z = x * y
    frame = _Frame(grads={z: 1.0, x: 3.0}, flowed=[(z, 0)])
    source = draw(z, show_local_grads=True, _frame=frame).source
    assert "grad 3.0" in node_line(source, "x")
    assert "grad \u2014" in node_line(source, "y")
    assert "label=<local 3.0<BR/>adds 3.0>" in source
    assert "label=<local 2.0>" in source  # the arrow from y has not flowed yet


def test_highlighted_nodes_and_edges_are_marked_with_classes_and_colour():
    x, y = Value(2.0, "x"), Value(3.0, "y")
    z = x * y
    source = draw(z, highlight=[z], _frame=_Frame(edges=[(z, 1)])).source
    assert "current" in node_line(source, "v2")
    assert "receiving" in node_line(source, "y")
    assert "receiving" not in node_line(source, "x")
    # the gradient flows back: the arrow's head at the parent, as on the step page
    assert ('n1 -> n2op [class="input current" color="#dc2626" dir=back id=n2in1 penwidth=3 '
            'style=dashed]') in source


def test_colour_by_grad_uses_hue_for_sign():
    x, y = Value(2.0, "x"), Value(-3.0, "y")
    z = x * y
    z.backward()  # dz/dx = -3 (negative), dz/dy = 2 (positive)

    def fill(line):
        red, green, blue = (int(h, 16) for h in re.findall(
            r'BGCOLOR="#(..)(..)(..)"', line)[0])
        return red, blue

    source = draw(z, color_by="grad").source
    red, blue = fill(node_line(source, "x"))
    assert red > blue
    red, blue = fill(node_line(source, "y"))
    assert blue > red
    assert "grad &lt; 0" in source  # the grad legend


HOSTILE_LABELS = ['say "hi"', "<b>bold</b>", "{braces}", "a|b", "back\\slash",
                  "two\nlines", "unicode \u03b8\u2192\u2207 \U0001f600", "nul\x00byte",
                  '"]; n0 -> n1; evil [label="x', "&amp; &#60;", "]]>"]


def test_hostile_labels_are_escaped_and_cannot_add_nodes_or_edges():
    values = [Value(float(i), label) for i, label in enumerate(HOSTILE_LABELS)]
    total = values[0]
    for value in values[1:]:
        total = total + value
    odd = apply(lambda a: (2 * a, (2.0,)), total, op='<op "x">')
    source = draw(odd).source
    # 11 leaves, 10 + ops and the odd op: one value and one op node each
    assert len(re.findall(r"^\s*n\d+ \[", source, re.M)) == 11 + 11
    assert len(re.findall(r"^\s*n\d+op \[", source, re.M)) == 11
    assert len(arrows(source)) == 2 * 10 + 1 + 11
    assert "evil [" not in source.replace("evil [label=", "")  # only inside a label
    assert "&lt;b&gt;bold&lt;/b&gt;" in source
    assert "two<BR/>lines" in source
    assert "nul\\\\x00byte" in source and "\x00" not in source  # \x00, its \ doubled for dot
    assert "&amp;amp;" in source
    assert "&lt;op &quot;x&quot;&gt;" in source


def test_a_title_that_is_not_text_is_shown_as_text():
    assert 'label=<42<BR ALIGN="LEFT"/>> labeljust=l' in draw(Value(1.0, "x"), title=42).source


def test_long_labels_are_cut():
    assert html_text("x" * 100) == "x" * 59 + "\u2026"


def test_bad_options_are_one_line_errors():
    x = Value(1.0, "x")
    with pytest.raises(TypeError, match="^draw: root=3 is an int, not a Value; use the Value to "
                                        "draw the graph of$"):
        draw(3)
    with pytest.raises(ValueError, match="^draw: rankdir='up' is unknown; use one of 'LR', "):
        draw(x, rankdir="up")
    with pytest.raises(ValueError, match="^draw: color_by='size' is unknown; use one of 'role', "
                                         "'grad'$"):
        draw(x, color_by="size")
    with pytest.raises(ValueError, match="^draw: max_nodes=1 is out of range; use a whole number "
                                         ">= 2$"):
        draw(x, max_nodes=1)
    with pytest.raises(TypeError, match="^draw: max_nodes=2.5 is a float, not a whole number"):
        draw(x, max_nodes=2.5)
    with pytest.raises(TypeError, match="draw: model= expects a network with named_parameters"):
        draw(x, model=object())

    # The frame plumbing is private (autograd.draw.frames sets it): not an option of draw.
    for plumbing in ("grads", "flowed", "highlight_edges", "reserve_digits"):
        with pytest.raises(TypeError, match=f"draw.. got an unexpected keyword argument "
                                            f"'{plumbing}'"):
            draw(x, **{plumbing: None})


def test_reserved_digits_widen_the_grad_cells_and_give_arrows_a_fixed_second_line():
    x = Value(2.0, "x")
    y = x * 3

    def grad_cell_width(source):
        return int(re.search(r'<TD WIDTH="(\d+)">grad', source).group(1))

    assert grad_cell_width(draw(y, _frame=_Frame(digits=12)).source) > grad_cell_width(
        draw(y, _frame=_Frame(digits=3)).source)
    arrow = next(line for line in draw(y, show_local_grads=True, _frame=_Frame(digits=3)).source
                 .splitlines() if line.strip().startswith("n0 -> "))
    assert ">local 3.0</TD></TR><TR><TD" in arrow  # an empty second line, kept for its size


def test_hostile_labels_render_as_typed():
    require_dot()
    values = [Value(float(i), label) for i, label in enumerate(HOSTILE_LABELS)]
    total = values[0]
    for value in values[1:]:
        total = total + value
    svg = draw(total).pipe(format="svg")
    tree = ET.fromstring(svg)  # well-formed XML, whatever the labels held
    texts = ["".join(t.itertext()) for t in tree.iter(f"{SVG}text")]
    for label in HOSTILE_LABELS:
        if "\n" in label or "\x00" in label:
            continue
        assert any(text == label or text.endswith(": " + label) for text in texts), label
    assert any(text.endswith(": two") for text in texts) and "lines" in texts
    assert any(text.endswith("nul\\x00byte") for text in texts)


def test_a_small_graph_renders_to_svg_and_png():
    require_dot()
    out, params = neuron_with_parameters()
    out.backward()
    graph = draw(out, parameters=params, show_local_grads=True)
    svg = graph.pipe(format="svg")
    tree = ET.fromstring(svg)
    classes = [g.get("class") for g in tree.iter(f"{SVG}g")]
    assert classes.count("node value parameter") == 3
    assert graph.pipe(format="png").startswith(b"\x89PNG")



def test_the_module_example_runs_as_written():
    import autograd.draw.graph
    assert examples_pass(autograd.draw.graph)

"""Tests for nn.diagram: the architecture picture (circles and weighted lines)."""

import re
import xml.etree.ElementTree as ET

import pytest

import nn
from autograd.notation import format_number
from nn.diagram import MAX_WIDTH, MIN_WIDTH, draw_network
from support_tools import examples_pass, require_dot

SVG = "{http://www.w3.org/2000/svg}"


def edges(source):
    """(tail, head, colour, width) for each line of the picture (not the invisible
    edges that keep each column in order)."""
    found = []
    for line in source.splitlines():
        match = re.match(r"\s*(\w+) -> (\w+) \[", line)
        if match and "style=invis" not in line:
            color = re.search(r'color="(#[0-9a-f]{8})"', line).group(1)
            width = float(re.search(r"penwidth=([\d.]+)", line).group(1))
            found.append((match.group(1), match.group(2), color, width))
    return found


def test_every_weight_is_one_line_coloured_by_its_sign():
    model = nn.MLP(2, [3, 1], activation="tanh", seed=0)
    lines = edges(nn.draw_network(model).source)
    assert len(lines) == 2 * 3 + 3 * 1
    for tail, head, color, _ in lines:
        layer, neuron = map(int, re.match(r"l(\d+)n(\d+)", head).groups())
        index = int(re.search(r"\d+$", tail).group())
        weight = model.layers[layer].neurons[neuron].weights[index].data
        assert color.startswith("#2563eb" if weight >= 0 else "#dc2626")


def test_line_width_grows_with_the_size_of_the_weight():
    neuron = nn.Neuron.from_weights([0.5, -2.0, 1.0], bias=0.25)
    lines = edges(draw_network(neuron).source)
    widths = [width for *_, width in lines]
    # |w| / largest = 0.25, 1, 0.5
    assert widths[1] == pytest.approx(MAX_WIDTH)
    assert widths[0] == pytest.approx(MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * 0.25, abs=0.01)
    assert widths[2] == pytest.approx(MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * 0.5, abs=0.01)
    assert "b 0.25" in draw_network(neuron).source
    assert "b 0.25" not in draw_network(neuron, show_bias=False).source


def test_layers_are_columns_with_their_size_and_activation():
    model = nn.MLP(3, [4, 2], activation="relu", seed=1)
    source = draw_network(model).source
    # numbered from 0, as the model's parameter names and autograd.draw number them
    assert "label=<layer 0: 4 relu>" in source
    assert "label=<layer 1 (output): 2 linear>" in source
    assert "label=<x0>" in source and "label=<x2>" in source and "label=<x3>" not in source
    assert len(re.findall(r"^\s*l0n\d \[", source, re.M)) == 4
    assert len(re.findall(r"^\s*i\d \[", source, re.M)) == 3


def test_a_single_layer_and_weight_labels():
    layer = nn.Layer(2, 2, activation="tanh", seed=0)
    source = draw_network(layer, show_weights=True, input_names=["<age>", "height"]).source
    assert len(edges(source)) == 4
    assert "label=<&lt;age&gt;>" in source
    weight = layer.neurons[1].weights[0].data
    assert f"headlabel=<{format_number(weight, digits=2)}>" in source


def test_the_picture_is_deterministic():
    assert (draw_network(nn.MLP(2, [3, 1], seed=5)).source
            == draw_network(nn.MLP(2, [3, 1], seed=5)).source)


def test_wrong_models_and_names_are_one_line_errors():
    with pytest.raises(TypeError, match="draw_network: expected an nn.MLP, nn.Layer or nn.Neuron, "
                                        "got str"):
        draw_network("mlp")
    with pytest.raises(ValueError, match=r"draw_network: input_names=\['x'\] is of length 1; "
                                         r"use a list of 2 names, one per input"):
        draw_network(nn.MLP(2, [1], seed=0), input_names=["x"])
    with pytest.raises(ValueError, match="draw_network: rankdir='up' is unknown; "
                                         "use one of 'LR', 'TB', 'RL', 'BT'"):
        draw_network(nn.MLP(2, [1], seed=0), rankdir="up")


def test_input_names_and_title_need_not_be_text():
    source = draw_network(nn.MLP(2, [1], seed=0), input_names=[1, "<y>"], title=2026).source
    assert "i0 [label=<1>" in source and "i1 [label=<&lt;y&gt;>" in source
    assert "<B>2026</B>" in source


def test_the_picture_renders_with_a_circle_per_unit():
    require_dot()
    model = nn.MLP(2, [16, 16, 1], seed=0)
    tree = ET.fromstring(draw_network(model, title="16-16-1").pipe(format="svg"))
    circles = [g for g in tree.iter(f"{SVG}g") if g.get("class") == "node"
               and g.find(f"{SVG}ellipse") is not None]  # not the columns' captions
    assert len(circles) == 2 + 16 + 16 + 1
    lines = [g for g in tree.iter(f"{SVG}g") if g.get("class") == "edge"]
    assert len(lines) == 2 * 16 + 16 * 16 + 16



def test_the_module_example_runs_as_written():
    import nn.diagram
    assert examples_pass(nn.diagram)


def _positions(digraph):
    """Node name -> (x, y) as dot lays it out (y grows upwards)."""
    found = {}
    for line in digraph.pipe(format="plain").decode().splitlines():
        parts = line.split()
        if parts[0] == "node":
            found[parts[1]] = (float(parts[2]), float(parts[3]))
    return found


@pytest.mark.parametrize("rankdir", ["LR", "TB"])
@pytest.mark.parametrize("inputs, sizes", [(2, [16, 16, 1]), (3, [4, 4, 1])],
                         ids=["2-16-16-1", "3-4-4-1"])
def test_neurons_are_drawn_in_the_model_order(inputs, sizes, rankdir):
    # 16 neurons a layer: dot alone puts them in a scrambled order (8..15 above 0..7).
    require_dot()
    positions = _positions(draw_network(nn.MLP(inputs, sizes, seed=0), rankdir=rankdir))
    columns = [[f"i{i}" for i in range(inputs)]]
    columns += [[f"l{layer}n{j}" for j in range(size)] for layer, size in enumerate(sizes)]
    for column in columns:
        if rankdir == "LR":  # top to bottom
            along = [-positions[node][1] for node in column]
        else:  # left to right
            along = [positions[node][0] for node in column]
        assert along == sorted(along) and len(set(along)) == len(along)


def test_a_long_bias_fits_its_circle(capfd):
    # -0.04999993 at 2 digits is "-0.05 + 7e-08" (never shown rounder than it is): the
    # circle grows instead of dot warning "size too small for label" on stderr.
    require_dot()
    model = nn.MLP(2, [2, 1], seed=0)
    model.layers[0].neurons[0].bias.data = -0.04999993
    digraph = draw_network(model, rankdir="TB")
    assert "b -0.05 + " in digraph.source
    digraph.pipe(format="svg")
    assert "too small" not in capfd.readouterr().err

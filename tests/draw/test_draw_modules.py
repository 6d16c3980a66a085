"""Tests for drawing networks: clusters per module and collapsing big graphs
(autograd.draw.modules, through autograd.draw)."""

import json
import re
import xml.etree.ElementTree as ET

import pytest

from autograd import Value, topological_order
from autograd.draw import draw
from autograd.draw.modules import _chain, _split_parameter_name, cluster_title, natural_key
from support_tools import require_dot

SVG = "{http://www.w3.org/2000/svg}"


class StandInNeuron:
    def __init__(self, weights, bias):
        self.weights = [Value(w) for w in weights]
        self.bias = Value(bias)

    def __call__(self, inputs):
        total = self.weights[0] * inputs[0]
        for w, x in zip(self.weights[1:], inputs[1:]):
            total = total + w * x
        return (total + self.bias).tanh()


class StandInLayer:
    def __init__(self, neurons):
        self.neurons = neurons


class StandInModel:
    """The attributes draw() reads from an nn model, and nothing else."""

    def __init__(self):
        self.layers = [StandInLayer([StandInNeuron([0.5, -1.0], 0.1),
                                     StandInNeuron([2.0, 0.3], -0.2)]),
                       StandInLayer([StandInNeuron([1.5, -0.5], 0.0)])]
        for name, value in self.named_parameters():
            value.label = name

    def named_parameters(self):
        found = []
        for i, layer in enumerate(self.layers):
            for j, neuron in enumerate(layer.neurons):
                prefix = f"layers.{i}.neurons.{j}"
                found += [(f"{prefix}.weights.{k}", w) for k, w in enumerate(neuron.weights)]
                found.append((f"{prefix}.bias", neuron.bias))
        return found

    def __call__(self, inputs):
        for layer in self.layers:
            inputs = [neuron(inputs) for neuron in layer.neurons]
        return inputs[0]


def loss_of(model):
    x0, x1 = Value(1.0, "x0"), Value(-2.0, "x1")
    loss = (model([x0, x1]) - 1.0) ** 2
    loss.label = "loss"
    return loss


def clusters_of_nodes(source):
    """For each drawn node id, the labels of the clusters it sits in."""
    stack, where = [], {}
    for line in source.splitlines():
        line = line.strip()
        if line.startswith("subgraph cluster"):
            stack.append(None)
        elif line.startswith("color=") and stack and stack[-1] is None:
            stack[-1] = re.search(r"label=<(.*?)>", line).group(1)
        elif line == "}" and stack:
            stack.pop()
        else:
            match = re.match(r"(n\d+(?:op)?) \[", line)
            if match:
                where[match.group(1)] = tuple(stack)
    return where


def node_id(source, text):
    match = re.search(rf"^\s*(n\d+) \[label=<<TABLE[^\n]*<TD>{re.escape(text)}</TD>", source, re.M)
    return match.group(1)


def test_a_model_puts_each_neuron_in_a_cluster_inside_its_layer():
    model = StandInModel()
    loss = loss_of(model)
    loss.backward()
    source = draw(loss, model=model).source
    assert source.count("subgraph cluster_") == 2 + 3
    where = clusters_of_nodes(source)
    first_weight = model.layers[0].neurons[1].weights[0]
    assert first_weight.label == "layers.0.neurons.1.weights.0"
    # parameters are shown by their short name inside their neuron's cluster
    weight_lines = [line for line in source.splitlines() if "<TD>weights.0</TD>" in line]
    assert len(weight_lines) == 3 and all("value parameter" in line for line in weight_lines)
    output = model.layers[1].neurons[0]
    # the output neuron's tanh node is in the cluster, the loss is not
    tanh_ids = [m for m in re.findall(r"(n\d+op) \[label=<tanh>", source)]
    assert {where[i] for i in tanh_ids} == {("layer 0", "neuron 0"), ("layer 0", "neuron 1"),
                                            ("layer 1", "neuron 0")}
    assert where[node_id(source, "loss")] == ()
    assert all(where[i] == () for i in re.findall(r"(n\d+op) \[label=<(?:-|\*\* 2)>", source))
    assert output.bias.grad != 0.0


def test_a_big_graph_collapses_to_neuron_boxes_then_layer_boxes():
    model = StandInModel()
    loss = loss_of(model)
    neurons = draw(loss, model=model, max_nodes=12).source
    assert "<B>layer 0 / neuron 1</B>" in neurons
    assert "3 parameters, 8 nodes" in neurons  # 2 weights, bias; 2 *, 2 +, tanh: 8 nodes
    assert "<TD>loss</TD>" in neurons  # the output is always drawn
    layers = draw(loss, model=model, max_nodes=5).source
    assert "<B>layer 0</B>" in layers and "neuron" not in layers
    assert "6 parameters, 16 nodes" in layers
    # one arrow per pair of boxes, however many edges run between them
    assert layers.count("box0 -> box1") == 1


def test_without_a_model_a_big_graph_keeps_the_nodes_nearest_the_output():
    x = Value(0.5, "x")
    y = x
    for _ in range(30):
        y = y * 1.1 + x
    source = draw(y, max_nodes=10).source
    assert len(re.findall(r"^\s*n\d+ \[", source, re.M)) == 9
    assert "<B>earlier nodes</B>" in source
    assert "raise max_nodes to see them" in source


def test_parameter_names_split_into_module_chains():
    assert _split_parameter_name("layers.0.neurons.3.weights.1") == ("layers.0.neurons.3",
                                                                     "weights.1")
    assert _split_parameter_name("bias") == ("", "bias")
    assert _chain("layers.0.neurons.3") == ("layers.0", "layers.0.neurons.3")
    assert _chain("encoder") == ("encoder",)
    assert cluster_title("layers.0.neurons.3") == "neuron 3"
    assert cluster_title("layers.10") == "layer 10"
    assert sorted(["layers.10", "layers.2"], key=natural_key) == ["layers.2", "layers.10"]


def test_an_nn_mlp_is_drawn_with_a_cluster_per_neuron_and_layer():
    import nn
    model = nn.MLP(2, [3, 2, 1], activation="tanh", seed=0)
    out = model([0.5, -1.0])
    source = draw(out, model=model).source
    assert source.count("subgraph cluster_") == 3 + 6
    assert "label=<layer 2>" in source and "label=<neuron 2>" in source


def test_one_sample_through_a_16_16_mlp_renders_in_full():
    require_dot()
    import nn
    model = nn.MLP(2, [16, 16, 1], activation="relu", seed=0)
    loss = (model([0.5, -1.2]) - 1.0) ** 2
    loss.backward()
    graph = draw(loss, model=model)
    tree = ET.fromstring(graph.pipe(format="svg"))
    clusters = [g for g in tree.iter(f"{SVG}g") if g.get("class") == "cluster"]
    assert len(clusters) == 3 + 16 + 16 + 1
    values = [g for g in tree.iter(f"{SVG}g") if (g.get("class") or "").startswith("node value")]
    assert len(values) == len(topological_order(loss))  # every value, none collapsed


def test_module_names_with_non_ascii_digits_are_drawn():
    # Issue 10, item 17: "²".isdigit() is True but int("²") fails with Python's message;
    # "\u0663" (Arabic-Indic three) is a decimal digit, so it numbers a layer.
    w, v = Value(1.0), Value(2.0)

    class Model:
        def named_parameters(self):
            return [("layers.\u00b2.weights.0", w), ("layers.\u0663.weights.0", v)]

    source = draw(w * v, model=Model()).source
    assert "layer \u0663" in source and "\u00b2" in source


def _layout(graph):
    """Where dot puts everything (read from `dot -Tjson`; y grows upwards): node id ->
    (centre, label text), and (title, bounding box) of each cluster."""
    nodes, clusters = {}, []
    for item in json.loads(graph.pipe(format="json")).get("objects", []):
        text = re.sub("<[^>]*>", " ", item.get("label", "")).strip()
        if "bb" in item:
            clusters.append((text, tuple(map(float, item["bb"].split(",")))))
        elif "pos" in item:
            nodes[item["name"]] = (tuple(map(float, item["pos"].split(","))), text)
    return nodes, clusters


def _neuron_centres(graph, loss, model):
    """(layer, neuron) -> the centre of the neuron's cluster, or of its box when collapsed;
    and, in the full view, (layer, neuron) -> the centres of its weights in order."""
    nodes, clusters = _layout(graph)
    ids = {value: f"n{k}" for k, value in enumerate(topological_order(loss))}
    centres, weights = {}, {}
    for name, (spot, text) in nodes.items():
        box = re.match(r"layer (\d+) / neuron (\d+)", text)
        if name.startswith("box") and box:
            centres[int(box[1]), int(box[2])] = spot
    for i, layer in enumerate(model.layers):
        for j, neuron in enumerate(layer.neurons):
            if ids[neuron.weights[0]] not in nodes:
                continue  # in a box
            weights[i, j] = [nodes[ids[w]][0] for w in neuron.weights]
            (x, y) = weights[i, j][0]
            (x0, y0, x1, y1), = [bb for title, bb in clusters if title == f"neuron {j}"
                                 and bb[0] <= x <= bb[2] and bb[1] <= y <= bb[3]]
            centres[i, j] = ((x0 + x1) / 2, (y0 + y1) / 2)
    return centres, weights


def _in_order(spots, rankdir):
    """Strictly top to bottom (LR) or left to right (TB)."""
    along = [-y if rankdir == "LR" else x for x, y in spots]
    return along == sorted(along) and len(set(along)) == len(along)


@pytest.mark.parametrize("rankdir", ["LR", "TB"])
@pytest.mark.parametrize("view", ["full", "collapsed"])
@pytest.mark.parametrize("inputs, sizes", [(2, [16, 16, 1]), (3, [4, 4, 1])],
                         ids=["2-16-16-1", "3-4-4-1"])
def test_the_neurons_of_a_layer_keep_the_model_order(inputs, sizes, view, rankdir):
    # Neuron 0 on top with LR, on the left with TB; in the full view, a neuron's weights
    # too (so the arrows from the layer before do not cross).
    require_dot()
    import nn
    model = nn.MLP(inputs, sizes, activation="relu", seed=0)
    loss = (model([0.5, -1.2, 0.3][:inputs]) - 1.0) ** 2
    loss.backward()
    graph = draw(loss, model=model, rankdir=rankdir, max_nodes=1500 if view == "full" else 50)
    assert ("class=box" in graph.source) == (view == "collapsed")
    centres, weights = _neuron_centres(graph, loss, model)
    for layer, size in enumerate(sizes):
        assert _in_order([centres[layer, j] for j in range(size)], rankdir), (layer, centres)
    for (layer, j), spots in weights.items():
        assert _in_order(spots, rankdir), (layer, j, spots)
    assert len(weights) == (sum(sizes) if view == "full" else 0)

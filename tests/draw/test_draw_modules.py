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
    (centre, label text), (title, bounding box) of each cluster, and the picture's
    (width, height)."""
    nodes, clusters = {}, []
    layout = json.loads(graph.pipe(format="json"))
    for item in layout.get("objects", []):
        text = re.sub("<[^>]*>", " ", item.get("label", "")).strip()
        if "bb" in item:
            clusters.append((text, tuple(map(float, item["bb"].split(",")))))
        elif "pos" in item:
            nodes[item["name"]] = (tuple(map(float, item["pos"].split(","))), text)
    x0, y0, x1, y1 = map(float, layout["bb"].split(","))
    return nodes, clusters, (x1 - x0, y1 - y0)


def _neuron_centres(graph, loss, model):
    """(layer, neuron) -> the centre of the neuron's cluster, or of its box when collapsed;
    and, in the full view, (layer, neuron) -> the centres of its weights in order."""
    nodes, clusters, _ = _layout(graph)
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


def _spans(box, rankdir):
    """A box's (along, across) spans: along the ranks, growing from the first layer to the
    last (x with LR; with TB, -y, as dot's y grows upwards), and across them."""
    x0, y0, x1, y1 = box
    return ((x0, x1), (y0, y1)) if rankdir == "LR" else ((-y1, -y0), (x0, x1))


def _layer_boxes(clusters):
    """The bounding box of each layer's cluster, layer 0 first."""
    boxes = {int(title.split()[1]): box for title, box in clusters
             if re.fullmatch(r"layer \d+", title)}
    return [boxes[k] for k in sorted(boxes)]


@pytest.mark.parametrize("rankdir", ["LR", "TB"])
@pytest.mark.parametrize("inputs, sizes", [(3, [4, 4, 1]), (2, [8, 8, 1])],
                         ids=["3-4-4-1", "2-8-8-1"])
def test_the_layers_line_up_as_a_teacher_draws_them(inputs, sizes, rankdir):
    # Reported: the full view drew the layers as a staircase (with LR each layer higher
    # than the one before, with TB further left) in a picture mostly empty, and the
    # inputs scattered. Now: layers side by side (LR) or one under the other (TB), each
    # centred on the one before, the inputs in order, and little room to spare.
    require_dot()
    import nn
    model = nn.MLP(inputs, sizes, seed=0)
    xs = [Value(x, f"x{k}") for k, x in enumerate([0.5, -1.2, 0.3][:inputs])]
    out = model(xs)
    out.backward()
    graph = draw(out, model=model, rankdir=rankdir)
    nodes, clusters, (width, height) = _layout(graph)
    layers = [_spans(box, rankdir) for box in _layer_boxes(clusters)]
    assert len(layers) == len(sizes)
    for (along, across), (next_along, next_across) in zip(layers, layers[1:]):
        assert along[1] < next_along[0], (along, next_along)  # disjoint, in order
        overlap = min(across[1], next_across[1]) - max(across[0], next_across[0])
        extents = sorted([across[1] - across[0], next_across[1] - next_across[0]])
        assert overlap >= 0.9 * extents[0], (across, next_across)
        offset = abs(sum(across) - sum(next_across)) / 2  # between the centres
        assert offset <= 0.1 * extents[1], (across, next_across)
    along_size, across_size = (width, height) if rankdir == "LR" else (height, width)
    assert along_size <= 1.3 * sum(along[1] - along[0] for along, _ in layers)
    assert across_size <= 1.3 * max(across[1] - across[0] for _, across in layers)
    spots = {text.split()[0]: spot for spot, text in nodes.values() if text.startswith("x")}
    assert _in_order([spots[f"x{k}"] for k in range(inputs)], rankdir), spots
    # together, facing the middle half of the first layer (not at its two ends)
    low, high = layers[0][1]
    for spot in spots.values():
        across = spot[1] if rankdir == "LR" else spot[0]
        assert low + (high - low) / 4 <= across <= high - (high - low) / 4, (spots, low, high)


@pytest.mark.parametrize("kind", ["Neuron", "Layer"])
def test_a_neuron_or_a_layer_alone_is_drawn_with_its_inputs_in_order(kind):
    # A lone neuron's parameters belong to no module ("weights.0"): nothing to line up.
    require_dot()
    import nn
    model = nn.Neuron(3, seed=0) if kind == "Neuron" else nn.Layer(3, 2, seed=0)
    xs = [Value(x, f"x{k}") for k, x in enumerate([0.5, -1.2, 0.3])]
    out = model(xs)
    out = out if kind == "Neuron" else out[0] + out[1]
    out.backward()
    nodes, clusters, _ = _layout(draw(out, model=model))
    assert len(clusters) == (0 if kind == "Neuron" else 2)
    spots = {text.split()[0]: spot for spot, text in nodes.values() if text.startswith("x")}
    assert _in_order([spots[f"x{k}"] for k in range(3)], "LR"), spots


def test_collapsed_the_output_neurons_operation_stays_in_its_box():
    # Reported: with a linear output layer the root is the output neuron's sum; the
    # collapsed view drew that Σ outside the neuron's box, as if one more operation.
    import nn
    model = nn.MLP(3, [4, 4, 1], seed=0)
    out = model([0.5, -1.2, 0.3])
    out.backward()
    source = draw(out, model=model, max_nodes=30).source
    root = f"n{len(topological_order(out)) - 1}"
    box = re.search(r"^\s*(box\d+) \[label=<.*<B>layer 2 / neuron 0</B>", source, re.M).group(1)
    assert not re.search(r"^\s*n\d+op \[", source, re.M)  # every operation is in a box
    assert re.search(rf"^\s*{box} -> {root} \[class=result\]", source, re.M)
    assert re.search(rf"^\s*{root} \[label=<<TABLE.*class=\"value output\"", source, re.M)

"""The classic architecture picture of a network: neurons as circles, weights as lines.

Where `autograd.draw` shows every number the computation made, this shows the
network itself: one column per layer, one circle per neuron, one line per
weight, thicker for a larger |w|, blue for w > 0 and red for w < 0, so you
can watch training reshape the weights. Needs the graphviz package; returns a
`graphviz.Digraph` (Jupyter shows it; `.render()` or `.pipe()` saves it).

    >>> import nn
    >>> picture = nn.draw_network(nn.MLP(2, [3, 1], seed=0))
    >>> picture.source.count(" id=w")  # one line per weight, w0 to w8: 2 x 3 + 3 x 1
    9
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from autograd.checks import sequence
from autograd.draw.placement import keep_in_order
from autograd.draw.style import NEGATIVE_RGB, POSITIVE_RGB, html_text, plain_label
from autograd.notation import format_number

if TYPE_CHECKING:
    import graphviz

MIN_WIDTH, MAX_WIDTH = 0.3, 4.0  # line widths for the smallest and largest |w|
LINE_COLORS = {"positive": "#{:02x}{:02x}{:02x}".format(*POSITIVE_RGB),
               "negative": "#{:02x}{:02x}{:02x}".format(*NEGATIVE_RGB)}


def draw_network(model: Any, *, rankdir: str = "LR", show_bias: bool = True,
                 show_weights: bool = False, input_names: list[str] | None = None,
                 title: str | None = None) -> graphviz.Digraph:
    """The network as layers of circles joined by one line per weight.

    model: an nn.MLP, nn.Layer or nn.Neuron (anything with layers -> neurons
    -> weights and bias). show_bias writes each neuron's bias in its circle;
    show_weights writes each weight on its line (for small networks).
    input_names: one name per input (default x0, x1, ...). Layers and inputs are
    numbered from 0, as in the parameter names (layers.0.neurons.1.weights.0), in
    autograd.draw's clusters and in the plots' axes.
    """
    from autograd.draw import check_rankdir, import_graphviz
    graphviz = import_graphviz()
    check_rankdir(rankdir, "draw_network")
    layers = _layers_of(model)
    inputs = len(layers[0][0].weights)
    if input_names is None:
        names = [f"x{i}" for i in range(inputs)]  # x0, x1, ...: numbered as the model numbers
    else:
        names = [str(name) for name in sequence("draw_network", "input_names", input_names,
                                                length=inputs, of="names, one per input")]
    lines, biases = network_styles(model, show_weights)
    graph = graphviz.Digraph(name="network", graph_attr={
        "rankdir": rankdir, "splines": "line", "ranksep": "1.4", "nodesep": "0.12",
        "fontname": "Helvetica", "fontsize": "12"},
        node_attr={"fontname": "Helvetica", "fontsize": "10", "shape": "circle",
                   "fixedsize": "true", "width": "0.55"},
        edge_attr={"arrowhead": "none", "fontname": "Helvetica", "fontsize": "8"})
    graph.attr(label=_caption(title), labelloc="b")
    _caption_node(graph, "inputs", "inputs")
    for i, name in enumerate(names):
        graph.node(f"i{i}", label=plain_label(name), style="filled", fillcolor="#dbeafe")
    keep_in_order(graph, [["inputs", *(f"i{i}" for i in range(inputs))]])
    for index, layer in enumerate(layers):
        _draw_layer(graph, index, layer, len(layers), biases if show_bias else None)
    previous = [f"i{i}" for i in range(inputs)]
    styles = iter(lines)
    for index, layer in enumerate(layers):
        if any(len(neuron.weights) != len(previous) for neuron in layer):
            raise ValueError(f"draw_network: layer {index} has neurons whose number of weights "
                             f"is not {len(previous)}, the size of the layer before it")
        for j in range(len(layer)):
            for source in previous:
                graph.edge(source, f"l{index}n{j}", **next(styles))
        previous = [f"l{index}n{j}" for j in range(len(layer))]
    return graph


def network_styles(model: Any, show_weights: bool = False) -> tuple[list[dict[str, str]],
                                                                     dict[str, str]]:
    """How draw_network draws `model`'s current numbers.

    Returns (lines, biases): the graphviz attributes of every weight's line in
    drawing order (layer by layer, neuron by neuron, input by input; each with
    its id "w<k>"), and the bias text of each neuron by node id ("l<layer>n<j>").
    The replay page restyles one drawing with these, epoch by epoch.
    """
    layers = _layers_of(model)
    largest = max((abs(w.data) for layer in layers for neuron in layer for w in neuron.weights),
                  default=0.0)
    lines = [_weight_style(w.data, largest, show_weights)
             for layer in layers for neuron in layer for w in neuron.weights]
    for k, line in enumerate(lines):
        line["id"] = f"w{k}"
    biases = {f"l{index}n{j}": f"b {format_number(neuron.bias.data, digits=2)}"
              for index, layer in enumerate(layers) for j, neuron in enumerate(layer)}
    return lines, biases


def _layers_of(model: Any) -> list[list[Any]]:
    """The neurons of each layer: an MLP has layers, a Layer is one, a Neuron is one alone."""
    if hasattr(model, "layers"):
        layers = [list(layer.neurons) for layer in model.layers]
    elif hasattr(model, "neurons"):
        layers = [list(model.neurons)]
    elif hasattr(model, "weights") and hasattr(model, "bias"):
        layers = [[model]]
    else:
        raise TypeError(f"draw_network: expected an nn.MLP, nn.Layer or nn.Neuron, got "
                        f"{type(model).__name__}")
    if not layers or not all(layers):
        raise ValueError("draw_network: the model has an empty layer; nothing to draw")
    return layers


def _draw_layer(graph: Any, index: int, neurons: list[Any], count: int,
                biases: dict[str, str] | None) -> None:
    activation = getattr(neurons[0], "activation", "")
    kind = f"layer {index}" + (" (output)" if index == count - 1 else "")  # as the model numbers
    caption = f"{kind}: {len(neurons)}" + (f" {activation}" if activation else "")
    _caption_node(graph, f"layer{index}", caption)
    for j in range(len(neurons)):
        node = f"l{index}n{j}"
        label = biases[node] if biases is not None else ""
        # A bias is never shown rounder than it is ("b -0.05 + 7.12e-08"): the circle grows
        graph.node(node, label=plain_label(label), style="filled", id=node, fixedsize="false",
                   fillcolor="#fef3c7" if index == count - 1 else "#f3f4f6", fontsize="8")
    # One column per layer, its caption on top and its neurons in order below. (Clusters
    # would frame the columns, but dot then ignores the order and scrambles the neurons.)
    keep_in_order(graph, [[f"layer{index}", *(f"l{index}n{j}" for j in range(len(neurons)))]])


def _caption_node(graph: Any, name: str, caption: str) -> None:
    graph.node(name, label=plain_label(caption), shape="plaintext", fixedsize="false",
               fontsize="11", fontcolor="#4b5563")


def _weight_style(weight: float, largest: float, show_weight: bool) -> dict[str, str]:
    """Width from |w| (relative to the largest), colour from the sign, faint when small."""
    share = abs(weight) / largest if largest else 0.0
    alpha = round(60 + 195 * share)
    style = {"penwidth": f"{MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * share:.2f}",
             "color": f"{LINE_COLORS['positive' if weight >= 0 else 'negative']}{alpha:02x}"}
    if show_weight:
        style["headlabel"] = plain_label(format_number(weight, digits=2))
        style["labeldistance"] = "4"
    return style


def _caption(title: str | None) -> str:
    """The title (if any) over the legend: what the colours and widths mean."""
    blue, red = LINE_COLORS["positive"], LINE_COLORS["negative"]
    heading = f'<TR><TD COLSPAN="3"><B>{html_text(str(title))}</B></TD></TR>' if title else ""
    return (f'<<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="2">{heading}<TR>'
            f'<TD><FONT COLOR="{blue}"><B>blue</B></FONT> w &gt; 0</TD>'
            f'<TD><FONT COLOR="{red}"><B>red</B></FONT> w &lt; 0</TD>'
            '<TD>thicker: larger |w|</TD></TR></TABLE>>')

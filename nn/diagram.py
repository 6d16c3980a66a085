"""The classic architecture picture of a network: neurons as circles, weights as lines.

Where `autograd.draw` shows every number the computation made, this shows the
network itself: one column per layer, one circle per neuron, one line per
weight, thicker for a larger |w|, blue for w > 0 and red for w < 0, so you
can watch training reshape the weights. Needs the graphviz package; returns a
`graphviz.Digraph` (Jupyter shows it; `.render()` or `.pipe()` saves it).

    >>> import nn
    >>> picture = nn.draw_network(nn.MLP(2, [3, 1], seed=0))
    >>> picture.source.count(" -> ")  # 2 x 3 + 3 x 1 weights
    9
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from autograd.checks import sequence
from autograd.draw.style import NEGATIVE_RGB, POSITIVE_RGB, html_text, plain_label
from autograd.notation import format_number

if TYPE_CHECKING:
    import graphviz

MIN_WIDTH, MAX_WIDTH = 0.3, 4.0  # line widths for the smallest and largest |w|


def draw_network(model: Any, *, rankdir: str = "LR", show_bias: bool = True,
                 show_weights: bool = False, input_names: list[str] | None = None,
                 title: str | None = None) -> graphviz.Digraph:
    """The network as layers of circles joined by one line per weight.

    model: an nn.MLP, nn.Layer or nn.Neuron (anything with layers -> neurons
    -> weights and bias). show_bias writes each neuron's bias in its circle;
    show_weights writes each weight on its line (for small networks).
    """
    from autograd.draw import check_rankdir, import_graphviz
    graphviz = import_graphviz()
    check_rankdir(rankdir, "draw_network")
    layers = _layers_of(model)
    inputs = len(layers[0][0].weights)
    if input_names is None:
        names = [f"x{i}" for i in range(inputs)]
    else:
        names = [str(name) for name in sequence("draw_network", "input_names", input_names,
                                                length=inputs, of="names, one per input")]
    largest = max((abs(w.data) for layer in layers for neuron in layer for w in neuron.weights),
                  default=0.0)
    graph = graphviz.Digraph(name="network", graph_attr={
        "rankdir": rankdir, "splines": "line", "ranksep": "1.4", "nodesep": "0.12",
        "fontname": "Helvetica", "fontsize": "12"},
        node_attr={"fontname": "Helvetica", "fontsize": "10", "shape": "circle",
                   "fixedsize": "true", "width": "0.55"},
        edge_attr={"arrowhead": "none", "fontname": "Helvetica", "fontsize": "8"})
    graph.attr(label=_caption(title), labelloc="b")
    with graph.subgraph(name="cluster_inputs") as column:
        column.attr(label="<inputs>", labelloc="t", style="dashed", color="#9ca3af")
        for i, name in enumerate(names):
            column.node(f"i{i}", label=plain_label(name), style="filled",
                        fillcolor="#dbeafe")
    for index, layer in enumerate(layers):
        _draw_layer(graph, index, layer, len(layers), show_bias)
    previous = [f"i{i}" for i in range(inputs)]
    for index, layer in enumerate(layers):
        if any(len(neuron.weights) != len(previous) for neuron in layer):
            raise ValueError(f"draw_network: layer {index} has neurons whose number of weights "
                             f"is not {len(previous)}, the size of the layer before it")
        for j, neuron in enumerate(layer):
            for source, weight in zip(previous, neuron.weights):
                graph.edge(source, f"l{index}n{j}", **_weight_style(weight.data, largest,
                                                                    show_weights))
        previous = [f"l{index}n{j}" for j in range(len(layer))]
    return graph


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


def _draw_layer(graph: Any, index: int, neurons: list[Any], count: int, show_bias: bool) -> None:
    activation = getattr(neurons[0], "activation", "")
    kind = "output" if index == count - 1 else f"hidden {index + 1}"
    caption = f"{kind}: {len(neurons)}" + (f" {activation}" if activation else "")
    with graph.subgraph(name=f"cluster_layer{index}") as column:
        column.attr(label=plain_label(caption), labelloc="t", style="dashed",
                    color="#9ca3af")
        for j, neuron in enumerate(neurons):
            label = f"b {format_number(neuron.bias.data, digits=2)}" if show_bias else ""
            column.node(f"l{index}n{j}", label=plain_label(label), style="filled",
                        fillcolor="#fef3c7" if index == count - 1 else "#f3f4f6",
                        fontsize="8")


def _weight_style(weight: float, largest: float, show_weight: bool) -> dict[str, str]:
    """Width from |w| (relative to the largest), colour from the sign, faint when small."""
    share = abs(weight) / largest if largest else 0.0
    red, green, blue = POSITIVE_RGB if weight >= 0 else NEGATIVE_RGB
    alpha = round(60 + 195 * share)
    style = {"penwidth": f"{MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * share:.2f}",
             "color": f"#{red:02x}{green:02x}{blue:02x}{alpha:02x}"}
    if show_weight:
        style["headlabel"] = plain_label(format_number(weight, digits=2))
        style["labeldistance"] = "4"
    return style


def _caption(title: str | None) -> str:
    """The title (if any) over the legend: what the colours and widths mean."""
    blue = "#{:02x}{:02x}{:02x}".format(*POSITIVE_RGB)
    red = "#{:02x}{:02x}{:02x}".format(*NEGATIVE_RGB)
    heading = f'<TR><TD COLSPAN="3"><B>{html_text(str(title))}</B></TD></TR>' if title else ""
    return (f'<<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="2">{heading}<TR>'
            f'<TD><FONT COLOR="{blue}"><B>blue</B></FONT> w &gt; 0</TD>'
            f'<TD><FONT COLOR="{red}"><B>red</B></FONT> w &lt; 0</TD>'
            '<TD>thicker: larger |w|</TD></TR></TABLE>>')

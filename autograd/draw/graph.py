"""Drawing a computation graph as a graphviz diagram (the `draw` extra).

`draw(root)` reads the graph and returns a `graphviz.Digraph`; it never
changes the graph, and Jupyter shows the result as SVG. Each value is a box
`name | data | grad`; each operation is an oval between its inputs and its
result. A value used twice by one operation (`a + a`) gets two arrows, so
fan-out and the accumulation of gradients are visible. After backward, the
arrows can carry the local derivative and the contribution that flowed back
along them (`show_local_grads=True`).

The same graph always gives byte-identical DOT: node ids come from the
engine's topological order, never from `id()`. Looks live in `style.py`,
grouping by network module in `modules.py`, the whole picture (full or
collapsed) in `views.py`.

    >>> from autograd import Value
    >>> from autograd.draw import draw
    >>> x = Value(2.0, "x")
    >>> graph = draw(x * x + 1)
    >>> graph.source.count("->")  # x twice into *, * into '+ 1', and the two results
    5
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from autograd.checks import count, instance, one_of
from autograd.engine import topological_order
from autograd.notation import format_number, node_names, op_symbol
from autograd.value import Value

from . import style
from .modules import ModuleGroups, collapse, module_groups
from .options import check_rankdir, import_graphviz
from .views import draw_collapsed, draw_full

if TYPE_CHECKING:
    import graphviz

Edge = tuple[Value, int]  # (node, slot): the arrow from node.parents[slot] into node

DEFAULT_MAX_NODES = 1500
ROLES = ("input", "parameter", "constant", "intermediate", "output")
# An arrow the gradient flows back along in a backward step: red, dashed, its head at the
# arrow's tail (the value receiving the gradient), as the step page draws it
_FLOWING_BACK = {"color": style.CURRENT_COLOR, "penwidth": "3", "dir": "back", "style": "dashed"}


@dataclass(frozen=True)
class _Frame:
    """A step of backward (frames.py): grads then (absent: not reached), arrows flowed,
    arrows flowing now (red), room for `digits`-long numbers (frames keep one layout), font."""
    grads: Mapping[Value, float] | None = None
    flowed: Iterable[Edge] | None = None
    edges: Iterable[Edge] = ()
    digits: int | None = None
    arrow_font: int = 9


def draw(root: Value, *, rankdir: str = "LR", show_grad: bool = True,
         show_local_grads: bool = False, highlight: Iterable[Value] | None = None,
         names: Mapping[Value, str] | None = None, max_nodes: int = DEFAULT_MAX_NODES,
         model: Any = None, parameters: Iterable[Value] | None = None,
         color_by: str = "role", legend: bool = True, title: str | None = None,
         digits: int = 4, grads_of: Value | None = None,
         _frame: _Frame | None = None) -> graphviz.Digraph:
    """The computation graph that produced `root`, as a graphviz Digraph.

    highlight: values to outline in red; names: what to call each value
    (default: its label, else v<i>). title: a caption (may have several lines).
    model: a network with named_parameters(): clusters per neuron and layer.
    parameters: leaves to colour as trained parameters (the model's by default).
    color_by: "role" or "grad" (hue from the gradient's sign, depth from its size).
    digits: significant digits of every number (notation.format_number;
    ValueError unless 1 to 17).
    grads_of: the value whose backward() filled the grads (default: root, unless
    root.grad is neither 0 nor 1, its seed); otherwise the root is not coloured as
    where backward started and the legend says whose derivative the grads are.
    Graphs with more than max_nodes values, or with more long edges than dot
    lays out in seconds (estimated, see cost.py), are collapsed into boxes.
    (`_frame` is private: autograd.draw.frames draws a backward step with it.)
    """
    graphviz = import_graphviz()
    _check_options(root, rankdir, color_by, max_nodes)
    format_number(0.0, digits)  # refuses a bad digits= before anything is drawn
    if grads_of is not None:
        instance("draw", "grads_of", grads_of, Value, "the Value backward() was called on")
    frame = _frame or _Frame()
    drawer = _Drawer(root, names, model, parameters, frame, show_grad, show_local_grads,
                     color_by, grads_of)
    drawer.number = partial(format_number, digits=digits)
    drawer.mark(highlight, frame.edges)
    drawer.reserve(frame.digits)
    graph = graphviz.Digraph(name="chainrule", graph_attr={
        "rankdir": rankdir, "fontname": "Helvetica", "fontsize": "12", "nodesep": "0.2",
        "ranksep": "0.3", "newrank": "true"},
        node_attr={"fontname": "Helvetica", "fontsize": "11"},
        edge_attr={"color": style.EDGE_COLOR, "arrowsize": "0.7", "fontname": "Helvetica"})
    if title is not None:
        graph.attr(label=style.title_label(str(title)), labelloc="t", labeljust="l")
    view = collapse(drawer.order, root, drawer.groups, max_nodes)
    if view is None:
        draw_full(drawer, graph, rankdir)
    else:
        draw_collapsed(drawer, graph, view)
    if legend:
        drawer.draw_legend(graph)
    return graph


def _check_options(root: Any, rankdir: str, color_by: str, max_nodes: Any) -> None:
    instance("draw", "root", root, Value, "the Value to draw the graph of")
    check_rankdir(rankdir, "draw")
    one_of("draw", "color_by", color_by, ("role", "grad"))
    count("draw", "max_nodes", max_nodes, minimum=2)


class _Drawer:
    """Everything one drawing needs to know, computed once from the options."""

    def __init__(self, root: Value, names: Mapping[Value, str] | None, model: Any,
                 parameters: Iterable[Value] | None, frame: _Frame, show_grad: bool,
                 show_local_grads: bool, color_by: str, grads_of: Value | None) -> None:
        self.root = root
        self.order = topological_order(root)
        self.ids = {node: f"n{position}" for position, node in enumerate(self.order)}
        self.names = node_names(self.order)
        self.groups: ModuleGroups | None = None
        if model is not None:
            self.groups = module_groups(model, self.order)
            if names is None:
                self.names.update(self.groups.short_names)
        if names is not None:
            self.names.update({node: str(name) for node, name in names.items()})
        self.parameters = set(parameters or ()) | (self.groups.parameters if self.groups else set())
        self.grads_note = None  # the legend's line when backward did not start at root
        if frame.grads is None:
            seed = root if grads_of is None else grads_of
            ran_backward = seed.grad != 0.0
            self.grads = {node: node.grad for node in self.order} if ran_backward else {}
            if grads_of is not None and grads_of is not root:
                loss = grads_of.label or "root of backward"
                self.grads_note = f"grads are d({loss})/d(node)"
            elif grads_of is None and root.grad not in (0.0, 1.0):
                self.grads_note = "grads come from a backward pass started later"
        else:
            self.grads = dict(frame.grads)
        self.flowed = None if frame.flowed is None else set(frame.flowed)
        self.show_grad, self.show_local_grads = show_grad, show_local_grads
        self.color_by = color_by
        self.largest_grad = max((abs(g) for g in self.grads.values()), default=0.0)
        self.current: set[Value] = set()
        self.drawn_roles: set[str] = set()  # the legend lists only the roles drawn
        self.receiving: set[Value] = set()
        self.current_edges: set[Edge] = set()
        self.grad_width, self.edge_width, self.number = style.CELL_WIDTH, None, format_number
        self.arrow_font = frame.arrow_font  # the arrows' font size (the step page's is 11)

    def reserve(self, digits: int | None) -> None:
        """Fixed room for numbers of up to `digits` characters (stable frames)."""
        if digits is not None:
            self.grad_width = max(style.CELL_WIDTH, style.text_width(len("grad ") + digits, 11))
            self.edge_width = style.text_width(len("local ") + digits, 9)

    def mark(self, highlight: Iterable[Value] | None, edges: Iterable[Edge] | None) -> None:
        self.current = set(highlight or ())
        self.current_edges = set(edges or ())
        self.receiving = {node.parents[slot] for node, slot in self.current_edges}

    def role(self, node: Value) -> str:
        started_here = self.root if self.grads_note is None else None  # else: no output
        return style.node_role(node, started_here, self.parameters, node.is_constant)

    # --- nodes -----------------------------------------------------------------

    def draw_value(self, graph: Any, node: Value, operation: bool = True) -> None:
        """The value's box and, unless `operation` is False, the oval of its operation."""
        role = self.role(node)
        self.drawn_roles.add(role)
        grad = self.grads.get(node)
        fill = (style.grad_color(grad, self.largest_grad) if self.color_by == "grad"
                else style.ROLE_COLORS[role])
        border, width, classes = "#374151", 1, ["value", role]
        if node in self.receiving:
            border, width = style.RECEIVING_COLOR, 3
            classes.append("receiving")
        if node in self.current:
            border, width = style.CURRENT_COLOR, 3
            classes.append("current")
        shown_grad = None
        if self.show_grad:
            shown_grad = "\u2014" if grad is None else self.number(grad)
        label = style.value_label(self._display_name(node), self.number(node.data),
                                  shown_grad, fill, self.grad_width)
        graph.node(self.ids[node], label=label, shape="box", margin="0", width="0", height="0",
                   color=border,
                   penwidth=str(width), id=self.ids[node], **{"class": " ".join(classes)})
        if operation and not node.is_leaf:
            self._draw_operation(graph, node)

    def _draw_operation(self, graph: Any, node: Value) -> None:
        """The oval of node's operation and the arrow into its value. In a backward step
        (frames.py), as on the step page: the oval of the node passing its gradient is
        outlined in red, and the arrow into it is red and points back at the oval."""
        op_id = self.ids[node] + "op"
        marks, arrow = {"class": "op"}, {"class": "result"}
        if self.flowed is not None and node in self.current:
            marks = {"class": "op current", "color": style.CURRENT_COLOR, "penwidth": "3"}
            if any(passing is node for passing, _ in self.current_edges):
                arrow = {"class": "result current", **_FLOWING_BACK}
        graph.node(op_id, label=style.plain_label(op_symbol(node)), shape="ellipse",
                   style="filled", fillcolor=style.OP_COLOR, margin="0.05,0.02",
                   height="0.3", id=op_id, **marks)
        graph.edge(op_id, self.ids[node], id=f"{op_id}out", **arrow)

    def _display_name(self, node: Value) -> str:
        name = self.names[node]
        if node.label and node.label != name and node not in self.parameters:
            return f"{name}: {node.label}"
        return name

    # --- arrows ----------------------------------------------------------------

    def draw_input_edge(self, graph: Any, node: Value, slot: int) -> None:
        """The arrow from node.parents[slot] into node's operation."""
        parent = node.parents[slot]
        attributes = {"class": "input", "id": f"{self.ids[node]}in{slot}"}
        if (node, slot) in self.current_edges:  # the gradient flows back: head at the parent
            attributes.update({"class": "input current", **_FLOWING_BACK})
        if self.show_local_grads:
            attributes["label"] = style.lines_label(self._edge_text(node, slot),
                                                    self.edge_width)
            attributes["fontsize"] = str(self.arrow_font)
        graph.edge(self.ids[parent], self.ids[node] + "op", **attributes)

    def _edge_text(self, node: Value, slot: int) -> list[str]:
        local = node.local_grads[slot]
        lines = [f"local {self.number(local)}"]
        upstream = self.grads.get(node)
        has_flowed = (node, slot) in self.flowed if self.flowed is not None else True
        if upstream is not None and has_flowed:
            lines.append(f"adds {self.number(local * upstream)}")
        elif self.edge_width is not None:
            lines.append("")  # keeps the label's size from frame to frame
        return lines

    def draw_legend(self, graph: Any) -> None:
        notes = [self.grads_note if self.show_grad else None]
        if self.flowed is not None:  # a backward step (frames.py): what its red marks mean
            notes += textwrap.wrap(f"red dashed arrow: {style.BACKWARD_ARROW} (outlined in "
                                   f"orange)", style.MAX_TEXT)
        note = "\n".join(line for line in notes if line) or None
        if self.color_by == "grad":
            label = style.grad_legend(note)
        else:
            label = style.role_legend([role for role in ROLES if role in self.drawn_roles], note)
        graph.node("legend", label=label, shape="plain", id="legend", **{"class": "legend"})

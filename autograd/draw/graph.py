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
grouping by network module in `modules.py`.

    >>> from autograd import Value
    >>> from autograd.draw import draw
    >>> x = Value(2.0, "x")
    >>> graph = draw(x * x + 1)
    >>> graph.source.count("->")  # x twice into *, * into '+ 1', and the two results
    5
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from autograd.checks import count, instance, one_of
from autograd.engine import topological_order
from autograd.notation import format_number, node_names, op_symbol
from autograd.value import Value

from . import style
from .options import check_rankdir, import_graphviz
from .modules import (Collapsed, ModuleGroups, cluster_title, collapse, first_member,
                      keep_in_order, module_groups, natural_key, order_clusters, parallel_rows)

if TYPE_CHECKING:
    import graphviz

Edge = tuple[Value, int]  # (node, slot): the arrow from node.parents[slot] into node

DEFAULT_MAX_NODES = 1500
ROLES = ("input", "parameter", "constant", "intermediate", "output")


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
        drawer.draw_full(graph, rankdir)
    else:
        drawer.draw_collapsed(graph, view)
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

    def draw_value(self, graph: Any, node: Value) -> None:
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
        if not node.is_leaf:
            op_id = self.ids[node] + "op"
            graph.node(op_id, label=style.plain_label(op_symbol(node)), shape="ellipse",
                       style="filled", fillcolor=style.OP_COLOR, margin="0.05,0.02",
                       height="0.3", id=op_id, **{"class": "op"})
            graph.edge(op_id, self.ids[node], id=f"{op_id}out", **{"class": "result"})

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
        if (node, slot) in self.current_edges:
            attributes.update({"color": style.CURRENT_COLOR, "penwidth": "3",
                               "class": "input current"})
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

    # --- the whole picture ------------------------------------------------------

    def draw_full(self, graph: Any, rankdir: str) -> None:
        """Every node; with a model, nested clusters per module, siblings in model order."""
        members: dict[tuple[str, ...], list[Value]] = {}
        for node in self.order:
            chain = self.groups.chains.get(node, ()) if self.groups else ()
            members.setdefault(chain, []).append(node)
        for node in members.pop((), []):
            self.draw_value(graph, node)
        self._draw_clusters(graph, (), members, rankdir in ("TB", "BT"))
        order_clusters(graph, parallel_rows({c[-1]: self.ids[n[-1]] for c, n in members.items()}))
        for node in self.order:
            for slot in range(len(node.parents)):
                self.draw_input_edge(graph, node, slot)

    def _draw_clusters(self, graph: Any, prefix: tuple[str, ...],
                       members: dict[tuple[str, ...], list[Value]], last_first: bool) -> None:
        """Draw each cluster directly below `prefix`, its nodes and its sub-clusters. dot
        starts a cluster's nodes in the reverse of their order here (mirrored with LR, RL),
        so with TB, BT (last_first) they come last first: a neuron's weights stay in order."""
        depth = len(prefix)
        below = [chain for chain in members if len(chain) > depth and chain[:depth] == prefix]
        children = sorted(set(chain[:depth + 1] for chain in below),
                          key=lambda chain: natural_key(chain[-1]))
        for child in children:
            first = self.ids[first_member(members, child)]
            with graph.subgraph(name=f"cluster_{first}_{depth}") as sub:
                sub.attr(label=style.plain_label(cluster_title(child[-1])), style="rounded",
                         color="#9ca3af", fontsize="11")
                for node in members.get(child, [])[::-1 if last_first else 1]:
                    self.draw_value(sub, node)
                self._draw_clusters(sub, child, members, last_first)

    def draw_collapsed(self, graph: Any, view: Collapsed) -> None:
        """Boxes for whole modules, nodes for the rest, one arrow per pair of boxes."""
        box_ids = {key: f"box{index}" for index, key in enumerate(view.boxes)}
        for key, (title, detail) in view.boxes.items():
            graph.node(box_ids[key], label=style.box_label(title, detail), shape="plain",
                       id=box_ids[key], **{"class": "box"})
        keep_in_order(graph, parallel_rows(box_ids))
        for node in self.order:
            if node not in view.box_of and node not in view.hidden:
                self.draw_value(graph, node)
        drawn: set[tuple[str, str]] = set()
        for node in self.order:
            for slot, parent in enumerate(node.parents):
                if node in view.hidden or parent in view.hidden:
                    continue
                tail_box, head_box = view.box_of.get(parent), view.box_of.get(node)
                if tail_box is None and head_box is None:
                    self.draw_input_edge(graph, node, slot)
                    continue
                tail = box_ids[tail_box] if tail_box else self.ids[parent]
                head = box_ids[head_box] if head_box else self.ids[node] + "op"
                if tail != head and (tail, head) not in drawn:
                    drawn.add((tail, head))
                    graph.edge(tail, head, **{"class": "input"})

    def draw_legend(self, graph: Any) -> None:
        note = self.grads_note if self.show_grad else None
        if self.color_by == "grad":
            label = style.grad_legend(note)
        else:
            label = style.role_legend([role for role in ROLES if role in self.drawn_roles], note)
        graph.node("legend", label=label, shape="plain", id="legend", **{"class": "legend"})

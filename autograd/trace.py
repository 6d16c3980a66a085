"""Step-by-step records of a forward and a backward pass, printed as a tape.

`record(root)` runs the engine's own backward pass and watches it: the engine
calls us just before each `parent.grad += local * node.grad`, so every line of
the tape is one real step of the chain rule, in the order the engine took it.
Nothing here computes a gradient; it only reads them.

    >>> from autograd import Value
    >>> from autograd.trace import record
    >>> x, y = Value(2.0, "x"), Value(3.0, "y")
    >>> print(record(x * y).text())          # doctest: +NORMALIZE_WHITESPACE
    forward (each node after its inputs)
      x = 2.0
      y = 3.0
      v2 = x * y = 6.0
    backward (L = v2; each line is one parent.grad += local * node.grad)
      dL/dv2 = 1.0   (seed)
      dL/dx += dL/dv2 * y = 1.0 * 3.0 -> 3.0
      dL/dy += dL/dv2 * x = 1.0 * 2.0 -> 2.0
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import partial
from typing import Any

from . import engine
from .checks import instance
from .notation import expression, format_number, format_operand, local_formula, node_names
from .value import Value

MAX_NODES = 100_000  # record() refuses larger graphs (about 0.8 kB of tape per node)
LOSS = "L"  # an unnamed root: the tape writes d(root)/d(node) as dL/dnode
BACKWARD_HEADER = ("step", "node", f"d{LOSS}/dnode", "parent", "local derivative",
                   "contribution", "parent grad")
DIGITS = 4  # significant digits of every number on a tape (see notation.format_number)


@dataclass(frozen=True, slots=True)
class ForwardStep:
    """One node of the forward pass: how it was computed and its value."""

    node: Value
    name: str
    op: str  # '' for a leaf
    inputs: tuple[str, ...]  # the parents' names, in order
    params: dict[str, float]
    value: float
    kind: str  # 'leaf', 'computed', or 'constant' (computed from numbers only)
    expression: str  # 'v1 * v2'; '' for a leaf

    def line(self, digits: int = DIGITS) -> str:
        """'v3 = v1 * v2 = 6.0', or 'x = 2.0' for a leaf (`digits` significant digits)."""
        value = format_number(self.value, digits)
        if self.expression:
            return f"{self.name} = {self.expression} = {value}"
        return f"{self.name} = {value}"


@dataclass(frozen=True, slots=True)
class BackwardStep:
    """One `parent.grad += local * node.grad` of the backward pass."""

    index: int  # 1, 2, ... in the order the engine ran them
    node: Value
    node_name: str
    upstream: float  # node.grad = dL/dnode, complete when the step runs
    parent: Value
    parent_name: str
    slot: int  # which parent of node: 0, 1, ... (a + a has both)
    local: float  # d node / d parent, recorded in the forward pass
    local_formula: str  # the same, symbolically: 'v2', '1 - v3**2'
    contribution: float  # local * upstream
    before: float  # parent.grad in this pass before the +=
    after: float  # parent.grad in this pass after the +=

    def left_side(self, loss: str = LOSS) -> str:
        """'dL/dv1 += dL/dv3 * v2' (`loss`: the root's name on the tape)."""
        local = _parenthesized(self.local_formula)
        return f"d{loss}/d{self.parent_name} += d{loss}/d{self.node_name} * {local}"

    def right_side(self, digits: int = DIGITS) -> str:
        """'= 1.0 * 3.0 -> 3.0', noting accumulation when the parent already had a grad."""
        number = partial(format_number, digits=digits)
        operand = partial(format_operand, digits=digits)
        text = f"= {operand(self.upstream)} * {operand(self.local)} -> {number(self.after)}"
        if self.before != 0.0:
            text += f"   (accumulates: {operand(self.before)} + {operand(self.contribution)})"
        return text

    def line(self, loss: str = LOSS, digits: int = DIGITS) -> str:
        """'dL/dv1 += dL/dv3 * v2 = 1.0 * 3.0 -> 3.0'"""
        return f"{self.left_side(loss)} {self.right_side(digits)}"

    def cells(self, digits: int = DIGITS) -> list[str]:
        """The step as the cells of a table row, under Trace.header() (plain text)."""
        number = partial(format_number, digits=digits)
        return [str(self.index), self.node_name, number(self.upstream),
                self.parent_name, f"{self.local_formula} = {number(self.local)}",
                number(self.contribution), f"{number(self.before)} \u2192 {number(self.after)}"]


@dataclass(frozen=True)
class Trace:
    """The forward steps, the seed and the backward steps of one backward pass."""

    root: Value
    names: dict[Value, str]
    forward: tuple[ForwardStep, ...]  # in the engine's topological order
    seed: float  # d(root)/d(root) = 1.0
    backward: tuple[BackwardStep, ...]

    @property
    def loss(self) -> str:
        """The root's name in d(root)/d(node): the name the user gave it (df/dx for a
        root labelled f), or L when the root has no usable label of its own."""
        name = self.names[self.root]
        return name if name == self.root.label else LOSS

    def header(self) -> tuple[str, ...]:
        """The column names of the backward table: BACKWARD_HEADER with this root's name."""
        return tuple(f"d{self.loss}/dnode" if cell == BACKWARD_HEADER[2] else cell
                     for cell in BACKWARD_HEADER)

    def seed_line(self, digits: int = DIGITS) -> str:
        """'dL/dv3 = 1.0   (seed)'"""
        name = self.names[self.root]
        return f"d{self.loss}/d{name} = {format_number(self.seed, digits)}   (seed)"

    def grads_after(self, steps: int) -> dict[Value, float]:
        """The grads known after the seed and the first `steps` backward steps.

        Nodes no step has reached yet are absent (a diagram shows them blank).
        """
        if not 0 <= steps <= len(self.backward):
            raise ValueError(f"grads_after: steps={steps} is outside 0..{len(self.backward)}; "
                             f"this trace has {len(self.backward)} backward steps")
        grads = {self.root: self.seed}
        for step in self.backward[:steps]:
            grads[step.parent] = step.after
        return grads

    def step_lines(self, digits: int = DIGITS) -> list[str]:
        """The seed line, then one tape line per backward step (frame k shows line k)."""
        return [self.seed_line(digits)] + [step.line(self.loss, digits)
                                           for step in self.backward]

    def text(self, digits: int = DIGITS) -> str:
        """The whole tape, one line per forward node and per backward step."""
        lines = ["forward (each node after its inputs)"]
        lines += [f"  {step.line(digits)}" for step in self.forward]
        if self.loss == LOSS:
            lines.append(f"backward ({LOSS} = {self.names[self.root]}; "
                         f"each line is one parent.grad += local * node.grad)")
        else:
            lines.append("backward (each line is one parent.grad += local * node.grad)")
        lines.append(f"  {self.seed_line(digits)}")
        width = max((len(step.left_side(self.loss)) for step in self.backward), default=0)
        for step in self.backward:
            lines.append(f"  {step.left_side(self.loss):<{width}} {step.right_side(digits)}")
        return "\n".join(lines)

    def rows(self, part: str = "backward") -> list[dict[str, Any]]:
        """The steps as dicts for a table: part='backward' (default) or 'forward'."""
        if part == "forward":
            return [{"name": s.name, "computed as": s.expression, "value": s.value,
                     "kind": s.kind} for s in self.forward]
        if part != "backward":
            raise ValueError(f"rows: part={part!r} is not known; use 'backward' or 'forward'")
        return [{"step": s.index, "node": s.node_name, "upstream": s.upstream,
                 "parent": s.parent_name, "local formula": s.local_formula,
                 "local": s.local, "contribution": s.contribution,
                 "before": s.before, "after": s.after, "line": s.line(self.loss)}
                for s in self.backward]

    def markdown(self, digits: int = DIGITS) -> str:
        """The tape as two markdown tables (forward, then backward)."""
        number = partial(format_number, digits=digits)
        loss = self.loss
        lines = ["**Forward** (each node after its inputs)", "",
                 "| node | computed as | value |", "|---|---|---:|"]
        for s in self.forward:
            lines.append(f"| {_md_code(s.name)} | {_md_code(s.expression or s.kind)} "
                         f"| {number(s.value)} |")
        lines += ["", f"**Backward** ({LOSS} = {_md_code(self.names[self.root])}, "
                      f"seed d{LOSS}/d{LOSS} = {number(self.seed)})" if loss == LOSS else
                  f"**Backward** (seed d{_md_code(loss)}/d{_md_code(loss)} = "
                  f"{number(self.seed)})", "",
                  "| " + " | ".join(_md_code(cell) if cell.endswith("/dnode") else cell
                                    for cell in self.header()) + " |",
                  "|---:|---|---:|---|---|---:|---|"]
        for s in self.backward:
            lines.append(f"| {s.index} | {_md_code(s.node_name)} | {number(s.upstream)} "
                         f"| {_md_code(s.parent_name)} | {_md_code(s.local_formula)} = "
                         f"{number(s.local)} | {number(s.contribution)} "
                         f"| {number(s.before)} -> {number(s.after)} |")
        return "\n".join(lines)

    def html(self, digits: int = DIGITS) -> str:
        """The tape as two HTML tables (every text escaped)."""
        forward = [[s.name, s.expression or s.kind, format_number(s.value, digits)]
                   for s in self.forward]
        backward = [step.cells(digits) for step in self.backward]
        caption = (f"Backward ({LOSS} = {self.names[self.root]}, seed "
                   if self.loss == LOSS else "Backward (seed ")
        return (_html_table("Forward", ["node", "computed as", "value"], forward)
                + _html_table(f"{caption}{format_number(self.seed, digits)})",
                              list(self.header()), backward))

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        return (f"<Trace of {self.names[self.root]} = {format_number(self.root.data)}: "
                f"{len(self.forward)} nodes, {len(self.backward)} backward steps>")

    def _repr_markdown_(self) -> str:
        return self.markdown()

    def _repr_html_(self) -> str:
        return self.html()


def record(root: Value, *, zero_grad: bool = True) -> Trace:
    """Run root's backward pass through the engine and record every step.

    With zero_grad=True (the default) every grad in the graph is set to 0
    first, so the tape shows one clean pass even after an earlier backward().
    A tape is for reading: a graph of more than MAX_NODES nodes (a node costs
    about 0.8 kB of tape, measured) is refused in one line (ValueError) before anything is recorded.
    """
    instance("record", "root", root, Value, "the Value an expression of Values ends in")
    nodes = engine.topological_order(root)
    if len(nodes) > MAX_NODES:
        raise ValueError(f"record: the graph has {len(nodes):,} nodes, more than the "
                         f"{MAX_NODES:,} a tape can hold in reasonable memory; record one "
                         f"neuron or one sample, or use backward() alone")
    names = node_names(nodes)
    forward = tuple(_forward_step(node, names) for node in nodes)
    if zero_grad:
        engine.zero_grad(root)

    steps: list[BackwardStep] = []

    slots: dict[Value, int] = {}  # the next parent each node passes its grad to

    def on_edge(node: Value, parent: Value, local: float, upstream: float,
                before: float) -> None:
        slot = slots[node] = slots.get(node, -1) + 1  # a + a: slots 0 and 1
        contribution = local * upstream  # the engine adds exactly this to `before`
        steps.append(BackwardStep(
            index=len(steps) + 1, node=node, node_name=names[node], upstream=upstream,
            parent=parent, parent_name=names[parent], slot=slot, local=local,
            local_formula=local_formula(node, slot, names), contribution=contribution,
            before=before, after=before + contribution))

    engine.backward(root, on_edge=on_edge)
    return Trace(root=root, names=names, forward=forward, seed=1.0, backward=tuple(steps))


def _forward_step(node: Value, names: dict[Value, str]) -> ForwardStep:
    if not node.op:
        kind, shown = "leaf", ""
    else:
        kind, shown = ("constant" if node.is_leaf else "computed"), expression(node, names)
    return ForwardStep(node=node, name=names[node], op=node.op,
                       inputs=tuple(names[p] for p in node.parents), params=node.params,
                       value=node.data, kind=kind, expression=shown)


def _parenthesized(formula: str) -> str:
    """'1 - o**2' -> '(1 - o**2)', so that 'dL/do * (1 - o**2)' reads right."""
    if formula.startswith("(") or not any(ch in formula for ch in " +-/"):
        return formula
    return f"({formula})"


def _md_code(text: str) -> str:
    """Text as a markdown code span that survives inside a table cell: the fence is
    one backtick longer than any run of backticks inside (CommonMark's rule), so a
    backtick in a label cannot end the span and let raw HTML through; line breaks
    become spaces (a newline would end the table row)."""
    if not text:
        return ""
    text = " ".join(text.splitlines()).replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text[0] == "`" or text[-1] == "`" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _html_table(caption: str, header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(cell)}</th>" for cell in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>"
                   for row in rows)
    return (f"<table><caption>{html.escape(caption)}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")

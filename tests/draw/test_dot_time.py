"""Whatever draw returns, dot renders in seconds (issue 10, item 12).

The README's own demo graph (one sample's hinge + L2 loss of MLP(2, [16, 16, 1]))
ran in dot for over 1,200 s; MLP(2, [12, 12, 1]) too long as well. The drawing
now collapses by dot's real cost, long edges, not by node count alone.
"""

import subprocess

import pytest

import nn
from autograd import Value
from autograd.draw import draw
from autograd.draw.cost import drawn_edges, virtual_nodes
from support_tools import require_dot

SECONDS = 5


def _render(graph) -> None:
    subprocess.run(["dot", "-Tsvg"], input=graph.source.encode("utf-8"), capture_output=True,
                   timeout=SECONDS, check=True)


def _hinge_l2(sizes):
    model = nn.MLP(2, [*sizes, 1], activation="relu", seed=0)
    loss = nn.losses.hinge(model([0.5, -0.2]), 1) + nn.losses.l2(model, 1e-4)
    loss.backward()
    return model, loss


@pytest.mark.parametrize("sizes", [[16, 16], [12, 12], [8, 8]])
@pytest.mark.parametrize("with_model", [True, False])
def test_one_sample_hinge_l2_graph_renders_within_seconds(sizes, with_model):
    require_dot()
    model, loss = _hinge_l2(sizes)
    graph = draw(loss, model=model if with_model else None)
    _render(graph)  # subprocess.TimeoutExpired if dot takes longer
    assert "->" in graph.source


def test_a_long_chain_with_a_fan_out_renders_within_seconds():
    require_dot()
    x = Value(1.0, "x")
    y = x
    for _ in range(1000):  # x feeds every step: edges spanning up to 2,000 ranks
        y = y * 1.0001 + x
    y.backward()
    _render(draw(y))


def test_small_graphs_are_drawn_whole():
    model, loss = _hinge_l2([4])
    graph = draw(loss, model=model)
    assert "box0" not in graph.source and "cluster_" in graph.source


def test_the_estimate_counts_virtual_nodes_of_long_edges():
    a, w = Value(1.0, "a"), Value(2.0, "w")
    b = a * w
    c = b * a
    # Drawn: a, w -> (op b) -> b -> (op c) -> c, and a -> (op c). Ranks: a 0, w 0, op_b 1,
    # b 2, op_c 3, c 4 (a stays at 0: its earliest successor is op_b). a -> op_c spans
    # 3 ranks, so dot adds 2 virtual nodes; every other edge spans 1.
    assert virtual_nodes(drawn_edges([a, w, b, c])) == 2

"""Tests for the backward pass (autograd/engine.py).

Expected gradients are derived by hand in the comments. The semantics follow
PyTorch: leaves accumulate over calls, interior nodes are recomputed, and an
overflowing backward pass raises without changing any gradient.
"""

import ast
import gc
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import autograd
from autograd import Value, topological_order


def grads(root: Value) -> list[float]:
    return [node.grad for node in topological_order(root)]


def test_backward_seeds_the_root_with_one():
    x = Value(2.0)
    y = x * 3 + 1
    y.backward()
    assert y.grad == 1.0
    assert x.grad == 3.0


def test_a_plus_a_counts_both_edges():
    a = Value(5.0)
    (a + a).backward()
    assert a.grad == 2.0


def test_reuse_twice_over_gives_four():
    a = Value(1.0)
    b = a + a
    c = b + b
    c.backward()
    assert (b.grad, a.grad) == (2.0, 4.0)


def test_x_times_x():
    x = Value(3.0)
    (x * x).backward()
    assert x.grad == 6.0  # d(x^2)/dx = 2x


def test_a_diamond():
    # d = b c with b = 2a, c = 3a, so d = 6a^2 and dd/da = 12a = 12 at a = 1.
    a = Value(1.0)
    b, c = a * 2, a * 3
    d = b * c
    d.backward()
    assert (b.grad, c.grad, a.grad) == (3.0, 2.0, 12.0)


def test_a_value_used_by_two_different_nodes():
    # out = (3x)(x + 5): d/dx = 3(x + 5) + 3x = 27 at x = 2.
    x = Value(2.0)
    out = (x * 3) * (x + 5)
    out.backward()
    assert x.grad == 27.0


def test_a_number_in_an_operation_is_part_of_the_node_and_gets_no_step():
    x = Value(2.0)
    y = x * 3
    steps = []
    autograd.backward(y, on_edge=lambda *step: steps.append(step))
    assert y.parents == (x,) and x.grad == 3.0
    assert steps == [(y, x, 3.0, 1.0, 0.0)]  # (node, parent, local, upstream, before)


def test_backward_twice_accumulates_leaves_and_recomputes_interior_nodes():
    # y = h^2 with h = 3x: dy/dh = 2h = 12, dy/dx = 18x = 36, dy/d3 = 2hx = 24.
    x = Value(2.0)
    h = x * 3
    y = h * h
    y.backward()
    y.backward()
    assert (y.grad, h.grad) == (1.0, 12.0)  # recomputed, not compounded
    assert x.grad == 72.0  # 36 twice, like PyTorch


def test_a_leaf_as_root():
    x = Value(4.0)
    x.backward()
    assert x.grad == 1.0
    x.backward()
    assert x.grad == 2.0


def test_two_roots_sharing_a_subgraph():
    # s = xy = 6; r1 = s + 1; r2 = s^2. r1 gives dx = y, dy = x; r2 then adds
    # 2s y = 36 and 2s x = 24 to the leaves and sets s.grad to 2s = 12.
    x, y = Value(2.0), Value(3.0)
    s = x * y
    r1, r2 = s + 1, s * s
    r1.backward()
    assert (x.grad, y.grad, s.grad) == (3.0, 2.0, 1.0)
    r2.backward()
    assert (x.grad, y.grad, s.grad) == (39.0, 26.0, 12.0)
    assert (r1.grad, r2.grad) == (1.0, 1.0)


def test_zero_grad_resets_every_node_of_the_graph_and_no_other():
    x, y = Value(2.0), Value(3.0)
    s = x * y
    other = s + 1
    root = s.tanh() * x
    other.backward()
    root.backward()
    root.zero_grad()
    assert set(grads(root)) == {0.0}
    assert other.grad == 1.0
    autograd.backward(root)
    assert x.grad != 0.0
    autograd.zero_grad(root)
    assert set(grads(root)) == {0.0}


def test_module_backward_matches_the_method():
    x = Value(0.5)
    autograd.backward(x.sin() * x)
    assert x.grad == pytest.approx(0.5 * 0.8775825618903728 + 0.479425538604203, rel=1e-15)


def test_topological_order_lists_each_node_once_parents_first():
    a, b = Value(1.0), Value(2.0)
    c = a * b
    d = c + a
    e = d * c
    order = topological_order(e)
    assert sorted(map(id, order)) == sorted(map(id, (a, b, c, d, e)))
    assert order[-1] is e
    for position, node in enumerate(order):
        assert all(order.index(parent) < position for parent in node.parents)
    assert [id(node) for node in topological_order(e)] == [id(node) for node in order]
    assert topological_order(a) == [a]


def test_on_edge_sees_every_edge_before_its_update():
    a = Value(2.0)
    b = a * a
    c = b + 1
    calls = []
    autograd.backward(c, on_edge=lambda node, parent, local, upstream, before:
                      calls.append((node.op, parent.data, local, upstream, before)))
    # c = b + 1 has one parent (the 1 is part of the node); b = a * a passes
    # 2a = 4 to a twice, the second += accumulating onto the first.
    assert calls == [("add", 4.0, 1.0, 1.0, 0.0), ("mul", 2.0, 2.0, 1.0, 0.0),
                     ("mul", 2.0, 2.0, 1.0, 2.0)]
    assert a.grad == 4.0


def test_an_observer_that_raises_changes_no_gradient():
    a = Value(2.0)
    c = a * a + 1
    c.backward()
    before = grads(c)

    def stop_at_mul(node, parent, local, upstream, before):
        if node.op == "mul":
            raise RuntimeError("stop")

    with pytest.raises(RuntimeError, match="stop"):
        autograd.backward(c, on_edge=stop_at_mul)
    assert grads(c) == before
    c.backward()  # the graph is still usable: the leaf accumulates 2a = 4 again
    assert a.grad == 8.0


def test_only_the_engine_applies_the_chain_rule():
    """`... += local * upstream` appears once in the packages, in engine.py."""
    root = Path(autograd.__file__).parent.parent
    found = []
    for path in sorted([*root.joinpath("autograd").rglob("*.py"), *root.joinpath("nn").rglob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text())):
            if (isinstance(node, ast.AugAssign) and isinstance(node.op, ast.Add)
                    and isinstance(node.value, ast.BinOp) and isinstance(node.value.op, ast.Mult)
                    and "grad" in ast.unparse(node.target)):
                found.append(str(path.relative_to(root)))
    assert found == ["autograd/engine.py"]


# --- overflow in backward ---------------------------------------------------

def test_overflow_in_an_interior_gradient_raises_and_leaves_grads_at_zero():
    # Forward stays finite (1e-300 -> 1e-100 -> 1e100); the gradient of the
    # interior node -x would be 1e400.
    x = Value(1e-300)
    out = ((-x) * 1e200) * 1e200
    with pytest.raises(OverflowError, match="backward"):
        out.backward()
    assert set(grads(out)) == {0.0}


def test_overflow_in_a_leaf_gradient_raises_overflow_error():
    x = Value(1.0)
    y = x * 1.2e308
    y.backward()
    before = grads(y)
    with pytest.raises(OverflowError, match="backward"):
        y.backward()  # x.grad would become 2.4e308
    assert grads(y) == before


def test_overflow_changes_no_gradient():
    x = Value(1e-300)
    middle = (-x) * 1e200
    out = middle * 1e200
    middle.backward()  # middle.grad = 1, (-x).grad = 1e200, x.grad = -1e200
    before = grads(out)
    with pytest.raises(OverflowError):
        out.backward()
    assert grads(out) == before


def test_large_finite_leaf_gradients_are_not_an_overflow():
    a, b = Value(1e-10), Value(1e-10)
    out = a * 1e308 + b * 1e308
    out.backward()
    assert (a.grad, b.grad) == (1e308, 1e308)


# --- a million operations, no recursion --------------------------------------

DEEP_CHAIN = textwrap.dedent("""
    import gc, sys
    from autograd import Value
    assert sys.getrecursionlimit() <= 1000, sys.getrecursionlimit()
    x = Value(0.5)
    y = x
    for step in range(1_000_000):
        y = -y if step % 2 else y * 1.0
    y.backward()
    assert x.grad == 1.0, x.grad  # an even number (500,000) of negations
    y.zero_grad()
    assert x.grad == 0.0 and y.grad == 0.0
    assert "data=0.5" in repr(y), repr(y)
    del y
    gc.collect()
    print("done")
""")


def test_a_million_operation_chain_needs_no_recursion():
    # A subprocess, so that a stack overflow fails this test instead of the run;
    # it imports the same autograd as this test.
    source_root = str(Path(autograd.__file__).parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([source_root, os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run([sys.executable, "-c", DEEP_CHAIN], capture_output=True,
                            text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "done"


def test_a_node_whose_gradient_is_zero_passes_zeros_and_the_tape_still_sees_its_edges():
    # relu is off at -1.5, so d(out)/d(w) = 0 through it; backward skips passing on
    # zeros, which must change no number, and an observer still sees every edge.
    w, x = Value(0.5, "w"), Value(-3.0, "x")
    hidden = (w * x).relu()
    out = hidden * 2.0 + w
    out.backward()
    assert (hidden.grad, w.grad, x.grad) == (2.0, 1.0, 0.0)
    assert [node.grad for node in hidden.parents] == [0.0]
    seen = []
    autograd.backward(out, on_edge=lambda node, parent, *_: seen.append((node.op, parent.label)))
    edges = [(node.op, getattr(parent, "label", "")) for node in topological_order(out)
             for parent in node.parents]
    assert sorted(seen) == sorted(edges) and len(seen) == 6
    assert w.grad == 2.0  # accumulated: 1 + 1


def test_backward_and_topological_order_leave_a_switched_off_collector_off():
    was_on = gc.isenabled()
    gc.disable()
    try:
        x = Value(1.0)
        for _ in range(100):
            x = x * 1.01 + 0.5
        topological_order(x)
        x.backward()
        assert not gc.isenabled()
    finally:
        if was_on:
            gc.enable()

"""The benchmark adapters (benchmarks/engines.py) compute what they claim.

A speed ratio means something only if every engine computes the same thing.
These tests check each adapter's loss and gradients on a tiny graph against a
plain-float computation written here (the forward pass by hand, gradients by
central differences), and that the engines agree with one another. A library
that is not installed is skipped. No timing is asserted anywhere.
"""

from __future__ import annotations

import random
import sys

import pytest

from benchmarks import bench_engine
from benchmarks.engines import (Engine, chainrule, chainrule_mlp, micrograd, micrograd_mlp,
                                torch_mlp, torch_scalars)

NIN, SIZES = 2, (3, 2, 1)
X = [[0.5, -1.25], [2.0, 0.75], [-0.3, 0.4], [1.1, 1.9]]
Y = [1.0, -1.0, -1.0, 1.0]
START = [random.Random(7).uniform(-1, 1) for _ in range((2 + 1) * 3 + (3 + 1) * 2 + (2 + 1) * 1)]
MODELS = {"chainrule": chainrule_mlp, "micrograd": micrograd_mlp, "torch": torch_mlp}
ENGINES = {"chainrule": chainrule, "micrograd": micrograd, "torch": torch_scalars}


def float_loss(numbers: list[float]) -> float:
    """mean((mlp(x) - y)^2) in plain floats; numbers in micrograd's order
    (layer by layer, neuron by neuron, weights then bias); relu hidden, linear out."""
    total = 0.0
    for row, target in zip(X, Y):
        numbers_left = iter(numbers)
        x = row
        for depth, size in enumerate(SIZES):
            outputs = []
            for _ in range(size):
                z = sum(next(numbers_left) * xi for xi in x) + next(numbers_left)
                outputs.append(max(z, 0.0) if depth < len(SIZES) - 1 else z)
            x = outputs
        total += (x[0] - target) ** 2
    return total / len(X)


def central_differences(numbers: list[float], h: float = 1e-6) -> list[float]:
    grads = []
    for index in range(len(numbers)):
        up, down = list(numbers), list(numbers)
        up[index] += h
        down[index] -= h
        grads.append((float_loss(up) - float_loss(down)) / (2 * h))
    return grads


def installed_model(name: str):
    model = MODELS[name](NIN, SIZES, START)
    if model is None:
        pytest.skip(f"{name} is not installed")
    return model


@pytest.mark.parametrize("name", MODELS)
def test_model_computes_the_loss_and_gradients_of_the_same_mlp(name):
    model = installed_model(name)
    loss = model.loss(X, Y)
    model.backward(loss)
    assert model.data(loss) == pytest.approx(float_loss(START), rel=1e-12)
    assert model.grads() == pytest.approx(central_differences(START), rel=1e-6, abs=1e-8)
    assert any(abs(g) > 1e-3 for g in model.grads())  # the graph really reaches the weights


@pytest.mark.parametrize("name", MODELS)
def test_model_backward_zeroes_the_previous_gradients(name):
    model = installed_model(name)
    model.backward(model.loss(X, Y))
    first = model.grads()
    model.backward(model.loss(X, Y))  # a second fresh graph: grads replaced, not added
    assert model.grads() == pytest.approx(first, rel=1e-12)


@pytest.mark.parametrize("name", MODELS)
def test_model_refuses_the_wrong_number_of_start_values(name):
    if name != "chainrule" and MODELS[name](NIN, SIZES, START) is None:
        pytest.skip(f"{name} is not installed")
    with pytest.raises(ValueError, match="got 3 start numbers for 20 parameters"):
        MODELS[name](NIN, SIZES, START[:3])


def engine_loss_and_grads(engine: Engine) -> tuple[float, list[float]]:
    """bench_engine's MLP program on two samples: loss and every parameter's grad."""
    parameters = bench_engine.make_parameters(engine)
    loss = bench_engine.mlp_loss(engine, parameters, bench_engine.make_samples()[:2])
    engine.backward(loss)
    flat = [p for layer in parameters for weights, bias in layer for p in (*weights, bias)]
    number = loss.item() if hasattr(loss, "item") else loss.data  # a tensor, or a Value
    return number, [0.0 if p.grad is None else float(p.grad) for p in flat]


@pytest.mark.parametrize("name", ["micrograd", "torch"])
def test_engine_adapters_build_the_same_graph_as_chainrule(name):
    other = ENGINES[name]()
    if other is None:
        pytest.skip(f"{name} is not installed")
    loss, grads = engine_loss_and_grads(chainrule())
    other_loss, other_grads = engine_loss_and_grads(other)
    assert other_loss == pytest.approx(loss, rel=1e-12)
    assert other_grads == pytest.approx(grads, rel=1e-9, abs=1e-12)
    assert loss > 0 and any(g != 0 for g in grads)


def test_fresh_benchmark_reports_a_missing_library_and_runs_without_it(monkeypatch, capsys):
    from benchmarks import bench_fresh
    for module in ("micrograd", "micrograd.nn", "micrograd.engine", "torch"):
        monkeypatch.setitem(sys.modules, module, None)  # import fails as if not installed
    monkeypatch.setattr(bench_fresh, "SAMPLE_COUNTS", (4,))
    bench_fresh.main(["--repeats", "1"])
    out = capsys.readouterr().out
    assert "micrograd not installed" in out and "PyTorch not installed" in out
    assert "4 samples: chainrule's graph has" in out and "ms/graph" in out
    assert "faster" not in out  # nothing to compare with, so no ratio

"""nn benchmark: micrograd's own demo workload, trained by nn and by micrograd 0.1.0.

The workload of micrograd's demo notebook: 100 "moons" points with noise 0.1
and labels -1/+1; an MLP(2, [16, 16, 1]) with relu hidden layers and a linear
output; loss = mean hinge max(0, 1 - y * score) + 1e-4 * (sum of squared
parameters); 100 full-batch SGD steps with lr = 1.0 - 0.9 * k / 100.

Both engines get the same data (nn.datasets.moons, pure Python) and the same
initial weights, in the same process, one after the other (gc.collect() in
between, so neither pays for the other's garbage). chainrule trains with
nn.fit; micrograd with the loop of its demo. Run with `--steps N` to try
fewer steps (micrograd needs about a second or two per step).
"""

from __future__ import annotations

import argparse
import gc
import time
from typing import Any, Callable

import nn

SIZES = [16, 16, 1]
ALPHA = 1e-4
SCHEDULE_STEPS = 100


def workload_data() -> tuple[list[list[float]], list[int]]:
    return nn.datasets.moons(100, noise=0.1, seed=1337, signed=True)


def train_chainrule(X: list[list[float]], y: list[int], steps: int,
                    start: list[float]) -> tuple[float, float, float]:
    """(seconds, final loss, training accuracy) with nn.MLP and nn.fit."""
    model = nn.MLP(2, SIZES, activation="relu")
    for parameter, number in zip(model.parameters(), start):
        parameter.data = number
    optimizer = nn.optim.SGD(model, lr=nn.optim.linear_decay(1.0, 0.1, SCHEDULE_STEPS))
    began = time.perf_counter()
    history = nn.fit(model, X, y, loss="hinge", l2=ALPHA, optimizer=optimizer, epochs=steps,
                     batch_size=None, progress=False)
    seconds = time.perf_counter() - began
    return seconds, history.loss[-1], nn.accuracy(model, X, y, threshold=0.0)


def train_micrograd(X: list[list[float]], y: list[int], steps: int,
                    start: list[float]) -> tuple[float, float, float] | None:
    """(seconds, final loss, training accuracy) with micrograd's MLP, or None if missing."""
    try:
        from micrograd.engine import Value
        from micrograd.nn import MLP
    except ImportError:
        return None
    model = MLP(2, SIZES)
    for parameter, number in zip(model.parameters(), start):
        parameter.data = number
    began = time.perf_counter()
    total = None
    for k in range(steps):
        rows = [[Value(x) for x in row] for row in X]
        scores = [model(row) for row in rows]
        hinge = [(1 + -label * score).relu() for label, score in zip(y, scores)]
        data_loss = sum(hinge) * (1.0 / len(hinge))
        total = data_loss + ALPHA * sum(p * p for p in model.parameters())
        model.zero_grad()
        total.backward()
        rate = 1.0 - 0.9 * k / SCHEDULE_STEPS
        for parameter in model.parameters():
            parameter.data -= rate * parameter.grad
    seconds = time.perf_counter() - began
    correct = sum((model([Value(a) for a in row]).data > 0) == (label > 0)
                  for row, label in zip(X, y))
    return seconds, total.data, correct / len(y)


def timed(train: Callable[..., Any], *args: Any) -> Any:
    gc.collect()
    return train(*args)


def main(argv: list[str] | None = None) -> None:
    """Run the workload on both engines and print the comparison."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_nn",
                                     description="nn vs micrograd on micrograd's demo")
    parser.add_argument("--steps", type=int, default=100, help="SGD steps (default 100)")
    steps = parser.parse_args(argv if argv is not None else []).steps
    if steps < 1:
        parser.error("--steps must be at least 1")

    X, y = workload_data()
    start = [p.data for p in nn.MLP(2, SIZES, seed=0).parameters()]
    print(f"nn benchmark: micrograd's demo, 100 moons points, MLP(2 -> 16 relu -> 16 relu -> 1),"
          f" hinge + {ALPHA:g} L2, {steps} full-batch SGD steps, same data and start weights")
    ours = timed(train_chainrule, X, y, steps, start)
    theirs = timed(train_micrograd, X, y, steps, start)

    print(f"{'engine':<18}{'s/step':>10}{'steps/s':>10}{'final loss':>13}{'accuracy':>10}")
    rows = [("chainrule nn", ours)] + ([("micrograd 0.1.0", theirs)] if theirs else [])
    for name, (seconds, loss, accuracy) in rows:
        print(f"{name:<18}{seconds / steps:>10.4f}{steps / seconds:>10.2f}{loss:>13.5f}"
              f"{accuracy:>10.0%}")
    if theirs is None:
        print("micrograd: not installed (pip install micrograd==0.1.0, the bench extra)")
    else:
        print(f"chainrule nn is {theirs[0] / ours[0]:.1f}x faster per step than micrograd")


if __name__ == "__main__":
    import sys
    main(sys.argv[1:])

"""Fresh-graph benchmark: the case users write, at 60 and at 150 samples.

One step: build a graph from plain float inputs (the forward pass of
MLP(2, [16, 16, 1]), relu hidden layers and a linear output, on every sample,
then the mean squared error against the -1/+1 labels), zero the grads, run
backward, drop the graph. Each library writes it its own way (engines.Model):
chainrule with nn.MLP and nn.losses (public API only), micrograd 0.1.0 with its
own MLP (it wraps the floats in Values itself), PyTorch with 0-dim float64
tensors that require grad. Same moons points (noise 0.1, seed 1337) and same
start weights everywhere, so every engine computes the same loss (printed).

How it is fair:
- CPU time (time.process_time), so other programs on the machine disturb it little;
- the engines take turns, one step each, in an order that rotates every repeat;
  the ratio is taken per repeat (steps of one round ran under the same load),
  its median is held against the floor, and min / max show the noise;
- each step ends with gc.collect(), timed with it: every engine pays for
  collecting its own garbage (micrograd's nodes are reference cycles, which only
  the collector frees) and for nobody else's;
- what exists before timing (modules, models, PyTorch's ~170k objects) is moved
  out of the collector's sight with gc.freeze(), so a collection visits what the
  engines build, not what importing PyTorch added.
Memory: the peak of Python allocations (tracemalloc) while one graph is built
(forward and loss, before backward). PyTorch allocates in C++, where
tracemalloc cannot see, so its memory is not compared.
"""

from __future__ import annotations

import gc
import statistics
import time
import tracemalloc
from typing import NamedTuple, Sequence

import nn
from autograd import topological_order

from .engines import Model, chainrule_mlp, micrograd_mlp, torch_mlp
from .report import count_option, line, spread, verdict

NIN, SIZES = 2, (16, 16, 1)
SAMPLE_COUNTS = (60, 150)
# Issue 9's floors: how many times faster per graph (by sample count; none at 150 samples
# against micrograd) and how many times less memory per graph. PyTorch's memory is not
# compared (it allocates in C++, out of tracemalloc's sight).
RIVALS = (
    (micrograd_mlp, {60: 6.0}, 4.0,
     "micrograd not installed (pip install micrograd==0.1.0: the bench extra): skipped"),
    (torch_mlp, {60: 5.0, 150: 5.0}, None,
     "PyTorch not installed or not loadable (pip install torch==2.13.0): skipped"),
)

Data = tuple[list[list[float]], list[float]]


def workload(samples: int) -> Data:
    """`samples` moons points (rows of 2 floats) and their -1/+1 labels as floats."""
    X, y = nn.datasets.moons(samples, noise=0.1, seed=1337, signed=True)
    return X, [float(label) for label in y]


class Rival(NamedTuple):
    """Another engine's Model and the floors chainrule must reach against it."""

    model: Model
    time_floors: dict[int, float]
    memory_floor: float | None  # None: memory not compared


def make_models() -> tuple[Model, list[Rival]]:
    """chainrule and every other installed engine, all with the same start weights."""
    start = [p.data for p in nn.MLP(NIN, list(SIZES), seed=0).parameters()]
    rivals = []
    for make, time_floors, memory_floor, missing in RIVALS:
        model = make(NIN, SIZES, start)
        if model is None:
            print(f"  {missing}")
        else:
            rivals.append(Rival(model, time_floors, memory_floor))
    return chainrule_mlp(NIN, SIZES, start), rivals


def step(model: Model, data: Data, garbage_timed: bool = True) -> float:
    """CPU seconds for one fresh graph: forward, loss, backward, its garbage collected.

    With garbage_timed=False the collection happens after the clock stops (a
    control: what the engine costs when its garbage is someone else's problem).
    """
    began = time.process_time()
    root = model.loss(*data)
    model.backward(root)
    del root
    if garbage_timed:
        gc.collect()
    seconds = time.process_time() - began
    gc.collect()
    return seconds


def time_steps(models: list[Model], data: Data, repeats: int,
               garbage_timed: bool = True) -> dict[str, list[float]]:
    """Per engine, the seconds of each repeat; the engines take turns."""
    seconds: dict[str, list[float]] = {model.name: [] for model in models}
    for repeat in range(repeats):
        shift = repeat % len(models)
        for model in models[shift:] + models[:shift]:
            seconds[model.name].append(step(model, data, garbage_timed))
    return seconds


def ratios(seconds: dict[str, list[float]], theirs: str, ours: str) -> list[float]:
    """Their time over ours, repeat by repeat (paired: one round, one machine load)."""
    return [a / b for a, b in zip(seconds[theirs], seconds[ours])]


def graph_memory(model: Model, data: Data) -> int:
    """Peak bytes of Python allocations while one graph (forward + loss) is built."""
    gc.collect()
    tracemalloc.start()
    try:
        root = model.loss(*data)
        peak = tracemalloc.get_traced_memory()[1]
        del root
    finally:
        tracemalloc.stop()
    gc.collect()
    return peak


def report_size(ours: Model, rivals: list[Rival], samples: int, repeats: int) -> None:
    """Print, for one sample count: the losses, each time ratio with its noise, floor and
    control, and the memory ratio; chainrule is `ours`, the engines it is compared with
    are `rivals`."""
    data = workload(samples)
    root = ours.loss(*data)
    loss, nodes = ours.data(root), len(topological_order(root))
    del root
    others = {rival.model.name: rival.model.data(rival.model.loss(*data)) for rival in rivals}
    same = all(abs(other - loss) <= 1e-9 * max(1.0, abs(loss)) for other in others.values())
    print(f"\n{samples} samples: chainrule's graph has {nodes:,} nodes; loss {loss:.6f}, "
          + ("the same on every engine" if same else f"DIFFERENT on other engines: {others}"))
    gc.collect()  # the other engines' graphs just built, before anything is timed

    models = [ours] + [rival.model for rival in rivals]
    seconds = time_steps(models, data, repeats)
    line(ours.name, f"{statistics.median(seconds[ours.name]) * 1e3:,.1f} ms/graph")
    control = time_steps(models, data, repeats, garbage_timed=False)
    for rival in rivals:
        name = rival.model.name
        paired = ratios(seconds, name, ours.name)
        ratio = statistics.median(paired)
        line(name, f"{statistics.median(seconds[name]) * 1e3:,.1f} ms/graph",
             f"chainrule {ratio:.1f}x faster {verdict(ratio, rival.time_floors.get(samples))}")
        line("", "", f"noise of the ratio: {spread(paired)}")
        line("", "", f"control, garbage collected off the clock: "
                     f"{statistics.median(ratios(control, name, ours.name)):.1f}x")

    mine = graph_memory(ours, data)
    line(f"{ours.name}, memory", f"{mine / 1e6:,.2f} MB/graph", "tracemalloc peak while building")
    for rival in rivals:
        if rival.memory_floor is not None:
            theirs = graph_memory(rival.model, data)
            line(f"{rival.model.name}, memory", f"{theirs / 1e6:,.2f} MB/graph",
                 f"chainrule uses {theirs / mine:.1f}x less "
                 + verdict(theirs / mine, rival.memory_floor))


def main(argv: Sequence[str] | None = None) -> None:
    """Time every installed engine at each sample count and print the ratios."""
    repeats = count_option(argv, "benchmarks.bench_fresh", "a fresh MLP graph from float inputs",
                           "--repeats", 9, "timed steps per engine and sample count")
    print(f"Fresh-graph benchmark: MLP({NIN} -> 16 relu -> 16 relu -> 1), mean squared error,"
          f" a graph built from float inputs, then backward; CPU time, median of {repeats}"
          f" repeats, engines taking turns")
    ours, rivals = make_models()
    warm = workload(SAMPLE_COUNTS[0])
    for model in [ours] + [rival.model for rival in rivals]:
        step(model, warm)  # first calls load lazy imports and fill caches, untimed
    gc.collect()
    gc.freeze()
    try:
        for samples in SAMPLE_COUNTS:
            report_size(ours, rivals, samples, repeats)
    finally:
        gc.unfreeze()


if __name__ == "__main__":
    import sys
    main(sys.argv[1:])

"""Engine benchmark: the same scalar programs on every installed engine.

1. a training step (build the graph, backward, drop it) on an MLP-shaped graph
   of about 100k nodes: weights times inputs, sums, relu, squared error;
2. peak memory per node while that graph exists (tracemalloc: Python objects);
3. a chain of 10^4 and 10^6 operations, where the cost per node must stay flat.

How it is fair: every engine computes exactly the same graph (engines.py); CPU
time (time.process_time) is measured, so other programs disturb it little; the
engines run in alternating blocks in one process, with gc.collect() (untimed)
between blocks, so each engine pays for its own garbage and nobody else's.
"Steady state" is the median over consecutive steps of a block, the way a
training loop runs; "first graph" is a step right after gc.collect().
PyTorch is imported only for part 4, after the pure-Python comparison, because
importing it adds some 170k objects that every later garbage collection visits.
"""

from __future__ import annotations

import gc
import random
import statistics
import time
import tracemalloc
from typing import Any

from .engines import Engine, chainrule, micrograd, torch_scalars
from .report import line, spread, verdict

SIZES = (2, 16, 16, 1)
SAMPLES = 150


def make_parameters(engine: Engine, seed: int = 0) -> list[list[tuple[list[Any], Any]]]:
    rng = random.Random(seed)
    return [[([engine.parameter(rng.uniform(-1, 1)) for _ in range(n_in)], engine.parameter(0.0))
             for _ in range(n_out)]
            for n_in, n_out in zip(SIZES, SIZES[1:])]


def make_samples(seed: int = 1) -> list[tuple[list[float], float]]:
    rng = random.Random(seed)
    return [([rng.uniform(-1, 1) for _ in range(SIZES[0])], rng.uniform(-1, 1))
            for _ in range(SAMPLES)]


def mlp_loss(engine: Engine, parameters: list, samples: list) -> Any:
    """Sum over samples of (mlp(x) - y)^2, written with binary operations only."""
    loss = engine.leaf(0.0)
    last = len(parameters) - 1
    for inputs, target in samples:
        activations = [engine.leaf(x) for x in inputs]
        for depth, layer in enumerate(parameters):
            outputs = []
            for weights, bias in layer:
                total = bias
                for w, a in zip(weights, activations):
                    total = total + w * a
                outputs.append(engine.relu(total) if depth < last else total)
            activations = outputs
        error = activations[0] - engine.leaf(target)
        loss = loss + error * error
    return loss


def mlp_node_count() -> int:
    """Nodes in the graph mlp_loss builds (counted on chainrule's graph)."""
    from autograd import topological_order
    engine = chainrule()
    return len(topological_order(mlp_loss(engine, make_parameters(engine), make_samples())))


def _training_step(engine: Engine, parameters: list, samples: list) -> float:
    start = time.process_time()
    loss = mlp_loss(engine, parameters, samples)
    engine.backward(loss)
    del loss
    return time.process_time() - start


def time_training_steps(engines: list[Engine], blocks: int,
                        steps: int) -> dict[str, list[list[float]]]:
    """Per engine, per block, the seconds of each step; the engines take turns by block."""
    samples = make_samples()
    parameters = {engine.name: make_parameters(engine) for engine in engines}
    seconds: dict[str, list[list[float]]] = {engine.name: [] for engine in engines}
    for _ in range(blocks):
        for engine in engines:
            gc.collect()
            seconds[engine.name].append(
                [_training_step(engine, parameters[engine.name], samples) for _ in range(steps)])
    return seconds


def memory_per_node(engine: Engine) -> float:
    """Peak bytes per node of Python objects while the MLP graph is alive."""
    samples = make_samples()
    parameters = make_parameters(engine)
    gc.collect()
    tracemalloc.start()
    loss = mlp_loss(engine, parameters, samples)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    del loss
    gc.collect()
    return peak / mlp_node_count()


def chain(engine: Engine, length: int) -> float:
    """Seconds per node for forward + backward through a chain of mul and add."""
    scale, shift = engine.parameter(1.0000001), engine.parameter(0.5)
    gc.collect()
    start = time.process_time()
    x = engine.parameter(1.0)
    for _ in range(length // 2):
        x = x * scale
        x = x + shift
    engine.backward(x)
    elapsed = time.process_time() - start
    del x
    return elapsed / length


def _median(blocks: list[list[float]]) -> float:
    return statistics.median(t for block in blocks for t in block)


def compare_steps(ours: Engine, other: Engine, floor: float, blocks: int, steps: int) -> None:
    """Steady state: every step of every block; first graph: each block's first step."""
    nodes = mlp_node_count()
    result = time_training_steps([ours, other], blocks, steps)
    for label, count in (("steady state", steps), ("first graph", 1)):
        mine = [block[:count] for block in result[ours.name]]
        theirs = [block[:count] for block in result[other.name]]
        ratio = _median(theirs) / _median(mine)
        per_block = [statistics.median(t) / statistics.median(m) for t, m in zip(theirs, mine)]
        line(f"{ours.name}, {label}", f"{_median(mine) / nodes * 1e9:,.0f} ns/node")
        line(f"{other.name}, {label}", f"{_median(theirs) / nodes * 1e9:,.0f} ns/node",
             f"chainrule {ratio:.1f}x faster " + verdict(ratio, floor))
        line("", "", f"noise of the ratio: {spread(per_block, 'blocks')}")


def compare_chains(ours: Engine, others: list[Engine]) -> None:
    short = statistics.median(chain(ours, 10_000) for _ in range(7))
    long = chain(ours, 1_000_000)
    line(f"{ours.name}, 10^4", f"{short * 1e9:,.0f} ns/node")
    line(f"{ours.name}, 10^6", f"{long * 1e9:,.0f} ns/node",
         f"ratio {long / short:.2f} " + verdict(long / short, 1.5, higher_is_better=False))
    gc.disable()  # a control measurement only, restored at once
    try:
        short_paused = statistics.median(chain(ours, 10_000) for _ in range(7))
        long_paused = chain(ours, 1_000_000)
    finally:
        gc.enable()
    line("  same, cyclic GC paused (control)", f"{long_paused * 1e9:,.0f} ns/node",
         f"ratio {long_paused / short_paused:.2f}: what remains without the collector's "
         f"passes over 10^6 live nodes")
    for engine in others:
        try:
            line(f"{engine.name}, 10^4", f"{chain(engine, 10_000) * 1e9:,.0f} ns/node")
        except RecursionError:
            line(f"{engine.name}, 10^4", "fails", "RecursionError: its backward recurses")


def main(blocks: int = 3, steps: int = 3) -> None:
    ours, mg = chainrule(), micrograd()
    nodes = mlp_node_count()
    print(f"Engine benchmark: CPU time per node, CPython, one process")
    print(f"\n1. training step on an MLP-shaped graph ({nodes:,} nodes), "
          f"{blocks} blocks of {steps} steps")
    if mg is None:
        print("  micrograd not installed (pip install micrograd==0.1.0: the bench extra)")
    else:
        compare_steps(ours, mg, 8.0, blocks, steps)

    print("\n2. peak memory per node while the graph is alive (tracemalloc)")
    mine = memory_per_node(ours)
    line(ours.name, f"{mine:,.0f} B/node")
    if mg is not None:
        theirs = memory_per_node(mg)
        line(mg.name, f"{theirs:,.0f} B/node",
             f"chainrule uses {theirs / mine:.1f}x less " + verdict(theirs / mine, 4.0))

    print("\n3. a chain of operations: the cost per node must stay flat")
    compare_chains(ours, [mg] if mg is not None else [])

    print("\n4. the same training step against PyTorch scalars (0-dim float64 tensors)")
    torch_engine = torch_scalars()
    if torch_engine is None:
        print("  PyTorch not installed (pip install torch==2.13.0)")
        return
    compare_steps(ours, torch_engine, 5.0, blocks, steps)  # issue 9: 5x PyTorch scalars
    line("", "", "PyTorch's memory is not measured: tracemalloc cannot see C++ allocations")


if __name__ == "__main__":
    main()

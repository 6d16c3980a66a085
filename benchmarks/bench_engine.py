"""Engine benchmark: the same scalar programs on every installed engine.

1. forward + backward per node on an MLP-shaped graph of about 100k nodes
   (weights times inputs, sums, relu, squared error, summed over samples);
2. peak memory per node while that graph exists (tracemalloc: Python objects);
3. a chain of 10^4 and 10^6 operations, where the cost per node must stay flat.

Engines run alternately in one process and CPU time (time.process_time) is
measured, so other programs on the machine disturb the ratios little; before
each timed run the previous
graph is dropped and gc.collect() runs, so no engine pays for another's garbage.
"""

from __future__ import annotations

import gc
import random
import statistics
import time
import tracemalloc
from typing import Any

from .engines import Engine, available

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
    from autograd import Value, topological_order
    from .engines import chainrule
    engine = chainrule()
    root = mlp_loss(engine, make_parameters(engine), make_samples())
    assert isinstance(root, Value)
    return len(topological_order(root))


def time_forward_backward(engines: list[Engine], repeats: int) -> dict[str, float]:
    """Median seconds per node for forward + backward, engines alternating."""
    samples = make_samples()
    parameters = {engine.name: make_parameters(engine) for engine in engines}
    times: dict[str, list[float]] = {engine.name: [] for engine in engines}
    for _ in range(repeats):
        for engine in engines:
            gc.collect()
            start = time.process_time()
            loss = mlp_loss(engine, parameters[engine.name], samples)
            engine.backward(loss)
            times[engine.name].append(time.process_time() - start)
            del loss
    nodes = mlp_node_count()
    return {name: statistics.median(values) / nodes for name, values in times.items()}


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
    for i in range(length // 2):
        x = x * scale
        x = x + shift
    engine.backward(x)
    elapsed = time.process_time() - start
    del x
    return elapsed / length


def _line(name: str, value: str, note: str = "") -> None:
    print(f"  {name:<28} {value:>16}   {note}")


def _verdict(ratio: float, target: float, higher_is_better: bool = True) -> str:
    met = ratio >= target if higher_is_better else ratio <= target
    return f"target {'>=' if higher_is_better else '<='} {target:g}: {'met' if met else 'MISSED'}"


def main(repeats: int = 5) -> None:
    engines, missing = available()
    ours = engines[0]
    print(f"Engine benchmark ({len(engines)} engines; CPython, one process, alternating runs)")
    for note in missing:
        print(f"  skipped {note}")

    print(f"\n1. forward + backward on an MLP-shaped graph ({mlp_node_count():,} nodes), "
          f"median of {repeats}")
    per_node = time_forward_backward(engines, repeats)
    for engine in engines:
        ratio = per_node[engine.name] / per_node[ours.name]
        note = "" if engine is ours else f"chainrule is {ratio:.1f}x faster; " + _verdict(
            ratio, 8.0 if engine.name.startswith("micrograd") else 3.0)
        _line(engine.name, f"{per_node[engine.name] * 1e9:,.0f} ns/node", note)

    print("\n2. peak memory per node while the graph is alive (tracemalloc)")
    memory = {engine.name: memory_per_node(engine) for engine in engines
              if not engine.name.startswith("PyTorch")}
    for name, size in memory.items():
        ratio = size / memory[ours.name]
        note = "" if name == ours.name else f"chainrule uses {ratio:.1f}x less; " + _verdict(ratio, 4.0)
        _line(name, f"{size:,.0f} B/node", note)
    if any(engine.name.startswith("PyTorch") for engine in engines):
        _line("PyTorch", "not measured", "its tensors live in C++ memory tracemalloc cannot see")

    print("\n3. a chain of operations: seconds per node must stay flat")
    short = statistics.median(chain(ours, 10_000) for _ in range(5))
    long = chain(ours, 1_000_000)
    _line(f"{ours.name} 10^4", f"{short * 1e9:,.0f} ns/node")
    _line(f"{ours.name} 10^6", f"{long * 1e9:,.0f} ns/node",
          f"ratio {long / short:.2f}; " + _verdict(long / short, 1.5, higher_is_better=False))
    for engine in engines[1:]:
        try:
            _line(f"{engine.name} 10^4", f"{chain(engine, 10_000) * 1e9:,.0f} ns/node")
        except RecursionError:
            _line(f"{engine.name} 10^4", "fails", "RecursionError: its backward recurses")

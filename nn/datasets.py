"""Small 2-D datasets for classification, in pure Python, seeded.

Every generator returns (X, y): X a list of [x0, x1] rows, y a list of int
labels. Binary sets use labels 0/1, or -1/+1 with `signed=True` (the hinge
loss convention; the losses in nn.losses accept either). Multiclass sets
(blobs, spiral) use 0, 1, ..., classes - 1. `noise` is the standard
deviation of Gaussian noise added to each coordinate (at most MAX_NOISE, 1e6,
so every number stays finite); the same seed gives the
same data. Helpers: standardize, normalize, train_validation_split.
"""

from __future__ import annotations

import math
import random
from typing import Any, Sequence

from autograd.checks import count, real

Dataset = tuple[list[list[float]], list[int]]
MAX_NOISE = 1e6  # far past pure noise (the points lie within about 10); a larger one
# can draw an infinite coordinate or angle (gauss(0, 1e308) overflows)


def moons(n: int = 100, noise: float = 0.1, seed: int = 0, signed: bool = False) -> Dataset:
    """Two interleaving half circles: the upper one is class 0, the lower class 1."""
    rng = _start("moons", n, noise, seed)
    upper, lower = n - n // 2, n // 2
    points = []
    for i in range(upper):
        angle = math.pi * i / max(upper - 1, 1)
        points.append(([math.cos(angle), math.sin(angle)], 0))
    for i in range(lower):
        angle = math.pi * i / max(lower - 1, 1)
        points.append(([1.0 - math.cos(angle), 0.5 - math.sin(angle)], 1))
    return _finish(points, rng, noise, signed)


def circles(n: int = 100, noise: float = 0.05, seed: int = 0, factor: float = 0.5,
            signed: bool = False) -> Dataset:
    """A ring of radius 1 (class 0) around a ring of radius `factor` (class 1)."""
    rng = _start("circles", n, noise, seed)
    factor = real("circles", "factor", factor, low=0, high=1, low_open=True, high_open=True)
    outer, inner = n - n // 2, n // 2
    points = []
    for size, radius, label in ((outer, 1.0, 0), (inner, factor, 1)):
        for i in range(size):
            angle = 2.0 * math.pi * i / size
            points.append(([radius * math.cos(angle), radius * math.sin(angle)], label))
    return _finish(points, rng, noise, signed)


def xor(n: int = 4, noise: float = 0.0, seed: int = 0, signed: bool = False) -> Dataset:
    """XOR of two bits: 1 when exactly one input is 1. n=4, noise=0 is the truth table."""
    return _gate("xor", lambda a, b: a != b, n, noise, seed, signed)


def and_gate(n: int = 4, noise: float = 0.0, seed: int = 0, signed: bool = False) -> Dataset:
    """AND of two bits: 1 only for (1, 1). n=4, noise=0 is the truth table."""
    return _gate("and_gate", lambda a, b: a and b, n, noise, seed, signed)


def or_gate(n: int = 4, noise: float = 0.0, seed: int = 0, signed: bool = False) -> Dataset:
    """OR of two bits: 1 unless both are 0. n=4, noise=0 is the truth table."""
    return _gate("or_gate", lambda a, b: a or b, n, noise, seed, signed)


def blobs(n: int = 100, classes: int = 3, noise: float = 0.5, seed: int = 0) -> Dataset:
    """Gaussian clouds around `classes` centres evenly spaced on a circle of radius 3."""
    rng = _start("blobs", n, noise, seed)
    count("blobs", "classes", classes, minimum=2)
    points = []
    for i in range(n):
        label = i % classes
        angle = 2.0 * math.pi * label / classes
        points.append(([3.0 * math.cos(angle), 3.0 * math.sin(angle)], label))
    return _finish(points, rng, noise, False)


def spiral(n: int = 100, classes: int = 3, noise: float = 0.2, seed: int = 0) -> Dataset:
    """Interleaved spiral arms, one per class (radius 0 to 1, a turn and a bit each).

    The noise is added to the angle (in radians), so the arms stay spirals.
    """
    rng = _start("spiral", n, noise, seed)
    count("spiral", "classes", classes, minimum=2)
    points = []
    for i in range(n):
        label = i % classes
        step = (i // classes) / max((n - 1) // classes, 1)
        radius = step
        angle = 4.0 * (label + step) + rng.gauss(0.0, noise)
        points.append(([radius * math.sin(angle), radius * math.cos(angle)], label))
    return _finish(points, rng, 0.0, False)


def will_i_pass(n: int = 100, noise: float = 1.0, seed: int = 0, signed: bool = False) -> Dataset:
    """'Will I pass the class?': [hours studied (0-10), hours slept (4-10)] -> passed (1) or not.

    A student passes when 0.6 * studied + 0.4 * slept + noise > 5, so both
    features matter and the classes overlap a little when noise > 0.
    """
    rng = _start("will_i_pass", n, noise, seed)
    points = []
    for _ in range(n):
        studied, slept = round(rng.uniform(0.0, 10.0), 1), round(rng.uniform(4.0, 10.0), 1)
        score = 0.6 * studied + 0.4 * slept + rng.gauss(0.0, noise)
        points.append(([studied, slept], int(score > 5.0)))
    return _finish(points, rng, 0.0, signed)


# --- preparing data -----------------------------------------------------------------


def standardize(X: Sequence[Sequence[float]],
                reference: Sequence[Sequence[float]] | None = None) -> list[list[float]]:
    """Each column shifted to mean 0 and scaled to standard deviation 1.

    The mean and deviation come from `reference` (default: X itself); pass
    the training set as reference to scale validation data the same way.
    """
    columns = _columns(X if reference is None else reference, "standardize")
    stats = []
    for column in columns:
        mean = sum(column) / len(column)
        std = math.sqrt(sum((x - mean) ** 2 for x in column) / len(column))
        stats.append((mean, std if std > 0.0 else 1.0))  # a constant column stays 0
    rows = _rows(X, stats, "standardize")
    return [[(x - mean) / std for x, (mean, std) in zip(row, stats)] for row in rows]


def normalize(X: Sequence[Sequence[float]],
              reference: Sequence[Sequence[float]] | None = None) -> list[list[float]]:
    """Each column mapped linearly so that the reference's min is 0 and max is 1."""
    columns = _columns(X if reference is None else reference, "normalize")
    stats = []
    for column in columns:
        low, high = min(column), max(column)
        stats.append((low, high - low if high > low else 1.0))
    rows = _rows(X, stats, "normalize")
    return [[(x - low) / width for x, (low, width) in zip(row, stats)] for row in rows]


def train_validation_split(X: Sequence[Any], y: Sequence[Any], validation: float = 0.2,
                           seed: int = 0) -> tuple[list[Any], list[Any], list[Any], list[Any]]:
    """(X_train, y_train, X_val, y_val): a shuffled share `validation` held out."""
    if len(X) != len(y):
        raise ValueError(f"train_validation_split: X has {len(X)} rows but y has {len(y)} labels")
    validation = real("train_validation_split", "validation", validation, low=0, high=1,
                      low_open=True, high_open=True, example="0.2")
    order = list(range(len(X)))
    random.Random(seed).shuffle(order)
    held_out = round(len(X) * validation)
    if held_out == 0 or held_out == len(X):
        raise ValueError(f"train_validation_split: {len(X)} rows with validation={validation} "
                         f"leave one side empty; use more data or another share")
    val, train = order[:held_out], order[held_out:]
    return ([list(X[i]) for i in train], [y[i] for i in train],
            [list(X[i]) for i in val], [y[i] for i in val])


# --- shared steps ----------------------------------------------------------------------


def _start(name: str, n: int, noise: float, seed: int) -> random.Random:
    count(name, "n", n, minimum=1)
    real(name, "noise", noise, low=0, high=MAX_NOISE)
    return random.Random(seed)


def _finish(points: list[tuple[list[float], int]], rng: random.Random, noise: float,
            signed: bool) -> Dataset:
    """Add noise, shuffle, and split into (X, y)."""
    if noise:
        points = [([x + rng.gauss(0.0, noise) for x in row], label) for row, label in points]
    rng.shuffle(points)
    X = [row for row, _ in points]
    y = [2 * label - 1 if signed else label for _, label in points]
    return X, y


def _gate(name: str, rule: Any, n: int, noise: float, seed: int, signed: bool) -> Dataset:
    rng = _start(name, n, noise, seed)
    corners = [(0, 0), (0, 1), (1, 0), (1, 1)]
    points = [([float(a), float(b)], int(bool(rule(a, b))))
              for a, b in (corners[i % 4] for i in range(n))]
    if n == 4 and not noise:
        X = [row for row, _ in points]  # the truth table, in its usual order
        return X, [2 * label - 1 if signed else label for _, label in points]
    return _finish(points, rng, noise, signed)


def _columns(X: Sequence[Sequence[float]], where: str) -> list[list[float]]:
    rows = _finite_rows(X, where)
    if not rows or not rows[0] or any(len(row) != len(rows[0]) for row in rows):
        raise ValueError(f"{where}: expected a non-empty list of rows of equal length")
    return [list(column) for column in zip(*rows)]


def _rows(X: Sequence[Sequence[float]], stats: list[Any], where: str) -> list[list[float]]:
    rows = _finite_rows(X, where)
    if any(len(row) != len(stats) for row in rows):
        raise ValueError(f"{where}: expected rows of {len(stats)} numbers, like the reference")
    return rows


def _finite_rows(X: Sequence[Sequence[float]], where: str) -> list[list[float]]:
    """X as a list of lists, after checking every entry is a finite number."""
    rows = [list(row) for row in X]
    for row_index, row in enumerate(rows):
        for column, x in enumerate(row):
            real(where, f"X[{row_index}][{column}]", x)
    return rows

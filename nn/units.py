"""Activations with parameters of their own: PReLU and Maxout.

An activation named in a Layer ("relu", "leaky_relu(0.1)") has fixed numbers.
These two learn theirs, so they are modules with parameters:

    PReLU   x if x > 0 else a x, the slope a learned (He et al. 2015,
            "Delving Deep into Rectifiers"; torch.nn.PReLU, a starts at 0.25)
    Maxout  each unit is the largest of k linear pieces w_j . x + b_j
            (Goodfellow et al. 2013; CS231n, "Activation functions":
            max(w1^T x + b1, w2^T x + b2))

Compose them by hand: `prelu(layer(x))`, and train `layer.parameters() +
prelu.parameters()`.
"""

from __future__ import annotations

import functools
from typing import Any, Sequence

from autograd import Value, maximum, ops, prelu
from autograd.checks import count, is_finite_real

from .init import Init, Seed, check_init, make_rng
from .layers import Neuron
from .module import Module, as_input_floats, as_input_values


class PReLU(Module):
    """x if x > 0 else slope * x for each input, with one learnable `slope`
    (a parameter Value, in parameters()) shared by every input, as
    torch.nn.PReLU() with its default num_parameters=1.

    Calling it on a list of n Values (or numbers) returns a list of n Values,
    one autograd.prelu node each with inputs (x, slope) (a number x is a
    constant of its node): after backward, slope.grad is the sum over the
    inputs of dL/dy * (0 if x > 0 else x).
    Raises ValueError for a slope that is not a finite number.
    """

    _fields = ("slope",)

    def __init__(self, init: float = 0.25) -> None:
        if not is_finite_real(init):
            raise ValueError(f"PReLU: the initial slope must be a finite number such as 0.25, "
                             f"got {init!r:.40}")
        self.slope = Value(float(init))
        self._label_parameters()

    def __call__(self, values: Sequence[Any]) -> list[Value]:
        return [prelu(x, self.slope) for x in as_input_values(values, len(values), self)]

    def predict(self, values: Sequence[Any]) -> list[float]:
        """The same numbers as floats, without building a graph."""
        a = self.slope.data
        return [ops.prelu(x, a)[0] for x in as_input_floats(values, len(values), self)]

    def __repr__(self) -> str:
        return f"PReLU(slope={self.slope.data:g})"


class Maxout(Module):
    """`nout` maxout units on `nin` inputs, each the max of `k` linear pieces.

    Unit i computes max_j (w_ij . x + b_ij), j = 1..k; `pieces[i][j]` is the
    linear Neuron of piece j (so there are nout * k * (nin + 1) parameters).
    Backward routes a unit's gradient to the piece that won the max only (at a
    tie, half to each: the rule of autograd.maximum). Calling it returns a
    list of nout Values. Raises TypeError for sizes that are not whole numbers,
    ValueError for sizes < 1 or k < 2.
    """

    _fields = ("pieces",)

    def __init__(self, nin: int, nout: int, k: int = 2, init: Init = "uniform",
                 seed: Seed = None) -> None:
        for what, size, least in (("nin", nin, 1), ("nout", nout, 1), ("k", k, 2)):
            count("Maxout", what, size, minimum=least)
        check_init(init)
        rng = make_rng(seed)
        self.pieces = [[Neuron(nin, "linear", init, rng, fan_out=nout) for _ in range(k)]
                       for _ in range(nout)]
        self._label_parameters()

    @property
    def nin(self) -> int:
        return self.pieces[0][0].nin

    def __call__(self, inputs: Sequence[Any]) -> list[Value]:
        x = as_input_values(inputs, self.nin, self)
        return [functools.reduce(maximum, [piece._forward(x) for piece in unit])
                for unit in self.pieces]

    def predict(self, inputs: Sequence[Any]) -> list[float]:
        """The same numbers as floats, without building a graph."""
        x = as_input_floats(inputs, self.nin, self)
        return [max(piece.predict(x) for piece in unit) for unit in self.pieces]

    def __repr__(self) -> str:
        return f"Maxout({self.nin} -> {len(self.pieces)}, k={len(self.pieces[0])})"

"""Optimizers: how the gradient turns into a change of the parameters.

After loss.backward(), every parameter p holds dL/dp in p.grad; step() moves
each parameter a little against its gradient:

    SGD    p <- p - lr * g                      (g = p.grad + weight_decay * p)
           with momentum: v <- momentum * v + g,  p <- p - lr * v
    Adam   m <- b1 m + (1 - b1) g,  v <- b2 v + (1 - b2) g^2,
           p <- p - lr * m_hat / (sqrt(v_hat) + eps)   (hats: bias-corrected)

The learning rate is a number or a schedule: a function of the step number
(0, 1, 2, ...), such as linear_decay(1.0, 0.1, 100). zero_grad() clears the
grads, which otherwise add up across backward calls.
"""

from __future__ import annotations

import math
from typing import Any, Callable, Iterable

from autograd import Value
from autograd.checks import is_finite_real

from .module import Module

Schedule = Callable[[int], float]


def linear_decay(start: float, end: float, steps: int) -> Schedule:
    """A schedule going in a straight line from `start` (step 0) to `end` (step `steps`)."""
    _check_rate(start, "linear_decay: start")
    _check_rate(end, "linear_decay: end")
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 1:
        raise ValueError(f"linear_decay: steps must be a positive int, got {steps!r}")

    def rate(step: int) -> float:
        return start + (end - start) * min(step, steps) / steps

    return rate


class Optimizer:
    """Holds the parameters and the learning rate; subclasses define the update."""

    def __init__(self, parameters: Module | Iterable[Value], lr: float | Schedule) -> None:
        if isinstance(parameters, Module):
            parameters = parameters.parameters()
        self.parameters = list(parameters)
        if not self.parameters or not all(isinstance(p, Value) and p.is_leaf
                                          for p in self.parameters):
            raise ValueError(f"{type(self).__name__}: expected a model or a non-empty list of "
                             f"leaf Values (parameters), got {self.parameters[:3]!r}")
        if not callable(lr):
            _check_rate(lr, f"{type(self).__name__}: lr")
        self.lr = lr
        self.steps = 0  # how many times step() has run

    def current_lr(self) -> float:
        """The learning rate the next step() will use."""
        if not callable(self.lr):
            return float(self.lr)
        return _check_rate(self.lr(self.steps),
                           f"{type(self).__name__}: the lr schedule at step {self.steps}")

    def zero_grad(self) -> None:
        """Set every parameter's grad to 0."""
        for p in self.parameters:
            p.zero_grad()

    def step(self) -> None:
        """Update every parameter once, or, if any result is not finite, none."""
        new_data = self._updates(self.current_lr())
        for p, data in zip(self.parameters, new_data):
            if not math.isfinite(data):
                raise ValueError(f"{type(self).__name__}.step: {p.label or 'a parameter'} would "
                                 f"become {data}; no parameter was changed; lower the learning "
                                 f"rate or rescale the loss")
        self._commit()
        for p, data in zip(self.parameters, new_data):
            p.data = data
        self.steps += 1

    def _updates(self, lr: float) -> list[float]:
        """The new value of every parameter (state changes wait for _commit)."""
        raise NotImplementedError

    def _commit(self) -> None:
        """Keep the state computed by the last _updates (momentum, moments)."""


class SGD(Optimizer):
    """Stochastic gradient descent, with optional momentum and weight decay."""

    def __init__(self, parameters: Module | Iterable[Value], lr: float | Schedule = 0.1,
                 momentum: float = 0.0, weight_decay: float = 0.0) -> None:
        super().__init__(parameters, lr)
        self.momentum = _check_fraction(momentum, "SGD: momentum")
        self.weight_decay = _check_nonnegative(weight_decay, "SGD: weight_decay")
        self.velocity = [0.0] * len(self.parameters)
        self._next_velocity: list[float] = []

    def _updates(self, lr: float) -> list[float]:
        grads = [p.grad + self.weight_decay * p.data for p in self.parameters]
        if self.momentum:
            grads = [self.momentum * v + g for v, g in zip(self.velocity, grads)]
        self._next_velocity = grads
        return [p.data - lr * g for p, g in zip(self.parameters, grads)]

    def _commit(self) -> None:
        if self.momentum:
            self.velocity = self._next_velocity


class Adam(Optimizer):
    """Adam: per-parameter steps from running means of the gradient and its square."""

    def __init__(self, parameters: Module | Iterable[Value], lr: float | Schedule = 0.001,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
                 weight_decay: float = 0.0) -> None:
        super().__init__(parameters, lr)
        if not isinstance(betas, (tuple, list)) or len(betas) != 2:
            raise ValueError(f"Adam: betas must be a pair of numbers in [0, 1), got {betas!r}")
        self.beta1 = _check_fraction(betas[0], "Adam: betas[0]")
        self.beta2 = _check_fraction(betas[1], "Adam: betas[1]")
        self.eps = _check_rate(eps, "Adam: eps")
        self.weight_decay = _check_nonnegative(weight_decay, "Adam: weight_decay")
        self.mean = [0.0] * len(self.parameters)
        self.mean_square = [0.0] * len(self.parameters)
        self._next: tuple[list[float], list[float]] = ([], [])

    def _updates(self, lr: float) -> list[float]:
        b1, b2, t = self.beta1, self.beta2, self.steps + 1
        grads = [p.grad + self.weight_decay * p.data for p in self.parameters]
        mean = [b1 * m + (1.0 - b1) * g for m, g in zip(self.mean, grads)]
        mean_square = [b2 * v + (1.0 - b2) * g * g for v, g in zip(self.mean_square, grads)]
        self._next = (mean, mean_square)
        # The running means start at 0; dividing by 1 - b^t removes that bias.
        correct1, correct2 = 1.0 - b1 ** t, 1.0 - b2 ** t
        return [p.data - lr * (m / correct1) / (math.sqrt(v / correct2) + self.eps)
                for p, m, v in zip(self.parameters, mean, mean_square)]

    def _commit(self) -> None:
        self.mean, self.mean_square = self._next


def _check_number(x: Any, where: str) -> float:
    if not is_finite_real(x):
        raise ValueError(f"{where} must be a finite number, got {x!r}")
    return float(x)


def _check_rate(x: Any, where: str) -> float:
    x = _check_number(x, where)
    if x <= 0.0:
        raise ValueError(f"{where} must be a positive number such as 0.1, got {x!r}")
    return x


def _check_nonnegative(x: Any, where: str) -> float:
    x = _check_number(x, where)
    if x < 0.0:
        raise ValueError(f"{where} must be 0 or more, got {x!r}")
    return x


def _check_fraction(x: Any, where: str) -> float:
    x = _check_number(x, where)
    if not 0.0 <= x < 1.0:
        raise ValueError(f"{where} must be in [0, 1), got {x!r}")
    return x

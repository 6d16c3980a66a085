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
from typing import Any, Callable, Iterable, Iterator

from autograd import Value
from autograd.checks import count, instance, message, real, sequence
from autograd.interrupts import deferred_interrupts

from .module import Module

Schedule = Callable[[int], float]


def linear_decay(start: float, end: float, steps: int) -> Schedule:
    """A schedule going in a straight line from `start` (step 0) to `end` (step `steps`)."""
    start = learning_rate("linear_decay", "start", start)
    end = learning_rate("linear_decay", "end", end)
    count("linear_decay", "steps", steps, minimum=1)

    def rate(step: int) -> float:
        return start + (end - start) * min(step, steps) / steps

    return rate


class Optimizer:
    """Holds the parameters and the learning rate; subclasses define the update."""

    def __init__(self, parameters: Module | Iterable[Value], lr: float | Schedule) -> None:
        where, wanted = type(self).__name__, "a model or a list of its parameters (leaf Values)"
        if isinstance(parameters, Module):
            parameters = parameters.parameters()
        elif isinstance(parameters, Iterator):  # e.g. a generator, read once
            parameters = list(parameters)
        self.parameters = sequence(where, "parameters", parameters, of="leaf Values", minimum=1)
        for index, p in enumerate(self.parameters):
            if not instance(where, f"parameters[{index}]", p, Value, wanted).is_leaf:
                raise ValueError(message(where, f"parameters[{index}]", p,
                                         "computed from others, not a leaf", wanted))
        self.lr = lr if callable(lr) else learning_rate(where, "lr", lr)
        self.steps = 0  # how many times step() has run

    def current_lr(self) -> float:
        """The learning rate the next step() will use."""
        if not callable(self.lr):
            return float(self.lr)
        return learning_rate(type(self).__name__, f"lr(step={self.steps})",
                             self.lr(self.steps))

    def zero_grad(self) -> None:
        """Set every parameter's grad to 0."""
        for p in self.parameters:
            p.zero_grad()

    def step(self) -> None:
        """Update every parameter once, all or nothing.

        First every new number is computed (parameters and the optimizer's
        state) without changing anything; a result that is not finite raises
        OverflowError and changes nothing. Then the commit, plain assignments that
        cannot fail, runs with Ctrl-C deferred (autograd.interrupts), so a
        KeyboardInterrupt comes before the step (nothing changed) or after it
        (everything changed), never in the middle.
        """
        new_data, new_state = self._updates(self.current_lr())
        for p, data in zip(self.parameters, new_data):
            if not math.isfinite(data):
                raise OverflowError(f"{type(self).__name__}.step: {p.label or 'a parameter'} would "
                                 f"become {data}; no parameter was changed; lower the learning "
                                 f"rate or rescale the loss")
        with deferred_interrupts():
            for p, data in zip(self.parameters, new_data):
                p.data = data
            for name, value in new_state.items():
                setattr(self, name, value)
            self.steps += 1

    def _updates(self, lr: float) -> tuple[list[float], dict[str, list[float]]]:
        """The new value of every parameter and of the state (attribute name -> new list).

        Changes nothing: step() assigns both at once.
        """
        raise NotImplementedError


class SGD(Optimizer):
    """Stochastic gradient descent, with optional momentum and weight decay."""

    def __init__(self, parameters: Module | Iterable[Value], lr: float | Schedule = 0.1,
                 momentum: float = 0.0, weight_decay: float = 0.0) -> None:
        super().__init__(parameters, lr)
        self.momentum = real("SGD", "momentum", momentum, low=0, high=1, high_open=True)
        self.weight_decay = real("SGD", "weight_decay", weight_decay, low=0)
        self.velocity = [0.0] * len(self.parameters)

    def _updates(self, lr: float) -> tuple[list[float], dict[str, list[float]]]:
        grads = [p.grad + self.weight_decay * p.data for p in self.parameters]
        if not self.momentum:
            return [p.data - lr * g for p, g in zip(self.parameters, grads)], {}
        velocity = [self.momentum * v + g for v, g in zip(self.velocity, grads)]
        return ([p.data - lr * v for p, v in zip(self.parameters, velocity)],
                {"velocity": velocity})


class Adam(Optimizer):
    """Adam: per-parameter steps from running means of the gradient and its square."""

    def __init__(self, parameters: Module | Iterable[Value], lr: float | Schedule = 0.001,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
                 weight_decay: float = 0.0) -> None:
        super().__init__(parameters, lr)
        self.beta1, self.beta2 = (
            real("Adam", f"betas[{index}]", beta, low=0, high=1, high_open=True)
            for index, beta in enumerate(sequence("Adam", "betas", betas, length=2)))
        self.eps = real("Adam", "eps", eps, low=0, low_open=True)
        self.weight_decay = real("Adam", "weight_decay", weight_decay, low=0)
        self.mean = [0.0] * len(self.parameters)
        self.mean_square = [0.0] * len(self.parameters)

    def _updates(self, lr: float) -> tuple[list[float], dict[str, list[float]]]:
        b1, b2, t = self.beta1, self.beta2, self.steps + 1
        grads = [p.grad + self.weight_decay * p.data for p in self.parameters]
        mean = [b1 * m + (1.0 - b1) * g for m, g in zip(self.mean, grads)]
        mean_square = [b2 * v + (1.0 - b2) * g * g for v, g in zip(self.mean_square, grads)]
        # The running means start at 0; dividing by 1 - b^t removes that bias.
        correct1, correct2 = 1.0 - b1 ** t, 1.0 - b2 ** t
        new_data = [p.data - lr * (m / correct1) / (math.sqrt(v / correct2) + self.eps)
                    for p, m, v in zip(self.parameters, mean, mean_square)]
        return new_data, {"mean": mean, "mean_square": mean_square}


def learning_rate(where: str, name: str, x: Any) -> float:
    """A learning rate: a finite number > 0, else a one-line ValueError (or TypeError)
    naming `where` (the optimizer, or the option that set it)."""
    return real(where, name, x, low=0, low_open=True, example="0.1")

"""The picture that shows backprop: the graph of one sample's loss, with its gradients.

After training most samples are classified with room to spare, and a hinge
loss of 0 sends no gradient back: its graph says `grad 0` everywhere. So we
draw the sample with the largest loss, and the title says which sample it is
and why it was chosen. Used by `chainrule train` and `chainrule demo`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

from autograd import Value
from autograd.notation import format_number

from . import losses
from .layers import Network


@dataclass
class SampleLoss:
    """One sample's loss graph, after backward: which sample, its loss, and a title."""

    index: int
    loss: Value
    title: str


def largest_loss_sample(model: Network, X: Sequence[Sequence[float]], y: Sequence[Any],
                        loss: str | Callable[..., Value]) -> SampleLoss:
    """The graph of the sample with the largest loss (the first, if all are 0), backward run.

    The model's grads are left as this one backward pass made them.
    """
    loss_function = losses.get_loss(loss)
    name = getattr(loss_function, "__name__", "the")
    scores = [loss_function(_as_values(output), label).data
              for output, label in zip(model.predict_many(X), y)]
    index = max(range(len(scores)), key=lambda i: (scores[i], -i))  # the first of the largest
    model.zero_grad()
    sample_loss = loss_function(model(X[index]), y[index])
    sample_loss.label = "loss"
    sample_loss.backward()
    inputs = ", ".join(f"x{k} = {format_number(x, digits=3)}" for k, x in enumerate(X[index]))
    lines = [f"sample {index}: {inputs}, label {y[index]}"]
    if scores[index] > 0:
        lines += [f"the largest {name} loss after training,",
                  f"{format_number(scores[index], digits=3)} > 0: gradient flows back"]
    else:
        lines += [f"every sample has {name} loss 0 after training:", "no gradient flows back"]
    return SampleLoss(index, sample_loss, "\n".join(lines))


def _as_values(output: Any) -> Any:
    """predict's floats as leaf Values, as the loss functions take them (no graph)."""
    return [Value(o) for o in output] if isinstance(output, list) else Value(output)

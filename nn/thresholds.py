"""Which class an output means: the threshold of a one-output model, the argmax of several.

A one-output classifier predicts class 1 when its output is above a
threshold. Which threshold depends on what the output is: a probability
(sigmoid output, binary_cross_entropy: 0.5), a score whose sign is the class
(hinge, binary_cross_entropy_with_logits: 0), or a regression onto the
labels (mse, mae: the midpoint of the labels, 0.5 for 0/1 and 0 for -1/+1).
fit() works it out once and keeps it in History.threshold; accuracy() and
nn.plot.decision_boundary() work it out the same way when not given one.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

from autograd import Value

from . import losses
from .layers import Network


def decision_threshold(model: Network, y: Sequence[Any],
                       loss: str | Callable[..., Value] | None = None) -> float:
    """Where a one-output model's output switches from the negative to the positive class.

    From the loss when it says: 0.5 for binary_cross_entropy (a probability),
    0 for hinge and binary_cross_entropy_with_logits (the sign of a score).
    Otherwise (mse, mae, your own function, or no loss) from the model and the
    labels: 0.5 for a sigmoid output; the midpoint of the labels for 0/1
    labels (0.5) and -1/+1 labels (0). A model with several outputs predicts
    the argmax, so its threshold is unused (0). Raises a one-line ValueError
    when none of these applies (e.g. labels {0, 2}): pass threshold= instead.
    """
    return resolve_threshold(model, y, None, loss, "decision_threshold")


def resolve_threshold(model: Network, y: Sequence[Any], threshold: float | None,
                      loss: str | Callable[..., Value] | None, where: str) -> float:
    """`threshold` if given, else decision_threshold's answer; errors name `where`."""
    if threshold is not None:
        return threshold
    if loss is not None:
        loss = losses.get_loss(loss)
    if _output_count(model) > 1:
        return 0.0
    if loss is losses.binary_cross_entropy or _output_activation(model) == "sigmoid":
        return 0.5
    if loss in (losses.hinge, losses.binary_cross_entropy_with_logits):
        return 0.0
    labels = set(y)
    if labels <= {0, 1} and 0 in labels:
        return 0.5
    if labels <= {-1, 1} and -1 in labels:
        return 0.0
    shown = ", ".join(sorted(repr(label) for label in labels)[:4])
    raise ValueError(f"{where}: cannot tell where the output switches class for the labels "
                     f"{{{shown[:80]}}}; pass threshold= (e.g. history.threshold) or the "
                     f"loss= the model was trained with")


def predicted_class(output: Any, threshold: float) -> int:
    """The class an output means: argmax for several outputs, else 1 if above threshold."""
    if isinstance(output, list):
        numbers = [_number(o) for o in output]
        return numbers.index(max(numbers))
    return 1 if _number(output) > threshold else 0


def _number(x: Any) -> float:
    """A model output's number: a Value's data, or the float itself."""
    return x.data if isinstance(x, Value) else float(x)


def training_threshold(model: Network, targets: list[Any],
                       loss_function: Callable[..., Value]) -> float:
    """fit's threshold: decision_threshold's, or 0 when the targets are not 0/1 or -1/+1
    labels (regression: no accuracy is recorded, so the threshold is never used)."""
    try:
        return resolve_threshold(model, targets, None, loss_function, "fit")
    except ValueError:
        return 0.0


def _output_count(model: Network) -> int:
    last = getattr(model, "layers", [model])[-1]
    return getattr(last, "nout", 1)


def _output_activation(model: Network) -> str:
    last = getattr(model, "layers", [model])[-1]
    return getattr(last, "activation", "linear")

"""What fit() checks before it changes anything, and how it names a diverging run.

fit() must refuse a bad argument before the first step, not an epoch later
with the parameters already moved (a callback that cannot be called, too).
Data and labels can only be checked by the loss function itself, so the loss
of the untrained model is computed once, on plain-number leaves (no graph
through the model, no parameter touched), for the training data and for
`validation=`. That also catches a loss function that returns a float
instead of a Value.
"""

from __future__ import annotations

import reprlib
from typing import Any, Callable

from autograd import Value
from autograd.checks import function, instance, sequence

from .layers import Network
from .module import as_input_floats


def checked_validation(model: Network, validation: Any) -> tuple[list[list[float]], list[Any]]:
    """(rows as floats, labels) of `validation=`, or a one-line error.

    Raises ValueError unless it is a pair (X_val, y_val) with one label per
    row (at least one row) and every row of model.nin finite numbers.
    """
    instance("fit", "validation", validation, (tuple, list), "a pair (X_val, y_val)")
    if len(validation) != 2:
        raise ValueError(f"fit: validation must be a pair (X_val, y_val), got "
                         f"{type(validation).__name__} {reprlib.repr(validation)}")
    X_val, y_val = validation
    try:
        rows, labels = list(X_val), list(y_val)
    except TypeError:
        raise ValueError(f"fit: validation must be a pair of lists (X_val, y_val), got "
                         f"{reprlib.repr(validation)}") from None
    if len(rows) != len(labels) or not rows:
        raise ValueError(f"fit: validation has {len(rows)} rows and {len(labels)} labels; "
                         f"pass (X_val, y_val) with one label per row")
    floats = [as_input_floats(row, model.nin, f"fit: validation row {index}")
              for index, row in enumerate(rows)]
    return floats, labels


def checked_callbacks(callbacks: Any) -> list[Callable[..., Any]]:
    """`callbacks=` as a list of functions, or a one-line TypeError naming the first
    item that cannot be called (or the argument, when it is not a list or tuple)."""
    items = sequence("fit", "callbacks", callbacks, of="functions callback(epoch, history)")
    return [function("fit", f"callbacks[{index}]", callback,
                     "a function callback(epoch, history), which may return True to stop",
                     takes=2)
            for index, callback in enumerate(items)]


def loss_of_outputs(loss_function: Callable[..., Value], outputs: list[Any],
                    targets: list[Any], where: str) -> float:
    """The loss of plain-number outputs (made leaves), checked to be a Value.

    Raises TypeError when the loss function returns something else than a
    Value (such as a float), and whatever the loss raises for bad targets.
    """
    leaves = [[Value(o) for o in out] if isinstance(out, list) else Value(out)
              for out in outputs]
    loss = loss_function(leaves, targets)
    instance("fit", f"the loss function's result for the {where}", loss, Value,
             "a Value built from the outputs, so backward() can reach the parameters")
    return loss.data


def diverged(epoch: int, last_loss: float, lr: float) -> OverflowError:
    """The one-line error of a run whose numbers overflowed at `epoch`."""
    return OverflowError(f"fit: training diverged at epoch {epoch} (loss {last_loss:.4g} "
                         f"before it, then a number overflowed); try a smaller learning rate "
                         f"than {lr:.4g}, or standardize the inputs; the parameters are those "
                         f"of the last finite step")

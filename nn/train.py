"""Training: the loop every lecture draws, forward -> loss -> backward -> step.

    history = nn.fit(model, X, y, loss="hinge", optimizer=nn.optim.SGD(model, lr=0.5),
                     epochs=100)

One epoch goes through the data once, in batches (all of it, one sample, or
k samples at a time). For each batch: build the graph of the loss, zero the
grads, backward, one optimizer step. The history records, per epoch, the mean
training loss (regularization included) and the accuracy on the batches as
they were seen, before each step (as Keras does); with validation data, also
the validation loss and accuracy of the model at the end of the epoch.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from autograd import Value, collector
from autograd.checks import count, real

from . import losses
from .fit_checks import checked_callbacks, checked_validation, diverged, loss_of_outputs
from .layers import Network
from .module import as_input_values
from .optim import SGD, Optimizer
from .progress import Progress
from .snapshots import Snapshot, SnapshotRecorder
from .thresholds import predicted_class, resolve_threshold, training_threshold

Callback = Callable[[int, "History"], Any]


@dataclass
class History:
    """Per-epoch numbers from fit(). `accuracy` stays empty when y is not class labels."""

    loss: list[float] = field(default_factory=list)
    accuracy: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    val_accuracy: list[float] = field(default_factory=list)
    stopped_early: bool = False
    best_epoch: int | None = None  # with early stopping: the epoch whose weights were kept
    threshold: float = 0.0  # where a one-output model's output switches class
    loss_name: str = "loss"  # what `loss` is, e.g. "hinge" (plots name it)
    snapshots: list[Snapshot] = field(default_factory=list)  # fit(snapshots=...): weights

    @property
    def epochs(self) -> int:
        return len(self.loss)

    def __repr__(self) -> str:
        shown = [f"epochs={self.epochs}"]
        for name in ("loss", "accuracy", "val_loss", "val_accuracy"):
            values = getattr(self, name)
            if values:
                shown.append(f"{name}={values[-1]:.4g}")
        return f"History({', '.join(shown)})"


def fit(model: Network, X: Sequence[Sequence[float]], y: Sequence[Any], *,
        loss: str | Callable[..., Value] = "mse", optimizer: Optimizer | None = None,
        epochs: int = 100, batch_size: int | None = None, shuffle: bool = True, seed: int = 0,
        validation: tuple[Sequence[Sequence[float]], Sequence[Any]] | None = None,
        early_stopping: int | None = None, l2: float = 0.0, progress: bool = True,
        callbacks: Sequence[Callback] = (), threshold: float | None = None,
        snapshots: bool | int = False, live: bool | int = False) -> History:
    """Train `model` on (X, y) and return the History.

    loss: a name from nn.losses.LOSSES or a function (outputs, targets) -> Value.
    optimizer: default SGD(model, lr=0.1). batch_size: None = all samples per
    step, 1 = stochastic, k = mini-batches (shuffled each epoch with `seed`).
    l2: adds l2 * (sum of squared parameters) to every batch loss.
    early_stopping: stop after this many epochs without a better (validation)
    loss and restore the best weights. callbacks: each is called as
    callback(epoch, history) after every epoch; returning True stops training.
    threshold: the output above which a one-output model predicts the positive
    class (default: from the loss, see decision_threshold); kept in the history.
    snapshots: record the weights after each epoch into history.snapshots, for
    nn.plot.training_page; True keeps at most 200, an int n >= 2 at most n
    (every epoch while they fit, then evenly spaced; see nn.snapshots).
    live: in Jupyter, redraw the loss curves (and the decision boundary of 2-D
    data) in one output after every epoch (an int k: every k epochs); outside
    Jupyter it does nothing (see nn.live).

    Each step (forward, backward, optimizer step) runs with Python's cyclic
    garbage collector paused, as `timeit` does: the step's graph has no
    reference cycles and reference counting frees it when the step ends. The
    collector is switched back on after every step (also after an error or
    Ctrl-C) if it was on; this makes a step about 1.5x faster (autograd.collector).
    """
    loss_function = losses.get_loss(loss, "fit")
    inputs = _input_rows(model, X, y)
    targets = list(y)
    optimizer = optimizer if optimizer is not None else SGD(model, lr=0.1)
    _check_options(epochs, batch_size, early_stopping, l2)
    callbacks = checked_callbacks(callbacks)
    parameters = model.parameters()
    if not set(optimizer.parameters) <= set(parameters):
        raise ValueError("fit: the optimizer holds parameters that are not the model's; "
                         "make it for this model, e.g. nn.optim.SGD(model, lr=0.1)")
    # Everything the loss function can refuse is refused now, before any step.
    start_loss = loss_of_outputs(loss_function, model.predict_many(X), targets, "training data")
    if validation is not None:
        validation = checked_validation(model, validation)
        loss_of_outputs(loss_function, model.predict_many(validation[0]), validation[1],
                        "validation data")
    if threshold is None:
        threshold = training_threshold(model, targets, loss_function)
    history = History(threshold=threshold, loss_name=_loss_name(loss_function))
    callbacks = [*_watchers(model, X, y, snapshots, live), *callbacks]
    classes = _is_classification(targets)
    rng = random.Random(seed)
    size = len(inputs) if batch_size is None else min(batch_size, len(inputs))
    best: tuple[float, list[float]] | None = None  # (loss, parameters) for early stopping
    bar = Progress(epochs, progress)
    try:
        for epoch in range(epochs):
            order = list(range(len(inputs)))
            if shuffle and size < len(inputs):
                rng.shuffle(order)
            batches = [order[start:start + size] for start in range(0, len(order), size)]
            try:
                mean_loss, correct = _train_epoch(model, inputs, targets, batches,
                                                  loss_function, optimizer, l2, threshold)
                if validation is not None:
                    _validate(model, validation, loss_function, threshold, history)
            except OverflowError:  # an op, backward or the step: the numbers blew up
                raise diverged(epoch, (history.loss or [start_loss])[-1],
                               optimizer.current_lr()) from None
            history.loss.append(mean_loss)
            if classes:
                history.accuracy.append(correct / len(inputs))
            bar.update(_latest(history))
            results = [callback(epoch, history) for callback in callbacks]
            stop = any(result is True for result in results)
            if early_stopping is not None:
                monitored = (history.val_loss or history.loss)[-1]
                if best is None or monitored < best[0]:
                    best = (monitored, [p.data for p in parameters])
                    history.best_epoch = epoch
                elif epoch - history.best_epoch >= early_stopping:
                    history.stopped_early = stop = True
            if stop:
                break
    finally:
        bar.close()
        model.eval()
    if best is not None:
        for p, data in zip(parameters, best[1]):
            p.data = data
    return history


def _train_epoch(model: Network, inputs: list[list[Value]], targets: list[Any],
                 batches: list[list[int]], loss_function: Callable[..., Value],
                 optimizer: Optimizer, l2: float, threshold: float) -> tuple[float, int]:
    """One pass over the data: (mean loss, number of correctly classified samples)."""
    model.train()
    parameters = optimizer.parameters
    total_loss, correct = 0.0, 0
    for batch in batches:
        with collector.paused():  # the step's graph is acyclic: reference counting frees it
            outputs = [model(inputs[i]) for i in batch]
            batch_targets = [targets[i] for i in batch]
            batch_loss = loss_function(outputs, batch_targets)
            if l2:
                batch_loss = batch_loss + losses.l2(parameters, l2)
            optimizer.zero_grad()
            batch_loss.backward()
            optimizer.step()
            total_loss += batch_loss.data * len(batch)
            correct += _count_correct(outputs, batch_targets, threshold)
            del outputs, batch_loss  # the graph goes now, before the collector is back on
    return total_loss / len(inputs), correct


def accuracy(model: Network, X: Sequence[Sequence[float]], y: Sequence[Any],
             threshold: float | None = None,
             loss: str | Callable[..., Value] | None = None) -> float:
    """The share of samples whose predicted class is the label (no graph is built).

    `threshold` (or the `loss` the model was trained with) says where a
    one-output model switches class; without them, see decision_threshold (a
    ValueError when the output activation and the labels do not say).
    """
    outputs = model.predict_many(X)
    if len(outputs) != len(y) or not outputs:
        raise ValueError(f"accuracy: got {len(outputs)} rows of X and {len(y)} labels; "
                         f"pass one label per row")
    threshold = resolve_threshold(model, y, threshold, loss, "accuracy")
    return _count_correct(outputs, list(y), threshold) / len(outputs)


def _count_correct(outputs: list[Any], targets: list[Any], threshold: float) -> int:
    correct = 0
    for output, target in zip(outputs, targets):
        label = target if isinstance(output, list) else int(target > 0)
        correct += predicted_class(output, threshold) == label
    return correct


def _is_classification(targets: list[Any]) -> bool:
    """True when the targets are class labels (so accuracy makes sense)."""
    return all(isinstance(t, int) or (isinstance(t, float) and t.is_integer()) for t in targets)


def _loss_name(loss_function: Callable[..., Value]) -> str:
    name = getattr(loss_function, "__name__", "")
    return name if name.isidentifier() else "loss"


def _watchers(model: Network, X: Sequence[Sequence[float]], y: Sequence[Any],
              snapshots: bool | int, live: bool | int) -> list[Callback]:
    """The callbacks that fit(snapshots=..., live=...) ask for (checked before training)."""
    found: list[Callback] = []
    if snapshots is not False:
        found.append(SnapshotRecorder(model, snapshots))
    if live is not False:
        from .live import LiveTraining  # matplotlib and IPython only inside Jupyter
        found.append(LiveTraining(model, X, y, every=live))
    return found


def _validate(model: Network, validation: tuple[list[list[float]], list[Any]],
              loss_function: Callable[..., Value], threshold: float, history: History) -> None:
    X_val, y_val = validation  # checked by checked_validation before training
    outputs = model.predict_many(X_val)
    history.val_loss.append(loss_of_outputs(loss_function, outputs, y_val, "validation data"))
    if _is_classification(y_val):
        history.val_accuracy.append(_count_correct(outputs, y_val, threshold) / len(y_val))


def _latest(history: History) -> dict[str, float]:
    names = ("loss", "accuracy", "val_loss", "val_accuracy")
    return {name: getattr(history, name)[-1] for name in names if getattr(history, name)}


def _input_rows(model: Network, X: Sequence[Sequence[float]],
                y: Sequence[Any]) -> list[list[Value]]:
    """Every row of X as Values, made once and reused in every epoch."""
    if len(X) != len(y) or len(X) == 0:
        raise ValueError(f"fit: X has {len(X)} rows and y has {len(y)} labels; "
                         f"pass one label per row (at least one row)")
    size = model.nin
    return [as_input_values(row, size, f"fit: row {index} of X") for index, row in enumerate(X)]


def _check_options(epochs: int, batch_size: int | None, early_stopping: int | None,
                   l2: float) -> None:
    real("fit", "l2", l2, low=0, example="1e-4")
    count("fit", "epochs", epochs, minimum=1)
    count("fit", "batch_size", batch_size, minimum=1, optional=True)
    count("fit", "early_stopping", early_stopping, minimum=1, optional=True)

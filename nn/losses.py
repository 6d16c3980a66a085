"""Losses: one Value that says how wrong the model is (call backward() on it).

Every loss takes the model's outputs and the targets, either for one sample
(`mse(model(x), 1.0)`) or as lists with one entry per sample, and returns the
mean over the samples. Outputs may be Values or plain numbers.

Binary labels: hinge wants -1/+1 (a 0 is read as -1); binary_cross_entropy and
..._with_logits want 0/1 or probabilities (a -1 is read as 0). So labels from
nn.datasets (0/1, or -1/+1 with signed=True) work with all of them; any other
label is rejected with an error naming the sample.
Multiclass losses (cross_entropy, multiclass_hinge) take a list of class scores per
sample and the class index 0, 1, ..., K-1 as the target; cross_entropy_probs takes
probabilities (after softmax) and a target vector: one loss, two forms kept apart.
"""

from __future__ import annotations

import numbers
from typing import Any, Callable, Sequence

from autograd import Value, sum_values
from autograd.checks import count, one_of, real, sequence, shown

from .module import Module

Outputs = Any  # a Value or number, or a list of them (one per sample)
Targets = Any  # a number, or a list of numbers (one per sample)


def mse(outputs: Outputs, targets: Targets) -> Value:
    """Mean squared error: mean of (output - target)^2 over every output."""
    pairs = _elementwise(outputs, targets, "mse")
    return _mean([(output - target) ** 2 for output, target in pairs])


def mae(outputs: Outputs, targets: Targets) -> Value:
    """Mean absolute error: mean of |output - target| over every output."""
    pairs = _elementwise(outputs, targets, "mae")
    return _mean([abs(output - target) for output, target in pairs])


def binary_cross_entropy(probabilities: Outputs, targets: Targets) -> Value:
    """-mean(y log p + (1 - y) log(1 - p)), for outputs after a sigmoid.

    With a sigmoid output a = sigmoid(z), dL/dz = a - y for each sample.
    A 0/1 label keeps only its own log term, so a confident right answer (p = 1
    for y = 1, p = 0 for y = 0) has loss 0 and dL/dp = -1 (or +1). Raises
    ValueError for an output outside [0, 1], and where the loss is infinite:
    p = 0 for y = 1, p = 1 for y = 0, p = 0 or 1 for a soft label.
    """
    logs = []
    for index, (p, y) in enumerate(_pairs(probabilities, targets, "binary_cross_entropy")):
        y = _label01(y, index, "binary_cross_entropy")
        if not 0.0 <= p.data <= 1.0:
            raise ValueError(f"binary_cross_entropy: sample {index} has output {p.data!r}, "
                             f"which is not a probability in [0, 1]; apply a sigmoid first, "
                             f"or use binary_cross_entropy_with_logits on the scores")
        # Only the log terms with a non-zero weight exist: for y = 1 the loss is -log p,
        # finite at p = 1 (loss 0, dL/dp = -1); it is infinite only at p = 0 (and the
        # mirror case for y = 0). A soft label needs both terms, so 0 < p < 1.
        if y == 1.0 and p.data > 0.0:
            logs.append(p.log())
        elif y == 0.0 and p.data < 1.0:
            logs.append((1.0 - p).log())
        elif 0.0 < p.data < 1.0:
            logs.append(y * p.log() + (1.0 - y) * (1.0 - p).log())
        else:
            raise ValueError(f"binary_cross_entropy: sample {index} has probability {p.data!r} "
                             f"and target {y!r}, so the loss is infinite (log 0); use "
                             f"binary_cross_entropy_with_logits on the scores before the "
                             f"sigmoid")
    return sum_values(logs) * (-1.0 / len(logs))


def binary_cross_entropy_with_logits(logits: Outputs, targets: Targets) -> Value:
    """binary_cross_entropy(sigmoid(z), y), computed stably; dL/dz = sigmoid(z) - y.

    The loss is softplus(z) - y z = (1 - y) z + softplus(-z). Each form is used
    where it has no cancellation (the first for z <= 0, the second for z > 0),
    so the loss of a confident right answer keeps its digits: z = 40, y = 1
    gives 4.248e-18, not 0.0 (the form PyTorch's BCEWithLogitsLoss documents).
    Never takes log(0), however large |z| gets.
    """
    terms = []
    for index, (z, y) in enumerate(_pairs(logits, targets, "binary_cross_entropy_with_logits")):
        y = _label01(y, index, "binary_cross_entropy_with_logits")
        if z.data > 0.0:
            terms.append((-z).softplus() if y == 1.0 else (1.0 - y) * z + (-z).softplus())
        else:
            terms.append(z.softplus() if y == 0.0 else z.softplus() - y * z)
    return _mean(terms)


def hinge(scores: Outputs, targets: Targets) -> Value:
    """Binary max-margin loss: mean of max(0, 1 - y s) with labels y = -1/+1."""
    terms = []
    for index, (score, y) in enumerate(_pairs(scores, targets, "hinge")):
        if _label_pm1(y, index) > 0:
            terms.append((1.0 - score).relu())  # max(0, 1 - s)
        else:
            terms.append((score + 1.0).relu())  # max(0, 1 + s)
    return _mean(terms)


def cross_entropy(scores: Outputs, targets: Targets) -> Value:
    """Softmax cross-entropy: mean of log(sum_k e^{s_k}) - s_y over samples.

    The largest score is subtracted first (a constant shift that changes
    neither the loss nor its gradient), so e^s never overflows.
    dL/ds_k = softmax(s)_k - [k == y]. `scores` are logits (any real numbers): so
    cross_entropy([0.2, 0.7, 0.1], 1) is 0.768, not -ln 0.7; for probabilities
    use cross_entropy_probs(probs, [0, 1, 0]) (= 0.357).
    """
    terms = []
    for index, (row, y) in enumerate(_class_samples(scores, targets, "cross_entropy")):
        largest = max(s.data for s in row)
        shifted = [s - largest for s in row]
        log_total = sum_values(s.exp() for s in shifted).log()
        terms.append(log_total - shifted[y])
    return _mean(terms)


def cross_entropy_probs(probabilities: Outputs, targets: Targets) -> Value:
    """-sum_k y_k ln p_k, the mean over samples, on probabilities p (after a softmax) and
    target vectors y (one-hot or soft), as Virtue's "Loss Functions" slide writes it. One
    sample is two lists of K numbers; several are two lists of such rows (0 ln p = 0).

    cross_entropy_probs(softmax(s), one_hot(k)) equals cross_entropy(s, k). Raises ValueError
    unless every p_k is in (0, 1], each row of p and of y sums to 1 within 1e-6, every y_k is
    in [0, 1], and the lengths match (class scores belong in cross_entropy instead)."""
    where = "cross_entropy_probs"
    rows_p = _as_list(probabilities, "probabilities", where)
    rows_y = _as_list(targets, "targets", where)
    if rows_p and _is_number(rows_p[0]):
        rows_p, rows_y = [rows_p], [rows_y]
    _check_counts(len(rows_p), len(rows_y), where)
    terms = []
    for index, (p, y) in enumerate(zip(rows_p, rows_y)):
        p, y = _as_list(p, "probabilities", where), _as_list(y, "targets", where)
        if len(p) != len(y) or not all(map(_is_number, p + y)):
            raise ValueError(f"{where}: sample {index} has probabilities {p!r:.60} and targets "
                             f"{y!r:.60}; give two lists of K numbers, one per class")
        p, y = [_as_value(q) for q in p], [float(t) for t in y]  # numbers become leaves
        if not all(0.0 < q.data <= 1.0 for q in p) or abs(sum(q.data for q in p) - 1) > 1e-6:
            raise ValueError(f"{where}: sample {index} has {[q.data for q in p]!r:.60}, not "
                             f"probabilities in (0, 1] summing to 1; apply softmax first, or "
                             f"use cross_entropy(scores, class_index) on the scores")
        if not all(0.0 <= t <= 1.0 for t in y) or abs(sum(y) - 1) > 1e-6:
            raise ValueError(f"{where}: sample {index} has targets {y!r:.60}; give a one-hot or "
                             f"soft target vector (numbers in [0, 1] summing to 1)")
        terms.append(-sum_values([t * q.log() for t, q in zip(y, p) if t != 0.0]))
    return _mean(terms)


def multiclass_hinge(scores: Outputs, targets: Targets, margin: float = 1.0) -> Value:
    """The multiclass SVM loss: mean of sum over j != y of max(0, s_j - s_y + margin)."""
    samples = _class_samples(scores, targets, "multiclass_hinge")
    terms = []
    for row, y in samples:
        correct = row[y]
        terms.extend((s - correct + margin).relu() for j, s in enumerate(row) if j != y)
    return sum_values(terms) * (1.0 / len(samples))


def l2(parameters: Module | Sequence[Value], alpha: float, *, biases: bool = True) -> Value:
    """Regularization: alpha * (sum of every parameter squared); biases=False leaves out the
    biases (parameters named "...bias"), as CS231n's R(W) = sum_k W_k^2 regularizes weights
    only; it needs the model (ValueError for a list)."""
    if isinstance(parameters, Module):
        parameters = [value for name, value in parameters.named_parameters()
                      if biases or name.rsplit(".", 1)[-1] != "bias"]
    elif not biases:
        raise ValueError("l2: biases=False needs the model (its parameter names say which are "
                         "biases); pass the model, or a list of the weights only")
    if not parameters:
        raise ValueError("l2: no parameters given; pass a model or a non-empty list of Values")
    alpha = real("l2", "alpha", alpha, low=0, example="1e-4")
    return alpha * sum_values(p * p for p in parameters)


LOSSES: dict[str, Callable[..., Value]] = {
    "mse": mse,
    "mae": mae,
    "binary_cross_entropy": binary_cross_entropy,
    "binary_cross_entropy_with_logits": binary_cross_entropy_with_logits,
    "hinge": hinge,
    "cross_entropy": cross_entropy,
    "multiclass_hinge": multiclass_hinge,
}


def get_loss(loss: str | Callable[..., Value], where: str = "get_loss") -> Callable[..., Value]:
    """The loss function called `loss` (a callable is returned unchanged); a one-line
    ValueError naming `where` if there is no loss of that name."""
    if callable(loss):
        return loss
    return LOSSES[one_of(where, "loss", loss, LOSSES,
                         also="a function (outputs, targets) -> Value")]


# --- shapes and labels -----------------------------------------------------------------


def _mean(terms: list[Value]) -> Value:
    if len(terms) == 1:
        return terms[0]
    return sum_values(terms) * (1.0 / len(terms))


def _is_number(x: Any) -> bool:
    return isinstance(x, Value) or (isinstance(x, numbers.Real) and not isinstance(x, bool))


def _as_list(x: Any, what: str, where: str) -> list[Any]:
    return sequence(where, what, x, of="numbers (or one number)")


def _pairs(outputs: Outputs, targets: Targets, where: str) -> list[tuple[Value, Any]]:
    """(output Value, target) per sample, for losses with one output per sample."""
    if _is_number(outputs):
        outputs, targets = [outputs], [targets]
    outputs = _as_list(outputs, "outputs", where)
    targets = _as_list(targets, "targets", where)
    _check_counts(len(outputs), len(targets), where)
    for index, (output, target) in enumerate(zip(outputs, targets)):
        if not _is_number(output):
            raise TypeError(f"{where}: sample {index} has output {shown(output)}; each must "
                            f"be one number (a model with one output)")
        targets[index] = (target.data if isinstance(target, Value)
                          else real(where, f"targets[{index}]", target))
    return [(_as_value(output), target) for output, target in zip(outputs, targets)]


def _elementwise(outputs: Outputs, targets: Targets, where: str) -> list[tuple[Value, Any]]:
    """Pairs for losses that treat every output number alike (several per sample allowed)."""
    if _is_number(outputs):
        return _pairs(outputs, targets, where)
    outputs = _as_list(outputs, "outputs", where)
    targets = _as_list(targets, "targets", where)
    _check_counts(len(outputs), len(targets), where)
    flat_outputs, flat_targets = [], []
    for output, target in zip(outputs, targets):
        if _is_number(output):
            flat_outputs.append(output)
            flat_targets.append(target)
            continue
        output, target = _as_list(output, "outputs", where), _as_list(target, "targets", where)
        if len(output) != len(target):
            raise ValueError(f"{where}: the output row {shown(output)} and its target "
                             f"{shown(target)} differ in length; give one target per output")
        flat_outputs.extend(output)
        flat_targets.extend(target)
    return _pairs(flat_outputs, flat_targets, where)


def _as_value(x: Value | float) -> Value:
    """A model output as a Value (a plain number becomes a leaf)."""
    return x if isinstance(x, Value) else Value(x)


def _check_counts(outputs: int, targets: int, where: str) -> None:
    if outputs != targets or not outputs:
        raise ValueError(f"{where}: got {outputs} outputs and {targets} targets; "
                         f"pass one target per output (at least one)")


def _class_samples(scores: Outputs, targets: Targets, where: str) -> list[tuple[list[Value], int]]:
    """(list of class score Values, class index) per sample, for multiclass losses."""
    scores = _as_list(scores, "scores", where)
    if scores and _is_number(scores[0]):
        scores, targets = [scores], [targets]
    targets = _as_list(targets, "targets", where)
    _check_counts(len(scores), len(targets), where)
    samples = []
    for index, (row, y) in enumerate(zip(scores, targets)):
        row = _as_list(row, "scores", where)
        if len(row) < 2 or not all(_is_number(s) for s in row):
            raise ValueError(f"{where}: sample {index} has scores {shown(row)}; each sample "
                             f"needs a list of at least 2 class scores")
        y = count(where, f"targets[{index}]", y, maximum=len(row) - 1,
                  example="0 (the class index, not a one-hot list)")
        samples.append(([_as_value(s) for s in row], y))
    return samples


def _label01(y: float, index: int, where: str) -> float:
    if y == -1.0:
        return 0.0  # the negative class in the -1/+1 convention
    if not 0.0 <= y <= 1.0:
        raise ValueError(f"{where}: sample {index} has target {y!r}; use 0/1 labels "
                         f"(or probabilities between 0 and 1, or -1 for the negative class)")
    return y


def _label_pm1(y: float, index: int) -> float:
    if y in (1.0, -1.0):
        return y
    if y == 0.0:
        return -1.0  # the negative class in the 0/1 convention
    raise ValueError(f"hinge: sample {index} has target {y!r}; use -1/+1 labels (0 is read as -1)")

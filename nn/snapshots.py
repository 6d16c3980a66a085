"""Snapshots of the weights during training, for the replay page (opt-in, bounded).

    history = nn.fit(model, X, y, loss="hinge", epochs=500, snapshots=True)
    len(history.snapshots)   # at most 200: every epoch while they fit, then evenly spaced

A snapshot is the epoch number, the training loss then, and every parameter's
value in the order of model.parameters(). Memory stays bounded however long
training runs: when the list is full, every other snapshot is dropped and
from then on only every second epoch (then every fourth, ...) is kept, so the
kept epochs stay evenly spaced (multiples of one stride). The latest epoch is
always kept too, so the last frame is the model fit() returns (before an
early-stopping restore).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from autograd.checks import count

DEFAULT_FRAMES = 200


@dataclass(frozen=True)
class Snapshot:
    """The model after one epoch: epoch (1-based), training loss, parameter values."""

    epoch: int
    loss: float
    parameters: tuple[float, ...]


class SnapshotRecorder:
    """A fit() callback that appends Snapshots to history.snapshots (at most `frames`).

    frames: True for DEFAULT_FRAMES (200), or an int >= 2. Raises TypeError for
    anything else than True or an int, ValueError for an int below 2 (before any training).
    """

    def __init__(self, model: Any, frames: bool | int = True) -> None:
        frames = DEFAULT_FRAMES if frames is True else count(
            "fit", "snapshots", frames, minimum=2,
            example=f"50 (or True: at most {DEFAULT_FRAMES} frames)")
        self.parameters = model.parameters()
        self.frames = frames
        self.stride = 1  # keep epochs that are multiples of this

    def __call__(self, epoch: int, history: Any) -> None:
        kept = history.snapshots
        if kept and kept[-1].epoch % self.stride:
            kept.pop()  # the latest epoch, kept only until a newer one comes
        kept.append(Snapshot(epoch + 1, history.loss[-1],
                             tuple(p.data for p in self.parameters)))
        while len(kept) > self.frames:
            self.stride *= 2
            latest = kept[-1]
            kept[:] = [s for s in kept if s.epoch % self.stride == 0]
            if not kept or kept[-1] is not latest:
                kept.append(latest)

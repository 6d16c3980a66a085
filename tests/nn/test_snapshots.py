"""Snapshots of the weights during fit (nn.snapshots): opt-in, bounded, evenly spaced."""

import pytest

import nn
from nn.snapshots import DEFAULT_FRAMES, SnapshotRecorder


def _data():
    return nn.datasets.moons(12, seed=0)


def test_no_snapshots_unless_asked():
    X, y = _data()
    history = nn.fit(nn.MLP(2, [2, 1], seed=0), X, y, loss="hinge", epochs=3, progress=False)
    assert history.snapshots == []


def test_every_epoch_is_recorded_while_they_fit():
    X, y = _data()
    model = nn.MLP(2, [2, 1], seed=0)
    seen = []
    history = nn.fit(model, X, y, loss="hinge", epochs=5, progress=False, snapshots=True,
                     callbacks=[lambda epoch, h: seen.append([p.data for p in model.parameters()])])
    assert [s.epoch for s in history.snapshots] == [1, 2, 3, 4, 5]
    assert [list(s.parameters) for s in history.snapshots] == seen  # the weights after each epoch
    assert [s.loss for s in history.snapshots] == history.loss


class _Run:
    """A stand-in for fit: a History and a model whose one weight is the epoch number."""

    def __init__(self, frames):
        self.model = nn.Neuron.from_weights([0.0])
        self.history = nn.History()
        self.recorder = SnapshotRecorder(self.model, frames)
        self.done = 0

    def epochs(self, count):
        for epoch in range(self.done, self.done + count):
            self.model.weights[0].data = float(epoch + 1)
            self.history.loss.append(1.0 / (epoch + 1))
            self.recorder(epoch, self.history)
        self.done += count
        return [s.epoch for s in self.history.snapshots]


@pytest.mark.parametrize("epochs", [201, 450, 1000, 1601])
def test_long_runs_keep_at_most_the_bound_evenly_spaced_and_the_last_epoch(epochs):
    run = _Run(True)
    kept = run.epochs(epochs)
    assert len(kept) <= DEFAULT_FRAMES == 200
    assert len(kept) > DEFAULT_FRAMES // 2  # thinning halves the list at most once at a time
    assert kept[-1] == epochs  # the final model is the last frame
    steps = {b - a for a, b in zip(kept, kept[1:-1])}
    assert len(steps) == 1  # evenly spaced, but for the last frame
    assert all(s.parameters == (float(s.epoch), 0.0) for s in run.history.snapshots)


def test_a_small_bound_is_kept_at_every_epoch():
    run = _Run(4)
    for count in range(1, 40):
        kept = run.epochs(1)
        assert len(kept) <= 4 and kept[-1] == count


@pytest.mark.parametrize("frames", [0, 1, -3, 2.5, "200", None])
def test_the_bound_is_true_or_an_int_of_at_least_two(frames):
    X, y = _data()
    model = nn.MLP(2, [2, 1], seed=0)
    before = [p.data for p in model.parameters()]
    with pytest.raises((TypeError, ValueError),
                       match=r"^fit: snapshots=.* is .*; use a whole number >= 2 .*\(or True: at most 200"):
        nn.fit(model, X, y, epochs=2, progress=False, snapshots=frames)
    assert [p.data for p in model.parameters()] == before  # refused before any training

"""Special files at the paths users give (issue 10, items 4 and 5).

A hypothesis strategy draws a kind of file system entry (regular file, folder,
FIFO, symlinks to each and to character devices, a dangling symlink, a loop,
nothing, a missing parent folder) and a name, and one of the ways the project
writes or reads a file: nn.save, nn.load, `chainrule draw -o`, `--steps`,
the figures of nn.plot, the replay page, `chainrule train --out`. Only regular
files (and a fresh name) may be written, only regular files (through symlinks
too) read; everything else gets one line naming the call and the file and
leaves the file system exactly as it was. Nothing blocks: every example runs
under a 10 s alarm (a FIFO opened for reading would hang). The entries are
made by support_tools.make_entry.
"""

import functools
import tempfile
from pathlib import Path

import matplotlib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import nn
from nn.cli import main
from support_tools import KINDS, MODEL, READABLE, WRITABLE, make_entry, no_hang, tree_state

matplotlib.use("Agg")  # no display needed

NAMES = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="/\0"),
                min_size=1, max_size=12).filter(lambda name: name not in (".", ".."))
DRAW = ["draw", "x*w", "x=2", "w=3"]


@functools.cache
def _run() -> tuple:
    """A small trained run for the pictures: (model, X, y, history, its replay page)."""
    X, y = nn.datasets.xor(8, noise=0.1, seed=0)
    model = nn.MLP(2, [2, 1], seed=0)
    history = nn.fit(model, X, y, loss="hinge", epochs=2, progress=False, snapshots=True)
    return model, X, y, history, nn.plot.TrainingPage(model, X, y, history, resolution=4)


def _save(path, capsys):
    nn.save(MODEL, path)


def _load(path, capsys):
    loaded = nn.load(path)
    assert loaded.predict_many([[0.5, -1.0]]) == MODEL.predict_many([[0.5, -1.0]])


def _boundary(path, capsys):
    model, X, y, history, _ = _run()
    nn.plot.decision_boundary(model, X, y, path, resolution=4, threshold=history.threshold)


def _history(path, capsys):
    nn.plot.history(_run()[3], path)


def _training_page(path, capsys):
    model, X, y, history, _ = _run()
    nn.plot.training_page(model, X, y, history, path, resolution=4)


def _page_save(path, capsys):
    _run()[4].save(path)


def _command(*argv):
    def run(path, capsys):
        code = main([*argv, str(path)])
        out, err = capsys.readouterr()
        if code != 0:
            assert err.count("\n") == 1 and "Traceback" not in err, err
            raise ValueError(err.rstrip("\n"))
    return run


OPERATIONS = {  # name: (action, allowed kinds, suffix the target needs, what the error names)
    "nn.save": (_save, WRITABLE, "", "save"),
    "nn.load": (_load, READABLE, "", "load"),
    "draw -o": (_command(*DRAW, "-o"), WRITABLE, ".dot", "-o"),
    "draw --steps": (_command(*DRAW, "--steps"), WRITABLE, ".html", "--steps"),
    "decision_boundary": (_boundary, WRITABLE, ".png", "decision_boundary"),
    "history": (_history, WRITABLE, ".svg", "history"),
    "training_page": (_training_page, WRITABLE, ".html", "training_page"),
    "TrainingPage.save": (_page_save, WRITABLE, ".html", "TrainingPage.save"),
}


# capsys is read out after every call, so sharing it between examples is safe
@settings(max_examples=400, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(KINDS), name=NAMES, operation=st.sampled_from(sorted(OPERATIONS)))
def test_only_regular_files_are_written_or_read(capsys, kind, name, operation):
    _check(capsys, kind, name, operation)


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_entry_with_every_operation(capsys, kind, operation):
    # Before: a FIFO hung training_page, a symlink had the picture written through it to
    # its target, /dev/full was written to, a folder "x" got a picture beside it as x.png.
    _check(capsys, kind, "out", operation)


def _check(capsys, kind: str, name: str, operation: str) -> None:
    """Run `operation` on an entry of `kind`; only the allowed kinds may succeed, the others
    get one line naming the call and the file and change nothing."""
    action, allowed, suffix, where = OPERATIONS[operation]
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        path = make_entry(folder, kind, name + suffix)
        before = tree_state(folder)
        try:
            with no_hang():
                action(path, capsys)
            message = None
        except ValueError as error:
            assert "\n" not in str(error), str(error)
            message = " ".join(str(error).split())
        assert (message is None) == (kind in allowed), (kind, operation, message)
        if message is not None:
            assert folder.name in message and where in message  # names the file and the call
            assert tree_state(folder) == before  # nothing replaced, nothing left behind
        else:
            assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("kind", ["folder", "fifo", "link_model", "no_parent"])
def test_train_out_refuses_what_is_not_a_folder_in_an_existing_folder(capsys, tmp_path, kind):
    path = make_entry(tmp_path, kind, "run")
    before = tree_state(tmp_path)
    code = main(["train", "--dataset", "xor", "--samples", "8", "--hidden", "2", "--epochs", "1",
                 "--no-progress", "--out", str(path)])
    out, err = capsys.readouterr()
    if kind == "folder":
        assert code == 0, err
        return
    assert code == 2 and err.count("\n") == 1 and "--out" in err
    assert tree_state(tmp_path) == before


TRAIN_OUTPUTS = ("decision_boundary.png", "loss.png", "training.html", "graph.svg", "model.json")


def _no_training(*args, **kwargs):
    raise AssertionError("trained before checking the files it writes")


@pytest.mark.parametrize("kind", sorted(set(KINDS) - WRITABLE - {"no_parent"}))
@pytest.mark.parametrize("name", TRAIN_OUTPUTS)
def test_train_refuses_an_output_file_it_cannot_write_before_training(capsys, monkeypatch,
                                                                     tmp_path, kind, name):
    # Before: a folder at graph.svg or a symlink at model.json failed after the training,
    # with three files written, naming `-o:` or `save:`; a FIFO at training.html hung.
    monkeypatch.setattr(nn.cli, "fit", _no_training)
    make_entry(tmp_path, kind, name)
    before = tree_state(tmp_path)
    with no_hang():
        code = main(["train", "--dataset", "xor", "--samples", "8", "--hidden", "2",
                     "--epochs", "1", "--out", str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and err.count("\n") == 1, err
    assert "--out: cannot write" in err and name in err and "-o:" not in err
    assert tree_state(tmp_path) == before


def test_load_reads_at_most_the_documented_cap(tmp_path, monkeypatch):
    import autograd.filesystem as filesystem
    big = tmp_path / "big.json"
    nn.save(MODEL, big)
    size = big.stat().st_size
    assert filesystem.read_bytes(big, "load", limit=size) == big.read_bytes()
    with pytest.raises(ValueError, match=f"more than the {size - 1} bytes"):
        filesystem.read_bytes(big, "load", limit=size - 1)
    assert filesystem.MAX_READ_BYTES == 64 * 1024 * 1024


def test_a_save_interrupted_at_any_line_leaves_the_old_or_the_new_file_and_no_temporary(
        tmp_path):
    import sys
    target = tmp_path / "model.json"
    nn.save(nn.MLP(2, [1], seed=1), target)
    old = target.read_bytes()
    nn.save(MODEL, tmp_path / "reference.json")
    new = (tmp_path / "reference.json").read_bytes()
    (tmp_path / "reference.json").unlink()
    k, interrupted = 0, True
    while interrupted:  # interrupt at line event 1, 2, ... until a save runs through
        k += 1
        count = [0]

        def tracer(frame, event, arg):
            if event == "line":
                count[0] += 1
                if count[0] == k:
                    raise KeyboardInterrupt
            return tracer

        target.write_bytes(old)
        sys.settrace(tracer)
        try:
            nn.save(MODEL, target)
            interrupted = False
        except KeyboardInterrupt:
            pass
        finally:
            sys.settrace(None)
        assert target.read_bytes() in (old, new), f"half a file at line event {k}"
        assert [p.name for p in tmp_path.iterdir()] == ["model.json"], f"line event {k}"
    assert k > 20 and target.read_bytes() == new

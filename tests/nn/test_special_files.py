"""Special files at the paths users give (issue 10, items 4 and 5).

A hypothesis strategy draws a kind of file system entry (regular file, folder,
FIFO, symlinks to each and to character devices, a dangling symlink, a loop,
nothing, a missing parent folder) and a name, and one of the ways the project
writes or reads a file: nn.save, nn.load, `chainrule draw -o`, `--steps`,
`chainrule train --out`. Only regular files (and a fresh name) may be written,
only regular files (through symlinks too) read; everything else gets one line
naming the file and leaves the file system exactly as it was. Nothing blocks:
every example runs under a 10 s alarm (a FIFO opened for reading would hang).
"""

import os
import signal
import stat
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import nn
from nn.cli import main

KINDS = ("missing", "regular", "model", "folder", "fifo", "link_model", "link_folder",
         "link_fifo", "link_zero", "link_full", "dangling", "loop", "no_parent")
WRITABLE = {"missing", "regular", "model"}
READABLE = {"model", "link_model"}
NAMES = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="/\0"),
                min_size=1, max_size=12).filter(lambda name: name not in (".", ".."))
MODEL = nn.MLP(2, [2, 1], seed=0)
DRAW = ["draw", "x*w", "x=2", "w=3"]


def _make(folder: Path, kind: str, name: str) -> Path:
    path = folder / name
    if kind == "no_parent":
        return folder / "missing folder" / name
    if kind == "regular":
        path.write_text("some text\n")
    elif kind == "model":
        nn.save(MODEL, path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind.startswith("link_"):
        target = {"link_zero": Path("/dev/zero"), "link_full": Path("/dev/full")}.get(kind)
        if target is None:
            target = _make(folder, kind[5:], "target " + name)
        path.symlink_to(target)
    elif kind == "dangling":
        path.symlink_to(folder / "nowhere")
    elif kind == "loop":
        path.symlink_to(path)
    return path


def _state(folder: Path) -> dict:
    """Every entry below `folder`: its type, and its content or link target."""
    entries = {}
    for root, dirs, files in os.walk(folder):
        for entry in dirs + files:
            path = Path(root) / entry
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode):
                entries[path] = ("link", os.readlink(path))
            elif stat.S_ISREG(mode):
                entries[path] = ("file", path.read_bytes())
            else:
                entries[path] = (stat.S_IFMT(mode), None)
    return entries


def _save(path, capsys):
    nn.save(MODEL, path)


def _load(path, capsys):
    loaded = nn.load(path)
    assert loaded.predict_many([[0.5, -1.0]]) == MODEL.predict_many([[0.5, -1.0]])


def _command(*argv):
    def run(path, capsys):
        code = main([*argv, str(path)])
        out, err = capsys.readouterr()
        if code != 0:
            assert err.count("\n") == 1 and "Traceback" not in err, err
            raise ValueError(err)
    return run


OPERATIONS = {  # name: (action, allowed kinds, suffix the target needs)
    "nn.save": (_save, WRITABLE, ""),
    "nn.load": (_load, READABLE, ""),
    "draw -o": (_command(*DRAW, "-o"), WRITABLE, ".dot"),
    "draw --steps": (_command(*DRAW, "--steps"), WRITABLE, ".html"),
}


@pytest.fixture(autouse=True)
def _alarm():
    """Fail instead of hanging when a call blocks (10 s)."""
    def expired(signum, frame):
        raise TimeoutError("blocked for 10 s")
    previous = signal.signal(signal.SIGALRM, expired)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


# capsys is read out after every call, so sharing it between examples is safe
@settings(max_examples=400, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(KINDS), name=NAMES, operation=st.sampled_from(sorted(OPERATIONS)))
def test_only_regular_files_are_written_or_read(capsys, kind, name, operation):
    action, allowed, suffix = OPERATIONS[operation]
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        path = _make(folder, kind, name + suffix)
        before = _state(folder)
        signal.alarm(10)
        try:
            action(path, capsys)
            message = None
        except ValueError as error:
            message = " ".join(str(error).split())
        finally:
            signal.alarm(0)
        assert (message is None) == (kind in allowed), (kind, operation, message)
        if message is not None:
            assert folder.name in message  # names the file
            assert _state(folder) == before  # nothing replaced, nothing left behind
        else:
            assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("kind", ["folder", "fifo", "link_model", "no_parent"])
def test_train_out_refuses_what_is_not_a_folder_in_an_existing_folder(capsys, tmp_path, kind):
    path = _make(tmp_path, kind, "run")
    before = _state(tmp_path)
    code = main(["train", "--dataset", "xor", "--samples", "8", "--hidden", "2", "--epochs", "1",
                 "--no-progress", "--out", str(path)])
    out, err = capsys.readouterr()
    if kind == "folder":
        assert code == 0, err
        return
    assert code == 2 and err.count("\n") == 1 and "--out" in err
    assert _state(tmp_path) == before


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

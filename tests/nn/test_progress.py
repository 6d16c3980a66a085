"""Tests for nn/progress.py: tqdm bar, plain fallback without tqdm, silence when off."""

import sys

import nn
from nn.progress import Progress


def _train(epochs, progress):
    X, y = nn.datasets.xor()
    nn.fit(nn.MLP(2, [2, 1], seed=0), X, y, epochs=epochs, progress=progress)


def test_progress_false_prints_nothing(capsys):
    _train(3, progress=False)
    assert capsys.readouterr() == ("", "")


def test_tqdm_bar_counts_the_epochs_on_stderr(capsys):
    _train(4, progress=True)
    err = capsys.readouterr().err
    assert "training" in err and "4/4" in err and "loss=" in err


def test_without_tqdm_about_ten_plain_lines(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "tqdm", None)  # makes `import tqdm...` fail
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)
    _train(20, progress=True)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("epoch 1/20  loss ")
    assert [line.split()[1] for line in lines] == ["1/20"] + [f"{k}/20" for k in range(2, 21, 2)]


def test_plain_lines_show_every_metric(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)
    bar = Progress(1)
    bar.update({"loss": 0.123456, "accuracy": 1.0})
    bar.close()
    assert capsys.readouterr().out == "epoch 1/1  loss 0.1235  accuracy 1\n"

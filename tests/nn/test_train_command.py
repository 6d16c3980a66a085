"""Tests for `chainrule train` and `chainrule demo` (nn/cli.py)."""

import contextlib
import html
import io
import json
import os
import re
import stat
import xml.etree.ElementTree as ET
import subprocess
import sys
from pathlib import Path

import pytest

import nn
import nn.cli
from nn.cli import main
from support_tools import no_hang, require_dot

CHAINRULE = Path(sys.executable).parent / "chainrule"
PNG = b"\x89PNG\r\n\x1a\n"
SVG = "{http://www.w3.org/2000/svg}"
SMALL = ["train", "--dataset", "xor", "--samples", "20", "--hidden", "4", "--epochs", "3"]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def svg_nodes(path: Path) -> int:
    """How many boxes a rendered SVG has (graphviz writes one <g class="node"> each)."""
    return path.read_text(encoding="utf-8").count('class="node')


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """One small training run, shared: (folder, exit code, stdout, stderr)."""
    require_dot()
    folder = tmp_path_factory.mktemp("train")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([*SMALL, "--out", str(folder)])
    return folder, code, out.getvalue(), err.getvalue()


def test_train_writes_pictures_and_model(trained):
    folder, code, out, _ = trained
    assert code == 0
    assert out.startswith("after 3 epochs: loss ")
    names = ["decision_boundary.png", "loss.png", "training.html", "graph.svg", "model.json"]
    assert [line for line in out.splitlines() if line.startswith("wrote")] == \
        [f"wrote {folder / name}" for name in names]
    assert (folder / "decision_boundary.png").read_bytes().startswith(PNG)
    assert (folder / "loss.png").read_bytes().startswith(PNG)
    assert (folder / "graph.svg").read_bytes().startswith((b"<?xml", b"<svg"))
    model = nn.load(folder / "model.json")
    assert len(model.parameters()) == (2 * 4 + 4) + (4 * 1 + 1)  # 2 -> 4 -> 1


def test_train_shows_a_progress_bar(trained):
    _, _, _, err = trained
    assert "3/3" in err  # the bar's last state: 3 of 3 epochs


def test_train_multiclass_has_one_output_per_class(capsys, tmp_path):
    require_dot()
    code, _, _ = run(capsys, "train", "--dataset", "spiral", "--samples", "30", "--hidden", "4",
                     "--epochs", "2", "--no-progress", "--out", str(tmp_path))
    assert code == 0
    model = nn.load(tmp_path / "model.json")
    assert len(model.parameters()) == (2 * 4 + 4) + (4 * 3 + 3)  # 2 -> 4 -> 3 classes


def test_train_max_nodes_collapses_the_graph(capsys, tmp_path, trained):
    full, boxes = trained[0], tmp_path
    assert run(capsys, *SMALL, "--no-progress", "--max-nodes", "10", "--out", str(boxes))[0] == 0
    # 2 -> 4 -> 1 on one sample is about 70 values; as neuron boxes it is a handful
    assert svg_nodes(boxes / "graph.svg") < svg_nodes(full / "graph.svg") / 3


@pytest.mark.parametrize("extra, fragment", [
    (["--dataset", "blobs", "--loss", "hinge"], "blobs has 3 classes"),
    (["--dataset", "moons", "--loss", "cross_entropy"], "moons has 2 classes"),
    (["--hidden", "0,3"], "is not a list of layer sizes"),
    (["--hidden", "a"], "is not a list of layer sizes"),
    (["--epochs", "0"], "is not a positive whole number"),
    (["--samples", "1000000000"], "use at most 10,000"),
    (["--dataset", "mnist"], "invalid choice"),
])
def test_train_command_line_mistakes(capsys, tmp_path, extra, fragment):
    code, out, err = run(capsys, "train", *extra, "--out", str(tmp_path / "out"))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and fragment in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()  # refused before any work


@pytest.mark.parametrize("extra, fragment", [
    (["--activation", "swish"], "activation='swish' is unknown"),
    (["--loss", "nope"], "loss='nope' is unknown"),
    (["--lr", "-1"], "lr=-1.0 is out of range; use a finite number > 0"),
    (["--lr", "nan"], "lr=nan is not a finite number"),
    (["--max-nodes", "1"], "--max-nodes 1: a drawing needs at least 2 nodes"),
    # (2 + 1) * 4000 + (4000 + 1) * 4000 + (4000 + 1) * 3 outputs at most
    (["--hidden", "4000,4000"], "--hidden 4000,4000 makes about 16,028,003 parameters"),
])
def test_train_settings_are_refused_before_any_work_with_exit_code_2(capsys, tmp_path, extra,
                                                                      fragment):
    # Issue 10, item 16: exit 1 before, after training (--max-nodes) or a MemoryError.
    code, out, err = run(capsys, *SMALL, "--no-progress", *extra,
                         "--out", str(tmp_path / "run"))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and fragment in err and "Traceback" not in err
    assert not (tmp_path / "run").exists()  # refused before the folder was made


def test_training_that_fails_leaves_no_empty_folder(capsys, tmp_path):
    # a step of 1e308 sends the weights past the largest float in the second epoch
    code, out, err = run(capsys, *SMALL, "--no-progress", "--lr", "1e308",
                         "--out", str(tmp_path / "run"))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "training diverged at epoch" in err
    assert "try a smaller learning rate than 1e+308" in err and "pow(" not in err
    assert not (tmp_path / "run").exists()


def test_train_into_an_unusable_folder(capsys, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    code, out, err = run(capsys, *SMALL, "--out", str(blocker / "run"))
    assert code == 2 and out == "" and "does not exist" in err
    code, out, err = run(capsys, *SMALL, "--out", str(blocker))
    assert code == 2 and out == "" and "exists and is not a folder" in err


def test_train_makes_no_missing_parent_folders(capsys, tmp_path):
    # Issue 10, item 4: a typo in --out made every folder on the way.
    code, out, err = run(capsys, *SMALL, "--no-progress", "--out", str(tmp_path / "typo" / "run"))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "the folder" in err and "typo' does not exist" in err
    assert list(tmp_path.iterdir()) == []


def test_demo_through_the_installed_script(tmp_path):
    require_dot()
    done = subprocess.run([str(CHAINRULE), "demo", "--out", "demo"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    listed = [line.strip() for line in done.stdout.splitlines() if line.startswith("  ")]
    assert done.stdout.startswith("chainrule demo: training MLP(2 -> 8 tanh -> 8 tanh -> 1) "
                                  "on moons with hinge loss\n")  # as the pictures name it
    assert listed == ["demo/decision_boundary.png", "demo/loss.png", "demo/training.html",
                      "demo/graph.svg", "demo/neuron_steps.html"]
    assert (tmp_path / "demo/decision_boundary.png").read_bytes().startswith(PNG)
    assert "window.chainrule" in (tmp_path / "demo/training.html").read_text(encoding="utf-8")
    # the graph of one sample's loss, one box per neuron: 8 + 8 + 1 boxes
    graph = (tmp_path / "demo/graph.svg").read_text(encoding="utf-8")
    assert graph.count('class="node box"') == 8 + 8 + 1
    # each box says how much gradient reached its parameters: some, in every neuron
    reached = [float(html.unescape(g)) for g in re.findall(r"largest \|grad\| (\S+?)<", graph)]
    assert len(reached) == 8 + 8 + 1 and all(g > 0 for g in reached)
    page = (tmp_path / "demo/neuron_steps.html").read_text(encoding="utf-8")
    # out = tanh(x1*w1 + x2*w2 + b): 2 edges per product and per sum, 1 for tanh = 9 steps
    program = json.loads(page.split('class="program">', 1)[1].split("</script>", 1)[0])
    assert len(program["steps"]) == 9 and page.count("<svg") == 1  # one live diagram
    assert "dout/dw1 += dout/dv2 * x1" in program["lefts"]  # the output's own name


def test_train_without_matplotlib_stops_before_training(capsys, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib now fails
    code, out, err = run(capsys, *SMALL, "--out", str(tmp_path / "run"))
    assert code == 1 and out == ""  # no "after 3 epochs" line: nothing was trained
    assert err.count("\n") == 1 and "pip install 'chainrule[plot]'" in err


def test_a_file_that_cannot_be_written_after_training_is_one_line_naming_out(
        capsys, tmp_path, monkeypatch):
    # A FIFO put at model.json while the model trains (after the checks before training):
    # the files before it are written whole, the FIFO is left alone, nothing hangs.
    trained = nn.cli.fit

    def fit_then_block(*args, **kwargs):
        history = trained(*args, **kwargs)
        os.mkfifo(tmp_path / "model.json")
        return history

    monkeypatch.setattr(nn.cli, "fit", fit_then_block)
    with no_hang():
        code, out, err = run(capsys, *SMALL, "--no-progress", "--epochs", "1",
                             "--out", str(tmp_path))
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err
    assert "--out: cannot write '" in err and "model.json': it is a FIFO" in err
    assert stat.S_ISFIFO(os.lstat(tmp_path / "model.json").st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["decision_boundary.png", "loss.png", "training.html", "graph.svg", "model.json"])
    assert (tmp_path / "graph.svg").read_bytes().rstrip().endswith(b"</svg>")  # whole


def test_demo_refuses_an_output_file_it_cannot_write_before_training(capsys, tmp_path,
                                                                     monkeypatch):
    def no_training(*args, **kwargs):
        raise AssertionError("trained before checking the files it writes")

    monkeypatch.setattr(nn.cli, "fit", no_training)
    (tmp_path / "neuron_steps.html").symlink_to(tmp_path / "victim.txt")
    (tmp_path / "victim.txt").write_text("keep me")
    code, out, err = run(capsys, "demo", "--out", str(tmp_path))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "--out: cannot write" in err and "neuron_steps.html" in err and "a symlink" in err
    assert (tmp_path / "victim.txt").read_text() == "keep me"


def drawn_parameter_grads(path: Path) -> list[float]:
    """The grad of every parameter box in a rendered graph."""
    tree = ET.parse(path)
    found = []
    for node in tree.iter(f"{SVG}g"):
        if "parameter" in (node.get("class") or "").split():
            texts = [t.text or "" for t in node.iter(f"{SVG}text")]
            grad = next(text for text in texts if text.startswith("grad "))
            found.append(float(grad.removeprefix("grad ")))
    return found


def test_the_demo_graph_shows_gradient_on_every_parameter(capsys, tmp_path):
    require_dot()
    code, out, _ = run(capsys, "demo", "--full-graph", "--out", str(tmp_path))
    assert code == 0
    svg = tmp_path / "graph.svg"
    grads = drawn_parameter_grads(svg)
    assert len(grads) == (2 * 8 + 8) + (8 * 8 + 8) + (8 + 1)  # every parameter, drawn in full
    assert all(grad != 0.0 for grad in grads)
    title = " ".join(t.text or "" for t in ET.parse(svg).getroot().iter(f"{SVG}text")
                     if (t.text or "").startswith(("sample ", "the largest", "0", "1")))
    assert re.search(r"sample \d+: x0 = \S+, x1 = \S+, label [01]", title)
    assert "the largest hinge loss after training" in title and "> 0" in title



@pytest.mark.parametrize("command", ["train", "demo"])
def test_help_of_train_and_demo_speaks_to_the_user(capsys, command):
    # Before: `chainrule train --help` printed the module's docstring, written for developers
    # ("The `chainrule` command assembled: ... nn, matplotlib and graphviz are imported only here").
    assert main([command, "--help"]) == 0
    text = capsys.readouterr().out
    description = text.split("\n\n")[1]
    assert description.startswith("Train an MLP on ")
    assert "assembled" not in text and "imported only" not in text


def test_every_train_option_says_what_it_is_and_errors_name_the_option(capsys):
    # Before: --dataset, --optimizer and --epochs had no help, and --loss nope said "get_loss:".
    assert main(["train", "--help"]) == 0
    options = " ".join(capsys.readouterr().out.split("options:")[1].split())
    for option, words in [("--dataset", "(default moons)"), ("--optimizer", "(default adam)"),
                          ("--epochs", "passes over the data (default 40)")]:
        assert words in options[options.index(option + " "):][:120], option
    assert main(["train", "--loss", "nope", "--out", "never made"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("chainrule train: error: --loss: loss='nope' is unknown")
    assert not Path("never made").exists()


def test_an_empty_out_is_refused_not_read_as_the_current_folder(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["train", "--out", "", "--epochs", "1"]) == 2
    assert "--out: an empty name names no folder" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_bad_learning_rate_names_the_option(capsys):
    # Before: "SGD: lr=-1.0 ..." although the option is --lr (and the default optimizer Adam).
    assert main(["train", "--lr", "-1", "--out", "never made"]) == 2
    assert capsys.readouterr().err.startswith("chainrule train: error: --lr: lr=-1.0 is out of "
                                              "range; use a finite number > 0")

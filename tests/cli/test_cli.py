"""Tests for the `chainrule` command (autograd/cli/commands.py): in-process through main(), and end to end."""

import importlib.metadata
import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from autograd.cli import main
from nn.examples import NEURON_FORMULA, NEURON_INPUTS
from support_tools import require_dot

CHAINRULE = Path(sys.executable).parent / "chainrule"  # the venv's installed script


def run(capsys, *argv):
    """main(argv) in-process: (exit code, stdout, stderr)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_grad_prints_the_value_and_every_partial(capsys):
    code, out, err = run(capsys, "grad", "x*w + b", "x=2", "w=-3", "b=1")
    assert code == 0 and err == ""
    # f = xw + b: f = -5, df/dx = w, df/dw = x, df/db = 1
    assert out.splitlines() == ["x*w + b = -5.0", "  d/dx = -3.0", "  d/dw = 2.0", "  d/db = 1.0"]


def test_grad_of_a_neuron_matches_the_hand_derivation(capsys):
    values = [f"{name}={x!r}" for name, x in NEURON_INPUTS.items()]
    code, out, _ = run(capsys, "grad", NEURON_FORMULA, *values)
    assert code == 0
    lines = out.splitlines()
    # n = -6 + b = asinh(1), tanh(n) = 1/sqrt(2), 1 - tanh^2 = 1/2, df/dw1 = x1/2
    assert math.isclose(float(lines[0].rpartition("= ")[2]), 1 / math.sqrt(2), rel_tol=1e-11)
    partials = {line.split()[0]: float(line.split()[-1].lstrip("\u2248")) for line in lines[1:]}
    assert partials == pytest.approx({"d/dx1": -1.5, "d/dw1": 1.0, "d/dx2": 0.5, "d/dw2": 0.0,
                                      "d/db": 0.5}, rel=1e-12)
    assert lines[1] == "  d/dx1 = \u2248-1.5"  # -1.4999999999999996: float noise, said so


def test_grad_check_passes_on_a_smooth_formula(capsys):
    code, out, _ = run(capsys, "grad", "x*sin(y) + y**2/x", "x=0.7", "y=-1.3", "--check")
    assert code == 0
    assert out.count("central difference") == 2 and "differs" not in out
    assert out.splitlines()[-1].startswith("gradcheck passed")


def test_grad_check_fails_at_a_kink(capsys):
    # relu(x)*y at x = 0: backward uses relu'(0) = 0; the central difference is y/2 = 1.5
    code, out, _ = run(capsys, "grad", "relu(x)*y", "x=0", "y=3", "--check")
    assert code == 1
    d_dx = next(line for line in out.splitlines() if "d/dx" in line)
    assert "d/dx = 0.0" in d_dx and "central difference 1.5" in d_dx and "<-- differs" in d_dx
    assert "gradcheck FAILED" in out


def test_grad_check_names_the_kink_only_where_there_is_one(capsys):
    assert "relu at its kink (x = 0)" in run(capsys, "grad", "relu(x)*y", "x=0", "y=3",
                                              "--check")[1]
    # Zero tolerances fail any rounded slope; relu at x = 1 is far from its kink.
    code, out, _ = run(capsys, "grad", "relu(x)*y", "x=1", "y=3", "--check",
                       "--rtol=0", "--atol=0")
    assert code == 1 and "gradcheck FAILED" in out and "kink" not in out


@pytest.mark.parametrize("x", ["1e-5", "1e-7"])
def test_grad_check_of_log_near_zero_passes(capsys, x):
    # Before: a false failure at 1e-5 and an error about log(-5.96e-06) at 1e-7.
    code, out, err = run(capsys, "grad", "log(x)", f"x={x}", "--check")
    assert (code, err) == (0, "") and out.splitlines()[-1].startswith("gradcheck passed")
    # 1/x as the float computes it: 99999.99999999999 is shown as "≈100000.0" (not exact)
    assert f"d/dx = {1 / float(x):.1f}" in out.replace("≈", "")


def test_options_may_come_between_the_values(capsys):
    code, out, err = run(capsys, "grad", "x*w", "--check", "x=2", "w=-3")
    assert (code, err) == (0, "")
    # f = xw: df/dx = w = -3, df/dw = x = 2
    assert out.splitlines()[1].startswith("  d/dx = -3.0") and "d/dw = 2.0" in out


@pytest.mark.parametrize("tolerance", ["--rtol=-1", "--rtol=nan", "--atol=inf", "--atol=-0.5"])
def test_tolerances_must_be_finite_and_not_negative(capsys, tolerance):
    code, out, err = run(capsys, "grad", "x", "x=1", "--check", tolerance)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert tolerance.partition("=")[2] in err and "a finite number >= 0" in err


def test_grad_without_variables(capsys):
    code, out, _ = run(capsys, "grad", "2**3 - 1")
    assert code == 0 and out.splitlines()[0] == "2**3 - 1 = 7.0"


def test_steps_prints_forward_and_backward_tape(capsys):
    code, out, err = run(capsys, "steps", "x*w + b", "x=2", "w=-3", "b=1")
    assert code == 0 and err == ""
    lines = [line.strip() for line in out.splitlines()]
    assert "x = 2.0" in lines and "w = -3.0" in lines and "b = 1.0" in lines
    assert any(line.endswith("= -6.0") for line in lines)  # x * w
    assert any(line.endswith("= -5.0") for line in lines)  # + b
    assert any(line.startswith("dL/dx +=") and line.endswith("-> -3.0") for line in lines)
    assert any(line.startswith("dL/dw +=") and line.endswith("-> 2.0") for line in lines)


def test_steps_never_shows_a_number_as_a_whole_number_it_is_not(capsys):
    code, out, _ = run(capsys, "steps", "x*2", "x=1127.5")
    lines = [line.strip() for line in out.splitlines()]
    assert code == 0 and "x = 1127.5" in lines and "v1 = x * 2 = 2255.0" in lines
    code, out, _ = run(capsys, "steps", "x*(1-x)", "x=0.99999876", "--digits", "1")
    lines = [line.strip() for line in out.splitlines()]
    assert code == 0 and "x = 1.0 - 1.24e-06" in lines and "v1 = 1 - x = 1e-06" in lines


def test_steps_markdown_is_tables(capsys):
    code, out, _ = run(capsys, "steps", "x*x", "x=3", "--markdown")
    assert code == 0
    rows = [line for line in out.splitlines() if line.startswith("|")]
    assert len(rows) >= 6  # two headers, two rules, and the steps
    assert any("6.0" in row for row in rows)  # d(x*x)/dx = 2x = 6


def test_version_is_the_installed_distribution(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.strip() == f"chainrule {importlib.metadata.version('chainrule')}"


def test_no_arguments_prints_help(capsys):
    code, out, _ = run(capsys)
    assert code == 0 and "grad" in out and "steps" in out and "draw" in out


# (argv, exit code, a fragment of the one-line error)
MISTAKES = [
    (["grad", "x.real", "x=1"], 2, "attribute access"),
    (["grad", "__import__('os').system('echo hacked')"], 2, "by plain name"),
    (["grad", "9**9**9"], 2, "overflows"),
    (["grad", "x" * 5000], 2, "more than 1000"),
    (["grad", " " + "-" * 500 + "x", "x=1"], 2, "nests more than 200"),
    (["grad", "y = x = 2"], 2, "assignment"),
    (["grad", "x*w + b", "x=1"], 2, "no value for w, b"),
    (["grad", "x*w", "x=1", "w=2", "z=3"], 2, "'z' not used"),
    (["grad", "x*w", "x=abc", "w=2"], 2, "'abc' is not a finite number"),
    (["grad", "x*w", "x", "w=2"], 2, "write NAME=NUMBER"),
    (["grad", "x*w", "x=1", "x=2", "w=2"], 2, "'x=2': 'x' is given twice"),
    (["grad", "x", "x=" + "9" * 100_000], 2, "(100,002 characters): '999"),
    (["grad", "x*w", "x=nan", "w=2"], 2, "not a finite number"),
    (["grad", "log(x)", "x=-1"], 2, "log(-1.0)"),
    (["grad", "exp(x)", "x=1000"], 2, "exp(1000.0)"),
    (["grad", "x/y", "x=1", "y=0"], 2, "division by zero"),
    (["grad", "exp(x)*y", "x=700", "y=1e300"], 2, "not a finite float"),
    # 1e200 * sqrt(x) = 1e75 but d/dx = 1e200 / (2 sqrt(x)) = 5e324 > the largest float
    (["grad", "1e200 * sqrt(x)", "x=1e-250"], 1, "is not a finite float"),
    (["grad", "-x*y", "x=1", "y=2"], 2, "needs a leading space"),
    (["grad", "x", "x=1", "--rtol", "abc"], 2, "'abc' is not a finite number >= 0"),
    (["grad"], 2, "required: EXPR"),
    (["frobnicate"], 2, "invalid choice"),
    (["steps", "x[0]", "x=1"], 2, "indexing"),
]


@pytest.mark.parametrize("argv, exit_code, fragment", MISTAKES)
def test_mistakes_are_one_line_on_stderr(capsys, argv, exit_code, fragment):
    code, out, err = run(capsys, *argv)
    assert code == exit_code
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("chainrule")
    assert ": error: " in err and fragment in err and "Traceback" not in err


def test_installed_script_end_to_end():
    done = subprocess.run([str(CHAINRULE), "grad", "x**3", "x=2"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.splitlines() == ["x**3 = 8.0", "  d/dx = 12.0"]  # 3 x^2 = 12


def test_installed_script_refuses_code_without_a_traceback():
    done = subprocess.run([str(CHAINRULE), "grad", "().__class__.__base__", "x=1"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "attribute access" in done.stderr
    assert "Traceback" not in done.stderr


def test_python_dash_m_autograd_cli_runs_the_formula_command():
    done = subprocess.run([sys.executable, "-m", "autograd.cli", "grad", "sigmoid(x)", "x=0"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert done.stdout.splitlines() == ["sigmoid(x) = 0.5", "  d/dx = 0.25"]  # s (1 - s)


def test_a_reader_that_stops_early_is_not_an_error():
    # Before: `chainrule steps ... | head -1` could end with "error: cannot write Broken pipe".
    # The reading end is closed before the command writes anything, so its first
    # write meets a closed pipe, as after `head -1` has read its line.
    reader = subprocess.Popen([sys.executable, "-m", "autograd.cli", "steps", "x*w + b", "x=2",
                               "w=-3", "b=1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    reader.stdout.close()
    error = reader.stderr.read()
    # 141 = 128 + SIGPIPE, as the shell reports `cat` stopped by `| head`; not 1, which
    # means that gradcheck failed.
    assert reader.wait(timeout=60) == 141 and error == b""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_a_full_disk_under_stdout_is_one_line_that_says_what_failed():
    # Before: "cannot write No space left on device" (no word for what could not be written).
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "autograd.cli", "grad", "x*w", "x=1",
                               "w=2"], stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr == ("chainrule grad: error: cannot write the output: "
                           "No space left on device\n")


# --- chainrule draw ---------------------------------------------------------------

DRAW = ["draw", "x*w + b", "x=2", "w=-3", "b=1"]


def test_draw_prints_dot_with_the_grads(capsys):
    code, out, err = run(capsys, *DRAW)
    assert code == 0 and err == ""
    assert out.startswith("digraph")
    assert "x*w + b" in out  # the title
    assert "grad -3.0" in out and "grad 2.0" in out  # dL/dx = w, dL/dw = x


def test_draw_no_grad_leaves_the_grads_out(capsys):
    code, out, _ = run(capsys, *DRAW, "--no-grad")
    assert code == 0 and out.startswith("digraph") and "grad -3.0" not in out


def test_draw_dot_file_is_the_printed_dot(capsys, tmp_path):
    _, printed, _ = run(capsys, *DRAW)
    target = tmp_path / "graph.dot"
    code, out, _ = run(capsys, *DRAW, "-o", str(target))
    assert code == 0 and out == f"wrote {target}\n"
    assert target.read_text(encoding="utf-8") == printed  # deterministic, and the same text


@pytest.mark.parametrize("suffix, magic", [
    (".svg", (b"<?xml", b"<svg")), (".png", (b"\x89PNG\r\n\x1a\n",)), (".pdf", (b"%PDF",))])
def test_draw_renders_each_format(capsys, tmp_path, suffix, magic):
    require_dot()
    target = tmp_path / f"graph{suffix}"
    code, out, err = run(capsys, *DRAW, "-o", str(target), "--local-grads")
    assert code == 0 and err == "" and out == f"wrote {target}\n"
    assert target.read_bytes().startswith(magic)


def test_draw_steps_page_shows_every_step(capsys, tmp_path):
    require_dot()
    page = tmp_path / "steps.html"
    code, out, _ = run(capsys, *DRAW, "--steps", str(page))
    assert code == 0 and out == f"wrote {page}\n"
    html = page.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html")
    assert html.count("<svg") == 1  # one diagram; the script shows each step on it
    steps = json.loads(html.split('class="program">', 1)[1].split("</script>", 1)[0])
    assert len(steps["steps"]) == 4  # one step per edge: x, w, x*w, b
    assert "dL/dx += dL/dv2 * w" in steps["lefts"]


def test_draw_steps_gif_and_svg_folder(capsys, tmp_path):
    require_dot()
    from PIL import Image
    gif, folder = tmp_path / "steps.gif", tmp_path / "frames"
    assert run(capsys, *DRAW, "--steps", str(gif))[0] == 0
    with Image.open(gif) as image:
        assert image.format == "GIF" and image.n_frames == 5
    code, out, _ = run(capsys, *DRAW, "--steps", str(folder))
    assert code == 0 and out == f"wrote {folder} (5 SVG frames)\n"
    frames = sorted(folder.iterdir())
    assert len(frames) == 5 and all(f.read_bytes().startswith(b"<?xml") for f in frames)


def test_draw_without_dot_program_is_one_line(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no dot on this PATH
    code, out, err = run(capsys, *DRAW, "-o", str(tmp_path / "graph.svg"))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "needs Graphviz's dot program" in err
    assert "apt-get install" in err and not (tmp_path / "graph.svg").exists()


@pytest.mark.parametrize("steps", ["steps.html", "steps.gif", "frames"])
def test_steps_without_dot_program_leave_nothing_behind(capsys, tmp_path, monkeypatch, steps):
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))  # no dot on this PATH
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / steps
    code, out, err = run(capsys, *DRAW, "--steps", str(target))
    assert code == 1 and out == "" and err.count("\n") == 1
    assert "dot" in err and "apt-get install" in err
    assert list((tmp_path / "out").iterdir()) == []  # no file, no empty frames folder


@pytest.mark.parametrize("output", [["-o", "graph.svg"], ["--steps", "steps.html"]])
def test_dot_failing_is_one_line_with_its_message(capsys, tmp_path, monkeypatch, output):
    fake = tmp_path / "bin" / "dot"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\necho 'Error: out of memory' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(fake.parent))
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *DRAW, *output)
    assert code == 1 and out == "" and err.count("\n") == 1
    assert f"cannot write '{output[1]}'" in err and "Traceback" not in err
    assert not (tmp_path / output[1]).exists()


@pytest.mark.parametrize("extra, exit_code, fragment", [
    (["-o", "graph.jpg"], 2, "-o: cannot write 'graph.jpg': the name must end in .dot"),
    (["--steps", "steps.txt"], 2, "--steps: cannot write the steps to 'steps.txt': use a name "
                                  "ending in .html or .gif"),
    (["--steps", "steps.html", "--no-grad"], 2, "leave out --no-grad"),
    (["--rankdir", "XY"], 2, "invalid choice"),
])
def test_draw_mistakes_are_one_line(capsys, tmp_path, monkeypatch, extra, exit_code, fragment):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *DRAW, *extra)
    assert code == exit_code and out == ""
    assert err.count("\n") == 1 and fragment in err and "Traceback" not in err


def test_draw_into_an_unwritable_place_is_one_line(capsys, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    code, _, err = run(capsys, *DRAW, "-o", str(blocker / "graph.dot"))
    # 2, as for every output path refused before any work (a FIFO, a folder, a bad suffix)
    assert code == 2 and err.count("\n") == 1 and "cannot write" in err


def test_draw_without_the_graphviz_package_is_one_line(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "graphviz", None)  # import graphviz now fails
    code, out, err = run(capsys, *DRAW)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "chainrule[draw]" in err


@pytest.mark.parametrize("name, words", [
    ("steps.txt", "--html 'steps.txt': name a .html file, e.g. --html steps.html"),
    ("missing/steps.html", "--html: cannot write"),
    (".", "--html '.': name a .html file"),
])
def test_steps_html_is_checked_before_anything_is_printed(capsys, tmp_path, monkeypatch, name,
                                                           words):
    # Before: the whole tape was printed, then the error came, with a hint about .gif
    # and folders, which --html does not take.
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "steps", "x*w", "x=1", "w=2", "--html", name)
    assert code == 2 and out == "" and words in err and ".gif" not in err
    assert err.count("\n") == 1 and list(tmp_path.iterdir()) == []


def test_tolerances_without_check_are_refused_not_ignored(capsys):
    # Before: `grad ... --rtol 0.1` printed the gradients and ignored --rtol.
    code, out, err = run(capsys, "grad", "x*x", "x=1", "--rtol", "0.1")
    assert code == 2 and out == ""
    assert err == "chainrule grad: error: --rtol and --atol are gradcheck's tolerances: add --check\n"
    code, out, err = run(capsys, "grad", "x*x", "x=1", "--rtol", "0.1", "--check")
    assert code == 0 and "gradcheck passed (rtol=0.1, atol=1e-07)" in out


@pytest.mark.parametrize("argv, words", [
    (["draw", "x*w", "x=1", "w=2", "-o", "graph.svg/"], "-o/--output: 'graph.svg/' is not a file"),
    (["draw", "x*w", "x=1", "w=2", "-o", ""], "-o/--output: '' is not a file name"),
    (["draw", "x*w", "x=1", "w=2", "--steps", ""], "--steps: an empty name names no folder"),
    (["steps", "x*w", "x=1", "w=2", "--html", " "], "--html: ' ' is not a file name"),
])
def test_an_empty_name_or_a_trailing_slash_is_not_read_as_another_path(capsys, tmp_path,
                                                                        monkeypatch, argv, words):
    # Before: "-o graph.svg/" wrote graph.svg, and "" meant the current folder.
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and words in err and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("argv, prog", [(["grad", "x", "x=1", "--bogus"], "chainrule grad"),
                                        (["--bogus"], "chainrule")])
def test_an_unknown_option_is_reported_by_the_subcommand_that_was_given(capsys, argv, prog):
    # Before: "chainrule: error: unrecognized arguments: --bogus (see chainrule --help)".
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err == f"{prog}: error: unrecognized arguments: --bogus (see {prog} --help)\n"

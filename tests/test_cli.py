"""Tests for the `chainrule` command (autograd/cli.py): in-process through main(), and end to end."""

import importlib.metadata
import math
import subprocess
import sys
from pathlib import Path

import pytest

from autograd.cli import main

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
    code, out, _ = run(capsys, "grad", "tanh(x1*w1 + x2*w2 + b)",
                       "x1=2", "w1=-3", "x2=0", "w2=1", "b=6.8813735870195432")
    assert code == 0
    lines = out.splitlines()
    # n = -6 + b = asinh(1), tanh(n) = 1/sqrt(2), 1 - tanh^2 = 1/2, df/dw1 = x1/2
    assert math.isclose(float(lines[0].rpartition("= ")[2]), 1 / math.sqrt(2), rel_tol=1e-11)
    partials = {line.split()[0]: float(line.split()[-1]) for line in lines[1:]}
    assert partials == {"d/dx1": -1.5, "d/dw1": 1.0, "d/dx2": 0.5, "d/dw2": 0.0, "d/db": 0.5}


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
    (["grad", "x = 2"], 2, "assignment"),
    (["grad", "x*w + b", "x=1"], 2, "no value for w, b"),
    (["grad", "x*w", "x=1", "w=2", "z=3"], 2, "z not used"),
    (["grad", "x*w", "x=abc", "w=2"], 2, "'abc' is not a finite number"),
    (["grad", "x*w", "x", "w=2"], 2, "write NAME=NUMBER"),
    (["grad", "x*w", "x=1", "x=2", "w=2"], 2, "x is given twice"),
    (["grad", "x*w", "x=nan", "w=2"], 2, "not a finite number"),
    (["grad", "log(x)", "x=-1"], 2, "log(-1.0)"),
    (["grad", "exp(x)", "x=1000"], 2, "exp(1000.0)"),
    (["grad", "x/y", "x=1", "y=0"], 2, "division by zero"),
    (["grad", "exp(x)*y", "x=700", "y=1e300"], 2, "not a finite float"),
    (["grad", "-x*y", "x=1", "y=2"], 2, "needs a leading space"),
    (["grad", "x", "x=1", "--rtol", "abc"], 2, "invalid float value"),
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


def test_python_dash_m_autograd_runs_the_command():
    done = subprocess.run([sys.executable, "-m", "autograd", "grad", "sigmoid(x)", "x=0"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert done.stdout.splitlines() == ["sigmoid(x) = 0.5", "  d/dx = 0.25"]  # s (1 - s)

"""Named steps, parameters, constants and the live page from the command line
(autograd/cli/program.py and `chainrule steps`)."""

import json
import math
import re

import pytest

from autograd.cli import main
from autograd.cli.program import parse_program
from autograd.cli.whitelist import ExpressionError
from support_tools import require_dot


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_slides_example_names_every_step_and_the_output(capsys, tmp_path):
    require_dot()
    page = tmp_path / "steps.html"
    code, out, err = run(capsys, "steps", "q = x + y; f = q * z", "x=-2", "y=5", "z=-4",
                         "--params", "z", "--html", str(page))
    assert code == 0 and err == f"wrote {page}\n"
    lines = [line.strip() for line in out.splitlines()]
    # q = 3, f = -12; df/dq = z = -4, df/dz = q = 3, df/dx = df/dy = df/dq * 1 = -4
    assert "q = x + y = 3.0" in lines and "f = q * z = -12.0" in lines
    assert "df/df = 1.0   (seed)" in lines
    assert "df/dz += df/df * q = 1.0 * 3.0 -> 3.0" in lines
    assert "df/dx += df/dq * 1 = -4.0 * 1.0 -> -4.0" in lines
    data = json.loads(re.search(r'class="program">(.*?)</script>', page.read_text(),
                                flags=re.S).group(1))
    roles = {node["name"]: node["role"] for node in data["nodes"]}
    assert roles == {"x": "input", "y": "input", "q": "intermediate", "z": "parameter",
                     "f": "output"}


def test_an_unnamed_output_is_called_L(capsys):
    code, out, _ = run(capsys, "steps", "x * y", "x=2", "y=3")
    assert code == 0
    assert "dL/dx += dL/dv2 * y = 1.0 * 3.0 -> 3.0" in out


def test_pi_and_e_are_constants(capsys):
    code, out, _ = run(capsys, "grad", "2*pi*r + e", "r=1")
    assert code == 0
    assert out.splitlines()[1] == f"  d/dr = {2 * math.pi:.12g}"
    program = parse_program("sin(pi * x) + e")
    assert program.variables == ("x",) and set(program.constants) == {"pi", "e"}
    assert program.evaluate(x=0.5).data == math.sin(math.pi * 0.5) + math.e
    with pytest.raises(ExpressionError, match="pi is the constant 3.141592653589793 here"):
        program.evaluate(x=1, pi=3)


@pytest.mark.parametrize("text, message", [
    ("q = x + y; q * 2; f = q", "column 12: step 2 'q * 2' has no name"),
    ("x = x + 1", "x is used in its own step"),
    ("q = x; q = 2 * x", "column 8: q is already a step"),
    ("y = 2 * x; x = 3", "x is already an input"),
    ("exp = 2 * x", "exp is a function"),
    ("pi = 3", "pi is a constant"),
    ("q = x +; f = q", "column 8: syntax error"),
])
def test_a_wrong_program_is_one_line_error_with_its_column(text, message):
    with pytest.raises(ExpressionError, match=re.escape(message)):
        parse_program(text)


def test_bad_params_and_digits_are_one_line_errors(capsys):
    code, _, err = run(capsys, "steps", "x * w", "x=1", "w=2", "--params", "b")
    assert code == 2
    assert err == ("chainrule steps: error: --params b: not a variable of the formula "
                   "(its variables: x, w)\n")
    code, _, err = run(capsys, "steps", "x * w", "x=1", "w=2", "--digits", "30")
    assert code == 2 and "'30' is not a whole number from 1 to 17" in err
    code, out, _ = run(capsys, "steps", "x / 3", "x=1", "--digits", "8")
    assert code == 0 and "v1 = x / 3 = 0.33333333" in out  # 3 is a constant of the node
    code, _, err = run(capsys, "steps", "x * w", "x=1", "w=2", "--html", "page.gif")
    assert code == 2 and "name a .html file" in err


def test_the_module_example_runs():
    from autograd.cli import program
    from support_tools import examples_pass
    assert examples_pass(program)

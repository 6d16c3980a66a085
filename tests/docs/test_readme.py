"""The README's Python examples run as shown and print what they say."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)


def run(code: str, tmp_path: Path) -> str:
    script = tmp_path / "example.py"
    script.write_text(code, encoding="utf-8")
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                            timeout=120, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_readme_has_examples() -> None:
    assert len(BLOCKS) >= 1


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_every_python_example_runs(index: int, tmp_path: Path) -> None:
    run(BLOCKS[index], tmp_path)


def test_the_ten_line_example_prints_the_hand_derived_numbers(tmp_path: Path) -> None:
    # out = tanh(2*(-3) + 0*1 + 6.8813735870195432) = tanh(0.88137...) = 1/sqrt(2);
    # dout/dn = 1 - out^2 = 1/2, so dout/dw1 = x1 / 2 = 1 and dout/dx1 = w1 / 2 = -1.5.
    ten_lines = next(block for block in BLOCKS if "out.backward()" in block)
    assert len([line for line in ten_lines.splitlines() if line.strip()]) <= 10
    printed = run(ten_lines, tmp_path).splitlines()
    assert printed == ["out = 0.7071", "dout/dw1 = 1.0000, dout/dx1 = -1.5000"]


def console_examples() -> list[tuple[str, str]]:
    """(command, expected output) for every `$ chainrule ...` line in the README."""
    examples = []
    for block in re.findall(r"```console\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL):
        for chunk in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
            command, _, output = chunk.partition("\n")
            examples.append((command, output.rstrip("\n")))
    return examples


@pytest.mark.parametrize("command, expected", console_examples())
def test_console_examples_print_what_the_readme_shows(command: str, expected: str,
                                                      tmp_path: Path) -> None:
    import shlex

    from support_tools import require_dot
    if "-o " in command:
        require_dot()
    words = shlex.split(command)
    assert words[0] == "chainrule"
    script = Path(sys.executable).with_name("chainrule")
    result = subprocess.run([str(script), *words[1:]], capture_output=True, text=True,
                            timeout=120, cwd=tmp_path)
    assert (result.stdout + result.stderr).rstrip("\n") == expected

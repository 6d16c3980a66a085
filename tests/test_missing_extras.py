"""Without an optional extra, what needs it says so in one line with the command.

`make demo` installs the draw, plot and progress extras but not `test`, so the
README's derivative-testing section must not end in hypothesis' bare
ModuleNotFoundError. A package set to None in sys.modules cannot be imported
and is not found, as on a machine without it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

import nn
from autograd import Value
from autograd.draw import draw
from autograd.draw.page import StepsPage
from autograd.testing import check_op
from autograd.trace import record

README = Path(__file__).resolve().parents[1] / "README.md"
TEST_HINT = ('needs {}, from the test extra, which is not installed; install it with '
             'pip install -e ".[test]" in chainrule\'s folder')


def without(monkeypatch: pytest.MonkeyPatch, *packages: str) -> None:
    """Make `packages` (and our modules that import them) as if never installed."""
    for name in packages:
        monkeypatch.setitem(sys.modules, name, None)
    for name in ("autograd.testing.strategies", "autograd.testing.symbolic"):
        monkeypatch.delitem(sys.modules, name, raising=False)


def one_line(error: BaseException) -> str:
    text = str(error)
    assert "\n" not in text
    return text


def test_the_readme_check_op_example_says_which_extra_it_needs(monkeypatch):
    without(monkeypatch, "hypothesis", "sympy")
    example = next(block for block in re.findall(r"```python\n(.*?)```",
                                                 README.read_text(encoding="utf-8"), re.S)
                   if "check_op(my_tanh" in block)
    with pytest.raises(ModuleNotFoundError) as caught:
        exec(compile(example, "README example", "exec"), {})
    assert one_line(caught.value) == "check_op: " + TEST_HINT.format("hypothesis and sympy")


def test_check_op_asks_for_sympy_only_with_a_sympy_formula(monkeypatch):
    without(monkeypatch, "hypothesis")
    with pytest.raises(ModuleNotFoundError, match="^check_op: needs hypothesis, from"):
        check_op(lambda x: (x, (1.0,)))


@pytest.mark.parametrize("module, package", [("strategies", "hypothesis"),
                                             ("symbolic", "sympy")])
def test_importing_a_module_that_needs_the_extra_is_one_line(monkeypatch, module, package):
    without(monkeypatch, package)
    with pytest.raises(ModuleNotFoundError) as caught:
        __import__(f"autograd.testing.{module}")
    assert one_line(caught.value) == f"autograd.testing.{module}: " + TEST_HINT.format(package)


def test_the_readme_says_which_extra_testing_needs_and_how_to_install_it():
    section = README.read_text(encoding="utf-8").split("## Testing derivatives")[1]
    introduction = section.split("###")[0]
    assert "`test` extra" in introduction and 'pip install -e ".[test]"' in introduction


@pytest.mark.parametrize("make", [
    lambda: draw(Value(1.0, "x")),
    lambda: nn.draw_network(nn.MLP(2, [1], seed=0)),
    lambda: StepsPage(record(Value(1.0, "x") * 2)),
], ids=["draw", "draw_network", "StepsPage"])
def test_drawing_without_the_graphviz_package_is_one_line(monkeypatch, make):
    monkeypatch.setitem(sys.modules, "graphviz", None)
    with pytest.raises(ImportError) as caught:
        make()
    text = one_line(caught.value)
    assert "graphviz" in text and "[draw]" in text and "pip install" in text

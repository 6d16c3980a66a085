"""The layout's import directions, read from the source with `ast`.

    core (autograd/*.py)  <-  autograd.draw, autograd.testing, autograd.cli  <-  nn

The core imports only the standard library, even lazily inside a function;
drawing and testing never import each other; nothing in autograd imports nn;
nobody imports a private name (`_x`) of another package; no module imports
its own package's `__init__` (it imports the sibling module instead). And
`import autograd` / `import nn` load nothing outside the standard library.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import autograd

ROOT = Path(autograd.__file__).parent.parent
PACKAGES = ("autograd", "autograd.draw", "autograd.testing", "autograd.cli", "nn")

# Which of our packages each package may import, and which third-party packages.
ALLOWED = {
    "autograd": ({"autograd"}, set()),
    "autograd.draw": ({"autograd", "autograd.draw"}, {"graphviz", "PIL"}),
    "autograd.testing": ({"autograd", "autograd.testing"}, {"hypothesis", "sympy", "mpmath"}),
    "autograd.cli": ({"autograd", "autograd.cli", "autograd.draw"}, set()),
    "nn": ({"autograd", "autograd.draw", "autograd.cli", "nn"},
           {"graphviz", "matplotlib", "PIL", "tqdm", "IPython"}),  # PIL: a matplotlib dependency
}


def _package(module: str) -> str:
    """The package of ours a dotted module name belongs to ('autograd' for the core)."""
    parts = module.split(".")
    if parts[0] == "autograd" and len(parts) > 1 and f"autograd.{parts[1]}" in PACKAGES:
        return f"autograd.{parts[1]}"
    return parts[0]


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(package: str, name: str) -> bool:
    folder = ROOT.joinpath(*package.split("."))
    return (folder / f"{name}.py").exists() or (folder / name / "__init__.py").exists()


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """Every (module, names) imported anywhere in the file, relative imports resolved."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [alias.name for alias in node.names]
            if not node.level:
                found.append((node.module, names))
                continue
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            target = f"{base}.{node.module}" if node.module else base
            if node.module is None:  # from . import x, y: submodules, or names of the __init__
                found += [(f"{target}.{n}", []) for n in names if _is_module(target, n)]
                rest = [n for n in names if not _is_module(target, n)]
                if rest:
                    found.append((target, rest))
            else:
                found.append((target, names))
    return found


def _source_files() -> list[Path]:
    return sorted(p for top in ("autograd", "nn") for p in (ROOT / top).rglob("*.py"))


def _problems(path: Path) -> list[str]:
    module = _module_name(path)
    own = _package(module)
    ours, third_party = ALLOWED[own]
    own_init = module if path.name == "__init__.py" else module.rpartition(".")[0]
    problems = []
    for target, names in _imports(path):
        top = target.split(".")[0]
        if top in ("autograd", "nn"):
            if _package(target) not in ours:
                problems.append(f"{module} may not import {target}")
            if target == own_init and path.name != "__init__.py":
                problems.append(f"{module} may not import {target} (its own package's "
                                f"__init__): import the sibling module that defines "
                                f"{', '.join(names)}")
            if _package(target) != own:
                private = [n for n in names if n.startswith("_") and not n.endswith("__")]
                if private:
                    problems.append(f"{module} may not import {target}.{private[0]} "
                                    f"(a private name of another package)")
        elif top not in sys.stdlib_module_names and top != "__future__":
            if top not in third_party:
                problems.append(f"{module} may not import {target}")
    return problems


@pytest.mark.parametrize("path", _source_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_run_downward_only(path: Path) -> None:
    assert _problems(path) == []


def test_the_checker_catches_each_kind_of_wrong_import(tmp_path: Path, monkeypatch) -> None:
    """The checker itself: each forbidden import in a planted file is reported."""
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    (tmp_path / "autograd" / "draw").mkdir(parents=True)
    (tmp_path / "autograd" / "__init__.py").write_text("")
    (tmp_path / "autograd" / "value.py").write_text("")
    (tmp_path / "autograd" / "draw" / "__init__.py").write_text("")
    planted = {
        "autograd/engine.py": ("def f():\n    import nn\n", "autograd.engine may not import nn"),
        "autograd/ops.py": ("import sympy\n", "autograd.ops may not import sympy"),
        "autograd/draw/graph.py": ("from autograd.testing import check\n",
                                   "autograd.draw.graph may not import autograd.testing"),
        "autograd/draw/frames.py": ("from . import draw\n",
                                    "autograd.draw.frames may not import autograd.draw "
                                    "(its own package's __init__)"),
        "autograd/draw/page.py": ("from autograd.value import _node\n",
                                  "may not import autograd.value._node"),
    }
    for name, (source, expected) in planted.items():
        (tmp_path / name).write_text(source)
        assert any(expected in problem for problem in _problems(tmp_path / name)), name


def test_the_core_stays_small() -> None:
    core = sorted(p.name for p in (ROOT / "autograd").glob("*.py"))
    assert len(core) <= 14, core


@pytest.mark.parametrize("path", _source_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_is_over_300_lines(path: Path) -> None:
    assert len(path.read_text().splitlines()) <= 300


# Imports the package, exercises the engine, and prints every module outside
# the standard library that this loaded (modules the interpreter loaded at
# startup, such as an editable install's finder, are not counted).
LOADED_MODULES = textwrap.dedent("""
    import sys
    at_startup = set(sys.modules)
    import {package}
    import autograd
    x = autograd.Value(0.5)
    y = (x * x + x.sin()).sigmoid() / autograd.maximum(x, 0.1) ** 2
    y.backward()
    autograd.gradcheck(lambda a, b: a.gelu() * b.softplus(), 0.3, -0.2)
    for name in sorted(set(sys.modules) - at_startup):
        top = name.split(".")[0]
        if top not in sys.stdlib_module_names and top not in ("autograd", "nn"):
            print(name)
""")


@pytest.mark.parametrize("package", ["autograd", "nn", "autograd.draw", "autograd.testing",
                                     "autograd.cli"])
def test_importing_a_package_loads_no_third_party_module(package: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", LOADED_MODULES.format(package=package)],
                            capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == []

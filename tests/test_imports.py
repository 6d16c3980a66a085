"""The pure-Python core: `import autograd` (and `import nn`) load only the
standard library, and the engine's modules never import drawing, plotting,
hypothesis or nn, not even lazily inside a function.
"""

import ast
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import autograd

ENGINE_MODULES = ["__init__.py", "ops.py", "value.py", "engine.py", "gradcheck.py",
                  "functions.py"]
# Never imported by the engine: the layers above it and the optional packages.
FORBIDDEN_IN_ENGINE = {"graphviz", "matplotlib", "tqdm", "hypothesis", "numpy", "torch", "nn",
                       "autograd.draw", "autograd.trace", "autograd.strategies", "autograd.cli"}

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


def _source_root() -> str:
    return str(Path(autograd.__file__).parent.parent)


@pytest.mark.parametrize("package", ["autograd", "nn"])
def test_importing_the_package_loads_no_third_party_module(package):
    env = {**os.environ, "PYTHONPATH": _source_root()}
    result = subprocess.run([sys.executable, "-c", LOADED_MODULES.format(package=package)],
                            capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == []


def _imported_names(path: Path) -> set[str]:
    """Every module named in an import statement anywhere in the file."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # from .x import y, inside the autograd package
                base = "autograd" + ("." + node.module if node.module else "")
                names.add(base)
                names.update(f"{base}.{alias.name}" for alias in node.names)
            else:
                names.add(node.module)
    return names


@pytest.mark.parametrize("module", ENGINE_MODULES)
def test_the_engine_never_imports_drawing_plotting_hypothesis_or_nn(module):
    path = Path(autograd.__file__).parent / module
    imported = _imported_names(path)
    for name in imported:
        top_levels = {name.split(".")[0], ".".join(name.split(".")[:2])}
        assert not top_levels & FORBIDDEN_IN_ENGINE, f"{module} imports {name}"


@pytest.mark.parametrize("module", ENGINE_MODULES)
def test_the_engine_imports_only_the_standard_library_at_module_level(module):
    tree = ast.parse((Path(autograd.__file__).parent / module).read_text())
    for node in tree.body:
        if isinstance(node, ast.Import):
            tops = {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level:
            tops = {node.module.split(".")[0]}
        else:
            continue
        assert tops <= sys.stdlib_module_names | {"__future__"}, f"{module} imports {tops}"

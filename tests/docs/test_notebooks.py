"""The teaching notebooks, as a learner meets them.

Each lesson's source (notebooks/src/NN_name.py) is built into a fresh notebook
and executed in a temporary directory: no cell may fail, the lesson must run
in under a minute and show its diagrams and plots. The committed notebook
(notebooks/NN_name.ipynb, with outputs, so the pictures show on a code host)
must have the same cells as its source, all executed. Rebuild the committed
notebooks with `python notebooks/build.py`.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parents[2]


def _load_builder() -> Any:
    spec = importlib.util.spec_from_file_location("notebook_builder", ROOT / "notebooks" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _load_builder()
SOURCES = build.sources()
SECONDS_PER_NOTEBOOK = 60

# The pictures (PNG plots, SVG diagrams, pages with inline SVG) each lesson shows.
PICTURES = {
    "01_derivatives_and_the_chain_rule": 3,
    "02_backprop_step_by_step": 5,
    "03_logic_gates_and_xor": 8,
    "04_two_layer_network_gradients": 3,
    "05_initialization_and_symmetry": 5,
    "06_training_an_mlp": 14,
    "07_property_based_testing": 2,
    "08_regression_and_universal_approximation": 4,
    "09_from_scalars_to_tensors": 3,
    "10_activations_kinks_and_the_perceptron": 1,
    "11_softmax_jacobians_and_shapes": 0,
    "12_the_decks_worked_examples_checked": 0,
    "13_training_practice_from_the_decks": 2,
}


def pictures(notebook: Any) -> int:
    """How many outputs are images or HTML holding an inline SVG."""
    count = 0
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data or "image/svg+xml" in data or "<svg" in data.get("text/html", ""):
                count += 1
    return count


def errors(notebook: Any) -> list[str]:
    """The error outputs of a notebook, as 'cell id: ErrorName'."""
    return [f"{cell.get('id')}: {output.get('ename')}"
            for cell in notebook.cells for output in cell.get("outputs", [])
            if output.get("output_type") == "error"]


def test_every_lesson_is_there() -> None:
    assert [source.stem for source in SOURCES] == list(PICTURES)


def test_cells_are_read_from_the_markers() -> None:
    text = "# %% [markdown]\n# # Title\n#\n# Some *text*.\n\n# %%\nx = 1\n\nprint(x)\n"
    assert build.parse_cells(text) == [("markdown", "# Title\n\nSome *text*."),
                                       ("code", "x = 1\n\nprint(x)")]


def test_a_markdown_line_without_its_hash_is_refused() -> None:
    with pytest.raises(ValueError, match="line 2: a markdown line must start with '# '"):
        build.parse_cells("# %% [markdown]\nplain text\n")


@pytest.mark.parametrize("source", SOURCES, ids=lambda source: source.stem)
def test_notebook_runs_in_under_a_minute_and_shows_its_pictures(source: Path,
                                                                tmp_path: Path) -> None:
    notebook = build.new_notebook(source)
    try:
        seconds = build.execute(notebook, tmp_path, timeout=SECONDS_PER_NOTEBOOK)
    except CellExecutionError as error:
        pytest.fail(f"{source.name}: a cell failed:\n{error}")
    assert seconds < SECONDS_PER_NOTEBOOK, f"{source.name} took {seconds:.0f} s"
    assert errors(notebook) == []
    assert pictures(notebook) >= PICTURES[source.stem]
    assert build.machine_paths(notebook, [ROOT, tmp_path]) == []


@pytest.mark.parametrize("source", SOURCES, ids=lambda source: source.stem)
def test_committed_notebook_matches_its_source_and_was_run(source: Path) -> None:
    path = build.notebook_path(source)
    assert path.exists(), f"{path.name} is missing; run python notebooks/build.py"
    committed = nbformat.read(path, as_version=4)
    cells = [(cell.cell_type, cell.source) for cell in committed.cells]
    assert cells == build.parse_cells(source.read_text(encoding="utf-8")), (
        f"{path.name} is out of date with its source; run python notebooks/build.py")
    counts = [cell.execution_count for cell in committed.cells if cell.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1)), "every code cell ran, in order"
    assert errors(committed) == []
    assert pictures(committed) >= PICTURES[source.stem]
    assert build.machine_paths(committed, [ROOT, Path.home()]) == []

"""Build the teaching notebooks from their plain-Python sources, and run them.

Each lesson is written as `notebooks/src/NN_name.py`, a readable Python file
whose cells are separated by marker lines:

    # %% [markdown]
    # # A title
    # Some text (every line starts with "# ").
    # %%
    print("a code cell")

This script turns every source into `notebooks/NN_name.ipynb` and executes it
with nbclient, so the committed notebooks carry their outputs (diagrams and
plots are visible on a code host). Run it from the repository's root:

    python notebooks/build.py                 # every notebook
    python notebooks/build.py 02 06           # only the lessons starting with 02 or 06

Needs nbformat, nbclient and ipykernel (the `test` extra).
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

NOTEBOOKS = Path(__file__).resolve().parent
SOURCES = NOTEBOOKS / "src"
CELL_TIMEOUT = 120  # seconds; a lesson is meant to run in well under a minute
KERNEL = "python3"
MARKER = "# %%"


def sources() -> list[Path]:
    """Every lesson source, in lesson order."""
    return sorted(SOURCES.glob("[0-9][0-9]_*.py"))


def notebook_path(source: Path) -> Path:
    """Where the notebook built from `source` lives: notebooks/NN_name.ipynb."""
    return NOTEBOOKS / f"{source.stem}.ipynb"


def parse_cells(text: str) -> list[tuple[str, str]]:
    """The cells of a source as (kind, text) pairs, kind "markdown" or "code"."""
    cells: list[tuple[str, list[str]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(MARKER):
            kind = "markdown" if "[markdown]" in line else "code"
            cells.append((kind, []))
        elif not cells:
            if line.strip():
                raise ValueError(f"line {number}: text before the first '# %%' marker; "
                                 f"start the file with '# %% [markdown]'")
        elif cells[-1][0] == "markdown":
            cells[-1][1].append(_markdown_line(line, number))
        else:
            cells[-1][1].append(line)
    return [(kind, "\n".join(lines).strip("\n")) for kind, lines in cells]


def _markdown_line(line: str, number: int) -> str:
    if line in ("", "#"):
        return ""
    if not line.startswith("# "):
        raise ValueError(f"line {number}: a markdown line must start with '# ', got {line!r}")
    return line[2:]


def new_notebook(source: Path) -> Any:
    """The notebook of one source, not yet executed (cell ids are stable)."""
    import nbformat
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Python 3",
                                       "language": "python"}
    notebook.metadata["language_info"] = {"name": "python"}
    try:
        cells = parse_cells(source.read_text(encoding="utf-8"))
    except ValueError as error:
        raise ValueError(f"{source.name}: {error}") from None
    for index, (kind, text) in enumerate(cells):
        if kind == "markdown":
            cell = nbformat.v4.new_markdown_cell(text)
        else:
            cell = nbformat.v4.new_code_cell(text)
        cell["id"] = f"{kind}-{index:02d}"  # not random: rebuilding changes nothing
        notebook.cells.append(cell)
    return notebook


def execute(notebook: Any, directory: Path, timeout: int = CELL_TIMEOUT) -> float:
    """Run every cell in a fresh kernel whose working directory is `directory`;
    return the seconds it took. A failing cell raises nbclient's CellExecutionError."""
    from nbclient import NotebookClient
    client = NotebookClient(notebook, timeout=timeout, kernel_name=KERNEL,
                            record_timing=False, resources={"metadata": {"path": str(directory)}})
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    # The kernel's exact version would make every rebuild differ between machines.
    notebook.metadata["language_info"].pop("version", None)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = _joined_streams(cell.outputs)
            for output in cell.outputs:
                _drop_memory_address(output)
    return seconds


def _drop_memory_address(output: Any) -> None:
    """'<graphviz.graphs.Digraph at 0x7f...>' -> '<graphviz.graphs.Digraph>': the
    plain-text fallback of a picture would otherwise change on every rebuild."""
    text = output.get("data", {}).get("text/plain")
    if isinstance(text, str):
        output["data"]["text/plain"] = re.sub(r" at 0x[0-9a-fA-F]+>", ">", text)


def _joined_streams(outputs: list[Any]) -> list[Any]:
    """Consecutive printed text as one output: how the kernel happened to split it
    in messages depends on timing, which would make rebuilds differ."""
    joined: list[Any] = []
    for output in outputs:
        previous = joined[-1] if joined else None
        if (output.output_type == "stream" and previous is not None
                and previous.output_type == "stream" and previous.name == output.name):
            previous.text += output.text
        else:
            joined.append(output)
    return joined


def machine_paths(notebook: Any, directories: list[Path]) -> list[str]:
    """The outputs that mention one of `directories` (they must not be committed)."""
    found = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            text = str(output)
            found += [f"{cell['id']}: {d}" for d in directories if str(d) in text]
    return found


def build(source: Path) -> float:
    """Build, run and write one notebook; return how long it ran."""
    import nbformat
    notebook = new_notebook(source)
    with tempfile.TemporaryDirectory() as scratch:
        seconds = execute(notebook, Path(scratch))
        leaked = machine_paths(notebook, [NOTEBOOKS.parent, Path(scratch), Path.home()])
    if leaked:
        raise RuntimeError(f"{source.name}: outputs mention a path of this machine "
                           f"({'; '.join(leaked)}); print relative paths or names only")
    nbformat.write(notebook, notebook_path(source))
    return seconds


def main(arguments: list[str]) -> int:
    chosen = [s for s in sources() if not arguments or any(s.name.startswith(a) for a in arguments)]
    if not chosen:
        print(f"no lesson source matches {arguments}; sources are in notebooks/src",
              file=sys.stderr)
        return 2
    total = 0.0
    for source in chosen:
        seconds = build(source)
        total += seconds
        print(f"{notebook_path(source).name}: ran in {seconds:.1f} s")
    print(f"{len(chosen)} notebook(s) in {total:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

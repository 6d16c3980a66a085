"""Live training (nn.live): one output updated in place in Jupyter, nothing elsewhere."""

import base64
import hashlib
import subprocess
import sys
import textwrap

import nbformat
import pytest
from nbclient import NotebookClient

import nn
from nn.live import LiveTraining, in_jupyter

LIVE_CELL = """\
import nn
X, y = nn.datasets.moons(30, seed=0)
model = nn.MLP(2, [4, 1], seed=0)
watcher = nn.LiveTraining(model, X, y)
history = nn.fit(model, X, y, loss="hinge", epochs=4, progress=False, callbacks=[watcher])"""

CHECK_CELL = """\
import hashlib
print(watcher.updates, hashlib.sha256(watcher.png(history)).hexdigest())"""

FIT_LIVE_CELL = """\
history = nn.fit(nn.MLP(2, [3, 1], seed=1), X, y, loss="hinge", epochs=3, progress=False,
                 live=True)"""


def test_a_notebook_cell_keeps_one_output_updated_in_place():
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(cell)
                      for cell in (LIVE_CELL, CHECK_CELL, FIT_LIVE_CELL)]
    NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    live, check, fit_live = notebook.cells
    assert [output["output_type"] for output in live.outputs] == ["display_data"]
    updates, digest = check.outputs[0]["text"].split()
    assert updates == "4"  # redrawn after each of the 4 epochs, in the same output
    shown = base64.b64decode(live.outputs[0]["data"]["image/png"])
    assert hashlib.sha256(shown).hexdigest() == digest  # the output shows the last epoch
    assert [output["output_type"] for output in fit_live.outputs] == ["display_data"]
    assert "image/png" in fit_live.outputs[0]["data"]


def test_outside_jupyter_live_training_shows_nothing_and_loads_no_plotting():
    script = textwrap.dedent("""\
        import sys
        import nn
        X, y = nn.datasets.moons(20, seed=0)
        history = nn.fit(nn.MLP(2, [3, 1], seed=0), X, y, loss="hinge", epochs=2,
                         progress=False, live=True)
        print(history.epochs, "matplotlib" in sys.modules, "IPython" in sys.modules)
        """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True)
    assert result.stdout == "2 False False\n"
    assert result.stderr == ""


def test_outside_jupyter_the_callback_is_inactive():
    X, y = nn.datasets.moons(10, seed=0)
    watcher = LiveTraining(nn.MLP(2, [2, 1], seed=0), X, y)
    nn.fit(watcher.model, X, y, loss="hinge", epochs=2, progress=False, callbacks=[watcher])
    assert not in_jupyter()
    assert watcher.updates == 0 and watcher.handle is None


@pytest.mark.parametrize("every", [0, -1, 1.5, "2", False])
def test_live_takes_true_or_a_positive_int(every):
    X, y = nn.datasets.moons(10, seed=0)
    model = nn.MLP(2, [2, 1], seed=0)
    before = [p.data for p in model.parameters()]
    with pytest.raises((TypeError, ValueError), match=r"^fit: live=.* is .*; use a whole number >= 1 such as 5 \(or True"):
        LiveTraining(model, X, y, every=every)
    if every is not False:  # live=False is fit's default: no live picture
        with pytest.raises((TypeError, ValueError), match="^fit: live="):
            nn.fit(model, X, y, epochs=1, progress=False, live=every)
    assert [p.data for p in model.parameters()] == before

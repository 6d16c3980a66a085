"""Regenerate the README's pictures into notebooks/figures/ (needs dot, Pillow and chromium).

    python notebooks/figures/make_pictures.py

neuron-graph.svg    the graph of one neuron after backward, with local derivatives
backprop-steps.gif  the same backward pass, one frame per step
network.svg         the architecture picture of a small trained-looking MLP
steps-page.png      a screenshot of the step-by-step page, at step 4, in chromium
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import nn
from autograd import Value
from autograd.draw import draw
from autograd.draw.frames import save_gif
from autograd.draw.page import save_steps_html
from autograd.trace import record

DOCS = Path(__file__).resolve().parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def neuron() -> tuple[Value, list[Value]]:
    """out = tanh(x1*w1 + x2*w2 + b), the classic worked example."""
    x1, x2 = Value(2.0, "x1"), Value(0.0, "x2")
    w1, w2 = Value(-3.0, "w1"), Value(1.0, "w2")
    b = Value(6.8813735870195432, "b")
    out = (x1 * w1 + x2 * w2 + b).tanh()
    out.label = "out"
    return out, [w1, w2, b]


def screenshot(page_path: Path, picture: Path, step: int) -> None:
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 600})
        page.goto(page_path.resolve().as_uri())
        for _ in range(step):
            page.click("button.next")
        page.locator(".chainrule-steps").screenshot(path=str(picture))
        browser.close()


def main() -> None:
    out, parameters = neuron()
    trace = record(out)
    graph = draw(out, parameters=parameters, show_local_grads=True)
    (DOCS / "neuron-graph.svg").write_bytes(graph.pipe(format="svg"))
    save_gif(trace, DOCS / "backprop-steps.gif", seconds_per_frame=1.2, parameters=parameters)
    model = nn.MLP(2, [6, 6, 1], activation="tanh", seed=3)
    (DOCS / "network.svg").write_bytes(nn.draw_network(model).pipe(format="svg"))
    with tempfile.TemporaryDirectory() as folder:
        page = save_steps_html(trace, Path(folder) / "steps.html", parameters=parameters)
        screenshot(page, DOCS / "steps-page.png", step=4)
    for name in ("neuron-graph.svg", "backprop-steps.gif", "network.svg", "steps-page.png"):
        print(DOCS / name)


if __name__ == "__main__":
    main()

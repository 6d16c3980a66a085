"""Regenerate the README's pictures into notebooks/figures/ (needs dot, Pillow and chromium).

    python notebooks/figures/make_pictures.py

neuron-graph.svg    the graph of one neuron after backward, with local derivatives
backprop-steps.gif  the same backward pass, one frame per step
network.svg         the architecture picture of a small trained-looking MLP
steps-neuron.png    the live step-by-step page of the neuron at 1280x800, in chromium
steps-mlp.png       the same page for a 2-3-1 network's squared error, at 1280x800
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


def mlp_loss() -> tuple[Value, nn.MLP]:
    """The squared error of a 2-3-1 tanh network on one sample."""
    model = nn.MLP(2, [3, 1], activation="tanh", seed=1)
    for name, parameter in model.named_parameters():  # short names, numbered as the
        _, layer, _, neuron, kind, *index = name.split(".")  # boxes: w1_02 = layer 1,
        short = "w" if kind == "weights" else "b"  # neuron 0, weight 2; b1_0 its bias
        parameter.label = f"{short}{layer}_{neuron}{index[0] if index else ''}"
    x = [Value(1.0, "x0"), Value(-2.0, "x1")]
    error = model(x) - Value(0.5, "y")
    loss = error * error
    loss.label = "loss"
    return loss, model


def screenshot(page_path: Path, picture: Path, step: int) -> None:
    """The page at `step` (window.chainrule.goto), as a projector shows it: 1280x800."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(page_path.resolve().as_uri())
        page.evaluate(f"window.chainrule.goto({step})")
        page.wait_for_timeout(200)
        page.screenshot(path=str(picture))
        browser.close()


def main() -> None:
    out, parameters = neuron()
    trace = record(out)
    graph = draw(out, parameters=parameters, show_local_grads=True)
    (DOCS / "neuron-graph.svg").write_bytes(graph.pipe(format="svg"))
    save_gif(trace, DOCS / "backprop-steps.gif", seconds_per_frame=1.2, parameters=parameters)
    model = nn.MLP(2, [6, 6, 1], activation="tanh", seed=3)
    (DOCS / "network.svg").write_bytes(nn.draw_network(model).pipe(format="svg"))
    loss, mlp = mlp_loss()
    with tempfile.TemporaryDirectory() as folder:
        page = save_steps_html(trace, Path(folder) / "steps.html", parameters=parameters,
                               title="One neuron: out = tanh(x1 w1 + x2 w2 + b)")
        screenshot(page, DOCS / "steps-neuron.png", step=9)
        page = save_steps_html(record(loss), Path(folder) / "mlp.html", model=mlp,
                               title="A 2-3-1 network, squared error on one sample")
        screenshot(page, DOCS / "steps-mlp.png", step=45)
    for name in ("neuron-graph.svg", "backprop-steps.gif", "network.svg", "steps-neuron.png",
                 "steps-mlp.png"):
        print(DOCS / name)


if __name__ == "__main__":
    main()

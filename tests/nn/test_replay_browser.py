"""The training replay page in a real browser (Debian's chromium, driven by playwright).

The page of `chainrule train --dataset moons --epochs 20 --out run` must open
offline with no script error, and moving the slider must change what a
student sees: the decision boundary, the curves' marker and the network's
weights.
"""

import pytest

import nn
from autograd import Value
from autograd.draw.page import StepsPage
from autograd.trace import record
from nn.cli import main
from support_tools import bad_gotos, goto_refusal, launch_chromium, require_dot, shown_twice

STATE = "window.chainrule.state()"


@pytest.fixture(scope="module")
def run_folder(tmp_path_factory):
    require_dot()
    folder = tmp_path_factory.mktemp("run")
    assert main(["train", "--dataset", "moons", "--epochs", "20", "--no-progress",
                 "--out", str(folder)]) == 0
    return folder


@pytest.fixture(scope="module")
def browser():
    with launch_chromium() as chromium:
        yield chromium


@pytest.fixture
def open_page(browser):
    """Open a file offline: any request that is not for a file fails and is recorded."""
    pages = []

    def opener(path):
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        problems = []
        page.on("pageerror", lambda error: problems.append(f"error: {error}"))
        page.on("console", lambda message: message.type in ("error", "warning")
                and problems.append(f"console {message.type}: {message.text}"))
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
            ("file:", "data:")) else (problems.append(f"request: {route.request.url}"),
                                      route.abort()))
        page.goto(path.resolve().as_uri())
        pages.append((page, problems))
        return page

    yield opener
    for page, problems in pages:
        assert problems == []  # offline, no script error, no console message
        page.close()


def seen(page):
    """What changes from frame to frame: boundary image, marker position, one line's
    width and colour, a bias label, the counter."""
    return page.evaluate("""() => {
      const root = document.querySelector(".chainrule-replay");
      const line = root.querySelector("g[id$='-w0'] path");
      return {boundary: root.querySelector(".boundary img").src,
              markers: Array.from(root.querySelectorAll(".marker"), m => m.style.left),
              width: line.getAttribute("stroke-width"), colour: line.getAttribute("stroke"),
              widths: Array.from(root.querySelectorAll("g.edge path"),
                                 p => p.getAttribute("stroke-width")).join(" "),
              bias: root.querySelector("g[id$='-l0n0'] text").textContent,
              counter: root.querySelector(".counter").textContent};
    }""")


def test_the_train_command_page_replays_every_epoch(open_page, run_folder):
    page = open_page(run_folder / "training.html")
    assert page.evaluate(STATE)["frames"] == 20
    last = seen(page)  # the page opens on the trained model
    assert page.evaluate(STATE)["frame"] == 19 and page.evaluate(STATE)["epoch"] == 20
    slider = page.locator("input[type=range]")
    slider.fill("0")  # the slider, as a user drags it
    first = seen(page)
    state = page.evaluate(STATE)
    assert (state["frame"], state["epoch"]) == (0, 1)
    assert first["boundary"] != last["boundary"]  # another decision boundary
    assert first["markers"] != last["markers"] and len(first["markers"]) == 2  # loss, accuracy
    assert float(first["markers"][0].rstrip("%")) < float(last["markers"][0].rstrip("%"))
    assert first["widths"] != last["widths"]  # the network's weights changed
    assert first["bias"] != last["bias"]
    assert first["counter"].startswith("Epoch 1 (frame 1 of 20): loss ")
    assert last["counter"].startswith("Epoch 20 (frame 20 of 20): loss ")


def test_goto_and_state_agree_with_the_history(open_page, tmp_path):
    X, y = nn.datasets.moons(30, seed=0)
    model = nn.MLP(2, [3, 1], activation="tanh", seed=0)
    history = nn.fit(model, X, y, loss="hinge", epochs=7, progress=False, snapshots=3)
    kept = [s.epoch for s in history.snapshots]
    assert kept[-1] == 7 and len(kept) <= 3
    nn.plot.training_page(model, X, y, history, tmp_path / "t.html", resolution=10)
    page = open_page(tmp_path / "t.html")
    for k, epoch in enumerate(kept):
        state = page.evaluate(f"window.chainrule.goto({k})")
        assert state == {"frame": k, "frames": len(kept), "epoch": epoch,
                         "loss": history.loss[epoch - 1]}
    page.click("button.previous")
    assert page.evaluate(STATE)["frame"] == len(kept) - 2
    page.click("h2")
    page.keyboard.press("ArrowRight")
    assert page.evaluate(STATE)["frame"] == len(kept) - 1


def test_two_pages_in_one_document_do_not_interfere(open_page, tmp_path):
    X, y = nn.datasets.moons(20, seed=1)
    model = nn.MLP(2, [2, 1], activation="tanh", seed=0)
    history = nn.fit(model, X, y, loss="hinge", epochs=4, progress=False, snapshots=True)
    replay = nn.plot.training_page(model, X, y, history, resolution=8)
    page = open_page(shown_twice(replay, tmp_path / "two.html"))
    first, second = page.locator(".chainrule-replay").all()
    first.locator("button.previous").click()
    assert first.locator(".counter").inner_text().startswith("Epoch 3 ")
    assert second.locator(".counter").inner_text().startswith("Epoch 4 ")
    assert len(page.evaluate("Object.keys(window.chainrule.pages)")) == 2
    # each page restyles its own network: the first page's lines changed, the second's not
    widths = page.evaluate("""() => Array.from(document.querySelectorAll(".chainrule-replay"),
        root => Array.from(root.querySelectorAll("g.edge path"),
                           p => p.getAttribute("stroke-width")).join(" "))""")
    assert widths[0] != widths[1]


def small_replay(epochs=4):
    X, y = nn.datasets.moons(20, seed=1)
    model = nn.MLP(2, [2, 1], activation="tanh", seed=0)
    history = nn.fit(model, X, y, loss="hinge", epochs=epochs, progress=False, snapshots=True)
    return nn.plot.training_page(model, X, y, history, resolution=8)


def open_small_replay(open_page, tmp_path):
    """A 4-frame replay page, open in the browser."""
    require_dot()
    path = tmp_path / "replay.html"
    path.write_text(small_replay().document(), encoding="utf-8")
    return open_page(path)


def test_goto_refuses_what_is_not_a_frame_and_the_page_keeps_working(open_page, tmp_path):
    page = open_small_replay(open_page, tmp_path)
    page.evaluate("window.chainrule.goto(1)")
    for argument, shown in bad_gotos(3):
        refusal = goto_refusal(page, argument)
        assert refusal == f"Error: goto: frame must be a whole number from 0 to 3, got {shown}"
        assert page.evaluate(STATE)["frame"] == 1, argument  # state() works, nothing moved
    assert page.locator(".counter").inner_text().startswith("Epoch 2 (frame 2 of 4)")
    page.locator("input[type=range]").fill("3")
    assert page.evaluate(STATE)["frame"] == 3


def two_kinds(tmp_path, first, second):
    """A document showing two pages, as a notebook does after two displays; their ids."""
    path = tmp_path / "both.html"
    path.write_text("<!DOCTYPE html><meta charset='utf-8'>" + first._repr_html_()
                    + second._repr_html_(), encoding="utf-8")
    return path


def test_a_replay_and_a_step_page_in_one_notebook_keep_their_own_api(open_page, tmp_path):
    require_dot()
    replay, steps = small_replay(), StepsPage(record(Value(3.0, "x") * 2))
    page = open_page(two_kinds(tmp_path, replay, steps))
    pages = page.evaluate("""Object.entries(window.chainrule.pages)
                             .map(([id, api]) => [id, api.kind])""")
    assert [kind for _, kind in pages] == ["replay", "steps"]
    replay_id, steps_id = [page_id for page_id, _ in pages]
    assert page.evaluate("window.chainrule.last") == steps_id
    assert page.evaluate("window.chainrule.goto(1)")["step"] == 1  # the page shown last
    assert page.evaluate(f"window.chainrule.page('{replay_id}').goto(0)")["frame"] == 0
    assert page.evaluate(STATE)["step"] == 1
    assert page.evaluate(f"window.chainrule.page('{replay_id}').state()")["frame"] == 0
    assert page.evaluate("window.chainrule.set('x', 5).nodes.x.data") == 5.0
    with pytest.raises(Exception, match="page: no page has the id \"nope\"; the pages are "):
        page.evaluate("window.chainrule.page('nope')")


def test_the_page_shown_last_answers_whichever_kind_it_is(open_page, tmp_path):
    require_dot()
    steps, replay = StepsPage(record(Value(3.0, "x") * 2)), small_replay()
    page = open_page(two_kinds(tmp_path, steps, replay))
    ids = page.evaluate("Object.keys(window.chainrule.pages)")
    assert page.evaluate(STATE) == page.evaluate(f"window.chainrule.page('{ids[1]}').state()")
    assert page.evaluate("window.chainrule.goto(2)")["frame"] == 2
    assert page.evaluate(f"window.chainrule.page('{ids[0]}').goto(3)")["step"] == 3
    assert page.evaluate(STATE)["frame"] == 2
    with pytest.raises(Exception, match="set: the page shown last .* is a training replay"):
        page.evaluate("window.chainrule.set('x', 5)")


def test_play_runs_to_the_last_frame_and_pause_stops_it(open_page, tmp_path):
    # The player (api.js's, shared with the step page) on the replay page.
    page = open_small_replay(open_page, tmp_path)
    page.evaluate("window.chainrule.goto(0)")
    page.click("button.play")
    assert page.inner_text("button.play") == "Pause"
    page.wait_for_function("window.chainrule.state().frame === 3", timeout=10_000)
    page.wait_for_function("document.querySelector('button.play').textContent === 'Play'")
    page.click("button.play")  # at the end, Play starts again from the first frame
    page.click("button.play")  # and Pause stops it there
    assert page.inner_text("button.play") == "Play"
    assert page.evaluate(STATE)["frame"] in (0, 1)

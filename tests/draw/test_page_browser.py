"""The step-by-step page in a real browser: Debian's chromium, driven by playwright.

We click through every step and check what a student would see: the step
counter, the tape line, the highlighted node in the diagram and the table row.
"""

import pytest

from autograd import Value
from autograd.draw.page import StepsPage, save_steps_html
from autograd.trace import record
from support_tools import CHROMIUM, CHROMIUM_ARGS, neuron, require_chromium, require_dot


@pytest.fixture(scope="module")
def browser():
    require_dot()
    require_chromium()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser, tmp_path):
    pages = []

    def opener(path):
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(path.resolve().as_uri())
        pages.append((page, errors))
        return page

    yield opener
    for page, errors in pages:
        assert errors == []  # no script error on any page
        page.close()


def shown(page):
    """What the page shows now: counter, tape line, current node's text, table row."""
    current = page.locator(".frame:not([hidden]) g.node.current text")
    return (page.inner_text(".counter"),
            page.inner_text("pre.line:not([hidden])"),
            current.first.text_content(),
            page.inner_text("tr.row:not([hidden]) td"))


def expected(trace, k):
    node = trace.names[trace.root] if k == 0 else trace.backward[k - 1].node_name
    return (f"Step {k} of {len(trace.backward)}", trace.step_lines()[k], node, str(k))


def test_next_walks_through_every_step(open_page, tmp_path):
    out, _ = neuron()
    trace = record(out)
    page = open_page(save_steps_html(trace, tmp_path / "steps.html"))
    last = len(trace.backward)
    assert page.is_disabled("button.previous")
    for k in range(last + 1):
        assert shown(page) == expected(trace, k)
        assert page.locator(".frame:not([hidden])").count() == 1
        if k < last:
            page.click("button.next")
    assert page.is_disabled("button.next")
    assert page.input_value("input[type=range]") == str(last)


def test_previous_goes_back_one_step(open_page, tmp_path):
    x, y = Value(2.0, "x"), Value(5.0, "y")
    trace = record(x * y + x)
    page = open_page(save_steps_html(trace, tmp_path / "steps.html"))
    for _ in range(3):
        page.click("button.next")
    page.click("button.previous")
    assert shown(page) == expected(trace, 2)
    page.click("button.previous")
    page.click("button.previous")
    assert shown(page) == expected(trace, 0)
    assert page.is_disabled("button.previous")


def test_the_slider_and_the_arrow_keys_choose_a_step(open_page, tmp_path):
    out, _ = neuron()
    trace = record(out)
    page = open_page(save_steps_html(trace, tmp_path / "steps.html"))
    slider = page.locator("input[type=range]")
    slider.focus()
    page.keyboard.press("End")
    assert shown(page) == expected(trace, 9)
    page.keyboard.press("Home")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert shown(page) == expected(trace, 2)
    page.click("h2")  # arrow keys on the page itself, outside the slider
    page.keyboard.press("ArrowLeft")
    assert shown(page) == expected(trace, 1)


def test_play_runs_to_the_last_step_and_stops(open_page, tmp_path):
    x = Value(3.0, "x")
    trace = record(x * x + x)
    path = save_steps_html(trace, tmp_path / "steps.html", seconds_per_step=0.05)
    page = open_page(path)
    page.click("button.play")
    last = len(trace.backward)
    page.wait_for_function(f"document.querySelector('.counter').textContent === "
                           f"'Step {last} of {last}'", timeout=10_000)
    page.wait_for_function("document.querySelector('button.play').textContent === 'Play'",
                           timeout=10_000)
    assert shown(page) == expected(trace, last)
    page.click("button.play")  # from the end, Play starts again at step 0
    page.click("button.play")  # and pauses
    assert page.inner_text("button.play") == "Play"


def test_two_pages_in_one_document_do_not_interfere(open_page, tmp_path):
    x = Value(3.0, "x")
    steps = StepsPage(record(x * x))
    path = tmp_path / "two.html"
    path.write_text("<!DOCTYPE html><meta charset='utf-8'>" + steps._repr_html_()
                    + steps._repr_html_(), encoding="utf-8")
    page = open_page(path)
    first, second = page.locator(".chainrule-steps").all()
    first.locator("button.next").click()
    assert first.locator(".counter").inner_text() == "Step 1 of 2"
    assert second.locator(".counter").inner_text() == "Step 0 of 2"

"""The live step-by-step page in a real browser: Debian's chromium, driven by playwright.

What a teacher does with it, checked against Python: step with the keyboard and
the slider through the forward and the backward pass, read the tape, change a
weight and see every value and gradient recomputed as Python's backward gives it,
zoom, and read the neuron and a 2-3-1 network at 1280x800.
"""

import pytest

import autograd

from autograd import Value
from autograd.draw.frames import backward_frames
from autograd.draw.page import StepsPage, save_steps_html
from autograd.notation import format_number
from autograd.trace import record
from support_tools import (CHROMIUM, CHROMIUM_ARGS, bad_gotos, goto_refusal, mlp_231, neuron,
                           require_chromium, require_dot)


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
def open_page(browser):
    pages = []

    def opener(path, width=1280, height=800):
        page = browser.new_page(viewport={"width": width, "height": height})
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: errors.append(message.text)
                if message.type == "error" else None)
        page.on("request", lambda request: errors.append(request.url)
                if not request.url.startswith(("file:", "data:", "about:")) else None)
        page.goto(path.resolve().as_uri())
        pages.append((page, errors))
        return page

    yield opener
    for page, errors in pages:
        assert errors == []  # no script error, no console error, no network request
        page.close()


def neuron_page(open_page, tmp_path, **options):
    out, leaves = neuron()
    trace = record(out)
    path = save_steps_html(trace, tmp_path / "neuron.html",
                           parameters=[leaves["w1"], leaves["w2"], leaves["b"]], **options)
    return open_page(path), trace


def state(page):
    return page.evaluate("window.chainrule.state()")


def current_line(page):
    return page.inner_text(".lines div.current")


def forward_count(trace):
    return sum(1 for step in trace.forward if step.kind == "computed")


def test_the_neuron_page_has_forward_then_backward_steps(open_page, tmp_path):
    page, trace = neuron_page(open_page, tmp_path)
    computed = forward_count(trace)
    last = computed + 1 + len(trace.backward)
    first = state(page)
    assert (first["step"], first["steps"], first["phase"]) == (0, last, "forward")
    assert first["nodes"]["x1"] == {"data": 2.0, "grad": None}
    assert first["nodes"]["out"] == {"data": None, "grad": None}  # not computed yet
    assert page.inner_text(".counter") == f"Step 0 of {last}"
    assert page.is_disabled("button.previous")


def test_the_keyboard_and_the_slider_move_through_both_passes(open_page, tmp_path):
    page, trace = neuron_page(open_page, tmp_path)
    computed = forward_count(trace)
    page.focus(".chainrule-steps")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert state(page)["step"] == 2
    page.keyboard.press("ArrowLeft")
    assert state(page)["step"] == 1
    forward_lines = [step.line() for step in trace.forward if step.kind == "computed"]
    assert current_line(page) == forward_lines[0]  # the tape line of this step, Python's text
    page.keyboard.press("End")
    assert state(page)["step"] == state(page)["steps"]
    assert current_line(page) == trace.step_lines()[-1]
    page.keyboard.press("Home")
    assert state(page)["step"] == 0
    page.keyboard.press(" ")
    assert page.inner_text("button.play") == "Pause"
    page.keyboard.press(" ")
    assert page.inner_text("button.play") == "Play"
    slider = page.locator("input[type=range]")
    slider.fill(str(computed + 1))  # the seed: the first backward step
    seed = state(page)
    assert seed["phase"] == "backward" and seed["nodes"]["out"]["grad"] == 1.0
    assert seed["nodes"]["x1"]["grad"] is None
    assert current_line(page) == trace.step_lines()[0]
    slider.focus()
    page.keyboard.press("ArrowRight")  # the slider's own keys
    assert state(page)["step"] == computed + 2
    assert current_line(page) == trace.step_lines()[1]


def test_every_tape_line_is_pythons_and_a_click_jumps_to_its_step(open_page, tmp_path):
    page, trace = neuron_page(open_page, tmp_path)
    computed = forward_count(trace)
    lines = page.locator(".lines div[data-step]")
    texts = lines.all_inner_texts()
    assert texts[-len(trace.backward) - 1:] == trace.step_lines()
    assert [t for t in texts[:len(trace.forward)]] == [s.line() for s in trace.forward]
    lines.nth(len(texts) - 3).click()
    assert state(page)["step"] == computed + 1 + len(trace.backward) - 2
    assert page.locator(".lines div.current").count() == 1


def test_the_backward_arrow_points_the_way_the_gradient_flows(open_page, tmp_path):
    page, trace = neuron_page(open_page, tmp_path)
    computed = forward_count(trace)
    step = trace.backward[2]
    node_id = f"n{[s.node for s in trace.forward].index(step.node)}"
    page.evaluate(f"window.chainrule.goto({computed + 1 + 3})")
    edge = page.locator(f"#steps-{node_id}in{step.slot}")
    assert "backward" in edge.get_attribute("class")
    assert edge.locator("path").get_attribute("marker-start") == "url(#steps-back)"
    assert page.get_attribute("#steps-back", "orient") == "auto-start-reverse"
    assert not edge.locator("polygon").is_visible()  # the forward head is hidden
    page.evaluate(f"window.chainrule.goto({computed})")  # the last forward step: out = tanh
    out_id = f"n{len(trace.forward) - 1}"
    forward_edge = page.locator(f"#steps-{out_id}in0")
    assert "forward" in forward_edge.get_attribute("class")
    assert forward_edge.locator("path").get_attribute("marker-start") is None


def test_the_badge_numbers_each_pass_as_the_frames_titles_do(open_page, tmp_path):
    # Reported: a frame said "step 3 of 5" where the page said "Step 9 of 15" for the
    # same formula. The page's badge now counts the steps of their pass, and the frames
    # of the backward pass are titled with the same words.
    page, trace = neuron_page(open_page, tmp_path)
    computed, total = forward_count(trace), len(trace.backward)
    frames = backward_frames(trace)
    for k in (0, 3, total):
        page.evaluate(f"window.chainrule.goto({computed + 1 + k})")
        assert page.inner_text(".phase") == f"backward step {k} of {total}"
        assert f"label=<backward step {k} of {total}:" in frames[k].source
    assert page.inner_text(".counter") == f"Step {computed + 1 + total} of {computed + 1 + total}"
    page.evaluate("window.chainrule.goto(2)")
    assert page.inner_text(".phase") == f"forward step 2 of {computed}"


def test_set_recomputes_everything_as_python_does_and_keeps_the_step(open_page, tmp_path):
    page, _ = neuron_page(open_page, tmp_path)
    boxes = page.evaluate("[...document.querySelectorAll('g.node')].map(g => "
                          "JSON.stringify(g.getBBox()))")
    page.evaluate("window.chainrule.goto(7)")
    assert page.evaluate("window.chainrule.set('w1', 1.5)")["step"] == 7
    assert page.locator(".leaves label", has_text="w1").locator("input").input_value() == "1.5"
    out, _ = neuron(w1=1.5)
    python = record(out)  # Python's forward and backward at w1 = 1.5
    assert out.data != neuron()[0].data  # so the page had to recompute, not just read
    shown = page.evaluate("window.chainrule.goto(window.chainrule.state().steps)")["nodes"]
    texts = page.locator("svg text").all_text_contents()
    for step in python.forward:
        assert shown[step.name] == {"data": step.node.data, "grad": step.node.grad}, step.name
        assert f"data {format_number(step.node.data)}" in texts
        assert f"grad {format_number(step.node.grad)}" in texts
    assert page.inner_text(".lines div.current") == python.step_lines()[-1]
    assert page.evaluate("[...document.querySelectorAll('g.node')].map(g => "
                         "JSON.stringify(g.getBBox()))") == boxes  # the layout is kept


def test_a_value_outside_a_domain_shows_pythons_message_and_changes_nothing(open_page,
                                                                            tmp_path):
    x = Value(2.0, "x")
    y = x.log()
    y.label = "y"
    path = save_steps_html(record(y), tmp_path / "log.html")
    page = open_page(path)
    before = state(page)
    with pytest.raises(Exception, match=r"log\(-1\.0\): the logarithm is defined only for x > 0"):
        page.evaluate("window.chainrule.set('x', -1)")
    assert state(page) == before
    page.fill("input[data-node='0']", "-1")  # typed in the page: the message, no NaN
    assert page.inner_text(".error").startswith("log(-1.0): the logarithm is defined only")
    assert "NaN" not in page.inner_text(".chainrule-steps")
    assert state(page) == before
    page.fill("input[data-node='0']", "4")
    assert state(page)["nodes"]["x"]["data"] == 4.0 and page.is_hidden(".error")


def test_zoom_changes_the_scale_and_fit_brings_it_back(open_page, tmp_path):
    page, _ = neuron_page(open_page, tmp_path)
    fitted = page.evaluate("window.chainrule.page().zoom()")
    page.click("button.zoom-in")
    assert page.evaluate("window.chainrule.page().zoom()") == pytest.approx(fitted * 1.25)
    page.mouse.move(500, 400)
    page.mouse.wheel(0, 300)  # the wheel zooms out around the pointer
    assert page.evaluate("window.chainrule.page().zoom()") < fitted * 1.25
    page.click("button.fit")
    assert page.evaluate("window.chainrule.page().zoom()") == pytest.approx(fitted)
    transform = page.eval_on_selector(".stage", "s => s.style.transform")
    page.mouse.move(400, 400)
    page.mouse.down()
    page.mouse.move(300, 350)
    page.mouse.up()
    assert page.eval_on_selector(".stage", "s => s.style.transform") != transform  # panned


def smallest_text(page):
    """The smallest diagram text on screen at this moment, in px (font size times zoom)."""
    return page.evaluate("""() => {
        const zoom = window.chainrule.page().zoom();
        const view = document.querySelector('.viewport').getBoundingClientRect();
        const sizes = [...document.querySelectorAll('svg text')].filter(t => {
            const r = t.getBoundingClientRect();
            return t.textContent.trim() && r.right > view.left && r.left < view.right
                && r.bottom > view.top && r.top < view.bottom; })
          .map(t => parseFloat(t.getAttribute('font-size')) * zoom);
        return Math.min(...sizes); }""")


def current_in_view(page):
    return page.evaluate("""() => {
        const view = document.querySelector('.viewport').getBoundingClientRect();
        return [...document.querySelectorAll('g.node.current')].every(g => {
            const r = g.getBoundingClientRect();
            return r.left >= view.left && r.right <= view.right
                && r.top >= view.top && r.bottom <= view.bottom; }); }""")


def test_the_neuron_is_readable_whole_at_1280x800(open_page, tmp_path):
    page, _ = neuron_page(open_page, tmp_path)
    last = state(page)["steps"]
    for step in (0, 5, last):
        page.evaluate(f"window.chainrule.goto({step})")
        assert smallest_text(page) >= 12
    box = page.eval_on_selector(".stage svg", "s => s.getBoundingClientRect().toJSON()")
    view = page.eval_on_selector(".viewport", "v => v.getBoundingClientRect().toJSON()")
    assert box["width"] <= view["width"] + 1 and box["height"] <= view["height"] + 1


def test_the_2_3_1_network_follows_the_step_at_a_readable_size(open_page, tmp_path):
    loss, _ = mlp_231()
    trace = record(loss)
    page = open_page(save_steps_html(trace, tmp_path / "mlp.html"))
    last = state(page)["steps"]
    assert last == forward_count(trace) + 1 + len(trace.backward)
    for step in range(1, last + 1):
        page.evaluate(f"window.chainrule.goto({step})")
        assert smallest_text(page) >= 12, step
        assert current_in_view(page), step


def test_two_pages_in_one_document_do_not_interfere(open_page, tmp_path):
    x = Value(3.0, "x")
    steps = StepsPage(record(x * x))
    path = tmp_path / "two.html"
    path.write_text("<!DOCTYPE html><meta charset='utf-8'>" + steps._repr_html_()
                    + steps._repr_html_(), encoding="utf-8")
    page = open_page(path)
    first, second = page.locator(".chainrule-steps").all()
    first.locator("button.next").click()
    assert first.locator(".counter").inner_text() == "Step 1 of 4"
    assert second.locator(".counter").inner_text() == "Step 0 of 4"
    ids = page.evaluate("Object.keys(window.chainrule.pages)")
    assert len(ids) == 2
    page.evaluate(f"window.chainrule.page('{ids[1]}').set('x', 5)")
    assert page.evaluate(f"window.chainrule.page('{ids[0]}').state().nodes.x.data") == 3.0
    assert page.evaluate("window.chainrule.state().nodes.x.data") == 5.0  # the last page made


def test_digits_reach_every_number_the_page_shows(open_page, tmp_path):
    x = Value(1 / 3, "x")
    y = x * Value(2.0, "w")
    y.label = "y"
    page = open_page(save_steps_html(record(y), tmp_path / "digits.html", digits=7))
    page.evaluate("window.chainrule.goto(window.chainrule.state().steps)")
    texts = page.locator("svg text").all_text_contents()
    assert "data 0.3333333" in texts and "data 0.6666667" in texts and "grad 2.0" in texts
    assert page.inner_text(".lines div.current") == record(y).step_lines(7)[-1]


def test_a_pinch_zooms(open_page, tmp_path):
    page, _ = neuron_page(open_page, tmp_path)
    fitted = page.evaluate("window.chainrule.page().zoom()")
    page.evaluate("""() => {
        const view = document.querySelector('.viewport');
        const at = (type, id, x, y) => view.dispatchEvent(new PointerEvent(type,
            {pointerId: id, clientX: x, clientY: y, bubbles: true, pointerType: 'touch'}));
        at('pointerdown', 11, 300, 300); at('pointerdown', 12, 400, 300);
        at('pointermove', 12, 420, 300); at('pointermove', 12, 540, 300);  // 120 -> 240 apart
        at('pointerup', 11, 300, 300); at('pointerup', 12, 540, 300); }""")
    assert page.evaluate("window.chainrule.page().zoom()") == pytest.approx(fitted * 2)


def constants_graph(w: float = -1.5, x: float = 0.75) -> Value:
    """f = tanh(s * x), s = Σ(w * 0.5, 2 - x, 3.0, exp(0.5), w): numbers that belong
    to their nodes (w * 0.5, 2 - x, the sum's 3.0) and a node computed from numbers
    only (exp(0.5))."""
    w_, x_ = Value(w, "w"), Value(x, "x")
    half, rest, k = w_ * 0.5, 2 - x_, autograd.exp(0.5)
    half.label, rest.label, k.label = "half", "rest", "k"
    s = autograd.sum_values([half, rest, 3.0, k, w_])
    s.label = "s"
    f = (s * x_).tanh()
    f.label = "f"
    return f


def test_constant_inputs_are_recomputed_in_the_browser_as_python_records_them(open_page,
                                                                              tmp_path):
    first = record(constants_graph())
    node = {step.name: step.node for step in first.forward}
    assert node["half"].inputs == (node["w"], 0.5) and node["rest"].inputs == (2, node["x"])
    assert node["s"].inputs[2] == 3.0 and node["k"].is_constant  # what the page must handle
    page = open_page(save_steps_html(first, tmp_path / "constants.html"))
    lines = page.locator(".lines div[data-step]").all_inner_texts()
    assert lines[:len(first.forward)] == [s.line() for s in first.forward]
    with pytest.raises(Exception, match="is not an input or parameter"):
        page.evaluate("window.chainrule.set('k', 1.0)")  # a constant is not editable
    page.evaluate("window.chainrule.set('w', 2.5)")
    page.evaluate("window.chainrule.set('x', -1.25)")
    python = record(constants_graph(w=2.5, x=-1.25))
    assert python.root.data != first.root.data  # the page had to recompute
    shown = page.evaluate("window.chainrule.goto(window.chainrule.state().steps)")["nodes"]
    for step in python.forward:
        assert shown[step.name] == {"data": step.node.data, "grad": step.node.grad}, step.name
    lines = page.locator(".lines div[data-step]").all_inner_texts()
    assert lines[:len(python.forward)] == [s.line() for s in python.forward]
    assert lines[-len(python.backward) - 1:] == python.step_lines()


def test_a_round_value_and_difference_is_bracketed_in_the_tape_as_in_python(open_page, tmp_path):
    # x*(1-x) at x = 0.99999876 with 1 digit: x shows as "1.0 - 1.24e-06"; inside the
    # product it must read "(1.0 - 1.24e-06) * -1.0", not "1.0 - 1.24e-06 * -1.0".
    x = Value(0.99999876, "x")
    trace = record(x * (1 - x))
    page = open_page(save_steps_html(trace, tmp_path / "round.html", digits=1))
    last = "dL/dx += dL/dv1 * (-1) = (1.0 - 1.24e-06) * -1.0 -> -1.0 + 2.48e-06   " \
           "(accumulates: 1e-06 + (-1.0 + 1.24e-06))"
    assert trace.step_lines(digits=1)[-1] == last
    texts = page.locator(".lines div[data-step]").all_inner_texts()
    assert texts[-len(trace.backward) - 1:] == trace.step_lines(digits=1)
    page.evaluate("window.chainrule.goto(window.chainrule.state().steps)")  # the last step
    # The sentence about the step brackets it too (before: "= -1.0 × 1.0 - 1.24e-06").
    assert page.inner_text(".focus").endswith("= -1.0 \u00d7 (1.0 - 1.24e-06)")


def test_goto_refuses_what_is_not_a_step_and_the_page_keeps_working(open_page, tmp_path):
    page, _ = neuron_page(open_page, tmp_path)
    last = state(page)["steps"]
    page.evaluate("window.chainrule.goto(3)")
    for argument, shown in bad_gotos(last):
        refusal = goto_refusal(page, argument)
        assert refusal == f"Error: goto: step must be a whole number from 0 to {last}, got {shown}"
        assert state(page)["step"] == 3, argument
    assert page.locator(".counter").inner_text() == f"Step 3 of {last}"


def test_labels_show_as_typed_in_the_diagram_and_the_tape(open_page, tmp_path):
    x, w = Value(2.0, "\\N"), Value(-1.0, "C:\\Users\\N")
    two_lines = Value(0.5, "a\ndata 9")  # its name's second line looks like a data cell
    out = x * w + two_lines
    out.label = "end\\"
    page = open_page(save_steps_html(record(out), tmp_path / "labels.html", title="a\\Gb"))
    page.evaluate("window.chainrule.goto(window.chainrule.state().steps)")
    cells = page.evaluate("""() => Array.from(document.querySelectorAll("g.node.value"),
        g => Array.from(g.querySelectorAll("text"), t => t.textContent))""")
    names = [texts[0] for texts in cells]
    assert {"\\N", "C:\\Users\\N", "end\\"} <= set(names)
    two = next(texts for texts in cells if texts[0].endswith(": a"))
    assert two[1:] == ["data 9", "data 0.5", "grad 1.0"]
    tape = "\n".join(page.locator(".lines div").all_inner_texts())
    assert "\\N = 2.0" in tape and "C:\\Users\\N = -1.0" in tape
    assert page.inner_text("h2") == "a\\Gb"

"""Tests for autograd.draw.frames: one diagram per backward step, SVG files and a GIF.

The grads each frame must show are derived by hand for the neuron of
support_tools: d out/d sum = 0.5, then x1: -1.5, w1: 1.0, x2: 0.5, w2: 0.0.
"""

import json
import re
import xml.etree.ElementTree as ET

import pytest

from autograd import Value
from autograd.draw import draw
from autograd.draw.frames import backward_frames, render, save_gif, save_svgs
from autograd.draw.page import steps_html
from autograd.draw.style import BACKWARD_ARROW
from autograd.trace import record
from support_tools import examples_pass, neuron, require_dot


def grad_shown(source, name):
    """The grad text in the value box whose first cell is `name`."""
    line = next(line for line in source.splitlines() if f"<TD>{name}</TD>" in line)
    return re.search(r">grad ([^<]*)</TD>", line).group(1)


def test_there_is_one_frame_per_step_plus_the_seed():
    out, _ = neuron()
    trace = record(out)
    assert len(backward_frames(trace)) == len(trace.backward) + 1 == 10


def test_each_frame_shows_the_grads_as_they_were_at_that_step():
    out, _ = neuron()
    trace = record(out)
    frames = [frame.source for frame in backward_frames(trace)]
    assert grad_shown(frames[0], "out") == "1.0"
    assert grad_shown(frames[0], "x1") == "\u2014"  # not reached yet
    pre_activation = trace.names[out.parents[0]]
    assert grad_shown(frames[0], pre_activation) == "\u2014"
    assert grad_shown(frames[1], pre_activation) == "\u22480.5"  # 1 - tanh^2 = 0.5 - 2e-16
    x1_step = next(s.index for s in trace.backward if s.parent_name == "x1")
    assert grad_shown(frames[x1_step - 1], "x1") == "\u2014"
    assert grad_shown(frames[x1_step], "x1") == "\u2248-1.5"
    assert [grad_shown(frames[-1], name) for name in ("x1", "w1", "x2", "w2", "b")] == [
        "\u2248-1.5", "\u22481.0", "\u22480.5", "0.0", "\u22480.5"]


def test_frames_come_from_the_trace_not_from_the_graph_as_it_is_now():
    x = Value(3.0, "x")
    trace = record(x * x)  # dx = 2x = 6
    (x * 5).backward()  # the leaf accumulates: x.grad is now 11
    assert x.grad == 11.0
    assert grad_shown(backward_frames(trace)[-1].source, "x") == "6.0"


def test_the_current_node_and_the_edge_it_passes_along_are_highlighted():
    out, _ = neuron()
    trace = record(out)
    frames = backward_frames(trace)
    assert 'class="value output current"' in frames[0].source
    for k, step in enumerate(trace.backward, start=1):
        source = frames[k].source
        current = [line for line in source.splitlines() if "current" in line]
        # the passing node, its operation, the arrow into that and the arrow it passes along
        assert len(current) == 4
        assert f"<TD>{step.node_name}</TD>" in current[0]
        assert [re.search(r'class="(\w+)[^"]* current"', line).group(1) for line in current] == [
            "value", "op", "result", "input"]
        assert "receiving" in next(line for line in source.splitlines()
                                   if f"<TD>{step.parent_name}</TD>" in line)


def test_the_red_arrow_points_back_at_the_parent_as_on_the_step_page():
    # Reported: the frames drew the arrow of the current step from the parent to the
    # operation (the forward direction); the step page and its legend put the red head
    # at the parent receiving the gradient. Now the frames do too, and say so.
    require_dot()
    out, _ = neuron()
    trace = record(out)
    frames = backward_frames(trace)
    ids = {step.node: f"n{k}" for k, step in enumerate(trace.forward)}
    for k, step in enumerate(trace.backward, start=1):
        edge = f"{ids[step.node]}in{step.slot}"
        line = next(line for line in frames[k].source.splitlines() if f"id={edge}" in line)
        assert line.strip().startswith(f"{ids[step.parent]} -> {ids[step.node]}op ")
        assert "dir=back" in line and "style=dashed" in line
    drawn = {item.get("id"): item for item in json.loads(frames[3].pipe(format="json"))["edges"]}
    step = trace.backward[2]
    current = drawn[f"{ids[step.node]}in{step.slot}"]
    assert "_tdraw_" in current and "_hdraw_" not in current  # the head is at the tail: the parent
    into = drawn[f"{ids[step.node]}opout"]  # and the arrow into the passing node's operation
    assert "_tdraw_" in into and "_hdraw_" not in into
    assert all("_hdraw_" in edge for edge in drawn.values() if edge not in (current, into))
    legend = next(line for line in frames[3].source.splitlines()
                  if line.strip().startswith("legend"))
    assert BACKWARD_ARROW in " ".join(re.sub("<[^>]*>", " ", legend).split())
    assert BACKWARD_ARROW in steps_html(trace)  # the page's legend says the same
    assert BACKWARD_ARROW not in draw(out).source  # not a frame: no such arrow, no such line


def test_a_value_used_twice_lights_up_each_of_its_two_arrows_in_turn():
    a = Value(3.0, "a")
    frames = backward_frames(record(a + a))
    arrows = [[line.strip() for line in frame.source.splitlines() if "n0 -> n1op" in line]
              for frame in frames]
    assert ["current" in line for line in arrows[1]] == [True, False]
    assert ["current" in line for line in arrows[2]] == [False, True]
    assert grad_shown(frames[1].source, "a") == "1.0"
    assert grad_shown(frames[2].source, "a") == "2.0"


def test_titles_and_draw_options_reach_every_frame():
    x = Value(2.0, "x")
    trace = record(x * 3)
    frames = backward_frames(trace, rankdir="TB", show_local_grads=True)
    assert all("rankdir=TB" in frame.source for frame in frames)
    # the 3 belongs to the * node: one step, and the tape writes the constant itself
    assert "backward step 1 of 1:  dL/dx += dL/dv1 * 3 = 1.0 * 3.0 -&gt; 3.0" in frames[1].source
    def arrow_from_x(source):
        return next(line for line in source.splitlines() if line.strip().startswith("n0 -> "))

    assert ">local 3.0</TD>" in arrow_from_x(frames[1].source)
    assert ">adds 3.0</TD>" in arrow_from_x(frames[1].source)
    assert "adds" not in arrow_from_x(frames[0].source)  # nothing has flowed at the seed
    assert "step 0" not in backward_frames(trace, titles=False)[0].source


def test_bad_arguments_are_one_line_errors():
    x = Value(2.0, "x")
    trace = record(x * x)
    with pytest.raises(TypeError, match="backward_frames: highlight, names is set for each frame"):
        backward_frames(trace, names={}, highlight=[x])
    with pytest.raises(ValueError, match="backward_frames: the trace has 2 backward steps, more "
                                         "than max_frames=2"):
        backward_frames(trace, max_frames=2)
    with pytest.raises(TypeError, match="^backward_frames: trace=Value\\(.*\\) is a Value, not a "
                                        "Trace; use a Trace from trace.record\\(root\\)$"):
        backward_frames(x)
    with pytest.raises(ValueError, match="^backward_frames: max_frames=0 is out of range"):
        backward_frames(trace, max_frames=0)
    with pytest.raises(ValueError, match="^save_gif: seconds_per_frame=0 is out of range; use a "
                                         "finite number in \\[0.05, 60\\]$"):
        save_gif(trace, "never-written.gif", seconds_per_frame=0)
    with pytest.raises(TypeError, match="^save_gif: seconds_per_frame='1' is a str, not a "):
        save_gif(trace, "never-written.gif", seconds_per_frame="1")


def test_save_svgs_writes_one_numbered_svg_per_frame(tmp_path):
    require_dot()
    out, _ = neuron()
    trace = record(out)
    paths = save_svgs(trace, tmp_path / "frames")
    assert [p.name for p in paths[:2]] == ["step-000.svg", "step-001.svg"]
    assert len(paths) == 10
    last = ET.parse(paths[-1]).getroot()
    texts = ["".join(t.itertext()) for t in last.iter("{http://www.w3.org/2000/svg}text")]
    assert "grad \u2248-1.5" in texts and "grad \u2014" not in texts


def test_save_svgs_removes_the_frames_of_an_earlier_longer_trace(tmp_path):
    require_dot()
    out, _ = neuron()
    save_svgs(record(out), tmp_path / "frames")  # 10 frames: step-000 ... step-009
    (tmp_path / "frames" / "notes.txt").write_text("mine")
    x = Value(3.0, "x")
    paths = save_svgs(record(x * x), tmp_path / "frames")  # seed + 2 steps
    left = sorted(p.name for p in (tmp_path / "frames").iterdir())
    assert left == ["notes.txt", "step-000.svg", "step-001.svg", "step-002.svg"]
    assert [p.name for p in paths] == left[1:]


def test_save_gif_writes_an_animation_with_a_frame_per_step(tmp_path):
    require_dot()
    from PIL import Image
    x = Value(3.0, "x")
    trace = record(x * x + x)
    path = save_gif(trace, tmp_path / "steps.gif", seconds_per_frame=0.5)
    with Image.open(path) as gif:
        assert gif.format == "GIF"
        assert gif.n_frames == len(trace.backward) + 1 == 5
        durations = []
        for index in range(gif.n_frames):
            gif.seek(index)
            durations.append(gif.info["duration"])
    assert durations == [500, 500, 500, 500, 1500]



def test_the_module_example_runs_as_written():
    import autograd.draw.frames
    assert examples_pass(autograd.draw.frames)


def test_every_frame_has_the_same_layout_so_the_animation_does_not_jump():
    require_dot()
    out, _ = neuron()
    frames = backward_frames(record(out), show_local_grads=True)
    svgs = [frame.pipe(format="svg").decode() for frame in frames]
    sizes = {re.search(r'viewBox="([^"]*)"', svg).group(1) for svg in svgs}
    outlines = {re.search(r'class="node value output[^"]*">.*?points="([^"]*)"', svg,
                          re.S).group(1) for svg in svgs}
    assert len(sizes) == 1 and len(outlines) == 1


def test_a_frame_title_is_never_cut():
    require_dot()
    x = Value(3.0, "x")
    trace = record(x * x)
    svg = render(backward_frames(trace)[2], "svg", "test").decode()
    texts = "".join(ET.fromstring(svg).itertext()).replace("\xa0", " ")
    assert "dL/dx += dL/dv1 * x = 1.0 * 3.0 -> 6.0   (accumulates: 3.0 + 3.0)" in texts
    long_name = Value(2.0, "a_rather_long_input_name_for_a_lecture")
    frames = backward_frames(record(long_name * long_name * long_name))
    title = frames[-1].source.split("label=<backward step", 1)[1].split("labeljust", 1)[0]
    assert "\u2026" not in title and "(accumulates:" in title


def test_digits_reach_the_frames():
    x = Value(1 / 3, "x")
    frames = backward_frames(record(x * 3.0), digits=7)
    assert "data 0.3333333" in frames[0].source
    assert "0.3333333" in frames[1].source.split("label=<backward step", 1)[1]
    with pytest.raises(ValueError, match="format_number: digits=.* is out of range; use a whole number in"):
        backward_frames(record(x * 3.0), digits=0)

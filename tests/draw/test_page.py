"""Tests for autograd.draw.page: the self-contained step-by-step HTML page.

What the page does when clicked is tested in a real browser in
test_page_browser.py; here we check what the file contains.
"""

import json
import re
from html.parser import HTMLParser

import pytest

from autograd import Value
from autograd.draw.page import StepsPage, save_steps_html, steps_html
from autograd.trace import record
from support_tools import neuron, require_dot


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of the page."""

    def __init__(self):
        super().__init__()
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parsed(page):
    parser = Elements()
    parser.feed(page)
    return parser


def test_the_page_carries_the_recorded_program_as_data():
    require_dot()
    out, leaves = neuron()
    trace = record(out)
    page = StepsPage(trace, parameters=[leaves["w1"], leaves["w2"], leaves["b"]])
    document = page.document()
    data = json.loads(re.search(r'<script type="application/json" class="program">(.*?)'
                                r'</script>', document, flags=re.S).group(1))
    assert [node["name"] for node in data["nodes"]] == [s.name for s in trace.forward]
    assert [node["op"] for node in data["nodes"]] == [s.node.op for s in trace.forward]
    assert data["steps"] == [[[s.node for s in trace.forward].index(step.node), step.slot]
                             for step in trace.backward]
    assert data["lefts"] == [step.left_side("out") for step in trace.backward]
    roles = {node["name"]: node["role"] for node in data["nodes"]}
    assert roles["w1"] == "parameter" and roles["x1"] == "input" and roles["out"] == "output"
    editable = [node["name"] for node in data["nodes"] if node["editable"]]
    assert sorted(editable) == ["b", "w1", "w2", "x1", "x2"]
    assert page.steps == 5 + 1 + 9  # 5 computed nodes, the seed, 9 backward steps
    assert document.count("<svg") == 1  # one diagram, laid out once


def test_a_wide_graph_is_laid_out_top_to_bottom_unless_asked_otherwise():
    require_dot()
    out, _ = neuron()
    assert StepsPage(record(out)).rankdir == "TB"
    assert StepsPage(record(out), rankdir="LR").rankdir == "LR"
    with pytest.raises(ValueError, match="StepsPage: rankdir='up' is unknown; use one of 'LR', 'TB'"):
        StepsPage(record(out), rankdir="up")


def test_the_page_needs_nothing_from_the_network():
    require_dot()
    out, _ = neuron()
    page = steps_html(record(out))
    without_namespaces = re.sub(r'xmlns(:xlink)?="[^"]*"', "", page)
    assert "http" not in without_namespaces
    assert "<link" not in page and "src=" not in page
    assert re.findall(r"url\((?!#)", page) == []  # only the page's own arrowhead
    assert "@import" not in page


def test_every_element_id_is_unique_even_with_two_pages_on_one_page():
    require_dot()
    out, _ = neuron()
    page = StepsPage(record(out))
    both = page._repr_html_() + page._repr_html_()
    ids = [attrs["id"] for _, attrs in parsed(both).tags if "id" in attrs]
    assert len(ids) == len(set(ids)) > 60
    roots = [a["id"] for t, a in parsed(both).tags if a.get("class") == "chainrule-steps inline"]
    assert len(roots) == 2 and roots[0] != roots[1]


def test_user_text_is_escaped_everywhere():
    require_dot()
    attack = "</script><script>alert(1)</script>"
    x = Value(2.0, attack.replace(" ", ""))
    page = steps_html(record(x * 3), title=f"<i>{attack}</i>")
    assert "<script>alert" not in page
    assert page.count("<script>") == 2  # the page's own scripts only (rules, explorer)
    assert "&lt;i&gt;&lt;/script&gt;" in page
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_hostile_labels_show_as_typed_and_add_no_tags_or_attributes():
    require_dot()
    labels = ['a"b', "x' id=\"evil\" onload='1", "<img/src=x>", "&amp;", "{|}\\"]
    values = [Value(float(i + 1), label) for i, label in enumerate(labels)]
    total = values[0]
    for value in values[1:]:
        total = total * value
    plain = parsed(steps_html(record(total), title='"><svg onload=alert(1)>'))
    tags = {tag for tag, _ in plain.tags}
    assert "img" not in tags
    attributes = {name for _, attrs in plain.tags for name in attrs}
    assert not any(name.startswith("on") for name in attributes)
    ids = [attrs["id"] for _, attrs in plain.tags if "id" in attrs]
    assert "evil" not in ids and all(i == "steps" or i.startswith("steps-") for i in ids)
    text = "".join(plain.text)
    for label in labels:
        assert label in text, label  # shown as typed (in the diagrams and the tape)
    assert '"><svg onload=alert(1)>' in text


def test_save_steps_html_writes_a_complete_document(tmp_path):
    require_dot()
    x = Value(2.0, "x")
    with pytest.raises(ValueError, match="save_steps_html: cannot write .*the folder .*out' "
                                         "does not exist"):
        save_steps_html(record(x * x), tmp_path / "out" / "steps.html")
    assert list(tmp_path.iterdir()) == []  # no folder is made for a typo
    path = save_steps_html(record(x * x), tmp_path / "steps.html", title="x squared")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert "<title>x squared</title>" in text
    assert 'id="steps"' in text


def test_bad_arguments_are_one_line_errors():
    x = Value(2.0, "x")
    with pytest.raises(TypeError, match="^StepsPage: trace=Value\\(.*\\) is a Value, not a Trace"):
        StepsPage(x)
    with pytest.raises(ValueError, match="^StepsPage: seconds_per_step=-1 is out of range; use a "
                                         "finite number in \\[0.05, 60\\]$"):
        StepsPage(record(x * x), seconds_per_step=-1)
    require_dot()
    with pytest.raises(ValueError, match="^StepsPage: page_id='x\" onclick=\"alert\\(1\\)' is "
                                         "not an HTML id; use a letter and up to 63 letters"):
        steps_html(record(x * x), page_id='x" onclick="alert(1)')
    with pytest.raises(TypeError, match="^StepsPage: page_id=7 is an int, not text; use a str$"):
        steps_html(record(x * x), page_id=7)

    with pytest.raises(ValueError, match="format_number: digits=.* is out of range; use a whole number in"):
        StepsPage(record(x * x), digits=40)



def test_both_ways_to_save_write_the_same_page_and_nothing_on_failure(tmp_path):
    require_dot()
    x = Value(2.0, "x")
    trace = record(x * x)
    by_function = save_steps_html(trace, tmp_path / "a.html", page_id="p1")
    by_method = StepsPage(trace).save(tmp_path / "b.html", "p1")
    assert by_function.read_text() == by_method.read_text()
    assert 'id="p1"' in by_function.read_text()
    # The page is made before any folder: a bad page_id leaves nothing behind.
    page = StepsPage(trace)
    with pytest.raises(ValueError, match="StepsPage: page_id=.1 bad. is not an HTML id"):
        page.save(tmp_path / "new" / "c.html", page_id="1 bad")
    assert not (tmp_path / "new").exists()


def test_the_legend_explains_every_colour_and_outline_on_the_page():
    require_dot()
    out, leaves = neuron()
    page = steps_html(record(out), parameters=[leaves["w1"]])
    legend = re.search(r'<details class="legend".*?</details>', page, flags=re.S).group(0)
    text = "".join(parsed(legend).text)
    for words in ("input", "parameter (trained)", "intermediate value",
                  "output (backward starts here)", "operation", "the node of this step",
                  "the parent receiving the gradient", "against the arrows",
                  "not reached (backward) yet", "local derivative"):
        assert words in text, words
    assert "constant" not in text  # no constant in this graph, so none in its legend
    assert 'class="legend"' not in steps_html(record(out), legend=False)

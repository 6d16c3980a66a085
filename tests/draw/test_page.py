"""Tests for autograd.draw.page: the self-contained step-by-step HTML page.

What the page does when clicked is tested in a real browser in
test_page_browser.py; here we check what the file contains.
"""

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


def test_the_page_holds_every_step_with_only_the_first_visible():
    require_dot()
    out, _ = neuron()
    trace = record(out)
    page = parsed(steps_html(trace))
    steps = [(tag, attrs) for tag, attrs in page.tags if "data-step" in attrs]
    for kind in ("pre", "div", "tr", "p"):
        numbers = [int(a["data-step"]) for t, a in steps if t == kind]
        assert numbers == list(range(10)), kind
    visible = {(t, a["data-step"]) for t, a in steps if "hidden" not in a}
    assert visible == {("pre", "0"), ("div", "0"), ("tr", "0"), ("p", "0")}
    assert sum(1 for tag, _ in page.tags if tag == "svg") == 10
    text = "".join(page.text)
    for line in trace.step_lines():
        assert line in text
    assert "Step 0 of 9" in text


def test_the_page_needs_nothing_from_the_network():
    require_dot()
    out, _ = neuron()
    page = steps_html(record(out))
    without_namespaces = re.sub(r'xmlns(:xlink)?="[^"]*"', "", page)
    assert "http" not in without_namespaces
    assert "<link" not in page and "src=" not in page and "url(" not in page
    assert "@import" not in page


def test_every_element_id_is_unique_even_with_two_pages_on_one_page():
    require_dot()
    out, _ = neuron()
    page = StepsPage(record(out))
    both = page._repr_html_() + page._repr_html_()
    ids = [attrs["id"] for _, attrs in parsed(both).tags if "id" in attrs]
    assert len(ids) == len(set(ids)) > 100
    roots = [a["id"] for t, a in parsed(both).tags if a.get("class") == "chainrule-steps"]
    assert len(roots) == 2 and roots[0] != roots[1]


def test_user_text_is_escaped_everywhere():
    require_dot()
    attack = "</script><script>alert(1)</script>"
    x = Value(2.0, attack.replace(" ", ""))
    page = steps_html(record(x * 3), title=f"<i>{attack}</i>")
    assert "<script>alert" not in page
    assert page.count("<script>") == 1  # the page's own script only
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
    path = save_steps_html(record(x * x), tmp_path / "out" / "steps.html", title="x squared")
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

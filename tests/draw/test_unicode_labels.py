"""Any text a user gives ends up in a diagram dot accepts (issue 10, item 14).

Labels, names, titles and draw_network's input names are drawn from the whole
of Unicode (surrogates, controls, U+FFFE/U+FFFF included, and the characters
dot's label lexer cares about mixed in) and every diagram is rendered by the
real dot program: it must exit 0.
"""

import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nn
from autograd import Value
from autograd.draw import draw
from support_tools import require_dot

TRICKY = ["]", "[", "<", ">", "&", '"', "\\", "\n", "\t", "\x00", "\ud800", "\ufffe", "\uffff",
          "{", "}", ";", ":", "|", "&#93;", "<BR/>", "\u202e", "\U0010ffff", "\u0663"]
ANY_CHARACTER = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, categories=None)
TEXTS = st.lists(st.one_of(ANY_CHARACTER, st.sampled_from(TRICKY)), min_size=1,
                 max_size=6).map("".join)


def _dot_accepts(graph) -> None:
    done = subprocess.run(["dot", "-Tsvg"], input=graph.source.encode("utf-8"),
                          capture_output=True, timeout=30)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[:300]


@pytest.mark.parametrize("text", ["]", "\ufffe", "\uffff", "x]", "]]", "\ud800"])
def test_known_offenders_render(text):
    require_dot()
    x = Value(2.0, text)
    y = x * x
    y.label = text
    _dot_accepts(draw(y, title=text, names={x: text}))
    _dot_accepts(nn.draw_network(nn.MLP(2, [1], seed=0), input_names=[text, text], title=text))


@settings(max_examples=300)
@given(label=TEXTS, title=TEXTS, name=TEXTS)
def test_every_label_title_and_name_renders(label, title, name):
    require_dot()
    x, w = Value(2.0, label), Value(-3.0, name)
    y = (x * w).tanh()
    y.label = label
    y.backward()
    _dot_accepts(draw(y, title=title, show_local_grads=True))


@settings(max_examples=60)
@given(names=st.lists(TEXTS, min_size=2, max_size=2), title=TEXTS)
def test_every_draw_network_input_name_renders(names, title):
    require_dot()
    _dot_accepts(nn.draw_network(nn.MLP(2, [2, 1], seed=0), input_names=names, title=title))

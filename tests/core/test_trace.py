"""Tests for autograd.trace: the recorded steps, the tape text and its tables.

Expected numbers are derived by hand in the comments next to them.
"""

import math

import pytest

import autograd
from autograd import Value, apply, maximum, minimum
from autograd.notation import format_number, node_names
from autograd.trace import record
from support_tools import examples_pass, neuron


def test_the_example_from_the_issue_prints_as_expected():
    v0, v1 = Value(2.0), Value(3.0)
    trace = record(v0 * v1)
    lines = trace.text().splitlines()
    assert "  v2 = v0 * v1 = 6.0" in lines
    # d(v0*v1)/dv0 = v1 = 3, upstream 1: 1 * 3 = 3
    assert "  dL/dv0 += dL/dv2 * v1 = 1.0 * 3.0 -> 3.0" in lines
    assert "  dL/dv1 += dL/dv2 * v0 = 1.0 * 2.0 -> 2.0" in lines
    assert "  dL/dv2 = 1.0   (seed)" in lines


def test_forward_steps_come_after_their_inputs_with_kinds_and_values():
    x = Value(2.0, "x")
    y = 3 * x + x ** 2 + autograd.exp(0.0)
    trace = record(y)
    seen = set()
    for step in trace.forward:
        assert set(step.inputs) <= seen  # every input was listed before
        seen.add(step.name)
    by_value = {s.value: s for s in trace.forward}
    assert sorted(by_value) == [1.0, 2.0, 4.0, 6.0, 10.0, 11.0]
    assert (by_value[2.0].kind, by_value[1.0].kind, by_value[11.0].kind) == (
        "leaf", "constant", "computed")
    assert by_value[2.0].name == "x"
    assert by_value[4.0].op == "pow" and by_value[4.0].params == {"n": 2}
    assert by_value[4.0].expression == "x ** 2"
    assert by_value[6.0].inputs == ("x",) and by_value[6.0].expression == "3 * x"
    assert by_value[1.0].expression == "exp(0.0)" and by_value[1.0].inputs == ()
    assert trace.forward[-1].node is y


def test_the_same_graph_built_twice_gets_the_same_tape():
    def build():
        a, b = Value(1.5, "a"), Value(-2.0)
        return ((a * b + a).tanh() * b) ** 2

    assert record(build()).text() == record(build()).text()


def test_backward_steps_of_a_neuron_match_a_hand_derivation():
    out, leaves = neuron()
    trace = record(out)
    # tanh(0.8814) = 1/sqrt 2, so d out/d n = 1 - 1/2 = 0.5 flows to every add input
    first = trace.backward[0]
    assert first.node is out and first.upstream == 1.0
    assert first.local_formula == "1 - out**2"
    assert first.local == pytest.approx(0.5)
    assert first.before == 0.0 and first.after == pytest.approx(0.5)
    after = {step.parent_name: step.after for step in trace.backward}
    assert after["x1"] == pytest.approx(-1.5)  # 0.5 * w1
    assert after["w1"] == pytest.approx(1.0)  # 0.5 * x1
    assert after["x2"] == pytest.approx(0.5)  # 0.5 * w2
    assert after["w2"] == pytest.approx(0.0)  # 0.5 * x2
    assert after["b"] == pytest.approx(0.5)
    assert len(trace.backward) == 9  # tanh: 1 edge, three adds and two muls: 2 each
    for step in trace.backward:
        assert step.contribution == pytest.approx(step.local * step.upstream)
        assert step.after == pytest.approx(step.before + step.contribution)


def test_a_value_used_twice_gets_two_steps_that_accumulate():
    a = Value(3.0, "a")
    trace = record(a + a)
    assert [(s.parent_name, s.slot, s.before, s.after) for s in trace.backward] == [
        ("a", 0, 0.0, 1.0), ("a", 1, 1.0, 2.0)]
    assert trace.text().splitlines()[-1].endswith("-> 2.0   (accumulates: 1.0 + 1.0)")


def test_grads_after_shows_only_what_the_steps_have_reached():
    x, y = Value(2.0, "x"), Value(5.0, "y")
    z = x * y
    w = z + x  # dw/dx = y + 1 = 6, dw/dy = x = 2
    trace = record(w)
    assert trace.grads_after(0) == {w: 1.0}
    assert trace.grads_after(1) == {w: 1.0, z: 1.0}
    assert trace.grads_after(2) == {w: 1.0, z: 1.0, x: 1.0}
    assert trace.grads_after(4) == {w: 1.0, z: 1.0, x: 6.0, y: 2.0}
    with pytest.raises(ValueError, match=r"grads_after: steps=5 is outside 0\.\.4"):
        trace.grads_after(5)


def test_record_starts_from_zero_grads_unless_asked_not_to():
    x = Value(3.0, "x")
    y = x * x  # dy/dx = 2x = 6
    y.backward()
    y.backward()  # the leaf has accumulated 12
    assert record(y).backward[-1].after == 6.0
    assert x.grad == 6.0
    kept = record(y, zero_grad=False)  # the tape shows this pass; the leaf accumulates
    assert (kept.backward[0].before, kept.backward[-1].after) == (0.0, 6.0)
    assert x.grad == 12.0


def test_a_leaf_root_has_a_seed_and_no_steps():
    x = Value(4.0, "x")
    trace = record(x)
    assert trace.backward == ()
    assert trace.seed == 1.0
    assert trace.step_lines() == ["dx/dx = 1.0   (seed)"]  # the root's own name


@pytest.mark.parametrize("build, slot, formula", [
    (lambda x, y: x - y, 1, "-1"),
    (lambda x, y: x / y, 0, "1/y"),
    (lambda x, y: x / y, 1, "-x/y**2"),
    (lambda x, y: x ** 3, 0, "3*x**2"),
    (lambda x, y: x ** 0.5, 0, "0.5*x**-0.5"),
    (lambda x, y: x ** y, 1, "v2*log(x)"),
    (lambda x, y: 2 ** x, 0, "v2*log(2)"),
    (lambda x, y: x.sigmoid(), 0, "v2*(1 - v2)"),
    (lambda x, y: x.exp(), 0, "v2"),
    (lambda x, y: x.log(), 0, "1/x"),
    (lambda x, y: x.sin(), 0, "cos(x)"),
    (lambda x, y: x.leaky_relu(0.2), 0, "(1 if x > 0 else 0.2)"),
    (lambda x, y: -x, 0, "-1"),
])
def test_local_formulas_are_the_textbook_derivatives(build, slot, formula):
    x, y = Value(2.0, "x"), Value(0.5, "y")
    node = build(x, y)
    names = node_names([x, y, node])
    from autograd.notation import local_formula
    assert local_formula(node, slot, names) == formula


def test_maximum_and_minimum_formulas_give_each_input_half_at_a_tie():
    # the rule's convention (as PyTorch): at a tie each input gets 1/2
    x, y = Value(2.0, "x"), Value(2.0, "y")
    biggest, smallest = maximum(x, y), minimum(x, y)
    names = node_names([x, y, biggest, smallest])
    from autograd.notation import local_formula
    assert local_formula(biggest, 0, names) == "(1 if x > y else 1/2 if x == y else 0)"
    assert local_formula(biggest, 1, names) == "(1 if y > x else 1/2 if y == x else 0)"
    assert local_formula(smallest, 0, names) == "(1 if x < y else 1/2 if x == y else 0)"
    assert local_formula(smallest, 1, names) == "(1 if y < x else 1/2 if y == x else 0)"
    assert biggest.local_grads == smallest.local_grads == (0.5, 0.5)


def test_a_rule_of_ones_own_gets_a_generic_formula():
    x = Value(2.0, "x")
    node = apply(lambda a: (a * a * a, (3 * a * a,)), x, op="cube")
    trace = record(node)
    assert trace.forward[-1].expression == "cube(x)"
    assert trace.backward[0].local_formula == "dv1/dx"
    assert trace.backward[0].after == 12.0  # 3 * 2**2


def test_names_use_labels_only_when_unique_and_word_like():
    nodes = [Value(1.0, "x"), Value(2.0, "x"), Value(3.0, "a b"), Value(4.0, "v9"),
             Value(5.0, "w")]
    assert list(node_names(nodes).values()) == ["v0", "v1", "v2", "v3", "w"]


def test_numbers_are_formatted_for_people():
    assert format_number(6.0) == "6.0"
    assert format_number(-3) == "-3.0"
    assert format_number(1 / math.sqrt(2)) == "0.7071"
    assert format_number(12345.6) == "1.235e+04"
    assert format_number(-0.0) == "-0.0"


def test_rows_markdown_and_html_carry_the_same_steps():
    out, _ = neuron()
    trace = record(out)
    rows = trace.rows()
    assert len(rows) == 9
    assert rows[0]["node"] == "out" and rows[0]["local formula"] == "1 - out**2"
    assert rows[0]["line"] == trace.backward[0].line("out")
    assert {r["name"] for r in trace.rows("forward")} >= {"x1", "w1", "x2", "w2", "b", "out"}
    with pytest.raises(ValueError, match="rows: part='sideways' is not known"):
        trace.rows("sideways")
    markdown = trace._repr_markdown_()
    pre = trace.names[out.parents[0]]
    assert f"| 1 | `out` | 1.0 | `{pre}` | `1 - out**2` = ≈0.5 | ≈0.5 | 0.0 -> ≈0.5 |" in markdown
    assert trace._repr_html_().count("<tr>") == 1 + 10 + 1 + 9  # headers and rows
    assert str(trace) == trace.text()
    assert repr(trace) == "<Trace of out = 0.7071: 10 nodes, 9 backward steps>"


def test_labels_are_escaped_in_markdown_and_html():
    x = Value(2.0, "<b>|x")
    trace = record(x * 3)
    assert "`<b>\\|x`" in trace.markdown()
    page = trace._repr_html_()
    assert "&lt;b&gt;|x" in page and "<b>" not in page


def test_record_rejects_a_plain_number_in_one_line():
    with pytest.raises(TypeError, match=r"^record: root=3\.0 is a float, not a Value; use the "
                                        r"Value an expression of Values ends in$"):
        record(3.0)


def test_names_with_braces_stay_literal_in_formulas():
    x, y = Value(2.0, "{y}"), Value(3.0, "{x}")
    trace = record(x * y)
    assert [s.local_formula for s in trace.backward] == ["{x}", "{y}"]



def test_the_module_example_runs_as_written():
    import autograd.trace
    assert examples_pass(autograd.trace)

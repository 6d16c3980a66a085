"""Tests for autograd.cli.parse: formulas build the right graph, values are read as numbers.

What the whitelist refuses is tested in test_parse_rules.py.
"""

import math

import pytest

import autograd
from autograd import Value, topological_order
from autograd.cli.parse import ExpressionError, evaluate, parse, parse_assignments
from nn.examples import NEURON_FORMULA, NEURON_INPUTS

def check(text, values, value, partials):
    """evaluate, backward, and compare the value and every partial with hand math."""
    expression = parse(text)
    leaves = expression.leaves(**values)
    root = expression.build(leaves)
    root.backward()
    assert math.isclose(root.data, value, rel_tol=1e-12, abs_tol=1e-15)
    for name, expected in partials.items():
        assert math.isclose(leaves[name].grad, expected, rel_tol=1e-12, abs_tol=1e-15), name


PHI_1 = 0.5 * (1 + math.erf(1 / math.sqrt(2)))  # standard normal cdf at 1
DENSITY_1 = math.exp(-0.5) / math.sqrt(2 * math.pi)

VALID = [
    ("x*w + b", dict(x=2, w=-3, b=1), -5.0, dict(x=-3.0, w=2.0, b=1.0)),
    ("x*x + 3*x", dict(x=2), 10.0, dict(x=7.0)),  # d/dx = 2x + 3
    ("-x**2", dict(x=3), -9.0, dict(x=-6.0)),  # -(x**2), as in Python
    ("x**3", dict(x=2), 8.0, dict(x=12.0)),
    ("x**-1", dict(x=2), 0.5, dict(x=-0.25)),
    ("x**0.5", dict(x=4), 2.0, dict(x=0.25)),
    ("2**x", dict(x=3), 8.0, dict(x=8 * math.log(2))),
    ("x**y", dict(x=2, y=3), 8.0, dict(x=12.0, y=8 * math.log(2))),
    ("x / y", dict(x=1, y=4), 0.25, dict(x=0.25, y=-1 / 16)),
    ("x - -y", dict(x=1, y=4), 5.0, dict(x=1.0, y=1.0)),
    ("+x", dict(x=1.5), 1.5, dict(x=1.0)),
    ("log(x) / x", dict(x=2), math.log(2) / 2, dict(x=(1 - math.log(2)) / 4)),
    ("sqrt(x)", dict(x=4), 2.0, dict(x=0.25)),
    ("exp(x)", dict(x=0), 1.0, dict(x=1.0)),
    ("sin(x) * cos(x)", dict(x=0.3), math.sin(0.3) * math.cos(0.3), dict(x=math.cos(0.6))),
    ("arctan(x)", dict(x=1), math.pi / 4, dict(x=0.5)),
    ("tanh(x)", dict(x=0), 0.0, dict(x=1.0)),
    ("sigmoid(x)", dict(x=0), 0.5, dict(x=0.25)),
    ("relu(x)", dict(x=-1), 0.0, dict(x=0.0)),
    ("relu(x)", dict(x=2), 2.0, dict(x=1.0)),
    ("leaky_relu(x)", dict(x=-1), -0.01, dict(x=0.01)),
    ("leaky_relu(x, 0.2)", dict(x=-1), -0.2, dict(x=0.2)),
    ("leaky_relu(x, alpha=-0.5 * -0.2)", dict(x=-2), -0.2, dict(x=0.1)),
    ("elu(x)", dict(x=-1), math.exp(-1) - 1, dict(x=math.exp(-1))),
    ("elu(x, 0.5)", dict(x=-1), 0.5 * (math.exp(-1) - 1), dict(x=0.5 * math.exp(-1))),
    ("softplus(x)", dict(x=0), math.log(2), dict(x=0.5)),
    ("gelu(x)", dict(x=1), PHI_1, dict(x=PHI_1 + DENSITY_1)),
    ("abs(x)", dict(x=-3), 3.0, dict(x=-1.0)),
    ("abs(-3) * x", dict(x=2), 6.0, dict(x=3.0)),
    ("maximum(x, y)", dict(x=1, y=2), 2.0, dict(x=0.0, y=1.0)),
    ("minimum(x, y)", dict(x=2, y=2), 2.0, dict(x=0.5, y=0.5)),  # a tie shares
    ("maximum(x, 3)", dict(x=1), 3.0, dict(x=0.0)),
    # the classic neuron: tanh(asinh(1)) = 1/sqrt(2), tanh' = 1 - 1/2
    (NEURON_FORMULA, NEURON_INPUTS,
     1 / math.sqrt(2), dict(x1=-1.5, w1=1.0, x2=0.5, w2=0.0, b=0.5)),
    ("θ * x  # a comment", dict(θ=2, x=5), 10.0, dict(θ=5.0, x=2.0)),
    ("\tx +\t1", dict(x=1), 2.0, dict(x=1.0)),
]


@pytest.mark.parametrize("text, values, value, partials", VALID)
def test_values_and_partials_match_hand_derivations(text, values, value, partials):
    check(text, values, value, partials)


def test_graph_is_the_one_python_builds():
    x, w, b = Value(0.5, "x"), Value(-1.5, "w"), Value(2.0, "b")
    by_python = autograd.tanh(x * w + 2 * b) ** 2 - autograd.exp(-x) / 3
    by_parser = evaluate("tanh(x*w + 2*b)**2 - exp(-x)/3", x=0.5, w=-1.5, b=2.0)

    def shape(root):
        nodes = topological_order(root)
        return [(n.op, n.label, n.data, n.params, [nodes.index(p) for p in n.parents])
                for n in nodes]

    assert shape(by_parser) == shape(by_python)


def test_a_variable_used_twice_is_one_leaf_with_two_edges():
    root = evaluate("x*x", x=3)
    left, right = root.parents
    assert left is right and left.label == "x"


def test_variables_in_order_of_first_use():
    assert parse("b + w*x + w").variables == ("b", "w", "x")
    assert parse("ﬁ + 1").variables == ("fi",)  # Python's NFKC name normalisation


def test_plain_numbers_fold_and_exponents_stay_numbers():
    assert evaluate("x ** (1 + 1)", x=3).params == {"n": 2}
    assert isinstance(evaluate("x ** (1 + 1)", x=3).params["n"], int)
    assert evaluate("x ** (1/2)", x=4).params == {"n": 0.5}
    node = evaluate("2*3*x", x=1)  # 2*3 folds to 6, a constant of the one * node
    assert node.inputs[0] == 6 and [p.label for p in node.parents] == ["x"]


def test_a_formula_without_variables_is_one_number():
    root = evaluate("2 + 3")
    assert root.is_leaf and root.op == "" and root.data == 5.0


def test_given_values_are_used_as_they_are():
    v = Value(2.0, "mine")
    root = evaluate("3*v", v=v)
    root.backward()
    assert v.grad == 3.0 and v.label == "mine"


def test_function_form_passes_gradcheck():
    assert autograd.gradcheck(parse("x*sin(y) + y**2/x").function(), 0.7, -1.3)


def test_evaluation_errors_give_the_column_of_the_failing_part():
    with pytest.raises(ExpressionError) as caught:
        evaluate("x*y + log(x - 5)", x=1, y=2)
    assert caught.value.column == 7
    assert str(caught.value).startswith("column 7: in 'log(x - 5)': log(-4.0): ")


def test_assignments_are_read_as_numbers():
    assert parse_assignments(["x=2", "w = -3.5", "b=1e-3"]) == {"x": 2.0, "w": -3.5, "b": 0.001}


@pytest.mark.parametrize("items, fragment", [
    (["x"], "write NAME=NUMBER"),
    (["=2"], "write NAME=NUMBER"),
    (["2x=1"], "write NAME=NUMBER"),
    (["x-y=1"], "write NAME=NUMBER"),
    (["x=abc"], "'abc' is not a finite number"),
    (["x="], "'' is not a finite number"),
    (["x=nan"], "not a finite number"),
    (["x=-inf"], "not a finite number"),
    (["x=1e400"], "not a finite number"),
    (["x=1/2"], "not a finite number"),
    (["exp=2"], "exp is a function"),
    (["x=1", "x=2"], "'x=2': 'x' is given twice"),
])
def test_bad_assignments_are_refused_in_one_line(items, fragment):
    with pytest.raises(ExpressionError) as caught:
        parse_assignments(items)
    assert fragment in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize("text, value", [
    ("x + 0**0.5", 1.0),            # d/dx x^0.5 is infinite at 0, but 0**0.5 is a constant
    ("x + 1e300/1e-5", 1e305),      # d/db a/b = -a/b^2 overflows, but nobody needs it
    ("x + 1e-200*1e-200", 1.0),     # underflows to 0, as Python's float does
    ("x + 0.0**2", 1.0),
])
def test_constants_fold_without_derivatives_nobody_needs(text, value):
    # Issue 10, item 11: these were refused because the rule table computed d/d(constant).
    root = evaluate(text, x=1.0)
    root.backward()
    leaf = next(node for node in topological_order(root) if node.label == "x")
    assert root.data == value and leaf.grad == 1.0

"""Tests for autograd.parse: hostile text is refused in one line, formulas build the right graph."""

import math
import warnings

import pytest

import autograd
from autograd import Value, topological_order
from autograd.parse import (MAX_DEPTH, MAX_LENGTH, ExpressionError, evaluate, parse,
                            parse_assignments)

# (text, column of the error or None, a fragment the message must contain)
HOSTILE = [
    # code that is not a formula
    ("__import__('os').system('ls')", 1, "by plain name"),
    ("__import__('os')", 1, "unknown function '__import__'"),
    ("x.real", 1, "attribute access"),
    ("x.__class__.__bases__", 1, "attribute access"),
    ("math.exp(x)", 1, "by plain name"),
    ("exp(x)(y)", 1, "by plain name"),
    ("import os", 1, "'import' starts a statement"),
    ("from os import system", 1, "'from' starts a statement"),
    ("def f(): pass", 1, "'def' starts a statement"),
    ("lambda: 1", 1, "lambda is not allowed"),
    ("(lambda x: x)(2)", 1, "by plain name"),
    ("x[0]", 1, "indexing"),
    ("x[1:2]", 1, "indexing"),
    ("[x for x in y]", 1, "comprehensions"),
    ("{x for x in y}", 1, "comprehensions"),
    ("{x: 1 for x in y}", 1, "comprehensions"),
    ("sum(x for x in y)", 1, "unknown function 'sum'"),
    ("exp(x for x in y)", 4, "comprehensions"),
    ("'abc'", 1, "text \"'abc'\" is not a number"),
    ("b'abc'", 1, "is not a number"),
    ("f'{x}'", 1, "f-strings"),
    ("x = 1", 3, "assignment"),
    ("x=1", 2, "assignment"),
    ("(x := 1)", 2, "assignment"),
    ("x + (y := 2)", 6, "assignment"),
    ("x, y", 1, "tuple"),
    ("[x, y]", 1, "a list"),
    ("{x}", 1, "a set"),
    ("{'a': x}", 1, "a dict"),
    ("x if y else z", 1, "if/else"),
    ("x and y", 1, "and/or"),
    ("x < y", 1, "comparisons"),
    ("not x", 1, "only unary minus"),
    ("~x", 1, "only unary minus"),
    ("x ^ 2", 1, "write ** instead"),
    ("x % 2", 1, "not supported"),
    ("x // 2", 1, "not supported"),
    ("x @ y", 1, "not supported"),
    ("x << 2", 1, "not supported"),
    ("await x", 1, "await"),
    ("x;y", 2, "syntax error"),
    ("x +", 4, "syntax error"),
    ("x)", 2, "unmatched"),
    ("((x", 2, "never closed"),
    ("x $ y", 3, "syntax error"),
    # keyword and argument tricks
    ("exp(**{'x': 1})", 1, "unpacking with **"),
    ("leaky_relu(x, **a)", 1, "unpacking with **"),
    ("exp(*a)", 5, "unpacking with *"),
    ("exp(x=1)", 1, "exp takes one input"),
    ("exp(x, y)", 1, "exp takes one input"),
    ("exp()", 1, "exp takes one input"),
    ("maximum(x)", 1, "maximum takes two inputs"),
    ("leaky_relu(alpha=0.1)", 1, "leaky_relu takes one input and an optional number alpha"),
    ("leaky_relu(x, 0.1, alpha=0.2)", 1, "repeated alpha="),
    ("leaky_relu(x, beta=0.2)", 1, "unexpected or repeated beta="),
    ("leaky_relu(x, alpha=0.1, alpha=0.2)", 1, "repeated alpha="),
    ("leaky_relu(x, alpha=y)", 21, "the alpha of leaky_relu must be a plain number"),
    ("elu(x, 2*y)", 10, "the alpha of elu must be a plain number"),
    ("leaky_relu(x, exp(1))", 15, "not the call 'exp(1)'"),
    ("ep(x)", 1, "did you mean exp?"),
    ("exp", 1, "exp is a function"),
    ("x + sigmoid", 5, "sigmoid is a function"),
    # numbers that are not finite floats, and arithmetic that would explode
    ("1e400", 1, "not finite"),
    ("-1e999 * x", 2, "not finite"),
    ("1" + "0" * 400, 1, "too large for a float"),
    ("1j", 1, "complex"),
    ("x * 2j", 5, "complex"),
    ("True", 1, "is not a number"),
    ("None + x", 1, "is not a number"),
    ("...", 1, "is not a number"),
    ("9**9**9", 1, "overflows"),
    ("10**400", 1, "overflows"),
    ("2**2**2**2**2", 1, "overflows"),
    ("x * 10.0**309", 5, "overflows"),
    ("4*1e308", 1, "4 * 1e+308 overflows a float"),
    ("x + (-1e308 - 1e308)", 6, "overflows a float"),
    ("1/0", 1, "division by zero"),
    ("0**-1", 1, "0 cannot be raised to a negative power"),
    ("(-8)**(1/3)", 1, "negative base to a fractional power"),
    ("log(-1)", 1, "log(-1.0)"),
    ("exp(1000)", 1, "exp(1000.0)"),
    # size, depth and invisible characters
    ("", None, "empty"),
    ("   ", None, "empty"),
    ("x" * (MAX_LENGTH + 1), MAX_LENGTH + 1, "more than 1000"),
    ("-" * MAX_DEPTH + "x", MAX_DEPTH + 1, "nests more than 200 levels"),
    ("(" * 300 + "x" + ")" * 300, 201, "too many nested parentheses"),
    ("x**" * 210 + "x", None, "nests more than 200 levels"),
    ("x" + "+x" * 250, None, "nests more than 200 levels"),
    ("x\ny", 2, "control or invisible character '\\n'"),
    ("x\r", 2, "control or invisible character"),
    ("x\0", 2, "control or invisible character '\\x00'"),
    ("\u202ex + y", 1, "control or invisible character"),
    ("x\u200b+ y", 2, "control or invisible character"),
    # positions count characters, not bytes, and include leading spaces
    ("é + x.ab", 5, "'x.ab': attribute access"),
    ("   x.y", 4, "attribute access"),
]


@pytest.mark.parametrize("text, column, fragment", HOSTILE)
def test_hostile_input_is_refused_in_one_line(text, column, fragment):
    with pytest.raises(ExpressionError) as caught:
        expression = parse(text)
        expression.evaluate(**{name: 1.0 for name in expression.variables})
    message = str(caught.value)
    assert fragment in message
    assert "\n" not in message and "Traceback" not in message
    assert len(message) < 400
    if column is not None:
        assert caught.value.column == column
        assert message.startswith(f"column {column}: ")


@pytest.mark.parametrize("text", ["1if x else y", "x is 1", "1or x", "'\\d'"])
def test_python_syntax_warnings_stay_silent(text):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(ExpressionError):
            parse(text)
    assert caught == []  # nothing printed besides the one-line error


def test_error_names_the_offending_text_and_what_works():
    with pytest.raises(ExpressionError, match=r"'x\.real'.*e\.g\. exp\(x\)"):
        parse("x.real + 1")


def test_non_text_is_refused():
    with pytest.raises(ExpressionError, match="must be text"):
        parse(3)


def test_nesting_just_below_the_limits_is_accepted():
    assert evaluate("-" * (MAX_DEPTH - 1) + "x", x=2.0).data == -2.0  # odd count
    assert evaluate("x" + "+x" * 150, x=1.0).data == 151.0
    assert evaluate(("x" + " " * (MAX_LENGTH - 1))[:MAX_LENGTH], x=1.0).data == 1.0


def test_missing_variables_are_all_listed():
    with pytest.raises(ExpressionError, match=r"no value for w, b; .* e\.g\. w=1\.0 b=1\.0"):
        evaluate("x*w + b", x=1.0)


def test_unused_values_are_refused():
    with pytest.raises(ExpressionError, match="z not used in 'x\\*w' \\(its variables: x, w\\)"):
        evaluate("x*w", x=1.0, w=2.0, z=3.0)


@pytest.mark.parametrize("bad", ["2", float("nan"), float("inf"), True, None])
def test_values_must_be_finite_numbers(bad):
    with pytest.raises(ExpressionError, match="the value of x is"):
        evaluate("x + 1", x=bad)


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
    ("tanh(x1*w1 + x2*w2 + b)", dict(x1=2, w1=-3, x2=0, w2=1, b=6.8813735870195432),
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
    six = evaluate("2*3*x", x=1).parents[0]
    assert six.is_constant and six.data == 6.0


def test_a_formula_without_variables_is_a_constant():
    root = evaluate("2 + 3")
    assert root.is_constant and root.data == 5.0


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
    (["x=1", "x=2"], "x is given twice"),
])
def test_bad_assignments_are_refused_in_one_line(items, fragment):
    with pytest.raises(ExpressionError) as caught:
        parse_assignments(items)
    assert fragment in str(caught.value) and "\n" not in str(caught.value)

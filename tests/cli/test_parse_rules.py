"""Tests for autograd.cli.whitelist, through parse: what the whitelist refuses, in one line.

Each refusal names the offending text, its column, and what to write instead.
"""

import warnings

import pytest

from autograd.cli.parse import MAX_DEPTH, MAX_LENGTH, ExpressionError, evaluate, parse


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
    with pytest.raises(ExpressionError, match="^parse: text=3 is an int, not text; use a str$"):
        parse(3)


def test_nesting_just_below_the_limits_is_accepted():
    assert evaluate("-" * (MAX_DEPTH - 1) + "x", x=2.0).data == -2.0  # odd count
    assert evaluate("x" + "+x" * 150, x=1.0).data == 151.0
    assert evaluate(("x" + " " * (MAX_LENGTH - 1))[:MAX_LENGTH], x=1.0).data == 1.0


def test_missing_variables_are_all_listed():
    with pytest.raises(ExpressionError, match=r"no value for w, b; .* e\.g\. w=1\.0 b=1\.0"):
        evaluate("x*w + b", x=1.0)


def test_unused_values_are_refused():
    with pytest.raises(ExpressionError, match="'z' not used in 'x\\*w' \\(its variables: x, w\\)"):
        evaluate("x*w", x=1.0, w=2.0, z=3.0)


@pytest.mark.parametrize("bad", ["2", float("nan"), float("inf"), True, None])
def test_values_must_be_finite_numbers(bad):
    with pytest.raises(ExpressionError, match="the value of x is"):
        evaluate("x + 1", x=bad)

"""Argument checks across the layers: one vocabulary (autograd.checks), short messages.

1. Every public entry point that takes a user's text, option or number answers
   a 1 MB string (or an int too long to print) with one line that names the
   argument, under 300 characters besides the list of choices it may give,
   instead of repeating the input.
2. The hand-written check (`if not isinstance(x, ...): raise ...`) is gone from
   autograd/ and nn/ outside autograd/checks.py, apart from the places listed
   below with the reason they are not argument checks.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from hypothesis.errors import InvalidArgument

import autograd
import nn
from autograd import Value, gradcheck, numerical_grad
from autograd.cli.parse import ExpressionError, evaluate, parse_assignments
from autograd.draw import StepsPage, backward_frames, draw, save_gif
from autograd.testing import Program, check_op
from autograd.testing.strategies import programs, values
from autograd.trace import record
from nn.cli import main

BIG = "x" * 10 ** 6
HUGE_INT = 10 ** 5000  # Python refuses to print it (more than 4300 digits)
LONGEST = 300
ROOT = Path(autograd.__file__).parent.parent


def _model() -> nn.MLP:
    return nn.MLP(2, [2, 1], seed=0)


def _identity(x: float) -> tuple[float, tuple[float, ...]]:
    return x, (1.0,)


def _trace():
    x = Value(2.0, "x")
    return record(x * x)


# (what is called, the error it raises, the words that name the argument)
ENTRY_POINTS = {
    "MLP activation": (lambda: nn.MLP(2, [3], activation=BIG), ValueError, "activation='xxx"),
    "MLP output_activation": (lambda: nn.MLP(2, [3], output_activation=BIG), ValueError,
                              "activation='xxx"),
    "Neuron activation": (lambda: nn.Neuron(2, activation=BIG), ValueError, "activation='xxx"),
    "Layer activation": (lambda: nn.Layer(2, 2, activation=BIG), ValueError, "activation='xxx"),
    "MLP init": (lambda: nn.MLP(2, [3], init=BIG), ValueError, "init='xxx"),
    "MLP seed": (lambda: nn.MLP(2, [3], seed=BIG), TypeError, "seed='xxx"),
    "MLP sizes": (lambda: nn.MLP(2, BIG), TypeError, "sizes='xxx"),
    "MLP nin": (lambda: nn.MLP(-HUGE_INT, [1]), ValueError, "nin=<int of"),
    "model input": (lambda: _model()([BIG, 1.0]), TypeError, "inputs[0]='xxx"),
    "predict input": (lambda: _model().predict(BIG), TypeError, "inputs='xxx"),
    "from_weights": (lambda: nn.Neuron.from_weights([BIG]), TypeError, "weights[0]='xxx"),
    "get_loss": (lambda: nn.losses.get_loss(BIG), ValueError, "loss='xxx"),
    "fit loss": (lambda: nn.fit(_model(), [[0.0, 1.0]], [1], loss=BIG, progress=False),
                 ValueError, "loss='xxx"),
    "fit epochs": (lambda: nn.fit(_model(), [[0.0, 1.0]], [1], epochs=BIG, progress=False),
                   TypeError, "epochs='xxx"),
    "fit callbacks": (lambda: nn.fit(_model(), [[0.0, 1.0]], [1], callbacks=[BIG],
                                     progress=False), TypeError, "callbacks[0]='xxx"),
    "mse outputs": (lambda: nn.losses.mse(BIG, [1.0]), TypeError, "outputs='xxx"),
    "mse targets": (lambda: nn.losses.mse([1.0], [BIG]), TypeError, "targets[0]='xxx"),
    "cross_entropy targets": (lambda: nn.losses.cross_entropy([[1.0, 2.0]], [BIG]), TypeError,
                              "targets[0]='xxx"),
    "l2 alpha": (lambda: nn.losses.l2(_model(), BIG), TypeError, "alpha='xxx"),
    "SGD lr": (lambda: nn.optim.SGD(_model(), lr=BIG), TypeError, "lr='xxx"),
    "Adam betas": (lambda: nn.optim.Adam(_model(), betas=BIG), TypeError, "betas='xxx"),
    "dataset n": (lambda: nn.datasets.moons(n=BIG), TypeError, "n='xxx"),
    "dataset noise": (lambda: nn.datasets.moons(noise=HUGE_INT), ValueError, "noise=<int of"),
    "standardize": (lambda: nn.datasets.standardize([[BIG]]), TypeError, "X[0][0]='xxx"),
    "split": (lambda: nn.datasets.train_validation_split([[1.0]], [1], validation=BIG),
              TypeError, "validation='xxx"),
    "decision_boundary": (lambda: nn.plot.decision_boundary(_model(), [[0.0, 1.0]], [1],
                                                            resolution=BIG),
                          TypeError, "resolution='xxx"),
    "plot history": (lambda: nn.plot.history(BIG), TypeError, "history='xxx"),
    "plot path": (lambda: nn.plot.history(nn.History(loss=[1.0]), BIG), ValueError,
                  "history: cannot write 'xxx"),
    "plot path type": (lambda: nn.plot.history(nn.History(loss=[1.0]), [BIG]), TypeError,
                       "history: path=['xxx"),
    "draw_network rankdir": (lambda: nn.draw_network(_model(), rankdir=BIG), ValueError,
                             "rankdir='xxx"),
    "draw_network input_names": (lambda: nn.draw_network(_model(), input_names=BIG), TypeError,
                                 "input_names='xxx"),
    "save": (lambda: nn.save(BIG, "never-written.json"), TypeError, "model='xxx"),
    "Value": (lambda: Value(BIG), TypeError, "Value: expected an int or float, got str 'xxx"),
    "Value label": (lambda: Value(1.0, label=[BIG]), TypeError, "label: expected a str"),
    "Value huge int": (lambda: Value(HUGE_INT), OverflowError, "Value: an integer of"),
    "Value + text": (lambda: Value(1.0) + BIG, TypeError, "add: expected an int or float"),
    "Value method param": (lambda: Value(1.0).leaky_relu(BIG), TypeError,
                           "leaky_relu: expected an int or float"),
    "exp of text": (lambda: autograd.exp(BIG), TypeError, "exp: expected an int or float"),
    "sum_values item": (lambda: autograd.sum_values([Value(1.0), BIG]), TypeError,
                        "sum: expected an int or float, got str 'xxx"),
    "sum_values text": (lambda: autograd.sum_values(BIG), TypeError,
                        "sum: expected an int or float, got str 'x'"),
    "maximum": (lambda: autograd.maximum(Value(1.0), BIG), TypeError,
                "maximum: expected an int or float, got str 'xxx"),
    "minimum": (lambda: autograd.minimum(HUGE_INT, Value(1.0)), OverflowError,
                "minimum: an integer of"),
    "apply input": (lambda: autograd.apply(_identity, BIG), TypeError,
                    "_identity: expected an int or float, got str 'xxx"),
    "apply op": (lambda: autograd.apply(_identity, 1.0, op=[BIG]), TypeError, "op=['xxx"),
    "apply long op": (lambda: autograd.apply(_identity, BIG, op=BIG), TypeError,
                      "'xxx"),
    "apply result": (lambda: autograd.apply(lambda x: BIG, 1.0, op="f"), ValueError,
                     "f: the rule's result='xxx"),
    "apply local_grads": (lambda: autograd.apply(lambda x: (x, BIG), 1.0, op="f"), ValueError,
                          "f: local_grads='xxx"),
    "apply local value": (lambda: autograd.apply(lambda x: (x, (BIG,)), 1.0, op="f"), TypeError,
                          "f: expected an int or float, got str 'xxx"),
    "record root": (lambda: record(BIG), TypeError, "record: root='xxx"),
    "numerical_grad": (lambda: numerical_grad(lambda x: x, BIG), TypeError, "xs[0]='xxx"),
    "gradcheck rtol": (lambda: gradcheck(lambda x: x, 1.0, rtol=BIG), TypeError, "rtol='xxx"),
    "draw root": (lambda: draw(BIG), TypeError, "root='xxx"),
    "draw rankdir": (lambda: draw(Value(1.0), rankdir=BIG), ValueError, "rankdir='xxx"),
    "draw color_by": (lambda: draw(Value(1.0), color_by=BIG), ValueError, "color_by='xxx"),
    "draw max_nodes": (lambda: draw(Value(1.0), max_nodes=BIG), TypeError, "max_nodes='xxx"),
    "backward_frames": (lambda: backward_frames(BIG), TypeError, "trace='xxx"),
    "save_gif seconds": (lambda: save_gif(_trace(), "never.gif", seconds_per_frame=BIG),
                         TypeError, "seconds_per_frame='xxx"),
    "StepsPage": (lambda: StepsPage(BIG), TypeError, "trace='xxx"),
    "evaluate value": (lambda: evaluate("x + 1", x=BIG), ExpressionError, "value of x is 'xxx"),
    "evaluate formula": (lambda: evaluate(BIG), ExpressionError, "1000000 characters"),
    "assignments": (lambda: parse_assignments(["x=" + BIG]), ExpressionError, "'x=xxx"),
    "values label": (lambda: values(label=[BIG]), InvalidArgument, "label=['xxx"),
    "programs ops": (lambda: programs(ops=[BIG]), InvalidArgument, "ops[0]='xxx"),
    "Program inputs": (lambda: Program((BIG,), ()), ValueError, "v0='xxx"),
    "Program from_text": (lambda: Program.from_text("v0 = " + BIG), ValueError, "'xxx"),
    "check_op": (lambda: check_op(BIG), TypeError, "got str 'xxx"),
}


@pytest.mark.parametrize("name", sorted(ENTRY_POINTS))
def test_a_huge_argument_gives_one_short_line_naming_it(name):
    call, error_type, names_it = ENTRY_POINTS[name]
    with pytest.raises(error_type) as error:
        call()
    message = str(error.value)
    assert len(message.splitlines()) == 1
    ours = message.partition("; use one of ")[2]  # the list of choices is ours, not the input
    assert len(message) - len(ours) < LONGEST, message[:400]
    assert names_it in message


def test_a_model_file_with_a_huge_activation_name_is_refused_in_one_short_line(tmp_path):
    path = tmp_path / "model.json"
    nn.save(_model(), path)
    data = json.loads(path.read_text())
    data["layers"][0]["activation"] = BIG
    data[BIG] = 1
    path.write_text(json.dumps(data))
    with pytest.raises(ValueError) as error:
        nn.load(path)
    message = str(error.value)
    assert len(message.splitlines()) == 1 and len(message) < LONGEST + len(str(path))
    assert "unexpected keys ['xxx" in message


@pytest.mark.parametrize("callbacks, names_it", [
    ([1], "fit: callbacks[0]=1 is an int, not callable; use a function callback(epoch, "
          "history)"),
    ([print, "stop"], "fit: callbacks[1]='stop' is a str, not callable"),
    (print, "fit: callbacks=<built-in function print> is a builtin_function_or_method, not a "
            "list; use a list of functions callback(epoch, history)"),
    # Before: a callback of the wrong arity failed after the first epoch with a raw TypeError.
    ([lambda: None], "fit: callbacks[0]=<function <lambda> at "),
    ([lambda epoch: None], "fit: callbacks[0]=<function <lambda> at "),
])
def test_fit_checks_its_callbacks_before_training(callbacks, names_it):
    # Before: callbacks=[1] failed after the first epoch with "'int' object is not callable".
    model = _model()
    before = [p.data for p in model.parameters()]
    with pytest.raises(TypeError) as error:
        nn.fit(model, [[0.0, 1.0], [1.0, 0.0]], [1, -1], loss="hinge", epochs=3,
               progress=False, callbacks=callbacks)
    assert str(error.value).startswith(names_it) and "\n" not in str(error.value)
    assert any(words in str(error.value) for words in
               ("not callable", "not a list", "does not take 2 argument(s)"))
    assert [p.data for p in model.parameters()] == before


@pytest.mark.parametrize("argv, names_it", [
    (["grad", "x", "x=" + BIG], "'x=xxx"),
    (["grad", "x", BIG], "'xxx"),
    (["grad", "x", "x=1", "--check", "--rtol", BIG], "'xxx"),
    (["train", "--epochs", BIG], "'xxx"),
    (["train", "--hidden", BIG], "'xxx"),
    (["draw", "x", "x=1", "-o", BIG], "'xxx"),
])
def test_the_command_answers_a_huge_argument_in_one_short_line(capsys, argv, names_it):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and len(err) < LONGEST and names_it in err


# --- the hand-written check pattern ------------------------------------------------------

# Where an `if isinstance(...)` block that raises is not a hand-written argument check.
NOT_ARGUMENT_CHECKS = {
    ("autograd/checks.py", None): "the vocabulary itself",
    ("autograd/cli/whitelist.py", "check_node"): "the formula's syntax tree, node by node",
    ("autograd/cli/whitelist.py", "_check_constant"): "a constant in the formula: its column "
                                                      "and source text are the message",
    ("autograd/cli/whitelist.py", "_check_call"): "a call in the formula's syntax tree",
    ("autograd/cli/parse.py", "_interpret"): "re-raising the formula's own error unchanged",
    ("autograd/cli/whitelist.py", "fold"): "which operator of the formula is folded",
    ("autograd/filesystem.py", "_write_named"): "an OSError turned into the one-line error",
}


def _hand_written_checks() -> list[tuple[str, str | None, int]]:
    """(file, enclosing function, line) of every `if` testing isinstance that raises."""
    found = []
    for path in sorted([*ROOT.glob("autograd/**/*.py"), *ROOT.glob("nn/**/*.py")]):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        relative = path.relative_to(ROOT).as_posix()
        for function in [tree, *(node for node in ast.walk(tree)
                                 if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)))]:
            name = getattr(function, "name", None)
            for node in _own_nodes(function):
                if isinstance(node, ast.If) and _calls_isinstance(node.test) \
                        and any(isinstance(statement, ast.Raise) for statement in node.body):
                    found.append((relative, name, node.lineno))
    return found


def _own_nodes(scope: ast.AST) -> list[ast.AST]:
    """The nodes of a module or function, not those of functions defined inside it."""
    nodes, stack = [], list(ast.iter_child_nodes(scope))
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        nodes.append(node)
        stack.extend(ast.iter_child_nodes(node))
    return nodes


def _calls_isinstance(test: ast.expr) -> bool:
    return any(isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
               and node.func.id == "isinstance" for node in ast.walk(test))


def test_the_finder_sees_the_pattern():
    source = "def f(x):\n    if not isinstance(x, int) or x < 1:\n        raise ValueError(x)\n"
    function = ast.parse(source).body[0]
    ifs = [node for node in _own_nodes(function) if isinstance(node, ast.If)]
    assert len(ifs) == 1 and _calls_isinstance(ifs[0].test)


def test_arguments_are_checked_with_autograd_checks_not_by_hand():
    # Before this vocabulary: 60 such checks in 20 files outside autograd/checks.py (on the
    # rewritten core); 9 are left, all in the formula's parser (NOT_ARGUMENT_CHECKS).
    by_hand = [f"{path}:{line} in {function}" for path, function, line in _hand_written_checks()
               if (path, function) not in NOT_ARGUMENT_CHECKS
               and (path, None) not in NOT_ARGUMENT_CHECKS]
    assert by_hand == [], ("check these arguments with autograd.checks (real, count, one_of, "
                           "text, instance, sequence): " + ", ".join(by_hand))


def test_every_place_allowed_still_has_such_a_block():
    # An entry whose check has gone (moved to autograd.checks) must leave the list too.
    found = {(path, function) for path, function, _ in _hand_written_checks()}
    stale = [place for place in NOT_ARGUMENT_CHECKS
             if place not in found and not (place[1] is None
                                            and any(path == place[0] for path, _ in found))]
    assert stale == []

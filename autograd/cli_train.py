"""The `chainrule train` and `chainrule demo` commands (training lands with nn.fit)."""

from __future__ import annotations

import argparse
from typing import Any

from .value import Value


def add_train_commands(commands: argparse._SubParsersAction, parser_class: Any) -> None:
    """Register demo (for now the worked example of one neuron)."""
    demo = commands.add_parser("demo", help="run the demo")
    demo.set_defaults(run=run_demo)


def run_demo(args: argparse.Namespace) -> int:
    """A small worked example of backprop through one neuron."""
    x1, x2 = Value(2.0, "x1"), Value(0.0, "x2")
    w1, w2, b = Value(-3.0, "w1"), Value(1.0, "w2"), Value(6.8813735870195432, "b")
    out = (x1 * w1 + x2 * w2 + b).tanh()
    out.backward()
    print(f"out = tanh(x1*w1 + x2*w2 + b) = {out.data:.4f}")
    for leaf in (x1, w1, x2, w2, b):
        print(f"  d out / d {leaf.label:<2} = {leaf.grad:+.4f}")
    return 0

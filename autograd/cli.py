"""The `chainrule` command (subcommands grow with the drawing and nn issues)."""

from __future__ import annotations

import argparse
import sys

from . import __version__
from .value import Value


def _worked_example() -> int:
    print("chainrule demo: the full demo (training, diagrams) is not built yet;")
    print("here is a small worked example of backprop through one neuron.\n")
    x1, x2 = Value(2.0, "x1"), Value(0.0, "x2")
    w1, w2, b = Value(-3.0, "w1"), Value(1.0, "w2"), Value(6.8813735870195432, "b")
    n = x1 * w1 + x2 * w2 + b
    out = n.tanh()
    out.backward()
    print(f"out = tanh(x1*w1 + x2*w2 + b) = {out.data:.4f}")
    for leaf in (x1, w1, x2, w2, b):
        print(f"  d out / d {leaf.label:<2} = {leaf.grad:+.4f}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="chainrule", description=__doc__)
    parser.add_argument("--version", action="version", version=f"chainrule {__version__}")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("demo", help="run the demo")
    args = parser.parse_args(argv)
    if args.command == "demo":
        return _worked_example()
    parser.print_help()
    return 0


if __name__ == "__main__":
    sys.exit(main())

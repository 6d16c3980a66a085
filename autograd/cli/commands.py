"""The `chainrule` command: backprop on a formula typed in the shell.

    chainrule grad  "tanh(x*w + b)" x=2 w=-3 b=6.88 --check
    chainrule steps "x*w + b" x=2 w=-3 b=1
    chainrule steps "q = x + y; f = q * z" x=-2 y=5 z=-4 --params z --html steps.html
    chainrule draw  "x*w + b" x=2 w=-3 b=1 -o graph.svg --steps steps.html
    chainrule train --dataset moons --hidden 16,16 --epochs 30 --out run/
    chainrule demo

Formulas are read by autograd.cli.parse (a whitelist, never eval). Every error is
one line on stderr and a non-zero exit code: 2 for anything wrong with the
command line, the formula, its values (log of a negative number included) or an
output path (checked before any work); 1 when gradcheck fails, writing a file
fails or a program is missing; 141, silently, when the reader leaves early.
"""

from __future__ import annotations

import argparse
import re
import sys
from functools import partial
from typing import Any, Callable, NoReturn, Sequence

from autograd import RULES, Value, __version__
from autograd.checks import shown
from autograd.engine import topological_order
from autograd.gradcheck import compare
from autograd.notation import format_number

from .arguments import digits, file_path, folder_path, tolerance
from .files import (CommandError, check_outputs, load_draw, missing_package, quiet_stdout,
                    write_diagram, write_steps)
from .parse import ExpressionError, parse_assignments
from .program import parse_program
from .whitelist import FUNCTIONS

_DIGITS = 12  # significant digits for values and gradients on the command line
_number = partial(format_number, digits=_DIGITS)
_VALUES_HELP = "values of the variables, e.g. x=2 w=-3.5 (every variable needs one)"
_EXPR_HELP = (f"a formula of numbers, variables, the constants pi and e, + - * / ** and "
              f"{' '.join(FUNCTIONS)}, or named steps 'q = x + y; f = q * z'; quote it, "
              f"and start a formula beginning with '-' with a space: ' -x*y'")


Extension = Callable[[Any, type], None]


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line (through CommandError), not two."""

    def add_subparsers(self, **options: Any) -> argparse._SubParsersAction:
        self.commands = super().add_subparsers(**options)  # kept: errors name the subcommand
        return self.commands

    def error(self, message: str) -> NoReturn:
        if re.search(r"unrecognized arguments: -[^-]", message):
            message += "; a formula that starts with '-' needs a leading space: ' -x*y'"
        raise CommandError(f"{message} (see {self.prog} --help)", 2, prog=self.prog)


def main(argv: list[str] | None = None, extensions: Sequence[Extension] = ()) -> int:
    """Run the command with `argv` (default sys.argv[1:]); returns the exit code.

    `extensions` add subcommands (see build_parser); the `chainrule` console
    script is nn.cli.main, which adds train and demo.
    """
    parser = build_parser(extensions)
    prog = "chainrule"
    try:
        args = _parse(parser, argv)
        if args.command is None:
            parser.print_help()
            return 0
        prog = f"chainrule {args.command}"
        return args.run(args)
    except SystemExit as done:  # --help and --version
        return done.code if isinstance(done.code, int) else 0
    except CommandError as error:
        return _fail(error.prog or prog, str(error), error.exit_code)
    except ExpressionError as error:
        return _fail(prog, str(error), 2)
    except (ValueError, ArithmeticError) as error:  # the engine refusing a computation
        return _fail(prog, str(error), 1)
    except BrokenPipeError:  # `chainrule steps ... | head`: the reader left, nothing is wrong
        quiet_stdout()
        return 128 + 13  # what the shell reports for a program that SIGPIPE (13) stopped
    except OSError as error:  # a file that could not be written
        where = error.filename or "the output"
        return _fail(prog, f"cannot write {where}: {error.strerror or error}", 1)
    except ImportError as error:  # an optional package (graphviz, matplotlib, Pillow)
        return _fail(prog, str(missing_package(error)), 1)
    except KeyboardInterrupt:
        return _fail(prog, "interrupted", 130)


def _parse(parser: argparse.ArgumentParser, argv: list[str] | None) -> argparse.Namespace:
    """parse_args, but NAME=NUMBER values may also come after options (`--check x=2`)."""
    args, extras = parser.parse_known_args(argv)
    unknown = [extra for extra in extras if extra.startswith("-") or not hasattr(args, "values")]
    if unknown:  # reported by the subcommand's parser, so the message names it
        command = getattr(parser, "commands", None)
        (command.choices[args.command] if command and args.command else parser).error(
            f"unrecognized arguments: {' '.join(unknown)}")
    if extras:  # argparse fills the values at its first chance and leaves later ones over
        args.values += extras
    return args


def build_parser(extensions: Sequence[Extension] = ()) -> argparse.ArgumentParser:
    """The argument parser with one subcommand per job; each extension adds
    its own subcommands with `extension(subparsers, parser_class)`."""
    parser = _Parser(prog="chainrule", description=__doc__,
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"chainrule {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    grad = _formula_command(commands, "grad", run_grad,
                            "print the value and every partial derivative")
    grad.add_argument("--check", action="store_true",
                      help="also compare with central differences (gradcheck)")
    grad.add_argument("--rtol", type=tolerance, default=None,
                      help="gradcheck relative tolerance, with --check (default 1e-5)")
    grad.add_argument("--atol", type=tolerance, default=None,
                      help="gradcheck absolute tolerance, with --check (default 1e-7)")

    steps = _formula_command(commands, "steps", run_steps,
                             "print the forward and backward pass, one step per line")
    steps.add_argument("--markdown", action="store_true", help="print markdown tables")
    steps.add_argument("--html", type=file_path, metavar="FILE",
                       help="also write the live step-by-step page (steps.html)")
    steps.add_argument("--params", metavar="NAMES", action="append", default=[],
                       help="variables that are trained parameters, e.g. --params w,b")
    steps.add_argument("--digits", type=digits, default=4,
                       help="significant digits of the numbers shown (1 to 17)")

    draw = _formula_command(commands, "draw", run_draw,
                            "draw the graph (DOT on stdout, or files with -o / --steps)")
    draw.add_argument("-o", "--output", type=file_path, metavar="FILE", action="append",
                      help="graph.svg, graph.png, graph.pdf or graph.dot (repeatable)")
    draw.add_argument("--steps", type=folder_path, metavar="FILE",
                      help="steps.html (interactive page), steps.gif, or a folder of SVGs")
    draw.add_argument("--rankdir", choices=("LR", "TB", "RL", "BT"), default="LR",
                      help="direction of the arrows (default LR: left to right)")
    draw.add_argument("--local-grads", action="store_true",
                      help="label the edges with local derivatives and contributions")
    draw.add_argument("--no-grad", action="store_true",
                      help="draw the forward pass only (no backward, no grads)")
    draw.add_argument("--color-by", choices=("role", "grad"), default="role",
                      help="colour by role (input, constant, output...) or by the grad's sign")

    for add_commands in extensions:  # e.g. nn's train and demo (see nn/cli.py)
        add_commands(commands, _Parser)
    return parser


def _formula_command(commands: argparse._SubParsersAction, name: str,
                     run: Callable[[argparse.Namespace], int], summary: str) -> argparse.ArgumentParser:
    command = commands.add_parser(name, help=summary, description=summary.capitalize() + ".")
    command.add_argument("expr", metavar="EXPR", help=_EXPR_HELP)
    command.add_argument("values", metavar="NAME=NUMBER", nargs="*", help=_VALUES_HELP)
    command.set_defaults(run=run)
    return command


def build_graph(args: argparse.Namespace) -> tuple[Value, dict[str, Value]]:
    """The formula's graph and its labelled leaves, from EXPR and NAME=NUMBER."""
    program = parse_program(args.expr)
    leaves = program.leaves(**parse_assignments(args.values))
    return program.build(leaves), leaves


def _parameters(args: argparse.Namespace, leaves: dict[str, Value]) -> list[Value]:
    """The leaves named by --params (comma-separated, repeatable), or a one-line error."""
    names = [name.strip() for item in args.params for name in item.split(",") if name.strip()]
    unknown = [name for name in names if name not in leaves]
    if unknown:
        raise CommandError(f"--params {', '.join(unknown)}: not a variable of the formula "
                           f"(its variables: {', '.join(leaves) or 'none'})", 2)
    return [leaves[name] for name in names]


def run_grad(args: argparse.Namespace) -> int:
    """chainrule grad: the value, then d/dname for every variable (and gradcheck)."""
    if not args.check and (args.rtol, args.atol) != (None, None):
        raise CommandError("--rtol and --atol are gradcheck's tolerances: add --check", 2)
    args.rtol = 1e-5 if args.rtol is None else args.rtol
    args.atol = 1e-7 if args.atol is None else args.atol
    root, leaves = build_graph(args)
    root.backward()
    print(f"{args.expr.strip()} = {_number(root.data)}")
    lines = {name: f"  d/d{name} = {_number(leaf.grad)}" for name, leaf in leaves.items()}
    if not args.check or not leaves:
        print("\n".join(lines.values()) if lines else "  (no variables, no derivatives)")
        return 0
    formula = parse_program(args.expr).function()
    comparisons = compare(formula, *(leaf.data for leaf in leaves.values()),
                          rtol=args.rtol, atol=args.atol)
    width = max(len(line) for line in lines.values())
    for line, c in zip(lines.values(), comparisons):
        mark = "" if c.agrees else "   <-- differs"
        print(f"{line:<{width}}   central difference {_number(c.numeric)}{mark}")
    tolerances = f"rtol={args.rtol:g}, atol={args.atol:g}"
    if all(c.agrees for c in comparisons):
        print(f"gradcheck passed ({tolerances})")
        return 0
    kinks = _at_kinks(root)
    hint = (f"; {', '.join(kinks)}: at a kink backward takes one side's derivative and the "
            f"central difference the mean of both" if kinks else "")
    print(f"gradcheck FAILED ({tolerances}){hint}")
    return 1


def _at_kinks(root: Value) -> list[str]:
    """'relu at its kink (x = 0)' for every node of the graph evaluated at a kink of its rule."""
    found = []
    for node in topological_order(root):
        rule = RULES.get(node.op)
        if rule is None or rule.kinks is None:
            continue
        try:
            args = [p.data for p in node.parents] + [node.params[n] for n in rule.params]
            at_kink = rule.kinks.margin(*args) <= 0
        except (TypeError, KeyError):  # a node shaped unlike its rule: say it may be
            at_kink = True
        if at_kink and f"{rule.name} at its kink ({rule.kinks.text})" not in found:
            found.append(f"{rule.name} at its kink ({rule.kinks.text})")
    return found


def run_steps(args: argparse.Namespace) -> int:
    """chainrule steps: the tape of the forward and backward pass."""
    from autograd.trace import record
    if args.html is not None:  # before any work: nothing printed, nothing written
        if args.html.suffix.lower() != ".html":
            raise CommandError(f"--html {shown(str(args.html))}: name a .html file, "
                               f"e.g. --html steps.html", 2)
        check_outputs([], args.html, option="--html")
    root, leaves = build_graph(args)
    parameters = _parameters(args, leaves)
    trace = record(root)
    print(trace.markdown(args.digits) if args.markdown else trace.text(args.digits))
    if args.html is not None:
        written = write_steps(trace, args.html, title=args.expr.strip(),
                              parameters=parameters, digits=args.digits)
        print(f"wrote {written}", file=sys.stderr)
    return 0


def run_draw(args: argparse.Namespace) -> int:
    """chainrule draw: DOT on stdout, or the files named by -o and --steps."""
    if args.no_grad and args.steps:
        raise CommandError("--steps shows the backward pass; leave out --no-grad", 2)
    check_outputs(args.output or [], args.steps)  # before any work, and nothing is created
    root, _ = build_graph(args)
    draw = load_draw()
    trace = None
    if args.steps:
        from autograd.trace import record
        trace = record(root)  # runs the backward pass and watches it
    elif not args.no_grad:
        root.backward()
    digraph = draw(root, rankdir=args.rankdir, show_grad=not args.no_grad,
                   show_local_grads=args.local_grads, color_by=args.color_by,
                   title=args.expr.strip())
    if not args.output and args.steps is None:
        print(digraph.source, end="")
        return 0
    for path in args.output or []:
        print(f"wrote {write_diagram(digraph, path)}")
    if trace is not None:
        written = write_steps(trace, args.steps, title=args.expr.strip(),
                              rankdir=args.rankdir, color_by=args.color_by)
        if isinstance(written, list):
            print(f"wrote {args.steps} ({len(written)} SVG frames)")
        else:
            print(f"wrote {written}")
    return 0


def _fail(prog: str, message: str, exit_code: int) -> int:
    one_line = " ".join(message.split())  # never more than one line, whatever the source
    print(f"{prog}: error: {one_line}", file=sys.stderr)
    return exit_code


if __name__ == "__main__":
    sys.exit(main())

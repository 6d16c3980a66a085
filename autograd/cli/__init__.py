"""The formula command: `chainrule grad`, `steps` and `draw` on a formula typed in the shell.

- parse.py: reads a formula with Python's ast against a whitelist (never eval);
  `evaluate("x*w + b", x=2, w=-3, b=1)` gives the Value.
- whitelist.py: what a formula may contain, read from the rule table.
- commands.py: the subcommands and `main`; files.py: writing diagrams and pages.

The `chainrule` console script is nn.cli.main, which adds nn's `train` and
`demo`; this package never imports nn.
"""

from .commands import build_parser, main
from .parse import Expression, ExpressionError, evaluate, parse, parse_assignments

__all__ = ["main", "build_parser", "parse", "evaluate", "parse_assignments", "Expression",
           "ExpressionError"]

"""`python -m autograd` runs the `chainrule` command (see autograd/cli.py)."""

import sys

from .cli import main

sys.exit(main())

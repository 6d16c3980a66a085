"""`python -m autograd.cli` runs the formula commands (grad, steps, draw) without nn."""

import sys

from .commands import main

sys.exit(main())

"""The `test` extra (hypothesis and sympy): a one-line hint when a package of it is missing.

`make demo` installs chainrule without it, so `check_op` and the strategies may
meet a machine that lacks hypothesis; they say so in one line with the command.
"""

from __future__ import annotations

import importlib.util

INSTALL = 'pip install -e ".[test]"'


def require(where: str, *packages: str) -> None:
    """Nothing when every package is installed (looked up, not imported); else a
    one-line ModuleNotFoundError naming `where`, what is missing and the command."""
    missing = [name for name in packages if importlib.util.find_spec(name) is None]
    if missing:
        raise ModuleNotFoundError(f"{where}: needs {' and '.join(missing)}, from the test "
                                  f"extra, which is not installed; install it with {INSTALL} "
                                  f"in chainrule's folder")

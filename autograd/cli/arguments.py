"""The command line's argument types: each turns one argument's text into a
value, or into argparse's one-line error (which names the option) saying what
would work."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from autograd.checks import shown
from autograd.gradcheck import check_tolerance


def tolerance(text: str) -> float:
    """A gradcheck tolerance from the command line: a finite number >= 0 (gradcheck's check)."""
    try:
        return check_tolerance("chainrule grad", "the tolerance", float(text))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{shown(text)} is not a finite number >= 0; "
                                         f"write e.g. 1e-5") from None


def digits(text: str) -> int:
    """--digits: a whole number from 1 to 17."""
    if not text.isdigit() or not 1 <= int(text) <= 17:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number from 1 to 17")
    return int(text)


def file_path(text: str) -> Path:
    """An argparse type for an output file: refuses '' and a name ending in '/'
    (Path would quietly read 'graph.svg/' as graph.svg and '' as the current folder)."""
    if not text.strip() or text.endswith(("/", os.sep)):
        raise argparse.ArgumentTypeError(f"{shown(text)} is not a file name; write e.g. "
                                         f"graph.svg or steps.html")
    return Path(text)


def folder_path(text: str) -> Path:
    """An argparse type for an output folder (or file): refuses '', which Path
    would quietly read as the current folder."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty name names no folder; write e.g. run")
    return Path(text)

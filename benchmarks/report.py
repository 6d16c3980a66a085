"""How every benchmark prints a measurement: aligned lines, the noise, the floor.

A floor is a promise of the project (issue 9): a ratio that must be reached.
It is printed next to the ratio with MET or MISSED, never asserted in tests,
because timings depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import statistics
from typing import Sequence


def line(name: str, value: str, note: str = "") -> None:
    """One aligned row: what was measured, the number, a note."""
    print(f"  {name:<40} {value:>16}   {note}".rstrip())


def verdict(ratio: float, floor: float | None, higher_is_better: bool = True) -> str:
    """'floor >= 6x: MET' (or MISSED); 'no floor' when the project sets none."""
    if floor is None:
        return "(no floor)"
    met = ratio >= floor if higher_is_better else ratio <= floor
    sign = ">=" if higher_is_better else "<="
    return f"(floor {sign} {floor:g}: {'MET' if met else 'MISSED'})"


def spread(ratios: Sequence[float], what: str = "repeats") -> str:
    """The noise of a ratio measured several times: min / median / max."""
    return (f"min {min(ratios):.1f} / median {statistics.median(ratios):.1f} / "
            f"max {max(ratios):.1f} over {len(ratios)} {what}")


def count_option(argv: Sequence[str] | None, module: str, description: str, option: str,
                 default: int, help: str) -> int:
    """The one command-line option a benchmark takes: a count of at least 1."""
    parser = argparse.ArgumentParser(prog=f"python -m {module}", description=description)
    parser.add_argument(option, type=int, default=default, help=f"{help} (default {default})")
    count = vars(parser.parse_args(argv if argv is not None else []))[option.lstrip("-")]
    if count < 1:
        parser.error(f"{option} must be at least 1")
    return count

"""`python -m benchmarks`: every benchmark, each in a fresh Python process.

A fresh process per benchmark keeps one from slowing another: importing
PyTorch, for instance, adds objects that every later garbage collection visits.
Within a benchmark, the engines compared run in one process, taking turns.
"""

from __future__ import annotations

import subprocess
import sys

BENCHMARKS = ("benchmarks.bench_fresh", "benchmarks.bench_engine", "benchmarks.bench_nn")


def main() -> int:
    failed = 0
    for module in BENCHMARKS:
        print(flush=True)
        failed += subprocess.run([sys.executable, "-m", module]).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

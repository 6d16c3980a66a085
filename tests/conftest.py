"""Hypothesis profiles for the test suite, and a tally of the programs it checks.

HYPOTHESIS_PROFILE chooses the profile:
  ci    (the default, `make test`) derandomized, so every run of the same
        tests tests the same examples; no deadline; enough examples that the
        property tests check well over 2,000 generated programs;
  deep  (`make test-deep`) twenty times as many examples, freshly random each run.

Derandomized still depends on the rest of the run: hypothesis now and then draws
numbers written in the project's modules loaded so far, so collecting tests/nn
first changes the examples that tests/testing draws. No test may rely on which
failing example is met first, only on what shrinking makes of it.

The property tests record every program they check in the `program_tally`
fixture; the end of the run prints how many were checked, and how often each op
appeared in them.
"""

from __future__ import annotations

import os
from collections import Counter
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

PROFILES = {
    "ci": dict(derandomize=True, deadline=None, database=None, max_examples=200,
               print_blob=False),
    "deep": dict(deadline=None, max_examples=3000,
                 suppress_health_check=[HealthCheck.too_slow]),
}


class ProgramTally:
    """Counts the programs the property tests check, and the ops in them."""

    def __init__(self) -> None:
        self.programs = 0
        self.ops: Counter[str] = Counter()

    def record(self, program: Any) -> None:
        self.programs += 1
        self.ops.update({step.op for step in program.steps})


_TALLY = ProgramTally()


def pytest_configure(config: pytest.Config) -> None:
    name = os.environ.get("HYPOTHESIS_PROFILE", "ci")
    if name not in PROFILES:
        raise pytest.UsageError(f"HYPOTHESIS_PROFILE={name!r} is not a profile; "
                                f"use one of {', '.join(PROFILES)}")
    for profile, options in PROFILES.items():
        settings.register_profile(profile, **options)
    settings.load_profile(name)


@pytest.fixture(scope="session")
def program_tally() -> ProgramTally:
    return _TALLY


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _TALLY.programs:
        return
    profile = os.environ.get("HYPOTHESIS_PROFILE", "ci")
    rarest = ", ".join(f"{op} {n}" for op, n in sorted(_TALLY.ops.items(),
                                                       key=lambda item: item[1])[:3])
    terminalreporter.section("hypothesis statistics")
    terminalreporter.write_line(
        f"profile {profile!r}: {_TALLY.programs:,} generated programs checked, "
        f"{len(_TALLY.ops)} ops in them (rarest: {rarest}); "
        f"per-test details: pytest --hypothesis-show-statistics")

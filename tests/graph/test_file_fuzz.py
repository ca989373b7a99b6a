"""A few hundred hostile files (tests/graph/file_fuzz.py), the same ones on every run:
each is refused with one clear GraphFileError, or loads and then works."""

from __future__ import annotations

import pytest

from tests.graph.file_fuzz import KINDS, case, outcome

CASES = 400  # scripts/fuzz_files.py runs tens of thousands of the same kind


@pytest.mark.slow
@pytest.mark.parametrize("block", range(4))
def test_hostile_files_are_refused_clearly_or_work(block):
    crashes = []
    outcomes = set()
    for seed in range(block * CASES // 4, (block + 1) * CASES // 4):
        kind, raw = case(seed)
        result = outcome(raw)
        outcomes.add(result)
        if result.startswith("crash"):
            crashes.append((seed, kind, result))
    assert not crashes, crashes[:5]
    assert outcomes == {"refused", "loaded"}  # both ways are exercised


def test_the_cases_are_the_same_on_every_run():
    assert [case(seed) for seed in range(30)] == [case(seed) for seed in range(30)]
    assert {case(seed)[0] for seed in range(len(KINDS))} == set(KINDS)

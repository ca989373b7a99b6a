"""Fuzz the file reader for a long run: thousands of hostile .agraph files, counted.

    scripts/fuzz_files.py                 # 10,000 cases from seed 0
    scripts/fuzz_files.py -n 50000 --start 10000

Each case (see tests/graph/file_fuzz.py: NaN roots, deep nesting, flipped bytes, odd
values, Unicode, duplicate keys, versions) must be refused with one GraphFileError or load
and then evaluate, trace, round-trip and export.  Prints the counts by kind and outcome;
exits 1 when any case crashed, naming the seeds to replay.  The suite runs a few hundred
of the same cases (tests/graph/test_file_fuzz.py).
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.graph.file_fuzz import case, outcome


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=10_000, help="how many cases (10,000)")
    parser.add_argument("--start", type=int, default=0, help="the first seed (0)")
    options = parser.parse_args()
    counts: collections.Counter = collections.Counter()
    crashes: list[tuple[int, str, str]] = []
    began = time.perf_counter()
    for seed in range(options.start, options.start + options.n):
        kind, raw = case(seed)
        result = outcome(raw)
        counts[(kind, result.split(":")[0])] += 1
        if result.startswith("crash"):
            crashes.append((seed, kind, result))
    elapsed = time.perf_counter() - began
    kinds = sorted({kind for kind, _ in counts})
    print(f"{options.n:,} cases (seeds {options.start}..{options.start + options.n - 1}) "
          f"in {elapsed:.1f} s")  # fmt: skip
    print(f"{'kind':<14} {'refused':>8} {'loaded':>8} {'crash':>6}")
    for kind in kinds:
        print(
            f"{kind:<14} {counts[(kind, 'refused')]:>8} {counts[(kind, 'loaded')]:>8} "
            f"{counts[(kind, 'crash')]:>6}"
        )
    total = {
        r: sum(n for (_k, o), n in counts.items() if o == r) for r in ("refused", "loaded", "crash")
    }
    print(f"{'total':<14} {total['refused']:>8} {total['loaded']:>8} {total['crash']:>6}")
    for seed, kind, result in crashes[:20]:
        print(f"seed {seed} ({kind}): {result}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())

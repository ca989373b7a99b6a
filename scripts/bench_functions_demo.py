#!/usr/bin/env python3
"""micrograd's demo loss in functions beside the same loss as 65,818 plain nodes.

    .venv/bin/python scripts/bench_functions_demo.py [--repeat 3]

Loading each file, then its first evaluation (compiling the plan: the functions file first
unfolds its instances, see graph/inline.py) and a second one (the plan cached), each the
best of a few fresh loads, with the ratio of the functions file to the plain one.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from autograd_studio.graph.fileformat import load  # noqa: E402

EXAMPLES = ROOT / "autograd_studio" / "resources" / "examples"
FILES = {"functions": "micrograd-demo-functions.agraph", "plain": "micrograd-demo.agraph"}


def measure(path: Path, repeat: int) -> dict[str, float]:
    best = {"load": float("inf"), "first evaluation": float("inf"), "again": float("inf")}
    for _ in range(repeat):
        start = time.perf_counter()
        doc = load(path)
        loaded = time.perf_counter()
        doc.evaluate()
        first = time.perf_counter()
        doc.evaluate()
        again = time.perf_counter()
        for key, seconds in zip(best, (loaded - start, first - loaded, again - first), strict=True):
            best[key] = min(best[key], seconds)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = {name: measure(EXAMPLES / file, args.repeat) for name, file in FILES.items()}
    print(f"{'':18}{'functions':>12}{'plain':>12}{'ratio':>8}")
    for key in rows["plain"]:
        ours, theirs = rows["functions"][key], rows["plain"][key]
        print(f"{key:18}{ours:11.3f}s{theirs:11.3f}s{ours / theirs:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

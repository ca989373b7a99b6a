#!/usr/bin/env python3
"""Reading, writing and running a big .agraph file without a window, beside ``json.load``.

    .venv/bin/python scripts/bench_files.py [FILE.agraph] [--rounds N]

Defaults to the 65,818-node demo.  Every row is timed in this run beside its reference, in
alternating rounds so a busy machine slows both alike; ratios compare best times (slower
runs are other processes getting in the way, not the code):

- ``load()`` against ``json.load`` of the same file (target: at most 1.5x);
- saving (the text, one node per line) and loading what was saved, against ``json.load``;
- ``autograd-studio run FILE`` as a user runs it (a new process, start-up included),
  against a new Python process that only does ``json.load`` (target: at most 1 s).

Results are dropped outside the timed part, as a caller keeping the document would.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from autograd_studio.graph.fileformat import dumps, load  # noqa: E402

DEMO = ROOT / "autograd_studio" / "resources" / "examples" / "micrograd-demo.agraph"


def best_of(function: Callable[[], object], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
        del result
    return best


def process_time(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - start


def file_rows(path: Path, rounds: int = 5) -> list[tuple[str, float, str, float]]:
    """``(what, seconds, reference, reference seconds)`` for each headless row."""
    reference = best = saved_load = save_best = float("inf")
    doc = load(path)
    with tempfile.TemporaryDirectory() as scratch:
        pretty = Path(scratch) / "pretty.agraph"
        pretty.write_text(dumps(doc, compact=False), encoding="utf-8")
        for _ in range(rounds):
            reference = min(reference, best_of(lambda: json.loads(path.read_bytes()), 1))
            best = min(best, best_of(lambda: load(path), 1))
            save_best = min(save_best, best_of(lambda: dumps(doc, compact=False), 1))
            saved_load = min(saved_load, best_of(lambda: load(pretty), 1))
        pretty_reference = best_of(lambda: json.loads(pretty.read_bytes()), rounds)
    run = json_process = float("inf")
    python = sys.executable
    for _ in range(max(2, rounds // 2)):
        json_process = min(
            json_process,
            process_time([python, "-c", f"import json; json.load(open({str(path)!r}, 'rb'))"]),
        )
        run = min(run, process_time([python, "-m", "autograd_studio", "run", str(path)]))
    return [
        ("load()", best, "json.load", reference),
        ("save text (one node per line)", save_best, "json.load", reference),
        ("load() of that text", saved_load, "json.load of it", pretty_reference),
        ("autograd-studio run", run, "python -c json.load", json_process),
    ]


def print_rows(rows: list[tuple[str, float, str, float]]) -> None:
    for what, seconds, reference, reference_seconds in rows:
        ratio = seconds / reference_seconds
        print(f"{what:32} {seconds:7.3f} s  {ratio:5.2f}x {reference} ({reference_seconds:.3f} s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?", default=str(DEMO))
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    path = Path(args.file)
    doc = load(path)
    print(f"{path.name}: {len(doc):,} nodes, {doc.edge_count:,} edges")
    del doc
    print_rows(file_rows(path, args.rounds))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Layout engines side by side: time and edge crossings, dot against the layered layout.

    .venv/bin/python scripts/bench_layout.py [--quick] [--dot-limit SECONDS]

Graphs: random autograd-shaped documents of 100, 1,000 and 5,000 nodes
(``tests.layout.samples.random_document``, seed 0: MLP-like blocks of neurons and
loose ops with shared values) and micrograd's ~65,800-node demo loss.  dot runs where it
finishes within ``--dot-limit`` seconds (60 by default; never on the demo graph, where its
rank assignment alone ran past 4 minutes); the layered layout runs everywhere.  ``auto`` is
timed on the 1,000-node graph.  Crossings are counted by ``count_crossings`` on the final
drawing (edges as straight segments between port anchors), the same way for both engines.

Times are wall-clock seconds of ``layout()`` (snapshot of the document included), best of a
few runs (slower runs are other processes getting in the way); CPU seconds of this process
are shown for the layered layout too, since the 2-core machines here are often shared.

Targets (from the issue): layered <= 3 s on the demo graph; layered crossings <= 1.5x dot's
where dot finishes; auto on 1,000 nodes <= 1 s.  ``--quick`` skips the 5,000-node dot run
and runs everything once.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the sample graphs live in tests/

from autograd_studio.engine.nn import demo_loss
from autograd_studio.graph import GraphDocument
from autograd_studio.interop import from_node
from autograd_studio.layout import count_crossings, layout
from tests.layout.samples import random_document

DEMO_SECONDS = 3.0
CROSSING_RATIO = 1.5
AUTO_SECONDS = 1.0


@dataclass
class Run:
    seconds: float | None = None
    cpu: float | None = None
    crossings: int | None = None
    note: str = ""


def best_run(document: GraphDocument, engine: str, repeats: int, time_limit: float) -> Run:
    best = None
    for _ in range(repeats):
        cpu = time.process_time()
        result = layout(document, engine=engine, time_limit=time_limit)
        cpu = time.process_time() - cpu
        if engine != "auto" and result.engine != engine:
            return Run(note=result.message)
        if best is None or result.seconds < best[0].seconds:
            best = (result, cpu)
    result, cpu = best
    run = Run(seconds=result.seconds, cpu=cpu, note=f"ran {result.engine}")
    run.crossings = count_crossings(document, result.positions, result.sizes)
    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one run each, no 5,000-node dot")
    parser.add_argument("--dot-limit", type=float, default=60.0, help="seconds dot may run")
    args = parser.parse_args()
    has_dot = shutil.which("dot") is not None
    repeats = 1 if args.quick else 3

    graphs: list[tuple[str, GraphDocument, bool]] = []
    for n in (100, 1000, 5000):
        graphs.append((f"random {n:,}", random_document(n, seed=0), not (args.quick and n > 1000)))
    loss, parameters = demo_loss()
    graphs.append(("micrograd demo", from_node(loss, weights=parameters), False))

    rows = []
    verdicts = []
    for name, document, run_dot in graphs:
        edges = len(document.edges)
        big = len(document) > 10_000
        print(f"... {name}: {len(document):,} nodes", file=sys.stderr, flush=True)
        layered = best_run(document, "layered", 1 if args.quick else (2 if big else repeats), 0)
        if not has_dot:
            dot = Run(note="dot not installed")
        elif not run_dot:
            dot = Run(note="skipped" if not big else "skipped (its ranking alone ran > 4 min)")
        else:
            dot = best_run(document, "dot", 1, args.dot_limit)
        ratio = (
            layered.crossings / dot.crossings
            if dot.crossings and layered.crossings is not None
            else None
        )
        rows.append((name, len(document), edges, dot, layered, ratio))
        if ratio is not None:
            verdicts.append(
                (f"layered crossings <= {CROSSING_RATIO}x dot ({name})", ratio, CROSSING_RATIO)
            )
        if big:
            verdicts.append(
                (f"layered <= {DEMO_SECONDS:g} s ({name})", layered.seconds, DEMO_SECONDS)
            )

    auto_doc = graphs[1][1]
    auto = best_run(auto_doc, "auto", repeats, 10.0)
    verdicts.append((f"auto on {len(auto_doc):,} nodes ({auto.note}) <= 1 s", auto.seconds, 1.0))

    print(
        "| graph | nodes | edges | dot s | dot crossings | layered s (CPU s) "
        "| layered crossings | layered / dot |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, nodes, edges, dot, layered, ratio in rows:
        dot_time = f"{dot.seconds:.2f}" if dot.seconds is not None else dot.note
        dot_cross = f"{dot.crossings:,}" if dot.crossings is not None else "—"
        print(
            f"| {name} | {nodes:,} | {edges:,} | {dot_time} | {dot_cross} "
            f"| {layered.seconds:.2f} ({layered.cpu:.2f}) | {layered.crossings:,} "
            f"| {f'{ratio:.2f}' if ratio is not None else '—'} |"
        )
    print()
    print(f"auto on random 1,000: {auto.seconds:.2f} s, {auto.note}")
    print()
    print("| target | measured | limit | met |")
    print("| --- | ---: | ---: | --- |")
    failed = 0
    for label, value, limit in verdicts:
        met = value <= limit
        failed += not met
        print(f"| {label} | {value:.2f} | {limit:g} | {'yes' if met else 'NO'} |")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

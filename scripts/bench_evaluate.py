#!/usr/bin/env python3
"""Re-evaluating micrograd's demo graph as a document, against micrograd, in one run.

    .venv/bin/python scripts/bench_evaluate.py [--rounds N]

The issue's target: re-evaluating (forward + backward) the ~65,800-node demo loss as a
document takes at most 0.05x the time micrograd 0.1.0 takes to build and backprop it.
Each document re-evaluation follows a value edit (one weight nudged), as in the editor, and
returns the full per-node data/grad dictionaries.

micrograd is timed two ways, both with Python's defaults (garbage collector on):
- as its users run it: a fresh Python process that builds the graph and calls backward
  (only those two steps are timed, not the start-up or imports);
- in this process, with our objects hidden from the collector (``gc.freeze``), which is
  micrograd's best case: its closures make every node a reference cycle, so most of its
  time is the collector walking the growing graph, and here there is less to walk.
Rounds alternate the micrograd runs with five document runs, so a busy machine slows both
sides alike.  Ratios compare best times (as ``timeit`` advises: slower runs are other
processes getting in the way, not the code); medians are printed too.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from autograd_studio.engine import Node
from autograd_studio.engine.nn import demo_loss
from autograd_studio.graph.evaluate import evaluate
from autograd_studio.interop import from_node

ROOT = Path(__file__).resolve().parent.parent

TARGET = 0.05
MICROGRAD_ALONE = """
import sys, time
sys.setrecursionlimit(100_000)  # micrograd's topological sort is recursive
from micrograd.engine import Value
from autograd_studio.engine.nn import demo_loss
start = time.perf_counter()
loss, _ = demo_loss(Value)
loss.backward()
print(time.perf_counter() - start)
"""


def timed(run: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def micrograd_in_process() -> float:
    from micrograd.engine import Value

    def run() -> None:
        loss, _params = demo_loss(Value)
        loss.backward()

    gc.collect()
    gc.freeze()  # hide the document and everything else alive from micrograd's collections
    try:
        return timed(run)
    finally:
        gc.unfreeze()


def micrograd_fresh_process() -> float:
    out = subprocess.run(
        [sys.executable, "-c", MICROGRAD_ALONE],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return float(out.stdout)


def row(name: str, times: list[float]) -> None:
    best, median = min(times) * 1e3, statistics.median(times) * 1e3
    print(f"{name:<52} {best:8.1f} ms {median:8.1f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="rounds (default 5)")
    args = parser.parse_args()
    sys.setrecursionlimit(100_000)
    try:
        import micrograd  # noqa: F401
    except ImportError:
        print("micrograd is not installed: pip install micrograd==0.1.0", file=sys.stderr)
        return 2

    loss, params = demo_loss(Node)
    doc = from_node(loss, weights=params)
    del loss, params
    weight = next(nid for nid in doc.nodes if doc.nodes[nid].kind == "weight")
    first = [timed(lambda: evaluate(doc))]
    nudges = iter(range(10**9))

    def edit_and_evaluate() -> None:
        doc.set_value(weight, 0.5 + next(nudges) * 1e-6)
        result = evaluate(doc)
        assert result.grad[weight] is not None and result.ok

    fresh, warm, document = [], [], []
    for _ in range(args.rounds):
        fresh.append(micrograd_fresh_process())
        warm.append(micrograd_in_process())
        document.extend(timed(edit_and_evaluate) for _ in range(5))

    print(f"graph: micrograd demo loss, {len(doc):,} nodes, {len(doc.edges):,} edges")
    print(f"{'':<52} {'best':>11} {'median':>11}")
    row("micrograd 0.1.0 build + backward, fresh process", fresh)
    row("micrograd 0.1.0 build + backward, in process (frozen)", warm)
    row("document: first evaluation (compiles the plan)", first)
    row("document: re-evaluation after a value edit", document)
    for name, baseline in (("fresh process", fresh), ("in process", warm)):
        best = min(document) / min(baseline)
        typical = statistics.median(document) / statistics.median(baseline)
        verdict = "meets" if best <= TARGET else "misses"
        print(
            f"ratio vs micrograd {name + ':':<15} {best:.3f} best, {typical:.3f} median "
            f"({verdict} the target <= {TARGET})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

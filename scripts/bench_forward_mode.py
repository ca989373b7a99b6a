#!/usr/bin/env python3
"""Forward mode against reverse mode on micrograd's demo graph, measured in one run.

    .venv/bin/python scripts/bench_forward_mode.py [--rounds N]

Times, on the ~65,800-node demo loss (best of N rounds, alternating the sides so a busy
machine slows all alike):

- reverse: ``doc.evaluate()``, forward + backward, the whole gradient in one pass;
- forward: ``evaluate(doc, backward=False, wrt=leaf)``, forward + tangents for one input;
- values only: ``evaluate(doc, backward=False)``, the values alone (what every edit costs);
- the engine's ``Node.backward()`` against ``Node.forward_tangents(wrt=leaf)``.

It prints ratios against the reverse pass measured in the same run, and what the whole
gradient costs in forward mode (one pass per input and weight): the reason backprop is
reverse mode.  Forward mode in the editor re-runs "forward" after every edit.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from autograd_studio.engine import Node
from autograd_studio.engine.nn import demo_loss
from autograd_studio.graph.evaluate import evaluate
from autograd_studio.interop import from_node


def best(fn: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)

    loss, _params = demo_loss(Node)
    doc = from_node(loss)
    leaves = [nid for nid, record in doc.nodes.items() if record.op is None]
    # One parameter on each side (the cost of a pass does not depend on which).
    wrt = next((nid for nid in leaves if doc.nodes[nid].kind == "weight"), leaves[0])
    engine_wrt = _params[0]
    doc.evaluate(wrt=wrt)  # compile the plan once, as the editor has
    gc.collect()

    rows = {
        "reverse (doc: forward + backward)": lambda: doc.evaluate(),
        "forward (doc: forward + tangents, one input)": lambda: evaluate(
            doc, backward=False, wrt=wrt
        ),
        "values only (doc: forward)": lambda: evaluate(doc, backward=False),
        "reverse (engine: Node.backward)": lambda: loss.backward(),
        "forward (engine: Node.forward_tangents, one input)": lambda: loss.forward_tangents(
            engine_wrt
        ),
    }
    times = dict.fromkeys(rows, float("inf"))
    for _ in range(args.rounds):  # alternate, so load on the machine hits every row
        for name, fn in rows.items():
            times[name] = min(times[name], best(fn, 1))

    reverse = times["reverse (doc: forward + backward)"]
    print(f"demo graph: {len(doc.nodes):,} nodes, {len(leaves):,} inputs and weights")
    print(f"{'measure':52} {'best':>10} {'vs reverse':>11}")
    for name, t in times.items():
        base = reverse if "doc" in name else times["reverse (engine: Node.backward)"]
        print(f"{name:52} {t * 1000:8.1f} ms {t / base:10.2f}x")
    one = times["forward (doc: forward + tangents, one input)"]
    print(
        f"whole gradient: reverse mode 1 pass = {reverse * 1000:.0f} ms; forward mode "
        f"{len(leaves):,} passes = {one * len(leaves):.0f} s ({one * len(leaves) / reverse:,.0f}x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

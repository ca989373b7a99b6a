#!/usr/bin/env python3
"""What the editor's non-canvas parts hold for a big graph, beside what ``json.load`` holds.

    .venv/bin/python scripts/bench_memory.py [FILE.agraph]

Measured with ``tracemalloc`` (Python allocations only, after a collection), part by part
as the editor builds them: the document (``load()``), its user index (built on first use),
the evaluation plan, one forward and one Backward with the backward plan, the gradient
flow, and the undo step of an auto layout moving every node (old and new positions).  The
reference is the parsed JSON of the same file (``json.load``), measured in this run.
Qt's items (the canvas) are C++ memory and not counted here: ``scripts/bench_open.py``
reports the whole process.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from autograd_studio.analysis.flow import gradient_flow  # noqa: E402
from autograd_studio.graph.evaluate import evaluate  # noqa: E402
from autograd_studio.graph.fileformat import load  # noqa: E402
from autograd_studio.graph.plan import plan_for  # noqa: E402
from autograd_studio.graph.positions import PositionArray  # noqa: E402

DEMO = ROOT / "autograd_studio" / "resources" / "examples" / "micrograd-demo.agraph"


def _held(build: Callable[[], object], keep: list[object]) -> float:
    """MB that *build*'s result (kept in *keep*) holds once garbage is collected."""
    gc.collect()
    before = tracemalloc.get_traced_memory()[0]
    keep.append(build())
    gc.collect()
    return (tracemalloc.get_traced_memory()[0] - before) / 1e6


def memory_rows(path: Path) -> list[tuple[str, float]]:
    """``(part, MB)`` for each part the editor keeps, then the total and ``json.load``."""
    tracemalloc.start()
    try:
        keep: list[object] = []
        reference = _held(lambda: json.loads(path.read_bytes()), keep)
        keep.clear()
        rows = [("document (load())", _held(lambda: load(path), keep))]
        doc = keep[0]
        rows.append(("its user index", _held(lambda: doc._users, [])))  # type: ignore[attr-defined]
        rows.append(("evaluation plan", _held(lambda: plan_for(doc), keep)))
        rows.append(("forward results", _held(lambda: evaluate(doc, backward=False), keep)))
        rows.append(("Backward (results + its plan)", _held(lambda: evaluate(doc), keep)))
        result = keep[-1]
        rows.append(("gradient flow", _held(lambda: gradient_flow(doc, result), keep)))

        def undo_step() -> tuple[PositionArray, PositionArray]:
            old = PositionArray.of(doc, doc.nodes)
            new = PositionArray.from_mapping({nid: (1.0, 2.0) for nid in doc.nodes})
            return old, new

        rows.append(("an auto layout's undo step", _held(undo_step, keep)))
    finally:
        tracemalloc.stop()
    rows.append(("total", sum(mb for _what, mb in rows)))
    rows.append(("json.load of the file", reference))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?", default=str(DEMO))
    args = parser.parse_args(argv)
    rows = memory_rows(Path(args.file))
    reference = rows[-1][1]
    for what, mb in rows:
        print(f"{what:32s} {mb:7.1f} MB  {mb / reference:5.2f}x json.load")
    return 0


if __name__ == "__main__":
    sys.exit(main())

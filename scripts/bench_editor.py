#!/usr/bin/env python3
"""How fast the editor canvas is with big documents (offscreen, no screen needed).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/bench_editor.py [--sizes 100,1000,...]

For documents of 100, 1,000, 5,000 and 20,000 nodes, already laid out in layers (a quarter
inputs/weights, the rest mul/add/tanh ops fed from nearby rows of the layer before), it
times:

- populate: building the scene's items for a document (``GraphScene.set_document``);
- open: ``GraphView.set_document`` end to end (populate, first forward, annotate, fit);
- backward: ``view.run_backward()``: forward + backward and re-annotating every item;
- zoomed-out frame: the whole graph fitted into a 1280x800 viewport and rendered into a
  QImage (first frame, which also builds the overview picture, and the median of later ones);
- 1:1 frame: zoom 1, centred in the graph (first frame, which builds the scene's BSP index,
  and the median of later ones).

Targets: 5,000 nodes populate <= 0.5 s and backward + annotate <= 100 ms;
20,000 nodes zoomed-out frame <= 50 ms.  Times are wall-clock medians of a few runs on
whatever machine runs this; the table says which targets were met.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QGraphicsScene

from autograd_studio.graph.document import GraphDocument
from autograd_studio.gui.canvas.overview import OVERVIEW_SCALE
from autograd_studio.gui.canvas.scene import GraphScene
from autograd_studio.gui.canvas.view import GraphView
from autograd_studio.gui.editing.session import EditorSession

VIEWPORT = (1280, 800)
COLUMN, ROW = 240.0, 110.0


def layered_document(n: int, seed: int = 1) -> GraphDocument:
    """*n* nodes on a grid of layers, as a layered layout would place them: in each layer a
    quarter of the rows are inputs/weights, the rest mul/add/tanh ops fed from nearby rows
    of the layer before (so edges are short, as after layout)."""
    rng = random.Random(seed)
    doc = GraphDocument()
    rows = max(4, int((n**0.5) * 0.7))
    previous: list[str] = []
    made, layer = 0, 0
    while made < n:
        current = []
        for r in range(min(rows, n - made)):
            pos = (layer * COLUMN, r * ROW)
            if not previous or r % 4 == 0:
                kind = "input" if (r // 4) % 2 == 0 else "weight"
                current.append(doc.add_node(kind, value=rng.uniform(-1, 1), pos=pos))
                continue
            op = rng.choice(("mul", "add", "add", "tanh"))
            nid = doc.add_node("op", op=op, pos=pos)
            for port in range(1 if op == "tanh" else 2):
                near = min(len(previous) - 1, max(0, r + rng.randint(-3, 3)))
                doc.connect(previous[near], nid, port)
            current.append(nid)
        made += len(current)
        previous = current
        layer += 1
    doc.set_output(previous[-1])
    return doc


def _time(fn, repeat: int = 1) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _frame(view: GraphView) -> float:
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
    start = time.perf_counter()
    view.viewport().render(image)
    return time.perf_counter() - start


def measure(app: QApplication, view: GraphView, n: int) -> dict[str, float]:
    doc = layered_document(n)
    row: dict[str, float] = {"nodes": len(doc), "edges": len(doc.edges)}
    scene = GraphScene(GraphDocument())
    row["populate"] = _time(lambda: scene.set_document(doc))
    scene.deleteLater()
    app.processEvents()
    row["open"] = _time(lambda: view.session.set_document(doc))
    app.processEvents()
    leaves = [nid for nid, r in doc.nodes.items() if r.kind != "op"]

    def edit_then_backward() -> None:
        # An edit and its live forward first, untimed: every grad is shown stale, so
        # Backward re-annotates every item.
        doc.set_value(leaves[0], doc.nodes[leaves[0]].value + 0.125)
        view.session.evaluator.run_forward()
        start = time.perf_counter()
        view.run_backward()
        times.append(time.perf_counter() - start)

    times: list[float] = []
    for _ in range(3):
        edit_then_backward()
    row["backward"] = statistics.median(times)

    view.fit_all()
    row["fit_zoom"] = view.zoom()
    row["out_first"] = _frame(view)
    row["out_frame"] = statistics.median(_frame(view) for _ in range(5))
    view.reset_zoom()
    view.centerOn(view.graph_scene.nodes_bounding_rect().center())
    row["one_first"] = _frame(view)
    row["one_frame"] = statistics.median(_frame(view) for _ in range(5))
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,5000,20000")
    parser.add_argument(
        "--index",
        choices=("bsp", "none"),
        default="bsp",
        help="the scene's item index (the editor uses bsp; 'none' is for comparison)",
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    app = QApplication.instance() or QApplication([])
    view = GraphView(EditorSession(GraphDocument()))
    if args.index == "none":
        view.graph_scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
    view.resize(*VIEWPORT)
    view.show()
    app.processEvents()
    rows = [measure(app, view, n) for n in sizes]

    ms = lambda s: f"{s * 1000:8.1f}"  # noqa: E731
    print(
        f"viewport {VIEWPORT[0]}x{VIEWPORT[1]}, overview below zoom {OVERVIEW_SCALE}, "
        f"{args.index} index; times in ms"
    )
    print(
        f"{'nodes':>7} {'edges':>7} {'populate':>8} {'open':>8} {'backward':>8} "
        f"{'fit zoom':>8} {'out 1st':>8} {'out':>8} {'1:1 1st':>8} {'1:1':>8}"
    )
    for r in rows:
        print(
            f"{int(r['nodes']):7d} {int(r['edges']):7d} {ms(r['populate'])} {ms(r['open'])} "
            f"{ms(r['backward'])} {r['fit_zoom']:8.3f} {ms(r['out_first'])} {ms(r['out_frame'])} "
            f"{ms(r['one_first'])} {ms(r['one_frame'])}"
        )
    checks = []
    by_n = {int(r["nodes"]): r for r in rows}
    if 5000 in by_n:
        checks.append(("5,000 populate <= 500 ms", by_n[5000]["populate"] <= 0.5))
        checks.append(("5,000 backward + annotate <= 100 ms", by_n[5000]["backward"] <= 0.1))
    if 20000 in by_n:
        checks.append(("20,000 zoomed-out frame <= 50 ms", by_n[20000]["out_frame"] <= 0.05))
    for name, ok in checks:
        print(f"  {'met ' if ok else 'MISSED'}  {name}")
    view.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

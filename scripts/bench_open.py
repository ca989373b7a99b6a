#!/usr/bin/env python3
"""Every row of the big-graph targets, each beside its reference measured in this run.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/bench_open.py [FILE.agraph] [--engine E]
        [--rounds N] [--only-frames]

Defaults to the 65,818-node demo graph.  Headless first (scripts/bench_files.py: ``load()``
and saving beside ``json.load``, ``autograd-studio run`` beside a Python that only loads the
JSON), then in one editor window of 1280x800:

- open: File > Open end to end (load, build the canvas, first forward, annotate, fit) and
  the first paint after it, beside ``json.load``; resident memory with it open;
- Backward (and the annotation of every node) and Gradient Flow on, each until painted;
- a zoom step and a pan step, repainted, at zooms from the fit up to 1:1 in the busiest part
  of the graph, with every frame a virtual canvas takes to finish the items it makes; then
  a card there dragged with the mouse, each move repainted (its first one included), and
  again after Select All, with the drop and its undo;
- Select All at the fit zoom, until painted; then Delete (of everything), its Undo and its
  Redo, each until painted, with the document events each sent; the same for 3,000 nodes;
- auto layout: Arrange > Auto Layout on the worker thread until the positions are one
  undo step, then until painted (and from its result reaching the window until painted:
  the applying alone), and the undo of it;
- memory of the non-canvas parts (scripts/bench_memory.py: tracemalloc) beside what
  ``json.load`` of the file holds.

It ends with the table in Markdown.  The window uses throwaway settings; nothing is saved.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEvent, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QMouseEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from autograd_studio.gui.canvas.node_item import NODE_WIDTH  # noqa: E402
from autograd_studio.gui.window.app import ensure_app  # noqa: E402
from autograd_studio.gui.window.main_window import MainWindow  # noqa: E402
from autograd_studio.gui.window.settings import StudioSettings  # noqa: E402

DEMO = ROOT / "autograd_studio" / "resources" / "examples" / "micrograd-demo.agraph"
sys.path.insert(0, str(ROOT / "scripts"))
from bench_files import best_of, file_rows  # noqa: E402
from bench_memory import memory_rows  # noqa: E402


class _Dialogs:
    def error(self, title: str, text: str) -> None:
        print(f"error: {title}: {text}", file=sys.stderr)

    def ask_save_changes(self, name: str) -> str:
        return "discard"


def _settle(app, seconds: float = 0.2) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def _rss_mb() -> float:
    """Resident memory of this process (Linux; 0 elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


#: The CPU seconds of this thread in each _timed call: what the frame would take on a quiet
#: machine (on one shared by others the wall time doubles or triples; read both).
CPU_SECONDS: list[float] = []


def _timed(app, window, action) -> float:
    """Seconds for *action* and the repaint it causes (events processed, window painted)."""
    start, cpu = time.perf_counter(), time.thread_time()
    action()
    app.processEvents()
    window.repaint()
    CPU_SECONDS.append(time.thread_time() - cpu)
    return time.perf_counter() - start


def _busiest_point(view) -> tuple[float, float]:
    """The middle of the busiest view of the graph at 1:1: of the 300 2,048-unit cells
    holding the most cards, the one where a 1:1 view meets the most cards and edges (long
    edges crossing a column of cards are what a readable zoom paints most of)."""
    scene = view.graph_scene
    if not scene.virtual:
        center = scene.nodes_bounding_rect().center()
        return center.x(), center.y()
    index = scene.index
    cells = np.floor(index.xs / 2048.0) * 1e6 + np.floor(index.ys / 2048.0)
    keys, counts = np.unique(cells, return_counts=True)
    size = view.viewport().size()
    best, where = -1, (0.0, 0.0)
    for key in keys[np.argsort(counts)[-300:]]:
        inside = cells == key
        x, y = float(np.median(index.xs[inside])), float(np.median(index.ys[inside]))
        box = (x - size.width() / 2, y - size.height() / 2)
        box += (box[0] + size.width(), box[1] + size.height())
        busy = len(index.node_rows_in(*box)) + len(index.edge_rows_in(*box))
        if busy > best:
            best, where = busy, (x, y)
    return where


def _finishing(app, window, view) -> list[float]:
    """Seconds of each frame after a step that a virtual canvas spends making the items it
    left for later (it makes them over several frames), until the region is complete."""
    pending = getattr(view.graph_scene, "items_pending", None)
    seconds: list[float] = []
    while pending is not None and pending() and len(seconds) < 1000:
        seconds.append(_timed(app, window, lambda: None))
    return seconds


def _frames(app, window, view) -> list[tuple[float, float, list[float]]]:
    """(zoom, seconds, finishing frames) for one zoom step then one pan step, repainted, at
    zooms from the fit up to 1:1, around the busiest part of the graph; each step's frames
    that finish its items are timed as frames too."""
    fit = view.zoom()
    where = _busiest_point(view)

    def step(zoom: float) -> None:  # zoom, then look at the busiest part
        view.set_zoom(zoom)
        view.centerOn(*where)

    frames = []
    zoom = fit
    while zoom <= 1.0:
        seconds = _timed(app, window, lambda z=zoom: step(z))
        after = _finishing(app, window, view)
        seconds = max(seconds, _timed(app, window, lambda: view.scroll_by(40, 25)))
        after += _finishing(app, window, view)
        frames.append((view.zoom(), seconds, after))
        zoom = zoom * 4 if zoom < 1.0 / 4 else (1.0 if zoom < 1.0 else 2.0)
    return frames


def _drag(app, window, view, everything: bool = False) -> tuple[list[float], float, float]:
    """A card dragged by the mouse at 1:1 in the busiest part of the graph (after Select All
    if *everything*): the seconds of each of its 30 moves' frames (the first included), of
    the drop, and of the undo of that move, each until painted."""
    view.set_zoom(1.0)
    view.centerOn(*_busiest_point(view))
    scene = view.graph_scene
    if hasattr(scene, "finish_items"):
        scene.finish_items()
    if everything:
        window.actions.select_all.trigger()
    _settle(app)
    middle = view.mapToScene(view.viewport().rect().center())
    card = min(
        scene.node_items.values(),
        key=lambda i: (i.x() - middle.x()) ** 2 + (i.y() - middle.y()) ** 2,
    )
    grab = view.mapFromScene(QPointF(card.x() + NODE_WIDTH / 2, card.y() + 8))
    viewport, left = view.viewport(), Qt.MouseButton.LeftButton
    QTest.mousePress(viewport, left, Qt.KeyboardModifier.NoModifier, grab)
    seconds = []
    for k in range(1, 31):
        at = QPointF(grab.x() + 4 * k, grab.y() + 3 * k)
        move = QMouseEvent(
            QEvent.Type.MouseMove, at, view.mapToGlobal(at.toPoint()), Qt.MouseButton.NoButton,
            left, Qt.KeyboardModifier.NoModifier,
        )  # fmt: skip
        send = partial(QApplication.sendEvent, viewport, move)
        seconds.append(_timed(app, window, send))
    drop = partial(QTest.mouseRelease, viewport, left, Qt.KeyboardModifier.NoModifier, at.toPoint())
    dropped = _timed(app, window, drop)
    undone = _timed(app, window, window.undo_stack.undo)
    view.select_node_ids([])
    _settle(app)
    return seconds, dropped, undone


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?", default=str(DEMO))
    parser.add_argument("--engine", choices=("auto", "dot", "layered"), default="auto")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the headless rows")
    parser.add_argument(
        "--only-frames", action="store_true", help="only open the file and walk the zooms"
    )
    args = parser.parse_args(argv)
    path = Path(args.file)
    table: list[tuple[str, str, str, str]] = []  # what, measured, beside it, target
    rows = [] if args.only_frames else file_rows(path, args.rounds)
    for what, seconds, reference, ref_seconds in rows:
        measured = f"{seconds:.3f} s"
        beside = f"{seconds / ref_seconds:.2f}x {reference} ({ref_seconds:.3f} s)"
        target = {"load()": "<= 1.5x json.load", "autograd-studio run": "<= 1 s"}.get(what, "")
        table.append((what, measured, beside, target))
    json_load = best_of(lambda: json.loads(path.read_bytes()), args.rounds)
    app = ensure_app()
    with tempfile.TemporaryDirectory() as scratch:
        settings = StudioSettings.at_path(Path(scratch) / "settings.ini")
        window = MainWindow(settings=settings, dialogs=_Dialogs())
        window.resize(1280, 800)
        window.show()
        _settle(app)
        before = _rss_mb()

        start = time.perf_counter()
        if not window.open_file(args.file):  # a big file loads on the worker thread
            while window.file_loader.is_loading():
                app.processEvents()
                time.sleep(0.002)
            if window.session.path is None:
                return 2
        opened = time.perf_counter()
        window.repaint()
        app.processEvents()
        painted = time.perf_counter()
        view = window.view
        visible = view.mapToScene(view.viewport().rect()).boundingRect()
        whole = visible.contains(view.graph_scene.nodes_bounding_rect())
        doc = window.document
        print(f"{path.name}: {len(doc.nodes):,} nodes, {doc.edge_count:,} edges")
        print(
            f"open {opened - start:.2f} s + first paint {painted - opened:.2f} s = "
            f"{painted - start:.2f} s; fit zoom {view.zoom():.4f}, whole graph shown: {whole}"
        )
        seconds = painted - start
        table.append(
            (
                "open + first paint in the editor",
                f"{seconds:.2f} s",
                f"{seconds / json_load:.1f}x json.load ({json_load:.3f} s)",
                "<= 1 s (<= 5x json.load)",
            )
        )
        _settle(app)
        rss = _rss_mb()
        table.append(
            (
                "resident memory with it open",
                f"{rss:.0f} MB",
                f"{before:.0f} MB with the window empty",
                "<= 350 MB",
            )
        )

        seconds = _timed(app, window, window.run_backward)
        table.append(("Backward + annotate", f"{seconds * 1000:.0f} ms", "", "<= 50 ms"))
        flow = window.actions.gradient_flow
        seconds = _timed(app, window, lambda: flow.setChecked(True))
        table.append(("Gradient Flow on", f"{seconds * 1000:.0f} ms", "", "<= 200 ms"))
        _timed(app, window, lambda: flow.setChecked(False))

        CPU_SECONDS.clear()
        frames = _frames(app, window, view)
        worst = max(max([s, *after]) for _z, s, after in frames)
        worst_cpu = max(CPU_SECONDS, default=0.0)
        finish = [(z, after) for z, _s, after in frames if after]
        finishing = "; ".join(
            f"{len(after)} frames after {z:.3g}, worst {max(after) * 1000:.0f} ms"
            for z, after in finish
        )
        table.append(
            (
                "zoom/pan frame, worst",
                f"{worst * 1000:.0f} ms",
                "in the busiest part, at zoom "
                + ", ".join(f"{z:.3g}: {s * 1000:.0f} ms" for z, s, _after in frames)
                + (f"; finishing the items: {finishing}" if finishing else "")
                + f"; worst in CPU time of the GUI thread {worst_cpu * 1000:.0f} ms",
                "<= 30 ms",
            )
        )
        drags, _dropped, _undone = _drag(app, window, view)
        drags.sort()
        table.append(
            (
                "drag a card at 1:1, frame worst",
                f"{drags[-1] * 1000:.0f} ms",
                f"median {drags[len(drags) // 2] * 1000:.0f} ms over {len(drags)} mouse moves "
                "in the busiest part (the first included)",
                "<= 30 ms",
            )
        )
        drags, dropped, undone = _drag(app, window, view, everything=True)
        drags.sort()
        table.append(
            (
                "drag after Select All: the drop / its Undo, painted",
                f"{dropped * 1000:.0f} / {undone * 1000:.0f} ms",
                f"65,818 nodes moved in one event each way; the moves' frames: median "
                f"{drags[len(drags) // 2] * 1000:.0f} ms, the first {drags[-1] * 1000:.0f} ms",
                "<= 300 ms each",
            )
        )
        if args.only_frames:
            window.close()
            _print_table(table)
            return 0
        view.fit_all()
        _settle(app)

        seconds = _timed(app, window, window.actions.select_all.trigger)
        count = len(view.selected_node_ids())
        made = len(view.graph_scene.node_items)
        table.append(
            (
                "Select All, painted (at fit zoom)",
                f"{seconds * 1000:.0f} ms",
                f"{count:,} nodes selected, {made:,} items exist",
                "<= 200 ms",
            )
        )
        events: list = []
        stop = doc.subscribe(events.append)
        edges = doc.edge_count
        seconds = _timed(app, window, window.actions.delete.trigger)
        table.append(
            (
                "Delete all, painted",
                f"{seconds * 1000:.0f} ms",
                f"{count:,} nodes and {edges:,} edges gone, {len(doc.nodes)} left, "
                f"{len(events)} document events (one per node and edge before: "
                f"{count + edges:,})",
                "<= 500 ms",
            )
        )
        stack = window.undo_stack
        for what, step in (("its Undo", stack.undo), ("its Redo", stack.redo)):
            events.clear()
            seconds = _timed(app, window, step)
            table.append(
                (
                    f"Delete all: {what}, painted",
                    f"{seconds * 1000:.0f} ms",
                    f"{len(doc.nodes):,} nodes, {doc.edge_count:,} edges, "
                    f"{len(view.selected_node_ids()):,} selected, {len(events)} events",
                    "<= 500 ms",
                )
            )
        stack.undo()
        _settle(app)
        # A few thousand nodes from the middle of the graph (a block of it, in file order).
        block = list(doc.nodes)[len(doc.nodes) // 3 :][:3000]
        view.select_node_ids(block)
        _settle(app)
        for what, step in (
            ("Delete 3,000 nodes, painted", window.actions.delete.trigger),
            ("its Undo, painted", stack.undo),
        ):
            events.clear()
            seconds = _timed(app, window, step)
            table.append(
                (
                    what,
                    f"{seconds * 1000:.0f} ms",
                    f"{len(doc.nodes):,} nodes after it, {len(events)} events (the graph's "
                    "evaluation plan, index and overview follow a change of shape)",
                    "<= 100 ms (instant)",
                )
            )
        stop()
        _settle(app)
        view.select_node_ids([])  # Auto Layout below arranges the whole graph
        _settle(app)

        controller = window.layout_controller
        controller.set_engine(args.engine)
        controller.animate_action.setChecked(False)
        laid_out: list[float] = []  # when the layout's result reached the GUI thread
        finish = controller._on_succeeded

        def on_succeeded(result) -> None:
            laid_out.append(time.perf_counter())
            finish(result)

        controller._on_succeeded = on_succeeded  # the job connects to it when it starts
        start = time.perf_counter()
        controller.start()
        while controller.is_running():
            app.processEvents()
            time.sleep(0.002)
        committed = time.perf_counter()
        app.processEvents()
        window.repaint()
        painted = time.perf_counter()
        message = window.statusBar().currentMessage()
        undo = _timed(app, window, window.undo_stack.undo)
        print(
            f"auto layout ({args.engine}): one undo step after {committed - start:.2f} s, "
            f"painted after {painted - start:.2f} s; undo {undo:.2f} s"
        )
        print(f"  status: {message}")
        table.append(
            (
                "Auto Layout until painted",
                f"{painted - start:.2f} s",
                f"until its undo step {committed - start:.2f} s (the layout's own time inside)",
                "<= 0.3 s after the layout",
            )
        )
        if laid_out:
            applied = painted - laid_out[0]
            table.append(
                (
                    "Auto Layout applied (after the layout's own time)",
                    f"{applied * 1000:.0f} ms",
                    f"the layout itself {laid_out[0] - start:.2f} s before it",
                    "<= 300 ms",
                )
            )
        table.append(("Undo of it", f"{undo:.2f} s", "", "<= 0.3 s"))
        window.undo_stack.setClean()
        window.close()
    # Last: what tracemalloc's run allocates would stay in this process's resident size.
    memory = dict(memory_rows(path))
    table.append(
        (
            "memory of document, plan, results, flow, undo step",
            f"{memory['total']:.0f} MB",
            f"{memory['total'] / memory['json.load of the file']:.2f}x json.load's objects "
            f"({memory['json.load of the file']:.0f} MB; tracemalloc, no Qt items)",
            "",
        )
    )
    _print_table(table)
    return 0


def _print_table(table: list[tuple[str, str, str, str]]) -> None:
    print()
    print("| what | measured | beside it, in this run | target |")
    print("|---|---:|---|---|")
    for row in table:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    sys.exit(main())

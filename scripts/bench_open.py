#!/usr/bin/env python3
"""Every row of the big-graph targets, each beside its reference measured in this run.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/bench_open.py [FILE.agraph] [--engine E]

Defaults to the 65,818-node demo graph.  Headless first (scripts/bench_files.py: ``load()``
and saving beside ``json.load``, ``autograd-studio run`` beside a Python that only loads the
JSON), then in one editor window of 1280x800:

- open: File > Open end to end (load, build the canvas, first forward, annotate, fit) and
  the first paint after it, beside ``json.load``; resident memory with it open;
- Backward (and the annotation of every node) and Gradient Flow on, each until painted;
- a zoom step and a pan step, repainted, at zooms from the fit up to 1:1;
- Select All at the fit zoom, until painted;
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
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

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


def _timed(app, window, action) -> float:
    """Seconds for *action* and the repaint it causes (events processed, window painted)."""
    start = time.perf_counter()
    action()
    app.processEvents()
    window.repaint()
    return time.perf_counter() - start


def _frames(app, view) -> list[tuple[float, float]]:
    """(zoom, seconds) for one zoom step then one pan step, repainted, at zooms from the
    fit up to 1:1, around the middle of the graph."""
    fit = view.zoom()
    frames = []
    zoom = fit
    while zoom <= 1.0:
        seconds = _timed(app, view, lambda z=zoom: view.set_zoom(z))
        seconds = max(seconds, _timed(app, view, lambda: view.scroll_by(40, 25)))
        frames.append((view.zoom(), seconds))
        zoom = zoom * 4 if zoom < 1.0 / 4 else (1.0 if zoom < 1.0 else 2.0)
    return frames


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?", default=str(DEMO))
    parser.add_argument("--engine", choices=("auto", "dot", "layered"), default="auto")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the headless rows")
    args = parser.parse_args(argv)
    path = Path(args.file)
    table: list[tuple[str, str, str, str]] = []  # what, measured, beside it, target
    for what, seconds, reference, ref_seconds in file_rows(path, args.rounds):
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

        frames = _frames(app, view)
        worst = max(frames, key=lambda frame: frame[1])
        table.append(
            (
                "zoom/pan frame, worst",
                f"{worst[1] * 1000:.0f} ms",
                "at zoom " + ", ".join(f"{z:.3g}: {s * 1000:.0f} ms" for z, s in frames),
                "<= 30 ms",
            )
        )
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
    print()
    print("| what | measured | beside it, in this run | target |")
    print("|---|---:|---|---|")
    for row in table:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

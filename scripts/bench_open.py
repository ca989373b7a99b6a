#!/usr/bin/env python3
"""How long the editor takes to open a big file and to auto-lay it out (offscreen).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/bench_open.py [FILE.agraph] [--engine E]

Defaults to the 65,818-node demo graph.  Times, in one editor window of 1280x800:

- open: File > Open end to end (load, build the canvas, first forward, annotate, fit) and
  the first paint after it; whether Fit shows the whole graph;
- auto layout: Arrange > Auto Layout on the worker thread until the positions are one
  undo step, then until painted, and the undo of it.

The window uses throwaway settings; nothing is saved.
"""

from __future__ import annotations

import argparse
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
from autograd_studio.resources import example  # noqa: E402

DEMO = example("micrograd-demo")


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?", default=str(DEMO))
    parser.add_argument("--engine", choices=("auto", "dot", "layered"), default="auto")
    args = parser.parse_args(argv)
    app = ensure_app()
    with tempfile.TemporaryDirectory() as scratch:
        settings = StudioSettings.at_path(Path(scratch) / "settings.ini")
        window = MainWindow(settings=settings, dialogs=_Dialogs())
        window.resize(1280, 800)
        window.show()
        _settle(app)

        start = time.perf_counter()
        if not window.open_file(args.file):
            return 2
        opened = time.perf_counter()
        window.repaint()
        app.processEvents()
        painted = time.perf_counter()
        view = window.view
        visible = view.mapToScene(view.viewport().rect()).boundingRect()
        whole = visible.contains(view.graph_scene.nodes_bounding_rect())
        doc = window.document
        print(f"{Path(args.file).name}: {len(doc.nodes):,} nodes, {doc.edge_count:,} edges")
        print(
            f"open {opened - start:.2f} s + first paint {painted - opened:.2f} s = "
            f"{painted - start:.2f} s; fit zoom {view.zoom():.4f}, whole graph shown: {whole}"
        )
        _settle(app)

        controller = window.layout_controller
        controller.set_engine(args.engine)
        controller.animate_action.setChecked(False)
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
        start_undo = time.perf_counter()
        window.undo_stack.undo()
        app.processEvents()
        window.repaint()
        undone = time.perf_counter()
        print(
            f"auto layout ({args.engine}): one undo step after {committed - start:.2f} s, "
            f"painted after {painted - start:.2f} s; undo {undone - start_undo:.2f} s"
        )
        print(f"  status: {message}")
        window.undo_stack.setClean()
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

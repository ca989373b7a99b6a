#!/usr/bin/env python3
"""Steps per second in the editor's Training panel on the moons example, plot and canvas live.

Opens the main window (offscreen unless a display is set) on ``micrograd-moons.agraph``,
presses Play with the speed limit lifted and lets the run's 100 steps finish, while the
loss plot, the decision boundary and the canvas update as they do for a user.  Printed
beside it, measured in the same run: the headless trainer alone on the same graph, so the
ratio says what the panel's pictures cost.  Target: at least 30 steps/s in the panel.

    .venv/bin/python scripts/bench_training_panel.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from autograd_studio.graph import load
from autograd_studio.resources import examples_dir
from autograd_studio.training import Trainer, read_settings, read_setup

EXAMPLE = examples_dir() / "micrograd-moons.agraph"


def headless(steps: int) -> float:
    doc = load(EXAMPLE)
    trainer = Trainer(doc, read_setup(doc), read_settings(doc))
    start = time.perf_counter()
    trainer.run(steps)
    return steps / (time.perf_counter() - start)


def panel(app: QApplication, steps: int) -> tuple[float, int, int]:
    from autograd_studio.gui.window.main_window import MainWindow
    from autograd_studio.gui.window.settings import StudioSettings

    settings = StudioSettings.at_path(os.path.join(tempfile.mkdtemp(), "settings.ini"))
    window = MainWindow(load(EXAMPLE), settings=settings)
    window.resize(1600, 1000)
    window.show()
    window.actions.train.trigger()
    training = window.training
    training.panel.speed_box.setValue(1000)
    training.panel.steps_box.setValue(steps)
    app.processEvents()
    paints = {"canvas": 0}
    original = training._paint

    def counted() -> None:
        paints["canvas"] += 1
        original()

    training._paint = counted  # type: ignore[method-assign]
    start = time.perf_counter()
    training.panel.play_button.click()
    while training.playing:
        app.processEvents()
    elapsed = time.perf_counter() - start
    points = training.panel.loss_plot.points
    window.undo_stack.setClean()
    window.close()
    return training.trainer.steps_done / elapsed, points, paints["canvas"]


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    steps = 100
    alone = headless(steps)
    rate, points, paints = panel(app, steps)
    print(f"micrograd's demo as a model graph (985 nodes, 100 rows), {steps} SGD steps\n")
    print(f"{'where':<40}{'steps/s':>10}")
    print(f"{'headless Trainer':<40}{alone:>10.1f}")
    print(f"{'Training panel (plot, boundary, canvas)':<40}{rate:>10.1f}")
    print(
        f"\npanel / headless: {rate / alone:.2f}; the plot holds {points} points; "
        f"the canvas and boundary were redrawn {paints} times"
    )
    print(f"target: at least 30 steps/s in the panel: {'met' if rate >= 30 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

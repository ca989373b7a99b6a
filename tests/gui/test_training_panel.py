"""The Training panel driven by real clicks: Play, Pause, Step, Reset, undo, the plots."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from autograd_studio.graph import load
from autograd_studio.training import read_settings, read_setup
from autograd_studio.training.models import line_fit
from tests.graph.test_examples import EXAMPLES
from tests.gui.window_support import make_window


def click(widget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def weights(doc) -> dict[str, float]:
    return {nid: r.value for nid, r in doc.nodes.items() if r.kind == "weight"}


@pytest.fixture
def moons(qtbot, tmp_path):
    window, _ = make_window(qtbot, tmp_path, load(EXAMPLES / "micrograd-moons.agraph"))
    window.actions["actionTrain"].trigger()
    qtbot.waitUntil(window.training.dock.isVisible, timeout=2000)
    return window


def test_train_action_opens_the_panel_with_the_files_setup(moons):
    panel = moons.training.panel
    assert moons.training.dock.isVisible()
    assert panel.loss_box.currentData() == "loss"
    assert panel.prediction_box.currentData() == "score"
    assert panel.binding_boxes["x1"].currentData() == "x1"
    assert panel.table.rowCount() == 100
    assert panel.optimizer_box.currentData() == "sgd" and panel.decay_box.isChecked()
    assert panel.boundary_plot.isVisible()


def test_play_then_pause_is_one_undo_step_and_the_plot_receives_points(qtbot, moons):
    panel, training = moons.training.panel, moons.training
    panel.speed_box.setValue(1000)
    before = weights(moons.document)
    start = moons.undo_stack.count()
    click(panel.play_button)
    assert training.playing
    assert panel.play_button.text() == "Pause"
    qtbot.waitUntil(
        lambda: training.trainer is not None and training.trainer.steps_done >= 3, timeout=20000
    )
    click(panel.play_button)
    assert not training.playing
    steps = training.trainer.steps_done
    assert panel.loss_plot.points == steps
    assert moons.undo_stack.count() == start + 1
    assert moons.undo_stack.text(start) == f"Train {steps} steps"
    trained = weights(moons.document)
    assert trained != before
    assert trained == training.trainer.weight_values()
    moons.undo_stack.undo()
    assert weights(moons.document) == before
    moons.undo_stack.redo()
    assert weights(moons.document) == trained


def test_a_run_stops_by_itself_after_its_steps(qtbot, moons):
    panel, training = moons.training.panel, moons.training
    panel.steps_box.setValue(5)  # an undoable setup edit
    panel.speed_box.setValue(1000)
    click(panel.play_button)
    qtbot.waitUntil(lambda: not training.playing, timeout=20000)
    assert training.trainer.steps_done == 5
    assert panel.loss_plot.points == 5
    assert moons.undo_stack.text(moons.undo_stack.count() - 1) == "Train 5 steps"
    assert read_settings(moons.document).steps == 5
    assert "step 5" in panel.rate_label.text()


def test_reset_restores_the_weights_in_one_undo_step(qtbot, moons):
    panel, training = moons.training.panel, moons.training
    before = weights(moons.document)
    click(panel.step_button)
    click(panel.step_button)
    assert weights(moons.document) != before
    assert moons.undo_stack.text(moons.undo_stack.count() - 1) == "Train 1 step"
    click(panel.reset_button)
    assert weights(moons.document) == before
    assert training.trainer.steps_done == 0
    assert panel.loss_plot.points == 0
    assert moons.undo_stack.text(moons.undo_stack.count() - 1) == "Reset Weights"


def test_the_dead_neuron_says_why_in_the_panel(qtbot, tmp_path):
    window, _ = make_window(qtbot, tmp_path, load(EXAMPLES / "neuron-dead.agraph"))
    window.actions["actionTrain"].trigger()
    before = weights(window.document)
    click(window.training.panel.step_button)
    assert "dead ReLU" in window.training.panel.message.text()
    assert weights(window.document) == before
    assert not window.training.panel.boundary_plot.isVisible()  # no prediction node


def test_generating_a_dataset_is_an_undoable_setup_edit(qtbot, tmp_path):
    doc = line_fit()
    window, _ = make_window(qtbot, tmp_path, doc)
    window.actions["actionTrain"].trigger()
    panel = window.training.panel
    assert "No dataset" in panel.rows_label.text()
    panel.generator_box.setCurrentIndex(panel.generator_box.findData("line"))
    panel.rows_box.setValue(12)
    click(panel.generate_button)
    setup = read_setup(window.document)
    assert setup is not None and len(setup.dataset) == 12
    assert setup.bindings == {"x": "x", "y": "y"}
    assert setup.loss == "loss"
    assert window.undo_stack.text(window.undo_stack.count() - 1) == "Change Training Setup"
    click(panel.step_button)
    assert panel.loss_plot.points == 1
    window.undo_stack.undo()  # the step
    window.undo_stack.undo()  # the dataset
    assert read_setup(window.document) is None
    assert panel.table.rowCount() == 0


def test_importing_a_bad_csv_reports_the_row(qtbot, tmp_path):
    window, dialogs = make_window(qtbot, tmp_path, line_fit())
    window.actions["actionTrain"].trigger()
    bad = tmp_path / "bad.csv"
    bad.write_text("x,y\n1,2\n3,oops\n", encoding="utf-8")
    dialogs.csv_paths.append(str(bad))
    click(window.training.panel.import_button)
    assert dialogs.errors and "row 3, column 'y'" in dialogs.errors[0][1]
    assert read_setup(window.document) is None
    good = tmp_path / "good.csv"
    good.write_text("x,y\n1,2\n3,4\n", encoding="utf-8")
    dialogs.csv_paths.append(str(good))
    click(window.training.panel.import_button)
    assert read_setup(window.document).dataset.rows.tolist() == [[1.0, 2.0], [3.0, 4.0]]


def test_the_setup_survives_save_and_reopen(qtbot, moons, tmp_path):
    moons.training.panel.lr_box.setValue(0.5)
    path = tmp_path / "moons.agraph"
    moons.dialogs.save_paths.append(str(path))
    moons.actions.save_as.trigger()
    assert read_settings(load(path)).learning_rate == 0.5


def test_the_panel_fits_a_1280x800_screen_with_its_controls_in_sight(qtbot, tmp_path):
    """Its settings stacked were 714 px tall: Ctrl+T grew the window past the bottom of a
    1280x800 screen, Play and Step below it, and left the canvas a 126 px strip."""
    window, _ = make_window(qtbot, tmp_path, load(EXAMPLES / "micrograd-moons.agraph"))
    window.resize(1152, 720)  # the default window on a 1280x800 screen
    qtbot.waitUntil(lambda: window.height() == 720)
    window.activateWindow()
    window.view.setFocus()
    qtbot.waitUntil(lambda: window.isActiveWindow() and window.view.hasFocus())
    QTest.keyClick(window.view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.training.dock.isVisible, timeout=2000)
    qtbot.wait(50)  # the window's layout settles
    assert window.height() == 720
    panel = window.training.panel
    for button in (panel.step_button, panel.play_button, panel.reset_button):
        corner = button.mapTo(window, button.rect().bottomRight())
        assert button.isVisible() and window.rect().contains(corner), button.text()
    assert window.view.height() >= 720 // 3

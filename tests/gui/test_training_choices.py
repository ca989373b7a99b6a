"""The Training panel's node choices (loss, prediction, bindings): given to Qt only when the
panel is shown, chosen with real clicks in the list, saved and undone like any setup edit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox

from autograd_studio.graph import load
from autograd_studio.gui.panels.choice_box import ChoiceBox
from autograd_studio.training import read_setup
from tests.graph.test_examples import EXAMPLES
from tests.gui.window_support import make_window


def op_ids(doc) -> list[str]:
    return [nid for nid, r in doc.nodes.items() if r.kind != "input" and r.op]


@pytest.fixture
def counted_add_item(monkeypatch):
    """The names of the boxes given an item by QComboBox.addItem (from Python)."""
    calls = []
    add_item = QComboBox.addItem

    def counting(self, *args):
        calls.append(self.objectName())
        return add_item(self, *args)

    monkeypatch.setattr(QComboBox, "addItem", counting)
    return calls


def node_boxes(names: list[str]) -> set[str]:
    return {n for n in names if n in ("lossBox", "predictionBox") or n.startswith("binding")}


def pick(qtbot, box: ChoiceBox, value: str) -> None:
    """Open *box*'s list with a click, scroll to *value* and click it, as a user does."""
    QTest.mouseClick(box, Qt.MouseButton.LeftButton)
    view = box.view()
    qtbot.waitUntil(view.isVisible, timeout=2000)
    # The list ignores a release within a double-click's time (the opening click's own).
    qtbot.wait(QApplication.doubleClickInterval() + 50)
    index = box.model().index(box.findText(value), 0)
    view.scrollTo(index)
    where = QPoint(view.visualRect(index).left() + 8, view.visualRect(index).center().y())
    assert view.viewport().rect().contains(where)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.waitUntil(lambda: not view.isVisible(), timeout=2000)


def test_a_hidden_panel_holds_only_the_chosen_nodes(qtbot, tmp_path, counted_add_item):
    doc = load(EXAMPLES / "micrograd-moons.agraph")
    window, _ = make_window(qtbot, tmp_path, doc)
    panel = window.training.panel
    assert not panel.isVisible()
    assert not node_boxes(counted_add_item)
    boxes = [panel.loss_box, panel.prediction_box, *panel.binding_boxes.values()]
    for box in boxes:
        assert box.model().rowCount() == 1 and not box.is_filled()
    assert panel.loss_box.currentText() == "loss" and panel.loss_box.currentData() == "loss"
    assert panel.prediction_box.currentData() == "score"
    assert panel.binding_boxes["x1"].currentData() == "x1"

    window.actions["actionTrain"].trigger()
    qtbot.waitUntil(window.training.dock.isVisible, timeout=2000)
    ops = op_ids(window.document)
    assert panel.loss_box.model().rowCount() == len(ops) > 600  # no row for nothing
    assert panel.prediction_box.model().rowCount() == len(ops) + 1  # "—" first
    assert panel.loss_box.currentText() == "loss" and panel.loss_box.currentData() == "loss"
    assert panel.prediction_box.currentText() == "score"
    assert [panel.loss_box.itemText(i) for i in range(3)] == ops[:3]
    assert panel.prediction_box.itemText(0) == "—"
    assert not node_boxes(counted_add_item)  # one list for the lot, not an item per node


def test_a_node_chosen_by_clicks_is_saved_undone_and_reopened(qtbot, tmp_path):
    window, dialogs = make_window(qtbot, tmp_path, load(EXAMPLES / "micrograd-moons.agraph"))
    window.actions["actionTrain"].trigger()
    qtbot.waitUntil(window.training.dock.isVisible, timeout=2000)
    panel = window.training.panel
    chosen = op_ids(window.document)[-7]
    assert chosen != "score"
    start = window.undo_stack.count()
    pick(qtbot, panel.prediction_box, chosen)
    assert panel.prediction_box.currentData() == chosen
    assert read_setup(window.document).prediction == chosen
    assert window.undo_stack.count() == start + 1
    assert window.undo_stack.text(start) == "Change Training Setup"

    window.undo_stack.undo()
    assert read_setup(window.document).prediction == "score"
    assert panel.prediction_box.currentData() == "score"
    assert panel.prediction_box.currentText() == "score"
    window.undo_stack.redo()
    assert panel.prediction_box.currentText() == chosen

    path = tmp_path / "moons.agraph"
    dialogs.save_paths.append(str(path))
    window.actions.save_as.trigger()
    assert read_setup(load(path)).prediction == chosen
    other, _ = make_window(qtbot, tmp_path, load(path))
    box = other.training.panel.prediction_box
    assert box.currentData() == chosen and not box.is_filled()
    other.actions["actionTrain"].trigger()
    qtbot.waitUntil(other.training.dock.isVisible, timeout=2000)
    assert box.is_filled() and box.currentText() == chosen
    pick(qtbot, box, "—")  # nothing
    assert box.currentData() is None
    assert read_setup(other.document).prediction is None


def test_keys_step_through_every_node_of_a_shown_box(qtbot, tmp_path):
    window, _ = make_window(qtbot, tmp_path, load(EXAMPLES / "micrograd-moons.agraph"))
    window.actions["actionTrain"].trigger()
    qtbot.waitUntil(window.training.dock.isVisible, timeout=2000)
    box = window.training.panel.loss_box
    ops = op_ids(window.document)
    row = ops.index("loss")
    box.setFocus()
    qtbot.waitUntil(box.hasFocus, timeout=2000)
    QTest.keyClick(box, Qt.Key.Key_Up)
    assert box.currentData() == ops[row - 1]
    assert read_setup(window.document).loss == ops[row - 1]


def test_a_choice_not_offered_falls_back_to_the_first_row(qtbot):
    box = ChoiceBox()
    qtbot.addWidget(box)
    box.set_choices(["a", "b"], "gone")
    assert box.currentData() is None and box.currentText() == "—"
    box.set_choices(["a", "b"], "gone", none=False)
    assert box.currentData() == "a"
    box.set_choices([], None, none=False)
    assert box.currentData() is None and box.currentIndex() == -1
    box.show()
    qtbot.waitExposed(box)
    assert box.count() == 0 and box.currentData() is None
    box.set_choices(["a", "b"], "b")  # shown: filled at once
    assert box.is_filled() and box.count() == 3 and box.currentText() == "b"

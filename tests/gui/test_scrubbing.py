"""Value scrubbing: drag sideways on a value to change it, grads following live, one undo
step per drag, Shift finer and Ctrl coarser."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt

from autograd_studio.gui.canvas.scrubbing import scrubbed
from autograd_studio.numbers import canvas_number
from tests.gui.backward_support import CTRL, grad_texts, open_window, press
from tests.gui.canvas_helpers import move, release
from tests.gui.canvas_helpers import press as mouse_press
from tests.gui.window_support import neuron_document

SHIFT_MOD = Qt.KeyboardModifier.ShiftModifier
CTRL_MOD = Qt.KeyboardModifier.ControlModifier


def value_field_centre(view, node_id: str) -> QPointF:
    item = view.node_item(node_id)
    return item.mapToScene(item.value_field().center())


def scrub(view, node_id: str, pixels: int, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """Press on the value, drag *pixels* to the right in steps, release."""
    start = value_field_centre(view, node_id)
    zoom = view.zoom()
    mouse_press(view, start, modifiers=modifiers)
    for k in range(1, 6):
        move(view, start + QPointF(pixels * k / 5 / zoom, 0), modifiers=modifiers)
    release(view, start + QPointF(pixels / zoom, 0), modifiers=modifiers)


def test_dragging_a_value_changes_it_and_the_grads_follow_live(qtbot, tmp_path):
    window, _ = open_window(qtbot, tmp_path, neuron_document())  # the dead neuron: b = 0.1
    view, doc = window.view, window.document
    press(window, Qt.Key.Key_B, CTRL)
    assert grad_texts(window)["w1"] == canvas_number(0.0)  # relu(-1.3): no gradient
    scrub(view, "b", 30, CTRL_MOD)  # 30 px of 0.1: b = 3.1, relu(1.7) lives
    assert doc.nodes["b"].value == pytest.approx(3.1)
    assert grad_texts(window)["w1"] == canvas_number(2.0)  # dy/dw1 = x1, shown live
    assert not view.node_item("w1").is_grad_stale()
    assert window.undo_stack.count() == 1  # the whole drag is one step
    scrub(view, "x1", -50)
    assert doc.nodes["x1"].value == pytest.approx(1.5)
    assert window.undo_stack.count() == 2  # a second drag: a second step
    press(window, Qt.Key.Key_Z, CTRL)
    assert doc.nodes["x1"].value == pytest.approx(2.0)


def test_shift_is_fine_and_ctrl_coarse(qtbot, tmp_path):
    window, _ = open_window(qtbot, tmp_path, neuron_document())
    view, doc = window.view, window.document
    scrub(view, "w1", 100, SHIFT_MOD)
    assert doc.nodes["w1"].value == pytest.approx(0.6)
    scrub(view, "w1", 10, CTRL_MOD)
    assert doc.nodes["w1"].value == pytest.approx(1.6)


def test_a_click_on_the_value_selects_and_changes_nothing(qtbot, tmp_path):
    window, _ = open_window(qtbot, tmp_path, neuron_document())
    view = window.view
    spot = value_field_centre(view, "b")
    mouse_press(view, spot)
    release(view, spot)
    assert view.selected_node_ids() == ["b"] and window.undo_stack.count() == 0


def test_steps_are_rounded_to_the_step():
    assert scrubbed(0.1, 20, Qt.KeyboardModifier.NoModifier) == 0.3
    assert scrubbed(1.0, -3, SHIFT_MOD) == 0.997


def drag_label(label, pixels: int, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    start = QPoint(5, label.height() // 2)
    QTest.mousePress(label, Qt.MouseButton.LeftButton, modifiers, start)
    for k in range(1, 6):
        local = QPointF(start.x() + pixels * k / 5, start.y())
        event = QMouseEvent(
            QEvent.Type.MouseMove,
            local,
            QPointF(label.mapToGlobal(local)),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton,
            modifiers,
        )
        QApplication.sendEvent(label, event)
    QTest.mouseRelease(label, Qt.MouseButton.LeftButton, modifiers, start + QPoint(pixels, 0))


def test_the_inspectors_value_label_scrubs_too(qtbot, tmp_path):
    from tests.gui.window_support import select

    window, _ = open_window(qtbot, tmp_path, neuron_document())
    select(qtbot, window, ["w1"])
    label = window.inspector.value_row_label
    drag_label(label, 100)
    assert window.document.nodes["w1"].value == pytest.approx(1.5)
    assert window.inspector.value_edit.text() == "1.5"
    assert window.undo_stack.count() == 1
    drag_label(label, 100, SHIFT_MOD)
    assert window.document.nodes["w1"].value == pytest.approx(1.6)
    assert window.undo_stack.count() == 2

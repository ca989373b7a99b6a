"""Reverse / Forward mode in the editor: the toolbar switch, choosing the derivative target
and the "with respect to" node with real mouse and key events, tangents on the canvas,
the forward step-through, and the side-by-side panel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QToolButton

from autograd_studio.analysis.modes import FORWARD, REVERSE, ModeComparison
from autograd_studio.graph import load
from tests.gui.backward_support import CTRL, SHIFT, grad_texts, open_window, press
from tests.gui.canvas_helpers import at, center, click

F10 = Qt.Key.Key_F10
ALT = Qt.KeyboardModifier.AltModifier


def captions(window) -> set[str]:
    return {window.view.node_item(nid).derivative_caption() for nid in window.document.nodes}


def click_button(window, name: str) -> None:
    button = window.toolbar.findChild(QToolButton, name)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def context_menu_choose(qtbot, window, node_id: str, text: str) -> None:
    """Right-click *node_id* on the canvas and click the menu entry *text*."""
    view = window.view
    pos = at(view, center(view, node_id))
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, view.viewport().mapToGlobal(pos))
    QApplication.sendEvent(view.viewport(), event)
    (menu,) = [m for m in view.findChildren(QMenu) if m.isVisible()]
    (action,) = [a for a in menu.actions() if a.text() == text]
    QTest.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())
    qtbot.waitUntil(lambda: not menu.isVisible(), timeout=2000)


def test_the_toolbar_switch_shows_tangents_and_undo_switches_back(qtbot, tmp_path):
    window, _ = open_window(qtbot, tmp_path, "neuron-active")
    modes = window.derivative_modes
    press(window, Qt.Key.Key_B, CTRL)  # Backward: grads from the output
    assert grad_texts(window)["w1"] == "2.0000"
    click_button(window, "forwardModeButton")
    assert modes.mode == FORWARD and window.actions.forward_mode.isChecked()
    assert modes.wrt == "w1"  # the first weight the output depends on
    assert captions(window) == {"tangent"}
    shown = grad_texts(window)
    assert shown["y"] == "2.0000" and shown["w1"] == "1.0000"  # dy/dw1 = x1 = 2; the seed
    assert shown["w2"] == "no path" and shown["mul2"] == "no path"
    assert window.isWindowModified()  # the mode is saved with the document
    assert window.view.node_item("w1").role_tag() == "WRT"
    click(window.view, center(window.view, "y"))
    qtbot.waitUntil(lambda: window.inspector.node_id == "y", timeout=2000)
    assert window.inspector.tangent_label.isVisible()
    assert window.inspector.tangent_label.text() == "2.0"

    press(window, Qt.Key.Key_Z, CTRL)  # undo: back to reverse mode and its grads
    assert modes.mode == REVERSE and window.actions.reverse_mode.isChecked()
    assert captions(window) == {"grad"} and grad_texts(window)["w1"] == "2.0000"
    assert window.view.node_item("w1").role_tag() == ""
    assert not window.inspector.tangent_label.isVisible()
    press(window, Qt.Key.Key_F, CTRL | ALT)  # the same switch from the keyboard
    assert modes.mode == FORWARD
    click_button(window, "reverseModeButton")
    assert modes.mode == REVERSE


def test_tangents_follow_every_edit_in_forward_mode(qtbot, tmp_path):
    window, _ = open_window(qtbot, tmp_path, "neuron-active")
    press(window, Qt.Key.Key_F, CTRL | ALT)
    window.document.set_value("x1", 5.0)  # dy/dw1 = x1
    qtbot.waitUntil(lambda: grad_texts(window)["y"] == "5.0000", timeout=2000)


def test_the_context_menu_chooses_wrt_and_target(qtbot, tmp_path):
    window, _ = open_window(qtbot, tmp_path, "neuron-active")
    modes = window.derivative_modes
    context_menu_choose(qtbot, window, "x2", "Differentiate With Respect to This")
    assert modes.mode == FORWARD and modes.wrt == "x2"
    assert grad_texts(window)["y"] == "0.5000"  # dy/dx2 = w2

    context_menu_choose(qtbot, window, "mul2", "Set as Derivative Target")
    assert modes.mode == REVERSE and modes.target == "mul2"
    shown = grad_texts(window)  # Backward ran from w2*x2
    assert shown["w2"] == "3.0000" and shown["x2"] == "0.5000" and shown["mul2"] == "1.0000"
    assert shown["w1"] == "no path" and shown["y"] == "no path"
    assert "does not influence w2*x2" in window.view.node_item("w1").tooltip_text()
    assert window.view.node_item("mul2").role_tag() == "TARGET"
    assert window.view.node_item("x2").role_tag() == ""


def test_a_click_and_a_shortcut_choose_the_target(qtbot, tmp_path):
    window, _ = open_window(qtbot, tmp_path, "neuron-active")
    click(window.view, center(window.view, "mul1"))
    qtbot.waitUntil(window.actions.set_target.isEnabled, timeout=2000)  # one node selected
    press(window, Qt.Key.Key_T, CTRL | SHIFT)
    assert window.derivative_modes.target == "mul1"
    assert grad_texts(window)["x1"] == "1.0000" and grad_texts(window)["b"] == "no path"
    press(window, Qt.Key.Key_Z, CTRL)
    assert window.derivative_modes.choice.target is None


def test_f10_steps_through_forward_mode_with_the_notebooks_numbers(qtbot, tmp_path):
    window, _ = open_window(qtbot, tmp_path, "neuron-active")
    modes = window.derivative_modes
    context_menu_choose(qtbot, window, "w1", "Differentiate With Respect to This")
    press(window, F10)
    assert modes.stepper.active and modes.dock.isVisible()
    seed = grad_texts(window)
    assert seed["w1"] == "1.0000" and seed["y"] == "—"
    press(window, F10)
    step = modes.stepper.current_step()
    assert step.node_id == "mul1"
    assert step.text == (
        "dot(w1*x1) = dot(w1)*x1 + w1*dot(x1) = 1.0000 * 2.0000 + 1.0000 * 0 = 2.0000"
    )
    assert window.view.decorations.highlighted()[0] == {"mul1"}
    assert modes.panel.steps.currentItem().text() == step.text
    while not modes.stepper.at_end:
        press(window, F10)
    assert grad_texts(window)["y"] == "2.0000"  # d y/d w1 in the notebook's case 2
    press(window, F10, SHIFT)  # a step back
    assert grad_texts(window)["y"] == "—"
    assert not window.backward_tools.backprop.active  # the backward stepper stayed out


def test_the_panel_shows_both_numbers_and_the_pass_counts(qtbot, tmp_path):
    window, _ = open_window(qtbot, tmp_path, "neuron-active")
    press(window, Qt.Key.Key_M, CTRL | SHIFT)
    panel = window.derivative_modes.panel
    assert window.derivative_modes.dock.isVisible()
    assert panel.wrt_box.currentData() == "w1"  # until one is chosen: the first weight
    assert panel.comparison.reverse == panel.comparison.forward == 2.0
    panel.wrt_box.setFocus()
    for _ in range(panel.wrt_box.findData("w2") - panel.wrt_box.currentIndex()):
        QTest.keyClick(panel.wrt_box, Qt.Key.Key_Down)  # each one chooses the next entry
    assert window.derivative_modes.wrt == "w2"
    assert window.derivative_modes.mode == REVERSE  # the panel chooses, it does not switch
    c = panel.comparison
    assert c.reverse == c.forward == 3.0 and c.forward_passes == 5
    assert "= 3.0000" in panel.reverse_label.text() and "= 3.0000" in panel.forward_label.text()
    assert "1 backward pass, forward mode 5 forward passes" in panel.passes_label.text()
    assert panel.verdict_label.styleSheet() == ""


def test_a_difference_beyond_rounding_is_red(qtbot, tmp_path, monkeypatch):
    import autograd_studio.gui.panels.modes as panel_module

    window, _ = open_window(qtbot, tmp_path, "neuron-active")
    broken = ModeComparison("y", "w1", 2.0, 2.5, 5)
    monkeypatch.setattr(panel_module, "compare_modes", lambda *args: broken)
    context_menu_choose(qtbot, window, "w1", "Differentiate With Respect to This")
    press(window, Qt.Key.Key_M, CTRL | SHIFT)
    panel = window.derivative_modes.panel
    assert "bug" in panel.verdict_label.text()
    assert "#c62828" in panel.verdict_label.styleSheet()


def test_the_mode_is_remembered_per_document(qtbot, tmp_path):
    window, dialogs = open_window(qtbot, tmp_path, "neuron-active")
    press(window, Qt.Key.Key_F, CTRL | ALT)
    path = tmp_path / "forward.agraph"
    dialogs.save_paths.append(str(path))
    press(window, Qt.Key.Key_S, CTRL | SHIFT)
    assert load(path).metadata["derivatives"] == {"mode": "forward", "wrt": "w1"}
    window.set_document(load(tmp_path / "forward.agraph"))
    assert window.derivative_modes.mode == FORWARD and captions(window) == {"tangent"}
    from tests.gui.backward_support import example

    window.set_document(example("neuron-active"))
    assert window.derivative_modes.mode == REVERSE and captions(window) == {"grad"}


def test_the_inspector_button_chooses_target_for_ops_and_wrt_for_inputs(qtbot, tmp_path):
    window, _ = open_window(qtbot, tmp_path, "neuron-active")
    modes, inspector = window.derivative_modes, window.inspector
    click(window.view, center(window.view, "add1"))
    qtbot.waitUntil(lambda: inspector.node_id == "add1", timeout=2000)
    assert inspector.derivative_button.text() == "Set as Derivative Target"
    QTest.mouseClick(inspector.derivative_button, Qt.MouseButton.LeftButton)
    assert modes.target == "add1" and modes.mode == REVERSE
    assert grad_texts(window)["b"] == "no path" and grad_texts(window)["w2"] == "3.0000"
    click(window.view, center(window.view, "x1"))
    qtbot.waitUntil(lambda: inspector.node_id == "x1", timeout=2000)
    QTest.mouseClick(inspector.derivative_button, Qt.MouseButton.LeftButton)
    assert modes.wrt == "x1" and modes.mode == FORWARD
    assert grad_texts(window)["add1"] == "1.0000"  # d(w1*x1 + w2*x2)/d x1 = w1

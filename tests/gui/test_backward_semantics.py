"""Graph > Accumulate Grads: Backward twice doubles the grads (as micrograd's backward()
twice would), Zero Grad clears them, and the choice is remembered."""

from __future__ import annotations

from PySide6.QtCore import Qt

from autograd_studio.graph import GraphDocument
from autograd_studio.gui import MainWindow
from autograd_studio.gui.window.settings import StudioSettings
from autograd_studio.interop.engine_bridge import to_node
from autograd_studio.numbers import canvas_number
from tests.gui.backward_support import CTRL, SHIFT, grad_texts, open_window, press

B, BACKSPACE = Qt.Key.Key_B, Qt.Key.Key_Backspace


def product() -> GraphDocument:
    """y = w * x with w = 3, x = -2: one level, so a second pass exactly doubles."""
    doc = GraphDocument()
    w = doc.add_node("weight", label="w", value=3.0, pos=(0, 0))
    x = doc.add_node("input", label="x", value=-2.0, pos=(0, 120))
    y = doc.add_node("op", op="mul", label="y", pos=(260, 60))
    doc.connect(w, y, 0)
    doc.connect(x, y, 1)
    return doc


def turn_on_accumulate(window) -> None:
    graph_menu = next(
        a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "Graph"
    )
    assert window.actions.accumulate_grads in graph_menu.actions()
    window.actions.accumulate_grads.trigger()  # the menu entry, checkable
    assert window.actions.accumulate_grads.isChecked()


def test_backward_twice_doubles_the_leaf_grads_and_zero_grad_clears_them(qtbot, tmp_path):
    window, _ = open_window(qtbot, tmp_path, product())
    turn_on_accumulate(window)
    press(window, B, CTRL)
    first = grad_texts(window)
    assert (first["w"], first["x"], first["y"]) == ("-2.0000", "3.0000", "1.0000")
    press(window, B, CTRL)
    second = grad_texts(window)
    assert (second["w"], second["x"]) == ("-4.0000", "6.0000")  # doubled
    assert second["y"] == "1.0000"  # the root is set to 1, not summed (micrograd)
    assert "Backward ×2, accumulated" in window.statusBar().currentMessage()
    assert not window.session.grads_stale
    press(window, BACKSPACE, CTRL | SHIFT)  # Zero Grad
    assert set(grad_texts(window).values()) == {"0.0000"}
    assert "Zero Grad" in window.statusBar().currentMessage()
    press(window, B, CTRL)  # from zero again: an ordinary Backward's grads
    assert grad_texts(window) == first


def test_accumulated_grads_equal_the_engine_backward_twice(qtbot, tmp_path):
    window, _ = open_window(qtbot, tmp_path, "neuron-active")
    turn_on_accumulate(window)
    for _ in range(3):
        press(window, B, CTRL)
    nodes = to_node(window.document)
    root = nodes[window.document.output]
    root.backward()
    root.backward(accumulate=True)
    root.backward(accumulate=True)
    expected = {nid: canvas_number(node.grad) for nid, node in nodes.items()}
    assert grad_texts(window) == expected
    assert expected["w1"] != canvas_number(3 * 2.0)  # deeper graphs compound, not triple


def test_without_accumulate_backward_twice_gives_the_same_grads(qtbot, tmp_path):
    window, _ = open_window(qtbot, tmp_path, product())
    assert not window.actions.accumulate_grads.isChecked()  # the default
    press(window, B, CTRL)
    first = grad_texts(window)
    press(window, B, CTRL)
    assert grad_texts(window) == first


def test_the_choice_is_remembered(qtbot, tmp_path):
    window, _ = open_window(qtbot, tmp_path, product())
    turn_on_accumulate(window)
    again = MainWindow(product(), settings=StudioSettings.at_path(tmp_path / "settings.ini"))
    qtbot.addWidget(again)
    assert again.actions.accumulate_grads.isChecked()
    assert again.backward_tools.semantics.accumulate

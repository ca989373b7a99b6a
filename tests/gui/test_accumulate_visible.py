"""Accumulate Grads is visible: a check mark in the menu and a tag on the canvas that counts
the summed Backwards; the numbers are what the README says (n presses, n times on w*x)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from autograd_studio.graph import GraphDocument
from autograd_studio.numbers import canvas_number
from tests.gui.backward_support import CTRL, SHIFT, grad_texts, open_window, press


def product() -> GraphDocument:
    doc = GraphDocument()
    w = doc.add_node("weight", label="w", value=3.0, pos=(0, 0))
    x = doc.add_node("input", label="x", value=2.0, pos=(0, 120))
    y = doc.add_node("op", op="mul", label="y", pos=(240, 60))
    doc.connect(w, y, 0)
    doc.connect(x, y, 1)
    return doc


def tag_pixels(window) -> int:
    """How many pixels of the accent colour the bottom-left corner of the canvas has."""
    viewport = window.view.viewport()
    image = QImage(viewport.size(), QImage.Format.Format_ARGB32)
    viewport.render(image)
    accent = window.view.graph_scene.theme.accent.rgb()
    return sum(
        image.pixelColor(x, y).rgb() == accent
        for x in range(0, min(260, image.width()))
        for y in range(max(0, image.height() - 40), image.height())
    )


def test_accumulating_is_checked_in_the_menu_and_tagged_on_the_canvas(qtbot, tmp_path):
    window, _ = open_window(qtbot, tmp_path, product())
    action = window.actions.accumulate_grads
    assert not action.isIconVisibleInMenu()  # so the menu draws a check mark
    assert window.view.mode_tag() == "" and tag_pixels(window) == 0
    action.trigger()  # Graph > Accumulate Grads
    assert action.isChecked()
    assert window.view.mode_tag() == "Σ Accumulating grads"
    assert tag_pixels(window) > 8  # its outline (antialiased elsewhere)
    for presses in (1, 2, 3):
        press(window, Qt.Key.Key_B, CTRL)
        assert grad_texts(window)["w"] == canvas_number(2.0 * presses)  # n presses, n times
    assert window.view.mode_tag() == "Σ Accumulating grads: 3 Backwards summed"
    press(window, Qt.Key.Key_Backspace, CTRL | SHIFT)  # Zero Grad
    assert window.view.mode_tag() == "Σ Accumulating grads"
    action.trigger()
    assert window.view.mode_tag() == "" and tag_pixels(window) == 0

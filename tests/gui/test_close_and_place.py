"""File > Close (Ctrl+W), and Paste / Duplicate land at the mouse, not on the originals."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from autograd_studio.gui.canvas.node_geometry import NODE_HEIGHT, NODE_WIDTH
from tests.gui.backward_support import CTRL, open_window, press
from tests.gui.canvas_helpers import center, click, move
from tests.gui.window_support import neuron_document


def test_ctrl_w_closes_the_graph_after_asking_about_changes(qtbot, tmp_path):
    window, dialogs = open_window(qtbot, tmp_path, neuron_document())
    click(window.view, center(window.view, "w1"))
    press(window, Qt.Key.Key_Delete)  # a change to ask about
    dialogs.save_answers.append("cancel")
    press(window, Qt.Key.Key_W, CTRL)
    assert dialogs.asked and len(window.document.nodes) == 9  # cancelled: nothing closed
    dialogs.save_answers.append("discard")
    press(window, Qt.Key.Key_W, CTRL)
    assert len(window.document.nodes) == 0 and not window.isWindowModified()
    assert window.isVisible()
    assert "Close" in [
        a.text().replace("&", "") for a in window.menuBar().actions()[0].menu().actions()
    ]


@pytest.mark.parametrize("how", ["duplicate", "paste"])
def test_copies_land_centred_on_the_mouse(qtbot, tmp_path, how):
    window, _ = open_window(qtbot, tmp_path, neuron_document())
    view = window.view
    click(view, center(view, "w1"))
    if how == "paste":
        press(window, Qt.Key.Key_C, CTRL)
    spot = view.mapToScene(view.viewport().rect().bottomRight() - QPoint(120, 60))
    move(view, spot, buttons=Qt.MouseButton.NoButton)
    press(window, Qt.Key.Key_D if how == "duplicate" else Qt.Key.Key_V, CTRL)
    (copy,) = view.selected_node_ids()
    item = view.node_item(copy)
    x, y = window.document.nodes[copy].pos
    assert (x + NODE_WIDTH / 2, y + NODE_HEIGHT / 2) == pytest.approx((spot.x(), spot.y()), abs=1)
    original = view.node_item("w1").sceneBoundingRect()
    assert not original.intersects(item.sceneBoundingRect())

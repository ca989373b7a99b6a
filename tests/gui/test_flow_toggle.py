"""Gradient Flow on and off on a graph shown far out: nothing is kept from one toggle to
the next but what the next one reuses, and a big graph's lasting objects are set aside from
the garbage collector while it is shown (its walks of them showed up in the first toggle)."""

from __future__ import annotations

import gc

from PySide6.QtCore import Qt

from autograd_studio.graph import GraphDocument, load
from autograd_studio.gui.canvas import overview as overview_module
from autograd_studio.gui.window import main_window as main_window_module
from autograd_studio.resources import examples_dir
from tests.gui.backward_support import CTRL, open_window, press
from tests.gui.test_canvas_virtual import grid_graph
from tests.gui.window_support import make_window


def test_toggling_gradient_flow_keeps_nothing_behind(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(overview_module, "CURVES_UP_TO", 0)  # straight lines, as a big graph's
    window, _ = open_window(qtbot, tmp_path, load(examples_dir() / "micrograd-moons.agraph"))
    press(window, Qt.Key.Key_B, CTRL)
    view = window.view
    view.set_zoom(0.05)  # the overview, far out

    def toggle_twice() -> None:
        for on in (True, False):
            press(window, Qt.Key.Key_G, CTRL)
            assert window.actions.gradient_flow.isChecked() == on
            view.viewport().repaint()

    toggle_twice()  # the first time makes what later ones reuse (the flow's layout...)
    gc.collect()
    before = len(gc.get_objects())
    for _ in range(4):
        toggle_twice()
    gc.collect()
    assert len(gc.get_objects()) - before < 100  # 6,000 edges' looks each time, if kept


def test_a_big_graph_is_set_aside_from_the_collector_while_shown(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(main_window_module, "SET_ASIDE_NODES", 1000)
    window, _ = make_window(qtbot, tmp_path)
    assert gc.get_freeze_count() == 0
    big, _grid = grid_graph()  # 2,400 nodes
    window.set_document(big)
    assert gc.get_freeze_count() > len(big.nodes)
    window.set_document(GraphDocument())  # a small one: everything given back
    assert gc.get_freeze_count() == 0
    window.set_document(grid_graph()[0])
    assert gc.get_freeze_count() > 0
    window.close()
    assert gc.get_freeze_count() == 0

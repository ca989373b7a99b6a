"""The Gradient Check panel: passes on every example, catches a wrong local derivative,
works without PyTorch (saying how to add it), and reruns on demand for big graphs."""

from __future__ import annotations

import dataclasses
import sys

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

import autograd_studio.gui.panels.gradient_check as gradcheck_panel
from autograd_studio.engine import OPS
from autograd_studio.graph.evaluate import evaluate
from autograd_studio.gui import MainWindow
from autograd_studio.gui.panels.gradient_check import COLUMNS
from autograd_studio.gui.window.settings import StudioSettings
from autograd_studio.numbers import canvas_number
from tests.gui.backward_support import CTRL, SHIFT, example, open_window, press
from tests.gui.window_support import ScriptedDialogs, edit_value
from tests.requirements import require_torch

SMALL_EXAMPLES = ["neuron-active", "neuron-dead", "node-reuse", "tanh-neuron", "mlp-mse"]
RESULT, TORCH = COLUMNS.index("Result"), COLUMNS.index("PyTorch grad")


def column(panel, name: str) -> list[str]:
    c = COLUMNS.index(name)
    return [panel.table.item(row, c).text() for row in range(panel.table.rowCount())]


def check_by_keys(qtbot, window):
    press(window, Qt.Key.Key_C, CTRL | SHIFT)
    panel = window.backward_tools.gradcheck_panel
    # The first check that imports PyTorch runs on the worker thread.
    qtbot.waitUntil(lambda: not panel.is_running(), timeout=30_000)
    return panel


@pytest.mark.parametrize("name", SMALL_EXAMPLES)
def test_every_example_passes_with_a_pytorch_column(qtbot, tmp_path, name):
    require_torch()
    window, _ = open_window(qtbot, tmp_path, name)
    panel = check_by_keys(qtbot, window)
    assert window.backward_tools.gradcheck_dock.isVisible()
    doc = window.document
    leaves = [r.label for r in doc.nodes.values() if r.op is None]
    assert column(panel, "Node") == leaves  # every input and weight, in document order
    assert set(column(panel, "Result")) <= {"✓ pass", "≈ kink"}
    assert "Passed" in panel.summary.text()
    grads = evaluate(doc).grad
    leaf_ids = [nid for nid, r in doc.nodes.items() if r.op is None]
    assert column(panel, "Analytic grad") == [canvas_number(grads[n]) for n in leaf_ids]
    assert column(panel, "PyTorch grad") == column(panel, "Analytic grad")
    assert panel.torch_note.isHidden()


@pytest.mark.slow
def test_the_demo_graph_is_checked_on_an_even_sample(qtbot, tmp_path, monkeypatch):
    # 65,818 nodes: a deterministic sample of its 32,000+ leaves, as `check --limit 6
    # --no-torch` does in the CLI tests (the cross-check alone would take 2.5 s here).
    monkeypatch.setitem(sys.modules, "torch", None)
    window, _ = open_window(qtbot, tmp_path, example("micrograd-demo"))
    panel = window.backward_tools.gradcheck_panel
    panel.limit = 6
    press(window, Qt.Key.Key_C, CTRL | SHIFT)
    qtbot.waitUntil(lambda: panel.result is not None, timeout=30_000)  # on the worker
    assert panel.result.sampled and panel.table.rowCount() == 6
    assert set(column(panel, "Result")) <= {"✓ pass", "≈ kink"}
    assert "an even sample" in panel.summary.text() and "Passed" in panel.summary.text()


def wrong_mul(out, a, b):
    return b, a + 0.5  # d(a*b)/db is a, not a + 0.5


def test_a_wrong_local_derivative_fails_where_it_matters(qtbot, tmp_path, monkeypatch):
    require_torch()
    monkeypatch.setitem(OPS, "mul", dataclasses.replace(OPS["mul"], local=wrong_mul, chain=None))
    window, _ = open_window(qtbot, tmp_path, "neuron-active")
    panel = check_by_keys(qtbot, window)
    results = dict(zip(column(panel, "Node"), column(panel, "Result"), strict=True))
    # The second operand of each mul (x1, x2) gets the wrong derivative; w1, w2, b do not.
    assert results == {
        "x1": "✗ FAIL",
        "x2": "✗ FAIL",
        "w1": "✓ pass",
        "w2": "✓ pass",
        "b": "✓ pass",
    }
    assert "Failed" in panel.summary.text()
    row = column(panel, "Node").index("x1")
    assert panel.table.item(row, RESULT).foreground().color().name() == "#cf222e"
    torch_x1 = float(panel.table.item(row, TORCH).text())
    assert torch_x1 == pytest.approx(1.0)  # PyTorch: dy/dx1 = w1 = 1, the truth
    assert float(panel.table.item(row, COLUMNS.index("Analytic grad")).text()) == 1.5
    assert "PyTorch" in panel.summary.text() and "disagrees" in panel.summary.text()


def test_without_pytorch_the_panel_says_how_to_add_it(qtbot, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "torch", None)
    window, _ = open_window(qtbot, tmp_path, "neuron-active")
    panel = check_by_keys(qtbot, window)
    assert set(column(panel, "PyTorch grad")) == {"—"}
    assert set(column(panel, "Result")) == {"✓ pass"}
    assert panel.torch_note.isVisible()
    assert "pip install 'autograd-studio[torch]'" in panel.torch_note.text()
    assert "PyTorch not installed" in panel.summary.text()


def test_a_small_graph_is_checked_again_after_an_edit(qtbot, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "torch", None)
    window, _ = open_window(qtbot, tmp_path, "neuron-active")
    panel = check_by_keys(qtbot, window)
    before = column(panel, "Analytic grad")
    edit_value(qtbot, window, "x1", "5")  # dy/dw1 = x1 becomes 5
    qtbot.waitUntil(lambda: column(panel, "Analytic grad") != before, timeout=3000)
    row = column(panel, "Node").index("w1")
    assert panel.table.item(row, COLUMNS.index("Analytic grad")).text() == "5.0000"
    assert not panel.stale


def test_a_big_graph_goes_stale_until_run_is_clicked(qtbot, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "torch", None)
    monkeypatch.setattr(gradcheck_panel, "AUTO_RERUN_NODES", 3)  # "big" = more than 3 nodes
    window, _ = open_window(qtbot, tmp_path, "neuron-active")
    panel = check_by_keys(qtbot, window)
    edit_value(qtbot, window, "x1", "5")
    assert panel.stale and not panel.table.isEnabled()
    assert "press <b>Run</b>" in panel.summary.text().replace("Press", "press")
    QTest.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    assert not panel.stale and panel.table.isEnabled()
    row = column(panel, "Node").index("w1")
    assert panel.table.item(row, COLUMNS.index("Analytic grad")).text() == "5.0000"


def test_clicking_a_row_selects_its_node(qtbot, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "torch", None)
    window, _ = open_window(qtbot, tmp_path, "neuron-active")
    panel = check_by_keys(qtbot, window)
    row = column(panel, "Node").index("b")
    cell = panel.table.visualItemRect(panel.table.item(row, 0)).center()
    QTest.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert window.view.selected_node_ids() == ["b"]


def test_a_graph_without_output_is_explained(qtbot, tmp_path):
    from autograd_studio.graph import GraphDocument

    doc = GraphDocument()
    doc.add_node("input", label="a", value=1.0, pos=(0, 0))
    doc.add_node("input", label="b", value=1.0, pos=(0, 100))
    window, _ = open_window(qtbot, tmp_path, doc)
    panel = check_by_keys(qtbot, window)
    assert panel.result is None and panel.table.rowCount() == 0
    assert "Cannot check" in panel.summary.text() and "no output" in panel.summary.text()


def test_a_graph_outliving_its_window_can_still_be_edited(qtbot, tmp_path, monkeypatch):
    # show(doc) hands a script's document to a window; after the window is gone the
    # script keeps editing it, and nothing of the window may still listen.
    monkeypatch.setitem(sys.modules, "torch", None)
    doc = example("neuron-active")
    settings = StudioSettings.at_path(tmp_path / "settings.ini")
    window = MainWindow(doc, settings=settings, dialogs=ScriptedDialogs())  # deleted below
    window.show()
    window.backward_tools.check_gradients()
    window.backward_tools.step()  # the step-through listens to the document too
    assert window.backward_tools.backprop.active
    window.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    doc.set_value("x1", 4.0)  # no "C++ object already deleted"
    doc.set_label("w1", "weight one")
    assert doc.evaluate().grad["w1"] == 4.0

"""Code round trips in the editor: exported scripts print the canvas's numbers, a typed
expression becomes a graph with the notebook's grads, and show() opens an engine graph."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from autograd_studio import Node, show
from autograd_studio.graph import GraphDocument
from autograd_studio.graph.evaluate import evaluate
from autograd_studio.gui import MainWindow
from autograd_studio.gui.features.expression_dialog import ExpressionImportDialog
from autograd_studio.gui.window.settings import StudioSettings
from tests.gui.backward_support import CTRL, SHIFT, data_texts, grad_texts, open_window, press
from tests.gui.window_support import ScriptedDialogs, discard_changes, select
from tests.requirements import require_torch

SEED = "relu(w1*x1 + w2*x2 + b)"
CASE_1 = {"x1": 2.0, "x2": 3.0, "w1": 0.5, "w2": -0.8, "b": 0.1}  # the dead neuron
CASE_2 = {"x1": 2.0, "x2": 3.0, "w1": 1.0, "w2": 0.5, "b": 0.1}  # the active one


def printed_table(path) -> dict[str, tuple[float, float]]:
    """Run a script in a fresh interpreter; its table as id -> (data, grad)."""
    run = subprocess.run(
        [sys.executable, str(path)], capture_output=True, text=True, timeout=120, check=True
    )
    rows = run.stdout.strip().splitlines()[1:]  # below the header
    # An example with a dataset trains after the table ("step 1 loss 2.85"): not table rows.
    rows = [line for line in rows if not re.match(r"step \d+ loss ", line)]
    return {line.split()[0]: (float(line.split()[-2]), float(line.split()[-1])) for line in rows}


@pytest.mark.parametrize("target", ["python", "torch"])
def test_exported_scripts_print_the_numbers_on_the_canvas(qtbot, tmp_path, target):
    if target == "torch":
        require_torch()
    window, dialogs = open_window(qtbot, tmp_path, "neuron-active")
    press(window, Qt.Key.Key_B, CTRL)
    script = tmp_path / f"neuron_{target}.py"
    dialogs.export_paths.append(str(script))
    action = window.actions.export_python if target == "python" else window.actions.export_torch
    export_menu = window.findChild(type(window.menuBar().actions()[0].menu()), "exportMenu")
    assert action in export_menu.actions()
    action.trigger()
    title, suggested, file_filter = dialogs.export_requests[0]
    assert "Python" in title or "PyTorch" in title
    assert suggested.endswith(".py") and "*.py" in file_filter
    table = printed_table(script)
    assert set(table) == set(window.document.nodes)
    data, grads = data_texts(window), grad_texts(window)
    for node_id, (value, grad) in table.items():
        assert value == pytest.approx(float(data[node_id]), abs=5e-5)
        assert grad == pytest.approx(float(grads[node_id]), abs=5e-5)
    assert table["w2"][1] == 3.0  # dy/dw2 = x2


def test_a_graph_that_cannot_become_a_script_says_why(qtbot, tmp_path):
    doc = GraphDocument()
    doc.add_node("input", label="a", value=1.0, pos=(0, 0))
    doc.add_node("input", label="b", value=2.0, pos=(0, 100))
    window, dialogs = open_window(qtbot, tmp_path, doc)
    window.actions.export_python.trigger()
    assert dialogs.export_requests == []  # nothing to save: no file dialog
    assert "no output" in dialogs.errors[0][1]


def import_dialog(window) -> ExpressionImportDialog:
    press(window, Qt.Key.Key_I, CTRL | SHIFT)
    dialog = window.findChild(ExpressionImportDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def type_expression(qtbot, dialog, text: str) -> None:
    edit = dialog.expression_edit
    edit.setFocus()
    edit.selectAll()
    QTest.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def type_values(qtbot, dialog, values: dict[str, float]) -> None:
    table = dialog.values_table
    names = [table.item(row, 0).text() for row in range(table.rowCount())]
    for name, value in values.items():
        spin = table.cellWidget(names.index(name), 1)
        spin.setFocus()
        spin.lineEdit().selectAll()
        qtbot.keyClicks(spin.lineEdit(), repr(value))
        QTest.keyClick(spin, Qt.Key.Key_Tab)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (CASE_2, {"w1": "2.0000", "w2": "3.0000", "b": "1.0000", "x1": "1.0000"}),
        (CASE_1, {"w1": "0.0000", "w2": "0.0000", "b": "0.0000", "x1": "0.0000"}),
    ],
)
def test_importing_the_seed_neuron_gives_the_notebooks_grads(qtbot, tmp_path, values, expected):
    window, dialogs = open_window(qtbot, tmp_path, GraphDocument())
    dialog = import_dialog(window)
    type_expression(qtbot, dialog, SEED)
    table = dialog.values_table
    assert [table.item(row, 0).text() for row in range(table.rowCount())] == [
        "w1", "x1", "w2", "x2", "b"
    ]  # fmt: skip
    assert dialog.weights() == {"w1", "w2", "b"}  # w*, b* are weights by convention
    type_values(qtbot, dialog, values)
    assert dialog.values() == values
    assert "10 nodes · 9 edges" in dialog.preview_status.text()
    assert dialog.preview_view.scene() is not None and dialog.ok_button.isEnabled()
    QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(ExpressionImportDialog) is None, timeout=2000)
    assert dialogs.asked == []  # nothing to lose: no question
    doc = window.document
    labels = {r.label: nid for nid, r in doc.nodes.items()}
    assert all(r.pos is not None for r in doc.nodes.values())  # laid out
    window.activateWindow()  # the dialog had the focus
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    press(window, Qt.Key.Key_B, CTRL)
    shown = grad_texts(window)
    assert {name: shown[labels[name]] for name in expected} == expected
    assert shown[labels["x2"]] == ("0.5000" if values is CASE_2 else "0.0000")


def test_values_are_typed_as_anywhere_else_and_never_rounded(qtbot, tmp_path):
    # A 4-decimal spin box turned 1e-05 into 0 and refused 1e6 written with an exponent.
    window, _dialogs = open_window(qtbot, tmp_path, GraphDocument())
    dialog = import_dialog(window)
    type_expression(qtbot, dialog, "eps * x + big")
    type_values(qtbot, dialog, {"eps": 1e-05, "x": 0.123456789, "big": 1e12})
    assert dialog.values() == {"eps": 1e-05, "x": 0.123456789, "big": 1e12}
    assert dialog.values_table.cellWidget(0, 1).text() == "1e-05"  # as typed, not 0.0000
    doc = dialog.document()
    assert sorted(r.value for r in doc.nodes.values() if r.op is None) == [1e-05, 0.123456789, 1e12]


def test_the_preview_shows_the_error_and_its_column_while_typing(qtbot, tmp_path):
    window, _ = open_window(qtbot, tmp_path, GraphDocument())
    dialog = import_dialog(window)
    type_expression(qtbot, dialog, "relu(w1*x1 + w2.x2)")
    assert dialog.document() is None and not dialog.ok_button.isEnabled()
    assert dialog.error().column == 14
    text = dialog.error_label.text()
    assert "column 14: attribute access is not allowed" in text
    assert "&nbsp;" * 13 + "^" in text  # the caret under the 14th character
    QTest.keyClick(dialog.expression_edit, Qt.Key.Key_End)
    for _ in range(6):  # "w2.x2)" -> "w2*x2)"
        QTest.keyClick(dialog.expression_edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(dialog.expression_edit, "w2*x2)")
    assert dialog.error() is None and dialog.ok_button.isEnabled()
    assert dialog.error_label.isHidden()
    dialog.reject()


def test_unsaved_changes_are_asked_about_before_the_import_replaces_them(qtbot, tmp_path):
    window, dialogs = open_window(qtbot, tmp_path, "neuron-active")
    select(qtbot, window, ["x1"])
    field = window.inspector.value_edit
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "7")
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert window.is_modified
    original = window.document
    window.view.setFocus()
    dialog = import_dialog(window)
    dialogs.save_answers.append("cancel")
    QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert window.document is original and dialog.isVisible()  # nothing lost, still open
    dialogs.save_answers.append("discard")
    QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert window.document is not original and not window.is_modified
    assert len(dialogs.asked) == 2  # asked once per OK


def seed_neuron() -> tuple[Node, dict[str, Node]]:
    """The notebook's case 2, written the notebook's way (leaves named through _op)."""
    x1, x2 = Node(2.0, _op="x1"), Node(3.0, _op="x2")
    w1, w2, b = Node(1.0, _op="w1"), Node(0.5, _op="w2"), Node(0.1, _op="b")
    y = (w1 * x1 + w2 * x2 + b).relu()
    return y, {"x1": x1, "x2": x2, "w1": w1, "w2": w2, "b": b}


def test_show_opens_a_window_whose_document_is_the_engine_graph(qtbot, tmp_path):
    y, leaves = seed_neuron()
    settings = StudioSettings.at_path(tmp_path / "settings.ini")
    window = show(y, block=False, settings=settings, dialogs=ScriptedDialogs())
    qtbot.addWidget(window, before_close_func=discard_changes)
    assert isinstance(window, MainWindow) and window.isVisible()
    doc = window.document
    by_label = {r.label: r for r in doc.nodes.values() if r.op is None}
    assert {name: r.value for name, r in by_label.items()} == {
        name: node.data for name, node in leaves.items()
    }
    assert len(doc.nodes) == 10 and len(doc.edges) == 9
    assert doc.nodes[doc.output].op == "relu"
    assert all(r.pos is not None for r in doc.nodes.values())  # laid out
    y.backward()
    grads = evaluate(doc).grad
    assert {name: grads[r.id] for name, r in by_label.items()} == {
        name: node.grad for name, node in leaves.items()
    }


def test_show_blocks_until_the_window_is_closed(qtbot, tmp_path):
    y, _ = seed_neuron()
    closed = []
    # Windows an earlier test left open are not the one show() opens: close only a new one.
    earlier = set(QApplication.topLevelWidgets())

    def close_the_editor():
        for widget in QApplication.topLevelWidgets():
            if widget in earlier:
                continue
            if isinstance(widget, MainWindow) and widget.isVisible() and not closed:
                closed.append(widget)
                widget.close()

    closer = QTimer()
    closer.timeout.connect(close_the_editor)
    closer.start(50)
    settings = StudioSettings.at_path(tmp_path / "settings.ini")
    window = show(y, settings=settings, dialogs=ScriptedDialogs())  # returns once closed
    closer.stop()
    assert closed == [window] and not window.isVisible()


def test_show_after_backward_opens_on_the_grads_the_engine_has(qtbot, tmp_path):
    y, leaves = seed_neuron()
    y.backward()
    y.backward(accumulate=True)  # micrograd's habit: summed grads, not a fresh backward's
    settings = StudioSettings.at_path(tmp_path / "settings.ini")
    window = show(y, block=False, settings=settings, dialogs=ScriptedDialogs())
    qtbot.addWidget(window, before_close_func=discard_changes)
    shown = grad_texts(window)
    by_label = {r.label: nid for nid, r in window.document.nodes.items() if r.op is None}
    from autograd_studio.numbers import canvas_number

    for name, node in leaves.items():
        assert shown[by_label[name]] == canvas_number(node.grad), name
    assert shown[window.document.output] == canvas_number(y.grad)
    assert "—" not in shown.values()


def test_show_before_backward_waits_for_backward(qtbot, tmp_path):
    y, _ = seed_neuron()
    settings = StudioSettings.at_path(tmp_path / "settings.ini")
    window = show(y, block=False, settings=settings, dialogs=ScriptedDialogs())
    qtbot.addWidget(window, before_close_func=discard_changes)
    assert set(grad_texts(window).values()) == {"—"}

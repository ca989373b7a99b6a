"""The Import Expression dialog lists only names of a parseable expression and keeps the
values entered by name while the expression is retyped."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from autograd_studio.graph import GraphDocument
from tests.gui.backward_support import open_window
from tests.gui.test_code_roundtrip import import_dialog, type_expression, type_values


def listed(dialog) -> list[str]:
    table = dialog.values_table
    return [table.item(row, 0).text() for row in range(table.rowCount())]


def test_half_typed_names_and_calls_are_not_listed(qtbot, tmp_path):
    window, _ = open_window(qtbot, tmp_path, GraphDocument())
    dialog = import_dialog(window)
    type_expression(qtbot, dialog, "relu(w1*x1 + ")  # typed key by key: "rel" parsed once
    assert listed(dialog) == []  # never "rel": nothing of it parsed as an expression
    type_expression(qtbot, dialog, "__import__('os')")
    assert listed(dialog) == []
    type_expression(qtbot, dialog, "max(a,b)")
    assert "max" not in listed(dialog)
    dialog.reject()


def test_values_entered_survive_retyping_the_expression(qtbot, tmp_path):
    window, _ = open_window(qtbot, tmp_path, GraphDocument())
    dialog = import_dialog(window)
    type_expression(qtbot, dialog, "w1*x1")
    type_values(qtbot, dialog, {"w1": 0.5, "x1": 2.0})
    edit = dialog.expression_edit
    edit.setFocus()
    QTest.keyClick(edit, Qt.Key.Key_End)
    for _ in range(5):  # erase it all, key by key
        QTest.keyClick(edit, Qt.Key.Key_Backspace)
    assert listed(dialog) == []
    qtbot.keyClicks(edit, "relu(w1*x1 + b)")
    assert listed(dialog) == ["w1", "x1", "b"]
    assert dialog.values() == {"w1": 0.5, "x1": 2.0, "b": 0.0}
    dialog.reject()

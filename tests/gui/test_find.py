"""Edit > Find (Ctrl+F): by label or id, centred, cycling through the matches."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.gui.backward_support import CTRL, SHIFT, open_window, press
from tests.gui.window_support import neuron_document


def centred(window, node_id: str) -> bool:
    view = window.view
    centre = view.mapToScene(view.viewport().rect().center())
    return view.node_item(node_id).sceneBoundingRect().contains(centre)


def test_ctrl_f_finds_by_label_centres_and_cycles(qtbot, tmp_path):
    window, _ = open_window(qtbot, tmp_path, neuron_document())
    window.view.centerOn(-5000, -5000)
    press(window, Qt.Key.Key_F, CTRL)
    bar = window.find_bar
    assert bar.isVisible() and bar.edit.hasFocus()
    QTest.keyClicks(bar.edit, "w2")
    assert window.view.selected_node_ids() == ["w2"] and centred(window, "w2")
    assert bar.count_label.text() == f"1 of {len(bar.matches)}"
    assert "mul1" in bar.matches  # its name, "w2*x2", says w2 too
    QTest.keyClick(bar.edit, Qt.Key.Key_Return)
    second = window.view.selected_node_ids()[0]
    assert second != "w2" and centred(window, second)
    for _ in range(len(bar.matches) - 1):  # round the list back to the first
        QTest.keyClick(bar.edit, Qt.Key.Key_Return)
    assert window.view.selected_node_ids() == ["w2"]
    QTest.keyClick(bar.edit, Qt.Key.Key_Return, SHIFT)  # back one: the last match
    assert window.view.selected_node_ids() == [bar.matches[-1]]
    QTest.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible() and window.view.hasFocus()


def test_find_by_id_and_no_match(qtbot, tmp_path):
    window, _ = open_window(qtbot, tmp_path, neuron_document())
    press(window, Qt.Key.Key_F, CTRL)
    bar = window.find_bar
    QTest.keyClicks(bar.edit, "add1")  # an id: its label is the automatic one
    assert window.view.selected_node_ids() == ["add1"]
    bar.edit.selectAll()
    QTest.keyClicks(bar.edit, "zzz")
    assert bar.count_label.text() == "No match"

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
    # Enter stays in the bar: it does not go on to the canvas and edit the match
    assert window.view.inline_editor is None and bar.edit.hasFocus()
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


def test_find_in_a_big_graph_shown_whole_zooms_in_to_the_match(qtbot, tmp_path):
    from autograd_studio.gui.canvas.overview import OVERVIEW_SCALE
    from tests.gui.test_canvas_virtual import grid_graph

    doc, grid = grid_graph()  # 2,400 nodes: a virtual canvas
    window, _ = open_window(qtbot, tmp_path, doc)
    view = window.view
    view.fit_all()
    assert view.zoom() < OVERVIEW_SCALE  # the overview: a card is a few pixels
    far = grid[-3][-5]
    doc.set_label(far, "needle")
    press(window, Qt.Key.Key_F, CTRL)
    bar = window.find_bar
    QTest.keyClicks(bar.edit, "need")
    assert view.selected_node_ids() == [far]
    assert view.zoom() >= view.readable_zoom() - 1e-9
    view.graph_scene.finish_items()
    assert centred(window, far)
    # renamed while the bar is open: the next letters find it by its new name
    doc.set_label(grid[2][2], "needles")
    QTest.keyClicks(bar.edit, "les")
    assert bar.matches[0] == grid[2][2]  # (its users, named from it, after it)
    assert view.selected_node_ids() == [grid[2][2]]
    view.graph_scene.finish_items()
    assert centred(window, grid[2][2])

"""The main window's actions: every named action exists, shortcuts are unambiguous and
reach the canvas, palette entries land on the canvas, the inspector follows the selection."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QAction, QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from autograd_studio.graph.evaluate import evaluate
from autograd_studio.gui.editing.commands import AddNodeCommand
from autograd_studio.gui.editing.mime import node_spec_from_mime
from tests.gui.window_support import make_window, neuron_document, select

NAMED_ACTIONS = [
    "actionNew",
    "actionOpen",
    "actionSave",
    "actionSaveAs",
    "actionUndo",
    "actionRedo",
    "actionDelete",
    "actionBackward",
    "actionFit",
    "actionAutoLayout",
    "actionCopy",
    "actionCut",
    "actionPaste",
    "actionDuplicate",
    "actionSelectAll",
    "actionZoomIn",
    "actionZoomOut",
    "actionResetZoom",
    "actionSetOutput",
    "actionQuit",
    "actionHistory",
    "actionShortcuts",
    "actionAbout",
]

EXPECTED_SHORTCUTS = {
    "actionNew": [QKeySequence.StandardKey.New],
    "actionOpen": [QKeySequence.StandardKey.Open],
    "actionSave": [QKeySequence.StandardKey.Save],
    "actionUndo": [QKeySequence.StandardKey.Undo],
    "actionCopy": [QKeySequence.StandardKey.Copy],
    "actionCut": [QKeySequence.StandardKey.Cut],
    "actionPaste": [QKeySequence.StandardKey.Paste],
    "actionRedo": ["Ctrl+Shift+Z", "Ctrl+Y"],
    "actionDelete": ["Delete", "Backspace"],
    "actionDuplicate": ["Ctrl+D"],
    "actionBackward": ["Ctrl+B"],
    "actionFit": ["F"],
    "actionZoomIn": ["Ctrl+="],
    "actionZoomOut": ["Ctrl+-"],
    "actionResetZoom": ["Ctrl+0"],
}


@pytest.fixture
def window(qtbot, tmp_path):
    window, _dialogs = make_window(qtbot, tmp_path, neuron_document())
    return window


def test_every_named_action_exists_on_the_window(window):
    found = {a.objectName() for a in window.findChildren(QAction)}
    missing = [name for name in NAMED_ACTIONS if name not in found]
    assert missing == []
    assert window.findChild(QAction, "actionAutoLayout") is window.actions.auto_layout


def test_standard_shortcuts(window):
    for name, keys in EXPECTED_SHORTCUTS.items():
        action = window.actions[name]
        for key in keys:
            sequences = (
                [QKeySequence(key)] if isinstance(key, str) else QKeySequence.keyBindings(key)
            )
            for sequence in sequences:
                assert sequence in action.shortcuts(), f"{name} lacks {sequence.toString()}"


def test_no_shortcut_is_claimed_twice(window):
    # Qt fires neither action when two window actions share a key.
    keys = Counter(
        sequence.toString()
        for action in window.findChildren(QAction)
        if action.isEnabled() or action is window.actions.auto_layout
        for sequence in action.shortcuts()
    )
    assert [key for key, count in keys.items() if count > 1] == []


def test_menus_hold_the_actions(window):
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles == ["File", "Edit", "View", "Graph", "Arrange", "Help"]
    toolbar_names = [a.objectName() for a in window.toolbar.actions() if a.objectName()]
    for name in ("actionNew", "actionOpen", "actionSave", "actionUndo", "actionRedo",
                 "actionBackward", "actionFit", "actionAutoLayout"):  # fmt: skip
        assert name in toolbar_names


def test_ctrl_b_runs_backward_and_the_inspector_shows_the_grad(window, qtbot):
    window.view.setFocus()
    select(qtbot, window, ["w1"])
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    expected = evaluate(window.document)
    assert window.session.results is not None
    assert window.session.results.grad["w1"] == pytest.approx(expected.grad["w1"])
    assert float(window.inspector.grad_label.text().split()[0]) == expected.grad["w1"]
    assert "y" in window.output_status.text()


def test_inspector_edit_then_ctrl_z_from_the_field_reverts(window, qtbot):
    select(qtbot, window, ["x1"])
    field = window.inspector.value_edit
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "-4.5")
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert window.document.nodes["x1"].value == -4.5
    assert window.isWindowModified()
    # Ctrl+Z in the field (which has no text edit of its own left) undoes the document edit.
    QTest.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.document.nodes["x1"].value == 2.0
    assert not window.isWindowModified()
    QTest.keyClick(field, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.document.nodes["x1"].value == -4.5


def test_delete_key_removes_the_selection_and_undo_brings_it_back(window, qtbot):
    before = window.document.copy()
    window.view.setFocus()
    select(qtbot, window, ["b"])
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_Delete)
    assert "b" not in window.document.nodes
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.document == before


def test_edit_actions_follow_the_selection(window, qtbot):
    select(qtbot, window, [])
    assert not window.actions.delete.isEnabled()
    assert not window.actions.set_output.isEnabled()
    select(qtbot, window, ["add"])
    assert window.actions.delete.isEnabled() and window.actions.set_output.isEnabled()
    window.actions.set_output.trigger()
    assert window.document.output == "add"


def test_palette_double_click_adds_at_the_view_centre(window, qtbot):
    tree = window.palette_panel.tree
    rect = tree.visualItemRect(window.palette_panel.item_for("op", "tanh"))
    before = set(window.document.nodes)
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    added = set(window.document.nodes) - before
    assert len(added) == 1
    record = window.document.nodes[added.pop()]
    assert record.op == "tanh"
    item = window.view.node_item(record.id)
    centre = window.view.mapToScene(window.view.viewport().rect().center())
    assert item.sceneBoundingRect().contains(centre)


def _drop_on_view(window, mime, scene_point: QPointF) -> QDropEvent:
    viewport = window.view.viewport()
    pos = window.view.mapFromScene(scene_point)
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime, buttons, mods)
    QApplication.sendEvent(viewport, enter)
    move = QDragMoveEvent(pos, Qt.DropAction.CopyAction, mime, buttons, mods)
    QApplication.sendEvent(viewport, move)
    drop = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, buttons, mods)
    QApplication.sendEvent(viewport, drop)
    return drop


def test_palette_drag_lands_where_dropped(window):
    mime = window.palette_panel.mime_data_for("op", "sigmoid")
    assert node_spec_from_mime(mime) == ("op", "sigmoid")
    before = set(window.document.nodes)
    target = window.view.mapToScene(QPoint(180, 140))
    _drop_on_view(window, mime, target)
    added = set(window.document.nodes) - before
    assert len(added) == 1
    new_id = added.pop()
    assert window.document.nodes[new_id].op == "sigmoid"
    assert window.view.node_item(new_id).sceneBoundingRect().contains(target)
    window.undo_stack.undo()
    assert set(window.document.nodes) == before


def test_history_shows_the_undo_stack(window, qtbot):
    window.actions.history.trigger()
    assert window.history_dock.isVisible()
    select(qtbot, window, ["x1"])
    field = window.inspector.value_edit
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "3")
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert window.history_view.stack() is window.undo_stack
    assert window.history_view.model().rowCount() == 2  # "New graph" + the edit


def test_about_and_shortcuts_go_through_the_seam(qtbot, tmp_path):
    window, dialogs = make_window(qtbot, tmp_path)
    window.actions.about.trigger()
    assert dialogs.abouts and "Autograd Studio" in dialogs.abouts[0][1]
    window.actions.shortcuts.trigger()
    table = window._shortcuts_dialog.table
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert "Backward" in rows and "B" in rows["Backward"]
    window._shortcuts_dialog.close()


def test_canvas_shortcuts_reach_the_view_through_the_window_actions(window, qtbot):
    viewport = window.view.viewport()
    ctrl = Qt.KeyboardModifier.ControlModifier
    window.view.setFocus()
    select(qtbot, window, ["x1"])
    count = len(window.document.nodes)
    QTest.keyClick(viewport, Qt.Key.Key_D, ctrl)
    assert len(window.document.nodes) == count + 1
    QTest.keyClick(viewport, Qt.Key.Key_A, ctrl)
    qtbot.waitUntil(lambda: len(window.inspector.selection) == count + 1, timeout=2000)
    QTest.keyClick(viewport, Qt.Key.Key_0, ctrl)
    assert window.view.zoom() == pytest.approx(1.0)
    QTest.keyClick(viewport, Qt.Key.Key_Equal, ctrl)
    zoomed = window.view.zoom()
    assert zoomed > 1.0
    QTest.keyClick(viewport, Qt.Key.Key_Minus, ctrl)
    assert window.view.zoom() < zoomed
    window.view.set_zoom(3.0)
    QTest.keyClick(viewport, Qt.Key.Key_F)  # fit: the graph comes back into view, readable
    assert window.view.zoom() < 3.0
    visible = window.view.mapToScene(viewport.rect()).boundingRect()
    items = [window.view.node_item(nid) for nid in window.document.nodes]
    if window.view.smallest_text_pixels() > 9.0 + 1e-9:  # room enough: all of it
        assert all(visible.contains(item.sceneBoundingRect()) for item in items)
    else:  # kept at 9 px text: the output (where Backward starts) whole, the rest a pan away
        output = window.view.node_item(window.document.output)
        assert visible.contains(output.sceneBoundingRect())  # (this window is narrow)


def test_status_bar_shows_view_messages_and_the_output(window, qtbot):
    window.view.show_status("cannot connect: it would close a cycle")
    assert "cycle" in window.statusBar().currentMessage()
    window.actions.backward.trigger()
    assert "y" in window.output_status.text()
    assert "0.0000" in window.output_status.text()  # relu of -1.3: the dead neuron
    assert "Backward from y" in window.statusBar().currentMessage()
    # An unconnected op: the output corner counts the problem.
    window.undo_stack.push(AddNodeCommand(window.document, "op", op="log", pos=(900, 0)))
    window.view.set_output("y")
    qtbot.waitUntil(lambda: "⚠" in window.output_status.text(), timeout=2000)
    assert "not connected" in window.output_status.toolTip()


def test_add_node_action_opens_the_quick_add_popup(window, qtbot):
    window.actions.add_node.trigger()
    assert window.view.quick_add.isVisible()


def test_delete_key_removes_a_selected_edge(window, qtbot):
    edge = next(e for e in window.document.edges if e.target == "y")
    window.view.select_node_ids([])
    window.view.edge_item(edge).setSelected(True)
    qtbot.waitUntil(lambda: window.actions.delete.isEnabled(), timeout=2000)
    window.view.setFocus()
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_Backspace)
    assert edge not in window.document.edges
    assert len(window.document.nodes) == 10


def test_every_named_action_of_the_window_comes_from_the_one_actions_table(qtbot, tmp_path):
    from PySide6.QtWidgets import QMenu

    from autograd_studio.gui.window.actions import ACTION_SPECS, DOCK_TOGGLE_SPECS

    window, _ = make_window(qtbot, tmp_path, neuron_document())
    defined = {f"action{spec.name}" for spec in (*ACTION_SPECS, *DOCK_TOGGLE_SPECS)}
    defined |= {"actionUndo", "actionRedo"}
    in_menus = {
        action.objectName()
        for menu in window.findChildren(QMenu)
        for action in menu.actions()
        if action.objectName()
    }
    assert in_menus and in_menus <= defined  # no controller grafts an action of its own
    adopted = {"actionHistory", "actionShowPalette", "actionShowBackprop", "actionShowModes"}
    assert adopted <= in_menus
    assert window.actions.history.shortcut() == QKeySequence("Ctrl+H")
    assert window.findChild(QMenu, "layoutEngineMenu") is not None
    assert window.findChild(QMenu, "imageScaleMenu") is not None

"""Selecting, moving, deleting, undo/redo, clipboard and in-place editing on the canvas."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from autograd_studio.graph.document import Edge
from autograd_studio.gui.canvas.node_item import HEADER, NODE_HEIGHT, NODE_WIDTH
from autograd_studio.gui.editing.clipboard import FRAGMENT_MIME
from tests.gui.canvas_helpers import at, center, click, double_click, drag, move


@pytest.fixture
def pair(doc):
    """a (input) and w (weight) feeding a mul, output set."""
    a = doc.add_node("input", label="a", value=2.0, pos=(0, 0))
    w = doc.add_node("weight", label="w", value=-3.0, pos=(0, 200))
    m = doc.add_node("op", op="mul", label="a*w", pos=(300, 100))
    doc.connect(a, m, 0)
    doc.connect(w, m, 1)
    doc.set_output(m)
    return a, w, m


def test_click_selects_and_ctrl_click_toggles(view, pair):
    a, w, _m = pair
    click(view, center(view, a))
    assert view.selected_node_ids() == [a]
    click(view, center(view, w), Qt.KeyboardModifier.ControlModifier)
    assert view.selected_node_ids() == [a, w]
    click(view, center(view, a), Qt.KeyboardModifier.ControlModifier)
    assert view.selected_node_ids() == [w]
    click(view, (700, 500))  # empty canvas
    assert view.selected_node_ids() == []


def test_selection_signal_carries_the_ids(view, pair, qtbot):
    _a, _w, m = pair
    with qtbot.waitSignal(view.selectionChangedIds) as blocker:
        click(view, center(view, m))
    assert blocker.args == [[m]]


def test_rubber_band_and_ctrl_a(view, pair):
    a, w, m = pair
    drag(view, (-30, -30), (200, 300))  # around a and w, not m
    assert view.selected_node_ids() == [a, w]
    QTest.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert view.selected_node_ids() == [a, w, m]


def test_dragging_a_selection_moves_it_in_one_undo_step(view, doc, undo_stack, pair):
    a, w, m = pair
    view.select_node_ids([a, w])
    drag(view, center(view, a), center(view, a) + QPointF(50, 30), steps=8)
    assert doc.nodes[a].pos == (50, 30)
    assert doc.nodes[w].pos == (50, 230)
    assert doc.nodes[m].pos == (300, 100)
    assert undo_stack.count() == 1
    edge_item = view.edge_item(Edge(a, m, 0))
    assert edge_item.path().pointAtPercent(0) == view.port_scene_pos(a, "out")
    undo_stack.undo()
    assert doc.nodes[a].pos == (0, 0) and doc.nodes[w].pos == (0, 200)
    assert view.node_item(a).pos() == QPointF(0, 0)
    assert edge_item.path().pointAtPercent(0) == view.port_scene_pos(a, "out")


def test_a_small_graphs_edges_follow_a_drag_at_once_on_a_busy_machine(
    view, doc, undo_stack, pair, monkeypatch
):
    """A loaded machine's clock made every re-route look slow: the scene then deferred the
    edges to the next turn of the event loop, and they lagged behind their nodes."""
    import autograd_studio.gui.canvas.edge_routing as scene_module

    clock = iter(range(0, 10**9, 50))  # every reading 50 ms after the last one
    monkeypatch.setattr(scene_module.time, "perf_counter", lambda: next(clock) / 1000)
    a, _w, m = pair
    view.select_node_ids([a])
    drag(view, center(view, a), center(view, a) + QPointF(40, 20), steps=8)
    assert doc.nodes[a].pos == (40, 20)
    edge_item = view.edge_item(Edge(a, m, 0))
    assert edge_item.path().pointAtPercent(0) == view.port_scene_pos(a, "out")
    undo_stack.undo()
    assert edge_item.path().pointAtPercent(0) == view.port_scene_pos(a, "out")


def test_a_click_without_moving_pushes_nothing(view, undo_stack, pair):
    a, w, _m = pair
    click(view, center(view, a))
    drag(view, center(view, w), center(view, w) + QPointF(1, 1))  # under the drag distance
    assert undo_stack.count() == 0


def test_a_card_dragged_over_another_is_drawn_on_top_and_stays_there(view, doc, pair):
    a, _w, m = pair

    def topmost(point) -> str:
        cards = (view.node_item(a), view.node_item(m))
        return next(i for i in view.items(point) if i in cards).node_id

    drag(view, center(view, a), center(view, m) + QPointF(30, 10), steps=8)  # a over m
    overlap = view.mapFromScene(center(view, m) + QPointF(20, 0))
    assert view.node_item(a).sceneBoundingRect().contains(view.mapToScene(overlap))
    assert topmost(overlap) == a
    corner = view.node_item(m).scenePos() + QPointF(18, 8)  # a part of m a leaves bare
    drag(view, corner, corner + QPointF(5, 5), steps=4)  # m picked up
    assert topmost(overlap) == m


def test_escape_during_a_drag_puts_nodes_back(view, doc, undo_stack, pair):
    from tests.gui.canvas_helpers import move, press, release

    a, _w, _m = pair
    press(view, center(view, a))
    move(view, center(view, a) + QPointF(80, 0))
    assert view.node_item(a).pos() != QPointF(0, 0)
    QTest.keyClick(view, Qt.Key.Key_Escape)
    release(view, center(view, a))
    assert view.node_item(a).pos() == QPointF(0, 0)
    assert undo_stack.count() == 0


@pytest.mark.parametrize("key", [Qt.Key.Key_Delete, Qt.Key.Key_Backspace])
def test_delete_keys_remove_nodes_with_their_edges_and_undo_restores(
    view, doc, undo_stack, pair, key
):
    a, w, m = pair
    before = doc.to_dict()
    click(view, center(view, a))
    QTest.keyClick(view, key)
    assert a not in doc and view.node_item(a) is None
    assert doc.edges == [Edge(w, m, 1)]
    assert undo_stack.count() == 1
    undo_stack.undo()
    assert doc.to_dict() == before
    assert view.edge_item(Edge(a, m, 0)) is not None


def test_deleting_the_output_node_and_undo_restores_the_flag(view, doc, undo_stack, pair):
    _a, _w, m = pair
    before = doc.to_dict()
    view.select_node_ids([m])
    view.delete_selection()
    assert doc.explicit_output is None
    undo_stack.undo()
    assert doc.to_dict() == before


def test_a_selected_edge_is_deleted_alone(view, doc, undo_stack, pair):
    a, w, m = pair
    path = view.edge_item(Edge(w, m, 1)).path()
    click(view, path.pointAtPercent(0.5))
    assert view.selected_edges() == [Edge(w, m, 1)]
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert doc.edges == [Edge(a, m, 0)]
    assert len(doc) == 3
    undo_stack.undo()
    assert Edge(w, m, 1) in doc.edges


def test_undo_all_returns_to_the_original_and_redo_all_to_the_final(view, doc, undo_stack, pair):
    _a, w, m = pair
    original = doc.to_dict()
    drag(view, center(view, m), center(view, m) + QPointF(60, -40))
    view.add_node_at("op", "relu", QPointF(700, 300))
    relu = list(doc.nodes)[-1]
    drag(view, view.port_scene_pos(m, "out"), view.port_scene_pos(relu, 0))
    click(view, center(view, w))
    QTest.keyClick(view, Qt.Key.Key_Delete)
    final = doc.to_dict()
    assert undo_stack.count() == 4
    while undo_stack.canUndo():
        undo_stack.undo()
    assert doc.to_dict() == original
    assert set(view.graph_scene.node_items) == set(doc.nodes)
    assert set(view.graph_scene.edge_items) == set(doc.edges)
    while undo_stack.canRedo():
        undo_stack.redo()
    assert doc.to_dict() == final
    assert set(view.graph_scene.edge_items) == set(doc.edges)


def test_copy_paste_through_the_system_clipboard(view, doc, undo_stack, pair):
    a, _w, m = pair
    view.select_node_ids([a, m])
    QTest.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasFormat(FRAGMENT_MIME) and '"a*w"' in mime.text()
    move(view, (500, 300), buttons=Qt.MouseButton.NoButton)  # the mouse on the canvas
    QTest.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert len(doc) == 5 and undo_stack.count() == 1
    new = view.selected_node_ids()
    assert len(new) == 2 and not {a, m} & set(new)
    new_a, new_m = new
    assert doc.nodes[new_a].value == 2.0 and doc.nodes[new_m].label == "a*w"
    # centred on the mouse, not stacked 40 px off the originals
    (ax, ay), (mx, my) = doc.nodes[new_a].pos, doc.nodes[new_m].pos
    width, height = NODE_WIDTH, NODE_HEIGHT
    centre = ((min(ax, mx) + max(ax, mx) + width) / 2, (min(ay, my) + max(ay, my) + height) / 2)
    assert centre == pytest.approx((500, 300), abs=1)
    assert doc.inputs_of(new_m) == [new_a, None]  # w was not copied
    QTest.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert doc.nodes[view.selected_node_ids()[0]].pos == (ax + 40, ay + 40)  # cascades
    undo_stack.undo()
    undo_stack.undo()
    assert len(doc) == 3


def test_paste_of_plain_text_json_and_of_junk(view, doc, undo_stack):
    messages = []
    view.statusMessage.connect(messages.append)
    QGuiApplication.clipboard().setText("just words")
    assert view.paste() == []
    assert "Nothing to paste" in messages[-1]
    QGuiApplication.clipboard().setText(
        '{"format": "autograd-studio-graph", "version": 1, "nodes": '
        '[{"id": "q", "kind": "input", "value": 4.5, "pos": [10, 10]}], "edges": []}'
    )
    (new,) = view.paste()
    assert doc.nodes[new].value == 4.5
    QGuiApplication.clipboard().setText(
        '{"format": "autograd-studio-fragment", "version": 1, "nodes": '
        '[{"id": "q", "kind": "op", "op": "nope"}], "edges": []}'
    )
    assert view.paste() == []
    assert messages[-1].startswith("Cannot paste:") and "nope" in messages[-1]
    assert len(doc) == 1 and undo_stack.count() == 1


def test_cut_and_duplicate(view, doc, undo_stack, pair):
    _a, w, _m = pair
    view.select_node_ids([w])
    QTest.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    (dup,) = view.selected_node_ids()
    assert dup != w and doc.nodes[dup].value == -3.0 and doc.nodes[dup].kind == "weight"
    QTest.keyClick(view, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert dup not in doc
    assert undo_stack.undoText() == "Cut"
    (back,) = view.paste()
    assert doc.nodes[back].value == -3.0


def test_cut_and_paste_keeps_numbered_names(view, doc, undo_stack):
    # The seed's names: x1 and w1 are labels a person chose, though they equal the ids.
    x1 = doc.add_node("input", id="x1", label="x1", value=2.0, pos=(0, 0))
    w1 = doc.add_node("weight", id="w1", label="w1", value=0.5, pos=(0, 200))
    m = doc.add_node("op", op="mul", label="w1*x1", pos=(300, 100))
    doc.connect(w1, m, 0)
    doc.connect(x1, m, 1)
    view.select_node_ids([x1, w1, m])
    QTest.keyClick(view, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert len(doc) == 0
    QTest.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    labels = sorted(doc.nodes[nid].label for nid in view.selected_node_ids())
    assert labels == ["w1", "w1*x1", "x1"]  # not "w" and "x" beside a "w1*x1"
    QTest.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    copies = view.selected_node_ids()
    assert len(doc) == 6 and not {x1, w1} & set(copies)
    labels = sorted(doc.nodes[nid].label for nid in copies)
    assert labels == ["w1*x1", "w2", "x2"]  # beside the originals: the next numbers


def test_double_click_edits_a_value_in_place(view, doc, undo_stack, pair):
    _a, w, _m = pair
    item = view.node_item(w)
    double_click(view, item.pos() + QPointF(NODE_WIDTH / 2, HEADER + 20))
    editor = view.inline_editor
    assert editor is not None and editor.field == "value" and editor.text() == "-3.0"
    editor.selectAll()
    QTest.keyClicks(editor, "abc")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert editor.is_invalid() and view.inline_editor is editor  # refused, still open
    assert doc.nodes[w].value == -3.0
    editor.selectAll()
    QTest.keyClicks(editor, "0.25")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert view.inline_editor is None
    assert doc.nodes[w].value == 0.25
    assert undo_stack.count() == 1


def test_the_in_place_editor_reads_numbers_as_the_inspector_does(view, doc, qtbot, pair):
    _a, w, _m = pair
    item = view.node_item(w)
    double_click(view, item.pos() + QPointF(NODE_WIDTH / 2, HEADER + 20))
    editor = view.inline_editor
    editor.selectAll()
    QTest.keyClicks(editor, "inf")
    with qtbot.waitSignal(view.statusMessage) as message:
        QTest.keyClick(editor, Qt.Key.Key_Return)
    assert "finite" in message.args[0] and doc.nodes[w].value == -3.0
    editor.selectAll()
    QTest.keyClicks(editor, "-2,5")  # a decimal comma
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert view.inline_editor is None and doc.nodes[w].value == -2.5


def test_double_click_on_a_title_or_an_op_renames(view, doc, undo_stack, pair):
    a, _w, m = pair
    double_click(view, view.node_item(a).pos() + QPointF(30, HEADER / 2))
    editor = view.inline_editor
    assert editor.field == "label"
    editor.selectAll()
    QTest.keyClicks(editor, "x1")
    QTest.keyClick(editor, Qt.Key.Key_Enter)
    assert doc.nodes[a].label == "x1" and view.node_item(a).label_text() == "x1"
    double_click(view, center(view, m))
    editor = view.inline_editor
    assert editor.field == "label" and editor.text() == "a*w"
    QTest.keyClicks(editor, "zzz")
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    assert view.inline_editor is None and doc.nodes[m].label == "a*w"
    assert undo_stack.count() == 1


def test_edit_can_be_left_to_the_window(view, pair, qtbot):
    _a, _w, m = pair
    view.inline_editing = False
    with qtbot.waitSignal(view.nodeEditRequested) as blocker:
        double_click(view, center(view, m))
    assert blocker.args == [m] and view.inline_editor is None


def test_set_output_is_one_undo_step(view, doc, undo_stack, pair):
    a, _w, m = pair
    view.set_output(a)
    assert doc.explicit_output == a
    view.set_output(a)  # no change, no step
    assert undo_stack.count() == 1
    undo_stack.undo()
    assert doc.explicit_output == m


def test_at_maps_scene_to_viewport(view):
    assert view.mapToScene(at(view, (100, 100))) == QPointF(100, 100)


def test_arrow_keys_nudge_and_a_run_of_nudges_is_one_step(view, doc, undo_stack, pair):
    a, w, _m = pair
    view.select_node_ids([a, w])
    QTest.keyClick(view, Qt.Key.Key_Right)
    QTest.keyClick(view, Qt.Key.Key_Right)
    QTest.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert doc.nodes[a].pos == (20, 1) and doc.nodes[w].pos == (20, 201)
    assert undo_stack.count() == 1
    undo_stack.undo()
    assert doc.nodes[a].pos == (0, 0) and doc.nodes[w].pos == (0, 200)


def test_context_menu_sets_the_output_without_blocking(view, doc, undo_stack, pair):
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication, QMenu

    from tests.gui.canvas_helpers import at

    a, _w, _m = pair
    pos = at(view, center(view, a))
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, view.viewport().mapToGlobal(pos))
    QApplication.sendEvent(view.viewport(), event)  # returns at once: the menu pops up
    (menu,) = [m for m in view.findChildren(QMenu) if m.isVisible()]
    actions = {act.text(): act for act in menu.actions() if act.text()}
    assert {"Set as output", "Edit value", "Rename", "Duplicate", "Delete"} <= set(actions)
    actions["Set as output"].trigger()
    menu.close()
    assert doc.explicit_output == a and undo_stack.count() == 1
    assert view.selected_node_ids() == [a]

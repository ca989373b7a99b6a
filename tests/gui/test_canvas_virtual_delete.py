"""Deleting many nodes and undoing it, as one change: on the generated 2,400-node grid (a
virtual canvas) Ctrl+A, Delete, Ctrl+Z and Ctrl+Shift+Z each reach the canvas, the
inspector and the rest of the window as one document event, not one per node and edge,
and the undo gives back every node, edge and port and selects them again.  Driven by real
key and mouse events."""

from __future__ import annotations

from PySide6.QtCore import Qt

from autograd_studio.graph import load
from autograd_studio.graph.document import EventKind
from autograd_studio.graph.events import RESTORED
from autograd_studio.training import read_setup
from tests.graph.test_examples import EXAMPLES
from tests.gui.backward_support import open_window, press
from tests.gui.canvas_helpers import click
from tests.gui.test_canvas_virtual import COLUMNS, DX, DY, ROWS, grid_graph

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def counted(window) -> tuple[list, list]:
    """The session's document events and the canvas scene's calls from now on."""
    events: list = []
    window.session.documentChanged.connect(events.append)
    scene = window.view.graph_scene
    calls: list = []
    follow = scene.on_document_event

    def counting(event) -> None:
        calls.append(event.kind)
        follow(event)

    scene.on_document_event = counting  # the view looks it up at every event
    return events, calls


def state(doc) -> tuple:
    users = {nid: doc.users_of(nid) for nid in doc.nodes}
    return doc.to_dict(), list(doc.nodes), sorted(doc.edges), users, doc.explicit_output


def test_ctrl_a_delete_undo_redo_are_one_event_each(qtbot, tmp_path):
    document, _grid = grid_graph()
    before = state(document)
    window, _dialogs = open_window(qtbot, tmp_path, document)
    scene, inspector = window.view.graph_scene, window.inspector
    events, calls = counted(window)
    steps = window.undo_stack.count()

    press(window, Qt.Key.Key_A, CTRL)
    qtbot.waitUntil(lambda: "2,400" in inspector.title_label.text())
    press(window, Qt.Key.Key_Delete)
    assert len(document.nodes) == 0 and document.edges == []
    kinds = [e.kind for e in events]
    assert kinds == [EventKind.NODES_REMOVED, EventKind.OUTPUT_CHANGED]  # 7,120 before
    assert len(events[0].node_ids) == COLUMNS * ROWS and len(events[0].edges) == len(before[2])
    assert calls == kinds
    qtbot.waitUntil(lambda: inspector.title_label.text() == "No selection")
    assert scene.selected_node_ids() == [] and not scene.node_items
    assert window.undo_stack.count() == steps + 1

    events.clear(), calls.clear()
    press(window, Qt.Key.Key_Z, CTRL)
    assert [(e.kind, e.field) for e in events] == [
        (EventKind.NODES_ADDED, RESTORED),
        (EventKind.OUTPUT_CHANGED, None),
    ]
    assert calls == [e.kind for e in events]
    assert state(document) == before
    # What came back is selected again, as it was when it was deleted.
    qtbot.waitUntil(lambda: "2,400 nodes selected" in inspector.title_label.text())
    assert len(scene.selected_node_ids()) == COLUMNS * ROWS
    assert scene.index.bounds_of(list(document.nodes)) == (
        0.0,
        0.0,
        (COLUMNS - 1) * DX,
        (ROWS - 1) * DY,
    )

    events.clear()
    press(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert [e.kind for e in events] == [EventKind.NODES_REMOVED, EventKind.OUTPUT_CHANGED]
    assert len(document.nodes) == 0
    press(window, Qt.Key.Key_Z, CTRL)
    assert state(document) == before
    # The evaluation and the canvas follow: every node has its value again.
    window.session.fresh_results()
    assert len(window.session.results.data) == COLUMNS * ROWS


def test_deleting_a_block_of_the_grid_and_undoing_it_on_screen(qtbot, tmp_path):
    document, grid = grid_graph()
    before = state(document)
    window, _dialogs = open_window(qtbot, tmp_path, document)
    view = window.view
    scene = view.graph_scene
    view.set_zoom(0.6)
    view.centerOn(5 * DX, 3 * DY)
    block = [grid[c][r] for c in range(4, 6) for r in range(0, 60)]  # 120 nodes
    kept_user, kept_feeder = grid[6][3], grid[3][3]  # fed by the block / feeding it
    qtbot.waitUntil(lambda: {kept_user, kept_feeder} <= scene.node_items.keys())
    view.select_node_ids(block)
    events, calls = counted(window)
    view.setFocus()
    press(window, Qt.Key.Key_Delete)
    assert [e.kind for e in events] == [EventKind.NODES_REMOVED] and calls == [
        EventKind.NODES_REMOVED
    ]
    assert set(events[0].node_ids) == set(block)
    qtbot.waitUntil(lambda: kept_user in scene.node_items)
    # The nodes that stay show their edges gone: no item, the ports no longer lit.
    assert not any(e.target == kept_user for e in scene.edge_items)
    assert scene.node_items[kept_user].connected_ports() == {"out"}  # its inputs went
    assert "out" not in scene.node_items[kept_feeder].connected_ports()

    events.clear()
    press(window, Qt.Key.Key_Z, CTRL)
    assert [e.kind for e in events] == [EventKind.NODES_ADDED]
    assert state(document)[:3] == before[:3]
    qtbot.waitUntil(lambda: sum(1 for e in scene.edge_items if e.target == kept_user) == 2)
    assert scene.node_items[kept_user].connected_ports() == {0, 1, "out"}
    assert "out" in scene.node_items[kept_feeder].connected_ports()
    assert sorted(scene.selected_node_ids()) == sorted(block)
    qtbot.waitUntil(lambda: "120 nodes selected" in window.inspector.title_label.text())


def test_the_inspector_shows_a_deleted_node_again_after_undo(qtbot, tmp_path):
    document, grid = grid_graph()
    window, _dialogs = open_window(qtbot, tmp_path, document)
    view = window.view
    view.set_zoom(0.8)
    view.centerOn(3 * DX, 3 * DY)
    node = grid[3][3]
    qtbot.waitUntil(lambda: node in view.graph_scene.node_items)
    click(view, view.graph_scene.node_items[node].sceneBoundingRect().center())
    qtbot.waitUntil(lambda: window.inspector.node_id == node)
    press(window, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: window.inspector.title_label.text() == "No selection")
    press(window, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: window.inspector.node_id == node)
    assert window.inspector.id_label.text() == node
    assert "add" in window.inspector.kind_label.text()


def test_the_training_panel_follows_a_deletion_and_its_undo(qtbot, tmp_path):
    document = load(EXAMPLES / "micrograd-moons.agraph")
    setup = read_setup(document)
    ops = [nid for nid, r in document.nodes.items() if r.kind != "input" and r.op]
    window, _dialogs = open_window(qtbot, tmp_path, document)
    window.actions.train.trigger()
    panel = window.training.panel
    qtbot.waitUntil(panel.isVisible)
    assert panel.loss_box.value() == setup.loss and panel.loss_box.count() == len(ops)
    window.view.setFocus()
    press(window, Qt.Key.Key_A, CTRL)
    press(window, Qt.Key.Key_Delete)
    assert len(document.nodes) == 0
    qtbot.waitUntil(lambda: panel.loss_box.count() == 0)  # no node to choose any more
    assert panel.prediction_box.value() is None
    press(window, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: panel.loss_box.count() == len(ops))
    assert panel.loss_box.value() == setup.loss
    assert panel.prediction_box.value() == setup.prediction
    assert {c: box.value() for c, box in panel.binding_boxes.items()} == setup.bindings
    assert read_setup(document) == setup  # the deletion never touched the setup


def test_pasting_a_copy_of_the_grid_is_one_event_and_so_are_its_undo_and_redo(qtbot, tmp_path):
    document, _grid = grid_graph()
    before = state(document)
    window, _dialogs = open_window(qtbot, tmp_path, document)
    press(window, Qt.Key.Key_A, CTRL)
    press(window, Qt.Key.Key_C, CTRL)
    events, calls = counted(window)
    press(window, Qt.Key.Key_V, CTRL)
    assert [e.kind for e in events] == [EventKind.NODES_ADDED] and calls == [EventKind.NODES_ADDED]
    pasted = events[0].node_ids
    assert len(pasted) == COLUMNS * ROWS and len(document.nodes) == 2 * COLUMNS * ROWS
    assert document.edge_count == 2 * len(before[2]) == 2 * len(events[0].edges)
    copies = dict(zip(before[1], pasted, strict=True))
    assert {(copies[e.source], copies[e.target], e.port) for e in before[2]} == set(events[0].edges)
    qtbot.waitUntil(lambda: "2,400 nodes selected" in window.inspector.title_label.text())
    assert sorted(window.view.selected_node_ids()) == sorted(pasted)

    events.clear()
    press(window, Qt.Key.Key_Z, CTRL)
    assert [e.kind for e in events] == [EventKind.NODES_REMOVED]
    assert state(document) == before
    events.clear()
    press(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert [(e.kind, e.field) for e in events] == [(EventKind.NODES_ADDED, RESTORED)]
    assert set(document.nodes) == set(before[1]) | set(pasted)

"""Auto Layout and its Undo move every node in one batch: one ``positions_changed`` event
each way, one undo step that gives back every position bit for bit, and a canvas whose
items and edges follow in one pass."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtTest import QTest

from autograd_studio.graph.events import EventKind
from autograd_studio.graph.fileformat import load
from autograd_studio.graph.positions import PositionArray
from autograd_studio.gui.canvas import edge_routing as scene_module
from autograd_studio.gui.editing.commands import SetPositionsCommand
from autograd_studio.resources import examples_dir
from tests.gui.test_auto_layout import layout_window, press_ctrl_l, wait_until_idle

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def scrambled_moons():
    """The 985-node moons example with positions no layout would give: odd fractions and
    a negative zero."""
    doc = load(examples_dir() / "micrograd-moons.agraph")
    ids = list(doc.nodes)
    assert len(ids) > scene_module.BULK_MOVE_ABOVE  # the batch drops the scene index
    for i, node_id in enumerate(ids):
        doc.set_pos(node_id, (0.1 * i + 1e-9 * (i % 3), -0.0 if i == 1 else 7.3 * (i % 11)))
    return doc


def bits(doc):
    return {
        nid: None if r.pos is None else tuple(float.hex(c) for c in r.pos)
        for nid, r in doc.nodes.items()
    }


def follows(window) -> bool:
    """Every node item where the document (or the auto grid) puts it, and every edge from
    its source's output port to its target's input port."""
    view, scene = window.view, window.view.graph_scene
    for nid, record in window.document.nodes.items():
        item = scene.node_items[nid]
        if record.pos is not None and (item.x(), item.y()) != record.pos:
            return False
    for edge, item in scene.edge_items.items():
        path = item.path()
        if path.pointAtPercent(0) != view.port_scene_pos(edge.source, "out"):
            return False
        if path.pointAtPercent(1) != view.port_scene_pos(edge.target, edge.port):
            return False
    return True


def test_auto_layout_and_its_undo_are_one_batch_each(qtbot, tmp_path):
    doc = scrambled_moons()
    window, controller = layout_window(qtbot, tmp_path, doc)
    doc.set_pos(list(doc.nodes)[2], None)  # a node without a position: the scene places it
    before = bits(doc)
    events = []
    window.session.documentChanged.connect(events.append)

    press_ctrl_l(window)
    wait_until_idle(qtbot, controller, timeout=60_000)

    assert [e.kind for e in events] == [EventKind.POSITIONS_CHANGED]
    assert len(events[0].node_ids) > len(doc.nodes) // 2
    assert set(events[0].node_ids) <= set(doc.nodes)
    assert window.undo_stack.count() == 1
    command = window.undo_stack.command(0)
    assert isinstance(command, SetPositionsCommand)
    assert isinstance(command.old, PositionArray) and isinstance(command.new, PositionArray)
    laid_out = bits(doc)
    assert laid_out != before
    qtbot.waitUntil(lambda: follows(window))

    events.clear()
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_Z, CTRL)
    assert [e.kind for e in events] == [EventKind.POSITIONS_CHANGED]
    assert bits(doc) == before  # every float as it was, -0.0 and None included
    qtbot.waitUntil(lambda: follows(window))

    events.clear()
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_Z, CTRL | SHIFT)
    assert [e.kind for e in events] == [EventKind.POSITIONS_CHANGED]
    assert bits(doc) == laid_out
    qtbot.waitUntil(lambda: follows(window))


def test_a_small_batch_moves_items_and_edges_at_once(qtbot, tmp_path):
    doc = scrambled_moons()
    window, _controller = layout_window(qtbot, tmp_path, doc)
    ids = list(doc.nodes)[10:13]
    command = SetPositionsCommand(doc, {nid: (5000.0 + k, 40.0 * k) for k, nid in enumerate(ids)})
    window.session.push(command)
    assert follows(window)  # a handful of nodes: re-routed in the same turn
    item = window.view.node_item(ids[0])
    assert item in window.view.graph_scene.items(item.sceneBoundingRect().center())
    window.undo_stack.undo()
    assert follows(window)
    assert isinstance(command, QUndoCommand)
    assert window.view.node_item(ids[1]).pos() == QPointF(*doc.nodes[ids[1]].pos)

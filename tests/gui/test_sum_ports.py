"""A sum node's growable inputs on the canvas, with real events: the "+" under its ports,
the context menu's Add Input and Remove Input, each one undo step keeping the edges."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from autograd_studio.gui.canvas.node_geometry import MIN_PORT_GAP, add_port_pos
from tests.gui.canvas_helpers import at, click, connect_by_mouse


def sum_of_three(doc):
    for i, value in enumerate((1.0, 2.0, 4.0)):
        doc.add_node("input", id=f"v{i}", value=value, pos=(0, 120 * i))
    doc.add_node("op", op="sum", id="s", pos=(320, 120))
    doc.connect("v0", "s", 0)
    doc.connect("v1", "s", 1)
    return doc


def plus_button(view, node_id: str) -> QPointF:
    item = view.node_item(node_id)
    return item.mapToScene(add_port_pos(item.arity))


def menu_choose(qtbot, view, scene_pos: QPointF, text: str) -> None:
    """Right-click at *scene_pos* and click the menu entry *text* with the mouse."""
    pos = at(view, scene_pos)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, view.viewport().mapToGlobal(pos))
    QApplication.sendEvent(view.viewport(), event)
    (menu,) = [m for m in view.findChildren(QMenu) if m.isVisible()]
    (action,) = [a for a in menu.actions() if a.text() == text]
    assert action.isEnabled(), text
    QTest.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())
    qtbot.waitUntil(lambda: not menu.isVisible(), timeout=2000)


def test_the_plus_adds_an_input_that_takes_an_edge_and_undo_removes_it(
    qtbot, view, doc, undo_stack
):
    sum_of_three(doc)
    view.fit_all()
    click(view, plus_button(view, "s"))
    assert doc.nodes["s"].arity == 3
    assert doc.inputs_of("s") == ["v0", "v1", None]
    assert view.node_item("s").arity == 3  # the canvas follows: a third port
    connect_by_mouse(view, "v2", "s", 2)
    assert doc.evaluate().data["s"] == 7.0
    assert undo_stack.count() == 2
    undo_stack.undo()
    undo_stack.undo()
    assert doc.inputs_of("s") == ["v0", "v1"]
    assert view.node_item("s").arity == 2
    # the edges into the sum are drawn at its ports again
    for port in (0, 1):
        edge = view.graph_scene.edge_items[next(e for e in doc.edges if e.port == port)]
        end = edge.path().pointAtPercent(1.0)
        assert end == view.node_item("s").port_scene_pos(port)


def test_remove_input_from_the_menu_keeps_the_other_edges_and_undoes(qtbot, view, doc, undo_stack):
    sum_of_three(doc)
    doc.insert_port("s")
    doc.connect("v2", "s", 2)
    before = doc.to_dict()
    item = view.node_item("s")
    menu_choose(qtbot, view, item.port_scene_pos(1), "Remove Input x2")
    assert doc.inputs_of("s") == ["v0", "v2"]  # v2's edge moved to the second port
    assert doc.evaluate().data["s"] == 5.0
    assert undo_stack.count() == 1
    undo_stack.undo()
    assert doc.to_dict() == before
    # Add Input from the menu, then Remove Input of the last one (clicked on the card)
    menu_choose(qtbot, view, item.sceneBoundingRect().center(), "Add Input")
    assert doc.nodes["s"].arity == 4
    menu_choose(qtbot, view, view.node_item("s").sceneBoundingRect().center(), "Remove Input x4")
    assert doc.to_dict() == before


def test_a_sum_keeps_two_inputs(qtbot, view, doc):
    sum_of_three(doc)
    item = view.node_item("s")
    pos = at(view, item.sceneBoundingRect().center())
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, view.viewport().mapToGlobal(pos))
    QApplication.sendEvent(view.viewport(), event)
    (menu,) = [m for m in view.findChildren(QMenu) if m.isVisible()]
    (remove,) = [a for a in menu.actions() if a.text().startswith("Remove Input")]
    assert not remove.isEnabled()
    menu.close()
    assert doc.nodes["s"].arity == 2


def test_a_deleted_sum_comes_back_with_its_ports_and_edges(qtbot, view, doc, undo_stack):
    sum_of_three(doc)
    doc.insert_port("s")
    doc.connect("v2", "s", 2)
    before = doc.to_dict()
    click(view, view.node_item("s").sceneBoundingRect().center())
    QTest.keyClick(view.viewport(), Qt.Key.Key_Delete)
    assert "s" not in doc
    undo_stack.undo()
    assert doc.to_dict() == before


def test_a_sum_of_many_spreads_its_ports_so_each_takes_its_own_edge(qtbot, view, doc):
    sum_of_three(doc)
    for _ in range(6):  # eight inputs: evenly spread they would be 8 px apart
        click(view, plus_button(view, "s"))
    item = view.node_item("s")
    assert item.arity == 8
    ys = [item.port_pos(port).y() for port in range(8)]
    assert all(b - a >= MIN_PORT_GAP for a, b in pairwise(ys))
    assert item.boundingRect().contains(item.port_pos(7)) and item.boundingRect().contains(
        add_port_pos(8)
    )
    connect_by_mouse(view, "v2", "s", 7)  # the last port, past the card's bottom edge
    assert doc.inputs_of("s")[7] == "v2"


def test_an_edge_dropped_on_the_plus_feeds_a_new_input_in_one_step(qtbot, view, doc, undo_stack):
    from tests.gui.canvas_helpers import drag

    sum_of_three(doc)
    before = doc.to_dict()
    drag(view, view.node_item("v2").port_scene_pos("out"), plus_button(view, "s"))
    assert doc.inputs_of("s") == ["v0", "v1", "v2"]
    assert doc.evaluate().data["s"] == 7.0
    assert undo_stack.count() == 1
    undo_stack.undo()
    assert doc.to_dict() == before
    # a cycle is refused, and said
    doc.add_node("op", op="neg", id="n", pos=(640, 120))
    doc.connect("s", "n", 0)
    drag(view, view.node_item("n").port_scene_pos("out"), plus_button(view, "s"))
    assert doc.nodes["s"].arity == 2 and undo_stack.count() == 1

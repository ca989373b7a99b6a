"""Connecting by dragging between ports: forwards, backwards, refusals, replacing an input,
picking an edge up, cancelling."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from autograd_studio.graph.document import Edge
from tests.gui.canvas_helpers import connect_by_mouse, drag, move, press, release


@pytest.fixture
def chain(doc):
    """x -> neg -> exp, and a loose mul; laid out left to right inside the view."""
    x = doc.add_node("input", label="x", value=2.0, pos=(0, 0))
    y = doc.add_node("input", label="y", value=3.0, pos=(0, 200))
    neg = doc.add_node("op", op="neg", pos=(250, 0))
    exp = doc.add_node("op", op="exp", pos=(500, 0))
    sub = doc.add_node("op", op="sub", pos=(500, 250))
    doc.connect(x, neg, 0)
    doc.connect(neg, exp, 0)
    return x, y, neg, exp, sub


def test_drag_from_output_to_input_connects(view, doc, undo_stack, chain):
    _x, y, _neg, _exp, sub = chain
    connect_by_mouse(view, y, sub, 1)
    assert Edge(y, sub, 1) in doc.edges
    assert view.edge_item(Edge(y, sub, 1)) is not None
    assert undo_stack.count() == 1
    undo_stack.undo()
    assert Edge(y, sub, 1) not in doc.edges
    assert view.edge_item(Edge(y, sub, 1)) is None


def test_drag_from_a_free_input_backwards_to_an_output(view, doc, chain):
    _x, _y, _neg, exp, sub = chain
    drag(view, view.port_scene_pos(sub, 0), view.port_scene_pos(exp, "out"))
    assert doc.inputs_of(sub) == [exp, None]


def test_the_live_curve_follows_and_valid_targets_are_marked(view, doc, chain):
    _x, _y, neg, exp, sub = chain
    start = view.port_scene_pos(exp, "out")
    press(view, start)
    move(view, start + QPointF(40, 60))
    hints = view.node_item(sub).port_hints()
    assert hints == {0: "valid", 1: "valid"}
    # neg feeds exp: connecting exp back into neg would close a cycle
    assert view.node_item(neg).port_hints() == {0: "invalid"}
    move(view, view.port_scene_pos(sub, 1))
    assert view.node_item(sub).port_hints()[1] == "target"
    release(view, view.port_scene_pos(sub, 1))
    assert doc.inputs_of(sub) == [None, exp]
    assert view.node_item(sub).port_hints() == {}
    assert all(item.port_hints() == {} for item in view.graph_scene.node_items.values())


def test_a_cycle_is_refused_with_the_reason_and_nothing_changes(
    view, doc, undo_stack, chain, qtbot
):
    _x, _y, neg, exp, _sub = chain
    before = doc.to_dict()
    messages = []
    view.statusMessage.connect(messages.append)
    connect_by_mouse(view, exp, neg, 0)  # exp depends on neg
    assert doc.to_dict() == before
    assert undo_stack.count() == 0
    assert messages, "the refusal must be explained"
    assert messages[-1] == "connecting 'exp' to '−' would close a cycle: − → exp → −"


def test_a_self_loop_is_refused(view, doc, undo_stack, chain):
    _x, _y, _neg, _exp, sub = chain
    messages = []
    view.statusMessage.connect(messages.append)
    connect_by_mouse(view, sub, sub, 0)
    assert doc.inputs_of(sub) == [None, None]
    assert undo_stack.count() == 0
    assert "itself" in messages[-1]


def test_dropping_on_an_occupied_input_replaces_it_in_one_step(view, doc, undo_stack, chain):
    x, y, neg, _exp, _sub = chain
    connect_by_mouse(view, y, neg, 0)  # neg's input was x
    assert doc.inputs_of(neg) == [y]
    assert undo_stack.count() == 1
    undo_stack.undo()
    assert doc.inputs_of(neg) == [x]
    assert view.edge_item(Edge(x, neg, 0)) is not None
    assert view.edge_item(Edge(y, neg, 0)) is None
    undo_stack.redo()
    assert doc.inputs_of(neg) == [y]


def test_release_on_empty_canvas_or_escape_cancels(view, doc, undo_stack, chain):
    _x, y, _neg, _exp, sub = chain
    drag(view, view.port_scene_pos(y, "out"), (300, 500))
    assert len(doc.edges) == 2 and undo_stack.count() == 0
    press(view, view.port_scene_pos(y, "out"))
    move(view, view.port_scene_pos(sub, 0))
    QTest.keyClick(view, Qt.Key.Key_Escape)
    release(view, view.port_scene_pos(sub, 0))
    assert len(doc.edges) == 2 and undo_stack.count() == 0
    temp = [i for i in view.scene().items() if type(i).__name__ == "TempEdgeItem"]
    assert temp == []


def test_a_connected_input_picks_its_edge_up(view, doc, undo_stack, chain):
    x, _y, neg, _exp, sub = chain
    # drag the x -> neg edge's end from neg's input to sub's input 0: one step
    drag(view, view.port_scene_pos(neg, 0), view.port_scene_pos(sub, 0))
    assert doc.inputs_of(neg) == [None]
    assert doc.inputs_of(sub) == [x, None]
    assert undo_stack.count() == 1
    undo_stack.undo()
    assert doc.inputs_of(neg) == [x] and doc.inputs_of(sub) == [None, None]
    # dropped in the void, the picked-up edge is removed
    drag(view, view.port_scene_pos(neg, 0), (250, 450))
    assert doc.inputs_of(neg) == [None]
    undo_stack.undo()
    assert view.edge_item(Edge(x, neg, 0)).isVisible()


def test_connected_ports_are_drawn_filled(view, doc, chain):
    _x, y, _neg, _exp, sub = chain
    assert view.node_item(sub).connected_ports() == set()
    connect_by_mouse(view, y, sub, 1)
    assert view.node_item(sub).connected_ports() == {1}
    assert "out" in view.node_item(y).connected_ports()

"""Undo commands change only the document and replay deterministically."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack

from autograd_studio.graph.document import Edge, GraphDocument
from autograd_studio.graph.errors import CycleError
from autograd_studio.gui.editing.clipboard import fragment_from_nodes
from autograd_studio.gui.editing.commands import (
    AddNodeCommand,
    ConnectCommand,
    DisconnectCommand,
    MoveCommand,
    PasteCommand,
    RemoveCommand,
    SetLabelCommand,
    SetOutputCommand,
    SetPositionsCommand,
    SetValueCommand,
    macro,
)


@pytest.fixture
def stack(qapp):
    return QUndoStack()


@pytest.fixture
def graph():
    doc = GraphDocument()
    x = doc.add_node("input", label="x", value=2.0, pos=(0, 0), extra={"note": {"k": 1}})
    w = doc.add_node("weight", label="w", value=0.5, pos=(0, 100))
    m = doc.add_node("op", op="mul", label="wx", pos=(200, 50))
    t = doc.add_node("op", op="tanh", pos=(400, 50))
    doc.connect(x, m, 0)
    doc.connect(w, m, 1)
    doc.connect(m, t, 0)
    doc.set_output(m)
    return doc, x, w, m, t


def test_add_redo_recreates_the_same_id(stack):
    doc = GraphDocument()
    command = AddNodeCommand(doc, "weight", pos=(5, 6), value=1.5)
    stack.push(command)
    nid = command.node_id
    assert doc.nodes[nid].value == 1.5 and doc.nodes[nid].pos == (5, 6)
    stack.push(AddNodeCommand(doc, "weight"))
    second = stack.command(1).node_id
    stack.undo()
    stack.undo()
    assert len(doc) == 0
    stack.redo()
    stack.redo()
    assert list(doc.nodes) == [nid, second]
    assert doc.nodes[nid].label == nid and doc.nodes[nid].value == 1.5


def test_remove_restores_everything_exactly(stack, graph):
    doc, x, w, m, t = graph
    before = doc.to_dict()
    stack.push(RemoveCommand(doc, [x, m]))
    assert list(doc.nodes) == [w, t] and doc.edges == []
    assert doc.explicit_output is None
    stack.undo()
    assert doc.to_dict() == before
    assert doc.nodes[x].extra == {"note": {"k": 1}}
    stack.redo()
    assert list(doc.nodes) == [w, t]


def test_remove_edges_alone(stack, graph):
    doc, _x, w, m, _t = graph
    command = RemoveCommand(doc, [], [Edge(w, m, 1)])
    assert command.text() == "Delete 1 edge"
    stack.push(command)
    assert Edge(w, m, 1) not in doc.edges and len(doc) == 4
    stack.undo()
    assert Edge(w, m, 1) in doc.edges


def test_connect_replaces_as_one_step(stack, graph):
    doc, x, w, m, _t = graph
    stack.push(ConnectCommand(doc, w, m, 0))
    assert doc.inputs_of(m) == [w, w]
    assert stack.count() == 1
    stack.undo()
    assert doc.inputs_of(m) == [x, w]


def test_a_refused_connection_never_stays_on_the_stack(stack, graph):
    doc, _x, _w, m, t = graph
    before = doc.to_dict()
    command = ConnectCommand(doc, t, m, 0)
    with pytest.raises(CycleError):
        command.check()
    stack.push(command)  # pushed anyway: it drops itself
    assert stack.count() == 0
    assert doc.to_dict() == before


def test_disconnect(stack, graph):
    doc, _x, _w, m, t = graph
    stack.push(DisconnectCommand(doc, Edge(m, t, 0)))
    assert doc.inputs_of(t) == [None]
    stack.undo()
    assert doc.inputs_of(t) == [m]


def test_moves_of_one_drag_merge(stack, graph):
    doc, x, w, _m, _t = graph
    stack.push(MoveCommand(doc, {x: ((0, 0), (10, 0))}, drag_id=7))
    stack.push(MoveCommand(doc, {x: ((10, 0), (20, 5)), w: ((0, 100), (5, 100))}, drag_id=7))
    assert stack.count() == 1
    stack.push(MoveCommand(doc, {x: ((20, 5), (30, 5))}))  # another gesture
    assert stack.count() == 2
    stack.undo()
    stack.undo()
    assert doc.nodes[x].pos == (0, 0) and doc.nodes[w].pos == (0, 100)


def test_values_of_the_same_node_merge_and_a_round_trip_disappears(stack, graph):
    doc, x, w, _m, _t = graph
    stack.push(SetValueCommand(doc, x, 3.0))
    stack.push(SetValueCommand(doc, x, 4.0))
    assert stack.count() == 1 and stack.undoText() == "Set x = 4"
    stack.push(SetValueCommand(doc, w, 1.0))
    assert stack.count() == 2
    stack.undo()
    stack.undo()
    assert doc.nodes[x].value == 2.0
    stack.redo()
    stack.push(SetValueCommand(doc, x, 2.0))  # back where it started: no step at all
    assert stack.count() == 0 and doc.nodes[x].value == 2.0


def test_label_and_output(stack, graph):
    doc, _x, _w, m, t = graph
    stack.push(SetLabelCommand(doc, m, "product"))
    stack.push(SetOutputCommand(doc, t))
    assert doc.nodes[m].label == "product" and doc.explicit_output == t
    stack.undo()
    stack.undo()
    assert doc.nodes[m].label == "wx" and doc.explicit_output == m


def test_set_positions_is_one_step(stack, graph):
    doc, x, w, m, _t = graph
    stack.push(SetPositionsCommand(doc, {x: (1, 1), w: (2, 2), m: None}))
    assert stack.count() == 1 and doc.nodes[m].pos is None
    stack.undo()
    assert doc.nodes[m].pos == (200, 50) and doc.nodes[x].pos == (0, 0)


def test_paste_gets_fresh_ids_and_replays_them(stack, graph):
    doc, x, w, m, t = graph
    fragment = fragment_from_nodes(doc, [x, m, t])
    command = PasteCommand(doc, fragment, (100, 0))
    stack.push(command)
    new = command.node_ids
    assert len(new) == 3 and not set(new) & {x, w, m, t}
    nx, nm, nt = new
    assert doc.nodes[nx].pos == (100, 0) and doc.nodes[nx].label == nx
    assert doc.nodes[nm].label == "wx"
    assert doc.inputs_of(nm) == [nx, None] and doc.inputs_of(nt) == [nm]
    after = doc.to_dict()
    stack.undo()
    assert len(doc) == 4
    stack.redo()
    assert doc.to_dict() == after


def test_paste_skips_what_the_document_refuses(stack):
    doc = GraphDocument()
    fragment = {
        "nodes": [{"id": "a", "kind": "input", "value": 1.0}, {"id": "b", "kind": "op", "op": "?"}],
        "edges": [{"from": "a", "to": "b", "port": 0}],
    }
    command = PasteCommand(doc, fragment)
    stack.push(command)
    assert len(doc) == 1 and command.skipped == 1


def test_macro_closes_even_when_the_block_fails(stack, graph):
    doc, x, w, _m, _t = graph
    with pytest.raises(RuntimeError), macro(stack, "two"):
        stack.push(SetValueCommand(doc, x, 9.0))
        raise RuntimeError("boom")
    assert stack.count() == 1 and stack.undoText() == "two"
    stack.push(SetValueCommand(doc, w, 9.0))  # the stack is usable: not stuck in a macro
    assert stack.count() == 2

"""Removing and adding many nodes as one change: one event, everything checked first, and
a restore that gives back exactly what went (nodes, edges with their ports, positions,
the output, function nodes, the order the file lists them in)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_studio.graph import GraphDocument
from autograd_studio.graph.document import Edge, EventKind, NodeRecord
from autograd_studio.graph.errors import (
    BadPortError,
    BadValueError,
    CycleError,
    DuplicateIdError,
    GraphError,
    PortOccupiedError,
    SelfLoopError,
    UnknownFunctionError,
    UnknownNodeError,
    UnknownOpError,
)
from autograd_studio.graph.events import RESTORED
from autograd_studio.graph.fileformat import document_from_dict
from autograd_studio.graph.functions import FunctionDef
from autograd_studio.graph.plan import plan_for
from tests.graph.strategies import mirrored_graphs
from tests.graph.test_functions import canonical, scale_body


def _grid(rows: int = 6, columns: int = 5) -> GraphDocument:
    """Columns of adds fed by the column before (two ports each), inputs in column 0, a
    sum of the last column as the explicit output; every node placed."""
    doc = GraphDocument()
    doc.add_function(FunctionDef("scale", scale_body(), inputs=["x"], outputs=["m"]))
    previous = [
        doc.add_node("input", id=f"x{r}", value=float(r), pos=(0.0, 60.0 * r)) for r in range(rows)
    ]
    for c in range(1, columns):
        column = []
        for r in range(rows):
            nid = doc.add_node("op", op="add", id=f"a{c}_{r}", pos=(200.0 * c, 60.0 * r))
            doc.connect(previous[r], nid, 0)
            doc.connect(previous[(r + 1) % rows], nid, 1)
            column.append(nid)
        previous = column
    doc.add_node("function", function="scale", id="f", pos=(200.0 * columns, 0.0))
    doc.connect(previous[0], "f", 0)
    doc.add_node("op", op="add", id="hole")  # unplaced, its port 1 free
    doc.connect("x0", "hole", 0)
    total = doc.add_node("op", op="sum", arity=rows + 2, id="total", label="loss")
    for r, nid in enumerate(previous):
        doc.connect(nid, total, r)
    doc.connect("f", total, rows)
    doc.connect("hole", total, rows + 1)
    doc.node("x0").extra["note"] = {"kept": [1, 2]}
    doc.set_output(total)
    return doc


def _state(doc: GraphDocument, users_in_order: bool = True) -> tuple:
    """Everything a restore must give back, the order of every list included (but the
    order of a node's users, when *users_in_order* is off: a checked restore connects
    them again, as connect would, at the end)."""
    arrange = list if users_in_order else sorted
    users = {nid: arrange(doc.users_of(nid)) for nid in doc.nodes}
    return doc.to_dict(), list(doc.nodes), users, doc.explicit_output, doc.edge_count


def _recording(doc: GraphDocument) -> list:
    events: list = []
    doc.subscribe(events.append)
    return events


def test_removing_everything_is_one_event_naming_every_node_and_edge():
    doc = _grid()
    before = _state(doc)
    edges = doc.edges
    events = _recording(doc)
    removal = doc.remove_nodes(list(doc.nodes))
    assert [e.kind for e in events] == [EventKind.NODES_REMOVED, EventKind.OUTPUT_CHANGED]
    gone = events[0]
    assert gone.node_ids == tuple(before[1]) and gone.removed() == gone.node_ids
    assert sorted(gone.edges) == sorted(edges) and gone.structural and gone.affects_values
    assert len(doc) == 0 and doc.edges == [] and doc.output is None
    assert [r.id for r in removal.records] == before[1]
    events.clear()
    doc.restore(removal)
    assert [e.kind for e in events] == [EventKind.NODES_ADDED, EventKind.OUTPUT_CHANGED]
    assert events[0].added() == tuple(before[1]) and sorted(events[0].edges) == sorted(edges)
    assert _state(doc) == before
    assert doc.evaluate().data["total"] == _grid().evaluate().data["total"]


def test_removing_part_of_a_graph_and_restoring_it_gives_back_every_port_and_user():
    doc = _grid()
    before = _state(doc)
    middle = ["a2_1", "a2_2", "a3_0", "f", "x5"]
    events = _recording(doc)
    removal = doc.remove_nodes(middle)
    assert len(events) == 1 and events[0].kind is EventKind.NODES_REMOVED
    assert set(events[0].node_ids) == set(middle) and list(events[0].node_ids) == [
        nid for nid in before[1] if nid in middle
    ]
    touching = {e for e in _grid().edges if {e.source, e.target} & set(middle)}
    assert set(events[0].edges) == touching and len(events[0].edges) == len(touching)
    assert doc.inputs_of("total")[6] is None and doc.inputs_of("total")[0] is not None
    assert all(target not in middle for target, _port in doc.users_of("a1_2"))
    doc.restore(removal)
    assert len(events) == 2 and events[1].kind is EventKind.NODES_ADDED
    assert _state(doc) == before


def test_edges_between_nodes_that_stay_go_in_the_same_event():
    doc = _grid()
    before = _state(doc)
    loose = [Edge("a4_0", "total", 0), Edge("a1_0", "a2_0", 0)]
    events = _recording(doc)
    removal = doc.remove_nodes(["x3"], loose)
    assert len(events) == 1
    assert set(events[0].edges) == {*loose, *_grid().edges_of("x3")}
    assert doc.inputs_of("total")[0] is None and doc.inputs_of("a2_0")[0] is None
    doc.restore(removal)
    assert _state(doc) == before


def test_a_restore_after_other_changes_is_checked_and_still_exact():
    doc = _grid()
    removal = doc.remove_nodes(["a3_0", "a3_1", "f"])
    doc.add_node("weight", id="spare", value=2.0)  # the shape changed: no shortcut
    doc.set_value("x1", 7.0)
    doc.restore(removal)
    doc.remove_node("spare")
    doc.set_value("x1", 1.0)
    assert _state(doc, users_in_order=False) == _state(_grid(), users_in_order=False)


def test_a_restore_that_no_longer_fits_raises_and_changes_nothing():
    doc = _grid()
    removal = doc.remove_nodes(["a3_0"])
    doc.add_node("input", id="a3_0", value=1.0)  # its id is taken meanwhile
    before = _state(doc)
    events = _recording(doc)
    with pytest.raises(DuplicateIdError) as caught:
        doc.restore(removal)
    assert caught.value.node_ids == ("a3_0",)
    assert _state(doc) == before and events == []


def test_bad_ids_or_edges_to_remove_raise_and_remove_nothing():
    doc = _grid()
    before = _state(doc)
    events = _recording(doc)
    with pytest.raises(UnknownNodeError) as caught:
        doc.remove_nodes(["x1", "nope", "a1_1"])
    assert caught.value.node_ids == ("nope",) and "'nope'" in str(caught.value)
    with pytest.raises(BadPortError):
        doc.remove_nodes(["x1"], [Edge("x1", "a2_0", 1)])  # no such edge
    assert _state(doc) == before and events == []


def _leaf(nid: str, **fields) -> NodeRecord:
    return NodeRecord(nid, fields.pop("kind", "input"), value=fields.pop("value", 1.0), **fields)


@pytest.mark.parametrize(
    ("records", "edges", "error"),
    [
        ([_leaf("x1")], [], DuplicateIdError),  # taken
        ([_leaf("n"), _leaf("n")], [], DuplicateIdError),  # twice
        ([_leaf("9 lives")], [], BadValueError),
        ([NodeRecord("m", "op", op="nope")], [], UnknownOpError),
        ([NodeRecord("g", "function", function="nope")], [], UnknownFunctionError),
        ([_leaf("v", value=math.inf)], [], BadValueError),
        ([_leaf("v", value="2")], [], BadValueError),
        ([_leaf("v", pos=(1.0, math.nan))], [], BadValueError),
        ([NodeRecord("m", "op", op="mul", value=2.0)], [], BadValueError),
        ([NodeRecord("m", "bogus")], [], BadValueError),
        ([_leaf("v")], [Edge("v", "ghost", 0)], UnknownNodeError),
        ([_leaf("v")], [Edge("v", "x2", 0)], BadPortError),  # an input takes no inputs
        ([NodeRecord("m", "op", op="neg")], [Edge("x1", "m", 1)], BadPortError),
        ([_leaf("v")], [Edge("v", "a1_0", 0)], PortOccupiedError),
        (
            [NodeRecord("m", "op", op="mul")],
            [Edge("x1", "m", 0), Edge("x2", "m", 0)],
            PortOccupiedError,
        ),
        ([NodeRecord("m", "op", op="mul")], [Edge("m", "m", 0)], SelfLoopError),
        (  # a cycle among the new nodes
            [NodeRecord("p", "op", op="neg"), NodeRecord("q", "op", op="neg")],
            [Edge("p", "q", 0), Edge("q", "p", 0)],
            CycleError,
        ),
        (  # a cycle through nodes already there: total -> m -> hole -> total
            [NodeRecord("m", "op", op="mul")],
            [Edge("total", "m", 0), Edge("a1_0", "m", 1), Edge("m", "hole", 1)],
            CycleError,
        ),
    ],
)
def test_bad_nodes_or_edges_to_add_raise_and_add_nothing(records, edges, error):
    doc = _grid()
    before = _state(doc)
    events = _recording(doc)
    with pytest.raises(error) as caught:
        doc.add_nodes(records, edges)
    assert isinstance(caught.value, GraphError) and str(caught.value)
    assert _state(doc) == before and events == []


def test_add_nodes_with_an_order_puts_them_where_asked():
    doc = _grid(rows=2, columns=2)
    order = list(doc.nodes)
    added = [_leaf("first", pos=(1.0, 2.0)), NodeRecord("s", "op", op="sum", ports=("", "", ""))]
    events = _recording(doc)
    doc.add_nodes(added, [Edge("first", "s", 2)], order=["first", *order, "s"])
    assert next(iter(doc.nodes)) == "first" and list(doc.nodes)[-1] == "s"
    assert [e.kind for e in events] == [EventKind.NODES_ADDED]
    assert events[0].edges == (Edge("first", "s", 2),) and doc.users_of("first") == [("s", 2)]
    assert doc.node("s").arity == 3
    with pytest.raises(BadValueError):
        doc.add_nodes([_leaf("late")], order=order)  # "late" missing from the order
    assert "late" not in doc


def test_single_node_edits_keep_their_own_events():
    doc = _grid(rows=2, columns=2)
    events = _recording(doc)
    doc.remove_node("x1")
    kinds = [e.kind for e in events]
    assert kinds.count(EventKind.EDGE_REMOVED) == 2 and kinds[-1] is EventKind.NODE_REMOVED
    assert events[-1].removed() == ("x1",) and events[-1].added() == ()


@settings(max_examples=60, deadline=None)
@given(mirrored_graphs(max_ops=12), st.data())
def test_any_removal_then_restore_gives_the_same_document(mirrored, data):
    doc = mirrored.doc
    checked = data.draw(st.booleans())
    before = _state(doc, users_in_order=not checked)
    ids = list(doc.nodes)
    chosen = data.draw(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids)))
    removal = doc.remove_nodes(chosen)
    assert len(doc) == len(ids) - len(chosen)
    assert all(e.source not in chosen and e.target not in chosen for e in doc.edges)
    if checked:  # the shape changed meanwhile: the restore checks everything again
        doc.add_node("input", id="zz_spare")
        doc.remove_node("zz_spare")
    doc.restore(removal)
    assert _state(doc, users_in_order=not checked) == before


def test_a_restore_straight_after_the_removal_keeps_the_plan_and_says_so():
    doc = _grid()
    plan = plan_for(doc)
    expected = doc.evaluate().data
    events = _recording(doc)
    removal = doc.remove_nodes(list(doc.nodes))
    assert plan_for(doc) is not plan  # the empty graph's own
    doc.restore(removal)
    assert (events[-2].kind, events[-2].field) == (EventKind.NODES_ADDED, RESTORED)
    assert plan_for(doc) is plan and doc.evaluate().data == expected
    # After another change of shape the restore checks everything and compiles anew.
    removal = doc.remove_nodes(["a3_0", "f"])
    doc.add_node("input", id="spare")
    doc.remove_node("spare")
    events.clear()
    doc.restore(removal)
    assert [(e.kind, e.field) for e in events] == [(EventKind.NODES_ADDED, None)]
    assert plan_for(doc) is not plan and doc.evaluate().data == expected


def test_grouping_and_ungrouping_a_selection_send_one_batch_each():
    doc = _grid()
    chosen = [nid for nid in doc.nodes if not nid.startswith("x")]  # one output: total
    events = _recording(doc)
    node = doc.group(chosen)
    kinds = [e.kind for e in events]
    assert kinds.count(EventKind.NODES_REMOVED) == 1 and EventKind.NODE_REMOVED not in kinds
    assert set(events[kinds.index(EventKind.NODES_REMOVED)].node_ids) == set(chosen)
    events.clear()
    added = doc.ungroup(node)
    kinds = [e.kind for e in events]
    assert kinds.count(EventKind.NODES_ADDED) == 1
    assert EventKind.NODE_ADDED not in kinds and EventKind.EDGE_ADDED not in kinds
    assert sorted(added) == sorted(chosen)
    assert canonical(doc) == canonical(_grid())
    assert doc.evaluate().data["total"] == _grid().evaluate().data["total"]


def test_a_graph_just_loaded_removes_and_restores_without_its_users_index():
    doc = document_from_dict(_grid().to_dict())
    assert doc._user_index is None  # built only when asked (a big file loads faster)
    middle = ["a2_1", "a2_2", "x5"]
    expected = {e for e in _grid().edges if {e.source, e.target} & set(middle)}
    events = _recording(doc)
    removal = doc.remove_nodes(middle)
    assert set(events[0].edges) == expected and len(events[0].edges) == len(expected)
    assert doc._user_index is None  # still not built: the input lists were asked
    assert doc.inputs_of("a3_1")[0] is None and doc.users_of("a1_2") == []  # both users went
    doc.restore(removal)
    assert _state(doc) == _state(_grid())


def test_a_restore_straight_after_gives_back_the_dicts_and_a_later_change_frees_them():
    doc = _grid()
    nodes, plan = doc.nodes, plan_for(doc)
    removal = doc.remove_nodes(["a2_1", "x3"])
    assert doc.nodes is not nodes and removal.plan is plan
    doc.restore(removal)
    assert doc.nodes is nodes  # the very dict, in its order: nothing ordered again
    assert _state(doc) == _state(_grid())
    removal = doc.remove_nodes(["a2_1"])
    assert removal.plan is not None and removal.before is not None
    doc.add_node("input", id="spare")  # a change of shape: no restore straight after now
    assert removal.plan is None and removal.before is None  # nothing kept alive for it
    doc.remove_node("spare")
    doc.restore(removal)  # checked, and still exact (users connected again at the end)
    assert _state(doc, users_in_order=False) == _state(_grid(), users_in_order=False)

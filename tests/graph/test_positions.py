"""Moving many nodes at once: one ``positions_changed`` event, nothing moved on bad input,
and positions kept compactly that come back bit for bit."""

from __future__ import annotations

import math
from array import array

import pytest
from hypothesis import given
from hypothesis import strategies as st

from autograd_studio.graph.document import GraphDocument
from autograd_studio.graph.errors import BadValueError, UnknownNodeError
from autograd_studio.graph.events import EventKind
from autograd_studio.graph.positions import PositionArray


def three_nodes() -> tuple[GraphDocument, list[str]]:
    doc = GraphDocument()
    ids = [
        doc.add_node("input", pos=(0.0, 0.0)),
        doc.add_node("input", pos=(10.0, 0.0)),
        doc.add_node("op", op="add", pos=None),
    ]
    doc.connect(ids[0], ids[2], 0)
    return doc, ids


def test_set_positions_sends_one_event_naming_what_moved():
    doc, (a, b, c) = three_nodes()
    events = []
    doc.subscribe(events.append)
    version, structure = doc.version, doc.structure_version

    moved = doc.set_positions([(a, (5.0, 6.0)), (b, (10.0, 0.0)), (c, (1.0, 2.0))])

    assert moved == (a, c)  # b was already there
    assert [e.kind for e in events] == [EventKind.POSITIONS_CHANGED]
    event = events[0]
    assert event.node_ids == (a, c) and event.moved() == (a, c)
    assert event.field == "pos" and not event.structural and not event.affects_values
    assert doc.version == version + 1 and doc.structure_version == structure
    assert doc.nodes[a].pos == (5.0, 6.0) and doc.nodes[c].pos == (1.0, 2.0)


def test_set_positions_where_nothing_moves_sends_nothing():
    doc, (a, _b, _c) = three_nodes()
    events = []
    doc.subscribe(events.append)
    assert doc.set_positions([(a, (0.0, 0.0))]) == ()
    assert events == []


def test_a_single_move_names_its_node_as_moved():
    doc, (a, _b, _c) = three_nodes()
    events = []
    doc.subscribe(events.append)
    doc.set_pos(a, (3.0, 4.0))
    assert [e.moved() for e in events] == [(a,)]
    doc.set_label(a, "renamed")
    assert events[-1].moved() == ()


@pytest.mark.parametrize(
    "bad, error",
    [
        (("nope", (1.0, 1.0)), UnknownNodeError),
        (("x", (math.nan, 1.0)), BadValueError),
        (("x", ("left", 1.0)), BadValueError),
        (("x", (1.0, 2.0, 3.0)), BadValueError),
    ],
)
def test_a_bad_position_in_a_batch_moves_nothing(bad, error):
    doc, (a, b, _c) = three_nodes()
    before = {nid: r.pos for nid, r in doc.nodes.items()}
    events = []
    doc.subscribe(events.append)
    with pytest.raises(error):
        doc.set_positions([(a, (50.0, 50.0)), bad, (b, (70.0, 70.0))])
    assert {nid: r.pos for nid, r in doc.nodes.items()} == before
    assert events == []


def _bits(pos):
    return None if pos is None else tuple(float.hex(c) for c in pos)


finite = st.floats(allow_nan=False, allow_infinity=False)


@given(st.lists(st.one_of(st.none(), st.tuples(finite, finite)), min_size=1, max_size=40))
def test_a_position_array_gives_back_the_same_floats_bit_for_bit(positions):
    ids = [f"n{i}" for i in range(len(positions))]
    array = PositionArray.from_mapping(dict(zip(ids, positions, strict=True)))
    assert [_bits(p) for _id, p in array.items()] == [_bits(p) for p in positions]
    assert [_bits(array[i]) for i in ids] == [_bits(p) for p in positions]
    assert list(array) == ids and len(array) == len(ids)
    assert array.nbytes == 16 * len(ids)


@given(st.lists(st.one_of(st.none(), st.tuples(finite, finite)), min_size=3, max_size=3))
def test_positions_taken_from_a_document_put_it_back_bit_for_bit(positions):
    doc = GraphDocument()
    ids = [doc.add_node("input", pos=pos) for pos in positions]
    before = PositionArray.of(doc, ids)
    doc.set_positions([(node_id, (1.5, -2.5)) for node_id in ids])
    doc.set_positions(before.items())
    assert [_bits(doc.nodes[n].pos) for n in ids] == [_bits(p) for p in positions]
    doc.set_positions([(node_id, (1.5, -2.5)) for node_id in ids])
    doc.set_positions(before)  # (the array itself: an undo step's, checked at once)
    assert [_bits(doc.nodes[n].pos) for n in ids] == [_bits(p) for p in positions]


@pytest.mark.parametrize(
    "ids, xy, error",
    [
        (["a", "nope", "b"], [50.0, 50.0, 1.0, 1.0, 70.0, 70.0], UnknownNodeError),
        (["a", "b"], [50.0, 50.0, math.inf, 1.0], BadValueError),
        (["a", "b"], [50.0, 50.0, 1.0, -math.inf], BadValueError),
    ],
)
def test_a_bad_position_array_moves_nothing(ids, xy, error):
    doc, (a, b, _c) = three_nodes()
    ids = [{"a": a, "b": b}.get(name, name) for name in ids]
    before = {nid: r.pos for nid, r in doc.nodes.items()}
    events = []
    doc.subscribe(events.append)
    with pytest.raises(error):
        doc.set_positions(PositionArray(ids, array("d", xy)))
    assert {nid: r.pos for nid, r in doc.nodes.items()} == before
    assert events == []
    doc.set_positions(PositionArray([a, b], array("d", [5.0, 6.0, math.nan, math.nan])))
    assert (doc.nodes[a].pos, doc.nodes[b].pos) == ((5.0, 6.0), None)
    assert events[-1].moved() == (a, b)


@given(st.lists(st.one_of(st.none(), st.tuples(finite, finite)), min_size=3, max_size=3))
def test_the_changes_of_a_layout_are_those_of_nodes_it_moves(positions):
    # (an auto layout of a big graph: its positions against the document's, at C speed)
    doc = GraphDocument()
    ids = [doc.add_node("input", pos=pos) for pos in positions]
    layout = {ids[0]: (1.5, -2.5), "gone": (3.0, 4.0), ids[1]: positions[1] or (0.0, 0.0)}
    layout[ids[2]] = positions[2] if positions[2] is not None else (7.0, 8.0)
    new, old = PositionArray.changes(doc, layout)
    moved = {
        nid: pos for nid, pos in layout.items() if nid in doc.nodes and doc.nodes[nid].pos != pos
    }
    assert list(new) == list(old) == list(moved)
    assert [_bits(new[n]) for n in new] == [_bits(p) for p in moved.values()]
    assert [_bits(old[n]) for n in old] == [_bits(doc.nodes[n].pos) for n in old]

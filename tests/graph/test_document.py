"""The document API: mutations, typed errors with node ids, events, adjacency, cycle cost."""

from __future__ import annotations

import pytest

from autograd_studio.graph import (
    BadPortError,
    BadValueError,
    CycleError,
    DocumentEvent,
    DuplicateIdError,
    Edge,
    EventKind,
    GraphDocument,
    PortOccupiedError,
    SelfLoopError,
    UnknownNodeError,
    UnknownOpError,
)
from autograd_studio.graph.fileformat import document_from_dict


@pytest.fixture
def doc() -> GraphDocument:
    """x, w -> m = w*x -> r = relu(m)."""
    doc = GraphDocument()
    doc.add_node("input", id="x", value=2.0)
    doc.add_node("weight", id="w", value=-3.0)
    doc.add_node("op", id="m", op="mul")
    doc.add_node("op", id="r", op="relu")
    doc.connect("w", "m", 0)
    doc.connect("x", "m", 1)
    doc.connect("m", "r", 0)
    return doc


def recorder(doc: GraphDocument) -> list[DocumentEvent]:
    events: list[DocumentEvent] = []
    doc.subscribe(events.append)
    return events


def test_adding_nodes_gives_fresh_ids_labels_and_defaults():
    doc = GraphDocument()
    x = doc.add_node("input", label="x1", value=2)
    y = doc.add_node("input", label="x1")
    m = doc.add_node("op", op="mul")
    m2 = doc.add_node("op", op="mul", label="w*x")
    assert (x, m, m2) == ("x1", "mul", "mul1")
    assert y != x and y.startswith("x1")  # the label is taken as an id: a fresh one
    assert doc.nodes[x].value == 2.0 and isinstance(doc.nodes[x].value, float)
    assert doc.nodes[y].value == 0.0 and doc.nodes[y].label == "x1"
    assert doc.nodes[m].label == "" and doc.nodes[m].display_name == "×"
    assert doc.nodes[m2].display_name == "w*x"
    assert doc.inputs_of(m) == [None, None] and doc.nodes[m].arity == 2


@pytest.mark.parametrize(
    ("call", "error", "ids"),
    [
        (lambda d: d.add_node("op", op="conv", id="c"), UnknownOpError, ("c",)),
        (lambda d: d.add_node("op"), UnknownOpError, ()),
        (lambda d: d.add_node("input", id="x"), DuplicateIdError, ("x",)),
        (lambda d: d.add_node("input", id="2x"), BadValueError, ("2x",)),
        (lambda d: d.add_node("input", id="x\n2"), BadValueError, ("x\n2",)),
        (lambda d: d.add_node("blob"), BadValueError, ()),
        (lambda d: d.add_node("input", value=float("nan"), id="q"), BadValueError, ("q",)),
        (lambda d: d.add_node("input", value="3", id="q"), BadValueError, ("q",)),
        (lambda d: d.add_node("op", op="neg", value=1.0, id="q"), BadValueError, ("q",)),
        (lambda d: d.add_node("input", op="neg", id="q"), BadValueError, ("q",)),
        (lambda d: d.connect("x", "nowhere", 0), UnknownNodeError, ("nowhere",)),
        (lambda d: d.connect("ghost", "m", 0), UnknownNodeError, ("ghost",)),
        (lambda d: d.connect("x", "w", 0), BadPortError, ("w",)),
        (lambda d: d.connect("x", "r", 1), BadPortError, ("r",)),
        (lambda d: d.connect("x", "r", -1), BadPortError, ("r",)),
        (lambda d: d.connect("r", "r", 0), SelfLoopError, ("r",)),
        (lambda d: d.connect("x", "m", 0), PortOccupiedError, ("m", "w")),
        (lambda d: d.connect("r", "m", 0, replace=True), CycleError, ("m", "r")),
        (lambda d: d.disconnect("r", 0) and d.disconnect("r", 0), BadPortError, ("r",)),
        (lambda d: d.disconnect("x", 0), BadPortError, ("x",)),
        (lambda d: d.set_value("m", 1.0), BadValueError, ("m",)),
        (lambda d: d.set_value("x", float("inf")), BadValueError, ("x",)),
        (lambda d: d.set_pos("x", (0, float("nan"))), BadValueError, ("x",)),
        (lambda d: d.set_pos("x", "far"), BadValueError, ("x",)),
        (lambda d: d.set_output("ghost"), UnknownNodeError, ("ghost",)),
        (lambda d: d.remove_node("ghost"), UnknownNodeError, ("ghost",)),
    ],
)
def test_every_refusal_is_a_typed_error_carrying_the_node_ids(doc, call, error, ids):
    before = doc.to_dict()
    with pytest.raises(error) as caught:
        call(doc)
    assert caught.value.node_ids == ids
    if error is not BadPortError or ids != ("r",):  # (the double disconnect did one)
        assert doc.to_dict() == before  # a refused change changes nothing


def test_a_cycle_is_refused_with_a_message_naming_the_nodes(doc):
    doc.add_node("op", id="n", op="neg", label="negate")
    doc.connect("r", "n", 0)
    with pytest.raises(CycleError) as caught:
        doc.connect("n", "m", 0, replace=True)
    assert caught.value.node_ids == ("m", "r", "n")
    assert "'negate'" in str(caught.value) and "cycle" in str(caught.value)
    assert not doc.can_connect("n", "m", 0, replace=True)
    assert doc.can_connect("x", "n", 0, replace=True)


def test_replace_swaps_the_edge_into_a_taken_port_and_returns_the_old_one(doc):
    events = recorder(doc)
    old = doc.connect("x", "m", 0, replace=True)
    assert old == Edge("w", "m", 0)
    assert doc.inputs_of("m") == ["x", "x"]
    assert doc.users_of("w") == [] and sorted(doc.users_of("x")) == [("m", 0), ("m", 1)]
    assert [e.kind for e in events] == ["edge_removed", "edge_added"]
    assert events[1].edge == Edge("x", "m", 0)


def test_disconnect_and_remove_node_keep_the_adjacency_consistent(doc):
    events = recorder(doc)
    assert doc.disconnect("m", 1) == Edge("x", "m", 1)
    assert doc.inputs_of("m") == ["w", None] and doc.users_of("x") == []
    doc.set_output("m")
    removed = doc.remove_node("m")
    assert removed == [Edge("w", "m", 0), Edge("m", "r", 0)]
    assert "m" not in doc and doc.users_of("w") == [] and doc.inputs_of("r") == [None]
    assert doc.explicit_output is None
    assert [(e.kind, e.node_id) for e in events] == [
        ("edge_removed", None),
        ("output_changed", "m"),
        ("edge_removed", None),
        ("edge_removed", None),
        ("output_changed", None),
        ("node_removed", "m"),
    ]


def test_edges_sinks_and_the_implied_output(doc):
    assert doc.edges == [Edge("w", "m", 0), Edge("x", "m", 1), Edge("m", "r", 0)]
    assert doc.edges_of("m") == [Edge("w", "m", 0), Edge("x", "m", 1), Edge("m", "r", 0)]
    assert doc.sinks() == ["r"] and doc.output == "r" and doc.explicit_output is None
    doc.add_node("op", id="n", op="neg")
    assert doc.output is None  # two sinks: no implied output
    doc.set_output("m")
    assert doc.output == "m"


def test_events_report_every_change_and_versions_tell_structure_from_values(doc):
    events = recorder(doc)
    structure, version = doc.structure_version, doc.version
    doc.set_value("x", 5.0)
    doc.set_value("x", 5.0)  # no change, no event
    doc.set_label("x", "input")
    doc.set_pos("x", (1, 2))
    doc.set_output("m")
    assert doc.structure_version == structure
    assert doc.version == version + 4
    assert [(e.kind, e.node_id, e.field) for e in events] == [
        ("node_changed", "x", "value"),
        ("node_changed", "x", "label"),
        ("node_changed", "x", "pos"),
        ("output_changed", "m", None),
    ]
    doc.add_node("op", id="n", op="neg")
    doc.connect("r", "n", 0)
    assert doc.structure_version == structure + 2
    assert [e.kind for e in events[-2:]] == ["node_added", "edge_added"]


def test_each_event_says_whether_it_changes_the_shape_or_any_number(doc):
    events = recorder(doc)
    doc.set_value("x", 5.0)
    doc.set_label("x", "input")
    doc.set_pos("x", (1, 2))
    doc.set_output("m")
    doc.add_node("op", id="n", op="neg")
    doc.connect("r", "n", 0)
    doc.disconnect("n", 0)
    doc.remove_node("n")
    doc.clear()
    flags = [(e.kind, e.structural, e.affects_values) for e in events]
    assert flags == [
        (EventKind.NODE_CHANGED, False, True),  # a value: numbers change, shape does not
        (EventKind.NODE_CHANGED, False, False),  # a label
        (EventKind.NODE_CHANGED, False, False),  # a move
        (EventKind.OUTPUT_CHANGED, False, True),  # backward's root moved
        (EventKind.NODE_ADDED, True, True),
        (EventKind.EDGE_ADDED, True, True),
        (EventKind.EDGE_REMOVED, True, True),
        (EventKind.NODE_REMOVED, True, True),
        (EventKind.RESET, True, True),
    ]


def test_unsubscribe_stops_the_events(doc):
    events: list[DocumentEvent] = []
    unsubscribe = doc.subscribe(events.append)
    doc.set_value("x", 1.0)
    unsubscribe()
    unsubscribe()  # twice is harmless
    doc.set_value("x", 2.0)
    assert len(events) == 1


def test_clear_is_one_reset_event(doc):
    events = recorder(doc)
    doc.metadata["description"] = "gone"
    doc.clear()
    assert len(doc) == 0 and doc.edges == [] and doc.metadata == {}
    assert [e.kind for e in events] == ["reset"]


def test_copies_are_equal_and_independent(doc):
    doc.nodes["x"].extra["color"] = "red"
    copy = doc.copy()
    assert copy == doc and copy is not doc
    copy.set_value("x", 9.0)
    assert copy != doc and doc.nodes["x"].value == 2.0


def test_topological_order_puts_sources_first_whatever_the_insertion_order():
    doc = GraphDocument()
    doc.add_node("op", id="out", op="add")
    doc.add_node("op", id="mid", op="neg")
    doc.add_node("input", id="a", value=1.0)
    doc.connect("mid", "out", 0)
    doc.connect("a", "out", 1)
    doc.connect("a", "mid", 0)
    order = doc.topological_order()
    assert sorted(order) == ["a", "mid", "out"]
    assert order.index("a") < order.index("mid") < order.index("out")


class CountingUsers(dict):
    """The document's user index, counting the nodes the cycle check looks at."""

    touched = 0

    def __getitem__(self, key):
        CountingUsers.touched += 1
        return super().__getitem__(key)


def test_connecting_a_long_chain_touches_each_node_a_bounded_number_of_times():
    doc = GraphDocument()
    doc._users = CountingUsers(doc._users)  # instrument the adjacency index
    previous = doc.add_node("input", value=1.0)
    CountingUsers.touched = 0
    n = 1000
    for _ in range(n):
        node = doc.add_node("op", op="neg")
        doc.connect(previous, node, 0)
        previous = node
    # Each connect looks at the new target's users (none yet) and its source's: O(1) each.
    # Scanning every edge per connect, as peers do, would touch ~n²/2 = 500,000.
    assert CountingUsers.touched <= 4 * n
    # Closing the chain into a loop must walk it once, and is refused.
    CountingUsers.touched = 0
    first = next(iter(doc.nodes))
    add = doc.add_node("op", op="add")
    doc.connect(first, add, 0)
    with pytest.raises(CycleError):
        doc.connect(previous, list(doc.nodes)[1], 0, replace=True)
    assert n <= CountingUsers.touched <= 4 * n


def test_users_follow_connects_and_disconnects_between_the_same_two_nodes():
    doc = GraphDocument()
    x = doc.add_node("input", id="x", value=2.0)
    m = doc.add_node("op", op="mul", id="m")
    r = doc.add_node("op", op="relu", id="r")
    doc.connect(x, m, 0)
    doc.connect(x, m, 1)
    doc.connect(x, r, 0)
    assert doc.users_of(x) == [(m, 0), (m, 1), (r, 0)]
    doc.disconnect(m, 1)  # only that edge goes, not the other into the same node
    assert doc.users_of(x) == [(m, 0), (r, 0)]
    clone = doc.snapshot()
    doc.connect(x, m, 1)  # back, in the order of connecting
    assert doc.users_of(x) == [(m, 0), (r, 0), (m, 1)]
    assert doc.edges_of(x) == [Edge(x, m, 0), Edge(x, r, 0), Edge(x, m, 1)]
    assert clone.users_of(x) == [(m, 0), (r, 0)]  # the snapshot keeps its own index
    doc.remove_node(m)
    assert doc.users_of(x) == [(r, 0)] and doc.sinks() == [r]
    # A document read from a file builds the same index on first use.
    loaded = document_from_dict(doc.to_dict())
    assert loaded.users_of(x) == [(r, 0)] and loaded.topological_order() == [x, r]


def test_the_edge_count_follows_every_change_of_shape():
    doc = GraphDocument()
    x = doc.add_node("input", id="x", value=2.0)
    m = doc.add_node("op", op="mul", id="m")
    counts = [doc.edge_count]
    doc.connect(x, m, 0)
    counts.append(doc.edge_count)
    doc.connect(x, m, 1)
    counts.append(doc.edge_count)
    doc.set_value(x, 3.0)  # no change of shape: the count is not walked again, and right
    counts.append(doc.edge_count)
    doc.disconnect(m, 0)
    counts.append(doc.edge_count)
    r = doc.add_node("op", op="relu", id="r")
    doc.connect(m, r, 0)
    counts.append(doc.edge_count)
    doc.remove_node(m)
    counts.append(doc.edge_count)
    assert counts == [0, 1, 2, 2, 1, 2, 0] and doc.edge_count == len(doc.edges)
    loaded = document_from_dict(doc.to_dict())
    assert loaded.edge_count == len(loaded.edges) == 0
    doc.clear()
    assert doc.edge_count == 0

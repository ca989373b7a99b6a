"""Default sizes, and sizes the editor passes."""

from __future__ import annotations

import itertools

import pytest

from autograd_studio.graph import GraphDocument
from autograd_studio.layout import (
    DEFAULT_NODE_SIZE,
    LAYER_GAP,
    LayoutGraph,
    estimate_size,
    layer_gap,
    layout,
)
from autograd_studio.layout.sizes import SMALL_GRAPH, SMALL_LAYER_GAP, sizes_for
from tests.layout.drawings import neuron, overlaps
from tests.requirements import require_dot


def test_every_kind_gets_the_canvas_card_size():
    document = neuron()
    for record in document.nodes.values():
        width, height = estimate_size(record)
        assert (width, height) == DEFAULT_NODE_SIZE
        assert width > 0 and height > 0


def test_sizes_not_given_are_estimated():
    document = neuron()
    first = next(iter(document.nodes))
    result = layout(document, engine="layered", sizes={first: (400.0, 200.0)})
    assert result.sizes[first] == (400.0, 200.0)
    others = [n for n in document.nodes if n != first]
    assert all(result.sizes[n] == DEFAULT_NODE_SIZE for n in others)
    assert overlaps(result) == []


@pytest.mark.parametrize("bad", [(0, 10), (10, -1), (float("inf"), 10), ("wide", 10), (5,)])
def test_bad_sizes_are_refused_with_the_node_named(bad):
    document = GraphDocument()
    document.add_node("input", label="x")
    with pytest.raises(ValueError, match="size of 'x'"):
        layout(document, engine="layered", sizes={"x": bad})


def test_centres_and_bounds_follow_the_sizes():
    document = neuron()
    sizes = {n: (100.0 + i, 50.0) for i, n in enumerate(document.nodes)}
    result = layout(document, engine="layered", sizes=sizes)
    for node_id, (cx, cy) in result.centres().items():
        x, y = result.positions[node_id]
        assert (cx, cy) == (x + sizes[node_id][0] / 2, y + 25.0)
    left, top, right, bottom = result.bounds()
    assert (left, top) == (0.0, 0.0)
    assert right == max(x + sizes[n][0] for n, (x, _) in result.positions.items())
    assert bottom == max(y + 50.0 for _, y in result.positions.values())


def _chain(length: int) -> GraphDocument:
    doc = GraphDocument()
    previous = doc.add_node("input", label="x", value=0.5)
    for _ in range(1, length):
        node = doc.add_node("op", op="tanh")
        doc.connect(previous, node, 0)
        previous = node
    return doc


@pytest.mark.parametrize("engine", ["dot", "layered"])
@pytest.mark.parametrize("length", [SMALL_GRAPH, SMALL_GRAPH + 1])
def test_columns_of_a_small_graph_are_closer_than_a_big_ones(engine, length):
    """Small graphs (the first examples) fit a 1280x800 screen readable; big ones keep the
    wide gap.  Both engines space the columns by the same rule."""
    if engine == "dot":
        require_dot()
    doc = _chain(length)
    result = layout(doc, engine=engine)
    assert result.engine == engine
    xs = sorted(x for x, _ in result.positions.values())
    pitches = {round(b - a) for a, b in itertools.pairwise(xs)}
    gap = SMALL_LAYER_GAP if length <= SMALL_GRAPH else LAYER_GAP
    assert gap == layer_gap(length)
    assert pitches == {round(DEFAULT_NODE_SIZE[0] + gap)}


def test_sizes_given_for_every_node_are_checked_and_kept_per_node():
    document = GraphDocument()
    ids = [document.add_node(kind, label=f"n{i}") for i, kind in enumerate(["input", "weight"] * 3)]
    card, wide = (168, 70), [300.0, 90.0]  # ints, and a list (cannot be hashed)
    sizes = {node_id: card for node_id in ids} | {ids[3]: wide}
    assert (
        sizes_for(document, sizes, ids)
        == [(168.0, 70.0)] * 3 + [(300.0, 90.0)] + [(168.0, 70.0)] * 2
    )
    assert all(isinstance(v, float) for size in sizes_for(document, sizes, ids) for v in size)
    for bad in [(0, 70), ("wide", 70), (float("nan"), 70)]:
        with pytest.raises(ValueError, match=f"size of '{ids[4]}'"):
            sizes_for(document, sizes | {ids[4]: bad}, ids)


def test_a_snapshot_of_the_whole_document_lists_every_edge_as_document_edges_does():
    document = GraphDocument()
    x, w = document.add_node("input", id="x"), document.add_node("weight", id="w")
    mul = document.add_node("op", op="mul", id="m")
    add = document.add_node("op", op="add", id="a")  # port 0 left open
    tanh = document.add_node("op", op="tanh", id="t")
    document.connect(x, mul, 0)
    document.connect(w, mul, 1)
    document.connect(mul, add, 1)
    document.connect(add, tanh, 0)
    graph = LayoutGraph.from_document(document)
    index = {node_id: i for i, node_id in enumerate(graph.ids)}
    assert graph.edges == tuple((index[e.source], index[e.target], e.port) for e in document.edges)
    assert graph.edges == ((0, 2, 0), (1, 2, 1), (2, 3, 1), (3, 4, 0))
    assert graph.arity == (0, 0, 2, 2, 1)
    part = LayoutGraph.from_document(document, node_ids=list(document.nodes))
    assert (part.edges, part.sizes, part.arity) == (graph.edges, graph.sizes, graph.arity)

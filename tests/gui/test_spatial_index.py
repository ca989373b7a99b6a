"""The virtual canvas's spatial index answers what a scan of every node and edge would."""

from __future__ import annotations

import random

import numpy as np
from PySide6.QtCore import QRectF

from autograd_studio.graph.document import Edge, GraphDocument
from autograd_studio.graph.node_set import NodeSet
from autograd_studio.gui.canvas.edge_item import EdgeItem
from autograd_studio.gui.canvas.node_geometry import NODE_HEIGHT, NODE_WIDTH
from autograd_studio.gui.canvas.spatial import CELL, SpatialIndex


def scattered(seed: int, count: int = 400) -> GraphDocument:
    rng = random.Random(seed)
    doc = GraphDocument()
    ids = []
    for i in range(count):
        pos = (rng.uniform(-9000, 9000), rng.uniform(-6000, 6000))
        if i < 20 or rng.random() < 0.2:
            ids.append(doc.add_node("input", pos=pos))
        else:
            nid = doc.add_node("op", op=rng.choice(["add", "mul", "sub"]), pos=pos)
            doc.connect(rng.choice(ids), nid, 0)
            doc.connect(rng.choice(ids), nid, 1)
            ids.append(nid)
    return doc


def test_nodes_and_edges_in_a_rectangle_match_a_scan_of_everything():
    for seed in range(4):
        doc = scattered(seed)
        index = SpatialIndex()
        index.rebuild(doc, None)
        rng = random.Random(seed)
        for _ in range(40):
            left, top = rng.uniform(-10000, 9000), rng.uniform(-7000, 6000)
            rect = QRectF(left, top, rng.uniform(10, 3 * CELL), rng.uniform(10, 3 * CELL))
            want = {
                nid
                for nid, r in doc.nodes.items()
                if rect.intersects(QRectF(*r.pos, NODE_WIDTH, NODE_HEIGHT))
            }
            got = index.nodes_in(rect.left(), rect.top(), rect.right(), rect.bottom())
            assert sorted(got) == sorted(want)
            edges = set()
            for edge in doc.edges:
                s, t = doc.nodes[edge.source].pos, doc.nodes[edge.target].pos
                ends = (s[0] + NODE_WIDTH, s[1] + NODE_HEIGHT / 2, t[0], t[1])
                ends = (*ends[:3], t[1] + NODE_HEIGHT * (edge.port + 1) / 3)
                if rect.intersects(EdgeItem.between(edge, *ends).boundingRect()):
                    edges.add(edge)
            got_edges = index.edges_in(rect.left(), rect.top(), rect.right(), rect.bottom())
            assert set(got_edges) == edges


def test_moves_are_found_where_they_went_and_edges_by_row():
    doc = scattered(7)
    index = SpatialIndex()
    index.rebuild(doc, None)
    nid = list(doc.nodes)[50]
    index.move(nid, 50_000.0, 50_000.0)
    assert index.nodes_in(49_990, 49_990, 50_010, 50_010) == [nid]
    assert nid not in index.nodes_in(-10_000, -7_000, 10_000, 7_000)
    edges = list(doc.edges)
    rows = index.edge_rows([*edges, Edge("nope", edges[0].target, 0)]).tolist()
    src, dst, port, _y = index.edge_arrays()
    ids = index.ids
    assert [Edge(ids[src[k]], ids[dst[k]], int(port[k])) for k in rows[:-1]] == edges
    assert rows[-1] == -1


def test_the_corners_of_nodes_are_those_of_a_scan_whichever_nodes_are_asked():
    doc = scattered(3)
    index = SpatialIndex()
    index.rebuild(doc, None)
    ids = list(doc.nodes)
    rng = random.Random(3)
    shuffled = rng.sample(ids, len(ids))
    some = shuffled[: len(ids) // 3]

    def scan(chosen):
        xs = [doc.nodes[nid].pos[0] for nid in chosen]
        ys = [doc.nodes[nid].pos[1] for nid in chosen]
        return min(xs), min(ys), max(xs), max(ys)

    # every node (in any order, as a tuple or a generator), a part, a part with strangers
    assert index.bounds_of(tuple(shuffled)) == scan(ids)
    assert index.bounds_of(iter(shuffled)) == scan(ids)
    assert index.bounds_of(some) == scan(some)
    assert index.bounds_of([*some, "stranger"]) == scan(some)
    assert index.bounds_of([*shuffled[1:], "stranger"]) == scan(shuffled[1:])
    assert index.bounds_of([]) is None and index.bounds_of(["stranger"]) is None
    index.move(shuffled[0], -1e6, 2e6)  # the whole-graph answer follows a move
    left, _top, _right, bottom = index.bounds_of(ids)
    assert (left, bottom) == (-1e6, 2e6)


def test_the_index_takes_the_rows_of_a_node_set_over_its_ids_from_the_mask():
    doc = GraphDocument()
    made = [doc.add_node("input", value=float(k), pos=(k * 10.0, 0.0)) for k in range(6)]
    index = SpatialIndex()
    index.rebuild(doc, None)
    mask = np.array([k % 2 == 0 for k in range(6)])
    lined_up = NodeSet(list(doc.nodes), mask)
    assert index.rows(lined_up).tolist() == [0, 2, 4]
    assert sorted(index.rows(set(lined_up)).tolist()) == [0, 2, 4]
    # over other ids (a plan with a function's inner nodes): looked up, the same rows
    other = NodeSet(["f1/inner", *reversed(made)], np.array([True, *mask[::-1]]))
    assert sorted(index.rows(other).tolist()) == [0, 2, 4]

"""Edges only passing through the view of a virtual canvas have no items: the view draws
them behind the cards in one batch (``canvas/far_edges.py``).  On the 2,400-node grid of
``test_canvas_virtual`` plus long edges from far above the grid to far below it."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF

from autograd_studio.gui.canvas.edge_item import edge_path
from autograd_studio.gui.canvas.far_edges import curves_path
from autograd_studio.gui.canvas.node_item import NODE_HEIGHT, NODE_WIDTH
from autograd_studio.gui.canvas.spatial import SpatialIndex
from tests.gui.canvas_helpers import wheel
from tests.gui.test_canvas_virtual import DX, grid_graph

LONG = 8  # long edges


@pytest.fixture
def doc():
    document, _grid = grid_graph()
    for k in range(LONG):  # from far above to far below, crossing the view at 1:1
        top = document.add_node("input", value=1.0, pos=(DX + 30.0 * k, -40_000.0))
        bottom = document.add_node("op", op="neg", pos=(2 * DX + 40.0 * k, 40_000.0))
        document.connect(top, bottom, 0)
    return document


def long_edges(doc):
    return [e for e in doc.edges if doc.nodes[e.source].pos[1] == -40_000.0]


def crossing_x(edge_path_, y: float) -> float:
    """Where the curve crosses height *y* (its y grows along it)."""
    lo, hi = 0.0, 1.0
    for _ in range(60):
        mid = (lo + hi) / 2
        if edge_path_.pointAtPercent(mid).y() < y:
            lo = mid
        else:
            hi = mid
    return edge_path_.pointAtPercent(lo).x()


def test_edges_passing_through_have_no_items_and_are_drawn_behind_the_cards(qtbot, view, doc):
    scene = view.graph_scene
    assert scene.virtual
    passing = long_edges(doc)
    assert len(passing) == LONG
    assert not set(passing) & set(scene.edge_items)  # no item for an edge only passing by
    assert scene.edge_items  # the grid's edges, with an end on screen, have theirs
    image = view.viewport().grab().toImage()
    assert scene.far_edges.drawn >= LONG
    background = scene.theme.background.rgb()
    y = view.mapToScene(view.viewport().rect().center()).y()
    for edge in passing:
        curve = edge_path(
            view.port_scene_pos(edge.source, "out"), view.port_scene_pos(edge.target, 0)
        )
        point = view.mapFromScene(QPointF(crossing_x(curve, y), y))
        shades = {image.pixelColor(point.x() + dx, point.y()).rgb() for dx in (-1, 0, 1)}
        assert shades != {background}, edge


def test_wheeling_in_to_readable_zoom_makes_items_only_for_edges_ending_in_the_region(
    qtbot, view, doc
):
    scene = view.graph_scene
    for _ in range(8):
        wheel(view, QPointF(400, 300), -240)
    qtbot.waitUntil(lambda: not scene.edge_items)
    while view.zoom() < 1.0:
        wheel(view, QPointF(400, 300), 240)
    region = scene._region
    inside = set(scene.index.nodes_in(*region))
    assert scene.edge_items
    for edge in scene.edge_items:
        assert edge.source in inside or edge.target in inside
    assert not set(long_edges(doc)) & set(scene.edge_items)


def test_the_batched_curves_are_the_items_curves():
    index = SpatialIndex()
    index.xs = np.array([0.0, 500.0, -300.0])
    index.ys = np.array([0.0, 900.0, 40.0])
    index._src, index._dst = np.array([0, 0, 1]), np.array([1, 2, 2])
    index._port, index._port_y = np.array([0, 1, 0]), np.array([30.0, 50.0, 20.0])
    path = curves_path(index, np.array([0, 1, 2]))
    assert path.elementCount() == 12
    for k, (s, t, port_y) in enumerate([(0, 1, 30.0), (0, 2, 50.0), (1, 2, 20.0)]):
        start = QPointF(index.xs[s] + NODE_WIDTH, index.ys[s] + NODE_HEIGHT / 2)
        one = edge_path(start, QPointF(index.xs[t], index.ys[t] + port_y))
        for i in range(4):
            mine, theirs = path.elementAt(4 * k + i), one.elementAt(i)
            assert (mine.type, mine.x, mine.y) == (theirs.type, theirs.x, theirs.y)

"""What keeps big graphs usable: Fit below the usual zoom floor, edge items whose curve is
built lazily but bounded exactly, and bulk moves that drop and rebuild the scene index."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QGraphicsScene

from autograd_studio.graph.document import Edge, GraphDocument
from autograd_studio.gui.canvas import edge_routing as scene_module
from autograd_studio.gui.canvas.edge_item import EDGE_WIDTH, EdgeItem, edge_path
from autograd_studio.gui.canvas.navigation import MIN_ZOOM
from autograd_studio.gui.canvas.node_geometry import DETAILED_UP_TO
from autograd_studio.gui.editing.commands import SetPositionsCommand
from tests.gui.canvas_helpers import wheel


def chain(doc: GraphDocument, n: int, dx: float = 240.0, dy: float = 0.0) -> list[str]:
    ids = [doc.add_node("input", pos=(0.0, 0.0))]
    for i in range(1, n):
        ids.append(doc.add_node("op", op="tanh", pos=(i * dx, i * dy)))
        doc.connect(ids[-2], ids[-1], 0)
    return ids


def test_fit_shows_a_graph_too_tall_for_the_usual_zoom_floor(view, doc):
    chain(doc, DETAILED_UP_TO)  # a big graph: Fit shows all of it, however small
    doc.add_node("input", pos=(3000, 250_000))  # needs a zoom of about 0.003 in 700 px
    QTest.keyClick(view, Qt.Key.Key_F)
    assert view.zoom() < MIN_ZOOM / 10
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    for item in view.graph_scene.node_items.values():
        assert visible.contains(item.sceneBoundingRect())
    fitted = view.zoom()
    for _ in range(30):  # zooming out stops a little past the fit, not at MIN_ZOOM
        wheel(view, view.graph_scene.nodes_bounding_rect().center(), -600)
    assert 0.7 * fitted <= view.zoom() < fitted


def test_small_graphs_keep_the_usual_zoom_floor(view, doc):
    chain(doc, 3)
    for _ in range(60):
        wheel(view, QPointF(100, 100), -600)
    assert view.zoom() == pytest.approx(MIN_ZOOM)


def test_edge_bounds_match_the_curve_without_building_it():
    rng = random.Random(5)
    edge = Edge("a", "b", 0)
    for _ in range(200):
        sx, sy = rng.uniform(-900, 900), rng.uniform(-900, 900)
        # forwards, backwards (looping out) and vertical edges
        ex = sx + rng.choice([rng.uniform(-600, 600), 0.0, rng.uniform(1, 30)])
        ey = sy + rng.uniform(-500, 500)
        item = EdgeItem.between(edge, sx, sy, ex, ey)
        margin = EDGE_WIDTH + 3
        expected = (
            edge_path(QPointF(sx, sy), QPointF(ex, ey))
            .controlPointRect()
            .adjusted(-margin, -margin, margin, margin)
        )
        bounds = item.boundingRect()
        for got, want in zip(
            (bounds.left(), bounds.top(), bounds.right(), bounds.bottom()),
            (expected.left(), expected.top(), expected.right(), expected.bottom()),
            strict=True,
        ):
            assert got == pytest.approx(want, abs=1e-9)
        assert item.path().pointAtPercent(0) == QPointF(sx, sy)
        assert item.path().pointAtPercent(1) == QPointF(ex, ey)


def test_a_bulk_move_reroutes_every_edge_once_the_turn_is_over(
    qtbot, view, doc, undo_stack, monkeypatch
):
    ids = chain(doc, 300)
    # Any re-routing "costs more than an index rebuild": the bulk path at once, on any machine.
    monkeypatch.setattr(scene_module, "BULK_SECONDS_MIN", 0.0)
    monkeypatch.setattr(scene_module, "BULK_SECONDS_PER_ITEM", 0.0)
    monkeypatch.setattr(scene_module, "BULK_ITEMS_MIN", 0)
    scene = view.graph_scene
    moved = {node_id: (i * 200.0, (i % 7) * 90.0) for i, node_id in enumerate(ids)}
    undo_stack.push(SetPositionsCommand(doc, moved))
    # Many moves in one turn: the index is off and the edges wait for the turn to end.
    assert scene.itemIndexMethod() == QGraphicsScene.ItemIndexMethod.NoIndex
    qtbot.waitUntil(lambda: scene.itemIndexMethod() == QGraphicsScene.ItemIndexMethod.BspTreeIndex)

    def ends_follow_ports() -> bool:
        for edge, item in scene.edge_items.items():
            path = item.path()
            if path.pointAtPercent(0) != view.port_scene_pos(edge.source, "out"):
                return False
            if path.pointAtPercent(1) != view.port_scene_pos(edge.target, edge.port):
                return False
        return True

    qtbot.waitUntil(ends_follow_ports)
    # The rebuilt index finds the items where they are now.
    last = view.node_item(ids[-1])
    assert last in scene.items(last.sceneBoundingRect().center())
    undo_stack.undo()
    qtbot.waitUntil(ends_follow_ports)
    assert view.node_item(ids[5]).pos() == QPointF(5 * 240.0, 0.0)


def test_moving_within_the_budget_keeps_the_index(qtbot, view, doc, undo_stack, monkeypatch):
    ids = chain(doc, 300)
    monkeypatch.setattr(scene_module, "BULK_SECONDS_MIN", 10.0)
    scene = view.graph_scene
    undo_stack.push(SetPositionsCommand(doc, {ids[3]: (700.0, 500.0)}))
    assert scene.itemIndexMethod() == QGraphicsScene.ItemIndexMethod.BspTreeIndex
    item = scene.edge_item(Edge(ids[3], ids[4], 0))
    assert item.path().pointAtPercent(0) == view.port_scene_pos(ids[3], "out")  # at once

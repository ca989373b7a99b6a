"""Edges only passing through the view of a virtual canvas have no items: the view draws
them behind the cards in one batch (``canvas/far_edges.py``).  On the 2,400-node grid of
``test_canvas_virtual`` plus long edges from far above the grid to far below it."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QPainterPath
from PySide6.QtTest import QTest

from autograd_studio.graph.document import Edge, GraphDocument
from autograd_studio.gui.canvas.decorations import EdgeStyle
from autograd_studio.gui.canvas.edge_item import edge_path
from autograd_studio.gui.canvas.far_edge_picking import REACH, far_edge_at
from autograd_studio.gui.canvas.far_edges import curves_path
from autograd_studio.gui.canvas.node_item import NODE_HEIGHT, NODE_WIDTH
from autograd_studio.gui.canvas.overview import OVERVIEW_SCALE
from autograd_studio.gui.canvas.spatial import SpatialIndex
from tests.gui.canvas_helpers import click, drag, move, wheel
from tests.gui.test_canvas_virtual import DX, grid_graph

LONG = 8  # long edges
MIDDLE = Qt.MouseButton.MiddleButton


def grid_with_long_edges(count: int, top_step: float, bottom_step: float) -> GraphDocument:
    """The grid plus *count* edges from far above it to far below, crossing the view at
    1:1, their ends *top_step* and *bottom_step* apart."""
    document, _grid = grid_graph()
    for k in range(count):
        top = document.add_node("input", value=1.0, pos=(DX + top_step * k, -40_000.0))
        bottom = document.add_node("op", op="neg", pos=(2 * DX + bottom_step * k, 40_000.0))
        document.connect(top, bottom, 0)
    return document


@pytest.fixture
def doc():
    return grid_with_long_edges(LONG, 30.0, 40.0)


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
    scene.finish_items()  # (they come over frames)
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


def test_a_curve_cut_to_the_painted_heights_is_that_part_of_the_whole_curve():
    rng = np.random.default_rng(3)
    index = SpatialIndex()
    index.xs, index.ys = rng.uniform(-5000, 5000, 40), rng.uniform(-300_000, 300_000, 40)
    index._src, index._dst = np.arange(20), np.arange(20, 40)
    index._port, index._port_y = np.zeros(20, dtype=np.int64), np.full(20, 35.0)
    top, bottom = -1000.0, 2500.0
    whole = curves_path(index, np.arange(20))
    part = curves_path(index, np.arange(20), (top, bottom))
    for k in range(20):
        a = [QPointF(whole.elementAt(4 * k + i).x, whole.elementAt(4 * k + i).y) for i in range(4)]
        b = [QPointF(part.elementAt(4 * k + i).x, part.elementAt(4 * k + i).y) for i in range(4)]
        one, cut = QPainterPath(a[0]), QPainterPath(b[0])
        one.cubicTo(a[1], a[2], a[3])
        cut.cubicTo(b[1], b[2], b[3])
        ys = sorted((a[0].y(), a[3].y()))
        if ys[1] < top or ys[0] > bottom:
            continue  # (never in the rectangle: whatever is drawn is off it)
        # the part runs from where the curve enters the heights to where it leaves them
        assert min(b[0].y(), b[3].y()) == pytest.approx(max(ys[0], top), abs=1e-6)
        assert max(b[0].y(), b[3].y()) == pytest.approx(min(ys[1], bottom), abs=1e-6)
        for s in np.linspace(0, 1, 7):  # and every point of it is on the whole curve
            p = cut.pointAtPercent(s)
            t = crossing_t(one, p.y())
            assert one.pointAtPercent(t).x() == pytest.approx(p.x(), abs=1e-3)


def crossing_t(curve, y: float) -> float:
    lo, hi = 0.0, 1.0
    rising = curve.pointAtPercent(1).y() >= curve.pointAtPercent(0).y()
    for _ in range(80):
        mid = (lo + hi) / 2
        if (curve.pointAtPercent(mid).y() < y) == rising:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def test_an_edge_whose_item_scrolls_away_is_drawn_by_the_far_edges(qtbot, view, doc):
    """Its item goes when its end leaves the region; the cached background, drawn while
    the item was there, is drawn again with it."""
    scene = view.graph_scene
    edge = long_edges(doc)[0]
    x, y = scene.node_pos(edge.source)
    view.centerOn(x + 400, y + 300)
    scene.finish_items()
    assert edge in scene.edge_items
    steps = 0
    while edge in scene.edge_items:  # middle-drag the canvas up 150 px until the item goes
        drag(view, QPointF(x + 400, y + 450), QPointF(x + 400, y + 300), steps=2, button=MIDDLE)
        y += 150
        scene.finish_items()
        view.viewport().repaint()  # painted as a user sees it, frame by frame
        steps += 1
        assert steps < 20
    background = scene.theme.background.rgb()
    image = view.viewport().grab().toImage()
    curve = edge_path(view.port_scene_pos(edge.source, "out"), view.port_scene_pos(edge.target, 0))
    for row in (0.1, 0.5, 0.9):  # drawn by the background while the item was there
        at = view.mapToScene(0, round(view.viewport().height() * row)).y()
        point = view.mapFromScene(QPointF(crossing_x(curve, at), at))
        shades = {image.pixelColor(point.x() + dx, point.y()).rgb() for dx in (-1, 0, 1)}
        assert shades != {background}, row


def test_a_passing_edge_with_a_look_is_drawn_in_its_look(qtbot, view, doc):
    """Gradient Flow (or a step's highlight) colours every edge, with an item or not."""
    scene = view.graph_scene
    passing = long_edges(doc)
    look = EdgeStyle(4.0, QColor(200, 30, 40))
    view.decorations.set_edge_styles({edge: look for edge in passing[:2]})
    view.viewport().update()
    image = view.viewport().grab().toImage()
    assert not set(passing) & set(scene.edge_items)
    y = view.mapToScene(view.viewport().rect().center()).y()

    def red_at(edge) -> bool:
        curve = edge_path(
            view.port_scene_pos(edge.source, "out"), view.port_scene_pos(edge.target, 0)
        )
        point = view.mapFromScene(QPointF(crossing_x(curve, y), y))
        colours = (image.pixelColor(point.x() + dx, point.y()) for dx in (-1, 0, 1))
        return any(
            max(abs(c.red() - 200), abs(c.green() - 30), abs(c.blue() - 40)) <= 3 for c in colours
        )

    assert all(red_at(edge) for edge in passing[:2])
    assert not any(red_at(edge) for edge in passing[2:])  # the others stay plain
    view.decorations.set_edge_styles(None)
    view.viewport().update()
    image = view.viewport().grab().toImage()
    assert not red_at(passing[0])


class CountedLooks(Mapping):
    """Every edge in one look, worked out by rows as the gradient flow's looks are; counts
    how often they are worked out."""

    def __init__(self, doc, look: EdgeStyle) -> None:
        self.doc, self.look, self.worked_out = doc, look, 0

    def style_of(self, source: str, target: str, port: int) -> EdgeStyle:
        return self.look

    def styles_of_rows(self, ids, src, dst, port):
        self.worked_out += 1
        return [self.look], np.zeros(len(src), np.int64)

    def __getitem__(self, edge):
        if edge not in set(self.doc.edges):
            raise KeyError(edge)
        return self.look

    def __iter__(self):
        return iter(self.doc.edges)

    def __len__(self) -> int:
        return self.doc.edge_count


def test_the_far_edges_and_the_overview_share_the_looks_worked_out_once_per_change(
    qtbot, view, doc
):
    scene = view.graph_scene
    looks = CountedLooks(doc, EdgeStyle(4.0, QColor(200, 30, 40)))
    view.decorations.set_edge_styles(looks)
    view.viewport().repaint()  # readable: the far edges draw the passing ones in the look
    assert scene.far_edges.drawn >= LONG and looks.worked_out == 1
    for _ in range(12):  # out to the overview, which draws every edge in its look
        wheel(view, QPointF(400, 300), -240)
    assert view.zoom() < OVERVIEW_SCALE
    view.fit_all()
    image = view.viewport().grab().toImage()
    assert looks.worked_out == 1  # the far edges' looks, not worked out again
    red = {(c.red(), c.green(), c.blue()) for c in map(image.pixelColor, _points(image))}
    assert (200, 30, 40) in red
    changed = CountedLooks(doc, looks.look)
    view.decorations.set_edge_styles(changed)  # a change of looks: worked out anew, once
    view.viewport().grab()
    view.viewport().grab()
    assert (looks.worked_out, changed.worked_out) == (1, 1)
    assert view.decorations.edge_looks(scene.index)[0][1].tolist() == list(
        range(scene.index.edge_count)
    )


def _points(image):
    return (QPoint(x, y) for x in range(0, image.width(), 2) for y in range(0, image.height(), 2))


def _bare_point_on(view, edge) -> QPointF | None:
    """A scene point on *edge*'s curve in the view with no item under it (or ``None``)."""
    curve = edge_path(view.port_scene_pos(edge.source, "out"), view.port_scene_pos(edge.target, 0))
    for row in range(2, 40):
        y = view.mapToScene(0, round(view.viewport().height() * row / 41)).y()
        point = QPointF(crossing_x(curve, y), y)
        if not view.items(view.mapFromScene(point)):
            return point
    return None


def test_a_click_on_a_far_edge_selects_it_as_one_on_an_edge_item(qtbot, view, doc):
    scene = view.graph_scene
    first, second = long_edges(doc)[:2]
    assert not {first, second} & set(scene.edge_items)  # drawn by the far edges
    point = _bare_point_on(view, first)
    click(view, point)
    assert view.selected_edges() == [first]
    assert scene.edge_items[first].isSelected()
    click(view, _bare_point_on(view, second), Qt.KeyboardModifier.ControlModifier)
    assert set(view.selected_edges()) == {first, second}  # Ctrl adds, as on an item
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert first not in doc.edges and second not in doc.edges


def test_hovering_a_far_edge_highlights_it_as_an_edge_item(qtbot, view, doc):
    scene = view.graph_scene
    edge, point = next((e, p) for e in long_edges(doc)[2:] if (p := _bare_point_on(view, e)))
    move(view, point, buttons=Qt.MouseButton.NoButton)
    assert edge in scene.edge_items
    hover = scene.theme.edge_hover

    def hovered() -> bool:
        image = view.viewport().grab().toImage()
        c = image.pixelColor(view.mapFromScene(point))
        return (
            max(
                abs(c.red() - hover.red()),
                abs(c.green() - hover.green()),
                abs(c.blue() - hover.blue()),
            )
            <= 8
        )

    assert hovered()
    move(view, QPointF(point.x() + 40.0, point.y()), buttons=Qt.MouseButton.NoButton)
    assert not hovered()


def test_the_far_edge_picked_is_the_nearest_curve_within_reach():
    doc = GraphDocument()
    top = doc.add_node("input", value=1.0, pos=(0.0, -20_000.0))
    bottom = doc.add_node("op", op="neg", pos=(400.0, 20_000.0))
    beside = doc.add_node("op", op="neg", pos=(408.0, 20_000.0))
    doc.connect(top, bottom, 0)
    index = SpatialIndex()
    index.rebuild(doc, None)
    curve = edge_path(
        QPointF(NODE_WIDTH, -20_000.0 + NODE_HEIGHT / 2), QPointF(400.0, 20_000.0 + NODE_HEIGHT / 2)
    )
    x = crossing_x(curve, 0.0)
    edge = Edge(top, bottom, 0)
    assert far_edge_at(index, x, 0.0) == edge
    assert far_edge_at(index, x + 0.8 * REACH, 0.0) == edge  # (steep: across is the distance)
    assert far_edge_at(index, x + 1.5 * REACH, 0.0) is None
    assert far_edge_at(index, x, 30_000.0) is None  # past its end
    doc.connect(top, beside, 0)  # a second curve a few units right of the first
    index.rebuild(doc, None)
    other = edge_path(
        QPointF(NODE_WIDTH, -20_000.0 + NODE_HEIGHT / 2), QPointF(408.0, 20_000.0 + NODE_HEIGHT / 2)
    )
    x2 = crossing_x(other, 0.0)
    assert 2.0 < x2 - x < REACH  # both within reach of a point between them
    assert far_edge_at(index, x + 0.4 * (x2 - x), 0.0) == edge
    assert far_edge_at(index, x + 0.6 * (x2 - x), 0.0) == Edge(top, beside, 0)


def screen_colors(view, scene_point: QPointF) -> set[int]:
    """The colours around *scene_point* as last painted to the screen (a grab of the
    widget paints it afresh and would hide a missing repaint)."""
    top = view.window()
    shot = top.windowHandle().screen().grabWindow(top.winId()).toImage()
    where = view.viewport().mapTo(top, view.mapFromScene(scene_point))
    return {shot.pixelColor(where.x() + dx, where.y()).rgb() for dx in (-1, 0, 1)}


@pytest.mark.parametrize("change", ["disconnect", "move"])
def test_a_far_edge_changed_from_elsewhere_leaves_the_screen(qtbot, view, doc, change):
    """An edit that does not touch the view (an undo, the inspector, a script) removes or
    moves an edge only passing through it: its old curve goes from the screen."""
    scene = view.graph_scene
    edge, point = next((e, p) for e in long_edges(doc) if (p := _bare_point_on(view, e)))
    background = scene.theme.background.rgb()
    qtbot.waitUntil(lambda: screen_colors(view, point) != {background})  # drawn, far
    if change == "disconnect":
        doc.disconnect(edge.target, edge.port)
    else:  # both ends, far away, move further right: the curve leaves the view
        x, y = doc.nodes[edge.source].pos
        doc.set_pos(edge.source, (x + 20_000.0, y))
        x, y = doc.nodes[edge.target].pos
        doc.set_pos(edge.target, (x + 20_000.0, y))
    qtbot.waitUntil(lambda: screen_colors(view, point) == {background})
    assert edge not in scene.edge_items

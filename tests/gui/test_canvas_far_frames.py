"""A view keeps the edges passing through it as a picture a little bigger than itself and
draws a new one over a few frames (``canvas/far_frames.py``): a zoom step shows the last
picture scaled, the step into readable zoom draws a first part only, and a pan that moves
the region draws only the edges whose items went.  On the 2,400-node grid of
``test_canvas_virtual`` plus many long edges from far above it to far below."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt

from autograd_studio.gui.canvas import far_edges, far_frames
from autograd_studio.gui.canvas.edge_item import edge_path
from tests.gui.canvas_helpers import drag, move, press, release, wheel
from tests.gui.test_canvas_far_edges import crossing_x, grid_with_long_edges, long_edges
from tests.gui.test_canvas_progressive import wheel_in_until_items, wheel_out_to_the_overview

MANY = 300  # long edges crossing the view
MIDDLE = Qt.MouseButton.MiddleButton


@pytest.fixture
def doc():
    return grid_with_long_edges(MANY, 3.0, 2.0)


def curves_drawn(monkeypatch) -> list[int]:
    """How many curves each far-edge path drawn from now on holds."""
    counts: list[int] = []
    build = far_edges.curves_path

    def counting(index, rows, between=None):
        counts.append(len(rows))
        return build(index, rows, between)

    monkeypatch.setattr(far_edges, "curves_path", counting)
    return counts


def shown(view, image, edge, row: float, slack: int = 1) -> bool:
    """Whether the curve of *edge* is drawn where it crosses the view's height *row*."""
    y = view.mapToScene(0, round(view.viewport().height() * row)).y()
    curve = edge_path(view.port_scene_pos(edge.source, "out"), view.port_scene_pos(edge.target, 0))
    point = view.mapFromScene(QPointF(crossing_x(curve, y), y))
    if not view.viewport().rect().contains(point):
        return True  # (off the view at that height)
    background = view.graph_scene.theme.background.rgb()
    near = range(-slack, slack + 1)
    return {image.pixelColor(point.x() + dx, point.y()).rgb() for dx in near} != {background}


def missing_once_complete(qtbot, view, edges, rows=(0.1, 0.5, 0.9)) -> list:
    """(edge, row) of *edges* not drawn at the view's heights *rows* once the region and
    the far-edge picture are complete, painted as a user sees them."""
    qtbot.waitUntil(lambda: not view.graph_scene.items_pending())
    view.viewport().repaint()
    image = view.viewport().grab().toImage()
    return [(e, r) for e in edges for r in rows if not shown(view, image, e, r)]


@pytest.fixture
def a_curve_a_part(monkeypatch):
    """Far-edge pictures drawn a curve at a time, none in the frame of a step: what each
    frame draws is counted exactly."""
    monkeypatch.setattr(far_frames, "FIRST_FAR_SECONDS", 0.0)
    monkeypatch.setattr(far_frames, "MIN_CHUNK", 1)


def test_a_zoom_step_shows_the_last_picture_scaled_and_draws_the_new_one_over_later_frames(
    qtbot, view, doc, monkeypatch
):
    scene = view.graph_scene
    view.viewport().repaint()
    passing = long_edges(doc)[::25]
    drawn = curves_drawn(monkeypatch)
    wheel(view, QPointF(460, 310), 120)  # one step in, inside the region
    assert view.zoom() > 1.0
    image = view.viewport().grab().toImage()  # the frame of the step
    assert drawn == []  # no curve drawn in it: the picture at 1:1, scaled
    assert all(shown(view, image, edge, row, slack=2) for edge in passing for row in (0.2, 0.8))
    assert scene.items_pending()  # the new picture comes over the next frames
    qtbot.waitUntil(lambda: not scene.items_pending())
    assert sum(drawn) >= len(passing)
    view.viewport().repaint()
    image = view.viewport().grab().toImage()  # sharp, at the new zoom
    assert all(shown(view, image, edge, row) for edge in passing for row in (0.2, 0.5, 0.8))


def test_the_step_into_readable_zoom_draws_a_first_part_of_the_far_edges(
    qtbot, view, doc, monkeypatch, a_curve_a_part
):
    scene = view.graph_scene
    wheel_out_to_the_overview(qtbot, view)
    drawn = curves_drawn(monkeypatch)
    wheel_in_until_items(view, QPointF(460, 310))
    view.viewport().repaint()  # the frame of the step
    assert drawn == [1]  # the old view drew every far curve in it
    qtbot.waitUntil(lambda: not scene.items_pending())
    assert sum(drawn) >= MANY / 2  # a part a frame, nearest the cursor first
    assert missing_once_complete(qtbot, view, long_edges(doc)) == []


def test_a_pan_that_moves_the_region_draws_only_the_edges_whose_items_went(
    qtbot, view, doc, monkeypatch, a_curve_a_part
):
    scene = view.graph_scene
    pan_down = (QPointF(460, 600), QPointF(460, 100))  # 500 px, by the middle button
    for _ in range(2):  # until the region's items of the grid's first rows go
        drag(view, *pan_down, steps=2, button=MIDDLE)
        view.viewport().repaint()
        qtbot.waitUntil(lambda: not scene.items_pending())
        pan_down = tuple(QPointF(p.x(), p.y() + 500) for p in pan_down)
    region, before = scene._region, set(scene.edge_items)
    drawn = curves_drawn(monkeypatch)
    resets, reset = [], view.resetCachedContent
    monkeypatch.setattr(view, "resetCachedContent", lambda: resets.append(reset()))
    drag(view, *pan_down, steps=2, button=MIDDLE)
    view.viewport().repaint()  # the frame of the pan
    assert resets == []  # its background was not drawn again whole (only what it uncovers)
    assert scene._region != region
    went = before - set(scene.edge_items)
    assert went
    # the edges whose items went, into the pictures there are (two while a new one fills),
    # and a first part of a new picture: not every edge crossing the view again
    assert sum(drawn) <= 2 * len(went) + 1 < MANY
    assert missing_once_complete(qtbot, view, long_edges(doc)[::30]) == []


def test_a_drag_draws_the_far_edges_again_at_once_as_big_as_the_view(qtbot, view, doc):
    """Moving a card changes the graph under a view that stays: the picture of that frame
    is complete (nothing lags behind the card) and no bigger than the view (one per mouse
    move: its margins would double what each costs)."""
    scene = view.graph_scene
    view.viewport().repaint()
    frames = view.far_frames
    before = frames.pictures
    nid = next(iter(scene.node_items))
    x, y = scene.node_pos(nid)
    drag(view, QPointF(x + 20, y + 20), QPointF(x + 80, y + 60), steps=3)
    view.viewport().repaint()
    assert frames.pictures > before and not frames.pending()
    assert frames._now.area == frames._visible()
    image = view.viewport().grab().toImage()
    passing = long_edges(doc)[::25]
    assert all(shown(view, image, edge, row) for edge in passing for row in (0.2, 0.8))


def test_while_a_card_is_dragged_the_far_edges_stay_as_drawn(qtbot, view, doc):
    """The card and its edges' items move ahead of the document; the edges only passing
    by, drawn from the document's positions, do not change until the drop: no picture is
    drawn per mouse move (each cost 12 ms on the demo graph), and the drop draws one."""
    scene = view.graph_scene
    view.viewport().repaint()
    frames = view.far_frames
    nid = next(iter(scene.node_items))
    x, y = scene.node_pos(nid)
    before = frames.pictures
    press(view, QPointF(x + 20, y + 20))
    for k in range(1, 6):
        move(view, QPointF(x + 20 + 15 * k, y + 20 + 10 * k))
        view.viewport().repaint()
        assert scene.node_items[nid].pos() == QPointF(x + 15 * k, y + 10 * k)
    assert frames.pictures == before and doc.nodes[nid].pos == (x, y)
    image = view.viewport().grab().toImage()
    passing = long_edges(doc)[::25]
    assert all(shown(view, image, edge, row) for edge in passing for row in (0.2, 0.8))
    release(view, QPointF(x + 95, y + 70))
    view.viewport().repaint()
    assert doc.nodes[nid].pos == (x + 75, y + 50)
    assert frames.pictures == before + 1 and not frames.pending()


def test_the_edges_with_items_are_found_again_when_a_deletion_renumbers_the_rows(qtbot, view, doc):
    """Deleting nodes far from the view drops no item but renumbers the index's edge rows
    after theirs: the far edges must mask the rows the items have now."""
    scene = view.graph_scene
    view.viewport().repaint()
    scene.far_edges._mask()
    far = [n for n, r in doc.nodes.items() if 0 < r.pos[0] < 300 and r.pos[1] > 5_000]
    doc.remove_nodes(far)
    qtbot.waitUntil(lambda: not scene.items_pending())
    rows = scene.index.edge_rows(list(scene.edge_items))
    assert sorted(scene.far_edges._mask().nonzero()[0].tolist()) == sorted(rows.tolist())

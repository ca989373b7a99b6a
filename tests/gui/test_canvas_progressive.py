"""A virtual canvas makes the items of a region over several frames: the frame that zooms
into readable zoom paints at once (placeholder cards where items are still to come), then
small time-boxed batches follow, nearest the cursor first, until the region is complete.
Real wheel and drag events on the 2,400-node grid of ``test_canvas_virtual``."""

from __future__ import annotations

import math
from itertools import pairwise

import pytest
from PySide6.QtCore import QPointF, Qt

from autograd_studio.gui.canvas import far_frames, virtual_items
from autograd_studio.gui.canvas.node_item import NODE_HEIGHT, NODE_WIDTH
from autograd_studio.gui.canvas.overview import OVERVIEW_SCALE
from tests.gui.canvas_helpers import drag, wheel
from tests.gui.test_canvas_virtual import grid_graph, on_screen

MIDDLE = Qt.MouseButton.MiddleButton


class TickingClock:
    """A clock that moves on a fixed step each time it is read: a time-boxed batch then
    makes as many items on every machine (on the real clock a quiet, fast machine made a
    third of the region in one 8 ms batch, a busy one a tenth)."""

    def __init__(self, tick: float) -> None:
        self.now = 0.0
        self.tick = tick

    def perf_counter(self) -> float:
        self.now += self.tick
        return self.now


@pytest.fixture(autouse=True)
def ticking_clock(monkeypatch) -> TickingClock:
    clock = TickingClock(tick=0.0002)  # 40 reads in a batch's time box of 8 ms
    monkeypatch.setattr(virtual_items, "time", clock)
    monkeypatch.setattr(far_frames, "time", clock)  # (the deadlines cross between the two)
    return clock


@pytest.fixture
def doc():
    document, _grid = grid_graph()
    return document


def batches_of(view) -> list[list[str]]:
    """The node ids of each batch the scene makes from now on."""
    batches: list[list[str]] = []
    view.graph_scene.when_items_made(
        lambda nodes, _edges: batches.append([n.node_id for n in nodes])
    )
    return batches


def wheel_out_to_the_overview(qtbot, view) -> None:
    while view.zoom() >= OVERVIEW_SCALE / 1.5:
        wheel(view, QPointF(400, 300), -240)
    qtbot.waitUntil(lambda: not view.graph_scene.node_items)


def wheel_in_until_items(view, where: QPointF) -> None:
    while view.zoom() < OVERVIEW_SCALE:
        wheel(view, where, 120)


def test_the_wheel_step_into_readable_zoom_paints_placeholders_and_makes_few_items(
    qtbot, view, doc
):
    scene = view.graph_scene
    wheel_out_to_the_overview(qtbot, view)
    batches = batches_of(view)
    wheel_in_until_items(view, QPointF(460, 310))  # no event loop turn in between
    region = set(scene.index.nodes_in(*scene._region))
    assert len(region) > 300
    first = sum(len(batch) for batch in batches)
    assert 0 < first < len(region) / 5  # a few items in the frame of the step itself
    waiting = scene.waiting_cards()
    assert waiting and len(waiting) == len(region) - first
    # That frame paints every card: the waiting ones as placeholders (the op's disk)
    image = view.viewport().grab().toImage()
    seen = view.viewport().rect()
    tint = scene.theme.op_tint.rgb()
    checked = 0
    for x, y, kind in waiting.values():
        disk = view.mapFromScene(QPointF(x + 30, y + NODE_HEIGHT / 2))
        if kind == "op" and seen.contains(disk):
            assert image.pixelColor(disk).rgb() == tint
            checked += 1
    assert checked > 20
    with qtbot.waitSignal(scene.regionCompleted, timeout=20_000):
        pass
    assert len(batches) >= 4  # the rest came over several frames
    assert max(len(batch) for batch in batches[1:]) < len(region) / 3
    assert not scene.waiting_cards() and not scene.items_pending()
    assert region <= set(scene.node_items)
    assert on_screen(view, doc) <= set(scene.node_items)


def test_items_come_nearest_the_cursor_first_and_a_new_wheel_step_reorders_them(qtbot, view, doc):
    scene = view.graph_scene
    wheel_out_to_the_overview(qtbot, view)
    batches = batches_of(view)
    corner = QPointF(view.mapToScene(80, 60))
    wheel_in_until_items(view, corner)

    def distance(nid: str, point: QPointF) -> float:
        x, y = scene.node_pos(nid)
        return math.hypot(x + NODE_WIDTH / 2 - point.x(), y + NODE_HEIGHT / 2 - point.y())

    made = [nid for batch in batches for nid in batch]
    waiting = list(scene.waiting_cards())
    assert max(distance(n, corner) for n in made) <= min(distance(n, corner) for n in waiting)
    # a wheel step at the opposite corner, while the region fills: that corner comes next
    other = QPointF(view.mapToScene(view.viewport().width() - 80, view.viewport().height() - 60))
    wheel(view, other, 30)
    batches.clear()
    qtbot.waitUntil(lambda: not scene.items_pending(), timeout=20_000)
    after = [distance(nid, other) for batch in batches for nid in batch]
    assert len(after) > 50
    assert all(a <= b + 1e-6 for a, b in pairwise(after))
    assert on_screen(view, doc) <= set(scene.node_items)


def test_what_needs_an_item_gets_it_at_once_while_the_region_fills(qtbot, view, doc):
    scene = view.graph_scene
    wheel_out_to_the_overview(qtbot, view)
    wheel_in_until_items(view, QPointF(460, 310))
    waiting = list(scene.waiting_cards())
    assert len(waiting) > 10
    item = view.reveal_node(waiting[-1])  # edit in place, step-through, find
    assert item is not None and scene.node_item(waiting[-1]) is item
    view.select_node_ids([waiting[-2]])
    assert scene.node_item(waiting[-2]) is not None
    assert scene.node_item(waiting[-2]).isSelected()
    assert waiting[-1] not in scene.waiting_cards()
    scene.finish_items()  # the explicit way to have them all
    assert not scene.items_pending() and not scene.waiting_cards()
    assert on_screen(view, doc) <= set(scene.node_items)


def test_a_pan_while_the_region_fills_keeps_working(qtbot, view, doc):
    scene = view.graph_scene
    wheel_out_to_the_overview(qtbot, view)
    wheel_in_until_items(view, QPointF(460, 310))
    assert scene.items_pending()
    for _ in range(3):
        drag(view, QPointF(900, 600), QPointF(100, 100), steps=3, button=MIDDLE)
    qtbot.waitUntil(lambda: not scene.items_pending(), timeout=20_000)
    shown = on_screen(view, doc)
    assert shown and shown <= set(scene.node_items)
    assert len(scene.node_items) < len(doc.nodes) / 2

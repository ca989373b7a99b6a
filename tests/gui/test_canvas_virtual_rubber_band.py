"""Box-selecting on the virtual canvas zoomed out to the overview, where no item exists:
the rubber band asks the spatial index for the cards it meets, keeps them as ids (tinted
in the overview, selected when their items appear) and Ctrl adds a second band.
Driven by real mouse events on the generated 2,400-node grid."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt

from autograd_studio.gui.canvas.node_geometry import NODE_HEIGHT, NODE_WIDTH
from autograd_studio.gui.canvas.overview import OVERVIEW_SCALE
from tests.gui.backward_support import open_window
from tests.gui.canvas_helpers import drag, wheel
from tests.gui.test_canvas_virtual import DX, DY, grid_graph

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def doc():
    document, _grid = grid_graph()
    return document


def gap(column: int, row: int) -> QPointF:
    """A point in the empty gutter right of and below the card at (column, row)."""
    return QPointF(column * DX + (NODE_WIDTH + DX) / 2, row * DY + (NODE_HEIGHT + DY) / 2)


def cards_meeting(doc, a: QPointF, b: QPointF) -> set[str]:
    """Brute force: every node whose card meets the rectangle a-b."""
    left, right = sorted((a.x(), b.x()))
    top, bottom = sorted((a.y(), b.y()))
    return {
        nid
        for nid, record in doc.nodes.items()
        if record.pos[0] + NODE_WIDTH >= left
        and record.pos[0] <= right
        and record.pos[1] + NODE_HEIGHT >= top
        and record.pos[1] <= bottom
    }


def zoom_out_to_overview(qtbot, view) -> None:
    for _ in range(4):
        wheel(view, QPointF(400, 300), -240)
    assert view.zoom() < OVERVIEW_SCALE
    view.centerOn(20 * DX, 30 * DY)
    # the items go once the overview shows: nothing is left for the band to find as items
    qtbot.waitUntil(lambda: not view.graph_scene.node_items)


def test_rubber_band_in_the_overview_selects_the_cards_it_meets(qtbot, view, doc):
    scene = view.graph_scene
    zoom_out_to_overview(qtbot, view)
    made: list = []
    scene.when_items_made(lambda nodes, _edges: made.extend(nodes))
    first = (gap(24, 38), gap(14, 20))  # dragged up and left: the band is normalised
    drag(view, *first)
    expected = cards_meeting(doc, *first)
    assert len(expected) == 10 * 18
    assert set(view.selected_node_ids()) == expected
    assert made == []  # kept as ids, not made into items behind the overview

    second = (gap(12, 17), gap(14, 25))
    drag(view, *second, modifiers=CTRL)  # Ctrl adds to the selection
    added = cards_meeting(doc, *second)
    assert added and not added & expected
    assert set(view.selected_node_ids()) == expected | added

    inside = view.mapFromScene(gap(19, 29) - QPointF(DX / 2, DY / 2))
    outside = view.mapFromScene(gap(26, 29) - QPointF(DX / 2, DY / 2))
    accent, tint = scene.theme.accent.rgb(), scene.theme.op_tint.rgb()
    qtbot.waitUntil(lambda: view.grab().toImage().pixelColor(inside).rgb() == accent)
    assert view.grab().toImage().pixelColor(outside).rgb() == tint

    for _ in range(5):  # zoom in on the band: the items made there show selected
        wheel(view, QPointF(inside), 240)
    qtbot.waitUntil(lambda: len(scene.node_items) > 20)
    assert {nid for nid, item in scene.node_items.items() if item.isSelected()} == (
        set(scene.node_items) & (expected | added)
    )
    assert set(view.selected_node_ids()) == expected | added

    # A plain band replaces the selection (started off the edges: at readable zoom a press
    # on an edge's curve selects the edge, whether the edge has an item or not).
    band = (gap(30, 50) + QPointF(30, 0), gap(31, 51) + QPointF(30, 0))
    drag(view, *band)
    assert set(view.selected_node_ids()) == cards_meeting(doc, *band)


def test_the_inspector_counts_a_band_selected_in_the_overview(qtbot, tmp_path):
    document, _grid = grid_graph()
    window, _dialogs = open_window(qtbot, tmp_path, document)
    view = window.view
    view.reset_zoom()
    zoom_out_to_overview(qtbot, view)
    drag(view, gap(14, 20), gap(24, 38))
    qtbot.waitUntil(lambda: window.inspector.title_label.text() == "180 nodes selected")

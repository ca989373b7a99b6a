"""Selecting on the virtual canvas: Select All on a graph above VIRTUAL_ABOVE nodes keeps
the nodes without items as ids (no item is made for them), and Delete, Undo, nudges by
arrow keys, Copy and dragging work on the whole set; items made later show selected.
Driven by real key and mouse events on the generated 2,400-node grid."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from autograd_studio.gui.canvas.overview import OVERVIEW_SCALE
from autograd_studio.gui.editing import clipboard
from tests.gui.backward_support import open_window, press
from tests.gui.canvas_helpers import center, drag, wheel
from tests.gui.test_canvas_virtual import COLUMNS, DX, DY, ROWS, grid_graph

CTRL = Qt.KeyboardModifier.ControlModifier
MIDDLE = Qt.MouseButton.MiddleButton


@pytest.fixture
def doc():
    document, _grid = grid_graph()
    return document


@pytest.fixture
def grid(doc):
    ids = list(doc.nodes)
    return [[ids[c * ROWS + r] for r in range(ROWS)] for c in range(COLUMNS)]


@pytest.fixture
def made(view):
    """Every node item the scene makes from now on."""
    items: list = []
    view.graph_scene.when_items_made(lambda nodes, _edges: items.extend(nodes))
    return items


def select_all(qtbot, view) -> None:
    view.setFocus()
    with qtbot.waitSignal(view.selectionChangedIds) as signal:
        QTest.keyClick(view, Qt.Key.Key_A, CTRL)
    assert len(signal.args[0]) == COLUMNS * ROWS  # what the inspector is told


def test_select_all_makes_no_items_and_items_made_later_show_selected(qtbot, view, doc, made):
    scene = view.graph_scene
    shown = dict(scene.node_items)
    select_all(qtbot, view)
    assert made == []  # nothing made for the 2,400 nodes without items
    assert set(scene.node_items) == set(shown)
    assert view.selected_node_ids() == list(doc.nodes)
    assert all(item.isSelected() for item in scene.node_items.values())
    for _ in range(4):  # pan: the items that scroll in are selected
        drag(view, QPointF(900, 600), QPointF(100, 100), steps=3, button=MIDDLE)
    assert made and all(item.isSelected() for item in scene.node_items.values())
    assert not set(shown) & set(scene.node_items)  # those scrolled away went, ids stayed
    assert view.selected_node_ids() == list(doc.nodes)
    assert len(scene.node_items) < len(doc.nodes) / 4
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Escape)  # Escape deselects the nodes without items too
    assert view.selected_node_ids() == []


def test_select_all_shows_in_the_overview(qtbot, view, doc):
    for _ in range(12):
        wheel(view, QPointF(400, 300), -240)
    assert view.zoom() < OVERVIEW_SCALE
    middle = view.mapFromScene(QPointF(20 * DX + 60, 30 * DY + 30))
    tint = view.graph_scene.theme.op_tint.rgb()
    qtbot.waitUntil(lambda: view.grab().toImage().pixelColor(middle).rgb() == tint)
    select_all(qtbot, view)
    accent = view.graph_scene.theme.accent.rgb()
    qtbot.waitUntil(lambda: view.grab().toImage().pixelColor(middle).rgb() == accent)
    assert not view.graph_scene.node_items


def on_screen_color(view, point) -> int:
    """The colour at *point* of the viewport as last painted to the screen (a grab of the
    widget would paint it afresh and hide a missing repaint)."""
    top = view.window()
    shot = top.windowHandle().screen().grabWindow(top.winId()).toImage()
    return shot.pixelColor(view.viewport().mapTo(top, point)).rgb()


def test_escape_after_select_all_clears_the_overview_marks_on_screen(qtbot, view, doc):
    for _ in range(12):
        wheel(view, QPointF(400, 300), -240)
    assert view.zoom() < OVERVIEW_SCALE
    middle = view.mapFromScene(QPointF(20 * DX + 60, 30 * DY + 30))
    theme = view.graph_scene.theme
    qtbot.waitUntil(lambda: on_screen_color(view, middle) == theme.op_tint.rgb())
    select_all(qtbot, view)
    qtbot.waitUntil(lambda: on_screen_color(view, middle) == theme.accent.rgb())
    with qtbot.waitSignal(view.selectionChangedIds):
        QTest.keyClick(view, Qt.Key.Key_Escape)
    assert view.selected_node_ids() == []
    # the marks of nodes kept as ids (no item to repaint) go with them
    qtbot.waitUntil(lambda: on_screen_color(view, middle) == theme.op_tint.rgb())
    view.select_node_ids(list(doc.nodes)[: len(doc.nodes) // 2])  # as Find and Undo do
    view.select_node_ids(list(doc.nodes)[:10])  # fewer: the others' marks go too
    far = view.mapFromScene(QPointF((COLUMNS - 3) * DX + 60, 30 * DY + 30))
    qtbot.waitUntil(lambda: on_screen_color(view, far) == theme.op_tint.rgb())


def test_delete_after_select_all_is_one_undo_step(qtbot, view, doc, undo_stack, made):
    before = set(doc.nodes)
    edges = doc.edge_count
    select_all(qtbot, view)
    steps = undo_stack.count()
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert len(doc.nodes) == 0 and undo_stack.count() == steps + 1
    qtbot.waitUntil(lambda: not view.graph_scene.node_items)
    assert view.selected_node_ids() == []
    undo_stack.undo()
    assert set(doc.nodes) == before and doc.edge_count == edges
    qtbot.waitUntil(lambda: bool(view.graph_scene.node_items))


def test_arrow_keys_move_every_selected_node_in_one_step(qtbot, view, doc, undo_stack, grid):
    select_all(qtbot, view)
    far = grid[-1][-1]
    steps = undo_stack.count()
    events = []
    doc.subscribe(events.append)
    QTest.keyClick(view, Qt.Key.Key_Right)
    QTest.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    x, y = doc.nodes[far].pos
    assert x > (COLUMNS - 1) * DX and y == (ROWS - 1) * DY + 1
    assert undo_stack.count() - steps <= 2
    assert doc.nodes[grid[0][0]].pos[0] == x - (COLUMNS - 1) * DX
    # one event per key press, naming every node (one per node made every listener
    # follow 65,818 moves one by one on the demo graph)
    assert len(events) == 2
    assert all(len(event.node_ids) == COLUMNS * ROWS for event in events)


def test_copy_after_select_all_copies_every_node(qtbot, view, doc, made):
    select_all(qtbot, view)
    QTest.keyClick(view, Qt.Key.Key_C, CTRL)
    fragment = clipboard.fragment_from_mime(QGuiApplication.clipboard().mimeData())
    assert len(fragment["nodes"]) == len(doc.nodes)
    assert made == []


def test_dragging_a_node_after_select_all_moves_those_without_items(qtbot, view, doc, grid):
    select_all(qtbot, view)
    far = grid[-1][-1]
    assert view.node_item(far) is None
    start = center(view, grid[1][1])
    events = []
    doc.subscribe(events.append)
    drag(view, start, start + QPointF(30, 20))
    assert doc.nodes[grid[1][1]].pos == (DX + 30, DY + 20)
    assert doc.nodes[far].pos == ((COLUMNS - 1) * DX + 30, (ROWS - 1) * DY + 20)
    assert len(events) == 1 and len(events[0].node_ids) == COLUMNS * ROWS  # the drop


def test_in_the_window_ctrl_a_delete_and_ctrl_z(qtbot, tmp_path):
    document, _grid = grid_graph()
    window, _dialogs = open_window(qtbot, tmp_path, document)
    before = set(document.nodes)
    made: list = []
    window.view.graph_scene.when_items_made(lambda nodes, _edges: made.extend(nodes))
    press(window, Qt.Key.Key_A, CTRL)
    qtbot.waitUntil(lambda: "2,400" in window.inspector.title_label.text())
    assert made == []
    press(window, Qt.Key.Key_Delete)
    assert not window.document.nodes
    qtbot.waitUntil(lambda: window.inspector.selection == [])
    press(window, Qt.Key.Key_Z, CTRL)
    assert set(window.document.nodes) == before


def test_select_all_in_the_overview_after_a_change_of_looks_paints_one_frame(qtbot, view, doc):
    """Ctrl+A at the overview draws the 2,400 marks in one frame, not two: the scene's
    sync, which follows a change of looks (gradient flow, problems) for the far edges, does
    not repaint a view zoomed out to the overview, which draws no far edges."""
    for _ in range(12):
        wheel(view, QPointF(400, 300), -240)
    assert view.zoom() < OVERVIEW_SCALE
    view.graph_scene.overview.invalidate_looks()  # as Gradient Flow on or off does
    qtbot.wait(300)  # (the zoom's sharp frame painted)
    frames = view.overview_frames
    before = frames.paints
    select_all(qtbot, view)
    qtbot.wait(300)
    assert frames.paints == before + 1

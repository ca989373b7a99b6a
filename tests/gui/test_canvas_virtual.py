"""The virtual canvas: a graph above VIRTUAL_ABOVE nodes has items only for what is on
screen (the overview draws the rest), driven here by real wheel and drag events on a
generated graph of 2,400 nodes laid out as a 40 x 60 grid."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtTest import QTest

from autograd_studio.graph.document import Edge, GraphDocument
from autograd_studio.gui.canvas.decorations import DIMMED_OPACITY, EdgeStyle, gradient_color
from autograd_studio.gui.canvas.node_item import NODE_HEIGHT, NODE_WIDTH
from autograd_studio.gui.canvas.overview import OVERVIEW_SCALE
from autograd_studio.gui.canvas.scene import VIRTUAL_ABOVE
from autograd_studio.gui.editing.commands import SetPositionsCommand
from autograd_studio.numbers import canvas_number
from tests.gui.canvas_helpers import center, click, drag, wheel

COLUMNS, ROWS = 40, 60
DX, DY = 240.0, 110.0
MIDDLE = Qt.MouseButton.MiddleButton


def grid_graph() -> tuple[GraphDocument, list[list[str]]]:
    """Inputs in column 0; every later node adds its two left neighbours (row, row + 1)."""
    doc = GraphDocument()
    grid = [[doc.add_node("input", value=0.01 * r, pos=(0.0, r * DY)) for r in range(ROWS)]]
    for c in range(1, COLUMNS):
        column = []
        for r in range(ROWS):
            nid = doc.add_node("op", op="add", pos=(c * DX, r * DY))
            doc.connect(grid[-1][r], nid, 0)
            doc.connect(grid[-1][min(r + 1, ROWS - 1)], nid, 1)
            column.append(nid)
        grid.append(column)
    doc.set_output(grid[-1][0])
    return doc, grid


@pytest.fixture
def doc():
    document, _grid = grid_graph()
    return document


@pytest.fixture
def grid(doc):
    ids = list(doc.nodes)
    return [[ids[c * ROWS + r] for r in range(ROWS)] for c in range(COLUMNS)]


def visible_rect(view):
    return view.mapToScene(view.viewport().rect()).boundingRect()


def on_screen(view, doc) -> set[str]:
    rect = visible_rect(view)
    return {
        nid
        for nid, record in doc.nodes.items()
        if rect.intersects(QRectF(*record.pos, NODE_WIDTH, NODE_HEIGHT))
    }


def test_only_what_is_on_screen_has_items(view, doc):
    scene = view.graph_scene
    assert len(doc.nodes) > VIRTUAL_ABOVE and scene.virtual
    shown = on_screen(view, doc)
    assert shown and shown <= set(scene.node_items)
    assert len(scene.node_items) < len(doc.nodes) / 10
    far = max(doc.nodes, key=lambda nid: doc.nodes[nid].pos)
    assert view.node_item(far) is None
    # every edge item runs between its ports, whether or not the far end has an item
    for edge, item in scene.edge_items.items():
        assert item.path().pointAtPercent(0) == view.port_scene_pos(edge.source, "out")
        assert item.path().pointAtPercent(1) == view.port_scene_pos(edge.target, edge.port)


def test_wheeling_out_to_the_overview_drops_the_items_and_in_again_makes_them(qtbot, view, doc):
    scene = view.graph_scene
    for _ in range(12):
        wheel(view, QPointF(400, 300), -240)
    assert view.zoom() < OVERVIEW_SCALE
    qtbot.waitUntil(lambda: not scene.node_items)
    assert not scene.edge_items
    image = view.grab().toImage()  # the overview draws the graph without items
    tint = scene.theme.op_tint.rgb()
    middle = view.mapFromScene(QPointF(20 * DX + 60, 30 * DY + 30))
    assert image.pixelColor(middle).rgb() == tint
    target = QPointF(20 * DX + NODE_WIDTH / 2, 30 * DY + NODE_HEIGHT / 2)
    while view.zoom() < 1.0:
        wheel(view, target, 240)
    nid = next(iter(n for n in doc.nodes if doc.nodes[n].pos == (20 * DX, 30 * DY)))
    qtbot.waitUntil(lambda: view.node_item(nid) is not None)
    # The rest of the region comes over the next frames.  (Not regionCompleted: a pending
    # sync that finds nothing missing makes no batch and emits nothing.)
    qtbot.waitUntil(lambda: not scene.items_pending(), timeout=20_000)
    assert on_screen(view, doc) <= set(scene.node_items)


def test_panning_makes_the_items_that_scroll_in_and_drops_those_far_behind(qtbot, view, doc):
    scene = view.graph_scene
    first = set(scene.node_items)
    for _ in range(6):  # middle-drag the canvas 800 px to the left, six times
        drag(view, QPointF(900, 300), QPointF(100, 300), steps=4, button=MIDDLE)
    qtbot.waitUntil(lambda: not scene.items_pending())  # made over the frames after the pan
    shown = on_screen(view, doc)
    assert shown and shown <= set(scene.node_items)
    assert not first & set(scene.node_items)
    assert len(scene.node_items) < len(doc.nodes) / 10


def test_results_and_decorations_reach_items_made_later(qtbot, view, doc, grid):
    view.run_backward()
    result = view.session.results
    far = grid[30][40]
    assert view.node_item(far) is None
    styled = Edge(grid[29][40], far, 0)
    style = EdgeStyle(4.0, gradient_color(view.graph_scene.theme), dashed=True)
    view.set_edge_styles({styled: style})
    view.set_dimmed([far])
    view.set_highlight([far])
    item = view.reveal_node(far)
    assert item is not None and item is view.node_item(far)
    assert visible_rect(view).contains(item.sceneBoundingRect().center())
    assert item.data_text() == canvas_number(result.data[far])
    assert item.grad_text() == canvas_number(result.grad[far])
    assert item.opacity() == DIMMED_OPACITY
    assert view.decorations.halo_item(far) is not None
    # The revealed node's item is made at once; the rest of the region (its edges among
    # it) over the next frames, each batch dressed as it comes: wait for the last one.
    qtbot.waitUntil(lambda: not view.graph_scene.items_pending(), timeout=20_000)
    assert view.edge_item(styled) is not None
    assert view.edge_item(styled).overlay_pen() is not None
    output = view.reveal_node(grid[-1][0])
    assert output.is_output()


def test_a_selected_node_keeps_its_item_off_screen_and_deletes_by_key(qtbot, view, doc, grid):
    nid = grid[1][1]
    click(view, center(view, nid))
    assert view.selected_node_ids() == [nid]
    for _ in range(4):
        drag(view, QPointF(900, 600), QPointF(100, 100), steps=3, button=MIDDLE)
    assert not visible_rect(view).intersects(view.node_item(nid).sceneBoundingRect())
    assert view.selected_node_ids() == [nid]  # still selected, item and all
    far = grid[35][55]
    view.select_node_ids([far])  # selecting a node far away makes its item
    assert view.selected_node_ids() == [far]
    qtbot.waitUntil(lambda: view.node_item(nid) is None)  # the old one went with it
    view.reveal_node(far)
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert far not in doc.nodes and view.node_item(far) is None
    view.session.undo_stack.undo()
    assert far in doc.nodes
    qtbot.waitUntil(lambda: view.node_item(far) is not None)


def test_dragging_a_node_moves_its_edges_including_those_to_nodes_without_items(
    qtbot, view, doc, grid, undo_stack
):
    nid = grid[2][2]
    start = center(view, nid)
    drag(view, start, start + QPointF(30, 45))
    assert doc.nodes[nid].pos == (2 * DX + 30, 2 * DY + 45)
    for edge in doc.edges_of(nid):
        item = view.edge_item(edge)
        assert item is not None
        assert item.path().pointAtPercent(0) == view.port_scene_pos(edge.source, "out")
        assert item.path().pointAtPercent(1) == view.port_scene_pos(edge.target, edge.port)
    undo_stack.undo()
    assert view.node_item(nid).pos() == QPointF(2 * DX, 2 * DY)


def test_moving_the_whole_graph_in_one_step_and_undoing_it(qtbot, view, doc, undo_stack):
    moved = {nid: (record.pos[0] + 5000.0, record.pos[1]) for nid, record in doc.nodes.items()}
    undo_stack.push(SetPositionsCommand(doc, moved))
    qtbot.waitUntil(lambda: not view.graph_scene.node_items)  # all of it left the screen
    assert view.graph_scene.nodes_bounding_rect().left() == 5000.0
    view.fit_all()  # (the scroll bars settle once the view has: a turn of the event loop)
    rect = view.graph_scene.nodes_bounding_rect()
    qtbot.waitUntil(lambda: visible_rect(view).contains(rect))
    undo_stack.undo()
    view.reset_zoom()
    view.centerOn(460, 310)
    qtbot.waitUntil(lambda: on_screen(view, doc) <= set(view.graph_scene.node_items))
    for edge, item in view.graph_scene.edge_items.items():
        assert item.path().pointAtPercent(0) == view.port_scene_pos(edge.source, "out")
        assert item.path().pointAtPercent(1) == view.port_scene_pos(edge.target, edge.port)


def test_the_overview_is_drawn_once_and_copied_for_pans_and_zoom_steps(qtbot, view, doc):
    frames = view.overview_frames
    for _ in range(12):
        wheel(view, QPointF(400, 300), -240)
    qtbot.waitUntil(lambda: frames.renders > 0 and not frames._timer.isActive())
    view.repaint()
    drawn = frames.renders
    tint = view.graph_scene.theme.op_tint.rgb()
    box = QPointF(20 * DX + 60, 30 * DY + 30)  # inside the card of column 20, row 30
    for dx in (30, -50, 20):  # pans inside the picture's margin: copies of it
        drag(view, QPointF(500, 300), QPointF(500 + dx, 300), steps=2, button=MIDDLE)
        view.repaint()
        assert view.grab().toImage().pixelColor(view.mapFromScene(box)).rgb() == tint
    assert frames.renders == drawn
    wheel(view, box, 120)  # a zoom step: the picture scaled at once, a sharp one soon after
    view.repaint()
    assert frames.renders == drawn
    qtbot.waitUntil(lambda: frames.renders == drawn + 1)
    view.repaint()
    assert view.grab().toImage().pixelColor(view.mapFromScene(box)).rgb() == tint


def test_moving_every_node_far_out_repaints_the_overview_by_itself(qtbot, view, doc, undo_stack):
    # Auto Layout and its undo move every node in one step while the view shows the
    # overview: the view must paint the new picture without being asked (no mouse move).
    frames = view.overview_frames
    for _ in range(12):
        wheel(view, QPointF(400, 300), -240)
    qtbot.waitUntil(lambda: frames.renders > 0 and not frames._timer.isActive())
    tint = view.graph_scene.theme.op_tint.rgb()
    box = QPointF(20 * DX + 60, 30 * DY + 30)  # inside the card of column 20, row 30
    assert view.grab().toImage().pixelColor(view.mapFromScene(box)).rgb() == tint
    for step in ("move", "undo"):
        painted = frames.paints
        if step == "move":
            away = {nid: (r.pos[0], r.pos[1] + ROWS * DY * 4) for nid, r in doc.nodes.items()}
            undo_stack.push(SetPositionsCommand(doc, away))
        else:
            undo_stack.undo()
        qtbot.waitUntil(lambda painted=painted: frames.paints > painted)
        shown = view.grab().toImage().pixelColor(view.mapFromScene(box)).rgb()
        assert (shown == tint) == (step == "undo")


def test_the_undo_of_moving_every_node_takes_the_overviews_boxes_back(qtbot, view, doc, undo_stack):
    # Auto Layout's undo and redo go back to positions drawn before: the overview finds
    # those boxes made (the demo's 65,818 cost 45 ms to make and free), and the picture is
    # the one it drew then, which is the one a fresh overview draws.
    frames, overview = view.overview_frames, view.graph_scene.overview
    for _ in range(12):
        wheel(view, QPointF(400, 300), -240)
    qtbot.waitUntil(lambda: frames.renders > 0 and not frames._timer.isActive())

    def picture():
        painted = frames.paints
        view.viewport().update()
        qtbot.waitUntil(lambda: frames.paints > painted)
        return view.grab().toImage()

    before = picture()
    made = overview._node_boxes.made
    away = {nid: (r.pos[0] + 3 * DX, r.pos[1] + ROWS * DY / 3) for nid, r in doc.nodes.items()}
    undo_stack.push(SetPositionsCommand(doc, away))
    moved = picture()
    assert overview._node_boxes.made == made + 1 and moved != before
    for _ in range(2):
        undo_stack.undo()
        assert picture() == before
        undo_stack.redo()
        assert picture() == moved
    undo_stack.undo()
    assert picture() == before
    assert overview._node_boxes.made == made + 1  # nothing made again
    overview.forget()  # (another document: nothing kept)
    frames.drop()
    assert picture() == before and overview._node_boxes.made == 1


class CountingStyles(Mapping):
    """Every edge of *doc* in one style, counting how many edges were asked for."""

    def __init__(self, doc, style):
        self.doc, self.style, self.asked = doc, style, 0

    def __getitem__(self, edge):
        self.asked += 1
        if edge not in self.doc.edges_of(edge.target):
            raise KeyError(edge)
        return self.style

    def __iter__(self):
        raise AssertionError("a virtual canvas never walks every edge's style")

    def __len__(self):
        return self.doc.edge_count


def test_edge_styles_are_read_only_for_the_edges_on_screen(qtbot, view, doc):
    styles = CountingStyles(doc, EdgeStyle(3.0, gradient_color(view.graph_scene.theme)))
    view.set_edge_styles(styles)
    scene = view.graph_scene
    assert 0 < styles.asked <= len(scene.edge_items) < doc.edge_count / 10
    assert all(item.overlay_pen() is not None for item in scene.edge_items.values())
    asked = styles.asked
    drag(view, QPointF(900, 300), QPointF(100, 300), steps=4, button=MIDDLE)
    drag(view, QPointF(900, 300), QPointF(100, 300), steps=4, button=MIDDLE)
    assert styles.asked > asked  # the edges that came into view, and only those
    assert styles.asked < doc.edge_count / 5
    assert all(item.overlay_pen() is not None for item in scene.edge_items.values())

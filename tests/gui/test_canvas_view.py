"""Zoom, pan, fit, level of detail, themes, swapping documents, and a setPos stress test."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from autograd_studio.graph.document import GraphDocument
from autograd_studio.gui.canvas.node_geometry import DETAILED_UP_TO
from autograd_studio.gui.canvas.theme import DARK, LIGHT, current_theme
from autograd_studio.gui.canvas.view import MAX_ZOOM, MIN_ZOOM
from tests.gui.canvas_helpers import at, drag, wheel


def _grid_doc(n: int) -> GraphDocument:
    doc = GraphDocument()
    prev = doc.add_node("input", value=1.0, pos=(0, 0))
    for i in range(1, n):
        nid = doc.add_node("op", op="tanh", pos=((i % 40) * 230, (i // 40) * 110))
        doc.connect(prev, nid, 0)
        prev = nid
    return doc


def test_wheel_zoom_is_anchored_under_the_mouse_and_limited(view):
    anchor = QPointF(200, 150)
    pixel = at(view, anchor)
    wheel(view, anchor, 240)
    assert view.zoom() > 1.0
    assert abs(view.mapToScene(pixel).x() - anchor.x()) < 2
    assert abs(view.mapToScene(pixel).y() - anchor.y()) < 2
    for _ in range(40):
        wheel(view, anchor, 600)
    assert view.zoom() == pytest.approx(MAX_ZOOM)
    for _ in range(80):
        wheel(view, anchor, -600)
    assert view.zoom() == pytest.approx(MIN_ZOOM)


def test_zoom_keys_and_reset(view):
    QTest.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == pytest.approx(1.25)
    QTest.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == pytest.approx(0.8)
    QTest.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == pytest.approx(1.0)


def test_f_fits_every_node_of_a_big_graph(view, doc):
    view.session.set_document(_grid_doc(DETAILED_UP_TO + 1))
    doc = view.session.document
    for i in range(3):
        doc.add_node("input", pos=(i * 3000, i * 1500))
    QTest.keyClick(view, Qt.Key.Key_F)
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    for item in view.graph_scene.node_items.values():
        assert visible.contains(item.sceneBoundingRect())
    assert MIN_ZOOM <= view.zoom() < 1.0


def test_fit_never_magnifies_a_small_graph(view, doc):
    doc.add_node("input", pos=(0, 0))
    view.fit_all()
    assert view.zoom() == pytest.approx(1.0)


def test_middle_drag_and_space_drag_pan(view, doc):
    before = view.mapToScene(view.viewport().rect().center())
    drag(view, (300, 300), (200, 250), button=Qt.MouseButton.MiddleButton)
    after = view.mapToScene(view.viewport().rect().center())
    assert after.x() - before.x() == pytest.approx(100, abs=2)
    assert after.y() - before.y() == pytest.approx(50, abs=2)
    QTest.keyPress(view, Qt.Key.Key_Space)
    drag(view, (300, 300), (350, 300))
    QTest.keyRelease(view, Qt.Key.Key_Space)
    assert view.mapToScene(view.viewport().rect().center()).x() == pytest.approx(
        after.x() - 50, abs=2
    )
    assert view.selected_node_ids() == [] and len(doc) == 0


def test_zoomed_far_out_the_overview_paints_without_items(view, doc):
    view.session.set_document(_grid_doc(400))
    view.fit_all()
    view.set_zoom(0.1)
    view.centerOn(view.graph_scene.nodes_bounding_rect().center())
    painted = []
    original = type(view.graph_scene.node_items["x"]).paint

    def spy(self, *args):
        painted.append(self)
        return original(self, *args)

    type(view.graph_scene.node_items["x"]).paint = spy
    try:
        image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32)
        image.fill(0)
        view.viewport().render(image)
    finally:
        type(view.graph_scene.node_items["x"]).paint = original
    assert painted == []
    tint = view.graph_scene.theme.op_tint
    colors = {
        image.pixelColor(x, y).rgb()
        for x in range(0, image.width(), 4)
        for y in range(0, image.height(), 4)
    }
    assert tint.rgb() in colors


def test_f_keeps_a_small_graph_readable_and_shows_where_it_begins(view, doc):
    for i in range(3):
        doc.add_node("input", pos=(i * 3000, i * 1500))
    QTest.keyClick(view, Qt.Key.Key_F)
    assert view.smallest_text_pixels() == pytest.approx(9.0)
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(view.graph_scene.node_items["x"].sceneBoundingRect())


def test_a_small_graph_zoomed_far_out_is_not_drawn_as_blocks(view, doc, monkeypatch):
    doc.add_node("input", label="x", value=1.0, pos=(0, 0))
    view.set_zoom(0.1)
    view.centerOn(0, 0)
    blocks = []
    monkeypatch.setattr(view.graph_scene.overview, "paint_shapes", lambda *_: blocks.append(1))
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32)
    view.viewport().render(image)
    assert blocks == [] and view.graph_scene.always_detailed
    view.session.set_document(_grid_doc(DETAILED_UP_TO + 1))
    monkeypatch.setattr(view.graph_scene.overview, "paint_shapes", lambda *_: blocks.append(1))
    view.set_zoom(0.1)
    view.viewport().render(image)
    assert blocks == [1]


def test_items_of_a_big_graph_drop_their_text_when_zoomed_out(view, doc, monkeypatch):
    from autograd_studio.gui.canvas.node_item import NodeItem

    painted: list[tuple[str, str]] = []
    plain, rows = NodeItem._paint_plain, NodeItem._paint_rows

    def record_plain(item, *args):
        painted.append(("plain", item.node_id))
        plain(item, *args)

    def record_rows(item, *args):
        painted.append(("text", item.node_id))
        rows(item, *args)

    monkeypatch.setattr(NodeItem, "_paint_plain", record_plain)
    monkeypatch.setattr(NodeItem, "_paint_rows", record_rows)
    view.session.set_document(_grid_doc(DETAILED_UP_TO + 1))
    x = view.session.document.add_node("input", label="x", value=1.0, pos=(0, 0))
    view.centerOn(view.graph_scene.node_items[x])
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32)
    view.set_zoom(0.4)  # above the overview, below text
    view.viewport().render(image)
    assert ("plain", x) in painted and ("text", x) not in painted
    painted.clear()
    view.set_zoom(1.0)  # close enough to read: the same item paints its text again
    view.viewport().render(image)
    assert ("text", x) in painted and ("plain", x) not in painted


def test_dark_theme_follows_the_palette(view, doc, qtbot):
    doc.add_node("input", pos=(0, 0))
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, Qt.GlobalColor.black)
    assert current_theme(palette) is DARK
    light = QPalette()
    light.setColor(QPalette.ColorRole.Window, Qt.GlobalColor.white)
    assert current_theme(light) is LIGHT
    view.graph_scene.set_theme(DARK)
    assert all(i.theme is DARK for i in view.graph_scene.node_items.values())


def test_set_document_swaps_everything(view, doc, qtbot):
    doc.add_node("input", pos=(0, 0))
    other = _grid_doc(5)
    view.session.set_document(other)
    assert view.session.document is other
    assert set(view.graph_scene.node_items) == set(other.nodes)
    assert len(view.graph_scene.edge_items) == 4
    doc.add_node("input", pos=(500, 500))  # the old document no longer reaches the canvas
    assert set(view.graph_scene.node_items) == set(other.nodes)
    qtbot.waitUntil(lambda: not view.session.evaluator.pending())
    assert view.session.results.data.keys() == other.nodes.keys()


def test_nodes_without_positions_get_a_grid(view, doc):
    ids = [doc.add_node("input") for _ in range(10)]
    spots = {(view.node_item(n).x(), view.node_item(n).y()) for n in ids}
    assert len(spots) == 10


def test_fifty_thousand_set_pos_calls_do_not_crash(view, doc):
    ids = [doc.add_node("input", pos=(i * 10, 0)) for i in range(50)]
    items = [view.node_item(n) for n in ids]
    for k in range(50_000):
        items[k % 50].setPos(k % 997, k % 613)
    QApplication.processEvents()
    assert items[-1].pos() == QPointF(49_999 % 997, 49_999 % 613)


def test_a_deleted_session_and_view_stop_listening_to_a_document_that_lives_on(qtbot):
    import shiboken6

    from autograd_studio.gui.canvas.view import GraphView
    from autograd_studio.gui.editing.session import EditorSession

    doc = GraphDocument()
    session = EditorSession(doc)
    view = GraphView(session)
    scene, evaluator = view.graph_scene, session.evaluator
    assert len(doc._observers) == 1  # the session is the editor's only observer
    shiboken6.delete(view)
    shiboken6.delete(session)
    assert not shiboken6.isValid(scene) and not shiboken6.isValid(evaluator)
    doc.add_node("input")  # must not reach the dead objects
    doc.add_node("input")
    assert doc._observers == []


def test_an_application_palette_change_repaints_in_the_matching_theme(view, doc, qapp):
    doc.add_node("input", pos=(0, 0))
    old = qapp.palette()
    dark = QPalette(old)
    dark.setColor(QPalette.ColorRole.Window, Qt.GlobalColor.black)
    try:
        qapp.setPalette(dark)
        QApplication.processEvents()
        assert view.graph_scene.theme is DARK
        assert view.node_item("x").theme is DARK
    finally:
        qapp.setPalette(old)
        QApplication.processEvents()
    assert view.graph_scene.theme is current_theme()

"""The canvas hook for explaining results: a display-only grad override, highlights, edge
styles, dimmed nodes and notes, none of which touch the document or the results."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from autograd_studio.graph.document import Edge
from autograd_studio.gui.canvas.decorations import (
    DIMMED_OPACITY,
    EdgeStyle,
    NodeNote,
    gradient_color,
)
from autograd_studio.gui.canvas.edge_item import EDGE_WIDTH
from autograd_studio.gui.canvas.theme import DARK


def build(doc):
    a = doc.add_node("input", label="a", value=2.0, pos=(0, 0))
    b = doc.add_node("input", label="b", value=5.0, pos=(0, 120))
    m = doc.add_node("op", op="mul", label="m", pos=(260, 60))
    doc.connect(a, m, 0)
    doc.connect(b, m, 1)
    return a, b, m


def test_grad_override_is_display_only_and_can_update_a_few_items(view, doc):
    a, b, m = build(doc)
    view.run_backward()
    results = view.session.results
    view.set_grad_override({a: 0.0, b: 0.0, m: 1.0})
    assert [view.node_item(n).grad_text() for n in (a, b, m)] == ["0.0000", "0.0000", "1.0000"]
    assert view.session.results is results and results.grad[a] == 5.0  # untouched
    view.set_grad_override({a: 5.0, b: 2.0, m: 1.0}, changed=[a])  # only a is updated
    assert [view.node_item(n).grad_text() for n in (a, b, m)] == ["5.0000", "0.0000", "1.0000"]
    assert view.grad_override()[a] == 5.0 and view.grad_override()[b] == 0.0
    view.set_grad_override(None)
    assert [view.node_item(n).grad_text() for n in (a, b, m)] == ["5.0000", "2.0000", "1.0000"]


def test_marks_go_on_the_items_and_come_off_again(view, doc):
    a, b, m = build(doc)
    d = view.decorations
    into = [Edge(a, m, 0), Edge(b, m, 1)]
    view.set_highlight([m], into[:1], secondary=[a])
    assert d.halo_item(m).level() == "strong" and d.halo_item(a).level() == "light"
    assert view.edge_item(into[0]).overlay_pen().widthF() > EDGE_WIDTH
    style = EdgeStyle(3.0, QColor("#123456"), dashed=True)
    d.set_edge_styles({into[1]: style})
    pen = view.edge_item(into[1]).overlay_pen()
    assert pen.color() == QColor("#123456") and pen.style() == Qt.PenStyle.DashLine
    d.set_dimmed([b])
    assert view.node_item(b).opacity() == DIMMED_OPACITY
    d.set_notes("test", {m: NodeNote("cut here", "the whole reason", "cut", port=1)})
    note = d.note_item(m)
    assert note.texts() == ["cut here"]
    tip = view.graph_scene.tooltip_at(note.mapToScene(note.boundingRect().center()))
    assert tip == "the whole reason"
    d.clear()
    assert d.halo_item(m) is None and d.note_item(m) is None
    assert all(view.edge_item(e).overlay_pen() is None for e in into)
    assert view.node_item(b).opacity() == 1.0


def test_marks_come_back_after_the_scene_is_rebuilt_and_follow_the_theme(view, doc):
    a, _b, m = build(doc)
    d = view.decorations
    d.set_notes("test", {m: NodeNote("hello")})
    view.set_highlight([m], [Edge(a, m, 0)])
    view.graph_scene.set_document(doc)  # every item made again (as on a file reload)
    d.refresh()
    assert d.note_item(m).parentItem() is view.node_item(m)
    assert d.halo_item(m).parentItem() is view.node_item(m)
    view.graph_scene.set_theme(DARK)
    d.refresh()
    assert view.edge_item(Edge(a, m, 0)).overlay_pen().color() == gradient_color(DARK)

"""Adding nodes: palette drops, the quick-add popup (Tab, double-click), the view centre."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtTest import QTest

from autograd_studio.engine.ops import OPS
from autograd_studio.gui.editing.mime import NODE_MIME, node_mime_data, node_spec_from_mime
from tests.gui.canvas_helpers import at, double_click, drop_mime, move


def test_drop_from_the_palette_lands_where_dropped(view, doc, undo_stack):
    drop = drop_mime(view, node_mime_data("op", "mul"), (300, 200))
    assert drop.isAccepted()
    assert len(doc) == 1
    (nid,) = doc.nodes
    assert doc.nodes[nid].op == "mul"
    item = view.node_item(nid)
    assert item.sceneBoundingRect().contains(QPointF(300, 200))
    assert item.shape().contains(item.mapFromScene(QPointF(300, 200)))
    assert undo_stack.count() == 1
    assert view.selected_node_ids() == [nid]
    undo_stack.undo()
    assert len(doc) == 0 and view.node_item(nid) is None


def test_drops_of_every_kind(view, doc):
    drop_mime(view, node_mime_data("input"), (100, 100))
    drop_mime(view, node_mime_data("weight"), (100, 300))
    drop_mime(view, node_mime_data("op", "relu"), (400, 200))
    assert [r.kind for r in doc.nodes.values()] == ["input", "weight", "op"]
    assert list(doc.nodes.values())[2].op == "relu"


def test_foreign_or_broken_drags_are_refused(view, doc):
    text = QMimeData()
    text.setText("hello")
    assert not drop_mime(view, text, (100, 100)).isAccepted()
    bad = QMimeData()
    bad.setData(NODE_MIME, b'{"kind": "op", "op": "no-such-op"}')
    assert not drop_mime(view, bad, (100, 100)).isAccepted()
    assert len(doc) == 0


def test_mime_round_trip_and_validation():
    assert node_spec_from_mime(node_mime_data("op", "pow")) == ("op", "pow")
    assert node_spec_from_mime(node_mime_data("weight")) == ("weight", None)
    assert node_spec_from_mime(None) is None
    junk = QMimeData()
    for payload in (b"\xff\xfe", b"[1, 2]", b'{"kind": "input", "op": "mul"}', b'{"kind": 3}'):
        junk.setData(NODE_MIME, payload)
        assert node_spec_from_mime(junk) is None, payload


def test_tab_opens_quick_add_and_enter_adds_at_the_cursor(view, doc, qtbot, undo_stack):
    move(view, (500, 250), buttons=Qt.MouseButton.NoButton)
    QTest.keyClick(view, Qt.Key.Key_Tab)
    popup = view.quick_add
    assert popup.isVisible()
    assert popup.pos() == at(view, (500, 250)) or popup.geometry().contains(at(view, (500, 250)))
    QTest.keyClicks(popup.edit, "tanh")
    assert popup.visible_entries()[0].op == "tanh"
    QTest.keyClick(popup.edit, Qt.Key.Key_Return)
    assert not popup.isVisible()
    (nid,) = doc.nodes
    assert doc.nodes[nid].op == "tanh"
    assert view.node_item(nid).sceneBoundingRect().contains(QPointF(500, 250))
    assert undo_stack.count() == 1


def test_quick_add_filters_by_symbol_formula_and_kind(view):
    popup = view.open_quick_add(QPointF(0, 0))
    assert len(popup.visible_entries()) == len(OPS) + 2
    popup.edit.insert("σ")  # QTest.keyClicks aborts on non-Latin-1 characters
    # σ is sigmoid's symbol, and Σ (sum's) in lower case
    assert [e.op for e in popup.visible_entries()] == ["sum", "sigmoid"]
    popup.edit.clear()
    QTest.keyClicks(popup.edit, "weight")
    assert popup.visible_entries()[0].kind == "weight"
    popup.edit.clear()
    QTest.keyClicks(popup.edit, "zzz")
    assert popup.visible_entries() == []
    QTest.keyClick(popup.edit, Qt.Key.Key_Return)  # nothing to add: stays, adds nothing
    assert popup.isVisible()


def test_quick_add_finds_ops_by_what_a_keyboard_types(view, doc):
    # The symbols on the canvas are × ÷ −; a person types * / - and ** (as in Python).
    popup = view.open_quick_add(QPointF(0, 0))
    for typed, first in (("*", "mul"), ("/", "div"), ("-", "sub"), ("**", "pow"), ("+", "add")):
        popup.edit.clear()
        QTest.keyClicks(popup.edit, typed)
        assert popup.visible_entries()[0].op == first, typed
    popup.edit.clear()
    QTest.keyClicks(popup.edit, "/")
    QTest.keyClick(popup.edit, Qt.Key.Key_Return)
    (nid,) = doc.nodes
    assert doc.nodes[nid].op == "div"


def test_quick_add_arrow_keys_choose_and_escape_closes(view, doc):
    popup = view.open_quick_add(QPointF(100, 100))
    QTest.keyClicks(popup.edit, "s")  # sub, sigmoid, ... : several matches
    entries = popup.visible_entries()
    assert len(entries) >= 2
    QTest.keyClick(popup.edit, Qt.Key.Key_Down)
    QTest.keyClick(popup.edit, Qt.Key.Key_Return)
    (nid,) = doc.nodes
    record = doc.nodes[nid]
    assert (record.kind, record.op) == (entries[1].kind, entries[1].op)
    view.open_quick_add(QPointF(100, 100))
    QTest.keyClick(popup.edit, Qt.Key.Key_Escape)
    assert not popup.isVisible()
    assert len(doc) == 1


def test_double_click_on_empty_canvas_opens_quick_add_there(view, doc):
    double_click(view, (600, 400))
    popup = view.quick_add
    assert popup.isVisible()
    QTest.keyClicks(popup.edit, "input")
    QTest.keyClick(popup.edit, Qt.Key.Key_Enter)
    (nid,) = doc.nodes
    assert doc.nodes[nid].kind == "input"
    assert view.node_item(nid).sceneBoundingRect().contains(QPointF(600, 400))


def test_add_at_center_steps_aside_from_a_node_already_there(view, doc):
    a = view.add_node_at_center("input", None)
    b = view.add_node_at_center("input", None)
    center = view.mapToScene(view.viewport().rect().center())
    assert view.node_item(a).sceneBoundingRect().contains(center)
    assert doc.nodes[a].pos != doc.nodes[b].pos

"""The seed notebook's active neuron, built on an empty canvas with the mouse only:
palette drops, port-to-port drags and the in-place value editor; then Backward, and the
notebook's gradients read back from the items.

    x1 = 2, x2 = 3, w1 = 1, w2 = 0.5, b = 0.1,  y = relu(w1*x1 + w2*x2 + b)
    dy/dw1 = 2, dy/dw2 = 3, dy/db = 1, dy/dx1 = 1, dy/dx2 = 0.5
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from autograd_studio.gui.canvas.node_item import HEADER, NODE_WIDTH
from autograd_studio.gui.editing.mime import node_mime_data
from tests.gui.canvas_helpers import connect_by_mouse, double_click, drop_mime


def _drop(view, doc, kind, op, where) -> str:
    before = set(doc.nodes)
    drop_mime(view, node_mime_data(kind, op), where)
    (new,) = set(doc.nodes) - before
    return new


def _type_value(view, node_id, text) -> None:
    item = view.node_item(node_id)
    double_click(view, item.pos() + QPointF(NODE_WIDTH / 2, HEADER + 20))
    editor = view.inline_editor
    assert editor is not None and editor.field == "value"
    editor.selectAll()
    QTest.keyClicks(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert view.inline_editor is None


def test_active_neuron_from_an_empty_canvas(view, doc, undo_stack, qtbot):
    view.set_zoom(0.8)
    view.centerOn(430, 260)
    x1 = _drop(view, doc, "input", None, (80, 40))
    w1 = _drop(view, doc, "weight", None, (80, 140))
    x2 = _drop(view, doc, "input", None, (80, 300))
    w2 = _drop(view, doc, "weight", None, (80, 400))
    b = _drop(view, doc, "weight", None, (330, 480))
    m1 = _drop(view, doc, "op", "mul", (330, 90))
    m2 = _drop(view, doc, "op", "mul", (330, 350))
    s1 = _drop(view, doc, "op", "add", (560, 220))
    s2 = _drop(view, doc, "op", "add", (780, 320))
    y = _drop(view, doc, "op", "relu", (990, 320))
    for node, text in ((x1, "2"), (x2, "3"), (w1, "1"), (w2, "0.5"), (b, "0.1")):
        _type_value(view, node, text)
    connect_by_mouse(view, w1, m1, 0)
    connect_by_mouse(view, x1, m1, 1)
    connect_by_mouse(view, w2, m2, 0)
    connect_by_mouse(view, x2, m2, 1)
    connect_by_mouse(view, m1, s1, 0)
    connect_by_mouse(view, m2, s1, 1)
    connect_by_mouse(view, s1, s2, 0)
    connect_by_mouse(view, b, s2, 1)
    connect_by_mouse(view, s2, y, 0)
    assert len(doc.edges) == 9
    assert doc.output == y

    view.run_backward()
    grads = {n: view.node_item(n).grad_text() for n in (w1, w2, b, x1, x2)}
    assert grads == {w1: "2.0000", w2: "3.0000", b: "1.0000", x1: "1.0000", x2: "0.5000"}
    assert view.node_item(y).data_text() == "3.6000"
    assert view.node_item(y).grad_text() == "1.0000"
    assert view.node_item(y).is_output()
    # every step was one undo step: 10 drops, 5 values, 9 connections
    assert undo_stack.count() == 24

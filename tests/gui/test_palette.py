"""The palette: built from the op registry, filterable, a drag source for the canvas."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QDrag
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from autograd_studio.engine.ops import OPS
from autograd_studio.gui.editing.mime import NODE_MIME, node_spec_from_mime
from autograd_studio.gui.panels.palette import PaletteWidget


@pytest.fixture
def palette(qtbot):
    widget = PaletteWidget()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_lists_input_weight_then_every_registry_op_grouped_by_category(palette):
    entries = palette.entries()
    assert entries[:2] == [("input", None), ("weight", None)]
    assert [op for kind, op in entries[2:]] and all(kind == "op" for kind, _ in entries[2:])
    assert {op for _, op in entries[2:]} == set(OPS)
    # Grouped: each category's ops sit under a header named after the category.
    for _kind, op in entries[2:]:
        item = palette.item_for("op", op)
        assert item.parent().text(0) == OPS[op].category


def test_each_entry_has_an_icon_and_a_tooltip_with_formula_and_derivative(palette):
    for name, op in OPS.items():
        item = palette.item_for("op", name)
        assert not item.icon(0).isNull()
        tip = item.toolTip(0)
        # The tooltip is HTML: compare with the registry's text escaped the same way.
        assert op.formula.replace(">", "&gt;").replace("<", "&lt;") in tip
        assert op.derivative.replace(">", "&gt;").replace("<", "&lt;") in tip
    assert "parameter" in palette.item_for("weight").toolTip(0)


def test_a_new_registry_op_appears_without_touching_the_palette(qtbot, monkeypatch):
    from autograd_studio.engine import ops as ops_module

    square = ops_module.Op(
        "square", 1, "x²", lambda a: a * a, lambda out, a: (2 * a,),
        formula="a²", derivative="∂/∂a = 2a", torch="{0} ** 2", python="{0} ** 2",
        category="Experimental",
    )  # fmt: skip
    monkeypatch.setitem(OPS, "square", square)
    widget = PaletteWidget()
    qtbot.addWidget(widget)
    item = widget.item_for("op", "square")
    assert item.parent().text(0) == "Experimental"
    assert "a²" in item.toolTip(0)


def test_filter_narrows_by_name_symbol_or_category_and_hides_empty_groups(palette, qtbot):
    qtbot.keyClicks(palette.filter_edit, "tanh")
    assert palette.visible_entries() == [("op", "tanh")]
    assert palette.item_for("input").parent().isHidden()  # the Values group is empty now
    palette.filter_edit.clear()
    qtbot.keyClicks(palette.filter_edit, "×")
    assert palette.visible_entries() == [("op", "mul")]
    palette.filter_edit.clear()
    qtbot.keyClicks(palette.filter_edit, "activations")
    assert {op for _, op in palette.visible_entries()} == {
        name for name, op in OPS.items() if op.category == "Activations"
    }
    palette.filter_edit.clear()
    assert len(palette.visible_entries()) == len(palette.entries())


def test_filter_finds_ops_by_their_python_spelling(palette, qtbot):
    for typed, expected in (("/", ["div", "sigmoid"]), ("**", ["pow"]), ("*", ["mul", "pow"])):
        palette.filter_edit.clear()
        qtbot.keyClicks(palette.filter_edit, typed)
        assert [op for _, op in palette.visible_entries()] == expected, typed


def test_enter_in_the_filter_box_asks_for_the_first_match(palette, qtbot):
    qtbot.keyClicks(palette.filter_edit, "sigm")
    with qtbot.waitSignal(palette.nodeRequested) as blocker:
        QTest.keyClick(palette.filter_edit, Qt.Key.Key_Return)
    assert blocker.args == ["op", "sigmoid"]


def test_double_click_asks_for_the_node(palette, qtbot):
    tree = palette.tree
    rect = tree.visualItemRect(palette.item_for("weight"))
    with qtbot.waitSignal(palette.nodeRequested) as blocker:
        # A real double-click: a first click, then the press that Qt reports as a double.
        QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        QTest.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["weight", None]


def test_group_headers_are_not_draggable_and_give_no_mime_data(palette):
    header = palette.item_for("op", "add").parent()
    assert not header.flags() & Qt.ItemFlag.ItemIsDragEnabled
    assert palette.tree.mimeData([header]) is None


def test_mime_data_is_the_canvas_node_format(palette):
    mime = palette.mime_data_for("op", "relu")
    assert mime.hasFormat(NODE_MIME)
    assert node_spec_from_mime(mime) == ("op", "relu")
    assert node_spec_from_mime(palette.mime_data_for("input")) == ("input", None)


def test_dragging_an_entry_starts_a_qdrag_with_the_node_mime_data(palette, qtbot, monkeypatch):
    started = []

    def fake_exec(drag, *args, **kwargs):  # QDrag.exec would block in a nested loop
        started.append(node_spec_from_mime(drag.mimeData()))
        return Qt.DropAction.CopyAction

    monkeypatch.setattr(QDrag, "exec", fake_exec)
    tree = palette.tree
    start = tree.visualItemRect(palette.item_for("op", "mul")).center()
    QTest.mousePress(tree.viewport(), Qt.MouseButton.LeftButton, pos=start)
    distance = QApplication.startDragDistance() + 5
    for step in range(1, 5):
        QTest.mouseMove(tree.viewport(), start + QPoint(step * distance, 0))
    QTest.mouseRelease(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=start + QPoint(4 * distance, 0)
    )
    assert started == [("op", "mul")]


def test_down_arrow_in_the_filter_moves_into_the_list(palette, qtbot):
    palette.filter_edit.setFocus()
    qtbot.keyClicks(palette.filter_edit, "log")
    QTest.keyClick(palette.filter_edit, Qt.Key.Key_Down)
    assert palette.tree.hasFocus()
    assert palette.tree.currentItem() is palette.item_for("op", "log")
    with qtbot.waitSignal(palette.nodeRequested) as blocker:
        QTest.keyClick(palette.tree, Qt.Key.Key_Return)
    assert blocker.args == ["op", "log"]


def test_muted_text_follows_a_palette_switch(palette):
    from autograd_studio.gui.look.appearance import dark_palette

    before = palette.item_for("op", "add").foreground(1).color()
    palette.setPalette(dark_palette())
    after = palette.item_for("op", "add").foreground(1).color()
    assert after == dark_palette().placeholderText().color()
    assert after != before


def test_a_narrow_short_palette_elides_formulas_instead_of_scrolling_sideways(qtbot):
    """At 1280x800 the palette is 210 px wide; with a bottom panel open it is short too, its
    vertical scroll bar took the room and a horizontal one appeared under the names."""
    palette = PaletteWidget()
    qtbot.addWidget(palette)
    palette.resize(200, 300)
    palette.show()
    qtbot.waitExposed(palette)
    tree = palette.tree
    qtbot.waitUntil(tree.verticalScrollBar().isVisible)
    assert not tree.horizontalScrollBar().isVisible()
    assert tree.columnWidth(0) < tree.viewport().width()  # every name whole

"""Live forward, Backward annotations, stale grads, problem badges and the output mark."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage

from autograd_studio.gui.editing.commands import SetValueCommand
from autograd_studio.gui.editing.evaluation import NO_OUTPUT_MESSAGE
from tests.gui.canvas_helpers import connect_by_mouse


@pytest.fixture
def square(doc):
    """y = x * x + c with x = 3, c = 0.5 (an op reused: two edges from x)."""
    x = doc.add_node("input", label="x", value=3.0, pos=(0, 0))
    c = doc.add_node("weight", label="c", value=0.5, pos=(0, 200))
    m = doc.add_node("op", op="mul", pos=(250, 0))
    y = doc.add_node("op", op="add", label="y", pos=(500, 100))
    doc.connect(x, m, 0)
    doc.connect(x, m, 1)
    doc.connect(m, y, 0)
    doc.connect(c, y, 1)
    return x, c, m, y


def settle(qtbot, view):
    qtbot.waitUntil(lambda: not view.session.evaluator.pending(), timeout=2000)


def test_data_is_live_and_grads_wait_for_backward(view, doc, square, qtbot):
    x, c, _m, y = square
    view.session.evaluator.run_forward()
    item = view.node_item(y)
    assert item.data_text() == "9.5000"
    assert item.grad_text() == "—"
    result = view.run_backward()
    assert result.grad[x] == 6.0
    assert view.node_item(x).grad_text() == "6.0000"
    assert view.node_item(c).grad_text() == "1.0000"
    assert not view.node_item(x).is_grad_stale()
    assert view.node_item(y).is_output()


def test_an_edit_recomputes_data_and_greys_grads_until_backward(
    view, doc, undo_stack, square, qtbot
):
    x, _c, _m, y = square
    view.run_backward()
    with qtbot.waitSignal(view.session.resultsPublished):
        undo_stack.push(SetValueCommand(doc, x, 4.0))
    assert view.node_item(y).data_text() == "16.5000"
    assert view.node_item(x).grad_text() == "6.0000"  # the old Backward's, greyed
    assert view.node_item(x).is_grad_stale() and view.session.grads_stale
    assert "stale" in view.node_item(x).tooltip_text()
    view.run_backward()
    assert view.node_item(x).grad_text() == "8.0000"
    assert not view.node_item(x).is_grad_stale()


def test_moving_or_renaming_keeps_grads_fresh(view, doc, square, qtbot):
    x, _c, _m, _y = square
    view.run_backward()
    doc.set_pos(x, (10, 10))
    doc.set_label(x, "xx")
    qtbot.wait(5)
    assert not view.node_item(x).is_grad_stale()


def test_a_macro_is_evaluated_once(view, doc, undo_stack, square, qtbot):
    x, c, _m, y = square
    runs = []
    view.session.resultsPublished.connect(runs.append)
    undo_stack.beginMacro("two values")
    try:
        undo_stack.push(SetValueCommand(doc, x, 1.0))
        undo_stack.push(SetValueCommand(doc, c, 1.0))
    finally:
        undo_stack.endMacro()
    settle(qtbot, view)
    assert len(runs) == 1
    assert runs[0].data[y] == 2.0


def test_missing_input_gets_a_badge_and_the_rest_still_evaluates(view, doc, square, qtbot):
    _x, c, m, y = square
    s = doc.add_node("op", op="sub", pos=(500, 300))
    doc.connect(c, s, 1)
    settle(qtbot, view)
    item = view.node_item(s)
    assert item.data_text() == "—"
    assert item.problems() == ("Missing input: input a is not connected",)
    assert "Missing input" in item.tooltip_text()
    assert view.node_item(y).problems() == ()
    assert view.node_item(m).data_text() == "9.0000"


def test_nan_gets_a_badge_that_says_why(view, doc, qtbot):
    a = doc.add_node("input", label="a", value=-1.0, pos=(0, 0))
    lg = doc.add_node("op", op="log", pos=(250, 0))
    doc.connect(a, lg, 0)
    settle(qtbot, view)
    item = view.node_item(lg)
    assert item.data_text() == "nan"
    assert len(item.problems()) == 1 and "a < 0 is nan" in item.problems()[0]
    doc.set_value(a, 2.0)
    settle(qtbot, view)
    assert item.problems() == ()


def test_several_ends_and_no_output_are_explained(view, doc, square, qtbot):
    x, c, _m, y = square
    z = doc.add_node("op", op="neg", pos=(500, 300))
    doc.connect(c, z, 0)
    settle(qtbot, view)
    assert view.banner_text() == NO_OUTPUT_MESSAGE
    messages = []
    view.statusMessage.connect(messages.append)
    result = view.run_backward()
    assert result.output is None and messages == [NO_OUTPUT_MESSAGE]
    assert view.node_item(x).grad_text() == "—"  # no zeros pretending to be gradients
    view.set_output(y)
    settle(qtbot, view)
    assert view.banner_text() == "" and view.node_item(y).is_output()


def test_the_output_follows_the_only_sink(view, doc, qtbot):
    a = doc.add_node("input", label="a", value=1.0, pos=(0, 0))
    n = doc.add_node("op", op="neg", pos=(250, 0))
    settle(qtbot, view)
    assert view.graph_scene.output_id is None
    connect_by_mouse(view, a, n, 0)
    settle(qtbot, view)
    assert view.node_item(n).is_output() and not view.node_item(a).is_output()


def test_tooltips_show_full_precision(view, doc, qtbot):
    a = doc.add_node("input", label="a", value=1 / 3, pos=(0, 0))
    settle(qtbot, view)
    view.run_backward()
    item = view.node_item(a)
    assert item.data_text() == "0.3333"
    assert "data = 0.3333333333333333" in item.tooltip_text()
    text = view.graph_scene.tooltip_at(item.pos() + QPointF(20, 40))
    assert "0.3333333333333333" in text


def test_huge_and_tiny_numbers_stay_readable_and_inside_the_card(view, doc, qtbot):
    """1e-7 must not read as 0.0000, and -3e20 must not run over the "data" caption."""
    from PySide6.QtGui import QFontMetricsF

    from autograd_studio.gui.canvas.node_geometry import NODE_WIDTH, OP_TEXT_X, fonts

    a = doc.add_node("input", label="a", value=-3e20, pos=(0, 0))
    b = doc.add_node("weight", label="b", value=-1e-7, pos=(0, 200))
    m = doc.add_node("op", op="mul", pos=(250, 100))
    doc.connect(a, m, 0)
    doc.connect(b, m, 1)
    view.run_backward()
    assert view.node_item(a).grad_text() == "-1.000e-07"
    assert view.node_item(b).data_text() == "-1.000e-07"
    assert view.node_item(m).data_text() == "3.000e+13"
    assert view.node_item(b).grad_text() == "-3.000e+20"
    room = NODE_WIDTH - 12 - OP_TEXT_X - QFontMetricsF(fonts().caption).horizontalAdvance("data")
    number = QFontMetricsF(fonts().number)
    for text in ("-3.000e+20", "-9999.9999", view.node_item(m).data_text()):
        assert number.horizontalAdvance(text) < room


def test_an_output_without_a_value_gives_no_grads_rather_than_zeros(view, doc, qtbot):
    a = doc.add_node("input", label="a", value=2.0, pos=(0, 0))
    m = doc.add_node("op", op="mul", pos=(250, 0))
    y = doc.add_node("op", op="add", label="y", pos=(500, 0))
    doc.connect(a, m, 0)
    doc.connect(a, m, 1)
    doc.connect(m, y, 0)  # y's second input is still open: y has no value
    doc.set_output(y)
    result = view.run_backward()
    assert result.data[m] == 4.0 and result.data[y] is None
    assert [view.node_item(n).grad_text() for n in (a, m, y)] == ["—"] * 3  # not 0.0000
    assert "input b is not connected" in view.node_item(y).problems()[0]


def test_the_no_output_banner_wraps_on_a_narrow_canvas(view, doc, square, qtbot):
    """At 1280x800 the canvas is about 590 px wide: the banner cut its message off at both
    ends.  Now the card grows a line at a time and holds all of the text."""
    _x, c, _m, _y = square
    doc.connect(c, doc.add_node("op", op="neg", pos=(500, 300)), 0)
    settle(qtbot, view)
    assert view.banner_text() == NO_OUTPUT_MESSAGE
    view.resize(590, 636)
    qtbot.waitUntil(lambda: view.width() == 590)
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32)
    image.fill(0)
    view.viewport().render(image)
    # The card's border, in the problem colour (red, blended at its edges), down the middle
    # column of the canvas: its top and bottom edges.
    x = image.width() // 2
    border = [y for y in range(image.height() // 2) if _reddish(image.pixelColor(x, y))]
    top, bottom = min(border), max(border)
    metrics = QFontMetrics(view.viewport().font())
    inner = QRect(0, 0, image.width() - 20 - 24, 10_000)
    flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
    lines = metrics.boundingRect(inner, flags, NO_OUTPUT_MESSAGE).height() // metrics.height()
    assert lines >= 2  # the message does need more than one line here
    # Inside the card, the text's rows (dark pixels) come in one band per line: all of them.
    inked = [
        any(_dark(image.pixelColor(px, y)) for px in range(20, image.width() - 20))
        for y in range(top + 2, bottom - 1)
    ]
    bands = sum(1 for i, ink in enumerate(inked) if ink and (i == 0 or not inked[i - 1]))
    assert bands == lines


def _reddish(color: QColor) -> bool:
    return color.red() - max(color.green(), color.blue()) > 60


def _dark(color: QColor) -> bool:
    return max(color.red(), color.green(), color.blue()) < 110

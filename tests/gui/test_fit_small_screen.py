"""Fit on a 1280x800 screen: the small examples open whole and readable, and a graph too
wide for readable text keeps its output (where Backward starts) in view."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QScreen
from PySide6.QtTest import QTest

from autograd_studio.graph import GraphDocument
from tests.gui.window_support import make_window
from tests.requirements import require_dot

SMALL_EXAMPLES = ["neuron-active", "neuron-dead", "tanh-neuron", "node-reuse", "line-regression"]


def _on_a_1280x800_screen(monkeypatch) -> None:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, 1280, 800))


def _cards_in_view(view) -> list[str]:
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    return [
        nid
        for nid, item in view.graph_scene.node_items.items()
        if visible.contains(item.sceneBoundingRect())
    ]


@pytest.mark.parametrize("name", SMALL_EXAMPLES)
def test_a_small_example_opens_whole_and_readable_on_a_1280x800_screen(
    qtbot, tmp_path, monkeypatch, name
):
    """The neuron needed 1009 px at the 9 px text floor on a canvas of about 760 px: its
    output card, where Backward starts, opened off the right edge."""
    _on_a_1280x800_screen(monkeypatch)
    window, _ = make_window(qtbot, tmp_path)
    assert window.palette_dock.isVisible() and window.inspector_dock.isVisible()
    qtbot.waitUntil(lambda: window.view.width() > 700)
    assert window.view.width() <= 800  # both docks open: the canvas a user has
    window.examples_menu.aboutToShow.emit()
    action = next(a for a in window.examples_menu.actions() if a.text() == name)
    action.trigger()
    view = window.view
    every = sorted(window.document.nodes)
    qtbot.waitUntil(lambda: sorted(_cards_in_view(view)) == every, timeout=3000)
    assert view.smallest_text_pixels() >= 9.0 - 1e-9
    assert not view.horizontalScrollBar().isVisible()


def _wide_chain(length: int) -> GraphDocument:
    """x -> tanh -> tanh -> ... left to right, the last one the output."""
    doc = GraphDocument()
    previous = doc.add_node("input", label="x", value=0.5, pos=(0, 0))
    for i in range(1, length):
        node = doc.add_node("op", op="tanh", pos=(i * 264, 0))
        doc.connect(previous, node, 0)
        previous = node
    doc.set_output(previous)
    return doc


def test_fit_keeps_the_output_in_view_when_the_graph_cannot_fit_readable(qtbot, tmp_path):
    """Fit used to show a too-wide graph's beginning: the output was a pan away."""
    doc = _wide_chain(12)
    window, _ = make_window(qtbot, tmp_path, doc)
    window.resize(1280, 800)
    view = window.view
    view.fit_all()
    assert view.smallest_text_pixels() >= 9.0 - 1e-9
    shown = _cards_in_view(view)
    assert doc.output in shown
    assert len(shown) < len(doc.nodes)  # it did not fit: the rest is a pan away
    # The view starts no further right than it must: the cards up to the output fill it.
    first_shown = min(view.node_item(nid).pos().x() for nid in shown)
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert first_shown - visible.left() < 264


@pytest.mark.parametrize("dot", ["with dot", "without dot"])
def test_auto_layout_then_fit_keeps_the_neuron_whole_and_readable(
    qtbot, tmp_path, monkeypatch, dot
):
    """Auto Layout spaced a small graph's columns as a big graph's (96 units, not 28), so
    on the neuron it undid the example's fit: the output card went off the right edge."""
    if dot == "with dot":
        require_dot()
    else:
        monkeypatch.setenv("PATH", str(tmp_path))  # no dot: the layered layout runs
    _on_a_1280x800_screen(monkeypatch)
    window, _ = make_window(qtbot, tmp_path)
    qtbot.waitUntil(lambda: window.view.width() > 700)
    assert window.view.width() <= 800  # both docks open
    window.examples_menu.aboutToShow.emit()
    next(a for a in window.examples_menu.actions() if a.text() == "neuron-active").trigger()
    view = window.view
    every = sorted(window.document.nodes)
    qtbot.waitUntil(lambda: sorted(_cards_in_view(view)) == every, timeout=3000)
    window.activateWindow()
    view.setFocus()
    qtbot.waitUntil(lambda: window.isActiveWindow() and view.hasFocus())
    view.set_zoom(2.0)  # so that Fit below has something to do

    QTest.keyClick(view.viewport(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    controller = window.layout_controller
    qtbot.waitUntil(
        lambda: not controller.is_running() and not controller.is_animating(), timeout=10_000
    )
    engine = "Graphviz dot" if dot == "with dot" else "layered"
    assert engine in window.statusBar().currentMessage()
    QTest.keyClick(view.viewport(), Qt.Key.Key_F)

    assert sorted(_cards_in_view(view)) == every
    assert view.smallest_text_pixels() >= 9.0 - 1e-9

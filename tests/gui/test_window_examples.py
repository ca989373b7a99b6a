"""File > Examples: the bundled graphs, listed with their descriptions, opened as copies."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionSlider

from autograd_studio.graph.fileformat import load
from autograd_studio.gui.editing.commands import SetValueCommand
from autograd_studio.gui.window.examples import bundled_examples
from autograd_studio.resources import examples_dir
from tests.gui.window_support import make_window

EXAMPLES = examples_dir()


def test_examples_menu_lists_the_bundled_files_with_descriptions(qtbot, tmp_path):
    examples = bundled_examples()
    if not examples:
        pytest.fail("autograd_studio/resources/examples has no .agraph files")
    window, _ = make_window(qtbot, tmp_path)
    window.examples_menu.aboutToShow.emit()
    actions = [a for a in window.examples_menu.actions() if a.data()]
    assert [a.text() for a in actions] == [e.name for e in examples]
    for action, example in zip(actions, examples, strict=True):
        assert action.statusTip() == example.description
        assert example.description, f"{example.path.name} has no description"


def test_an_example_opens_as_an_untitled_copy(qtbot, tmp_path):
    example = next(e for e in bundled_examples() if e.name == "neuron-active")
    original = example.path.read_bytes()
    window, dialogs = make_window(qtbot, tmp_path)
    window.examples_menu.aboutToShow.emit()
    action = next(a for a in window.examples_menu.actions() if a.text() == "neuron-active")
    action.trigger()
    assert window.current_path is None
    assert window.document == load(example.path)
    assert window.windowTitle().startswith("neuron-active (example)")
    edit_id = next(nid for nid, r in window.document.nodes.items() if r.op is None)
    window.undo_stack.push(SetValueCommand(window.document, edit_id, 42.0))
    dialogs.save_paths.append(str(tmp_path / "my-neuron.agraph"))
    assert window.save()  # Save asks where: the bundled file is never the target
    assert Path(dialogs.save_suggestions[0]).name == "neuron-active.agraph"
    assert Path(dialogs.save_suggestions[0]).parent != example.path.parent
    assert example.path.read_bytes() == original


def test_examples_come_smallest_first_and_descriptions_are_read_from_the_head(tmp_path):
    big = tmp_path / "big.agraph"
    nodes = ",".join(f'{{"id":"n{i}","kind":"input","value":{i}}}' for i in range(3000))
    big.write_text(
        '{"format":"autograd-studio-graph","version":1,"description":"a \\"big\\" one",'
        f'"nodes":[{nodes}],"edges":[]}}'
    )
    small = tmp_path / "small.agraph"
    small.write_text('{"version": 1, "nodes": [], "edges": [], "description": "tiny"}')
    nested = tmp_path / "nested.agraph"
    nested.write_text('{"nodes": [{"id": "a", "description": "not mine"}], "edges": []}')
    examples = bundled_examples(tmp_path)
    assert [e.name for e in examples] == ["small", "nested", "big"]
    assert [e.description for e in examples] == ["tiny", "", 'a "big" one']


@pytest.mark.parametrize("name", ["mlp-mse", "neuron-active"])
def test_an_example_opens_and_fits_with_readable_text_at_the_default_size(qtbot, tmp_path, name):
    """40 nodes opened as unlabelled blocks, the neuron at 6 px after Fit: now 9 px or more."""
    window, _ = make_window(qtbot, tmp_path)
    window.resize(1280, 800)
    assert window.open_file(EXAMPLES / f"{name}.agraph")
    window.resize(1280, 800)
    QTest.keyClick(window.view, Qt.Key.Key_F)
    assert window.view.smallest_text_pixels() >= 9.0 - 1e-9
    # the output, where Backward starts, is in view whole even when the rest is a pan away
    output = window.view.node_item(window.document.output)
    visible = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    assert visible.contains(output.sceneBoundingRect())


def test_a_graph_wider_than_the_view_shows_its_output_and_a_scroll_bar_reaches_its_inputs(
    qtbot, tmp_path
):
    """In a 1152x720 window the neuron at readable size is wider than the canvas: its output
    card was off the right edge with nothing saying so.  Fit now shows the output whole and
    the scroll bar's handle, dragged with the mouse, reaches the inputs."""
    window, _ = make_window(qtbot, tmp_path)
    assert window.open_file(EXAMPLES / "neuron-active.agraph")
    window.resize(1152, 720)
    view = window.view
    QTest.keyClick(view, Qt.Key.Key_F)
    bar = view.horizontalScrollBar()
    qtbot.waitUntil(bar.isVisible)
    first = min(view.graph_scene.node_items.values(), key=lambda item: item.pos().x())

    def in_view(item) -> bool:
        visible = view.mapToScene(view.viewport().rect()).boundingRect()
        return visible.contains(item.sceneBoundingRect())

    assert in_view(view.node_item(window.document.output))
    assert not in_view(first)
    option = QStyleOptionSlider()
    bar.initStyleOption(option)
    slider = bar.style().subControlRect(
        QStyle.ComplexControl.CC_ScrollBar, option, QStyle.SubControl.SC_ScrollBarSlider, bar
    )
    handle = slider.center()
    QTest.mousePress(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, handle)
    for x in range(handle.x(), -20, -20):
        QApplication.sendEvent(
            bar,
            QMouseEvent(
                QEvent.Type.MouseMove,
                QPointF(x, handle.y()),
                QPointF(bar.mapToGlobal(QPoint(x, handle.y()))),
                Qt.MouseButton.NoButton,
                Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier,
            ),
        )
    QTest.mouseRelease(
        bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(1, handle.y())
    )
    assert bar.value() == bar.minimum()
    assert in_view(first)
    assert view.smallest_text_pixels() >= 9.0 - 1e-9  # scrolled, never shrunk


def test_a_graph_that_fits_shows_no_scroll_bars(qtbot, tmp_path):
    window, _ = make_window(qtbot, tmp_path)
    assert window.open_file(EXAMPLES / "neuron-active.agraph")
    window.resize(1800, 900)
    QTest.keyClick(window.view, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: not window.view.horizontalScrollBar().isVisible())
    assert not window.view.verticalScrollBar().isVisible()


def test_an_animated_auto_layout_leaves_the_graph_centred_in_a_scrolled_view(qtbot, tmp_path):
    """Every frame of the layout's glide re-measures the scroll range: the view crept up
    a few pixels each time and the neuron ended up 130 px below the middle."""
    window, _ = make_window(qtbot, tmp_path)
    assert window.open_file(EXAMPLES / "neuron-active.agraph")
    window.resize(1152, 720)
    view = window.view
    QTest.keyClick(view, Qt.Key.Key_F)
    qtbot.waitUntil(view.horizontalScrollBar().isVisible)
    controller = window.layout_controller
    controller.animate_action.setChecked(True)
    controller.set_engine("layered")
    window.document.set_positions([("y", (1500.0, 900.0))])  # something for it to move
    window.activateWindow()
    view.setFocus()
    qtbot.waitUntil(lambda: window.isActiveWindow() and view.hasFocus())
    QTest.keyClick(view.viewport(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.undo_stack.count() == 1, timeout=10_000)
    assert not controller.is_animating()  # it glided, then committed
    qtbot.wait(50)  # the scroll range's last re-measure, after the last frame
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    nodes = view.graph_scene.nodes_bounding_rect()
    assert abs(visible.center().y() - nodes.center().y()) < 20

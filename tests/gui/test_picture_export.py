"""File > Export > Image / Selection as Image / DOT: files as annotated on the canvas."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QImage
from PySide6.QtTest import QTest

from autograd_studio.graph.evaluate import evaluate
from autograd_studio.gui.canvas.picture import PICTURE_MARGIN
from autograd_studio.gui.canvas.theme import LIGHT
from autograd_studio.numbers import canvas_number
from tests.gui.window_support import make_window, neuron_document
from tests.requirements import require_dot

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot, tmp_path):
    window, _ = make_window(qtbot, tmp_path, neuron_document())
    window.activateWindow()
    window.view.setFocus()
    qtbot.waitUntil(lambda: window.isActiveWindow() and window.view.hasFocus())
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_B, CTRL)  # Backward: grads shown
    assert window.session.results.grad["w1"] is not None
    return window


def export_by_keys(window, path) -> None:
    """Ctrl+Shift+E, the dialog answered with *path*."""
    window.dialogs.export_paths.append(str(path))
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_E, CTRL | SHIFT)


def svg_texts(path) -> list[str]:
    root = ET.parse(path).getroot()  # valid XML or this raises
    assert root.tag.endswith("svg")
    return [el.text.strip() for el in root.iter() if el.tag.endswith("text") and el.text]


def colour_count(image: QImage, colour: QColor, step: int = 2) -> int:
    target = colour.rgb() & 0xFFFFFF
    return sum(
        1
        for y in range(0, image.height(), step)
        for x in range(0, image.width(), step)
        if image.pixel(x, y) & 0xFFFFFF == target
    )


def test_png_export_is_the_annotated_graph_at_the_chosen_scale(window, tmp_path):
    out = tmp_path / "neuron.png"
    export_by_keys(window, out)
    image = QImage(str(out))
    assert not image.isNull()
    # The picture spans the cards (and their ports, tags) plus the margin, at 2x.
    cards = window.view.graph_scene.itemsBoundingRect()
    assert image.width() == round((cards.width() + 2 * PICTURE_MARGIN) * 2)
    assert image.height() == round((cards.height() + 2 * PICTURE_MARGIN) * 2)
    # Ink: the kinds' tints and the output ring are there, on the canvas background.
    theme = window.view.graph_scene.theme
    assert colour_count(image, theme.input_tint) > 500
    assert colour_count(image, theme.weight_tint) > 500
    assert colour_count(image, theme.output) > 100
    assert QColor(image.pixel(1, 1)) == theme.background
    assert "Exported PNG" in window.statusBar().currentMessage()

    window.findChild(QAction, "actionImageScale4x").trigger()
    bigger = tmp_path / "neuron4.png"
    export_by_keys(window, bigger)
    assert QImage(str(bigger)).width() == 2 * image.width()


def test_the_selection_outline_and_hover_never_reach_the_picture(window, tmp_path):
    plain = tmp_path / "plain.png"
    export_by_keys(window, plain)
    window.view.select_all()
    selected = tmp_path / "selected.png"
    export_by_keys(window, selected)
    assert QImage(str(plain)) == QImage(str(selected))
    assert window.view.selected_node_ids()  # and the canvas's selection is still there


def test_svg_export_holds_the_labels_and_the_numbers(window, tmp_path):
    out = tmp_path / "neuron.svg"
    export_by_keys(window, out)
    texts = svg_texts(out)
    expected = evaluate(window.document)
    for label in ("x1", "w1", "x2", "w2", "b", "y"):
        assert label in texts
    for node_id in ("w1", "x2", "y"):
        assert canvas_number(expected.data[node_id]) in texts
        assert canvas_number(expected.grad[node_id]) in texts
    assert "OUTPUT" in texts


def test_stale_grads_are_exported_as_shown(window, tmp_path, qtbot):
    window.document.set_value("x1", 5.0)  # an edit after Backward: grads go stale
    x1 = window.view.node_item("x1")
    qtbot.waitUntil(lambda: window.session.grads_stale and x1.data_text() == canvas_number(5.0))
    item = window.view.node_item("w1")
    assert item.is_grad_stale()
    out = tmp_path / "stale.svg"
    export_by_keys(window, out)
    texts = svg_texts(out)
    assert item.grad_text() in texts and item.data_text() in texts
    assert canvas_number(5.0) in texts


def test_selection_as_image_draws_only_the_selected_nodes(window, tmp_path, qtbot):
    action = window.actions.export_selection_image
    assert not action.isEnabled()
    window.view.select_node_ids(["w1", "x1", "mul"])
    qtbot.waitUntil(action.isEnabled)
    out = tmp_path / "part.svg"
    window.dialogs.export_paths.append(str(out))
    action.trigger()
    texts = svg_texts(out)
    assert {"w1", "x1", "w1*x1", "×"} <= set(texts)  # an unlabelled op: named from operands
    for absent in ("x2", "w2", "b", "add", "y", "OUTPUT"):
        assert absent not in texts
    assert canvas_number(evaluate(window.document).data["mul"]) in texts
    title, suggested, file_filter = window.dialogs.export_requests[-1]
    assert "selection" in title.lower() and suggested.endswith(".png")
    assert "*.svg" in file_filter and "*.png" in file_filter


def test_transparent_background(window, tmp_path):
    window.findChild(QAction, "actionTransparentBackground").trigger()
    out = tmp_path / "clear.png"
    export_by_keys(window, out)
    image = QImage(str(out))
    assert QColor.fromRgba(image.pixel(1, 1)).alpha() == 0
    assert colour_count(image, LIGHT.input_tint) > 500


def test_an_unknown_picture_type_is_refused_and_nothing_written(window, tmp_path):
    out = tmp_path / "neuron.jpg"
    export_by_keys(window, out)
    assert not out.exists()
    title, text = window.dialogs.errors[-1]
    assert "image" in title.lower() and ".png" in text and ".svg" in text


def test_a_cancelled_dialog_writes_nothing(window, tmp_path):
    window.dialogs.export_paths.append(None)
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_E, CTRL | SHIFT)
    assert list(tmp_path.glob("*.png")) == [] and window.dialogs.errors == []


def test_dot_export_has_the_labels_numbers_and_canvas_positions(window, tmp_path):
    out = tmp_path / "neuron.dot"
    window.dialogs.export_paths.append(str(out))
    window.actions.export_dot.trigger()
    source = out.read_text(encoding="utf-8")
    expected = evaluate(window.document)
    grad = canvas_number(expected.grad["w1"])
    assert f"{{ w1 | data {canvas_number(expected.data['w1'])} | grad {grad} }}" in source
    assert source.count("pos=") == len(window.document.nodes) + sum(
        1 for record in window.document.nodes.values() if record.op
    )
    # w1 is drawn left of y, as on the canvas.
    xs = {}
    for line in source.splitlines():
        for node_id in ("w1", "y"):
            if line.strip().startswith(f"{node_id} ["):
                xs[node_id] = float(line.split('pos="')[1].split(",")[0])
    assert xs["w1"] < xs["y"]


def test_neato_redraws_the_exported_dot_as_laid_out(window, tmp_path):
    require_dot()
    out = tmp_path / "neuron.dot"
    window.dialogs.export_paths.append(str(out))
    window.actions.export_dot.trigger()
    drawn = subprocess.run(
        ["neato", "-n2", "-Tsvg", str(out)], capture_output=True, text=True, check=True
    ).stdout
    assert "w1" in drawn and "<svg" in drawn

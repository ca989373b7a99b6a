"""The picture renderer on its own: big graphs are drawn as the zoomed-out canvas draws them."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QColor, QImage

from autograd_studio.graph.document import GraphDocument
from autograd_studio.gui.canvas import picture
from autograd_studio.gui.canvas.theme import LIGHT
from tests.gui.window_support import neuron_document


def test_small_svgs_have_text_and_big_ones_have_shapes_only(qtbot, monkeypatch):
    doc = neuron_document()
    scene = picture.picture_scene(doc, doc.evaluate())
    detailed = ET.fromstring(picture.svg_bytes(scene))
    assert any(el.tag.endswith("text") for el in detailed.iter())
    monkeypatch.setattr(picture, "SVG_TEXT_UP_TO", len(doc.nodes) - 1)
    shapes = ET.fromstring(picture.svg_bytes(scene))
    assert not any(el.tag.endswith("text") for el in shapes.iter())
    fills = {el.get("fill", "").lower() for el in shapes.iter()}
    assert LIGHT.input_tint.name() in fills and LIGHT.weight_tint.name() in fills
    # scaled down as far as the canvas's overview
    assert float(shapes.get("viewBox").split()[2]) < 0.3 * float(detailed.get("viewBox").split()[2])


def test_a_png_scaled_below_the_overview_zoom_is_the_overview(qtbot):
    doc = neuron_document()
    scene = picture.picture_scene(doc, doc.evaluate())
    rendered = picture.render_png(scene, scale=0.2)
    image = QImage.fromData(rendered.data, "PNG")
    assert (image.width(), image.height()) == (rendered.width, rendered.height)
    tints = {QColor(image.pixel(x, y)).name() for y in range(image.height())
             for x in range(image.width())}  # fmt: skip
    # Tinted boxes (the overview), not white cards with text.
    assert LIGHT.input_tint.name() in tints and LIGHT.op_tint.name() in tints
    assert LIGHT.card.name() not in tints


def test_pngs_are_capped_in_size(qtbot, monkeypatch):
    doc = neuron_document()
    scene = picture.picture_scene(doc, doc.evaluate())
    monkeypatch.setattr(picture, "MAX_PNG_SIDE", 500)
    rendered = picture.render_png(scene, scale=4.0)
    assert max(rendered.width, rendered.height) <= 500 and rendered.scale < 1.0


def test_an_empty_graph_is_refused(qtbot):
    scene = picture.picture_scene(GraphDocument(), None)
    with pytest.raises(picture.PictureError, match="empty"):
        picture.render_png(scene)

"""The picture renderer on its own: big graphs are drawn as the zoomed-out canvas draws them."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QColor, QImage

from autograd_studio.cli import main
from autograd_studio.graph import save
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


def test_a_big_graphs_picture_is_drawn_from_its_positions_without_a_scene(
    qtbot, monkeypatch, tmp_path
):
    doc = neuron_document()
    assert picture.overview_picture(doc, doc.evaluate()) is None  # small: the scene draws it
    monkeypatch.setattr(picture, "SVG_TEXT_UP_TO", len(doc.nodes) - 1)
    overview = picture.overview_picture(doc, doc.evaluate())
    assert overview is not None
    scene = picture.picture_scene(doc, doc.evaluate())
    rendered = picture.render_png(overview, scale=0.2)
    image = QImage.fromData(rendered.data, "PNG")
    tints = {QColor(image.pixel(x, y)).name() for y in range(image.height())
             for x in range(image.width())}  # fmt: skip
    assert {LIGHT.input_tint.name(), LIGHT.weight_tint.name(), LIGHT.op_tint.name()} <= tints
    assert LIGHT.card.name() not in tints
    # about the size of the scene's own overview picture (which adds ports and tags)
    from_scene = picture.render_png(scene, scale=0.2)
    assert abs(rendered.width - from_scene.width) <= 0.1 * from_scene.width
    shapes = ET.fromstring(picture.svg_bytes(overview))
    assert not any(el.tag.endswith("text") for el in shapes.iter())

    def no_scene(*args, **kwargs):
        raise AssertionError("a big graph's picture made a scene")

    monkeypatch.setattr(picture, "picture_scene", no_scene)
    path = tmp_path / "doc.agraph"
    save(doc, path)
    assert main(["render", str(path), "-o", str(tmp_path / "big.svg")]) == 0
    assert ET.parse(tmp_path / "big.svg").getroot().tag.endswith("svg")
    # Its PNG stays small: more pixels would show no more of a graph this big.
    monkeypatch.setattr(picture, "OVERVIEW_PNG_SIDE", 100)
    small = picture.render_png(overview, scale=2.0)
    assert max(small.width, small.height) <= 100

"""Pictures of a graph exactly as the canvas draws it: PNG at a scale, and SVG.

One renderer serves the editor's File > Export > Image and the command line's ``render``:
a fresh :class:`~autograd_studio.gui.canvas.scene.GraphScene` of the document (or of the
selected nodes and the edges among them), annotated with the same results the canvas shows,
painted by ``QGraphicsScene.render`` into a ``QImage`` or a ``QSvgGenerator``.  Fresh items
carry no selection outline, hover highlight or drag state, so nothing of the editing
session leaks into the picture; the cards, ports, ``data``/``grad`` rows, the output tag
and problem badges are the canvas's own painting.

>>> scene = picture_scene(document, document.evaluate())     # doctest: +SKIP
>>> Path("g.png").write_bytes(png_bytes(scene, scale=2))     # doctest: +SKIP
>>> Path("g.svg").write_bytes(svg_bytes(scene))              # doctest: +SKIP

SVG text stays text (labels and numbers can be searched and copied).  A PNG is scaled down
when it would exceed :data:`MAX_PNG_SIDE` pixels a side or :data:`MAX_PNG_PIXELS` in all.
Below the canvas's :data:`~autograd_studio.gui.canvas.overview.OVERVIEW_SCALE` (a PNG of a
huge graph scaled down to fit the limits) the picture is what the zoomed-out canvas shows:
its batched overview of tinted boxes and lines.  An SVG of more than
:data:`SVG_TEXT_UP_TO` nodes is drawn that way too: with every number written out, the
65,818-node demo graph made a 390 MB file.
"""

from __future__ import annotations

import html
import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication

from autograd_studio.graph.document import GraphDocument
from autograd_studio.graph.evaluate import EvaluationResult
from autograd_studio.gui.canvas.overview import OVERVIEW_SCALE, DocumentOverview
from autograd_studio.gui.canvas.scene import GraphScene
from autograd_studio.gui.canvas.theme import LIGHT, Theme

__all__ = [
    "MAX_PNG_PIXELS",
    "MAX_PNG_SIDE",
    "OVERVIEW_PNG_SIDE",
    "PICTURE_MARGIN",
    "SVG_TEXT_UP_TO",
    "PictureError",
    "RenderedPng",
    "ensure_headless_app",
    "overview_picture",
    "picture_bounds",
    "picture_scene",
    "png_bytes",
    "png_scale",
    "render_png",
    "subdocument",
    "svg_bytes",
    "svg_has_text",
]

#: Scene units of empty space around the drawing.
PICTURE_MARGIN = 24.0
#: Larger images are scaled down (what image viewers and QImage handle comfortably).
MAX_PNG_SIDE = 16384
MAX_PNG_PIXELS = 40_000_000
#: A big graph's overview (:func:`overview_picture`) makes PNGs up to this many pixels a
#: side: its boxes are a pixel or two at most, and drawing 126,854 edges across a bigger
#: image took 20 s.
OVERVIEW_PNG_SIDE = 4096
#: Larger graphs make SVGs of plain shapes (no text); see :func:`svg_bytes`.
SVG_TEXT_UP_TO = 10_000


_SHAPES_SCALE = OVERVIEW_SCALE * 0.8  # where the canvas draws its overview


#: What the functions below draw: a scene, or a big document's overview without one.
Drawing = GraphScene | DocumentOverview


class PictureError(RuntimeError):
    """The picture could not be made (nothing to draw, or Qt could not paint it)."""


def ensure_headless_app() -> QApplication:
    """The running QApplication, or a new one on Qt's ``offscreen`` platform.

    Drawing needs a QApplication (fonts, the scene); a command line has no window to show,
    so unless ``QT_QPA_PLATFORM`` says otherwise it never needs a display.
    """
    app = QApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    return app


def subdocument(document: GraphDocument, node_ids: Iterable[str]) -> GraphDocument:
    """The nodes *node_ids* of *document* (same ids, labels, values, positions) and the
    edges among them, as a new document (the output kept when it is among them)."""
    wanted = dict.fromkeys(node_ids)
    part = GraphDocument()
    nodes = document.nodes
    for node_id in nodes:
        if node_id in wanted:
            record = nodes[node_id]
            part.add_node(
                record.kind,
                op=record.op,
                arity=record.arity if record.variadic else None,
                label=record.label,
                value=record.value if record.kind != "op" else None,
                pos=record.pos,
                id=node_id,
            )
    for node_id in part.nodes:
        if nodes[node_id].kind == "op":
            for port, source in enumerate(document.inputs_of(node_id)):
                if source is not None and source in wanted:
                    part.connect(source, node_id, port)
    output = document.explicit_output
    if output is not None and output in wanted:
        part.set_output(output)
    return part


def picture_scene(
    document: GraphDocument,
    results: EvaluationResult | None,
    *,
    stale: bool = False,
    theme: Theme = LIGHT,
    node_ids: Iterable[str] | None = None,
    positions: Mapping[str, tuple[float, float]] | None = None,
) -> GraphScene:
    """A scene of *document* (or of *node_ids* only) annotated with *results*.

    *stale* greys the grads as the canvas does after an edit; *positions* (id -> top-left)
    override the document's, e.g. the editor's items for nodes that have none yet.  The
    scene does not follow later edits of *document*.
    """
    source = subdocument(document, node_ids) if node_ids is not None else document
    scene = GraphScene(source, theme)
    if positions:
        items = scene.node_items
        for node_id, (x, y) in positions.items():
            item = items.get(node_id)
            if item is not None:
                item.setPos(x, y)
        scene.update_edges(list(positions))
    if results is not None:
        scene.apply_results(results, stale)
    return scene


def overview_picture(
    document: GraphDocument, results: EvaluationResult | None, theme: Theme = LIGHT
) -> DocumentOverview | None:
    """A picture of a big *document* (over :data:`SVG_TEXT_UP_TO` nodes, every one placed)
    drawn as the zoomed-out canvas draws it, from the positions alone; ``None`` for others.

    Such a picture shows only the overview anyway (an SVG without text, a PNG scaled down
    to its size limits), and making a scene's items for it took most of a minute.
    """
    nodes = document.nodes
    if len(nodes) <= SVG_TEXT_UP_TO or any(r.pos is None for r in nodes.values()):
        return None
    return DocumentOverview(document, results, theme)


def png_scale(picture: Drawing, scale: float) -> float:
    """The scale :func:`render_png` draws *picture* at when asked for *scale*."""
    rect = picture_bounds(picture)
    side = OVERVIEW_PNG_SIDE if isinstance(picture, DocumentOverview) else MAX_PNG_SIDE
    return min(
        scale,
        side / rect.width(),
        side / rect.height(),
        (MAX_PNG_PIXELS / (rect.width() * rect.height())) ** 0.5,
    )


def picture_bounds(scene: Drawing) -> QRectF:
    """What the picture shows: every item's painted area (cards, ports, port names, the
    output tag, edges) with :data:`PICTURE_MARGIN` around it."""
    if isinstance(scene, DocumentOverview):
        rect = scene.bounds().adjusted(-8, -8, 8, 8)  # the output's ring
    else:
        rect = scene.itemsBoundingRect()
    if rect.isEmpty():
        raise PictureError(
            QCoreApplication.translate("Picture", "the graph is empty: there is nothing to draw")
        )
    m = PICTURE_MARGIN
    return rect.adjusted(-m, -m, m, m)


@dataclass(frozen=True)
class RenderedPng:
    """A PNG and how it was made: ``scale`` may be below the one asked for (size limits)."""

    data: bytes
    width: int
    height: int
    scale: float


def render_png(scene: Drawing, scale: float = 2.0, transparent: bool = False) -> RenderedPng:
    """The scene as PNG bytes, *scale* pixels per scene unit (1, 2, 4 ...), on the theme's
    background or a transparent one."""
    if not scale > 0:
        raise ValueError(f"scale must be positive, not {scale!r}")
    rect = picture_bounds(scene)
    scale = png_scale(scene, scale)
    width = max(1, round(rect.width() * scale))
    height = max(1, round(rect.height() * scale))
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    if image.isNull():
        raise PictureError(
            QCoreApplication.translate(
                "Picture", "cannot make a {0} x {1} image (out of memory?)"
            ).format(width, height)
        )
    image.fill(QColor(0, 0, 0, 0) if transparent else scene.theme.background)
    painter = QPainter(image)
    try:
        _paint(painter, scene, rect, QRectF(0, 0, width, height))
    finally:
        painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise PictureError(QCoreApplication.translate("Picture", "Qt could not encode the PNG"))
    buffer.close()
    return RenderedPng(bytes(data.data()), width, height, scale)


def png_bytes(scene: Drawing, scale: float = 2.0, transparent: bool = False) -> bytes:
    """The scene as PNG bytes (see :func:`render_png`)."""
    return render_png(scene, scale, transparent).data


def svg_bytes(
    scene: Drawing, transparent: bool = False, title: str = "", text: bool | None = None
) -> bytes:
    """The scene as an SVG document, one SVG unit per scene unit.

    *text*: draw labels and numbers (default: when the graph has at most
    :data:`SVG_TEXT_UP_TO` nodes); without, every card is a tinted shape, as on the
    zoomed-out canvas (its overview), and the drawing is scaled down as far.
    """
    if text is None:
        text = svg_has_text(scene)
    rect = picture_bounds(scene)
    scale = 1.0 if text else _SHAPES_SCALE
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    size = QSize(max(1, round(rect.width() * scale)), max(1, round(rect.height() * scale)))
    generator.setSize(size)
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    # Fonts are sized in points: at the 96 dpi of screens and QImage they look as on the canvas.
    generator.setResolution(96)
    generator.setTitle(html.escape(title or "Autograd Studio graph"))
    generator.setDescription("Drawn by Autograd Studio")
    painter = QPainter()
    if not painter.begin(generator):
        raise PictureError(QCoreApplication.translate("Picture", "Qt could not start the SVG"))
    try:
        target = QRectF(0, 0, size.width(), size.height())
        if not transparent:
            painter.fillRect(target, scene.theme.background)
        _paint(painter, scene, rect, target)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


def svg_has_text(scene: Drawing) -> bool:
    """Whether :func:`svg_bytes` writes the labels and numbers of *scene* by default."""
    if isinstance(scene, DocumentOverview):
        return False
    return len(scene.node_items) <= SVG_TEXT_UP_TO


def _paint(painter: QPainter, scene: Drawing, source: QRectF, target: QRectF) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    scale = min(target.width() / source.width(), target.height() / source.height())
    if isinstance(scene, DocumentOverview):
        overview = scene
    elif scale >= OVERVIEW_SCALE:
        scene.render(painter, target, source, Qt.AspectRatioMode.KeepAspectRatio)
        return
    else:
        overview = scene.overview
    # What the view paints this far out: one batched picture, not 100,000 items (and, as
    # there, straight lines without antialiasing: four times faster on the demo graph).
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.translate(target.topLeft())
    painter.scale(scale, scale)
    painter.translate(-source.topLeft())
    overview.paint(painter)
    painter.restore()

"""Edges passing through the view of a virtual canvas, drawn in one batch behind the items
(:class:`FarEdges`).

A layered layout of a big graph runs thousands of long edges down its columns: a readable
view of the 65,818-node demo meets 5,000 of them, and an ``EdgeItem`` each (a Python paint,
a curve 300,000 units long stroked with a smoothed pen) made a frame take seconds.  The
scene makes items only for the edges with an end card in its region (those a person
clicks, hovers and sees arriving at a port); every other edge meeting the painted rectangle
is drawn here, from the spatial index's arrays, as one path of cubics with a one-pixel
cosmetic pen (Qt's fast stroker: 4,400 curves in about 15 ms).  The view draws it as part
of its cached background, so a pan draws only the strip it uncovers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QByteArray, QDataStream, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

from autograd_studio.gui.canvas.node_geometry import NODE_HEIGHT, NODE_WIDTH
from autograd_studio.gui.canvas.spatial import SpatialIndex, curve_pulls

if TYPE_CHECKING:
    from autograd_studio.gui.canvas.scene import GraphScene

__all__ = ["FarEdges", "curves_path"]

# QPainterPath's stream format: per element a type (int32) and x, y (float64), big-endian.
_ELEMENT = np.dtype([("type", ">i4"), ("x", ">f8"), ("y", ">f8")])
_MOVE, _CURVE, _CURVE_DATA = 0, 2, 3


def curves_path(index: SpatialIndex, rows: np.ndarray) -> QPainterPath:
    """The curves of the edges at *rows* (as :func:`~autograd_studio.gui.canvas.edge_item.
    edge_path` draws each), in one path built by numpy and read from Qt's stream format:
    thousands of curves without a Python call each."""
    src, dst, _port, port_y = index.edge_arrays()
    sx = index.xs[src[rows]] + NODE_WIDTH
    sy = index.ys[src[rows]] + NODE_HEIGHT / 2
    ex = index.xs[dst[rows]]
    ey = index.ys[dst[rows]] + port_y[rows]
    pull = curve_pulls(ex - sx)
    elements = np.empty((len(rows), 4), dtype=_ELEMENT)
    elements["type"] = (_MOVE, _CURVE, _CURVE_DATA, _CURVE_DATA)
    elements["x"] = np.stack([sx, sx + pull, ex - pull, ex], axis=1)
    elements["y"] = np.stack([sy, sy, ey, ey], axis=1)
    count = elements.size
    tail = np.array([max(count - 4, 0), int(Qt.FillRule.OddEvenFill.value)], dtype=">i4")
    data = np.array([count], dtype=">i4").tobytes() + elements.tobytes() + tail.tobytes()
    path = QPainterPath()
    if count:
        buffer = QByteArray(data)  # kept alive while the stream reads it
        stream = QDataStream(buffer, QIODevice.OpenModeFlag.ReadOnly)
        stream >> path
    return path


class FarEdges:
    """The edges of a virtual scene without an item, for the view's background."""

    def __init__(self, scene: GraphScene) -> None:
        self.scene = scene
        self._with_items: tuple[int, np.ndarray] | None = None  # (items version, mask)
        #: curves drawn by the last paint (tests, the benchmark)
        self.drawn = 0

    def _mask(self) -> np.ndarray:
        """Per edge row: whether it has an item now (those are drawn by their items)."""
        scene = self.scene
        key = scene.edge_items_version
        if self._with_items is None or self._with_items[0] != key:
            index = scene.index
            mask = np.zeros(index.edge_count, dtype=bool)
            rows = index.edge_rows(list(scene.edge_items))
            mask[rows[rows >= 0]] = True
            self._with_items = (key, mask)
        return self._with_items[1]

    def paint(self, painter: QPainter, rect: QRectF) -> None:
        """Draw the edges without items that meet *rect* (scene coordinates)."""
        scene = self.scene
        scene._fresh_index()
        index = scene.index
        rows = index.edge_rows_in(rect.left(), rect.top(), rect.right(), rect.bottom())
        if len(rows):
            rows = rows[~self._mask()[rows]]
        self.drawn = len(rows)
        if not len(rows):
            return
        theme = scene.theme
        a = theme.edge.alphaF()  # opaque, blended by hand: alpha blending costs twice as much
        back = theme.background
        color = QColor.fromRgbF(
            theme.edge.redF() * a + back.redF() * (1 - a),
            theme.edge.greenF() * a + back.greenF() * (1 - a),
            theme.edge.blueF() * a + back.blueF() * (1 - a),
        )
        pen = QPen(color, 1.0)
        pen.setCosmetic(True)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(curves_path(index, rows))
        painter.restore()

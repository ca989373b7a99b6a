"""Edges passing through the view of a virtual canvas, drawn in one batch behind the items
(:class:`FarEdges`).

A layered layout of a big graph runs thousands of long edges down its columns: a readable
view of the 65,818-node demo meets 5,000 of them, and an ``EdgeItem`` each (a Python paint,
a curve 300,000 units long stroked with a smoothed pen) made a frame take seconds.  The
scene makes items only for the edges with an end card in its region (those a person
clicks, hovers and sees arriving at a port); every other edge meeting the painted rectangle
is drawn here, from the spatial index's arrays, as one path of cubics with a one-pixel
cosmetic pen (Qt's fast stroker: 4,400 curves in about 15 ms), and the edges with a look
of their own (the gradient flow's, a step's highlight) as one path per look, in that look's
colour and dashes, so Gradient Flow colours an edge whether or not it has an item.  They
stay one pixel wide: Qt strokes a wide pen along thousands of curves in 0.2-0.5 s a frame.
The view draws all of it as part of its cached background, so a pan draws only the strip it
uncovers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QByteArray, QDataStream, QIODevice, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen

from autograd_studio.gui.canvas.node_geometry import NODE_HEIGHT, NODE_WIDTH
from autograd_studio.gui.canvas.spatial import SpatialIndex, curve_pulls
from autograd_studio.gui.canvas.theme import opaque

if TYPE_CHECKING:
    from autograd_studio.gui.canvas.scene import GraphScene

__all__ = ["FarEdges", "control_points", "curve_ends", "curves_path", "distances"]

# QPainterPath's stream format: per element a type (int32) and x, y (float64), big-endian.
_ELEMENT = np.dtype([("type", ">i4"), ("x", ">f8"), ("y", ">f8")])
_MOVE, _CURVE, _CURVE_DATA = 0, 2, 3


def curve_ends(index: SpatialIndex, rows: np.ndarray) -> tuple[np.ndarray, ...]:
    """Where the curves of the edges at *rows* begin (sx, sy) and end (ex, ey), and how
    far each pulls sideways (as :func:`~autograd_studio.gui.canvas.edge_item.edge_path`
    bends one)."""
    src, dst, _port, port_y = index.edge_arrays()
    sx = index.xs[src[rows]] + NODE_WIDTH
    sy = index.ys[src[rows]] + NODE_HEIGHT / 2
    ex = index.xs[dst[rows]]
    ey = index.ys[dst[rows]] + port_y[rows]
    return sx, sy, ex, ey, curve_pulls(ex - sx)


def control_points(sx, sy, ex, ey, pull) -> np.ndarray:
    """The four control points of each curve (4 x 2 x n)."""
    return np.array([(sx, sy), (sx + pull, sy), (ex - pull, ey), (ex, ey)])


def curves_path(
    index: SpatialIndex, rows: np.ndarray, between: tuple[float, float] | None = None
) -> QPainterPath:
    """The curves of the edges at *rows* (as :func:`~autograd_studio.gui.canvas.edge_item.
    edge_path` draws each), in one path built by numpy and read from Qt's stream format:
    thousands of curves without a Python call each.  *between* (top, bottom): only the part
    of each curve at those heights (Qt flattens a curve along its whole length, and a long
    edge of the demo is 300,000 units long where a view shows 1,500 of it)."""
    sx, sy, ex, ey, pull = curve_ends(index, rows)
    points = control_points(sx, sy, ex, ey, pull)
    if between is not None:
        points = _cut(points, *_heights(sy, ey, *between))
    elements = np.empty((len(rows), 4), dtype=_ELEMENT)
    elements["type"] = (_MOVE, _CURVE, _CURVE_DATA, _CURVE_DATA)
    elements["x"] = points[:, 0, :].T
    elements["y"] = points[:, 1, :].T
    count = elements.size
    tail = np.array([max(count - 4, 0), int(Qt.FillRule.OddEvenFill.value)], dtype=">i4")
    data = np.array([count], dtype=">i4").tobytes() + elements.tobytes() + tail.tobytes()
    path = QPainterPath()
    if count:
        buffer = QByteArray(data)  # kept alive while the stream reads it
        stream = QDataStream(buffer, QIODevice.OpenModeFlag.ReadOnly)
        stream >> path
    return path


def distances(index: SpatialIndex, rows: np.ndarray, x: float, y: float) -> np.ndarray:
    """How far the curves of the edges at *rows* pass from the point (*x*, *y*): measured
    at its height where a curve reaches it (a long edge crosses a view top to bottom),
    else from the nearer end.  Used to draw the curves nearest the cursor first."""
    sx, sy, ex, ey, pull = curve_ends(index, rows)
    t, _same = _heights(sy, ey, y, y)
    u = 1.0 - t
    at_x = u**3 * sx + 3 * u * u * t * (sx + pull) + 3 * u * t * t * (ex - pull) + t**3 * ex
    at_y = sy + (ey - sy) * (3 * t * t - 2 * t**3)
    return np.hypot(at_x - x, at_y - y)


def _heights(
    sy: np.ndarray, ey: np.ndarray, top: float, bottom: float
) -> tuple[np.ndarray, np.ndarray]:
    """Where (t from, t to) each curve is between *top* and *bottom*: its height is
    ``sy + (ey - sy) * (3t² - 2t³)`` (the control points share their end's height), which
    only grows (or falls), so it is inverted in closed form.  A level edge keeps all of it."""
    span = ey - sy
    level = np.abs(span) < 1e-9
    span = np.where(level, 1.0, span)

    def t_at(y: float) -> np.ndarray:
        u = np.clip((y - sy) / span, 0.0, 1.0)
        return 0.5 - np.sin(np.arcsin(1.0 - 2.0 * u) / 3.0)

    a, b = t_at(top), t_at(bottom)
    return np.where(level, 0.0, np.minimum(a, b)), np.where(level, 1.0, np.maximum(a, b))


def _cut(points: np.ndarray, t0: np.ndarray, t1: np.ndarray) -> np.ndarray:
    """The control points (4 x 2 x curves) of each cubic's part from *t0* to *t1*: de
    Casteljau's split at *t1*, then of that head at *t0* / *t1*."""

    def split(p: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        a = p[:-1] + (p[1:] - p[:-1]) * t
        b = a[:-1] + (a[1:] - a[:-1]) * t
        m = b[0] + (b[1] - b[0]) * t
        return np.stack([p[0], a[0], b[0], m]), np.stack([m, b[1], a[2], p[3]])

    head, _tail = split(points, t1)
    _before, part = split(head, np.where(t1 > 0, t0 / np.where(t1 > 0, t1, 1.0), 0.0))
    return part


class FarEdges:
    """The edges of a virtual scene without an item, for the view's background."""

    def __init__(self, scene: GraphScene) -> None:
        self.scene = scene
        self._with_items: tuple[tuple, np.ndarray] | None = None  # (items and index, mask)
        # (the looks' change count, per edge row its look or -1, the looks' pens)
        self._looks: tuple[tuple[int, int], np.ndarray, list[QPen]] | None = None
        #: curves drawn by the last draw (tests, the benchmark)
        self.drawn = 0

    def _mask(self) -> np.ndarray:
        """Per edge row: whether it has an item now (those are drawn by their items)."""
        scene = self.scene
        # (a rebuild, a deletion and its undo renumber the rows, edge items changed or not)
        key = (scene.edge_items_version, id(scene.index), scene.index.builds)
        if self._with_items is None or self._with_items[0] != key:
            index = scene.index
            mask = np.zeros(index.edge_count, dtype=bool)
            rows = index.edge_rows(list(scene.edge_items))
            mask[rows[rows >= 0]] = True
            self._with_items = (key, mask)
        return self._with_items[1]

    def _looks_of_rows(self) -> tuple[np.ndarray, list[QPen]]:
        """Per edge row the decorations' look it has (an index into the pens, narrowest
        first, or -1: plain), worked out once per change of looks or of the index."""
        scene = self.scene
        key = (scene.overview.graph_changes, id(scene.index))
        if self._looks is None or self._looks[0] != key:
            decorations = getattr(scene, "decorations", None)
            groups = []
            if decorations is not None:  # (an on-demand mapping is not walked per region)
                groups = decorations.edge_looks(scene.index, walk=False)
            groups.sort(key=lambda group: group[0].widthF())
            which = np.full(scene.index.edge_count, -1, dtype=np.int64)
            for k, (_pen, rows) in enumerate(groups):
                which[rows] = k
            self._looks = (key, which, [_thin(pen) for pen, _rows in groups])
        return self._looks[1], self._looks[2]

    def rows_in(self, rect: QRectF) -> np.ndarray:
        """The rows of the edges without an item that meet *rect* (scene coordinates)."""
        scene = self.scene
        scene._fresh_index()
        rows = scene.index.edge_rows_in(rect.left(), rect.top(), rect.right(), rect.bottom())
        if len(rows):
            rows = rows[~self._mask()[rows]]
        return rows

    def draw(self, painter: QPainter, rows: np.ndarray, between: tuple[float, float]) -> None:
        """Draw the curves of the edges at *rows*, the parts of them between the heights
        *between* (top, bottom; scene coordinates), each in its look."""
        self.drawn = len(rows)
        if not len(rows):
            return
        scene = self.scene
        which, pens = self._looks_of_rows()
        look = which[rows]
        plain = QPen(opaque(scene.theme.edge, scene.theme.background), 1.0)
        plain.setCosmetic(True)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        margin = 4.0 / max(painter.worldTransform().m22(), 1e-9)  # the pen's pixels
        between = (between[0] - margin, between[1] + margin)
        index = scene.index
        # plain first (k = -1), then the looks, narrowest first
        for k, pen in enumerate([plain, *pens], start=-1):
            chosen = rows[look == k]
            if len(chosen):
                painter.setPen(pen)
                painter.drawPath(curves_path(index, chosen, between))
        painter.restore()


def _thin(pen: QPen) -> QPen:
    """*pen*'s colour and dashes, one pixel wide at any zoom."""
    thin = QPen(pen)
    thin.setWidthF(1.0)
    thin.setCosmetic(True)
    thin.setCapStyle(Qt.PenCapStyle.FlatCap)
    return thin

"""The far edges of one view kept as a picture a little bigger than the view and drawn over a
few frames (:class:`FarEdgeFrames`).

A readable view of the busiest part of the 65,818-node demo meets some 6,000 long edges
without items (:mod:`~autograd_studio.gui.canvas.far_edges`); drawing them takes 20-30 ms,
which a frame cannot also spend on its cards.  So they are drawn into a transparent picture
reaching a quarter of a view past each side, at most a few milliseconds of curves per frame, the
nearest the cursor first; the view's background copies it (a pan within it draws nothing).
Until a new picture (another zoom, or the view left the old one) is complete, the last
complete one is shown under it, scaled if the zoom changed, so a zoom step never shows the
long edges missing.  Items dropped when the region moves leave their edges to the picture,
which draws just those onto itself.  When the graph itself changes (positions, looks) while
the view stays, the picture is drawn again whole at once: what is shown must not lag behind
an edit.  A drag moves only items until the drop (the dragged card's edges all have items),
so it draws none.  The scene's fill (``VirtualItemsMixin._fill``) draws the next part in
the same time box as the next items.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QImage, QPainter

from autograd_studio.gui.canvas.far_edges import distances
from autograd_studio.gui.canvas.overview import OVERVIEW_SCALE

if TYPE_CHECKING:
    from PySide6.QtWidgets import QGraphicsView

__all__ = ["FIRST_FAR_SECONDS", "MARGIN", "MIN_CHUNK", "FarEdgeFrames"]

MARGIN = 0.25  # the picture reaches this many view widths/heights past each side
#: Seconds of curves drawn in the frame that needs a new picture (the rest: later frames).
FIRST_FAR_SECONDS = 0.003
MIN_CHUNK = 64  # curves drawn at least per part (a part has a fixed cost)
_FORMAT = QImage.Format.Format_ARGB32_Premultiplied


class _Picture:
    """Curves drawn so far into *image*, which shows *area* (scene) at *zoom*."""

    __slots__ = ("area", "image", "key", "pending", "zoom")

    def __init__(self, image: QImage, area: QRectF, zoom: float, key: tuple) -> None:
        self.image, self.area, self.zoom, self.key = image, area, zoom, key
        self.pending = np.zeros(0, dtype=np.int64)  # rows still to draw, the next first


class FarEdgeFrames:
    """The far-edge picture of one view (it asks its scene's :class:`FarEdges` to draw)."""

    def __init__(self, view: QGraphicsView) -> None:
        self.view = view
        self._now: _Picture | None = None  # for the view's zoom and place (maybe filling)
        self._before: _Picture | None = None  # the last complete one, shown while _now fills
        self._seconds_per_curve = 1e-5  # learnt from each part drawn
        self._spare: QImage | None = None  # a dropped picture's pixels, for the next one
        self._due = False  # a picture is to be begun by the next frame (see prepare)
        #: pictures begun, and curves drawn into them (tests and the benchmark read them)
        self.pictures = 0
        self.curves = 0

    def drop(self) -> None:
        """Forget the pictures (the view went back to the overview, or a new document)."""
        if self._now is not None:
            self._spare = self._now.image
        self._now = self._before = None
        self._due = False

    def active(self) -> bool:
        """Whether the view draws far edges now (a virtual scene at readable zoom)."""
        view = self.view
        return view.graph_scene.virtual and view.zoom() >= OVERVIEW_SCALE

    def pending(self) -> bool:
        """Whether the picture for the view still lacks curves (the next frames draw them)."""
        return self._due or (self._now is not None and bool(len(self._now.pending)))

    def _key(self) -> tuple:
        scene = self.view.graph_scene
        return (scene.overview.graph_changes, scene.theme.name, scene.index.edge_count)

    def _visible(self) -> QRectF:
        return self.view.mapToScene(self.view.viewport().rect()).boundingRect()

    def _fits(self, picture: _Picture | None, key: tuple, zoom: float) -> bool:
        """Whether *picture* is the one for the view as it is now."""
        return (
            picture is not None
            and picture.key == key
            and abs(picture.zoom / zoom - 1.0) < 1e-9
            and picture.area.contains(self._visible())
        )

    def prepare(self) -> None:
        """Have a picture for the view as it is now: keep it, or begin a new one: drawn
        whole at once if the graph changed under a view that stayed; begun by the next
        frame if the last picture, scaled, covers the view (a zoom step); else its first
        part now, the rest over the next frames."""
        now, key, zoom = self._now, self._key(), self.view.zoom()
        if self._fits(now, key, zoom):
            return
        if now is not None and now.key == key and not len(now.pending):
            self._before = now  # shown (scaled if need be) until the new one is complete
        elif self._before is not None and self._before.key != key:
            self._before = None
        if now is not None and now.key != key and abs(now.zoom / zoom - 1.0) < 1e-9:
            # An edit or a drag: no frame lags behind it, and no margin is drawn (a drag
            # draws one picture per mouse move, as big as the view; a pan then begins one
            # with margins over the next frames).
            self._now = self._begin(key, zoom, now, margin=0.0)
            self.draw_some(float("inf"))
            return
        if now is not None and now is not self._before:
            self._spare = now.image  # (its pixels are reused)
        self._now = None
        if self.hiding():  # a zoom step: the last picture, scaled, meanwhile
            self._due = True
            self.view.graph_scene.fill_later()
            return
        self._now, self._due = self._begin(key, zoom, None), False
        if not self.draw_some(time.perf_counter() + FIRST_FAR_SECONDS):
            self.view.graph_scene.fill_later()  # the rest over the next frames

    def hiding(self) -> bool:
        """Whether the picture for the view is drawn unseen until complete: the last one,
        scaled, covers the view (a zoom step shows it a little soft for a few frames, and
        those frames copy nothing new)."""
        before, now, zoom = self._before, self._now, self.view.zoom()
        return (
            before is not None
            and (now is None or bool(len(now.pending)))
            and abs(before.zoom / zoom - 1.0) > 1e-9
            and before.area.contains(self._visible())
        )

    def _begin(
        self, key: tuple, zoom: float, old: _Picture | None, margin: float = MARGIN
    ) -> _Picture:
        view = self.view
        viewport = view.viewport()
        width, height = viewport.width(), viewport.height()
        mx, my = round(width * margin), round(height * margin)
        # From a whole pixel of the viewport: the picture's pixels are the view's pixels.
        corner = view.mapToScene(QPoint(-mx, -my))
        size = (width + 2 * mx, height + 2 * my)
        area = QRectF(corner, QPointF(corner.x() + size[0] / zoom, corner.y() + size[1] / zoom))
        ratio = viewport.devicePixelRatioF()
        pixels = (max(1, round(size[0] * ratio)), max(1, round(size[1] * ratio)))
        spare = old.image if old is not None and old is not self._before else self._spare
        self._spare = None
        reuse = spare is not None and spare.size().toTuple() == pixels
        image = spare if reuse else QImage(*pixels, _FORMAT)  # (9 MB: not made per step)
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.transparent)
        picture = _Picture(image, area, zoom, key)
        scene = view.graph_scene
        rows = scene.far_edges.rows_in(area)
        if len(rows):  # nearest the cursor (or the middle) first
            mouse = getattr(view, "_last_mouse", None)
            seen = viewport.rect()
            focus = view.mapToScene(
                mouse if mouse is not None and seen.contains(mouse) else seen.center()
            )
            far = distances(scene.index, rows, focus.x(), focus.y())
            rows = rows[np.argsort(far, kind="stable")]
        picture.pending = rows
        self.pictures += 1
        return picture

    def draw_some(self, deadline: float) -> bool:
        """Draw the next curves of the picture until *deadline* (``perf_counter``), at least
        one part; whether it is complete now."""
        if self._due:  # (the view as it is now: the wheel may have turned again)
            self._due = False
            self._now = self._begin(self._key(), self.view.zoom(), None)
        picture = self._now
        if picture is None:
            return True
        while len(picture.pending):
            left = deadline - time.perf_counter()
            count = len(picture.pending)
            if left != float("inf"):
                count = max(MIN_CHUNK, int(max(left, 0.0) / self._seconds_per_curve))
            rows, picture.pending = picture.pending[:count], picture.pending[count:]
            started = time.perf_counter()
            self._draw_into(picture, rows)
            spent = time.perf_counter() - started
            self._seconds_per_curve = max(spent / len(rows), 1e-7)
            if time.perf_counter() >= deadline:
                break
        if not len(picture.pending) and self._before is not None:
            self._spare, self._before = self._before.image, None
        return not len(picture.pending)

    def _draw_into(self, picture: _Picture, rows: np.ndarray) -> None:
        painter = QPainter(picture.image)
        painter.scale(picture.zoom, picture.zoom)
        painter.translate(-picture.area.left(), -picture.area.top())
        area = picture.area
        self.view.graph_scene.far_edges.draw(painter, rows, (area.top(), area.bottom()))
        painter.end()
        self.curves += len(rows)

    def add_rows(self, rows: np.ndarray) -> QRectF:
        """Draw the edges at *rows* too (their items went: the pictures left them to them);
        the part of the view that shows them (scene coordinates; empty: none)."""
        key, changed = self._key(), QRectF()
        scene = self.view.graph_scene
        for picture in (self._before, self._now):
            if picture is None or not len(rows) or picture.key != key:
                continue
            drawn = np.intersect1d(rows, scene.far_edges.rows_in(picture.area))
            if len(drawn):
                self._draw_into(picture, drawn)
                left, top, right, bottom = scene.index.edge_bounds(drawn)
                changed |= QRectF(left, top, right - left, bottom - top) & picture.area
        return changed & self._visible()

    def paint(self, painter: QPainter, rect: QRectF) -> None:
        """Copy the picture (and the last one while it fills) onto the part *rect* (scene
        coordinates) of the view's background that *painter* paints."""
        self.prepare()
        shown = (self._before,) if self.hiding() else (self._before, self._now)
        for picture in shown:
            if picture is not None:
                self._copy(painter, picture, rect)

    def _copy(self, painter: QPainter, picture: _Picture, rect: QRectF) -> None:
        part = rect & picture.area
        if part.isEmpty():
            return
        ratio = picture.image.devicePixelRatio()
        transform = painter.worldTransform()
        corner = transform.map(picture.area.topLeft())
        whole = QPoint(round(corner.x()), round(corner.y()))
        aligned = (
            abs(transform.m11() / picture.zoom - 1.0) < 1e-9
            and abs(transform.m22() / picture.zoom - 1.0) < 1e-9
            and abs(corner.x() - whole.x()) < 1e-3
            and abs(corner.y() - whole.y()) < 1e-3
            and ratio == 1.0
        )
        painter.save()
        if aligned:  # pixel for pixel: a plain copy of the part needed
            target = transform.mapRect(part).toAlignedRect().adjusted(-1, -1, 1, 1)
            source = target.translated(-whole) & QRect(QPoint(0, 0), picture.image.size())
            painter.resetTransform()
            painter.drawImage(source.topLeft() + whole, picture.image, source)
        else:  # another zoom (or a high-density screen): scaled, a little soft
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            size = QRectF(picture.image.rect())
            scale_x = size.width() / picture.area.width()
            scale_y = size.height() / picture.area.height()
            source = QRectF(
                (part.left() - picture.area.left()) * scale_x,
                (part.top() - picture.area.top()) * scale_y,
                part.width() * scale_x,
                part.height() * scale_y,
            )
            painter.drawImage(part, picture.image, source)
        painter.restore()

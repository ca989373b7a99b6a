"""Cheap frames of the overview: it is drawn once into a picture a little bigger than the
view, and every frame after that is a copy of it (:class:`OverviewFrames`).

Drawing 126,854 lines costs tens of milliseconds, too much for every frame of a pan or
zoom.  A pan within the picture's margin copies it shifted; a zoom step draws it scaled
(slightly soft) and a sharp one follows :data:`SHARPEN_MS` after the zooming stops.  The
picture is drawn again when the overview changes (positions, looks, theme) or the view
leaves it.  Only the edges and boxes that meet the picture are drawn into it, so zoomed in
part way a picture costs what it shows.  The selection and the output ring, which change
on every click, are drawn over the copy each frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QTimer
from PySide6.QtGui import QPainter, QPixmap

if TYPE_CHECKING:
    from PySide6.QtWidgets import QGraphicsView

    from autograd_studio.gui.canvas.overview import Overview

__all__ = ["SHARPEN_MS", "OverviewFrames"]

SHARPEN_MS = 120  # a zoom step shows the old picture scaled until the wheel rests this long
MARGIN = 0.5  # the picture reaches this many view widths/heights past each side


class OverviewFrames:
    """The overview picture of one view, kept for its frames."""

    def __init__(self, view: QGraphicsView) -> None:
        self.view = view
        self._pixmap: QPixmap | None = None
        self._area = QRectF()  # the scene rectangle the picture shows
        self._zoom = 0.0
        self._generation = -1
        self._due = False  # the zooming rested: the next frame draws a sharp picture
        self._timer = QTimer(view)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SHARPEN_MS)
        self._timer.timeout.connect(self._sharpen)
        self._shown_zoom = 0.0  # the zoom of the last frame
        self._shown_changes = -1  # the overview's change count its last frame showed
        #: pictures drawn, frames painted (tests and the benchmark read them)
        self.renders = 0
        self.paints = 0

    def drop(self) -> None:
        """Forget the picture (a new document, a theme)."""
        self._pixmap = None
        self._shown_changes = -1

    def shows(self, overview: Overview) -> bool:
        """Whether the last frame painted *overview* as it is now (no change since)."""
        return self._shown_changes == overview.changes

    def _sharpen(self) -> None:
        self._due = True
        self.view.viewport().update()

    def paint(self, painter: QPainter, overview: Overview) -> None:
        """Draw the overview over the viewport *painter* paints."""
        view = self.view
        visible = view.mapToScene(view.viewport().rect()).boundingRect()
        zoom = view.zoom()
        fresh = self._pixmap is not None and self._generation == overview.generation()
        same_zoom = fresh and abs(zoom / self._zoom - 1.0) < 1e-9
        if not (same_zoom and self._area.contains(visible)):
            zooming = fresh and not same_zoom and self._area.intersects(visible)
            if zooming and not self._due:
                if zoom != self._shown_zoom:  # a new step: the wheel has not rested yet
                    self._timer.start()  # the old picture, scaled, until it does
            else:
                self._render(overview, visible, zoom)
                fresh = True
        if fresh:
            self._shown_changes = overview.changes
        self._shown_zoom = zoom
        self.paints += 1
        painter.save()
        painter.setTransform(view.viewportTransform())
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, not same_zoom)
        painter.drawPixmap(self._area, self._pixmap, QRectF(self._pixmap.rect()))
        overview.paint_marks(painter)
        painter.restore()

    def _render(self, overview: Overview, visible: QRectF, zoom: float) -> None:
        self._timer.stop()
        self._due = False
        dx, dy = visible.width() * MARGIN, visible.height() * MARGIN
        area = visible.adjusted(-dx, -dy, dx, dy)
        ratio = self.view.viewport().devicePixelRatioF()
        width = max(1, round(area.width() * zoom * ratio))
        height = max(1, round(area.height() * zoom * ratio))
        pixmap = QPixmap(width, height)
        pixmap.setDevicePixelRatio(ratio)
        theme = overview._theme()
        pixmap.fill(theme.background)
        painter = QPainter(pixmap)
        painter.scale(zoom, zoom)
        painter.translate(-area.left(), -area.top())
        overview.paint_shapes(painter, area)
        painter.end()
        self._pixmap, self._area, self._zoom = pixmap, area, zoom
        self._generation = overview.generation()
        self.renders += 1

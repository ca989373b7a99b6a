"""Edges: smooth cubic curves from an output port (left) to an input port (right).

A big graph has over a hundred thousand edges, so an :class:`EdgeItem` is cheap to make:
its bounding box comes from four numbers, and the curve itself (a ``QPainterPath``) is
built on the first paint or hit test, which most edges of a big graph never see.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyle, QStyleOptionGraphicsItem, QWidget

from autograd_studio.graph.document import Edge
from autograd_studio.gui.canvas.theme import LIGHT, Theme

__all__ = ["EdgeItem", "TempEdgeItem", "edge_path"]

EDGE_WIDTH = 2.0
_MARGIN = EDGE_WIDTH + 3
#: A plain edge whose curve spans more scene units than this (a long edge of a big graph's
#: layered layout, crossing the whole view) is drawn with a one-pixel cosmetic pen: Qt
#: strokes that 30 times faster than a smoothed two-unit pen (20 us against 600 for a
#: curve crossing the view), and hundreds cross a readable view of the demo graph.
HAIRLINE_ABOVE = 4000.0
#: Zoomed out this far, a two-unit pen is a pixel wide: every plain edge is a hairline.
HAIRLINE_ZOOM = 0.6
# Looked up once: reading a PySide6 enum member costs microseconds, times 100,000 edges.
_SELECTABLE = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
_SELECTED_STATE = QStyle.StateFlag.State_Selected
_ANTIALIASING = QPainter.RenderHint.Antialiasing
_NO_BRUSH = Qt.BrushStyle.NoBrush
_PLAIN_PENS: dict[int, tuple[Theme, QPen, QPen]] = {}


def _plain_pens(theme: Theme) -> tuple[QPen, QPen]:
    """The plain edge's pen and its one-pixel hairline, for *theme* (made once)."""
    known = _PLAIN_PENS.get(id(theme))
    if known is None or known[0] is not theme:
        wide = QPen(theme.edge, EDGE_WIDTH)
        wide.setCapStyle(Qt.PenCapStyle.RoundCap)
        hairline = QPen(theme.edge, 1.0)
        hairline.setCosmetic(True)
        hairline.setCapStyle(Qt.PenCapStyle.RoundCap)
        known = _PLAIN_PENS[id(theme)] = (theme, wide, hairline)
    return known[1], known[2]


def _pull(dx: float) -> float:
    # How far the control points reach out horizontally from each end.
    return max(abs(dx) * 0.5, 40.0) if dx >= 0 else max(-dx * 0.35, 60.0) + 40.0


def edge_path(start: QPointF, end: QPointF) -> QPainterPath:
    """A cubic from *start* leaving to the right to *end* arriving from the left; edges that
    run backwards (end left of start) loop out instead of cutting through the nodes."""
    pull = _pull(end.x() - start.x())
    path = QPainterPath(start)
    path.cubicTo(QPointF(start.x() + pull, start.y()), QPointF(end.x() - pull, end.y()), end)
    return path


def _curve_bounds(sx: float, sy: float, ex: float, ey: float) -> QRectF:
    """The control-point box of :func:`edge_path` from (sx, sy) to (ex, ey), with room for
    the pen: what ``edge_path(...).controlPointRect()`` gives, without building the path."""
    pull = _pull(ex - sx)
    left = min(sx, ex - pull)
    right = max(sx + pull, ex)
    top, bottom = (sy, ey) if sy <= ey else (ey, sy)
    m = _MARGIN
    return QRectF(left - m, top - m, right - left + 2 * m, bottom - top + 2 * m)


class EdgeItem(QGraphicsItem):
    """The item of one document edge.  Selectable (Delete removes it), highlighted on hover."""

    Type = QGraphicsItem.UserType + 2

    def __init__(self, edge: Edge, start: QPointF, end: QPointF, theme: Theme = LIGHT) -> None:
        super().__init__()
        self.edge = edge
        self._setup(theme)
        # not in a scene yet: no geometry change to announce
        self._route(start.x(), start.y(), end.x(), end.y())

    @classmethod
    def between(
        cls, edge: Edge, sx: float, sy: float, ex: float, ey: float, theme: Theme = LIGHT
    ) -> EdgeItem:
        """An item for *edge* from (sx, sy) to (ex, ey) in scene coordinates: the scene's
        fast path when it adds a hundred thousand edges (no QPointF made or read)."""
        item = cls.__new__(cls)
        QGraphicsItem.__init__(item)
        item.edge = edge
        item._setup(theme)
        item._route(sx, sy, ex, ey)
        return item

    def _setup(self, theme: Theme) -> None:
        self.theme = theme
        self.setFlags(_SELECTABLE)
        self.setAcceptHoverEvents(True)
        self.setZValue(-1.0)
        self._hover = False
        self._emphasis = False  # touches a selected node
        self._overlay: QPen | None = None  # set by canvas decorations (gradient flow, steps)

    def type(self) -> int:
        return EdgeItem.Type

    def set_ends(self, start: QPointF, end: QPointF) -> None:
        """Re-route the curve between port centres *start* and *end* (scene coordinates)."""
        self.prepareGeometryChange()
        self._route(start.x(), start.y(), end.x(), end.y())

    def set_ends_xy(self, sx: float, sy: float, ex: float, ey: float) -> None:
        """:meth:`set_ends` from plain numbers (the scene re-routes thousands at a time)."""
        self.prepareGeometryChange()
        self._route(sx, sy, ex, ey)

    def _route(self, sx: float, sy: float, ex: float, ey: float) -> None:
        self._ends = (sx, sy, ex, ey)
        self._bounds = _curve_bounds(sx, sy, ex, ey)
        self._path: QPainterPath | None = None
        self._shape: QPainterPath | None = None

    def path(self) -> QPainterPath:
        """The curve in scene coordinates (built on first use)."""
        if self._path is None:
            sx, sy, ex, ey = self._ends
            self._path = edge_path(QPointF(sx, sy), QPointF(ex, ey))
        return self._path

    def set_emphasis(self, on: bool) -> None:
        if on != self._emphasis:
            self._emphasis = on
            self.update()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def set_overlay_pen(self, pen: QPen | None) -> None:
        """Paint with *pen* instead of the normal look (``None``: back to normal); selection
        and hover still show.  Used by :mod:`~autograd_studio.gui.canvas.decorations` only;
        keep widths under ``2 * (EDGE_WIDTH + 3)`` so the bounds hold the stroke."""
        if pen != self._overlay:
            self._overlay = None if pen is None else QPen(pen)
            self.update()

    def overlay_pen(self) -> QPen | None:
        return None if self._overlay is None else QPen(self._overlay)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        if self._shape is None:  # built on the first hit test only: most edges never need it
            stroker = QPainterPathStroker()
            stroker.setWidth(10.0)
            self._shape = stroker.createStroke(self.path())
        return self._shape

    def hoverEnterEvent(self, event) -> None:
        self._hover = True
        self.update()

    def hoverLeaveEvent(self, event) -> None:
        self._hover = False
        self.update()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        theme = self.theme
        path = self.path()
        selected = bool(option.state & _SELECTED_STATE)
        painter.setRenderHint(_ANTIALIASING, True)
        if not (selected or self._hover or self._emphasis) and self._overlay is None:
            # The plain look, hundreds of times a frame: pens made once per theme.
            wide, hairline = _plain_pens(theme)
            bounds = self._bounds
            long = bounds.height() > HAIRLINE_ABOVE or bounds.width() > HAIRLINE_ABOVE
            thin = long or painter.worldTransform().m11() <= HAIRLINE_ZOOM
            painter.setPen(hairline if thin else wide)
            painter.setBrush(_NO_BRUSH)
            painter.drawPath(path)
            return
        if selected:
            halo = QPen(theme.accent, EDGE_WIDTH + 4)
            halo.setColor(
                theme.accent.lighter(150) if theme.name == "light" else theme.accent.darker(150)
            )
            painter.setPen(halo)
            painter.drawPath(path)
            pen = QPen(theme.accent, EDGE_WIDTH + 0.5)
        elif self._hover:
            pen = QPen(theme.edge_hover, EDGE_WIDTH + 1)
        elif self._overlay is not None:
            pen = QPen(self._overlay)
        else:  # emphasised: touches a selected node
            pen = QPen(theme.accent, EDGE_WIDTH)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)


class TempEdgeItem(QGraphicsItem):
    """The curve under the mouse while a connection is being dragged."""

    def __init__(self, theme: Theme = LIGHT) -> None:
        super().__init__()
        self.theme = theme
        self.setZValue(10.0)
        self._path = QPainterPath()
        self._bounds = QRectF()
        self._valid = True

    def set_ends(self, start: QPointF, end: QPointF, valid: bool = True) -> None:
        self.prepareGeometryChange()
        self._path = edge_path(start, end)
        self._bounds = self._path.controlPointRect().adjusted(-6, -6, 6, 6)
        self._valid = valid
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        color = self.theme.accent if self._valid else self.theme.problem
        pen = QPen(color, EDGE_WIDTH + 0.5, Qt.PenStyle.DashLine)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)

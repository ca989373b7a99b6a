"""Edges: smooth cubic curves from an output port (left) to an input port (right)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyle, QStyleOptionGraphicsItem, QWidget

from autograd_studio.graph.document import Edge
from autograd_studio.gui.canvas.theme import LIGHT, Theme

__all__ = ["EdgeItem", "TempEdgeItem", "edge_path"]

EDGE_WIDTH = 2.0


def edge_path(start: QPointF, end: QPointF) -> QPainterPath:
    """A cubic from *start* leaving to the right to *end* arriving from the left; edges that
    run backwards (end left of start) loop out instead of cutting through the nodes."""
    dx = end.x() - start.x()
    pull = max(abs(dx) * 0.5, 40.0) if dx >= 0 else max(-dx * 0.35, 60.0) + 40.0
    path = QPainterPath(start)
    path.cubicTo(QPointF(start.x() + pull, start.y()), QPointF(end.x() - pull, end.y()), end)
    return path


class EdgeItem(QGraphicsItem):
    """The item of one document edge.  Selectable (Delete removes it), highlighted on hover."""

    Type = QGraphicsItem.UserType + 2

    def __init__(self, edge: Edge, start: QPointF, end: QPointF, theme: Theme = LIGHT) -> None:
        super().__init__()
        self.edge = edge
        self.theme = theme
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        self.setZValue(-1.0)
        self._hover = False
        self._emphasis = False  # touches a selected node
        self._overlay: QPen | None = None  # set by canvas decorations (gradient flow, steps)
        self._shape: QPainterPath | None = None
        self._route(start, end)  # not in a scene yet: no geometry change to announce

    def type(self) -> int:
        return EdgeItem.Type

    def set_ends(self, start: QPointF, end: QPointF) -> None:
        """Re-route the curve between port centres *start* and *end* (scene coordinates)."""
        self.prepareGeometryChange()
        self._route(start, end)

    def _route(self, start: QPointF, end: QPointF) -> None:
        self._path = edge_path(start, end)
        m = EDGE_WIDTH + 3
        self._bounds = self._path.controlPointRect().adjusted(-m, -m, m, m)
        self._shape = None

    def path(self) -> QPainterPath:
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
            self._shape = stroker.createStroke(self._path)
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
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if selected:
            halo = QPen(theme.accent, EDGE_WIDTH + 4)
            halo.setColor(
                theme.accent.lighter(150) if theme.name == "light" else theme.accent.darker(150)
            )
            painter.setPen(halo)
            painter.drawPath(self._path)
            pen = QPen(theme.accent, EDGE_WIDTH + 0.5)
        elif self._hover:
            pen = QPen(theme.edge_hover, EDGE_WIDTH + 1)
        elif self._overlay is not None:
            pen = QPen(self._overlay)
        elif self._emphasis:
            pen = QPen(theme.accent, EDGE_WIDTH)
        else:
            pen = QPen(theme.edge, EDGE_WIDTH)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)


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

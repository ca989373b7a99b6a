"""The items that :mod:`~autograd_studio.gui.canvas.decorations` pins on node cards: a soft
halo behind a card (the node whose backward runs) and pills of notes under it (what a step
added, why the gradient stopped).  Both are children of the node item, so they move with
it, and neither takes mouse clicks: clicks go to the node.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
)
from PySide6.QtWidgets import QGraphicsItem

from autograd_studio.gui.canvas.node_geometry import NODE_HEIGHT, NODE_WIDTH, card_path
from autograd_studio.gui.canvas.theme import Theme

__all__ = ["HaloItem", "NodeNote", "NoteItem", "gradient_color", "paint_cut_mark"]


def gradient_color(theme: Theme) -> QColor:
    """The colour that means "gradient is flowing here" (warm orange, distinct from the
    blue of selection and the green of the output)."""
    return QColor("#e8590c") if theme.name == "light" else QColor("#ff922b")


@dataclass(frozen=True)
class NodeNote:
    """A pill pinned under a node card: *text* (short), *tooltip* (the full sentence).

    ``tone`` picks the colours: ``"cut"`` (the problem red: gradient stops here),
    ``"gradient"`` (orange: gradient just arrived), ``"info"`` (muted).  With ``port`` set,
    that input port also gets a cross (the input the gradient does not reach).
    """

    text: str
    tooltip: str = ""
    tone: str = "info"
    port: int | None = None


class HaloItem(QGraphicsItem):
    """A soft glow around a card, painted behind it."""

    MARGIN = 9.0

    def __init__(self, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent, True)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._path = QPainterPath()
        self._color = QColor()
        self._level = ""

    def set_look(self, kind: str, color: QColor, level: str) -> None:
        if self._level == level and self._color == color and not self._path.isEmpty():
            return
        self._path = card_path(kind)
        self._color = QColor(color)
        self._level = level
        self.update()

    def level(self) -> str:
        """``"strong"`` (the node whose backward runs) or ``"light"`` (receiving)."""
        return self._level

    def boundingRect(self) -> QRectF:
        m = self.MARGIN
        return QRectF(-m, -m, NODE_WIDTH + 2 * m, NODE_HEIGHT + 2 * m)

    def shape(self) -> QPainterPath:
        return QPainterPath()  # never hit: clicks go to the node

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        strong = self._level == "strong"
        widths = (16.0, 10.0, 5.0) if strong else (9.0, 4.0)
        alphas = (45, 90, 255) if strong else (60, 200)
        for width, alpha in zip(widths, alphas, strict=True):
            color = QColor(self._color)
            color.setAlpha(alpha)
            stroker = QPainterPathStroker()
            stroker.setWidth(width)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawPath(stroker.createStroke(self._path))


class NoteItem(QGraphicsItem):
    """Pills under a card, one per note; a cross on the input port a cut note names."""

    PAD_X = 8.0
    ROW_H = 19.0
    MAX_TEXT_W = NODE_WIDTH + 72.0
    GAP = 3.0
    TOP = NODE_HEIGHT + 8.0

    def __init__(self, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(2.0)
        self._notes: list[NodeNote] = []
        self._theme: Theme | None = None
        self._rects: list[QRectF] = []
        self._crosses: list[QPointF] = []
        self._bounds = QRectF()

    def set_notes(self, notes: list[NodeNote], theme: Theme) -> None:
        if notes == self._notes and theme is self._theme:
            return
        self.prepareGeometryChange()
        self._notes = list(notes)
        self._theme = theme
        self._rects = []
        y = self.TOP
        for note in notes:
            # Centred under the card, wrapped to a little more than its width.
            text = _text_box(note.text, self.MAX_TEXT_W)
            width = text.width() + 2 * self.PAD_X
            height = max(self.ROW_H, text.height() + 4)
            self._rects.append(QRectF((NODE_WIDTH - width) / 2, y, width, height))
            y += height + self.GAP
        parent = self.parentItem()
        self._crosses = [
            parent.port_pos(note.port)
            for note in notes
            if note.port is not None and hasattr(parent, "port_pos")
        ]
        bounds = QRectF()
        for rect in self._rects:
            bounds = bounds.united(rect)
        for point in self._crosses:
            bounds = bounds.united(QRectF(point.x() - 12, point.y() - 12, 24, 24))
        self._bounds = bounds.adjusted(-2, -2, 2, 2)
        self.setToolTip("\n".join(n.tooltip or n.text for n in notes))
        self.update()

    def texts(self) -> list[str]:
        return [note.text for note in self._notes]

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option, widget=None) -> None:
        theme = self._theme
        if theme is None:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setFont(_note_font())
        for note, rect in zip(self._notes, self._rects, strict=True):
            fill = _tone(note.tone, theme)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(rect, 9.5, 9.5)
            painter.setPen(theme.on_tint if note.tone != "info" else theme.text)
            painter.drawText(rect, int(_WRAP), note.text)
        for point in self._crosses:
            paint_cut_mark(painter, point, theme, radius=9.0, ring=2.0, stroke=2.0)


def paint_cut_mark(
    painter: QPainter, center: QPointF, theme: Theme, radius: float, ring: float, stroke: float
) -> None:
    """The "gradient stops here" mark: a red disc with a white ✕ (the canvas and its legend)."""
    painter.setPen(QPen(theme.card, ring))
    painter.setBrush(theme.problem)
    painter.drawEllipse(center, radius, radius)
    pen = QPen(theme.on_tint, stroke)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    d = 0.4 * radius
    painter.drawLine(center + QPointF(-d, -d), center + QPointF(d, d))
    painter.drawLine(center + QPointF(-d, d), center + QPointF(d, -d))


_WRAP = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
_NOTE_FONT: QFont | None = None


def _note_font() -> QFont:
    global _NOTE_FONT
    if _NOTE_FONT is None:  # fonts need a QGuiApplication: made on first use
        _NOTE_FONT = QFont("DejaVu Sans")
        _NOTE_FONT.setPointSizeF(8.0)
        _NOTE_FONT.setBold(True)
    return _NOTE_FONT


_NOTE_METRICS: QFontMetricsF | None = None


def _note_metrics() -> QFontMetricsF:
    global _NOTE_METRICS
    if _NOTE_METRICS is None:
        _NOTE_METRICS = QFontMetricsF(_note_font())
    return _NOTE_METRICS


@lru_cache(maxsize=4096)
def _text_size(text: str, width: float) -> tuple[float, float]:
    box = _note_metrics().boundingRect(QRectF(0, 0, width, 1000), int(_WRAP), text)
    return box.width(), box.height()


def _text_box(text: str, width: float) -> QRectF:
    """The wrapped size of a note's text (measured once per text: thousands of dead relus
    in the demo graph share a few reasons)."""
    w, h = _text_size(text, width)
    return QRectF(0, 0, w, h)


def _tone(tone: str, theme: Theme) -> QColor:
    if tone == "cut":
        return QColor(theme.problem)
    if tone == "gradient":
        return gradient_color(theme)
    return QColor(theme.card_border)

"""What the canvas paints behind and over the items: the dot grid and the hint banner."""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QByteArray,
    QDataStream,
    QIODevice,
    QPointF,
    QRect,
    QRectF,
    Qt,
)
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPainterPath, QPen, QPolygonF

from autograd_studio.gui.canvas.node_geometry import (
    DISK_R,
    NODE_HEIGHT,
    NODE_WIDTH,
    card_path,
    header_path,
)
from autograd_studio.gui.canvas.theme import Theme

__all__ = [
    "BANNER_FLAGS",
    "BANNER_PADDING",
    "EMPTY_HINT",
    "GRID_STEP",
    "banner_rect",
    "draw_grid",
    "paint_banner",
    "paint_mode_tag",
    "paint_placeholders",
]

EMPTY_HINT = QT_TRANSLATE_NOOP("Problems", "Drag a node from the palette, or press Tab to add one")
GRID_STEP = 24.0
GRID_MIN_ZOOM = 0.5  # below this the dots would be noise


def draw_grid(painter: QPainter, rect: QRectF, theme: Theme, zoom: float) -> None:
    """Fill *rect* (scene coordinates) with the background and a dot every GRID_STEP."""
    painter.fillRect(rect, theme.background)
    if zoom < GRID_MIN_ZOOM:
        return
    left = math.floor(rect.left() / GRID_STEP) * GRID_STEP
    top = math.floor(rect.top() / GRID_STEP) * GRID_STEP
    pen = QPen(theme.grid, 2.0 if zoom >= 1 else 1.5)
    pen.setCosmetic(True)
    painter.setPen(pen)
    columns = max(0, math.ceil((rect.right() - left) / GRID_STEP))
    rows = max(0, math.ceil((rect.bottom() - top) / GRID_STEP))
    painter.translate(left, top)
    painter.drawPoints(_dots(columns, rows))
    painter.translate(-left, -top)


@lru_cache(maxsize=8)
def _dots(columns: int, rows: int) -> QPolygonF:
    """The grid's dots from (0, 0), *columns* x *rows* of them, made once by numpy (a
    readable view has thousands: one QPointF each took 10 ms a repaint)."""
    xs = np.tile(np.arange(columns) * GRID_STEP, rows)
    ys = np.repeat(np.arange(rows) * GRID_STEP, columns)
    data = np.array([columns * rows], dtype=">u4").tobytes()
    data += np.stack([xs, ys], axis=1).astype(">f8").tobytes()
    buffer = QByteArray(data)  # QPolygonF's stream format: a count, then x, y doubles
    dots = QPolygonF()
    QDataStream(buffer, QIODevice.OpenModeFlag.ReadOnly) >> dots
    return dots


def paint_banner(
    painter: QPainter, viewport: QRect, theme: Theme, text: str, has_nodes: bool
) -> None:
    """*text* over the canvas (viewport coordinates): a quiet centred hint on an empty
    canvas, else a card at the top edge that stays until the problem is solved."""
    metrics = painter.fontMetrics()
    if not has_nodes:
        width = min(metrics.horizontalAdvance(text) + 32, viewport.width() - 20)
        rect = QRect(0, 0, width, 36)
        rect.moveCenter(viewport.center())
        painter.setPen(theme.muted)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)
        return
    rect = banner_rect(metrics, viewport, text)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    fill = QColor(theme.card)
    fill.setAlpha(235)
    painter.setPen(QPen(theme.problem, 1.2))
    painter.setBrush(fill)
    painter.drawRoundedRect(rect, 8, 8)
    painter.setPen(theme.text)
    painter.drawText(rect.adjusted(*BANNER_PADDING), BANNER_FLAGS, text)


#: The banner's text: centred, wrapped at word boundaries on a canvas narrower than it.
BANNER_FLAGS = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
BANNER_PADDING = (12, 6, -12, -6)  # left, top, right, bottom, inside the card


def banner_rect(metrics: QFontMetrics, viewport: QRect, text: str) -> QRect:
    """The problem banner's card (viewport coordinates): at the top edge, as wide as its
    text up to the canvas's width less a margin, and as many lines tall as the text needs
    at that width (on one line, a narrow canvas cut the message off at both ends)."""
    left, top, right, bottom = BANNER_PADDING
    width = max(min(metrics.horizontalAdvance(text) + 32, viewport.width() - 20), 60)
    inner = QRect(0, 0, width + right - left, 10_000)
    height = metrics.boundingRect(inner, BANNER_FLAGS, text).height() + top - bottom
    return QRect((viewport.width() - width) // 2, 10, width, max(30, height))


def paint_mode_tag(painter: QPainter, viewport: QRect, theme: Theme, text: str) -> None:
    """A mode the canvas is in (accumulating grads), as a tag at the bottom-left corner:
    out of the graph's way, but never out of sight."""
    metrics = painter.fontMetrics()
    width = min(metrics.horizontalAdvance(text) + 24, viewport.width() - 20)
    rect = QRect(10, viewport.height() - 10 - 26, width, 26)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(theme.accent, 1.5))
    painter.setBrush(theme.card)
    painter.drawRoundedRect(rect, 13, 13)
    painter.setPen(theme.text)
    shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width() - 20)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextSingleLine, shown)


def paint_placeholders(
    painter: QPainter,
    rect: QRectF,
    cards: dict[str, tuple[float, float, str]],
    theme: Theme,
    plain: bool,
) -> None:
    """Each card in *cards* (id -> x, y, kind) that meets *rect* (scene coordinates) as
    its item will paint it, without the texts: where an item is still to be made, the
    canvas is never empty.  *plain*: zoomed out, where items are plain tinted shapes."""
    ops = QPainterPath(card_path("op"))
    values = QPainterPath(card_path("input"))
    tints = {"input": theme.input_tint, "weight": theme.weight_tint}
    left, top = rect.left() - NODE_WIDTH, rect.top() - NODE_HEIGHT
    right, bottom = rect.right(), rect.bottom()
    shown = [c for c in cards.values() if left <= c[0] <= right and top <= c[1] <= bottom]
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    if plain:  # as NodePainting._paint_plain
        painter.setPen(Qt.PenStyle.NoPen)
        for x, y, kind in shown:
            painter.setBrush(tints.get(kind, theme.op_tint))
            painter.translate(x, y)
            painter.drawPath(values if kind in tints else ops)
            painter.translate(-x, -y)
        painter.restore()
        return
    painter.setPen(QPen(theme.card_border, 1.0))
    painter.setBrush(theme.card)
    for x, y, kind in shown:
        painter.translate(x, y)
        painter.drawPath(values if kind in tints else ops)
        painter.translate(-x, -y)
    painter.setPen(Qt.PenStyle.NoPen)
    header = header_path()
    for x, y, kind in shown:  # the tinted title row or the op's disk, as the card has them
        painter.setBrush(tints.get(kind, theme.op_tint))
        if kind in tints:
            painter.translate(x, y)
            painter.drawPath(header)
            painter.translate(-x, -y)
        else:
            painter.drawEllipse(QPointF(x + 30, y + NODE_HEIGHT / 2), DISK_R, DISK_R)
    painter.restore()

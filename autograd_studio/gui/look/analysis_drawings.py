"""Drawings of the step-through backward, the gradient flow, the gradient check and the
script exports' icons.

Drawn on the same 24 × 24 grid, with the same palette-following ink, as the drawings in
:mod:`autograd_studio.gui.look.icons`, whose one icon table (:func:`action_icon`) includes
these.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF

__all__ = ["ANALYSIS_DRAWINGS"]

Draw = Callable[[QPainter, QColor], None]
_ORANGE = QColor("#e8590c")


def _pen(color: QColor, width: float = 1.8) -> QPen:
    pen = QPen(color, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def _triangle(p: QPainter, ink: QColor, x: float, pointing: int, half: float = 6.0) -> None:
    """A filled triangle whose base is at *x*, pointing right (+1) or left (-1)."""
    tip = x + pointing * 1.6 * half
    p.setPen(_pen(ink, 1.2))
    p.setBrush(ink)
    p.drawPolygon(QPolygonF([QPointF(x, 12 - half), QPointF(tip, 12), QPointF(x, 12 + half)]))


def _bar(p: QPainter, ink: QColor, x: float) -> None:
    p.setPen(_pen(ink, 2.4))
    p.drawLine(QPointF(x, 6), QPointF(x, 18))


def _draw_step(p: QPainter, ink: QColor) -> None:
    _triangle(p, ink, 7, +1)
    _bar(p, ink, 19)


def _draw_step_back(p: QPainter, ink: QColor) -> None:
    _triangle(p, ink, 17, -1)
    _bar(p, ink, 5)


def _draw_reset(p: QPainter, ink: QColor) -> None:
    _bar(p, ink, 4)
    _triangle(p, ink, 13, -1, 5.0)
    _triangle(p, ink, 21, -1, 5.0)


def _draw_end(p: QPainter, ink: QColor) -> None:
    _triangle(p, ink, 3, +1, 5.0)
    _triangle(p, ink, 11, +1, 5.0)
    _bar(p, ink, 20)


def _draw_play(p: QPainter, ink: QColor) -> None:
    _triangle(p, ink, 7, +1, 7.0)


def _draw_pause(p: QPainter, ink: QColor) -> None:
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(ink)
    p.drawRoundedRect(QRectF(6, 5, 4, 14), 1, 1)
    p.drawRoundedRect(QRectF(14, 5, 4, 14), 1, 1)


def _draw_stop(p: QPainter, ink: QColor) -> None:
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(ink)
    p.drawRoundedRect(QRectF(6, 6, 12, 12), 2, 2)


def _draw_flow(p: QPainter, ink: QColor) -> None:
    # Three curves from one point, thin to thick and pale to strong: "how much flows".
    for y, width, alpha in ((5.0, 1.2, 110), (12.0, 2.4, 180), (19.0, 4.0, 255)):
        path = QPainterPath(QPointF(20, 12))
        path.cubicTo(QPointF(12, 12), QPointF(11, y), QPointF(3, y))
        color = QColor(_ORANGE)
        color.setAlpha(alpha)
        p.setPen(_pen(color, width))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(ink)
    p.drawEllipse(QPointF(20.5, 12), 2.6, 2.6)


def _draw_check(p: QPainter, ink: QColor) -> None:
    # A tick over a small "Δ": finite differences agree.
    p.setPen(_pen(QColor("#1a9b50"), 2.6))
    p.setBrush(Qt.BrushStyle.NoBrush)
    path = QPainterPath(QPointF(3.5, 12.5))
    path.lineTo(QPointF(8.5, 17.5))
    path.lineTo(QPointF(20.5, 5.5))
    p.drawPath(path)
    p.setPen(_pen(ink, 1.4))
    p.drawPolygon(QPolygonF([QPointF(15, 21), QPointF(18.5, 14.5), QPointF(22, 21)]))


def _draw_zero(p: QPainter, ink: QColor) -> None:
    p.setPen(_pen(ink, 2.0))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawEllipse(QRectF(6.5, 4, 11, 16))
    p.drawLine(QPointF(4, 20), QPointF(20, 4))


def _draw_accumulate(p: QPainter, ink: QColor) -> None:
    # "+=": grads summed onto what is there.
    p.setPen(_pen(ink, 2.0))
    p.drawLine(QPointF(3, 12), QPointF(11, 12))
    p.drawLine(QPointF(7, 8), QPointF(7, 16))
    p.drawLine(QPointF(13, 9.5), QPointF(21, 9.5))
    p.drawLine(QPointF(13, 14.5), QPointF(21, 14.5))


def _draw_script(p: QPainter, ink: QColor) -> None:
    p.setPen(_pen(ink, 1.8))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRoundedRect(QRectF(3.5, 4, 17, 16), 2.5, 2.5)
    p.drawPolyline(QPolygonF([QPointF(7, 9), QPointF(10, 12), QPointF(7, 15)]))
    p.drawLine(QPointF(12, 15), QPointF(17, 15))


ANALYSIS_DRAWINGS: dict[str, Draw] = {
    "step": _draw_step,
    "step-back": _draw_step_back,
    "reset": _draw_reset,
    "end": _draw_end,
    "play": _draw_play,
    "pause": _draw_pause,
    "stop": _draw_stop,
    "flow": _draw_flow,
    "check": _draw_check,
    "zero": _draw_zero,
    "accumulate": _draw_accumulate,
    "script": _draw_script,
}

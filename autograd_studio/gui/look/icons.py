"""Icons drawn with QPainter: crisp at any size and in the current light or dark palette.

Each icon is a small drawing function over a 24 × 24 grid.  :class:`PaintedIconEngine`
scales it to whatever size Qt asks for and reads its ink colour from the application
palette at paint time, so icons follow a switch between light and dark without being
rebuilt.  Palette entries get a badge with the op's own registry symbol, so a new op gets
an icon without anyone drawing one.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
)

from autograd_studio.engine.ops import OPS
from autograd_studio.gui.look.analysis_drawings import ANALYSIS_DRAWINGS

__all__ = ["PaintedIconEngine", "action_icon", "app_icon", "badge_color", "node_icon"]

Draw = Callable[[QPainter, QColor], None]


class PaintedIconEngine(QIconEngine):
    """A ``QIconEngine`` that runs a drawing function on a 24 × 24 grid at any size."""

    def __init__(self, draw: Draw, themed: bool = True) -> None:
        super().__init__()
        self._draw = draw
        self._themed = themed  # ink from the palette (toolbar) or fixed colours (badges)
        # Drawn once per size, mode and ink: a window repaint asked each toolbar and
        # palette icon for its pixmap again (a millisecond of every repaint of the window).
        self._pixmaps: dict[tuple, QPixmap] = {}

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        palette = QGuiApplication.palette()
        group = QPalette.ColorGroup.Disabled if mode == QIcon.Mode.Disabled else QPalette.Active
        ink = palette.color(group, QPalette.ColorRole.WindowText)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(rect.width(), rect.height())
        painter.translate(
            rect.x() + (rect.width() - side) / 2, rect.y() + (rect.height() - side) / 2
        )
        painter.scale(side / 24.0, side / 24.0)
        if mode == QIcon.Mode.Disabled and not self._themed:
            painter.setOpacity(0.4)
        self._draw(painter, ink)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        group = QPalette.ColorGroup.Disabled if mode == QIcon.Mode.Disabled else QPalette.Active
        ink = QGuiApplication.palette().color(group, QPalette.ColorRole.WindowText).rgba()
        key = (size.width(), size.height(), mode, state, ink)
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            pixmap = QPixmap(size)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
            painter.end()
            if len(self._pixmaps) > 16:  # (a few sizes and modes per icon)
                self._pixmaps.clear()
            self._pixmaps[key] = pixmap
        return pixmap

    def clone(self) -> QIconEngine:
        return PaintedIconEngine(self._draw, self._themed)


def _icon(draw: Draw, themed: bool = True) -> QIcon:
    return QIcon(PaintedIconEngine(draw, themed))


def _pen(color: QColor, width: float = 1.8) -> QPen:
    pen = QPen(color, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def _stroke(p: QPainter, ink: QColor, path: QPainterPath, width: float = 1.8) -> None:
    p.setPen(_pen(ink, width))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(path)


def _polyline(*points: tuple[float, float]) -> QPainterPath:
    path = QPainterPath(QPointF(*points[0]))
    for point in points[1:]:
        path.lineTo(QPointF(*point))
    return path


# --- toolbar and menu icons -------------------------------------------------------------------


def _draw_new(p: QPainter, ink: QColor) -> None:
    _stroke(p, ink, _polyline((6, 3), (14, 3), (19, 8), (19, 21), (6, 21), (6, 3)))
    _stroke(p, ink, _polyline((14, 3), (14, 8), (19, 8)))
    _stroke(p, ink, _polyline((12.5, 11), (12.5, 18)))
    _stroke(p, ink, _polyline((9, 14.5), (16, 14.5)))


def _draw_open(p: QPainter, ink: QColor) -> None:
    _stroke(p, ink, _polyline((3, 19), (3, 5), (9, 5), (11, 7), (19, 7), (19, 10)))
    _stroke(p, ink, _polyline((3, 19), (6.5, 10), (22, 10), (18.5, 19), (3, 19)))


def _draw_save(p: QPainter, ink: QColor) -> None:
    _stroke(p, ink, _polyline((4, 14), (4, 20), (20, 20), (20, 14)))
    _stroke(p, ink, _polyline((12, 3), (12, 15)))
    _stroke(p, ink, _polyline((7.5, 10.5), (12, 15), (16.5, 10.5)))


def _draw_save_as(p: QPainter, ink: QColor) -> None:
    _draw_save(p, ink)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(ink)
    p.drawEllipse(QPointF(19.5, 5), 1.6, 1.6)


def _arrow_back(p: QPainter, ink: QColor) -> None:
    path = QPainterPath(QPointF(5, 10))
    path.lineTo(QPointF(14, 10))
    path.cubicTo(QPointF(22, 10), QPointF(22, 20), QPointF(14, 20))
    path.lineTo(QPointF(9, 20))
    _stroke(p, ink, path)
    _stroke(p, ink, _polyline((9, 6), (5, 10), (9, 14)))


def _draw_undo(p: QPainter, ink: QColor) -> None:
    _arrow_back(p, ink)


def _draw_redo(p: QPainter, ink: QColor) -> None:
    p.translate(24, 0)
    p.scale(-1, 1)
    _arrow_back(p, ink)


def _draw_backward(p: QPainter, ink: QColor) -> None:
    # The output node on the right sends its gradient back (the orange arrow) to an input.
    accent = QColor("#d4812a")
    p.setPen(_pen(ink, 1.6))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawEllipse(QPointF(4.5, 12), 2.5, 2.5)
    p.setBrush(ink)
    p.drawEllipse(QPointF(19.5, 12), 3, 3)
    _stroke(p, accent, _polyline((15, 12), (9, 12)), 2.2)
    _stroke(p, accent, _polyline((12, 8.5), (8.5, 12), (12, 15.5)), 2.2)


def _draw_fit(p: QPainter, ink: QColor) -> None:
    for sx, sy in ((1, 1), (-1, 1), (1, -1), (-1, -1)):
        x0 = 12 - sx * 8
        y0 = 12 - sy * 8
        _stroke(p, ink, _polyline((x0, y0 + sy * 5), (x0, y0), (x0 + sx * 5, y0)))
    p.setPen(_pen(ink, 1.5))
    p.drawRoundedRect(QRectF(8.5, 9.5, 7, 5), 1.5, 1.5)


def _draw_auto_layout(p: QPainter, ink: QColor) -> None:
    p.setPen(_pen(ink, 1.6))
    p.setBrush(Qt.BrushStyle.NoBrush)
    for rect in (QRectF(2.5, 4, 6, 5), QRectF(2.5, 15, 6, 5), QRectF(15.5, 9.5, 6, 5)):
        p.drawRoundedRect(rect, 1.5, 1.5)
    path = QPainterPath(QPointF(8.5, 6.5))
    path.cubicTo(QPointF(12, 6.5), QPointF(12, 12), QPointF(15.5, 12))
    path.moveTo(QPointF(8.5, 17.5))
    path.cubicTo(QPointF(12, 17.5), QPointF(12, 12), QPointF(15.5, 12))
    _stroke(p, ink, path, 1.4)


def _magnifier(p: QPainter, ink: QColor) -> None:
    p.setPen(_pen(ink))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawEllipse(QPointF(10, 10), 6, 6)
    _stroke(p, ink, _polyline((14.5, 14.5), (20, 20)), 2.2)


def _draw_zoom_in(p: QPainter, ink: QColor) -> None:
    _magnifier(p, ink)
    _stroke(p, ink, _polyline((7, 10), (13, 10)), 1.6)
    _stroke(p, ink, _polyline((10, 7), (10, 13)), 1.6)


def _draw_zoom_out(p: QPainter, ink: QColor) -> None:
    _magnifier(p, ink)
    _stroke(p, ink, _polyline((7, 10), (13, 10)), 1.6)


def _draw_zoom_reset(p: QPainter, ink: QColor) -> None:
    _magnifier(p, ink)
    font = QFont("DejaVu Sans", 6)
    font.setBold(True)
    p.setFont(font)
    p.setPen(ink)
    p.drawText(QRectF(4, 4, 12, 12), Qt.AlignmentFlag.AlignCenter, "1")


def _draw_delete(p: QPainter, ink: QColor) -> None:
    _stroke(p, ink, _polyline((4, 6.5), (20, 6.5)))
    _stroke(p, ink, _polyline((9.5, 6.5), (9.5, 3.5), (14.5, 3.5), (14.5, 6.5)))
    _stroke(p, ink, _polyline((6, 6.5), (7, 20.5), (17, 20.5), (18, 6.5)))
    _stroke(p, ink, _polyline((10, 10), (10, 17)), 1.4)
    _stroke(p, ink, _polyline((14, 10), (14, 17)), 1.4)


def _draw_copy(p: QPainter, ink: QColor) -> None:
    p.setPen(_pen(ink))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRoundedRect(QRectF(8.5, 8.5, 11, 12), 2, 2)
    _stroke(p, ink, _polyline((15.5, 5.5), (15.5, 3.5), (4.5, 3.5), (4.5, 16.5), (6, 16.5)))


def _draw_cut(p: QPainter, ink: QColor) -> None:
    p.setPen(_pen(ink))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawEllipse(QPointF(7, 18), 3, 3)
    p.drawEllipse(QPointF(17, 18), 3, 3)
    _stroke(p, ink, _polyline((9, 15.5), (17, 3)))
    _stroke(p, ink, _polyline((15, 15.5), (7, 3)))


def _draw_paste(p: QPainter, ink: QColor) -> None:
    _stroke(p, ink, _polyline((8, 5), (5, 5), (5, 21), (19, 21), (19, 5), (16, 5)))
    p.setPen(_pen(ink))
    p.drawRoundedRect(QRectF(8, 3, 8, 4), 1.2, 1.2)


def _draw_duplicate(p: QPainter, ink: QColor) -> None:
    _draw_copy(p, ink)
    _stroke(p, ink, _polyline((14, 11.5), (14, 17.5)), 1.4)
    _stroke(p, ink, _polyline((11, 14.5), (17, 14.5)), 1.4)


def _draw_select_all(p: QPainter, ink: QColor) -> None:
    pen = _pen(ink, 1.4)
    pen.setDashPattern([2, 2])
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRect(QRectF(3.5, 3.5, 17, 17))
    p.setPen(_pen(ink, 1.5))
    p.drawRoundedRect(QRectF(7, 8, 5, 4), 1, 1)
    p.drawRoundedRect(QRectF(12, 13, 5, 4), 1, 1)


def _draw_output(p: QPainter, ink: QColor) -> None:
    p.setPen(_pen(ink))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawEllipse(QPointF(12, 12), 8, 8)
    p.drawEllipse(QPointF(12, 12), 4, 4)
    p.setBrush(ink)
    p.drawEllipse(QPointF(12, 12), 1.5, 1.5)


def _draw_history(p: QPainter, ink: QColor) -> None:
    p.setPen(_pen(ink))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawEllipse(QPointF(12, 12), 8.5, 8.5)
    _stroke(p, ink, _polyline((12, 7), (12, 12), (15.5, 14)))


def _draw_keyboard(p: QPainter, ink: QColor) -> None:
    p.setPen(_pen(ink, 1.5))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRoundedRect(QRectF(2.5, 6.5, 19, 11), 2, 2)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(ink)
    for x in (6, 9.5, 13, 16.5):
        p.drawRect(QRectF(x - 0.9, 9, 1.8, 1.8))
    p.drawRect(QRectF(7, 13.2, 10, 1.8))


def _draw_quit(p: QPainter, ink: QColor) -> None:
    _stroke(p, ink, _polyline((13, 4), (5, 4), (5, 20), (13, 20)))
    _stroke(p, ink, _polyline((10, 12), (20, 12)))
    _stroke(p, ink, _polyline((16.5, 8.5), (20, 12), (16.5, 15.5)))


def _draw_about(p: QPainter, ink: QColor) -> None:
    p.setPen(_pen(ink))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawEllipse(QPointF(12, 12), 8.5, 8.5)
    _stroke(p, ink, _polyline((12, 11), (12, 16.5)), 2.0)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(ink)
    p.drawEllipse(QPointF(12, 7.8), 1.2, 1.2)


_ACTION_DRAWINGS: dict[str, Draw] = {
    "new": _draw_new,
    "open": _draw_open,
    "save": _draw_save,
    "save-as": _draw_save_as,
    "undo": _draw_undo,
    "redo": _draw_redo,
    "backward": _draw_backward,
    "fit": _draw_fit,
    "auto-layout": _draw_auto_layout,
    "zoom-in": _draw_zoom_in,
    "zoom-out": _draw_zoom_out,
    "zoom-reset": _draw_zoom_reset,
    "delete": _draw_delete,
    "copy": _draw_copy,
    "cut": _draw_cut,
    "paste": _draw_paste,
    "duplicate": _draw_duplicate,
    "select-all": _draw_select_all,
    "set-output": _draw_output,
    "history": _draw_history,
    "shortcuts": _draw_keyboard,
    "quit": _draw_quit,
    "about": _draw_about,
    **ANALYSIS_DRAWINGS,  # step, step-back, reset, end, play, pause, stop, flow, check ...
}


def action_icon(name: str) -> QIcon:
    """The icon of a toolbar, menu or button action (``"new"``, ``"backward"``, ``"fit"``,
    ``"step"``, ``"check"`` ...): the one icon table of the editor."""
    return _icon(_ACTION_DRAWINGS[name])


# --- palette badges ---------------------------------------------------------------------------


def badge_color(kind: str) -> QColor:
    """The canvas theme's tint for *kind*, so palette badges match the nodes they add."""
    # Imported here: the canvas package imports this module (quick-add shows these badges).
    from autograd_studio.gui.canvas.theme import current_theme

    return QColor(current_theme().kind_tint(kind))


def badge_text(kind: str, op: str | None = None) -> str:
    """What a palette badge shows: the op's registry symbol, ``x`` or ``w`` for values."""
    if kind == "op" and op is not None:
        return OPS[op].symbol
    return {"input": "x", "weight": "w", "function": "ƒ"}.get(kind, "?")


def node_icon(kind: str, op: str | None = None) -> QIcon:
    """A rounded badge in the kind's colour with the op's symbol fitted inside."""
    text = badge_text(kind, op)

    def draw(p: QPainter, _ink: QColor) -> None:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(badge_color(kind))  # read at paint time: follows light/dark switches
        if kind in ("op", "function"):  # the canvas draws an op's symbol on a disk ...
            p.drawEllipse(QRectF(1, 1, 22, 22))
            _fitted_text(p, QRectF(2.5, 4, 19, 16), text, QColor("white"))
        else:  # ... and values as cards with a tinted header
            p.drawRoundedRect(QRectF(1, 3, 22, 18), 4, 4)
            _fitted_text(p, QRectF(3, 4, 18, 16), text, QColor("white"))

    return _icon(draw, themed=False)


def _fitted_text(p: QPainter, box: QRectF, text: str, color: QColor) -> None:
    font = QFont("DejaVu Sans")
    font.setBold(True)
    size = 13.0
    while size > 5.0:
        font.setPointSizeF(size)
        metrics = QFontMetricsF(font)
        if metrics.horizontalAdvance(text) <= box.width() and metrics.height() <= box.height() + 3:
            break
        size -= 0.5
    p.setFont(font)
    p.setPen(color)
    p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


def app_icon() -> QIcon:
    """The window icon: a partial-derivative sign on a blue tile."""

    def draw(p: QPainter, _ink: QColor) -> None:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#2f6fdb"))
        p.drawRoundedRect(QRectF(1, 1, 22, 22), 5, 5)
        p.setBrush(QColor("#d4812a"))
        p.drawEllipse(QPointF(18.5, 18.5), 2.6, 2.6)
        font = QFont("DejaVu Serif", 14)
        font.setBold(True)
        font.setItalic(True)
        p.setFont(font)
        p.setPen(QColor("white"))
        p.drawText(QRectF(1, 0, 21, 22), Qt.AlignmentFlag.AlignCenter, "∂")

    return _icon(draw, themed=False)

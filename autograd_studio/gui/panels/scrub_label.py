"""A field's label that scrubs its value: drag sideways on "Value" to change the number."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QLabel, QWidget

__all__ = ["ScrubLabel"]


class ScrubLabel(QLabel):
    """Emits ``dragged(pixels, modifiers)`` (pixels from the press) while the left button
    drags sideways, between ``started`` and ``finished``."""

    started = Signal()
    dragged = Signal(float, object)
    finished = Signal()

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setCursor(Qt.CursorShape.SizeHorCursor)
        self._press_x: float | None = None
        self._dragging = False

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press_x, self._dragging = event.position().x(), False
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press_x is None:
            return super().mouseMoveEvent(event)
        pixels = event.position().x() - self._press_x
        if not self._dragging:
            if abs(pixels) < QApplication.startDragDistance():
                return None
            self._dragging = True
            self.started.emit()
        self.dragged.emit(pixels, event.modifiers())
        return None

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._press_x is not None and self._dragging:
            self.finished.emit()
        self._press_x, self._dragging = None, False
        super().mouseReleaseEvent(event)

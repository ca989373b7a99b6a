"""Keys of the canvas (:class:`KeyboardMixin`, part of GraphView); the list is in
:mod:`~autograd_studio.gui.canvas.view`'s docstring.  Arrow keys nudge the selection by
:data:`NUDGE` (Shift: by one unit)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import (
    QKeyEvent,
    QKeySequence,
)

__all__ = ["KeyboardMixin"]

NUDGE = 10.0  # arrow keys move the selection this far (Shift: one unit)
_NUDGES = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
}


class KeyboardMixin:
    """Part of :class:`~autograd_studio.gui.canvas.view.GraphView`."""

    # --- events: keys --------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Tab:
            if self._interaction is None:
                self.open_quick_add()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        plain = not (mods & ~Qt.KeyboardModifier.KeypadModifier)
        if key == Qt.Key.Key_Escape:
            if self._interaction is not None:
                self._interaction.cancel()
            elif self.quick_add.isVisible():
                self.quick_add.close_popup()
            else:
                self.graph_scene.clearSelection()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self._interaction is None:
            self.delete_selection()
        elif key == Qt.Key.Key_F and plain:
            self.fit_all()
        elif key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.update_cursor()
        elif event.matches(QKeySequence.StandardKey.SelectAll):
            self.select_all()
        elif event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif event.matches(QKeySequence.StandardKey.Cut):
            self.cut_selection()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif key == Qt.Key.Key_D and mods & Qt.KeyboardModifier.ControlModifier:
            self.duplicate_selection()
        elif event.matches(QKeySequence.StandardKey.ZoomIn) or (
            key == Qt.Key.Key_Equal and mods & Qt.KeyboardModifier.ControlModifier
        ):
            self.zoom_in()
        elif event.matches(QKeySequence.StandardKey.ZoomOut):
            self.zoom_out()
        elif key == Qt.Key.Key_0 and mods & Qt.KeyboardModifier.ControlModifier:
            self.reset_zoom()
        elif key in _NUDGES and self._interaction is None:
            step = 1 if mods & Qt.KeyboardModifier.ShiftModifier else NUDGE
            dx, dy = _NUDGES[key]
            self.nudge_selection(dx * step, dy * step)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
            ids = self.selected_node_ids()
            if len(ids) == 1:
                self.edit_node(ids[0])
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self.update_cursor()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def focusOutEvent(self, event) -> None:
        self._space = False
        self.update_cursor()
        super().focusOutEvent(event)

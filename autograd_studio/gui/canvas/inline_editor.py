"""The in-place editor a double-click opens on a node: its value (inputs and weights) or
its label.  A plain line edit over the canvas (no modal dialog): Enter commits, Esc
cancels, clicking elsewhere commits when the text is valid.  Invalid text keeps the editor
open with a red frame; the view says why in the status bar.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QRect, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

__all__ = ["InlineEditor"]

_INVALID_STYLE = "QLineEdit { border: 2px solid #d1242f; }"


class InlineEditor(QLineEdit):
    """Edits ``field`` (``"value"`` or ``"label"``) of node ``node_id``.

    *commit* is called with the text and returns ``True`` when it was applied (the editor
    then closes) or ``False`` when the text was refused (the editor stays, marked red).
    """

    finished = Signal()

    def __init__(
        self,
        parent: QWidget,
        node_id: str,
        field: str,
        text: str,
        commit: Callable[[str, str, str], bool],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("inlineEditor")
        self.node_id = node_id
        self.field = field
        self._commit = commit
        self._done = False
        self.setText(text)
        self.selectAll()

    def open_over(self, rect: QRect) -> None:
        self.setGeometry(rect)
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def submit(self) -> bool:
        """Apply the text; closes on success, turns red otherwise."""
        if self._done:
            return True
        if self._commit(self.node_id, self.field, self.text()):
            self._finish()
            return True
        self.setStyleSheet(_INVALID_STYLE)
        return False

    def cancel(self) -> None:
        self._finish()

    def is_invalid(self) -> bool:
        return bool(self.styleSheet())

    def _finish(self) -> None:
        if self._done:
            return
        self._done = True
        self.hide()
        self.finished.emit()
        self.deleteLater()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
            return
        self.setStyleSheet("")
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self._done or event.reason() == Qt.FocusReason.ActiveWindowFocusReason:
            return  # switching windows is not a decision to commit
        if not self.submit():
            self.cancel()

    def event(self, event: QEvent) -> bool:
        # Tab inside the editor commits instead of moving focus around the window.
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Tab:
            self.submit()
            return True
        return super().event(event)

"""A combo box over a long list of values (node ids), filled when it is first seen.

The Training panel offers every op node as the loss and the prediction: 65,077 items each
on the demo graph.  One ``addItem`` per value cost 0.2-0.9 s every time a document opened,
although the panel is usually hidden.  :class:`ChoiceBox` keeps the values in a Python
list and gives Qt all of them at once (one ``QStringListModel.setStringList``, a few
milliseconds) only when the box is shown or its list opens; until then its model holds
the chosen value alone, so what is chosen reads the same either way.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QWidget

__all__ = ["NONE_TEXT", "ChoiceBox"]

NONE_TEXT = "—"  # the row that chooses nothing


class ChoiceBox(QComboBox):
    """Chooses one of a list of strings, or nothing (``None``) when offered.

    :meth:`value` (and ``currentData()``) is the chosen string; the texts shown are the
    values themselves.  Signals are those of a :class:`QComboBox` (``currentIndexChanged``
    when the user chooses); :meth:`set_choices` and the late filling send none.
    """

    def __init__(self, parent: QWidget | None = None, *, objectName: str = "") -> None:
        super().__init__(parent)
        if objectName:
            self.setObjectName(objectName)
        self._model = QStringListModel(self)
        self.setModel(self._model)
        # The list view sizes rows one by one unless told they are alike (they are: text).
        self.view().setUniformItemSizes(True)
        self._values: list[str | None] = []
        self._row = 0  # the chosen row of _values while the model is not filled
        self._filled = True

    def set_choices(self, values: list[str], current: str | None, none: bool = True) -> None:
        """Offer *values* (after a row for nothing if *none*) and choose *current*: the
        first row when it is not offered."""
        self._values = [None, *values] if none else list(values)
        row = 0
        if current is not None:
            try:
                row = self._values.index(current)
            except ValueError:
                row = 0
        self._row = row
        self._filled = False
        if self.isVisible():
            self.fill()
            return
        self.blockSignals(True)
        try:
            self._model.setStringList([_text(self._values[row])] if self._values else [])
            self.setCurrentIndex(0 if self._values else -1)
        finally:
            self.blockSignals(False)

    def value(self) -> str | None:
        """The chosen value (None: nothing, or nothing offered)."""
        row = self._row if not self._filled else self.currentIndex()
        return self._values[row] if 0 <= row < len(self._values) else None

    def currentData(self, role: int = Qt.ItemDataRole.UserRole) -> Any:
        """The chosen value, as an ``addItem(text, value)`` box would answer it."""
        if role == Qt.ItemDataRole.UserRole:
            return self.value()
        return super().currentData(role)

    def is_filled(self) -> bool:
        """Whether every value is in the box's model (it has been shown since the last
        :meth:`set_choices`)."""
        return self._filled

    def fill(self) -> None:
        """Give the model every value (once per :meth:`set_choices`), keeping the choice."""
        if self._filled:
            return
        self._filled = True
        self.blockSignals(True)
        try:
            self._model.setStringList([_text(v) for v in self._values])
            self.setCurrentIndex(self._row if self._values else -1)
        finally:
            self.blockSignals(False)

    def showEvent(self, event: QShowEvent) -> None:
        self.fill()  # before Qt sizes the box and before keys or the wheel can step through
        super().showEvent(event)

    def showPopup(self) -> None:
        self.fill()
        super().showPopup()


def _text(value: str | None) -> str:
    return NONE_TEXT if value is None else value

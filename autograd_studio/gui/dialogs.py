"""The seam between the editor and modal dialogs.

The main window never calls ``QFileDialog`` or ``QMessageBox`` itself: it asks its
``dialogs`` object.  :class:`QtDialogs` shows the real dialogs; a test passes any object
with the same methods (answers scripted in advance), so no test ever blocks on a modal
dialog.
"""

from __future__ import annotations

from typing import Literal, Protocol

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

__all__ = ["FILE_FILTER", "Dialogs", "QtDialogs", "SaveAnswer"]

FILE_FILTER = "Autograd Studio graphs (*.agraph);;All files (*)"

SaveAnswer = Literal["save", "discard", "cancel"]


class Dialogs(Protocol):
    """What the main window asks of the user."""

    def open_path(self, parent: QWidget | None, directory: str) -> str | None:
        """A file to open, or ``None`` when the user cancels."""

    def save_path(self, parent: QWidget | None, suggested: str) -> str | None:
        """Where to save (*suggested* is a full path proposal), or ``None`` on cancel."""

    def ask_save_changes(self, parent: QWidget | None, name: str) -> SaveAnswer:
        """Whether to save the unsaved changes of the document called *name* first."""

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        """Tell the user that something failed and why."""

    def about(self, parent: QWidget | None, title: str, text: str) -> None:
        """The Help > About box."""


class QtDialogs:
    """The real, modal dialogs."""

    def open_path(self, parent: QWidget | None, directory: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(parent, "Open graph", directory, FILE_FILTER)
        return path or None

    def save_path(self, parent: QWidget | None, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(parent, "Save graph as", suggested, FILE_FILTER)
        return path or None

    def ask_save_changes(self, parent: QWidget | None, name: str) -> SaveAnswer:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Unsaved changes")
        box.setText(f"Save the changes to “{name}” before closing it?")
        box.setInformativeText("Your changes will be lost if you don't save them.")
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return "save"
        if answer == QMessageBox.StandardButton.Discard:
            return "discard"
        return "cancel"

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)

    def about(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.about(parent, title, text)

"""The seam between the editor and modal dialogs.

The main window never calls ``QFileDialog`` or ``QMessageBox`` itself: it asks its
``dialogs`` object.  :class:`QtDialogs` shows the real dialogs over a parent window; a test
passes any object with the same methods (answers scripted in advance), so no test ever
blocks on a modal dialog::

    class Scripted:
        def open_path(self, directory=""): return "/tmp/g.agraph"
        def save_path(self, suggested=""): return None          # the user cancels
        def export_path(self, title, suggested="", file_filter=""): return None
        def ask_save_changes(self, name): return "discard"
        def error(self, title, text): print(title, text)
        def about(self, title, text): pass
        def ask_restart(self, language): return False          # "Later"
"""

from __future__ import annotations

from typing import Literal, Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

__all__ = [
    "FILE_FILTER",
    "Dialogs",
    "OverwriteAnswer",
    "QtDialogs",
    "RecoverAnswer",
    "ReloadAnswer",
    "SaveAnswer",
]

FILE_FILTER = QT_TRANSLATE_NOOP("QtDialogs", "Autograd Studio graphs (*.agraph);;All files (*)")

SaveAnswer = Literal["save", "discard", "cancel"]
RecoverAnswer = Literal["restore", "discard", "later"]
OverwriteAnswer = Literal["overwrite", "save_as", "cancel"]
ReloadAnswer = Literal["reload", "keep", "save_as"]
Role = QMessageBox.ButtonRole


class Dialogs(Protocol):
    """What the main window asks of the user."""

    def open_path(self, directory: str = "") -> str | None:
        """A file to open (the dialog starts in *directory*), or ``None`` on cancel."""

    def save_path(self, suggested: str = "") -> str | None:
        """Where to save (*suggested* is a full path proposal), or ``None`` on cancel."""

    def export_path(self, title: str, suggested: str = "", file_filter: str = "") -> str | None:
        """Where to write an export (a script, a picture): a dialog titled *title* proposing
        *suggested* (a full path) and offering *file_filter*; ``None`` on cancel."""

    def open_csv_path(self, directory: str = "") -> str | None:
        """A CSV file to import as a dataset (Training panel), or ``None`` on cancel."""

    def ask_save_changes(self, name: str) -> SaveAnswer:
        """Whether to save the unsaved changes of the document called *name* first."""

    def error(self, title: str, text: str) -> None:
        """Tell the user that something failed and why."""

    def about(self, title: str, text: str) -> None:
        """The Help > About box."""

    def ask_restart(self, language: str) -> bool:
        """Whether to restart now so the whole window speaks *language* (a native name)."""

    def ask_overwrite_changed(self, name: str) -> OverwriteAnswer:
        """*name* changed on disk since it was read: overwrite it, save elsewhere, or cancel."""

    def ask_reload_changed(self, name: str) -> ReloadAnswer:
        """Another program changed *name* while it has unsaved changes here: show the file's
        version (reload), keep the editor's, or save the editor's elsewhere."""

    def ask_recover(self, name: str, saved_at: float) -> RecoverAnswer:
        """What to do with unsaved work on *name* that a crash left (autosaved at
        *saved_at*, seconds since the epoch): restore it, discard it, or ask later."""


class QtDialogs:
    """The real, modal dialogs, centred over *parent*."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def open_path(self, directory: str = "") -> str | None:
        path, _ = QFileDialog.getOpenFileName(
            self.parent,
            QCoreApplication.translate("QtDialogs", "Open graph"),
            directory,
            QCoreApplication.translate("QtDialogs", FILE_FILTER),
        )
        return path or None

    def save_path(self, suggested: str = "") -> str | None:
        path, _ = QFileDialog.getSaveFileName(
            self.parent,
            QCoreApplication.translate("QtDialogs", "Save graph as"),
            suggested,
            QCoreApplication.translate("QtDialogs", FILE_FILTER),
        )
        return path or None

    def open_csv_path(self, directory: str = "") -> str | None:
        path, _ = QFileDialog.getOpenFileName(
            self.parent,
            QCoreApplication.translate("QtDialogs", "Import a dataset"),
            directory,
            QCoreApplication.translate("QtDialogs", "CSV files (*.csv *.tsv *.txt);;All files (*)"),
        )
        return path or None

    def export_path(self, title: str, suggested: str = "", file_filter: str = "") -> str | None:
        path, _ = QFileDialog.getSaveFileName(self.parent, title, suggested, file_filter)
        return path or None

    def ask_save_changes(self, name: str) -> SaveAnswer:
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QCoreApplication.translate("QtDialogs", "Unsaved changes"))
        box.setText(
            QCoreApplication.translate(
                "QtDialogs", "Save the changes to “{0}” before closing it?"
            ).format(name)
        )
        box.setInformativeText(
            QCoreApplication.translate(
                "QtDialogs", "Your changes will be lost if you don't save them."
            )
        )
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

    def error(self, title: str, text: str) -> None:
        QMessageBox.warning(self.parent, title, text)

    def about(self, title: str, text: str) -> None:
        QMessageBox.about(self.parent, title, text)

    def ask_restart(self, language: str) -> bool:
        text = QCoreApplication.translate(
            "QtDialogs", "Autograd Studio speaks {0} from its next start. Restart now?"
        ).format(language)
        informative = QCoreApplication.translate(
            "QtDialogs", "Unsaved changes are asked about first; the graph opens again."
        )
        buttons = [
            (QCoreApplication.translate("QtDialogs", "Restart Now"), Role.AcceptRole),
            (QCoreApplication.translate("QtDialogs", "Later"), Role.RejectRole),
        ]
        title = QCoreApplication.translate("QtDialogs", "Language")
        return self._ask(QMessageBox.Icon.Question, title, text, buttons, informative) == 0

    def ask_recover(self, name: str, saved_at: float) -> RecoverAnswer:
        from datetime import datetime

        when = datetime.fromtimestamp(saved_at).strftime("%Y-%m-%d %H:%M")
        text = QCoreApplication.translate(
            "QtDialogs", "Autograd Studio did not close properly. Restore the unsaved "
            "changes to {0} (autosaved {1})?"
        ).format(name, when)  # fmt: skip
        buttons = [
            (QCoreApplication.translate("QtDialogs", "Restore"), Role.AcceptRole),
            (QCoreApplication.translate("QtDialogs", "Discard"), Role.DestructiveRole),
            (QCoreApplication.translate("QtDialogs", "Later"), Role.RejectRole),
        ]
        title = QCoreApplication.translate("QtDialogs", "Recover unsaved work")
        answers: tuple[RecoverAnswer, ...] = ("restore", "discard", "later")
        return answers[self._ask(QMessageBox.Icon.Question, title, text, buttons)]

    def ask_overwrite_changed(self, name: str) -> OverwriteAnswer:
        text = QCoreApplication.translate(
            "QtDialogs", "{0} was changed by another program since it was opened. "
            "Overwrite those changes with yours?"
        ).format(name)  # fmt: skip
        buttons = [
            (QCoreApplication.translate("QtDialogs", "Overwrite"), Role.DestructiveRole),
            (QCoreApplication.translate("QtDialogs", "Save As…"), Role.AcceptRole),
            (QCoreApplication.translate("QtDialogs", "Cancel"), Role.RejectRole),
        ]
        title = QCoreApplication.translate("QtDialogs", "File changed on disk")
        answers: tuple[OverwriteAnswer, ...] = ("overwrite", "save_as", "cancel")
        return answers[self._ask(QMessageBox.Icon.Warning, title, text, buttons)]

    def ask_reload_changed(self, name: str) -> ReloadAnswer:
        text = QCoreApplication.translate(
            "QtDialogs", "{0} was changed by another program, and your graph has unsaved "
            "changes. Which version do you want?"
        ).format(name)  # fmt: skip
        informative = QCoreApplication.translate(
            "QtDialogs", "Reload shows the file's version (Undo Reload brings yours back); "
            "Keep Mine replaces the file when you save."
        )  # fmt: skip
        buttons = [
            (QCoreApplication.translate("QtDialogs", "Reload"), Role.DestructiveRole),
            (QCoreApplication.translate("QtDialogs", "Save As…"), Role.AcceptRole),
            (QCoreApplication.translate("QtDialogs", "Keep Mine"), Role.RejectRole),
        ]
        title = QCoreApplication.translate("QtDialogs", "File changed on disk")
        answers: tuple[ReloadAnswer, ...] = ("reload", "save_as", "keep")
        return answers[self._ask(QMessageBox.Icon.Warning, title, text, buttons, informative)]

    def _ask(
        self,
        icon: QMessageBox.Icon,
        title: str,
        text: str,
        buttons: list[tuple[str, QMessageBox.ButtonRole]],
        informative: str = "",
    ) -> int:
        """A question with its own buttons; the index of the one pressed (the last, the
        rejecting one, when the box is closed otherwise)."""
        box = QMessageBox(self.parent)
        box.setIcon(icon)
        box.setWindowTitle(title)
        box.setText(text)
        if informative:
            box.setInformativeText(informative)
        made = [box.addButton(label, role) for label, role in buttons]
        box.exec()
        clicked = box.clickedButton()
        return made.index(clicked) if clicked in made else len(made) - 1

"""Edit > Preferences… (Ctrl+,): the settings that have no menu entry of their own.

- **Largest file to open** (MB, default 512): Open refuses bigger files with a clear message
  instead of spending minutes and gigabytes on them.
- **Autosave after** (seconds of idle time, default 30): when unsaved work is written to a
  recovery file.

The environment variables ``AUTOGRAD_STUDIO_MAX_FILE_MB`` and
``AUTOGRAD_STUDIO_AUTOSAVE_SECONDS`` win over both (a script, a test or an administrator
sets them); the dialog then shows the value in force, greyed, and says why.  The dialog is
not modal to the application (``open()``, never ``exec()``), so nothing waits on it.
"""

from __future__ import annotations

import os

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from autograd_studio.graph.inputfile import MAX_FILE_ENV, max_file_bytes
from autograd_studio.gui.features.autosave import AUTOSAVE_ENV, DEFAULT_SECONDS, autosave_seconds
from autograd_studio.gui.window.settings import (
    AUTOSAVE_RANGE,
    DEFAULT_MAX_FILE_MB,
    MAX_FILE_MB_RANGE,
    StudioSettings,
)

__all__ = ["PreferencesDialog"]


class PreferencesDialog(QDialog):
    """The preferences of *settings*; OK stores them and emits :attr:`applied`."""

    #: The settings were stored (the window applies them: the autosave interval).
    applied = Signal()

    def __init__(self, settings: StudioSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self.setMinimumWidth(420)

        self.max_file = QSpinBox(self)
        self.max_file.setObjectName("maxFileSpin")
        self.max_file.setRange(*MAX_FILE_MB_RANGE)
        self.max_file.setSuffix(self.tr(" MB"))
        self.max_file.setToolTip(
            self.tr("Open refuses bigger files: they take minutes and gigabytes to read")
        )
        self.autosave = QSpinBox(self)
        self.autosave.setObjectName("autosaveSpin")
        self.autosave.setRange(*AUTOSAVE_RANGE)
        self.autosave.setSuffix(self.tr(" s"))
        self.autosave.setToolTip(
            self.tr(
                "Unsaved work is written to a recovery file after this many seconds without "
                "an edit; after a crash it is offered back"
            )
        )
        form = QFormLayout()
        form.addRow(self.tr("Largest file to open:"), self.max_file)
        self.max_file_note = self._note(form, MAX_FILE_ENV)
        form.addRow(self.tr("Autosave unsaved work after:"), self.autosave)
        self.autosave_note = self._note(form, AUTOSAVE_ENV)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults,
            self,
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        defaults = self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        defaults.clicked.connect(self.restore_defaults)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.buttons)
        self.load()

    def _note(self, form: QFormLayout, variable: str) -> QLabel:
        note = QLabel(self)
        note.setWordWrap(True)
        note.setEnabled(False)  # greyed: an explanation, not a control
        value = os.environ.get(variable, "").strip()
        if _in_force(variable):
            note.setText(
                self.tr("Set to {0} by the environment variable {1}, which wins.").format(
                    value, variable
                )
            )
            form.addRow("", note)
        else:
            note.hide()
        return note

    def load(self) -> None:
        """Show the stored values (or the environment's, greyed, where it wins)."""
        self.max_file.setValue(self.settings.max_file_mb())
        self.autosave.setValue(round(self.settings.autosave_seconds()))
        if _in_force(MAX_FILE_ENV):
            self.max_file.setValue(max(1, round(max_file_bytes() / 2**20)))
            self.max_file.setEnabled(False)
        if _in_force(AUTOSAVE_ENV):
            self.autosave.setValue(max(1, round(autosave_seconds())))
            self.autosave.setEnabled(False)

    def restore_defaults(self) -> None:
        if self.max_file.isEnabled():
            self.max_file.setValue(DEFAULT_MAX_FILE_MB)
        if self.autosave.isEnabled():
            self.autosave.setValue(round(DEFAULT_SECONDS))

    def accept(self) -> None:
        if self.max_file.isEnabled():
            self.settings.set_max_file_mb(self.max_file.value())
        if self.autosave.isEnabled():
            self.settings.set_autosave_seconds(float(self.autosave.value()))
        self.settings.sync()
        super().accept()
        self.applied.emit()


def _in_force(variable: str) -> bool:
    """Whether the environment variable *variable* holds a usable positive number."""
    try:
        return float(os.environ.get(variable, "").strip()) > 0
    except ValueError:
        return False

"""File > Import > Python Expression: open the import dialog and, when it is accepted, its
graph as a new untitled document.

The dialog itself (live parsing, the preview, the values table) is
:mod:`autograd_studio.gui.features.expression_dialog`; this controller keeps at most one of
them open and hands the result to the window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

from autograd_studio.gui.features.expression_dialog import ExpressionImportDialog
from autograd_studio.gui.look.wording import nodes_text

if TYPE_CHECKING:
    from autograd_studio.gui.window.main_window import MainWindow

__all__ = ["ExpressionImport"]


class ExpressionImport(QObject):
    """Runs File > Import > Python Expression for one :class:`MainWindow`."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._dialog: ExpressionImportDialog | None = None
        window.actions.import_expression.triggered.connect(self.import_expression)

    def import_expression(self) -> ExpressionImportDialog:
        """Open the dialog (window-modal, not blocking), or raise the one already open."""
        if self._dialog is not None and self._dialog.isVisible():
            self._dialog.raise_()
            return self._dialog
        dialog = ExpressionImportDialog(self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.set_confirm(self.window.maybe_save)  # asked before the dialog closes
        dialog.accepted.connect(lambda: self._open_imported(dialog))
        dialog.destroyed.connect(self._forget_dialog)
        self._dialog = dialog
        dialog.open()
        return dialog

    def _forget_dialog(self, *_args) -> None:
        self._dialog = None

    def _open_imported(self, dialog: ExpressionImportDialog) -> None:
        document = dialog.document()
        if document is None:
            return
        window = self.window
        window.set_document(document)
        window.statusBar().showMessage(
            self.tr("Imported {0}: {1}. Press Backward (Ctrl+B) for the grads").format(
                dialog.expression_edit.text().strip(), nodes_text(len(document.nodes))
            ),
            8000,
        )

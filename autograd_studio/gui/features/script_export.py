"""File > Export > Python Script / PyTorch Script: the graph as a runnable script.

The scripts come from :mod:`autograd_studio.interop.codegen` (the command line's
``export`` uses the same exporters); this controller only asks where to write them, through
the window's dialog seam, and reports what it wrote in the status bar.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject

from autograd_studio.graph.outputfile import write_output
from autograd_studio.interop.codegen import EXPORTERS, CodegenError

if TYPE_CHECKING:
    from autograd_studio.gui.window.main_window import MainWindow

__all__ = ["SCRIPT_FILTER", "ScriptExport"]

SCRIPT_FILTER = QT_TRANSLATE_NOOP("ScriptExport", "Python scripts (*.py);;All files (*)")
_EXPORT_TITLES = {
    "python": QT_TRANSLATE_NOOP("ScriptExport", "Export Python script"),
    "torch": QT_TRANSLATE_NOOP("ScriptExport", "Export PyTorch script"),
}


class ScriptExport(QObject):
    """Runs File > Export > Python/PyTorch Script for one :class:`MainWindow`."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        actions = window.actions
        actions.export_python.triggered.connect(lambda: self.export_script("python"))
        actions.export_torch.triggered.connect(lambda: self.export_script("torch"))

    def export_script(self, target: str) -> str | None:
        """Ask where (through the dialog seam) and write the script of *target* (``python``
        or ``torch``); returns the path written, or ``None`` (cancelled, or an error shown)."""
        window = self.window
        title = self.tr(_EXPORT_TITLES[target])
        try:
            source = EXPORTERS[target](window.session.document)
        except CodegenError as exc:
            window.dialogs.error(
                title, self.tr("The graph cannot become a script: {0}.").format(exc)
            )
            return None
        stem = Path(window.session.path).stem if window.session.path else "graph"
        suffix = "_torch.py" if target == "torch" else ".py"
        directory = (
            str(Path(window.session.path).parent)
            if window.session.path
            else window.settings.last_directory()
        )
        suggested = os.path.join(directory, stem + suffix)
        path = window.dialogs.export_path(title, suggested, self.tr(SCRIPT_FILTER))
        if not path:
            return None
        try:
            write_output(path, source.encode("utf-8"))
        except OSError as exc:
            message = self.tr("Cannot write {0}: {1}").format(path, exc.strerror or exc)
            window.dialogs.error(title, message)
            return None
        window.statusBar().showMessage(
            self.tr("Wrote {0}: run it with python {1}").format(path, Path(path).name), 8000
        )
        return path

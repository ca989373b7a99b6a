"""Restarting the editor, so a new interface language reaches every text of the window."""

from __future__ import annotations

import sys

from PySide6.QtCore import QProcess
from PySide6.QtWidgets import QMainWindow

__all__ = ["restart_editor"]


def restart_editor(window: QMainWindow, path: str | None = None) -> bool:
    """Close *window* (its unsaved-changes prompt may cancel) and start the editor again
    on *path*; whether it restarted."""
    if not window.close():
        return False
    QProcess.startDetached(sys.executable, ["-m", "autograd_studio", *([path] if path else [])])
    return True

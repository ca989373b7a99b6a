"""Starting the editor: the QApplication, its names and icon, and the event loop."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from autograd_studio.gui.window.settings import APP_NAME, ORGANIZATION

__all__ = ["ensure_app", "run_editor"]


def ensure_app() -> QApplication:
    """The running QApplication, or a new one set up for Autograd Studio.

    An existing application (a notebook's, a test's) is reused as it is, apart from the
    window icon; a new one gets the names QSettings files its settings under and the
    Fusion style with a palette that follows the system's light or dark scheme, and the
    interface language chosen in View > Language (the system's until one is chosen).
    """
    from autograd_studio.gui.look.appearance import apply_appearance
    from autograd_studio.gui.look.icons import app_icon
    from autograd_studio.gui.look.language import install_language
    from autograd_studio.gui.window.settings import StudioSettings

    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setOrganizationName(ORGANIZATION)
        app.setApplicationName(APP_NAME)
        app.setApplicationDisplayName(APP_NAME)
        app.setDesktopFileName("autograd-studio")
        apply_appearance(app)
        install_language(StudioSettings().language())
    assert isinstance(app, QApplication)
    app.setWindowIcon(app_icon())
    return app


def run_editor(path: str | None = None) -> int:
    """Open the editor (on *path* when given), run until its window closes; exit status.

    A file that cannot be opened is reported in a message box over an empty editor.
    """
    app = ensure_app()
    from autograd_studio.gui.features.autosave import offer_recovery
    from autograd_studio.gui.window.main_window import MainWindow

    window = MainWindow()
    window.show()
    offer_recovery(window)  # unsaved work a crash left behind, before the file asked for
    if path:
        window.open_file(path)
    return app.exec()

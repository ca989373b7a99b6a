"""Light and dark application palettes that follow the system's colour scheme.

Qt reports the system scheme through ``QStyleHints.colorScheme()``.  The Fusion style
looks the same everywhere and takes any palette, so the editor uses it and installs a calm
dark palette when the system is dark, the platform's own palette otherwise.
``AUTOGRAD_STUDIO_THEME=dark`` (or ``light``) overrides the system, e.g. for screenshots.
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

__all__ = [
    "THEMES",
    "apply_appearance",
    "dark_palette",
    "set_theme_choice",
    "theme_choice",
    "wanted_scheme",
]

THEME_ENV = "AUTOGRAD_STUDIO_THEME"
#: What View > Theme offers: follow the system, or always light, or always dark.
THEMES = ("system", "light", "dark")
_choice = "system"


def theme_choice() -> str:
    """The theme chosen in View > Theme (``"system"`` until one is chosen)."""
    return _choice


def set_theme_choice(choice: str) -> None:
    """Use *choice* (one of :data:`THEMES`) from now on and repaint the application."""
    global _choice
    _choice = choice if choice in THEMES else "system"
    app = QApplication.instance()
    if isinstance(app, QApplication):
        _apply_palette(app)


def wanted_scheme() -> str:
    """``"dark"`` or ``"light"``: the environment override, else the user's choice in View >
    Theme, else the system's scheme."""
    forced = os.environ.get(THEME_ENV, "").strip().lower()
    if forced in ("dark", "light"):
        return forced
    if _choice in ("dark", "light"):
        return _choice
    if QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark:
        return "dark"
    return "light"


def dark_palette() -> QPalette:
    """A dark palette in the canvas's dark colours."""
    role = QPalette.ColorRole
    palette = QPalette()
    colors = {
        role.Window: "#23272e",
        role.WindowText: "#e6e8eb",
        role.Base: "#1b1e23",
        role.AlternateBase: "#262a31",
        role.ToolTipBase: "#2d323a",
        role.ToolTipText: "#e6e8eb",
        role.PlaceholderText: "#8a919c",
        role.Text: "#e6e8eb",
        role.Button: "#2b3038",
        role.ButtonText: "#e6e8eb",
        role.BrightText: "#ff6b6b",
        role.Light: "#3a404a",
        role.Midlight: "#323741",
        role.Mid: "#2a2f37",
        role.Dark: "#16191d",
        role.Shadow: "#0b0c0e",
        role.Highlight: "#2f6fdb",
        role.HighlightedText: "#ffffff",
        role.Link: "#6ea8ff",
        role.LinkVisited: "#b392f0",
    }
    for color_role, spec in colors.items():
        palette.setColor(color_role, QColor(spec))
    disabled = QPalette.ColorGroup.Disabled
    for color_role in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(disabled, color_role, QColor("#6b717c"))
    palette.setColor(disabled, role.Highlight, QColor("#3a404a"))
    return palette


def apply_appearance(app: QApplication) -> None:
    """Fusion style with the palette of the current scheme; re-applied when it changes."""
    app.setStyle("Fusion")
    _apply_palette(app)
    if not app.property("autogradStudioAppearance"):
        app.setProperty("autogradStudioAppearance", True)
        QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _s: _apply_palette(app))


def _apply_palette(app: QApplication) -> None:
    if wanted_scheme() == "dark":
        app.setPalette(dark_palette())
    else:
        app.setPalette(app.style().standardPalette())

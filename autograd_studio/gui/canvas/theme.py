"""Colours of the canvas (and anything else that wants to match it) for light and dark.

The theme follows the system: :func:`current_theme` picks dark when the application
palette's window colour is dark (the palette follows the system colour scheme, and any
palette the application installs).  Items never hard-code
colours; they read the :class:`Theme` the scene hands them, so switching palettes is one
repaint.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QGuiApplication, QPalette

__all__ = ["DARK", "LIGHT", "Theme", "current_theme", "is_dark_palette", "opaque"]


@dataclass(frozen=True)
class Theme:
    """Every colour the canvas paints with.  ``name`` is ``"light"`` or ``"dark"``."""

    name: str
    background: QColor
    grid: QColor
    card: QColor  # node body
    card_border: QColor
    text: QColor
    muted: QColor  # captions ("data", "grad"), port names
    stale: QColor  # grads computed before the latest edit
    input_tint: QColor  # header of input nodes
    weight_tint: QColor  # header of weight nodes (trainable)
    op_tint: QColor  # symbol disk of op nodes
    on_tint: QColor  # text drawn on a tint
    edge: QColor
    edge_hover: QColor
    accent: QColor  # selection, live connection
    output: QColor  # the output node's ring and tag
    problem: QColor  # badges, refused targets
    valid: QColor  # connection targets that accept
    port: QColor
    port_border: QColor
    overview_edge: QColor  # edges when zoomed far out

    def kind_tint(self, kind: str) -> QColor:
        """The tint that identifies *kind* (``input``, ``weight`` or ``op``)."""
        if kind == "input":
            return self.input_tint
        if kind == "weight":
            return self.weight_tint
        return self.op_tint


def _c(spec: str, alpha: int = 255) -> QColor:
    color = QColor(spec)
    color.setAlpha(alpha)
    return color


LIGHT = Theme(
    name="light",
    background=_c("#f6f7f9"),
    grid=_c("#d5d9e0"),
    card=_c("#ffffff"),
    card_border=_c("#c9ced6"),
    text=_c("#1f2328"),
    muted=_c("#6b7280"),
    stale=_c("#a8adb5"),
    input_tint=_c("#2f6fdb"),
    weight_tint=_c("#d9730d"),
    op_tint=_c("#7c4dcc"),
    on_tint=_c("#ffffff"),
    edge=_c("#8a93a3"),
    edge_hover=_c("#2f6fdb"),
    accent=_c("#2f81f7"),
    output=_c("#1a9b50"),
    problem=_c("#d1242f"),
    valid=_c("#1a9b50"),
    port=_c("#ffffff"),
    port_border=_c("#7d8593"),
    overview_edge=_c("#9aa3b2", 150),
)

DARK = Theme(
    name="dark",
    background=_c("#1b1e23"),
    grid=_c("#2d323a"),
    card=_c("#262a31"),
    card_border=_c("#3d434d"),
    text=_c("#e6e8eb"),
    muted=_c("#9aa1ad"),
    stale=_c("#5f6672"),
    input_tint=_c("#3d7fe0"),
    weight_tint=_c("#d77a1e"),
    op_tint=_c("#8b63d6"),
    on_tint=_c("#ffffff"),
    edge=_c("#6f7888"),
    edge_hover=_c("#6ea8ff"),
    accent=_c("#4c9aff"),
    output=_c("#3fb96b"),
    problem=_c("#f0545c"),
    valid=_c("#3fb96b"),
    port=_c("#2d323a"),
    port_border=_c("#8d95a3"),
    overview_edge=_c("#5d6675", 160),
)


def is_dark_palette(palette: QPalette | None = None) -> bool:
    """Whether *palette* (default: the application's) is dark, judged by its window colour.

    The palette, not ``QStyleHints.colorScheme()``, is what the user sees: it follows the
    system scheme and also any palette the application installs (a forced dark theme).
    """
    if palette is None:
        palette = QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def current_theme(palette: QPalette | None = None) -> Theme:
    """The theme that matches the system (or *palette*)."""
    return DARK if is_dark_palette(palette) else LIGHT


def opaque(color: QColor, background: QColor) -> QColor:
    """*color* as it shows over *background*, without its alpha: thousands of lines drawn
    opaque cost half what alpha blending them does."""
    a = color.alphaF()
    return QColor.fromRgbF(
        color.redF() * a + background.redF() * (1 - a),
        color.greenF() * a + background.greenF() * (1 - a),
        color.blueF() * a + background.blueF() * (1 - a),
    )

"""Painted icons are drawn once per size, mode and ink, and again in a new palette."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette

from autograd_studio.gui.look.icons import PaintedIconEngine


def test_an_icon_is_drawn_once_per_size_and_again_when_the_ink_changes(qtbot):
    inks: list[str] = []

    def draw(painter, ink: QColor) -> None:
        inks.append(ink.name())
        painter.fillRect(4, 4, 16, 16, ink)

    icon = QIcon(PaintedIconEngine(draw))
    first = icon.pixmap(QSize(24, 24)).toImage()
    again = icon.pixmap(QSize(24, 24)).toImage()
    assert len(inks) == 1 and again == first  # the second repaint copies the first picture
    icon.pixmap(QSize(48, 48))
    assert len(inks) == 2  # another size is drawn at that size
    app = QGuiApplication.instance()
    palette = app.palette()
    try:
        changed = QPalette(palette)
        changed.setColor(QPalette.ColorRole.WindowText, QColor("#ff0000"))
        app.setPalette(changed)
        red = icon.pixmap(QSize(24, 24)).toImage()
        assert inks[-1] == "#ff0000"  # a light/dark switch: drawn again in the new ink
        assert red.pixelColor(12, 12) == QColor("#ff0000")
    finally:
        app.setPalette(palette)

"""Gradient Flow keeps out of the way and readable: the legend folds with a click, and the
names on faded zero-grad nodes keep their contrast in both themes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from autograd_studio.gui.canvas.node_geometry import HEADER, NODE_WIDTH
from autograd_studio.gui.canvas.theme import DARK, LIGHT
from tests.gui.backward_support import CTRL, open_window, press


def test_a_click_folds_the_legend_off_the_graph_and_back(qtbot, tmp_path):
    window, _ = open_window(qtbot, tmp_path, "neuron-dead")
    press(window, Qt.Key.Key_B, CTRL)
    press(window, Qt.Key.Key_G, CTRL)
    legend = window.backward_tools.flow.legend
    qtbot.waitUntil(legend.isVisible, timeout=2000)
    tall, wide = legend.height(), legend.width()
    QTest.mouseClick(legend, Qt.MouseButton.LeftButton, pos=QPoint(20, 12))
    assert legend.collapsed and legend.height() < tall / 3 and legend.width() < wide
    assert legend.y() + legend.height() <= window.view.height()  # still in its corner
    QTest.mouseClick(legend, Qt.MouseButton.LeftButton, pos=QPoint(20, 12))
    assert not legend.collapsed and legend.height() == tall


def header(item, theme, label: str) -> QImage:
    """The item's header as painted, faded, with *label* as its name."""
    item.theme = theme
    item.set_label(label)
    image = QImage(int(NODE_WIDTH), int(HEADER), QImage.Format.Format_ARGB32)
    image.fill(theme.background)
    painter = QPainter(image)
    painter.setOpacity(item.opacity())  # as the scene hands it to paint()
    item.paint(painter, QStyleOptionGraphicsItem(), None)
    painter.end()
    return image


def contrast(a: QImage, b: QImage) -> int:
    """The biggest difference in lightness between two pictures of the same size."""
    return max(
        abs(QColor(a.pixel(x, y)).lightness() - QColor(b.pixel(x, y)).lightness())
        for x in range(a.width())
        for y in range(a.height())
    )


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_faded_names_stay_readable_in_both_themes(qtbot, tmp_path, theme):
    window, _ = open_window(qtbot, tmp_path, "neuron-dead")
    press(window, Qt.Key.Key_B, CTRL)
    press(window, Qt.Key.Key_G, CTRL)
    item = window.view.node_item("w1")
    qtbot.waitUntil(lambda: item.opacity() < 1.0, timeout=2000)  # w1's grad is exactly 0
    named, blank = header(item, theme, "w1"), header(item, theme, "")
    assert contrast(named, blank) >= 110, "the name all but vanishes on the faded header"

"""View > Theme: System, Light or Dark, applied at once and remembered."""

from __future__ import annotations

import pytest

from autograd_studio.gui.canvas.theme import DARK, LIGHT
from autograd_studio.gui.look.appearance import set_theme_choice
from autograd_studio.gui.window.settings import StudioSettings
from tests.gui.window_support import make_window


@pytest.fixture
def system_theme_after():
    yield
    set_theme_choice("system")  # the choice is the application's: leave it as found


def menu_texts(window, name: str) -> list[str]:
    menu = window.findChild(type(window.menuBar().actions()[0].menu()), name)
    return [action.text().replace("&", "") for action in menu.actions()]


def test_dark_is_applied_at_once_and_remembered(qtbot, tmp_path, system_theme_after):
    window, _ = make_window(qtbot, tmp_path)
    assert menu_texts(window, "themeMenu") == ["System", "Light", "Dark"]
    assert window.actions.theme_system.isChecked()
    window.actions.theme_dark.trigger()  # as the menu does
    qtbot.waitUntil(lambda: window.view.graph_scene.theme is DARK, timeout=2000)
    assert window.actions.theme_dark.isChecked() and not window.actions.theme_system.isChecked()
    assert StudioSettings.at_path(tmp_path / "settings.ini").theme() == "dark"
    window.actions.theme_light.trigger()
    qtbot.waitUntil(lambda: window.view.graph_scene.theme is LIGHT, timeout=2000)
    window.actions.theme_dark.trigger()
    window.close()
    set_theme_choice("system")  # as a fresh start would be
    again, _ = make_window(qtbot, tmp_path)  # the same settings file
    assert again.actions.theme_dark.isChecked()
    qtbot.waitUntil(lambda: again.view.graph_scene.theme is DARK, timeout=2000)

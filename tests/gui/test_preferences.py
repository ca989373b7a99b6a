"""Edit > Preferences: the file size limit and the autosave interval, typed into the dialog
with real keys; the environment's values win and the dialog says so."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from autograd_studio.graph.inputfile import MAX_FILE_ENV
from autograd_studio.gui.features.autosave import AUTOSAVE_ENV
from tests.gui.window_support import make_window, neuron_document

WAIT = 5000


@pytest.fixture(autouse=True)
def no_environment(monkeypatch):
    monkeypatch.delenv(MAX_FILE_ENV, raising=False)
    monkeypatch.delenv(AUTOSAVE_ENV, raising=False)


def open_preferences(qtbot, window):
    window.actions.preferences.trigger()
    dialog = window.preferences_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    return dialog


def type_into(qtbot, spin, text: str) -> None:
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), text)


def press_ok(qtbot, dialog) -> None:
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)


def test_the_file_size_limit_is_a_preference_open_obeys(qtbot, tmp_path):
    window, dialogs = make_window(qtbot, tmp_path)
    big = tmp_path / "big.agraph"
    big.write_bytes(b" " * (2 * 1024 * 1024))  # 2 MB: fine under the default limit
    assert not window.open_file(big)
    assert "too big" not in dialogs.errors[-1][1]
    dialog = open_preferences(qtbot, window)
    assert dialog.max_file.value() == 512 and dialog.max_file.isEnabled()
    type_into(qtbot, dialog.max_file, "1")
    press_ok(qtbot, dialog)
    assert window.settings.max_file_mb() == 1
    assert not window.open_file(big)
    assert "too big" in dialogs.errors[-1][1] and "1.0 MB" in dialogs.errors[-1][1]


def test_the_environment_wins_and_the_dialog_says_so(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv(MAX_FILE_ENV, "3")
    window, _dialogs = make_window(qtbot, tmp_path)
    window.settings.set_max_file_mb(100)
    dialog = open_preferences(qtbot, window)
    assert not dialog.max_file.isEnabled() and dialog.max_file.value() == 3
    assert MAX_FILE_ENV in dialog.max_file_note.text() and dialog.max_file_note.isVisible()
    assert dialog.autosave.isEnabled() and not dialog.autosave_note.isVisible()
    press_ok(qtbot, dialog)
    assert window.settings.max_file_mb() == 100  # the stored preference is untouched
    assert window.max_file_bytes() == 3 * 1024 * 1024


def test_the_autosave_interval_applies_at_once_in_every_window(qtbot, tmp_path):
    window, _dialogs = make_window(qtbot, tmp_path, neuron_document())
    other = window.new_window()  # File > New Window: same settings
    qtbot.addWidget(other)
    assert window.autosaver.seconds == 30 and other.autosaver.seconds == 30
    dialog = open_preferences(qtbot, window)
    type_into(qtbot, dialog.autosave, "7")
    press_ok(qtbot, dialog)
    assert window.settings.autosave_seconds() == 7.0
    assert window.autosaver.seconds == 7.0 and other.autosaver.seconds == 7.0


def test_cancel_and_restore_defaults(qtbot, tmp_path):
    window, _dialogs = make_window(qtbot, tmp_path)
    window.settings.set_max_file_mb(64)
    dialog = open_preferences(qtbot, window)
    type_into(qtbot, dialog.max_file, "9")
    QTest.keyClick(dialog, Qt.Key.Key_Escape)  # Cancel
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    assert window.settings.max_file_mb() == 64
    dialog = open_preferences(qtbot, window)
    assert dialog.max_file.value() == 64  # shows what is stored, not what was typed
    defaults = dialog.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
    qtbot.mouseClick(defaults, Qt.MouseButton.LeftButton)
    press_ok(qtbot, dialog)
    assert window.settings.max_file_mb() == 512

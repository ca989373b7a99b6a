"""The real dialog seam maps the message box's buttons to its answers.

The box is answered by a timer that clicks the button, with a second timer that closes
any modal left over, so a broken mapping fails the test instead of hanging it.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from autograd_studio.gui.window.dialogs import QtDialogs


def _answer_the_box_with(button: QMessageBox.StandardButton) -> list[str]:
    seen: list[str] = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.button(button).click()

    def rescue() -> None:
        box = QApplication.activeModalWidget()
        if box is not None:
            box.reject()

    QTimer.singleShot(50, click)
    QTimer.singleShot(3000, rescue)
    return seen


@pytest.mark.parametrize(
    ("button", "answer"),
    [
        (QMessageBox.StandardButton.Save, "save"),
        (QMessageBox.StandardButton.Discard, "discard"),
        (QMessageBox.StandardButton.Cancel, "cancel"),
    ],
)
def test_ask_save_changes_maps_each_button(qtbot, button, answer):
    seen = _answer_the_box_with(button)
    assert QtDialogs().ask_save_changes("neuron.agraph") == answer
    assert "neuron.agraph" in seen[0]


def test_error_shows_a_warning_and_returns(qtbot):
    seen = _answer_the_box_with(QMessageBox.StandardButton.Ok)
    QtDialogs().error("Cannot open the file", "x.agraph: $.nodes: expected a list")
    assert seen == ["x.agraph: $.nodes: expected a list"]


@pytest.mark.parametrize(
    ("label", "answer"),
    [("Reload", "reload"), ("Save As…", "save_as"), ("Keep Mine", "keep"), (None, "keep")],
)
def test_ask_reload_changed_maps_each_button_and_closing_keeps_mine(qtbot, label, answer):
    seen: list[str] = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            if label is None:
                box.reject()  # Esc, or the window's close button
            else:
                next(button for button in box.buttons() if button.text() == label).click()

    def rescue() -> None:
        box = QApplication.activeModalWidget()
        if box is not None:
            box.reject()

    QTimer.singleShot(50, click)
    QTimer.singleShot(3000, rescue)
    assert QtDialogs().ask_reload_changed("model.agraph") == answer
    assert "model.agraph" in seen[0]

"""Helpers for the tests of the step-through backward, gradient flow, gradient check,
backward semantics and code round trips: a window on an example, real key presses."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from autograd_studio.graph import GraphDocument, load
from autograd_studio.resources import examples_dir
from tests.gui.window_support import make_window

EXAMPLES = examples_dir()
NO_MOD = Qt.KeyboardModifier.NoModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def example(name: str) -> GraphDocument:
    return load(EXAMPLES / f"{name}.agraph")


def open_window(qtbot, tmp_path: Path, doc: GraphDocument | str):
    """A shown window on *doc* (or the example called *doc*) with the canvas focused."""
    if isinstance(doc, str):
        doc = example(doc)
    window, dialogs = make_window(qtbot, tmp_path, doc)
    window.activateWindow()  # window shortcuts (F10, Ctrl+B) fire in the active window only
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.view.setFocus()
    return window, dialogs


def press(window, key: Qt.Key, modifiers=NO_MOD) -> None:
    """A key press on the canvas, as a user would type it (window shortcuts included)."""
    QTest.keyClick(window.view.viewport(), key, modifiers)


def grad_texts(window) -> dict[str, str]:
    """Every node's grad as the canvas shows it."""
    return {nid: window.view.node_item(nid).grad_text() for nid in window.document.nodes}


def data_texts(window) -> dict[str, str]:
    return {nid: window.view.node_item(nid).data_text() for nid in window.document.nodes}

"""Shared helpers for the main-window, palette and inspector tests.

``ScriptedDialogs`` stands in for every modal dialog: answers are queued before the action
and every question is recorded, so a test never blocks and can check what was asked.
``make_window`` builds a MainWindow whose settings live in the test's temporary folder.
"""

from __future__ import annotations

from collections import deque
from pathlib import Path

from autograd_studio.graph.document import GraphDocument


class ScriptedDialogs:
    """The dialog seam with scripted answers; unexpected questions fail the test."""

    def __init__(self) -> None:
        self.open_paths: deque[str | None] = deque()
        self.save_paths: deque[str | None] = deque()
        self.export_paths: deque[str | None] = deque()
        self.csv_paths: deque[str | None] = deque()
        self.export_requests: list[tuple[str, str, str]] = []  # (title, suggested, filter)
        self.save_answers: deque[str] = deque()
        self.errors: list[tuple[str, str]] = []
        self.abouts: list[tuple[str, str]] = []
        self.asked: list[str] = []  # names of documents the save prompt asked about
        self.save_suggestions: list[str] = []
        self.restart_answers: deque[bool] = deque()
        self.restart_questions: list[str] = []  # the languages a restart was offered for
        self.recover_answers: deque[str] = deque()
        self.overwrite_answers: deque[str] = deque()
        self.overwrite_questions: list[str] = []  # files that changed on disk before a save
        self.recover_questions: list[str] = []  # the names recovery was offered for
        self.reload_answers: deque[str] = deque()
        self.reload_questions: list[str] = []  # files changed on disk while modified here

    def ask_reload_changed(self, name: str) -> str:
        self.reload_questions.append(name)
        assert self.reload_answers, f"{name} changed on disk but no reload answer was scripted"
        return self.reload_answers.popleft()

    def ask_overwrite_changed(self, name: str) -> str:
        self.overwrite_questions.append(name)
        assert self.overwrite_answers, f"{name} changed on disk but no answer was scripted"
        return self.overwrite_answers.popleft()

    def ask_recover(self, name: str, saved_at: float) -> str:
        self.recover_questions.append(name)
        assert self.recover_answers, f"recovery of {name} was offered but no answer scripted"
        return self.recover_answers.popleft()

    def open_path(self, directory: str = "") -> str | None:
        assert self.open_paths, "an Open dialog was shown but the test scripted no answer"
        return self.open_paths.popleft()

    def save_path(self, suggested: str = "") -> str | None:
        self.save_suggestions.append(suggested)
        assert self.save_paths, "a Save As dialog was shown but the test scripted no answer"
        return self.save_paths.popleft()

    def export_path(self, title: str, suggested: str = "", file_filter: str = "") -> str | None:
        self.export_requests.append((title, suggested, file_filter))
        assert self.export_paths, f"an export dialog ({title}) was shown but no answer scripted"
        return self.export_paths.popleft()

    def open_csv_path(self, directory: str = "") -> str | None:
        assert self.csv_paths, "an Import CSV dialog was shown but the test scripted no answer"
        return self.csv_paths.popleft()

    def ask_save_changes(self, name: str) -> str:
        self.asked.append(name)
        assert self.save_answers, f"asked to save {name!r} but the test scripted no answer"
        return self.save_answers.popleft()

    def error(self, title: str, text: str) -> None:
        self.errors.append((title, text))

    def about(self, title: str, text: str) -> None:
        self.abouts.append((title, text))

    def ask_restart(self, language: str) -> bool:
        self.restart_questions.append(language)
        assert self.restart_answers, f"asked to restart for {language!r} but no answer scripted"
        return self.restart_answers.popleft()


def neuron_document() -> GraphDocument:
    """The seed notebook's neuron y = relu(w1*x1 + w2*x2 + b), laid out left to right."""
    doc = GraphDocument()
    x1 = doc.add_node("input", label="x1", value=2.0, pos=(0, 0))
    w1 = doc.add_node("weight", label="w1", value=0.5, pos=(0, 110))
    x2 = doc.add_node("input", label="x2", value=3.0, pos=(0, 220))
    w2 = doc.add_node("weight", label="w2", value=-0.8, pos=(0, 330))
    b = doc.add_node("weight", label="b", value=0.1, pos=(220, 330))
    m1 = doc.add_node("op", op="mul", pos=(220, 50))
    m2 = doc.add_node("op", op="mul", pos=(220, 220))
    s1 = doc.add_node("op", op="add", pos=(440, 130))
    s2 = doc.add_node("op", op="add", pos=(620, 200))
    y = doc.add_node("op", op="relu", label="y", pos=(800, 200))
    doc.connect(w1, m1, 0)
    doc.connect(x1, m1, 1)
    doc.connect(w2, m2, 0)
    doc.connect(x2, m2, 1)
    doc.connect(m1, s1, 0)
    doc.connect(m2, s1, 1)
    doc.connect(s1, s2, 0)
    doc.connect(b, s2, 1)
    doc.connect(s2, y, 0)
    return doc


def make_window(qtbot, tmp_path: Path, document: GraphDocument | None = None, dialogs=None):
    """A shown MainWindow with isolated settings; returns (window, dialogs)."""
    from autograd_studio.gui import MainWindow
    from autograd_studio.gui.window.settings import StudioSettings

    dialogs = dialogs if dialogs is not None else ScriptedDialogs()
    settings = StudioSettings.at_path(tmp_path / "settings.ini")
    window = MainWindow(document, settings=settings, dialogs=dialogs)
    # Teardown closes the window: drop edits first so the close asks nothing.
    qtbot.addWidget(window, before_close_func=discard_changes)
    window.show()
    qtbot.waitExposed(window)
    return window, dialogs


def select(qtbot, window, ids: list[str]) -> None:
    """Select nodes on the canvas and wait until the window (inspector) has heard of it."""
    window.view.select_node_ids(ids)
    qtbot.waitUntil(lambda: window.inspector.selection == list(ids), timeout=2000)


def edit_value(qtbot, window, node_id: str, text: str) -> None:
    """Type *text* into the inspector's value field for *node_id* and press Enter."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    select(qtbot, window, [node_id])
    field = window.inspector.value_edit
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    QTest.keyClick(field, Qt.Key.Key_Return)


def discard_changes(window) -> None:
    """Let a test's teardown close a modified window without a scripted prompt."""
    window.undo_stack.setClean()

"""A big file opens on the worker thread: the window keeps answering, Cancel (button or
Esc) leaves the open graph as it was, and a failure ends in the error dialog."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from autograd_studio.graph import save
from autograd_studio.gui.editing.commands import SetValueCommand
from autograd_studio.gui.jobs.file_loader import LoadCancelled, read_file
from autograd_studio.layout import LayoutCancelled
from tests.gui.window_support import make_window, neuron_document

WAIT = 5000


class HeldRead:
    """A read that waits until the test lets it go (and notices a cancel meanwhile)."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.started = threading.Event()
        self.saw_cancel = False

    def __call__(self, path, max_bytes, cancel):
        self.started.set()
        while not self.release.wait(0.01):
            if cancel():
                self.saw_cancel = True
                raise LoadCancelled
        return read_file(path, max_bytes, cancel)


@pytest.fixture
def big(qtbot, tmp_path):
    """A window editing a modified graph, and a "big" file (every file is, here)."""
    mine = tmp_path / "mine.agraph"
    save(neuron_document(), mine)
    window, dialogs = make_window(qtbot, tmp_path)
    assert window.open_file(mine)  # small: opened at once
    window.session.push(SetValueCommand(window.document, "x1", 5.0))
    theirs = neuron_document()
    theirs.set_value("x1", 123.0)
    path = tmp_path / "big.agraph"
    save(theirs, path)
    window.file_loader.background_above = 0
    held = HeldRead()
    window.file_loader.read = held
    return window, dialogs, path, held


def test_a_big_file_loads_while_the_window_keeps_answering(qtbot, big):
    window, dialogs, path, held = big
    assert not window.open_file(path)  # not yet: it is loading
    progress = window.file_loader.progress
    assert progress.isVisible() and "big.agraph" in progress.label.text()
    assert held.started.wait(WAIT)
    zoom = window.view.zoom()
    window.view.setFocus()
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.view.zoom() > zoom  # the GUI thread is free
    dialogs.save_answers.append("discard")  # the unsaved edit: asked once the file is good
    held.release.set()
    qtbot.waitUntil(lambda: window.session.path == str(path.resolve()), timeout=WAIT)
    assert window.document.nodes["x1"].value == 123.0 and not window.session.is_modified
    assert not progress.isVisible() and dialogs.asked == ["mine.agraph"]


@pytest.mark.parametrize("how", ["button", "escape"])
def test_cancel_leaves_the_open_graph_untouched(qtbot, big, how):
    window, dialogs, path, held = big
    before, before_path = window.document, window.session.path
    window.open_file(path)
    assert held.started.wait(WAIT)
    progress = window.file_loader.progress
    if how == "button":
        qtbot.mouseClick(progress.cancel_button, Qt.MouseButton.LeftButton)
    else:
        window.view.setFocus()
        QTest.keyClick(window.view.viewport(), Qt.Key.Key_Escape)
    assert not progress.isVisible() and not window.file_loader.is_loading()
    qtbot.waitUntil(lambda: held.saw_cancel, timeout=WAIT)
    qtbot.waitUntil(lambda: not window.file_loader._finishing, timeout=WAIT)
    assert window.document is before and window.session.path == before_path
    assert window.document.nodes["x1"].value == 5.0 and window.session.is_modified
    assert dialogs.asked == [] and dialogs.errors == []
    assert "cancelled" in window.statusBar().currentMessage()


def test_a_cancelled_load_that_finishes_anyway_changes_nothing(qtbot, big):
    window, dialogs, path, held = big
    before = window.document
    window.file_loader.read = lambda p, m, cancel: (held.started.set(), read_file(p, m, cancel))[1]
    held.release.set()
    window.open_file(path)
    window.file_loader.cancel()  # the thread is deaf to it: its result must be dropped
    qtbot.waitUntil(lambda: not window.file_loader._finishing, timeout=WAIT)
    assert window.document is before and dialogs.asked == []


@pytest.mark.parametrize("failure", ["broken file", "MemoryError"])
def test_a_failing_big_file_ends_in_the_error_dialog(qtbot, big, failure):
    window, dialogs, path, held = big
    before = window.document
    if failure == "broken file":
        path.write_text('{"format": "autograd-studio-graph", "nodes": [', "utf-8")
        held.release.set()
    else:

        def out_of_memory(*_args):
            raise MemoryError("no room for 3.6 GB")

        window.file_loader.read = out_of_memory
    window.open_file(path)
    qtbot.waitUntil(lambda: bool(dialogs.errors), timeout=WAIT)
    ((title, text),) = dialogs.errors
    assert "big.agraph" in title + text
    if failure == "MemoryError":
        assert "MemoryError" in text and "unchanged" in text
    assert window.document is before and not window.file_loader.progress.isVisible()


def test_escape_stops_an_open_and_a_layout_that_run_together(qtbot, big):
    window, dialogs, path, held = big
    gate = threading.Event()

    def held_layout(graph, engine="auto", cancel=lambda: False, **_options):
        while not gate.wait(0.01):
            if cancel():
                raise LayoutCancelled("cancelled")
        raise AssertionError("the layout was never cancelled")

    layouts = window.layout_controller
    layouts.layout_function = held_layout
    assert layouts.start()
    window.open_file(path)
    assert held.started.wait(WAIT) and layouts.is_running()
    window.view.setFocus()
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_Escape)  # two shortcuts want it
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_Escape)
    assert not window.file_loader.is_loading()
    qtbot.waitUntil(lambda: not layouts.is_running(), timeout=WAIT)
    gate.set()
    assert window.document.nodes["x1"].value == 5.0 and dialogs.errors == []

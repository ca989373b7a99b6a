"""The open file changes on disk while the editor shows it: real writes to a real file,
noticed by the window's file watcher (reload with Undo, the question when both changed,
a deleted or broken file), and never the editor's own saves."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from autograd_studio.graph import load, save
from autograd_studio.graph.fileformat import dumps
from autograd_studio.gui.editing.commands import SetValueCommand
from autograd_studio.gui.jobs.file_loader import read_file
from tests.gui.window_support import make_window, neuron_document

WAIT = 5000


def theirs(value: float = 123.0):
    document = neuron_document()
    document.set_value("x1", value)
    document.metadata["description"] = "changed elsewhere"
    return document


def opened(qtbot, tmp_path):
    path = tmp_path / "model.agraph"
    save(neuron_document(), path)
    window, dialogs = make_window(qtbot, tmp_path)
    assert window.open_file(path)
    return window, dialogs, path


def x1(window) -> float:
    return window.document.nodes["x1"].value


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_an_unmodified_graph_reloads_keeping_the_view_and_undo_brings_it_back(qtbot, tmp_path):
    window, dialogs, path = opened(qtbot, tmp_path)
    view = window.view
    view.set_zoom(1.5)
    view.centerOn(300, 120)
    view.select_node_ids(["x1", "w2"])
    center = view.mapToScene(view.viewport().rect().center())
    save(theirs(), path)  # another program writes the file (a new file renamed over it)
    qtbot.waitUntil(lambda: x1(window) == 123.0, timeout=WAIT)
    assert window.document.metadata["description"] == "changed elsewhere"
    assert not window.session.is_modified
    bar = window.disk_watch.bar
    assert bar.isVisible() and "Reloaded" in bar.label.text() and "model.agraph" in bar.label.text()
    assert view.zoom() == pytest.approx(1.5)
    now = view.mapToScene(view.viewport().rect().center())
    assert abs(now.x() - center.x()) <= 1 and abs(now.y() - center.y()) <= 1  # a pixel
    assert sorted(view.selected_node_ids()) == ["w2", "x1"]
    assert dialogs.reload_questions == [] and dialogs.errors == []

    click(qtbot, bar.action_button)  # Undo Reload
    assert x1(window) == 2.0 and "description" not in window.document.metadata
    assert window.session.is_modified  # ours again, and the file says otherwise
    assert not bar.isVisible()
    assert load(path).nodes["x1"].value == 123.0  # the file was never touched


def test_each_of_several_writes_is_noticed_in_place_or_replaced(qtbot, tmp_path):
    window, _dialogs, path = opened(qtbot, tmp_path)
    for value, in_place in ((123.0, True), (4567.25, False), (8.5, True), (9.25, False)):
        if in_place:  # same inode: an editor that writes into the file
            with open(path, "w", encoding="utf-8") as file:
                file.write(dumps(theirs(value)))
        else:  # a new file renamed over it: the watcher drops the path, and must re-add it
            save(theirs(value), path)
        qtbot.waitUntil(lambda v=value: x1(window) == v, timeout=WAIT)
    assert window.disk_watch.watcher.files() == [str(path.resolve())]


def test_a_burst_of_writes_is_one_reload(qtbot, tmp_path):
    window, _dialogs, path = opened(qtbot, tmp_path)
    window.disk_watch.set_debounce(1500)  # far longer than the burst, however busy the machine
    replaced = []
    window.session.documentReplaced.connect(replaced.append)
    checks = []
    window.disk_watch.checked.connect(lambda: checks.append(x1(window)))
    for value in range(10, 16):  # an editor writing in steps, the event loop running between
        save(theirs(float(value)), path)
        qtbot.wait(10)
    qtbot.waitUntil(lambda: bool(checks), timeout=WAIT)
    assert checks == [15.0] and len(replaced) == 1


def test_the_editors_own_save_reloads_nothing(qtbot, tmp_path):
    window, dialogs, _path = opened(qtbot, tmp_path)
    window.session.push(SetValueCommand(window.document, "x1", 5.0))
    document = window.document
    with qtbot.waitSignal(window.disk_watch.checked, timeout=WAIT):
        assert window.save()
    assert window.document is document and window.undo_stack.count() == 1
    assert not window.disk_watch.bar.isVisible() and dialogs.reload_questions == []


def modified_then_changed(qtbot, tmp_path):
    window, dialogs, path = opened(qtbot, tmp_path)
    window.session.push(SetValueCommand(window.document, "x1", 5.0))  # mine
    activate(qtbot, window)  # the user is in the editor when the file changes
    return window, dialogs, path


def activate(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT)


def elsewhere(qtbot, tmp_path):
    """The user works in another window (the program that is saving the file)."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    other, _ = make_window(qtbot, folder)
    activate(qtbot, other)
    return other


def test_both_changed_reload_shows_theirs_and_undo_reload_gives_mine_back(qtbot, tmp_path):
    window, dialogs, path = modified_then_changed(qtbot, tmp_path)
    dialogs.reload_answers.append("reload")
    save(theirs(), path)
    qtbot.waitUntil(lambda: x1(window) == 123.0, timeout=WAIT)
    assert dialogs.reload_questions == ["model.agraph"]
    assert not window.session.is_modified
    click(qtbot, window.disk_watch.bar.action_button)
    assert x1(window) == 5.0 and window.session.is_modified


def test_both_changed_keep_mine_then_save_writes_mine_without_asking_again(qtbot, tmp_path):
    window, dialogs, path = modified_then_changed(qtbot, tmp_path)
    dialogs.reload_answers.append("keep")
    save(theirs(), path)
    qtbot.waitUntil(lambda: dialogs.reload_questions == ["model.agraph"], timeout=WAIT)
    assert x1(window) == 5.0 and window.session.is_modified
    assert load(path).nodes["x1"].value == 123.0
    assert window.save()
    assert dialogs.overwrite_questions == []  # answered already
    assert load(path).nodes["x1"].value == 5.0


def test_both_changed_save_as_keeps_both_files(qtbot, tmp_path):
    window, dialogs, path = modified_then_changed(qtbot, tmp_path)
    dialogs.reload_answers.append("save_as")
    mine = tmp_path / "mine.agraph"
    dialogs.save_paths.append(str(mine))
    save(theirs(), path)
    qtbot.waitUntil(lambda: window.session.path == str(mine.resolve()), timeout=WAIT)
    assert load(mine).nodes["x1"].value == 5.0 and load(path).nodes["x1"].value == 123.0
    assert not window.session.is_modified


def test_a_deleted_file_is_said_the_graph_stays_and_save_writes_it_again(qtbot, tmp_path):
    window, _dialogs, path = opened(qtbot, tmp_path)
    before = window.document.copy()
    path.unlink()
    bar = window.disk_watch.bar
    qtbot.waitUntil(lambda: bar.isVisible(), timeout=WAIT)
    assert "deleted or renamed" in bar.label.text()
    assert window.document == before and window.session.is_modified  # closing would ask
    click(qtbot, bar.action_button)  # Save
    assert load(path) == before and not window.session.is_modified
    assert not bar.isVisible()


def test_a_deleted_file_that_comes_back_is_reloaded(qtbot, tmp_path):
    window, _dialogs, path = opened(qtbot, tmp_path)
    path.unlink()
    qtbot.waitUntil(lambda: window.session.is_modified, timeout=WAIT)
    save(theirs(), path)  # git checkout writes it again
    qtbot.waitUntil(lambda: x1(window) == 123.0, timeout=WAIT)
    assert not window.session.is_modified


def test_a_file_that_became_unreadable_loses_nothing(qtbot, tmp_path):
    window, dialogs, path = opened(qtbot, tmp_path)
    before = window.document.copy()
    path.write_text('{"format": "autograd-studio-graph", "version": 2, "nodes": [', "utf-8")
    bar = window.disk_watch.bar
    qtbot.waitUntil(lambda: bar.kind == "unreadable", timeout=WAIT)
    assert "cannot be read" in bar.label.text() and "unchanged" in bar.label.text()
    assert window.document == before and window.session.is_modified
    assert dialogs.errors == []  # said in the bar, no dialog popping up from nowhere
    save(theirs(), path)  # the other program finishes its work
    qtbot.waitUntil(lambda: x1(window) == 123.0, timeout=WAIT)
    assert not window.session.is_modified and bar.kind == "reloaded"


def test_a_big_file_reloads_on_the_worker_thread(qtbot, tmp_path):
    window, _dialogs, path = opened(qtbot, tmp_path)
    window.file_loader.background_above = 0  # every file is big
    seen = []
    window.file_loader.read = lambda p, m, cancel: (seen.append(p), read_file(p, m, cancel))[1]
    save(theirs(), path)
    qtbot.waitUntil(lambda: x1(window) == 123.0, timeout=WAIT)
    assert seen == [str(path.resolve())] and window.disk_watch.bar.kind == "reloaded"


def test_the_question_waits_until_the_user_is_back_in_the_editor(qtbot, tmp_path):
    window, dialogs, path = opened(qtbot, tmp_path)
    window.session.push(SetValueCommand(window.document, "x1", 5.0))  # mine
    other, _ = make_window(
        qtbot, tmp_path / "elsewhere" if (tmp_path / "elsewhere").mkdir() is None else tmp_path
    )
    activate(qtbot, other)  # the user works in another window (the program saving the file)
    save(theirs(), path)
    bar = window.disk_watch.bar
    qtbot.waitUntil(lambda: bar.kind == "changed", timeout=WAIT)
    assert "unsaved changes" in bar.label.text() and dialogs.reload_questions == []
    dialogs.reload_answers.append("reload")
    activate(qtbot, window)  # back: now it asks
    qtbot.waitUntil(lambda: dialogs.reload_questions == ["model.agraph"], timeout=WAIT)
    assert x1(window) == 123.0


def test_choose_on_the_bar_asks_at_once(qtbot, tmp_path):
    window, dialogs, path = opened(qtbot, tmp_path)
    window.session.push(SetValueCommand(window.document, "x1", 5.0))
    elsewhere(qtbot, tmp_path)
    save(theirs(), path)
    bar = window.disk_watch.bar
    qtbot.waitUntil(lambda: bar.kind == "changed", timeout=WAIT)
    dialogs.reload_answers.append("keep")
    click(qtbot, bar.action_button)  # Choose…
    assert dialogs.reload_questions == ["model.agraph"] and not bar.isVisible()
    assert x1(window) == 5.0


def test_the_bar_follows_a_theme_change(qtbot, tmp_path):
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from autograd_studio.gui.look.appearance import set_theme_choice

    window, _dialogs, path = opened(qtbot, tmp_path)
    bar = window.disk_watch.bar
    save(theirs(), path)
    qtbot.waitUntil(lambda: bar.kind == "reloaded", timeout=WAIT)
    try:
        for theme in ("dark", "light"):
            window.actions[f"actionTheme{theme.title()}"].trigger()
            wanted = QApplication.palette().color(QPalette.ColorRole.ToolTipBase)
            qtbot.waitUntil(
                lambda w=wanted: bar.palette().color(bar.backgroundRole()) == w, timeout=WAIT
            )
            shot = bar.grab().toImage()
            assert shot.pixelColor(2, shot.height() // 2) == wanted  # painted so, not only set
    finally:
        set_theme_choice("system")  # the choice is the application's: leave it as found


def test_a_closed_window_watches_nothing(qtbot, tmp_path):
    window, dialogs, path = opened(qtbot, tmp_path)
    window.close()
    assert window.disk_watch.watcher.files() == [] and window.disk_watch.watcher.directories() == []
    save(theirs(), path)
    window.disk_watch.check()  # even a check already under way finds nothing to do
    assert x1(window) == 2.0 and dialogs.reload_questions == []

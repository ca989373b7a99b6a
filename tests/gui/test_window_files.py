"""Files in the main window: save/open round trip, bad files, the unsaved-changes prompt,
recent files, examples, dropping a file, the title's modified marker."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from autograd_studio.graph.fileformat import load, save
from autograd_studio.gui.editing.commands import SetValueCommand
from tests.gui.window_support import make_window, neuron_document


def edit(window, value: float = 7.0) -> None:
    """One undoable edit, as the canvas or inspector would make it."""
    window.undo_stack.push(SetValueCommand(window.document, "x1", value))


@pytest.fixture
def neuron_file(tmp_path) -> Path:
    path = tmp_path / "neuron.agraph"
    save(neuron_document(), path)
    return path


def test_save_as_then_reopen_gives_an_equal_document(qtbot, tmp_path):
    window, dialogs = make_window(qtbot, tmp_path, neuron_document())
    edit(window, 1.5)
    dialogs.save_paths.append(str(tmp_path / "mine"))  # no extension typed
    window.actions.save_as.trigger()
    saved = tmp_path / "mine.agraph"
    assert saved.is_file()
    assert window.current_path == str(saved.resolve())
    assert not window.is_modified
    expected = window.document.copy()

    other, other_dialogs = make_window(qtbot, tmp_path)
    other_dialogs.open_paths.append(str(saved))
    other.actions.open.trigger()
    assert other.document == expected
    assert other.document.nodes["x1"].value == 1.5
    assert other.windowTitle().startswith("mine.agraph")


def test_save_on_a_titled_document_writes_without_asking(qtbot, tmp_path, neuron_file):
    window, dialogs = make_window(qtbot, tmp_path)
    window.open_file(neuron_file)
    edit(window, 9.0)
    window.actions.save.trigger()
    assert dialogs.save_suggestions == []  # no Save As dialog
    assert load(neuron_file).nodes["x1"].value == 9.0


def test_title_shows_the_file_name_and_unsaved_changes(qtbot, tmp_path, neuron_file):
    window, _ = make_window(qtbot, tmp_path)
    assert window.windowTitle().startswith("Untitled")
    assert not window.isWindowModified()
    window.open_file(neuron_file)
    assert window.windowTitle().startswith("neuron.agraph")
    edit(window)
    assert window.isWindowModified()
    window.undo_stack.undo()  # back to the saved state: no longer modified
    assert not window.isWindowModified()


def test_a_bad_file_shows_the_error_and_leaves_the_document_alone(qtbot, tmp_path):
    bad = tmp_path / "broken.agraph"
    bad.write_text('{"format": "autograd-studio-graph", "version": 1, "nodes": [{"id": 3}]}')
    window, dialogs = make_window(qtbot, tmp_path, neuron_document())
    edit(window)
    before = window.document.copy()
    dialogs.open_paths.append(str(bad))
    window.actions.open.trigger()
    assert len(dialogs.errors) == 1
    title, text = dialogs.errors[0]
    assert "broken.agraph" in title
    # said in words for a person; the JSON path ($.nodes[0].id) is for the command line
    assert text.startswith("In node 1 ('id'): expected a node id") and "$" not in text
    assert window.document == before
    assert window.is_modified  # nothing was asked, nothing was lost
    assert dialogs.asked == []
    assert window.settings.recent_files() == []


def test_not_json_and_missing_files_are_errors_too(qtbot, tmp_path):
    window, dialogs = make_window(qtbot, tmp_path)
    junk = tmp_path / "junk.agraph"
    junk.write_bytes(b"\x00\xff not json")
    assert not window.open_file(junk)
    assert not window.open_file(tmp_path / "nowhere.agraph")
    assert len(dialogs.errors) == 2
    assert all("agraph" in title + text for title, text in dialogs.errors)
    assert all("$" not in text for _, text in dialogs.errors)


def test_save_to_an_unwritable_place_shows_the_error_and_keeps_the_edits(qtbot, tmp_path):
    window, dialogs = make_window(qtbot, tmp_path, neuron_document())
    edit(window, 3.25)
    dialogs.save_paths.append(str(tmp_path / "no-such-folder" / "x.agraph"))
    assert not window.save()
    assert dialogs.errors and "x.agraph" in dialogs.errors[0][1]
    assert window.is_modified and window.current_path is None
    assert window.document.nodes["x1"].value == 3.25


@pytest.mark.parametrize("answer", ["save", "discard", "cancel"])
def test_new_asks_about_unsaved_changes(qtbot, tmp_path, answer):
    window, dialogs = make_window(qtbot, tmp_path, neuron_document())
    edit(window, 5.0)
    dialogs.save_answers.append(answer)
    target = tmp_path / "kept.agraph"
    dialogs.save_paths.append(str(target))
    window.actions.new.trigger()
    assert dialogs.asked == ["Untitled"]
    if answer == "cancel":
        assert window.document.nodes["x1"].value == 5.0 and window.is_modified
        assert not target.exists()
    else:
        assert len(window.document.nodes) == 0 and not window.is_modified
        assert target.exists() == (answer == "save")
        if answer == "save":
            assert load(target).nodes["x1"].value == 5.0


def test_cancelling_the_save_as_of_the_prompt_keeps_everything(qtbot, tmp_path):
    window, dialogs = make_window(qtbot, tmp_path, neuron_document())
    edit(window)
    dialogs.save_answers.append("save")
    dialogs.save_paths.append(None)  # the user closes the Save As dialog
    window.actions.new.trigger()
    assert len(window.document.nodes) == 10 and window.is_modified


@pytest.mark.parametrize("answer", ["save", "discard", "cancel"])
def test_open_asks_about_unsaved_changes(qtbot, tmp_path, neuron_file, answer):
    window, dialogs = make_window(qtbot, tmp_path, neuron_document())
    edit(window, 11.0)
    dialogs.open_paths.append(str(neuron_file))
    dialogs.save_answers.append(answer)
    dialogs.save_paths.append(str(tmp_path / "first.agraph"))
    window.actions.open.trigger()
    if answer == "cancel":
        assert window.current_path is None and window.document.nodes["x1"].value == 11.0
    else:
        assert window.current_path == str(neuron_file.resolve())
        assert window.document.nodes["x1"].value == 2.0
        assert (tmp_path / "first.agraph").exists() == (answer == "save")


@pytest.mark.parametrize("answer", ["save", "discard", "cancel"])
def test_close_asks_about_unsaved_changes(qtbot, tmp_path, neuron_file, answer):
    window, dialogs = make_window(qtbot, tmp_path)
    window.open_file(neuron_file)
    edit(window, 13.0)
    dialogs.save_answers.append(answer)
    closed = window.close()
    assert closed == (answer != "cancel")
    assert window.isVisible() == (answer == "cancel")
    assert load(neuron_file).nodes["x1"].value == (13.0 if answer == "save" else 2.0)


def test_an_unmodified_window_closes_without_a_question(qtbot, tmp_path):
    window, dialogs = make_window(qtbot, tmp_path, neuron_document())
    assert window.close()
    assert dialogs.asked == []


def test_recent_files_list_most_recent_first_and_prune_missing_files(qtbot, tmp_path):
    window, dialogs = make_window(qtbot, tmp_path)
    paths = []
    for name in ("a", "b", "c"):
        path = tmp_path / f"{name}.agraph"
        save(neuron_document(), path)
        paths.append(path)
        window.open_file(path)
    recent = [action.data() for action in window.recent_actions()]
    assert recent == [str(p.resolve()) for p in reversed(paths)]
    # Reopening moves a file to the top without duplicating it.
    window.open_file(paths[0])
    assert next(a.data() for a in window.recent_actions()) == str(paths[0].resolve())
    assert len(window.recent_actions()) == 3
    # A file that disappeared is dropped from the list, with a message.
    os.remove(paths[1])
    gone = next(a for a in window.recent_actions() if a.data() == str(paths[1].resolve()))
    gone.trigger()
    assert dialogs.errors and "no longer exists" in dialogs.errors[-1][1]
    assert str(paths[1].resolve()) not in [a.data() for a in window.recent_actions()]
    # Clicking a live entry opens it.
    live = next(a for a in window.recent_actions() if a.data() == str(paths[2].resolve()))
    live.trigger()
    assert window.current_path == str(paths[2].resolve())
    # Remembered for the next window (same settings file).
    again, _ = make_window(qtbot, tmp_path)
    assert next(a.data() for a in again.recent_actions()) == str(paths[2].resolve())


def test_recent_files_are_capped(qtbot, tmp_path):
    from autograd_studio.gui.window.settings import MAX_RECENT

    window, _ = make_window(qtbot, tmp_path)
    for index in range(MAX_RECENT + 3):
        path = tmp_path / f"g{index}.agraph"
        save(neuron_document(), path)
        window.open_file(path)
    assert len(window.recent_actions()) == MAX_RECENT
    window.actions.clear_recent.trigger()
    assert window.recent_actions() == []


def _file_drop_events(path: Path, target, pos: QPointF):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(
        pos.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    drop = QDropEvent(
        pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    return mime, enter, drop


def test_dropping_an_agraph_file_on_the_window_opens_it(qtbot, tmp_path, neuron_file):
    window, _dialogs = make_window(qtbot, tmp_path)
    # Dropped on the canvas, which only wants palette entries: the window takes the file.
    viewport = window.view.viewport()
    _mime, enter, drop = _file_drop_events(neuron_file, viewport, QPointF(50, 50))
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(viewport, drop)
    qtbot.waitUntil(lambda: window.current_path == str(neuron_file.resolve()))
    assert window.document == load(neuron_file)


def test_dropping_a_file_asks_about_unsaved_changes(qtbot, tmp_path, neuron_file):
    window, dialogs = make_window(qtbot, tmp_path, neuron_document())
    edit(window, 6.0)
    dialogs.save_answers.append("cancel")
    _mime, enter, drop = _file_drop_events(neuron_file, window, QPointF(10, 10))
    QApplication.sendEvent(window, enter)
    QApplication.sendEvent(window, drop)
    qtbot.waitUntil(lambda: dialogs.asked == ["Untitled"])
    assert window.current_path is None and window.document.nodes["x1"].value == 6.0


def test_other_files_are_not_accepted(qtbot, tmp_path):
    window, _ = make_window(qtbot, tmp_path)
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    _mime, enter, _drop = _file_drop_events(other, window, QPointF(10, 10))
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()


def test_a_file_without_positions_opens_laid_out_and_unmodified(qtbot, tmp_path):
    path = tmp_path / "bare.agraph"
    path.write_text(
        '{"format": "autograd-studio-graph", "version": 1,'
        ' "nodes": [{"id": "x", "kind": "input", "value": 2.0},'
        '           {"id": "t", "kind": "op", "op": "tanh"}],'
        ' "edges": [{"from": "x", "to": "t", "port": 0}]}'
    )
    window, dialogs = make_window(qtbot, tmp_path)
    assert window.open_file(path), dialogs.errors
    nodes = window.document.nodes
    assert nodes["x"].pos is not None and nodes["t"].pos is not None
    assert nodes["x"].pos[0] < nodes["t"].pos[0]  # left to right
    assert not window.is_modified


@pytest.mark.parametrize(
    ("stored", "default", "expected"),
    [
        (True, False, True),
        ("true", False, True),
        ("1", False, True),
        ("false", True, False),
        ("0", True, False),
        ("maybe", True, True),
        ("maybe", False, False),
    ],
)
def test_one_parser_reads_every_stored_boolean(stored, default, expected):
    from autograd_studio.gui.window.settings import parse_flag

    assert parse_flag(stored, default) is expected


def test_typed_settings_round_trip_through_an_ini_file(tmp_path):
    from autograd_studio.gui.window.settings import StudioSettings

    settings = StudioSettings.at_path(tmp_path / "s.ini")
    assert (settings.layout_engine(), settings.animate_layout()) == ("auto", True)
    assert (settings.image_scale(), settings.transparent_export()) == (2, False)
    settings.set_layout_engine("layered")
    settings.set_animate_layout(False)
    settings.set_image_scale(4)
    settings.set_transparent_export(True)
    settings.sync()
    again = StudioSettings.at_path(tmp_path / "s.ini")
    assert (again.layout_engine(), again.animate_layout()) == ("layered", False)
    assert (again.image_scale(), again.transparent_export()) == (4, True)
    with pytest.raises(ValueError):
        again.set_layout_engine("neato")

"""Autosave and crash recovery: unsaved work reaches a recovery file after a short idle,
is offered back (Restore / Discard / Later) after a simulated crash, and recovery files
go away on save, discard and close."""

from __future__ import annotations

import json

import pytest

from autograd_studio.graph import load, save
from autograd_studio.gui.features import autosave
from autograd_studio.gui.features.autosave import offer_recovery, read_entries
from tests.gui.window_support import (
    ScriptedDialogs,
    discard_changes,
    make_window,
    neuron_document,
)


@pytest.fixture(autouse=True)
def quick_autosave(monkeypatch, tmp_path):
    monkeypatch.setenv(autosave.AUTOSAVE_ENV, "0.05")
    monkeypatch.setattr(autosave, "recovery_directory", lambda: tmp_path / "recovery")
    return tmp_path / "recovery"


def kill_9(window, tmp_path) -> None:
    """What a killed editor leaves: its recovery file, and no lock on it (the system lets
    go of a dead process's locks); nothing cleans up after it."""
    window.autosaver.release_lock()
    window.autosaver.file = tmp_path / "elsewhere"
    discard_changes(window)


def change(window, value: float = 7.0) -> None:
    from autograd_studio.gui.editing.commands import SetValueCommand

    window.session.push(SetValueCommand(window.document, "x1", value))


def test_an_idle_unsaved_document_is_written_to_a_recovery_file(qtbot, tmp_path):
    window, _dialogs = make_window(qtbot, tmp_path, neuron_document())
    assert not window.autosaver.file.exists()
    change(window)
    qtbot.waitUntil(window.autosaver.file.exists, timeout=3000)
    data = json.loads(window.autosaver.file.read_text())
    assert data["path"] is None and data["untitled_name"]
    from autograd_studio.graph.fileformat import loads

    assert loads(data["document"]) == window.document
    assert read_entries(window.autosaver.file.parent) == []  # this editor is running
    path = tmp_path / "saved.agraph"
    window.session.mark_saved(str(path))  # a save makes the recovery file pointless
    assert not window.autosaver.file.exists()


def test_recovery_after_a_crash_restores_document_path_and_modified_state(qtbot, tmp_path):
    original = tmp_path / "neuron.agraph"
    save(neuron_document(), original)
    crashed, _ = make_window(qtbot, tmp_path)
    assert crashed.open_file(original)
    change(crashed, 42.0)
    qtbot.waitUntil(crashed.autosaver.file.exists, timeout=3000)
    expected = crashed.document.copy()
    left_behind = crashed.autosaver.file
    kill_9(crashed, tmp_path)

    dialogs = ScriptedDialogs()
    dialogs.recover_answers.append("restore")
    window, _ = make_window(qtbot, tmp_path, dialogs=dialogs)
    (restored,) = offer_recovery(window)
    assert restored is window and dialogs.recover_questions == ["neuron.agraph"]
    assert window.document == expected and window.document.nodes["x1"].value == 42.0
    assert window.session.is_modified
    assert window.session.path == str(original.resolve())
    assert load(original).nodes["x1"].value != 42.0  # the file itself was never touched
    assert not left_behind.exists()  # adopted: the window's own recovery file holds it
    assert window.autosaver.file.exists()
    discard_changes(window)


@pytest.mark.parametrize("answer", ["discard", "later"])
def test_discard_removes_and_later_keeps_the_recovery_file(qtbot, tmp_path, answer):
    crashed, _ = make_window(qtbot, tmp_path, neuron_document())
    change(crashed)
    assert crashed.autosaver.save_now()
    left_behind = crashed.autosaver.file
    kill_9(crashed, tmp_path)
    dialogs = ScriptedDialogs()
    dialogs.recover_answers.append(answer)
    window, _ = make_window(qtbot, tmp_path, dialogs=dialogs)
    before = window.document.copy()
    assert offer_recovery(window) == []
    assert left_behind.exists() == (answer == "later")
    assert window.document == before and not window.session.is_modified


def test_closing_after_discarding_changes_leaves_no_recovery_file(qtbot, tmp_path):
    dialogs = ScriptedDialogs()
    window, _ = make_window(qtbot, tmp_path, neuron_document(), dialogs=dialogs)
    change(window)
    assert window.autosaver.save_now()
    dialogs.save_answers.append("discard")
    window.close()
    assert not window.autosaver.file.exists()
    assert list((tmp_path / "recovery").iterdir()) == []


def test_the_setting_and_the_environment_choose_the_interval(monkeypatch):
    monkeypatch.delenv(autosave.AUTOSAVE_ENV)
    assert autosave.autosave_seconds(None) == autosave.DEFAULT_SECONDS
    assert autosave.autosave_seconds(12.0) == 12.0
    monkeypatch.setenv(autosave.AUTOSAVE_ENV, "3")
    assert autosave.autosave_seconds(12.0) == 3.0


def test_a_running_editors_recovery_file_is_not_offered(qtbot, tmp_path):
    running, _ = make_window(qtbot, tmp_path, neuron_document())
    change(running)
    assert running.autosaver.save_now()
    window, dialogs = make_window(qtbot, tmp_path)  # a second editor starts meanwhile
    assert offer_recovery(window) == [] and dialogs.recover_questions == []
    assert running.autosaver.file.exists()  # still the running editor's
    kill_9(running, tmp_path)  # now it dies: its work is offered
    dialogs.recover_answers.append("later")
    offer_recovery(window)
    assert len(dialogs.recover_questions) == 1


def test_the_lock_tells_a_live_process_from_a_killed_one(tmp_path):
    import os
    import signal
    import subprocess
    import sys

    file = tmp_path / "abc.agraph-recovery"
    file.write_text("{}")
    holder = subprocess.Popen(
        [sys.executable, "-c", (
            "import fcntl, os, sys, time\n"
            "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX)\n"
            "print('locked', flush=True)\n"
            "time.sleep(120)\n"
        ), str(autosave.lock_file(file))],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "locked"
        assert autosave.is_live(file)
        assert read_entries(tmp_path) == []
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
        holder.stdout.close()
    assert not autosave.is_live(file)
    assert not autosave.is_live(tmp_path / "never-locked.agraph-recovery")

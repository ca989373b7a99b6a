"""Save never silently overwrites a file another program changed since it was read."""

from __future__ import annotations

import os

import pytest

from autograd_studio.graph import load, save
from autograd_studio.gui.editing.commands import SetValueCommand
from tests.gui.window_support import make_window, neuron_document


def opened(qtbot, tmp_path):
    path = tmp_path / "model.agraph"
    save(neuron_document(), path)
    window, dialogs = make_window(qtbot, tmp_path)
    assert window.open_file(path)
    window.session.push(SetValueCommand(window.document, "x1", 5.0))  # mine
    theirs = neuron_document()
    theirs.set_value("x1", 123.0)
    theirs.metadata["description"] = "changed elsewhere"
    save(theirs, path)  # another program
    stat = os.stat(path)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # a visibly later write
    return window, dialogs, path


def test_save_asks_and_cancel_keeps_the_other_programs_file(qtbot, tmp_path):
    window, dialogs, path = opened(qtbot, tmp_path)
    dialogs.overwrite_answers.append("cancel")
    assert not window.save()
    assert dialogs.overwrite_questions == ["model.agraph"]
    assert load(path).nodes["x1"].value == 123.0
    assert window.session.is_modified  # mine are still there


@pytest.mark.parametrize("answer", ["overwrite", "save_as"])
def test_overwrite_or_save_elsewhere(qtbot, tmp_path, answer):
    window, dialogs, path = opened(qtbot, tmp_path)
    dialogs.overwrite_answers.append(answer)
    other = tmp_path / "mine.agraph"
    dialogs.save_paths.append(str(other))
    assert window.save()
    target = path if answer == "overwrite" else other
    assert load(target).nodes["x1"].value == 5.0
    if answer == "save_as":
        assert load(path).nodes["x1"].value == 123.0  # theirs untouched
    dialogs.save_paths.clear()


def test_an_unchanged_file_saves_without_a_question(qtbot, tmp_path):
    path = tmp_path / "model.agraph"
    save(neuron_document(), path)
    window, dialogs = make_window(qtbot, tmp_path)
    assert window.open_file(path)
    window.session.push(SetValueCommand(window.document, "x1", 5.0))
    assert window.save() and window.save()  # the second save: our own write is known
    assert dialogs.overwrite_questions == []
    assert load(path).nodes["x1"].value == 5.0

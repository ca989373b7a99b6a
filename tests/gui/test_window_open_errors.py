"""Opening a file in the editor never ends in a traceback on stderr: every failure is a
dialog (through the dialogs seam), and the open document stays as it was."""

from __future__ import annotations

import os

import pytest

from autograd_studio.gui.window import files
from tests.gui.window_support import make_window, neuron_document


@pytest.mark.parametrize("text", ["NaN", "Infinity", "1e999", '{"a": ' * 800 + "1" + "}" * 800])
def test_a_file_the_reader_refuses_is_one_dialog(qtbot, tmp_path, text):
    path = tmp_path / "odd.agraph"
    path.write_text(text)
    window, dialogs = make_window(qtbot, tmp_path, neuron_document())
    before = window.document.copy()
    assert not window.open_file(path)
    assert len(dialogs.errors) == 1 and "odd.agraph" in dialogs.errors[0][0]
    assert window.document == before


def test_a_fifo_is_refused_without_freezing(qtbot, tmp_path):
    fifo = tmp_path / "pipe.agraph"
    os.mkfifo(fifo)
    window, dialogs = make_window(qtbot, tmp_path)
    assert not window.open_file(fifo)  # returns: the reader never waits for a writer
    assert "not a file" in dialogs.errors[0][1]


@pytest.mark.parametrize("error", [RuntimeError("a bug"), MemoryError(), RecursionError("deep")])
def test_any_exception_while_opening_ends_in_a_dialog(qtbot, tmp_path, monkeypatch, error):
    path = tmp_path / "fine.agraph"
    path.write_text("{}")

    def broken(*args, **kwargs):
        raise error

    monkeypatch.setattr(files, "load", broken)
    window, dialogs = make_window(qtbot, tmp_path, neuron_document())
    before = window.document.copy()
    assert not window.open_file(path)
    assert len(dialogs.errors) == 1
    title, text = dialogs.errors[0]
    assert "Cannot open" in title and type(error).__name__ in text and "unchanged" in text
    assert window.document == before

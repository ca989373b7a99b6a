"""The clipboard fragment format, and a process that copied nodes exits cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import QMimeData

from autograd_studio.graph.document import GraphDocument
from autograd_studio.gui.editing.clipboard import (
    FRAGMENT_MIME,
    FragmentError,
    fragment_from_mime,
    fragment_from_nodes,
    fragment_to_mime,
)


def test_fragment_round_trip_keeps_only_inner_edges():
    doc = GraphDocument()
    a = doc.add_node("input", label="a", value=1.5, pos=(0, 0))
    b = doc.add_node("input", label="b", value=2.0, pos=(0, 100))
    m = doc.add_node("op", op="div", pos=(200, 0))
    doc.connect(a, m, 0)
    doc.connect(b, m, 1)
    fragment = fragment_from_nodes(doc, [a, m])
    assert [n["id"] for n in fragment["nodes"]] == [a, m]
    assert fragment["edges"] == [{"from": a, "to": m, "port": 0}]
    mime = fragment_to_mime(fragment)
    assert mime.hasFormat(FRAGMENT_MIME) and mime.hasText()
    assert fragment_from_mime(mime) == fragment


def test_broken_fragments_say_what_is_wrong():
    mime = QMimeData()
    mime.setData(FRAGMENT_MIME, b"{not json")
    with pytest.raises(FragmentError, match="not valid JSON"):
        fragment_from_mime(mime)
    mime = QMimeData()
    mime.setText(
        '{"format": "autograd-studio-fragment", "version": 1, "nodes": '
        '[{"id": "a", "kind": "input", "value": 1}], '
        '"edges": [{"from": "a", "to": "zz", "port": 0}]}'
    )
    with pytest.raises(FragmentError, match="zz"):
        fragment_from_mime(mime)
    plain = QMimeData()
    plain.setText('{"format": "something else"}')
    assert fragment_from_mime(plain) is None


def test_a_process_that_copied_nodes_exits_cleanly():
    # Regression: a Python-made QMimeData left on the clipboard crashed the interpreter's
    # exit (the clipboard deletes it after Python has shut down).
    code = textwrap.dedent(
        """
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from autograd_studio.graph.document import GraphDocument
        from autograd_studio.gui.canvas.view import GraphView
        from autograd_studio.gui.editing.session import EditorSession
        doc = GraphDocument()
        doc.add_node("input", value=1.0, pos=(0, 0))
        view = GraphView(EditorSession(doc))
        view.select_all()
        assert view.copy_selection()
        print("copied")
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "copied" in done.stdout

"""The output stays where it is: adding an unrelated node neither moves it nor removes it,
it is written into the file, it can be changed, and the Gradient Check follows it."""

from __future__ import annotations

import json

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from autograd_studio.gui.editing.mime import node_mime_data
from tests.gui.backward_support import CTRL, SHIFT, open_window, press
from tests.gui.canvas_helpers import connect_by_mouse, drop_mime
from tests.gui.window_support import neuron_document, select


def test_dropping_an_unconnected_node_keeps_the_implied_output(qtbot, tmp_path):
    window, dialogs = open_window(qtbot, tmp_path, neuron_document())
    view, doc = window.view, window.document
    assert doc.explicit_output is None and doc.output == "y"  # implied: the only sink
    drop_mime(view, node_mime_data("input"), (100, 600))
    assert len(doc.nodes) == 11
    assert doc.output == "y" and doc.explicit_output == "y"
    assert view.node_item("y").is_output()
    assert view.banner_text() == ""
    out = tmp_path / "kept.agraph"
    dialogs.save_paths.append(str(out))
    press(window, Qt.Key.Key_S, CTRL)
    assert not dialogs.save_paths, "Ctrl+S asked for no file name"
    assert json.loads(out.read_text())["output"] == "y"
    press(window, Qt.Key.Key_Z, CTRL)  # undo the drop: the output is implied again
    assert len(doc.nodes) == 10 and doc.explicit_output is None and doc.output == "y"


def test_wiring_the_output_into_a_new_node_moves_the_output_along(qtbot, tmp_path):
    window, _ = open_window(qtbot, tmp_path, neuron_document())
    view, doc = window.view, window.document
    drop_mime(view, node_mime_data("op", "tanh"), (600, 420))
    tanh = next(nid for nid in doc.nodes if doc.nodes[nid].op == "tanh")
    assert doc.output == "y"  # the new tanh feeds nothing yet, but y stays the output
    connect_by_mouse(view, "y", tanh, 0)
    assert doc.output == tanh
    qtbot.waitUntil(view.node_item(tanh).is_output, timeout=2000)
    press(window, Qt.Key.Key_Z, CTRL)
    assert doc.output == "y"


def test_the_gradient_check_follows_the_output_without_run(qtbot, tmp_path):
    doc = neuron_document()
    doc.add_node("input", label="spare", value=1.0, pos=(0, 500))  # two sinks: no output
    window, _ = open_window(qtbot, tmp_path, doc)
    press(window, Qt.Key.Key_C, CTRL | SHIFT)
    panel = window.backward_tools.gradcheck_panel
    qtbot.waitUntil(lambda: not panel.is_running(), timeout=30_000)
    assert "Cannot check" in panel.summary.text()
    select(qtbot, window, ["y"])
    button = window.inspector.output_button
    QTest.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert doc.output == "y"
    qtbot.waitUntil(lambda: "Passed" in panel.summary.text(), timeout=30_000)


def test_a_lone_input_dropped_first_is_not_kept_as_the_output(qtbot, tmp_path):
    from autograd_studio.graph import GraphDocument

    window, _ = open_window(qtbot, tmp_path, GraphDocument())
    view, doc = window.view, window.document
    drop_mime(view, node_mime_data("input"), (0, 0))
    drop_mime(view, node_mime_data("weight"), (0, 150))
    assert doc.explicit_output is None and doc.output is None
    assert not any(view.node_item(nid).is_output() for nid in doc.nodes)

"""The inspector follows every change of the selected node, whoever makes it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from autograd_studio.graph import GraphDocument
from tests.gui.canvas_helpers import center, click, connect_by_mouse
from tests.gui.test_canvas_virtual import grid_graph
from tests.gui.window_support import make_window


def unwired() -> GraphDocument:
    doc = GraphDocument()
    doc.add_node("input", label="x", value=2.0, pos=(0, 0))
    doc.add_node("op", op="relu", pos=(260, 0))
    doc.add_node("op", op="tanh", pos=(260, 160))
    return doc


def test_wiring_the_selected_node_updates_its_inputs_and_output_button(qtbot, tmp_path):
    window, _ = make_window(qtbot, tmp_path, unwired())
    view, inspector = window.view, window.inspector
    click(view, center(view, "relu"))
    qtbot.waitUntil(lambda: inspector.node_id == "relu", timeout=2000)
    assert "a ← (none)" in inspector.inputs_label.text()
    connect_by_mouse(view, "x", "relu", 0)
    assert inspector.inputs_label.text() == "a ← x"
    assert inspector.title_label.text() == "relu(x)"
    assert inspector.output_button.isEnabled()  # tanh is a second sink: no output yet
    connect_by_mouse(view, "relu", "tanh", 0)  # relu now feeds tanh, the only sink
    qtbot.waitUntil(lambda: window.document.output == "tanh", timeout=2000)
    click(view, center(view, "tanh"))
    qtbot.waitUntil(lambda: inspector.node_id == "tanh", timeout=2000)
    qtbot.waitUntil(lambda: not inspector.output_button.isEnabled(), timeout=2000)
    assert inspector.output_button.text() == "This is the output"


def test_a_label_changed_upstream_renames_the_selected_op(qtbot, tmp_path):
    doc = unwired()
    doc.connect("x", "relu", 0)
    window, _ = make_window(qtbot, tmp_path, doc)
    click(window.view, center(window.view, "relu"))
    inspector = window.inspector
    qtbot.waitUntil(lambda: inspector.title_label.text() == "relu(x)", timeout=2000)
    window.document.set_label("x", "z")  # a script, or another panel
    qtbot.waitUntil(lambda: inspector.title_label.text() == "relu(z)", timeout=2000)
    assert inspector.inputs_label.text() == "a ← z"


def test_a_long_label_ends_in_an_ellipsis_in_the_title(qtbot, tmp_path):
    window, _ = make_window(qtbot, tmp_path, unwired())
    window.resize(1200, 800)
    click(window.view, center(window.view, "x"))
    inspector = window.inspector
    qtbot.waitUntil(lambda: inspector.node_id == "x", timeout=2000)
    field = inspector.label_edit
    field.setFocus()
    field.selectAll()
    QTest.keyClicks(field, "x_" * 60)
    QTest.keyClick(field, Qt.Key.Key_Return)
    title = inspector.title_label
    qtbot.waitUntil(lambda: title.text() == "x_" * 60, timeout=2000)
    assert title.shown_text().endswith("…") and title.toolTip() == "x_" * 60


def test_a_summary_follows_a_burst_of_changes_to_its_nodes_once(qtbot, tmp_path, monkeypatch):
    """Training writes every weight, a drag moves every selected node: with a thousand
    nodes summed up, the inspector goes through its selection once per burst, not once per
    event (a thousand times a thousand)."""
    doc, grid = grid_graph()
    window, _ = make_window(qtbot, tmp_path, doc)
    inspector = window.inspector
    inputs = grid[0]
    window.view.select_node_ids(inputs)
    qtbot.waitUntil(lambda: inspector.node_id is None and len(inspector._selected) == 60)
    walks = []
    prune = type(inspector)._prune
    monkeypatch.setattr(inspector, "_prune", lambda: (walks.append(1), prune(inspector)))
    for k, nid in enumerate(inputs):  # one event each, in one turn of the event loop
        doc.set_value(nid, 0.5 + k)
        doc.set_label(nid, f"x{k}")
    doc.remove_node(inputs[0])
    qtbot.wait(50)
    assert len(walks) == 1
    assert inspector._selected == set(inputs[1:])
    assert "59" in inspector.title_label.text()

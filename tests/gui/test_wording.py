"""Small words a first-time user reads: counts, shortcut lists, the History's first row,
and where the Save dialog starts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from autograd_studio.gui.editing.mime import node_mime_data
from autograd_studio.resources import examples_dir
from tests.gui.backward_support import CTRL, SHIFT, open_window, press
from tests.gui.canvas_helpers import drop_mime
from tests.gui.window_support import make_window

EXAMPLES = examples_dir()


def test_one_node_is_one_node_not_one_nodes(qtbot, tmp_path):
    window, _ = make_window(qtbot, tmp_path)
    drop_mime(window.view, node_mime_data("input"), (0, 0))
    qtbot.waitUntil(lambda: "1 node ·" in window.output_status.text(), timeout=2000)
    assert "0 edges" in window.output_status.text()
    assert "1 nodes" not in window.output_status.text()


def test_the_shortcut_list_shows_keys_a_keyboard_has(qtbot, tmp_path):
    window, _ = open_window(qtbot, tmp_path, "neuron-active")
    press(window, Qt.Key.Key_F1)
    table = window._shortcuts_dialog.table
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert rows["Cut"] == "Ctrl+X, Shift+Del"
    assert not any("F20" in keys or keys.endswith(", Cut") for keys in rows.values())
    window._shortcuts_dialog.close()


def test_history_starts_with_what_the_graph_was(qtbot, tmp_path):
    window, _ = make_window(qtbot, tmp_path)
    assert window.history_view.emptyLabel() == "New graph"
    assert window.open_file(EXAMPLES / "node-reuse.agraph")
    assert window.history_view.emptyLabel() == "Opened node-reuse.agraph"


def test_save_as_after_opening_an_example_starts_in_the_users_folder(qtbot, tmp_path):
    window, dialogs = open_window(qtbot, tmp_path, "neuron-active")
    assert window.open_file(EXAMPLES / "tanh-neuron.agraph")  # from inside the installation
    dialogs.save_paths.append(None)  # cancel the dialog
    press(window, Qt.Key.Key_S, CTRL | SHIFT)
    suggested = Path(dialogs.save_suggestions[-1])
    assert suggested.name == "tanh-neuron.agraph"
    assert suggested.parent.resolve() != EXAMPLES.resolve()

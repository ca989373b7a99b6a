"""Functions in the editor, driven with real mouse and key events: group, open, leave, edit
inside, make unique, ungroup, each one undo step."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolButton

from autograd_studio.graph.functions import FunctionDef
from tests.gui.canvas_helpers import center, click, double_click, drop_mime
from tests.gui.window_support import edit_value, make_window, neuron_document, select

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def key(window, k, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(window.view.viewport(), k, modifiers)


def click_crumb(window, name: str) -> None:
    button = window.function_tools.bar.widgetForAction(
        window.function_tools.bar.findChild(type(window.actions.group), name)
    )
    assert isinstance(button, QToolButton)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def group_by_mouse(qtbot, window, ids: list[str]) -> str:
    view = window.view
    click(view, center(view, ids[0]))
    for node_id in ids[1:]:
        click(view, center(view, node_id), CTRL)
    qtbot.waitUntil(lambda: sorted(view.selected_node_ids()) == sorted(ids), timeout=2000)
    qtbot.waitUntil(window.actions.group.isEnabled, timeout=2000)  # the window heard of it
    key(window, Qt.Key.Key_G, CTRL | ALT)
    (node,) = view.selected_node_ids()
    return node


def test_group_by_mouse_and_keyboard_keeps_the_numbers_and_undoes_in_one_step(qtbot, tmp_path):
    doc = neuron_document()
    window, _ = make_window(qtbot, tmp_path, doc)
    before = doc.to_dict()
    expected = doc.evaluate()
    node = group_by_mouse(qtbot, window, ["w1", "mul", "mul1", "add"])
    assert doc.nodes[node].function == "group"
    assert doc.nodes[node].ports == ("x1", "w2", "x2")
    assert window.view.node_item(node) is not None
    result = window.view.run_backward()
    for leaf in ["x1", "x2", "w2", "b"]:
        assert result.grad[leaf] == expected.grad[leaf]
    assert window.undo_stack.count() == 1
    key(window, Qt.Key.Key_Z, CTRL)
    assert doc.to_dict() == before
    key(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert doc.nodes[node].function == "group"


def test_a_selection_that_cannot_be_grouped_says_why_and_changes_nothing(qtbot, tmp_path):
    doc = neuron_document()
    window, dialogs = make_window(qtbot, tmp_path, doc)
    before = doc.to_dict()
    select(qtbot, window, ["mul", "add1"])  # add (between them) would feed the function
    qtbot.waitUntil(window.actions.group.isEnabled, timeout=2000)
    key(window, Qt.Key.Key_G, CTRL | ALT)
    ((title, text),) = dialogs.errors
    assert title == "Cannot group these nodes" and "feeds it too" in text
    assert doc.to_dict() == before and window.undo_stack.count() == 0


def test_double_click_opens_a_function_and_the_breadcrumb_leads_back(qtbot, tmp_path):
    doc = neuron_document()
    window, _ = make_window(qtbot, tmp_path, doc)
    node = group_by_mouse(qtbot, window, ["w1", "mul", "mul1", "add"])
    window.view.run_backward()
    outside = window.view.shown_results
    double_click(window.view, center(window.view, node))
    body = doc.function("group").body
    assert window.view.document is body and window.document is doc
    assert window.function_tools.bar.isVisible()
    inside = window.view.shown_results
    # inside: the instance's numbers (a port shows what feeds it)
    assert inside.data["x1"] == outside.data["x1"] and inside.grad["x1"] == outside.grad["x1"]
    assert inside.data["add"] == outside.data[node]
    assert window.view.node_item("mul").data_text() != "—"
    click_crumb(window, "breadcrumb0")
    assert window.view.document is doc and not window.function_tools.bar.isVisible()
    assert window.view.selected_node_ids() == [node]
    double_click(window.view, center(window.view, node))
    key(window, Qt.Key.Key_Up, ALT)
    assert window.view.document is doc


def test_editing_inside_changes_the_definition_and_one_undo_restores_it(qtbot, tmp_path):
    doc = neuron_document()
    window, _ = make_window(qtbot, tmp_path, doc)
    node = group_by_mouse(qtbot, window, ["w1", "mul", "mul1", "add"])
    y_before = doc.evaluate().data["y"]
    double_click(window.view, center(window.view, node))
    edit_value(qtbot, window, "w1", "2")
    body = doc.function("group").body
    qtbot.waitUntil(lambda: body.nodes["w1"].value == 2.0, timeout=2000)
    assert doc.evaluate().data["y"] != y_before  # the outside follows the definition
    key(window, Qt.Key.Key_Z, CTRL)
    assert body.nodes["w1"].value == 0.5 and doc.evaluate().data["y"] == y_before


def test_make_unique_detaches_one_instance(qtbot, tmp_path):
    doc = neuron_document()
    body = doc.copy()
    for nid in ["x1", "x2", "w1", "w2", "b", "mul", "mul1", "add", "add1", "y"]:
        doc.remove_node(nid)
    doc.add_function(FunctionDef("neuron", body, inputs=["x1", "x2"], outputs=["y"]))
    a = doc.add_node("input", id="a", value=1.0, pos=(0, 0))
    first = doc.add_node("function", function="neuron", id="n1", pos=(250, 0))
    second = doc.add_node("function", function="neuron", id="n2", pos=(250, 200))
    for n in (first, second):
        doc.connect(a, n, 0)
        doc.connect(a, n, 1)
    window, _ = make_window(qtbot, tmp_path, doc)
    click(window.view, center(window.view, second))
    qtbot.waitUntil(window.actions.make_unique.isEnabled, timeout=2000)
    window.actions.make_unique.trigger()
    copy = doc.nodes[second].function
    assert copy != "neuron" and doc.nodes[first].function == "neuron"
    double_click(window.view, center(window.view, second))
    assert window.view.document is doc.function(copy).body
    edit_value(qtbot, window, "w1", "3")
    qtbot.waitUntil(lambda: doc.function(copy).body.nodes["w1"].value == 3.0, timeout=2000)
    assert doc.function("neuron").body.nodes["w1"].value == 0.5
    key(window, Qt.Key.Key_Up, ALT)
    key(window, Qt.Key.Key_Z, CTRL)  # the edit inside
    key(window, Qt.Key.Key_Z, CTRL)  # make unique
    assert doc.nodes[second].function == "neuron" and copy not in doc.functions


def test_ungroup_puts_the_nodes_back_in_one_undo_step(qtbot, tmp_path):
    doc = neuron_document()
    window, _ = make_window(qtbot, tmp_path, doc)
    node = group_by_mouse(qtbot, window, ["w1", "mul", "mul1", "add"])
    grouped = doc.to_dict()
    qtbot.waitUntil(window.actions.ungroup.isEnabled, timeout=2000)
    key(window, Qt.Key.Key_G, CTRL | ALT | SHIFT)
    assert sorted(window.view.selected_node_ids()) == ["add", "mul", "mul1", "w1"]
    assert node not in doc.nodes and not doc.functions
    key(window, Qt.Key.Key_Z, CTRL)
    assert doc.to_dict() == grouped


def test_functions_in_this_file_drag_from_the_palette_onto_the_canvas(qtbot, tmp_path):
    doc = neuron_document()
    window, _ = make_window(qtbot, tmp_path, doc)
    assert window.palette_panel.function_names() == []
    node = group_by_mouse(qtbot, window, ["w1", "mul", "mul1", "add"])
    assert window.palette_panel.function_names() == ["group"]
    mime = window.palette_panel.mime_data_for("function", "group")
    drop_mime(window.view, mime, QPointF(300, 600))
    new = window.view.selected_node_ids()
    assert len(new) == 1 and new[0] != node and doc.nodes[new[0]].function == "group"
    key(window, Qt.Key.Key_Z, CTRL)
    assert new[0] not in doc.nodes
    # Inside "group", "group" cannot be dropped: it would use itself
    double_click(window.view, center(window.view, node))
    body = doc.function("group").body
    count = len(body.nodes)
    drop_mime(window.view, mime, QPointF(300, 600))
    assert len(body.nodes) == count

"""New Function from Expression, Insert Template and library files, with real events."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from autograd_studio.graph import GraphDocument
from tests.gui.window_support import make_window, neuron_document

CTRL = Qt.KeyboardModifier.ControlModifier


def press_ok(dialog) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def test_new_function_from_an_expression_is_checked_as_typed_and_added_in_one_step(qtbot, tmp_path):
    doc = GraphDocument()
    window, _ = make_window(qtbot, tmp_path, doc)
    dialog = window.function_dialogs.new_function()
    qtbot.keyClicks(dialog.edit, "softplus(x) = log(1 + exp(x)")
    assert not dialog.ok_button().isEnabled() and "column" in dialog.message.text()
    qtbot.keyClicks(dialog.edit, ")")
    assert dialog.ok_button().isEnabled() and "softplus(x)" in dialog.message.text()
    press_ok(dialog)
    (node,) = window.view.selected_node_ids()
    assert doc.nodes[node].function == "softplus" and "softplus" in doc.functions
    x = doc.add_node("input", value=0.5)
    doc.connect(x, node, 0)
    doc.set_output(node)
    result = doc.evaluate()
    assert result.data[node] == math.log(1 + math.exp(0.5))
    assert abs(result.grad[x] - 1 / (1 + math.exp(-0.5))) < 1e-15
    window.undo_stack.undo()  # one step takes it all back
    assert node not in doc.nodes and "softplus" not in doc.functions


def test_insert_an_mlp_template_with_its_seed(qtbot, tmp_path):
    doc = GraphDocument()
    window, _ = make_window(qtbot, tmp_path, doc)
    dialog = window.function_dialogs.insert_template()
    dialog.kind.setCurrentIndex(dialog.kind.findData("mlp"))
    dialog.sizes.selectAll()
    qtbot.keyClicks(dialog.sizes, "16, 16, 1")
    dialog.seed.selectAll()
    qtbot.keyClicks(dialog.seed, "7")
    press_ok(dialog)
    (node,) = window.view.selected_node_ids()
    definition = doc.function(doc.nodes[node].function)
    assert len(definition.parameters()) == 337 and definition.inputs == ["x1", "x2"]
    first = definition.body.nodes["l1_w1_1"].value
    again = window.function_dialogs.insert_template()
    again.kind.setCurrentIndex(again.kind.findData("mlp"))
    again.seed.selectAll()
    qtbot.keyClicks(again.seed, "7")
    press_ok(again)
    (other,) = window.view.selected_node_ids()
    copy = doc.function(doc.nodes[other].function)
    assert copy.name != definition.name and copy.body.nodes["l1_w1_1"].value == first


def test_functions_travel_through_a_library_file(qtbot, tmp_path):
    source = neuron_document()
    source.group(["mul", "mul1", "add"], name="dot")
    window, dialogs = make_window(qtbot, tmp_path, source)
    path = str(tmp_path / "shared.agfunctions")
    dialogs.export_paths.append(path)
    window.actions.export_functions.trigger()
    assert dialogs.export_requests[0][1].endswith(".agfunctions")

    target = GraphDocument()
    other, other_dialogs = make_window(qtbot, tmp_path / "other", target)
    other_dialogs.open_paths.append(path)
    other.actions.import_functions.trigger()
    assert list(target.functions) == ["dot"]
    assert other.palette_panel.function_names() == ["dot"]
    assert other.undo_stack.undoText() == "Import functions"
    other.undo_stack.undo()  # two windows are open: the shortcut goes to the active one
    assert not target.functions


def test_a_file_that_is_no_library_gets_a_clear_error(qtbot, tmp_path):
    bad = tmp_path / "bad.agfunctions"
    bad.write_text("{}")
    window, dialogs = make_window(qtbot, tmp_path, GraphDocument())
    dialogs.open_paths.append(str(bad))
    window.actions.import_functions.trigger()
    ((title, text),) = dialogs.errors
    assert title == "Import functions"
    # said for a person, as Open says a file's problem: a sentence, no JSON path
    assert text.startswith("Not a function library") and "$" not in text


def test_the_new_function_dialog_has_room_for_a_formula(qtbot, tmp_path):
    """It opened 200 px wide: its own example, softplus(x) = log(1 + exp(x)), was cut off."""
    window, _ = make_window(qtbot, tmp_path, GraphDocument())
    dialog = window.function_dialogs.new_function()
    qtbot.waitExposed(dialog)
    formula = "leaky_relu(x) = relu(x) - 0.01 * relu(-x)"
    qtbot.keyClicks(dialog.edit, formula)
    assert dialog.ok_button().isEnabled(), dialog.message.text()
    shown = dialog.edit.contentsRect().width() - 8  # the line edit's own text margins
    assert dialog.edit.fontMetrics().horizontalAdvance(formula) <= shown
    assert dialog.message.height() <= 3 * dialog.message.fontMetrics().height()
    dialog.reject()

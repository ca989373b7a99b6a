"""The inspector: label and value edits go through the undo stack; bad text is refused."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from autograd_studio.graph.evaluate import evaluate
from autograd_studio.gui.editing.session import EditorSession
from autograd_studio.gui.editing.value_text import parse_value
from autograd_studio.gui.panels.inspector import InspectorWidget
from tests.gui.canvas_helpers import center, click
from tests.gui.window_support import make_window, neuron_document


@pytest.fixture
def setup(qtbot):
    doc = neuron_document()
    session = EditorSession(doc)
    stack = session.undo_stack
    inspector = InspectorWidget(session)
    qtbot.addWidget(inspector)
    inspector.show()
    qtbot.waitExposed(inspector)
    return inspector, doc, stack


def type_into(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    QTest.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, text)
    QTest.keyClick(edit, Qt.Key.Key_Return)


def test_shows_the_selected_node_and_a_hint_without_selection(setup):
    inspector, _doc, _stack = setup
    assert inspector.form_widget.isHidden()
    assert "Select a node" in inspector.empty_label.text()
    inspector.set_selection(["w1"])
    assert not inspector.form_widget.isHidden()
    assert inspector.title_label.text() == "w1"
    assert inspector.kind_label.text() == "Weight"
    assert inspector.value_edit.text() == "0.5"
    inspector.set_selection(["w1", "x1"])
    assert inspector.form_widget.isHidden()
    assert inspector.title_label.text() == "2 nodes selected"


def test_the_header_icon_is_drawn_whole_when_it_arrives_after_the_first_layout(qtbot, tmp_path):
    # The window lays the inspector out with no selection (no icon) first; the icon that
    # comes with a click must still get its full size.
    window, _dialogs = make_window(qtbot, tmp_path, neuron_document())
    click(window.view, center(window.view, "w1"))
    icon = window.inspector.icon_label
    qtbot.waitUntil(lambda: window.inspector.title_label.text() == "w1")
    assert not icon.pixmap().isNull()
    qtbot.waitUntil(lambda: icon.width() >= 28 and icon.height() >= 28)


def test_a_long_label_does_not_push_the_canvas_aside(qtbot, tmp_path):
    window, _dialogs = make_window(qtbot, tmp_path, neuron_document())
    window.resize(1200, 800)
    click(window.view, center(window.view, "w1"))
    inspector = window.inspector
    qtbot.waitUntil(lambda: inspector.title_label.text() == "w1")
    dock, canvas = inspector.parentWidget(), window.view.width()
    width = dock.width()
    long_label = "the weight of the first input in the hidden layer, before the nonlinearity"
    type_into(qtbot, inspector.label_edit, long_label)
    assert window.document.nodes["w1"].label == long_label
    assert inspector.title_label.text() == long_label
    QTest.qWait(50)  # let the dock and the window lay themselves out again
    assert dock.width() == width and window.view.width() == canvas
    # Edit > Undo names the edit without the whole sentence (a menu as wide as the screen)
    undo = window.actions.undo
    assert undo.text().replace("&", "") == "Undo Rename w1 to the weight of the first…"
    type_into(qtbot, inspector.label_edit, "w1")
    assert undo.text().replace("&", "") == "Undo Rename the weight of the first… to w1"


def test_op_nodes_show_their_op_and_inputs_but_no_value_field(setup):
    inspector, _doc, _stack = setup
    inspector.set_selection(["mul"])
    assert "mul" in inspector.kind_label.text() and "a × b" in inspector.kind_label.text()
    assert inspector.value_edit.isHidden()
    assert inspector.inputs_label.text() == "a ← w1,  b ← x1"


def test_typing_a_value_and_enter_changes_the_document_through_the_undo_stack(setup, qtbot):
    inspector, doc, stack = setup
    inspector.set_selection(["x1"])
    type_into(qtbot, inspector.value_edit, "-1.25e-3")
    assert doc.nodes["x1"].value == -1.25e-3
    assert stack.count() == 1
    stack.undo()
    assert doc.nodes["x1"].value == 2.0
    assert inspector.value_edit.text() == "2.0"  # the field follows the document


def test_many_decimals_survive_exactly(setup, qtbot):
    inspector, doc, _stack = setup
    inspector.set_selection(["w2"])
    type_into(qtbot, inspector.value_edit, "0.1234567890123456")
    assert doc.nodes["w2"].value == 0.1234567890123456


@pytest.mark.parametrize(
    "text", ["abc", "1.2.3", "", "nan", "inf", "--1", "1e999", "1,000", "-12,500", "1e-400"]
)
def test_bad_value_text_is_refused_with_a_message_and_the_document_untouched(setup, qtbot, text):
    inspector, doc, stack = setup
    inspector.set_selection(["x1"])
    before = doc.copy()
    type_into(qtbot, inspector.value_edit, text)
    assert inspector.value_error_text  # a sentence under the field
    assert doc == before
    assert stack.count() == 0
    # Fixing the text clears the message and applies.
    type_into(qtbot, inspector.value_edit, "4")
    assert inspector.value_error_text == ""
    assert doc.nodes["x1"].value == 4.0


def test_escape_reverts_a_half_typed_value(setup, qtbot):
    inspector, doc, stack = setup
    inspector.set_selection(["x1"])
    inspector.value_edit.setFocus()
    inspector.value_edit.selectAll()
    qtbot.keyClicks(inspector.value_edit, "99")
    QTest.keyClick(inspector.value_edit, Qt.Key.Key_Escape)
    assert inspector.value_edit.text() == "2.0"
    assert doc.nodes["x1"].value == 2.0 and stack.count() == 0


def test_renaming_is_undoable(setup, qtbot):
    inspector, doc, stack = setup
    inspector.set_selection(["mul"])
    type_into(qtbot, inspector.label_edit, "w1*x1")
    assert doc.nodes["mul"].label == "w1*x1"
    assert inspector.title_label.text() == "w1*x1"
    stack.undo()
    assert doc.nodes["mul"].label == ""
    assert inspector.title_label.text() == "w1*x1"  # back to the name from its operands


def test_data_and_grad_with_full_precision_and_problems(setup):
    inspector, doc, _stack = setup
    result = evaluate(doc)
    inspector.set_results(result)
    inspector.set_selection(["w2"])
    assert inspector.data_label.text() == repr(-0.8)
    assert float(inspector.grad_label.text()) == result.grad["w2"]
    inspector.set_results(result, grads_stale=True)
    assert "stale" in inspector.grad_label.text()
    # A node with a problem says so.
    doc.add_node("op", op="log", id="lonely_log")
    inspector.set_results(evaluate(doc))
    inspector.set_selection(["lonely_log"])
    assert not inspector.problems_label.isHidden()
    assert "not connected" in inspector.problems_label.text()
    assert inspector.data_label.text() == "—"


def test_set_as_output_is_undoable(setup, qtbot):
    inspector, doc, stack = setup
    inspector.set_selection(["add"])
    assert doc.output == "y"
    qtbot.mouseClick(inspector.output_button, Qt.MouseButton.LeftButton)
    assert doc.output == "add"
    assert not inspector.output_button.isEnabled()
    stack.undo()
    assert doc.output == "y"
    assert inspector.output_button.isEnabled()


def test_a_removed_node_leaves_the_inspector_empty(setup):
    inspector, doc, _stack = setup
    inspector.set_selection(["b"])
    doc.remove_node("b")
    assert inspector.node_id is None
    assert inspector.form_widget.isHidden()


def test_parse_value_accepts_common_spellings():
    assert parse_value(" 2,5 ") == 2.5
    assert parse_value("−3") == -3.0
    assert parse_value("1e-4") == 1e-4
    for bad in ("x", "nan", "-inf", "1,2,3"):
        with pytest.raises(ValueError):
            parse_value(bad)
    assert not math.isnan(parse_value("0"))


def test_ambiguous_and_underflowing_values_say_why():
    with pytest.raises(ValueError, match=r"could mean a thousand or a decimal.*1000"):
        parse_value("1,000")
    with pytest.raises(ValueError, match=r"too small.*stored as 0"):
        parse_value("1e-400")
    assert parse_value("0,125") == 0.125  # a whole part of 0: only a decimal comma
    assert parse_value("1e-320") == 1e-320  # subnormal, but not 0
    assert parse_value("0e5") == 0.0 and parse_value("0.000") == 0.0

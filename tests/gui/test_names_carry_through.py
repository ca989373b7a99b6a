"""The names a user sees carry through: canvas, inspector, step-through and history."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from autograd_studio.analysis.trace import backward_trace
from autograd_studio.graph import GraphDocument
from tests.gui.window_support import make_window, neuron_document, select


def test_unlabelled_ops_show_names_from_their_operands_and_never_look_alike(qtbot, tmp_path):
    window, _ = make_window(qtbot, tmp_path, neuron_document())
    view = window.view
    assert view.node_item("mul").label_text() == "w1*x1"
    assert view.node_item("mul1").label_text() == "w2*x2"
    assert view.node_item("add").label_text() == "w1*x1 + w2*x2"
    assert view.node_item("add1").label_text() == "w1*x1 + w2*x2 + b"
    shown = [view.node_item(nid).shown_label() for nid in window.document.nodes]
    assert len(set(shown)) == len(shown), shown


def test_a_new_label_typed_in_the_inspector_renames_what_depends_on_it(qtbot, tmp_path):
    window, _ = make_window(qtbot, tmp_path, neuron_document())
    select(qtbot, window, ["x1"])
    field = window.inspector.label_edit
    field.setFocus()
    field.selectAll()
    QTest.keyClicks(field, "age")
    QTest.keyClick(field, Qt.Key.Key_Return)
    mul = window.view.node_item("mul")
    qtbot.waitUntil(lambda: mul.label_text() == "w1*age", timeout=2000)
    assert window.view.node_item("add").label_text() == "w1*age + w2*x2"
    assert "age" in window.undo_stack.text(window.undo_stack.index() - 1)
    select(qtbot, window, ["add"])
    assert "w1*age" in window.inspector.inputs_label.text()


def test_the_step_through_names_ops_as_the_canvas_does():
    doc: GraphDocument = neuron_document()
    lines = [term.text for step in backward_trace(doc).steps for term in step.terms]
    joined = "\n".join(lines)
    assert "grad(w1*x1 + w2*x2) += grad(w1*x1 + w2*x2 + b)" in joined
    assert "mul" not in joined and "add" not in joined

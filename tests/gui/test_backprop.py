"""The step-through backward: F10 walks the backward order one node at a time, the canvas
shows exactly the grads accumulated so far, Shift+F10 undoes a step, the timeline jumps,
and any edit ends it cleanly."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from autograd_studio.engine.node import topological_order
from autograd_studio.graph import GraphDocument
from autograd_studio.graph.evaluate import evaluate
from autograd_studio.interop.engine_bridge import to_node
from autograd_studio.numbers import canvas_number
from tests.gui.backward_support import CTRL, SHIFT, grad_texts, open_window, press
from tests.gui.window_support import select

F10, F5, HOME, END = Qt.Key.Key_F10, Qt.Key.Key_F5, Qt.Key.Key_Home, Qt.Key.Key_End


def engine_backward_order(doc: GraphDocument) -> list[str]:
    """The op nodes in the order the engine runs their _backward (independent of the
    editor: the engine's own topological sort of the rebuilt graph)."""
    nodes = to_node(doc)
    ids = {id(node): nid for nid, node in nodes.items()}
    order = topological_order(nodes[doc.output])
    return [ids[id(node)] for node in reversed(order) if node._fn is not None]


def test_f10_walks_neuron_active_in_reverse_topological_order_to_a_full_backward(qtbot, tmp_path):
    window, _ = open_window(qtbot, tmp_path, "neuron-active")
    doc, stepper, decorations = (
        window.document,
        window.backward_tools.backprop,
        window.view.decorations,
    )
    press(window, F10)
    assert stepper.active and stepper.position == 0
    assert window.backward_tools.backprop_dock.isVisible()
    seed = grad_texts(window)
    assert seed.pop("y") == "1.0000" and set(seed.values()) == {"0.0000"}

    visited = []
    while not stepper.at_end:
        press(window, F10)
        node = stepper.current_step().node_id
        visited.append(node)
        assert decorations.halo_item(node).level() == "strong"
        into = {edge for edge in doc.edges if edge.target == node}
        assert decorations.highlighted() == ({node}, into)
        assert window.view.edge_item(next(iter(into))).overlay_pen() is not None
    assert visited == engine_backward_order(doc)
    # Reverse topological: every op that uses a node ran before it.
    for k, node in enumerate(visited):
        users = {edge.target for edge in doc.edges if edge.source == node}
        assert users <= set(visited[:k])
    stepped = grad_texts(window)

    press(window, Qt.Key.Key_F5, SHIFT)  # stop
    assert not stepper.active and decorations.highlighted() == (set(), set())
    press(window, Qt.Key.Key_B, CTRL)  # a full Backward
    assert grad_texts(window) == stepped
    expected = evaluate(doc).grad
    assert stepped == {nid: canvas_number(g) for nid, g in expected.items()}
    assert stepped["w1"] == "2.0000" and stepped["w2"] == "3.0000"  # dy/dw = x


def test_step_back_restores_every_earlier_canvas(qtbot, tmp_path):
    window, _ = open_window(qtbot, tmp_path, "neuron-active")
    stepper = window.backward_tools.backprop
    press(window, F10)
    seen = [grad_texts(window)]
    for _ in range(4):
        press(window, F10)
        seen.append(grad_texts(window))
    assert seen[1] != seen[0] and seen[4] != seen[3]
    for k in (3, 2, 1, 0):
        press(window, F10, SHIFT)
        assert stepper.position == k
        assert grad_texts(window) == seen[k]
    press(window, END)
    assert stepper.at_end
    press(window, HOME)
    assert stepper.position == 0 and grad_texts(window) == seen[0]


def test_a_times_a_shows_two_plus_equals_terms(qtbot, tmp_path):
    doc = GraphDocument()
    a = doc.add_node("input", label="a", value=3.0, pos=(0, 0))
    y = doc.add_node("op", op="mul", label="y", pos=(260, 0))
    doc.connect(a, y, 0)
    doc.connect(a, y, 1)
    window, _ = open_window(qtbot, tmp_path, doc)
    press(window, F10)
    press(window, F10)
    step = window.backward_tools.backprop.current_step()
    assert [term.target_id for term in step.terms] == [a, a]
    html = window.backward_tools.backprop_panel.details_html()
    assert "grad(a) += grad(y) * a = 1.0000 * 3.0000 = 3.0000" in html
    assert "so grad(a) = 6.0000" in html  # the second term says where the sum stands
    assert window.view.decorations.note_item(a).texts() == ["+= 3.0000  += 3.0000"]
    assert window.view.node_item(a).grad_text() == "6.0000"


def test_clicking_a_timeline_row_jumps_there(qtbot, tmp_path):
    window, _ = open_window(qtbot, tmp_path, "neuron-active")
    stepper, panel = window.backward_tools.backprop, window.backward_tools.backprop_panel
    press(window, F10)
    qtbot.waitExposed(panel.timeline)
    index = panel.timeline_model.index(3)
    row = panel.timeline.visualRect(index).center()
    QTest.mouseClick(panel.timeline.viewport(), Qt.MouseButton.LeftButton, pos=row)
    assert stepper.position == 3
    expected = stepper.trace.grads_after(3)
    assert grad_texts(window) == {nid: canvas_number(g) for nid, g in expected.items()}
    assert "step 3 of 5" in panel.position_label.text()
    # The timeline's own keys move too (Up: one row back).
    QTest.keyClick(panel.timeline, Qt.Key.Key_Up)
    assert stepper.position == 2


def test_editing_the_graph_leaves_step_mode_cleanly(qtbot, tmp_path):
    window, _ = open_window(qtbot, tmp_path, "neuron-active")
    stepper, decorations = window.backward_tools.backprop, window.view.decorations
    press(window, F10)
    press(window, F10)
    assert decorations.note_item("add2") is not None
    select(qtbot, window, ["x1"])
    field = window.inspector.value_edit
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "4")
    QTest.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not stepper.active, timeout=2000)
    assert decorations.highlighted() == (set(), set())
    assert decorations.note_item("add2") is None and decorations.halo_item("y") is None
    assert window.view.grad_override() is None
    assert set(grad_texts(window).values()) == {"—"}  # no Backward was ever run
    assert all(window.view.edge_item(e).overlay_pen() is None for e in window.document.edges)
    assert window.backward_tools.backprop_panel.position_label.text() == ""


def test_play_steps_by_itself_and_pauses_at_the_end(qtbot, tmp_path):
    window, _ = open_window(qtbot, tmp_path, "node-reuse")
    stepper, panel = window.backward_tools.backprop, window.backward_tools.backprop_panel
    press(window, F10)
    QTest.keyClick(panel.speed_slider, Qt.Key.Key_End)  # fastest
    assert stepper.speed == 12.0
    window.view.setFocus()
    press(window, F5)
    assert stepper.playing and window.actions.backprop_play.isChecked()
    qtbot.waitUntil(lambda: stepper.at_end and not stepper.playing, timeout=3000)
    assert not window.actions.backprop_play.isChecked()
    assert window.view.node_item("a").grad_text() == "10.0000"  # 2·3 + 2 + 2: a*a + (a+a)+(a+a)


def test_closing_the_panel_ends_the_step_through(qtbot, tmp_path):
    window, _ = open_window(qtbot, tmp_path, "neuron-active")
    press(window, F10)
    window.backward_tools.backprop_dock.toggleViewAction().trigger()  # View > Backprop Panel
    assert not window.backward_tools.backprop.active
    assert window.view.grad_override() is None


def test_nothing_to_step_through_without_an_output(qtbot, tmp_path):
    doc = GraphDocument()
    doc.add_node("input", label="a", value=1.0, pos=(0, 0))
    doc.add_node("input", label="b", value=2.0, pos=(0, 100))
    window, _ = open_window(qtbot, tmp_path, doc)
    press(window, F10)
    assert not window.backward_tools.backprop.active
    assert "Nothing to step through" in window.statusBar().currentMessage()


def test_an_output_without_data_says_why_once(qtbot, tmp_path):
    doc = GraphDocument()
    a = doc.add_node("input", label="a", value=1.0, pos=(0, 0))
    y = doc.add_node("op", op="mul", label="y", pos=(250, 0))
    doc.connect(a, y, 0)
    window, _ = open_window(qtbot, tmp_path, doc)
    press(window, F10)
    assert not window.backward_tools.backprop.active
    message = window.statusBar().currentMessage()
    assert message == (
        "Nothing to step through: the output 'y' has no data (input b is not connected)"
    )


def test_a_long_chain_steps_back_from_the_end_through_partial_updates(qtbot, tmp_path):
    # End jumps 300 steps (a full redraw); the steps back then update only the items they
    # touch, and the canvas must still equal the trace's state exactly.
    doc = GraphDocument()
    prev = doc.add_node("input", label="x", value=0.5, pos=(0, 0))
    for i in range(300):
        node = doc.add_node("op", op="tanh", label=f"t{i}", pos=(200 * (i + 1), 0))
        doc.connect(prev, node, 0)
        prev = node
    window, _ = open_window(qtbot, tmp_path, doc)
    press(window, F10)
    press(window, END)  # every step at once
    stepper = window.backward_tools.backprop
    assert stepper.at_end and stepper.length == 300
    press(window, F10, SHIFT)
    press(window, F10, SHIFT)
    expected = stepper.trace.grads_after(298)
    assert grad_texts(window) == {nid: canvas_number(g) for nid, g in expected.items()}


def test_the_inspector_shows_the_grad_accumulated_so_far(qtbot, tmp_path):
    window, _ = open_window(qtbot, tmp_path, "neuron-active")
    select(qtbot, window, ["w1"])
    window.view.setFocus()
    press(window, F10)
    assert window.inspector.grad_label.text().split()[0] == "0.0"
    press(window, END)
    assert float(window.inspector.grad_label.text().split()[0]) == 2.0  # dy/dw1 = x1
    press(window, Qt.Key.Key_F5, SHIFT)
    assert window.inspector.grad_label.text().split()[0] != "2.0"  # no Backward was run

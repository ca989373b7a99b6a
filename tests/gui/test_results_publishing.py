"""Results publish from the plan's lists: the backward part is compiled while the editor
idles, a forward after an edit of a value keeps the last Backward's grads as they are (no
copy per node), and a structural edit lines the grads up with the new nodes."""

from __future__ import annotations

from PySide6.QtCore import Qt

from autograd_studio.analysis.flow_pass import flow_layout
from autograd_studio.graph.plan import NodeValues, plan_for
from tests.gui.backward_support import CTRL, grad_texts, open_window, press
from tests.gui.window_support import edit_value


def test_backward_is_compiled_while_idle_and_grads_stay_shared_until_the_shape_changes(
    qtbot, tmp_path
):
    window, _ = open_window(qtbot, tmp_path, "neuron-active")
    session, doc = window.session, window.document
    assert isinstance(session.results.grad, NodeValues)  # no grads yet: all None, no dict
    assert set(session.results.grad.values()) == {None}
    # Idle after the first forward: the backward part of the plan is ready before Backward.
    qtbot.waitUntil(lambda: doc.output in plan_for(doc).backward, timeout=5000)
    compiled = plan_for(doc).backward[doc.output]
    # and laid out for the gradient flow's pass, which turning it on only runs
    layout = compiled.derived["flow"]
    assert flow_layout(plan_for(doc), compiled) is layout

    press(window, Qt.Key.Key_B, CTRL)
    assert plan_for(doc).backward[doc.output] is compiled  # run, not compiled again
    backward = session.results.grad
    assert backward["w1"] == 2.0 and backward["w2"] == 3.0  # dy/dw = x
    shown = grad_texts(window)

    edit_value(qtbot, window, "x1", "5")
    qtbot.waitUntil(lambda: session.results.data["x1"] == 5.0, timeout=5000)
    assert session.grads_stale
    assert session.results.grad is backward  # the same view, not a copy per node
    assert grad_texts(window) == shown  # still the last Backward's numbers, greyed

    window.view.setFocus()
    press(window, Qt.Key.Key_B, CTRL)
    assert session.results.grad["w1"] == 5.0 and not session.grads_stale
    window.actions.gradient_flow.trigger()  # the flow's pass ran on the layout laid out
    assert window.backward_tools.flow.flow is not None
    assert flow_layout(plan_for(doc), compiled) is layout
    window.actions.gradient_flow.trigger()

    # A new node: the structure changed, the old grads are lined up with the new nodes.
    before = session.results.grad
    window.undo_stack.undo()  # the value edit: same structure, shared again
    qtbot.waitUntil(lambda: session.results.data["x1"] == 2.0, timeout=5000)
    assert session.results.grad is before
    doc.add_node("input", id="extra", value=1.0)
    qtbot.waitUntil(lambda: "extra" in session.results.data, timeout=5000)
    grads = session.results.grad
    assert grads["extra"] is None and grads["w1"] == 5.0
    assert list(grads) == list(doc.nodes)

"""Results publish from the plan's lists: the backward part is compiled while the editor
idles, a forward after an edit of a value keeps the last Backward's grads as they are (no
copy per node), and a structural edit lines the grads up with the new nodes."""

from __future__ import annotations

from PySide6.QtCore import Qt

from autograd_studio.analysis.flow_pass import flow_layout
from autograd_studio.graph.fileformat import load, save
from autograd_studio.graph.plan import NodeValues, plan_for
from tests.gui.backward_support import CTRL, grad_texts, open_window, press
from tests.gui.test_canvas_virtual import grid_graph
from tests.gui.window_support import edit_value, make_window


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


def test_who_uses_each_node_is_indexed_while_idle_after_opening_a_big_graph(qtbot, tmp_path):
    """A graph read from a file has no index of its nodes' users (a big one's takes tens
    of milliseconds): it is built while the editor idles, not at the first click."""
    path = tmp_path / "grid.agraph"
    save(grid_graph()[0], path)
    assert load(path)._user_index is None  # (what a file gives)
    window, _ = make_window(qtbot, tmp_path)
    if not window.open_file(str(path)):  # a big file loads on a worker thread
        qtbot.waitUntil(lambda: not window.file_loader.is_loading(), timeout=10_000)
    doc = window.document
    assert window.view.graph_scene.virtual and len(doc.nodes) == len(grid_graph()[0].nodes)
    qtbot.waitUntil(lambda: doc._user_index is not None, timeout=5000)
    first = next(iter(doc.nodes))
    assert doc.users_of(first) == [(e.target, e.port) for e in doc.edges if e.source == first]

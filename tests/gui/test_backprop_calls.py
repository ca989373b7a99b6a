"""The step-through over function calls: the panel's checkbox chooses between entering a
call (its inner nodes one by one) and running it as one step, and the editor remembers it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from autograd_studio.gui.window.settings import StudioSettings
from autograd_studio.numbers import canvas_number
from tests.gui.backward_support import grad_texts, open_window, press
from tests.gui.window_support import neuron_document

F10, END = Qt.Key.Key_F10, Qt.Key.Key_End


def grouped_neuron():
    """The seed's neuron with its sum of products as one function: relu(f(...))."""
    doc = neuron_document()
    ops = [nid for nid, r in doc.nodes.items() if r.op is not None and r.op != "relu"]
    call = doc.group(ops)
    return doc, call


def toggle(window) -> None:
    box = window.backward_tools.backprop_panel.calls_check
    QTest.mouseClick(box, Qt.MouseButton.LeftButton)


def test_a_call_runs_as_one_step_with_its_inputs_and_what_each_gets(qtbot, tmp_path):
    doc, call = grouped_neuron()
    window, _ = open_window(qtbot, tmp_path, doc)
    stepper = window.backward_tools.backprop
    press(window, F10)  # start: the seed
    entered = stepper.length  # relu, then the call's four inner ops
    assert entered == 5
    window.backward_tools.backprop_dock.show()
    toggle(window)
    assert stepper.calls_as_steps and stepper.active and stepper.position == 0
    assert stepper.length == 2  # relu, then the call
    press(window, F10)
    press(window, F10)
    step = stepper.current_step()
    assert step.node_id == call
    details = window.backward_tools.backprop_panel.details_html()
    assert "run backward as one step" in details
    assert step.terms[0].hint.startswith(f"{call} = {doc.nodes[call].function}(")
    assert step.terms[0].hint in details
    received = {term.target_id for term in step.terms}
    assert received == {"x1", "w1", "x2", "w2", "b"}
    # the canvas shows the full Backward's grads after the call's step
    expected = doc.evaluate().grad
    shown = grad_texts(window)
    for leaf in received:
        assert shown[leaf] == canvas_number(expected[leaf])
    assert window.view.decorations.highlighted()[0] == {call}
    # remembered: a new window starts with calls as one step
    settings = StudioSettings.at_path(tmp_path / "settings.ini")
    assert settings.calls_as_steps()


def test_entering_calls_steps_through_the_inner_nodes_again(qtbot, tmp_path):
    doc, call = grouped_neuron()
    window, _ = open_window(qtbot, tmp_path, doc)
    stepper = window.backward_tools.backprop
    window.backward_tools.backprop_dock.show()
    toggle(window)
    toggle(window)
    assert not stepper.calls_as_steps
    press(window, F10)
    press(window, F10)
    press(window, F10)  # the first node inside the call: the call's node glows
    assert stepper.current_step().node_id.startswith(f"{call}/")
    assert window.view.decorations.highlighted()[0] == {call}
    step = stepper.current_step()
    row = window.backward_tools.backprop_panel.timeline_model.index(stepper.position).data()
    assert f"{call}/{step.node_id.split('/')[1]}" in row and "(add)" in row  # its op named
    press(window, END)
    assert stepper.length == 5
    assert [nid.split("/")[0] for nid in stepper.trace.order[1:]] == [call] * 4
    expected = doc.evaluate().grad
    assert grad_texts(window)["w1"] == canvas_number(expected["w1"])


def test_forward_mode_steps_over_calls_with_the_same_choice(qtbot, tmp_path):
    from tests.gui.test_derivative_modes import context_menu_choose

    doc, call = grouped_neuron()
    window, _ = open_window(qtbot, tmp_path, doc)
    window.backward_tools.backprop_dock.show()
    toggle(window)  # one choice for both step-throughs
    modes = window.derivative_modes
    context_menu_choose(qtbot, window, "w1", "Differentiate With Respect to This")
    press(window, F10)  # the seed
    assert modes.stepper.active and modes.stepper.calls_as_steps
    press(window, F10)
    step = modes.stepper.current_step()
    assert step.node_id == call and step.text.startswith(f"dot({call}) = ")
    assert window.view.decorations.highlighted()[0] == {call}
    assert grad_texts(window)[call] == canvas_number(doc.evaluate(wrt="w1").tangent[call])
    assert modes.stepper.length == 2  # the call, then the relu

"""The gradient-flow view explains the notebook's dead neuron on the canvas: zero-grad nodes
faded, the ReLU marked with the reason, edges sized by the gradient they carry."""

from __future__ import annotations

from PySide6.QtCore import Qt

from autograd_studio.graph.document import Edge
from autograd_studio.graph.evaluate import evaluate
from autograd_studio.gui.canvas.decorations import DIMMED_OPACITY
from autograd_studio.gui.features.gradient_flow import MAX_WIDTH, MIN_WIDTH
from tests.gui.backward_support import CTRL, example, open_window, press
from tests.gui.window_support import select

G, B = Qt.Key.Key_G, Qt.Key.Key_B


def dimmed(window) -> set[str]:
    items = window.view.graph_scene.node_items
    return {nid for nid, item in items.items() if item.opacity() < 1.0}


def test_neuron_dead_dims_exactly_the_zero_grad_nodes_and_marks_the_relu(qtbot, tmp_path):
    window, _ = open_window(qtbot, tmp_path, "neuron-dead")
    press(window, B, CTRL)
    press(window, G, CTRL)
    assert window.actions.gradient_flow.isChecked()
    zero = {nid for nid, g in evaluate(window.document).grad.items() if g == 0.0}
    assert len(zero) == 9 and "y" not in zero  # everything but the output itself
    assert dimmed(window) == zero
    assert {window.view.node_item(n).opacity() for n in zero} == {DIMMED_OPACITY}

    note = window.view.decorations.note_item("y")
    assert note.texts() == ["relu input -1.3000 < 0: local gradient 0"]
    scene = window.view.graph_scene
    tip = scene.tooltip_at(note.mapToScene(note.boundingRect().center()))
    assert "'y' (relu) passes no gradient to 'w1*x1 + w2*x2 + b'" in tip

    cut_edge = Edge("add2", "y", 0)
    pen = window.view.edge_item(cut_edge).overlay_pen()
    assert pen.style() == Qt.PenStyle.DashLine and pen.color() == scene.theme.problem
    for edge in window.document.edges:  # nothing else carries gradient either
        assert window.view.edge_item(edge).overlay_pen().style() == Qt.PenStyle.DashLine

    legend = window.backward_tools.flow.legend
    assert legend.isVisible()
    text = legend.text()
    assert "grad exactly 0: 9 nodes" in text
    assert "gradient stops here: 1 input" in text
    assert "relu input -1.3000 < 0: local gradient 0" in text
    assert "relu input -1.3000" in window.statusBar().currentMessage()

    press(window, G, CTRL)  # off again: the canvas as usual
    assert dimmed(window) == set()
    assert window.view.decorations.note_item("y") is None
    assert all(window.view.edge_item(e).overlay_pen() is None for e in window.document.edges)
    assert not legend.isVisible()


def test_neuron_active_edges_grow_with_the_gradient_they_carry(qtbot, tmp_path):
    window, _ = open_window(qtbot, tmp_path, "neuron-active")
    press(window, B, CTRL)
    press(window, G, CTRL)
    assert dimmed(window) == set()

    def width(source, target, port):
        return window.view.edge_item(Edge(source, target, port)).overlay_pen().widthF()

    # Along w2 -> w2*x2 flows grad * x2 = 3; along x2 -> w2*x2 flows grad * w2 = 0.5;
    # along the add chain 1.  Log scale from 0.5 (thinnest) to 3 (widest).
    assert width("w2", "mul2", 0) == MAX_WIDTH
    assert width("x2", "mul2", 1) == MIN_WIDTH
    assert MIN_WIDTH < width("add2", "y", 0) < width("w1", "mul1", 0) < MAX_WIDTH
    assert "0.5000" in window.backward_tools.flow.legend.text()
    assert "3.0000" in window.backward_tools.flow.legend.text()
    assert "gradient stops here: 0 inputs" in window.backward_tools.flow.legend.text()
    assert "nan" not in window.backward_tools.flow.legend.text()  # only said when there is one


def test_without_an_output_the_legend_asks_for_one_not_for_backward(qtbot, tmp_path):
    doc = example("neuron-active")
    extra = doc.add_node("op", op="neg", pos=(300, 600))
    doc.connect("x1", extra, 0)
    doc.set_output(None)  # two ends and none chosen: no output
    window, _ = open_window(qtbot, tmp_path, doc)
    press(window, G, CTRL)
    press(window, B, CTRL)  # does nothing without an output...
    text = window.backward_tools.flow.legend.text()
    assert "No output node" in text and "Press Backward" not in text  # ...so do not ask it
    select(qtbot, window, ["y"])
    window.actions.set_output.trigger()
    qtbot.waitUntil(
        lambda: "Press Backward" in window.backward_tools.flow.legend.text(), timeout=2000
    )
    window.view.setFocus()
    press(window, B, CTRL)
    assert "log scale" in window.backward_tools.flow.legend.text()


def test_after_zero_grad_the_flow_waits_for_the_next_backward(qtbot, tmp_path):
    window, _ = open_window(qtbot, tmp_path, "neuron-dead")
    press(window, B, CTRL)
    press(window, G, CTRL)
    assert len(dimmed(window)) == 9
    window.actions.zero_grad.trigger()  # every grad on the canvas reads 0.0000 now...
    text = window.backward_tools.flow.legend.text()
    assert "Press Backward" in text and "grad exactly 0" not in text  # ...not "0 nodes"
    assert dimmed(window) == set() and window.view.decorations.note_item("y") is None
    press(window, B, CTRL)
    assert len(dimmed(window)) == 9


def test_the_view_waits_for_fresh_grads(qtbot, tmp_path):
    window, _ = open_window(qtbot, tmp_path, "neuron-dead")
    press(window, G, CTRL)
    assert "Press Backward" in window.backward_tools.flow.legend.text()
    assert dimmed(window) == set()
    press(window, B, CTRL)
    assert len(dimmed(window)) == 9
    select(qtbot, window, ["w1"])  # an edit makes the grads stale: the marks go
    field = window.inspector.value_edit
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "2")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.session.evaluator.pending(), timeout=2000)
    assert window.session.grads_stale
    assert dimmed(window) == set()
    assert "Press Backward" in window.backward_tools.flow.legend.text()
    window.view.setFocus()
    press(window, B, CTRL)  # w1 = 2 revives the neuron: 2*2 - 2.4 + 0.1 > 0
    assert dimmed(window) == set()
    assert window.view.decorations.note_item("y") is None


def test_nan_gradients_have_their_own_line_in_the_legend(qtbot, tmp_path):
    # sqrt of a negative base: the forward value is nan, and so is every gradient below it.
    from autograd_studio.interop.expression import from_expression

    doc = from_expression("relu(a**h * w)", {"a": -1.0, "h": 0.5, "w": 2.0})
    window, _ = open_window(qtbot, tmp_path, doc)
    press(window, B, CTRL)
    press(window, G, CTRL)
    nan_edges = [
        e
        for e in doc.edges
        if window.view.edge_item(e).overlay_pen().color() == (window.view.graph_scene.theme.problem)
    ]
    assert len(nan_edges) == 3  # a, h into the power; w into the product
    text = window.backward_tools.flow.legend.text()
    assert "gradient stops here: 0 inputs" in text  # they are not cuts...
    assert "gradient is nan: 3 edges" in text  # ...so the red dashes need their own words


def test_zoomed_far_out_the_overview_still_shows_the_flow(qtbot, tmp_path):
    # Below OVERVIEW_SCALE the canvas paints one batched picture; it must not drop the
    # flow's looks: a fitted mid-size graph (mlp-mse in a small window) is drawn that way.
    from PySide6.QtGui import QColor

    from autograd_studio.gui.canvas.overview import OVERVIEW_SCALE

    window, _ = open_window(qtbot, tmp_path, "neuron-dead")
    window.resize(1200, 800)
    press(window, B, CTRL)
    view = window.view
    qtbot.waitUntil(lambda: view.viewport().width() > 500, timeout=2000)
    view.set_zoom(OVERVIEW_SCALE * 0.8)
    view.centerOn(view.graph_scene.nodes_bounding_rect().center())

    def reddish_pixels() -> int:  # over the graph's box, every pixel: the line is thin
        image = view.viewport().grab().toImage()
        box = view.mapFromScene(view.graph_scene.nodes_bounding_rect()).boundingRect()
        count = 0
        for y in range(max(box.top(), 0), min(box.bottom(), image.height())):
            for x in range(max(box.left(), 0), min(box.right(), image.width())):
                c = QColor(image.pixel(x, y))
                count += c.red() > 150 and c.green() < 90 and c.blue() < 100  # theme.problem
        return count

    assert reddish_pixels() == 0  # nothing red on the plain overview of this graph
    press(window, G, CTRL)
    assert reddish_pixels() > 0  # the cut edge into the dead ReLU, red and dashed
    faded = [view.node_item(n).opacity() < 1 for n in view.graph_scene.node_items]
    assert sum(faded) == 9

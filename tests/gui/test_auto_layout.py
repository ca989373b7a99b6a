"""Arrange > Auto Layout in the window: Ctrl+L, one undo step, the selection, the worker's
Cancel (button and Esc), dot missing, stale results, and documents opened without positions."""

from __future__ import annotations

import json
import threading
import time

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest

from autograd_studio.graph.document import GraphDocument
from autograd_studio.gui.canvas.node_geometry import NODE_HEIGHT, NODE_WIDTH, node_size
from autograd_studio.gui.features import auto_layout
from autograd_studio.layout import LayoutCancelled, layout
from tests.gui.canvas_helpers import click
from tests.gui.window_support import make_window, neuron_document
from tests.requirements import require_dot

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def scrambled_neuron() -> GraphDocument:
    """The seed neuron with every node piled up in a diagonal strip (far from laid out)."""
    doc = neuron_document()
    for i, node_id in enumerate(doc.nodes):
        doc.set_pos(node_id, (37.0 * i, 23.0 * ((i * 7) % 10)))
    return doc


def card_sizes(doc: GraphDocument) -> dict[str, tuple[float, float]]:
    return {node_id: node_size(record.kind) for node_id, record in doc.nodes.items()}


def positions(doc: GraphDocument) -> dict[str, tuple[float, float] | None]:
    return {node_id: record.pos for node_id, record in doc.nodes.items()}


def layout_window(qtbot, tmp_path, doc, engine="layered", animate=False):
    window, _ = make_window(qtbot, tmp_path, doc)
    controller = window.layout_controller
    controller.set_engine(engine)
    controller.animate_action.setChecked(animate)
    focus_canvas(qtbot, window)
    return window, controller


def focus_canvas(qtbot, window) -> None:
    """Make the window active with the canvas focused, as a user's click would: window
    shortcuts (Ctrl+L, Esc) only reach an active window."""
    window.activateWindow()
    window.view.setFocus()
    qtbot.waitUntil(lambda: window.isActiveWindow() and window.view.hasFocus())


def press_ctrl_l(window) -> None:
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_L, CTRL)


def wait_until_idle(qtbot, controller, timeout=10_000) -> None:
    qtbot.waitUntil(
        lambda: not controller.is_running() and not controller.is_animating(), timeout=timeout
    )


def gated_layout(gate: threading.Event, started: threading.Event, honour_cancel: bool = True):
    """A layout function that waits for *gate* (cancellable unless told otherwise)."""

    def run(graph, engine="auto", cancel=None, **kwargs):
        started.set()
        while not gate.is_set():
            if honour_cancel and cancel is not None and cancel():
                raise LayoutCancelled("cancelled")
            time.sleep(0.005)
        return layout(graph, engine="layered")

    return run


@pytest.mark.parametrize("big", [False, True])
def test_ctrl_l_places_every_node_as_the_layout_says_in_one_undo_step(
    qtbot, tmp_path, monkeypatch, big
):
    if big:  # the positions compared as a big graph's are (at C speed, kept as arrays)
        monkeypatch.setattr(auto_layout, "ANIMATE_UP_TO", 0)
    doc = scrambled_neuron()
    before = positions(doc)
    expected = layout(doc.copy(), engine="layered", sizes=card_sizes(doc)).positions
    window, controller = layout_window(qtbot, tmp_path, doc)

    press_ctrl_l(window)
    wait_until_idle(qtbot, controller)

    assert positions(doc) == expected
    for node_id, (x, y) in expected.items():  # the canvas follows
        item = window.view.node_item(node_id)
        assert (item.x(), item.y()) == (x, y)
    assert window.undo_stack.count() == 1
    assert "layered" in window.statusBar().currentMessage()
    assert window.isWindowModified()

    QTest.keyClick(window.view.viewport(), Qt.Key.Key_Z, CTRL)
    assert positions(doc) == before
    assert not window.isWindowModified()
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_Z, CTRL | SHIFT)
    assert positions(doc) == expected


def test_dot_engine_runs_dot_and_edges_point_right(qtbot, tmp_path):
    require_dot()
    doc = scrambled_neuron()
    window, controller = layout_window(qtbot, tmp_path, doc, engine="dot")
    press_ctrl_l(window)
    wait_until_idle(qtbot, controller)
    assert "Graphviz dot" in window.statusBar().currentMessage()
    for edge in doc.edges:
        assert doc.nodes[edge.source].pos[0] + NODE_WIDTH <= doc.nodes[edge.target].pos[0]


def test_animated_layout_glides_then_commits_once(qtbot, tmp_path):
    doc = scrambled_neuron()
    expected = layout(doc.copy(), engine="layered", sizes=card_sizes(doc)).positions
    window, controller = layout_window(qtbot, tmp_path, doc, animate=True)
    press_ctrl_l(window)
    qtbot.waitUntil(controller.is_animating, timeout=5000)
    assert window.undo_stack.count() == 0  # nothing committed while the items glide
    wait_until_idle(qtbot, controller)
    assert window.undo_stack.count() == 1
    assert positions(doc) == expected
    item = window.view.node_item("y")
    assert (item.x(), item.y()) == expected["y"]


def test_a_selection_of_nodes_is_laid_out_alone(qtbot, tmp_path):
    doc = neuron_document()
    chosen = ["w1", "x1", "mul"]  # mul = w1*x1, its operands out of order and apart
    for node_id, pos in zip(chosen, [(0, 600), (500, 650), (-300, 800)], strict=True):
        doc.set_pos(node_id, pos)
    window, controller = layout_window(qtbot, tmp_path, doc)
    view = window.view
    view.fit_all()
    for node_id in chosen:  # Ctrl+click each card (low on the card: no port there)
        item = view.node_item(node_id)
        click(view, item.pos() + QPointF(NODE_WIDTH / 2, NODE_HEIGHT - 8), CTRL)
    qtbot.waitUntil(lambda: sorted(view.selected_node_ids()) == sorted(chosen))
    before = positions(doc)
    expected = layout(doc.copy(), engine="layered", node_ids=chosen, sizes=card_sizes(doc))

    press_ctrl_l(window)
    wait_until_idle(qtbot, controller)

    after = positions(doc)
    for node_id in doc.nodes:
        if node_id in chosen:
            assert after[node_id] == expected.positions[node_id]
        else:
            assert after[node_id] == before[node_id]
    assert after["w1"][0] < after["mul"][0] and after["x1"][0] < after["mul"][0]
    assert window.undo_stack.count() == 1
    assert window.undo_stack.undoText() == "Auto layout (selection)"
    assert "3 selected nodes" in window.statusBar().currentMessage()


@pytest.mark.parametrize("how", ["button", "escape"])
def test_cancel_stops_the_worker_and_nothing_moves(qtbot, tmp_path, how):
    doc = scrambled_neuron()
    before = doc.copy()
    window, controller = layout_window(qtbot, tmp_path, doc)
    gate, started = threading.Event(), threading.Event()
    controller.layout_function = gated_layout(gate, started)
    try:
        press_ctrl_l(window)
        assert controller.is_running()
        qtbot.waitUntil(controller.progress.isVisible, timeout=5000)  # the busy line shows
        assert started.is_set()
        if how == "button":
            qtbot.mouseClick(controller.progress.cancel_button, Qt.MouseButton.LeftButton)
        else:
            QTest.keyClick(window.view.viewport(), Qt.Key.Key_Escape)
        wait_until_idle(qtbot, controller)
    finally:
        gate.set()
    assert doc == before
    assert window.undo_stack.count() == 0
    assert not controller.progress.isVisible()
    assert "cancelled" in window.statusBar().currentMessage()
    # Esc belongs to the canvas again: it clears the selection.
    window.view.select_node_ids(["x1"])
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_Escape)
    assert window.view.selected_node_ids() == []


def test_without_dot_the_layered_layout_runs_and_the_status_says_how_to_install(
    qtbot, tmp_path, monkeypatch
):
    monkeypatch.setenv("PATH", str(tmp_path))  # no dot program reachable
    doc = scrambled_neuron()
    window, controller = layout_window(qtbot, tmp_path, doc, engine="dot")
    press_ctrl_l(window)
    wait_until_idle(qtbot, controller)
    message = window.statusBar().currentMessage()
    assert "layered" in message and "install Graphviz" in message
    assert positions(doc) == layout(doc.copy(), engine="layered").positions
    # Said once ("... with the layered layout ... Used the layered layout: ..." ran past the
    # status bar's end), and whole in the status bar's tooltip however narrow the window.
    assert message.count("layered") == 1, message
    assert window.statusBar().toolTip() == message


def test_a_graph_edited_during_the_layout_keeps_its_positions(qtbot, tmp_path):
    doc = scrambled_neuron()
    window, controller = layout_window(qtbot, tmp_path, doc)
    gate, started = threading.Event(), threading.Event()
    # The layout ignores cancel requests: its result arrives and must be thrown away.
    controller.layout_function = gated_layout(gate, started, honour_cancel=False)
    try:
        press_ctrl_l(window)
        qtbot.waitUntil(started.is_set)
        window.view.select_node_ids(["b"])
        QTest.keyClick(window.view.viewport(), Qt.Key.Key_Delete)  # a structural edit
        assert "b" not in doc.nodes
        before = positions(doc)
    finally:
        gate.set()
    wait_until_idle(qtbot, controller)
    assert positions(doc) == before
    assert window.undo_stack.count() == 1  # the deletion only
    assert "changed" in window.statusBar().currentMessage()


def test_a_layout_finishing_after_another_file_was_opened_is_dropped(qtbot, tmp_path):
    doc = scrambled_neuron()
    window, controller = layout_window(qtbot, tmp_path, doc)
    gate, started = threading.Event(), threading.Event()
    controller.layout_function = gated_layout(gate, started, honour_cancel=False)
    other = tmp_path / "other.agraph"
    other.write_text(json.dumps(neuron_document().to_dict()), encoding="utf-8")
    try:
        press_ctrl_l(window)
        qtbot.waitUntil(started.is_set)
        assert window.open_file(other)
    finally:
        gate.set()
    wait_until_idle(qtbot, controller)
    assert positions(window.document) == positions(neuron_document())
    assert window.undo_stack.count() == 0 and not window.is_modified


def test_a_document_without_positions_opens_laid_out_without_overlaps(qtbot, tmp_path):
    source = tmp_path / "unplaced.agraph"
    data = neuron_document().to_dict()
    for node in data["nodes"]:
        node.pop("pos", None)
    source.write_text(json.dumps(data), encoding="utf-8")
    window, _ = make_window(qtbot, tmp_path)
    window.layout_controller.set_engine("layered")
    assert window.open_file(source)
    doc = window.document
    boxes = []
    for node_id, record in doc.nodes.items():
        assert record.pos is not None, node_id
        item = window.view.node_item(node_id)
        assert (item.x(), item.y()) == record.pos
        boxes.append((record.pos[0], record.pos[1], NODE_WIDTH, NODE_HEIGHT))
    for i, (x1, y1, w1, h1) in enumerate(boxes):
        for x2, y2, w2, h2 in boxes[i + 1 :]:
            assert x1 + w1 <= x2 or x2 + w2 <= x1 or y1 + h1 <= y2 or y2 + h2 <= y1
    for edge in doc.edges:
        assert doc.nodes[edge.source].pos[0] < doc.nodes[edge.target].pos[0]
    assert not window.is_modified  # opening is not an edit


def test_the_engine_choice_is_in_the_arrange_menu_and_remembered(qtbot, tmp_path):
    window, _ = make_window(qtbot, tmp_path, scrambled_neuron())
    layered = window.findChild(QAction, "actionLayoutEngineLayered")
    assert layered in window.findChild(QAction, "actionLayoutEngineAuto").actionGroup().actions()
    assert window.layout_controller.engine() == "auto"
    layered.trigger()
    assert window.layout_controller.engine() == "layered"
    window.close()
    again, _ = make_window(qtbot, tmp_path, scrambled_neuron())
    assert again.findChild(QAction, "actionLayoutEngineLayered").isChecked()
    assert again.layout_controller.engine() == "layered"


def test_closing_the_window_during_a_layout_stops_the_worker(qtbot, tmp_path):
    window, controller = layout_window(qtbot, tmp_path, scrambled_neuron())
    gate, started = threading.Event(), threading.Event()
    controller.layout_function = gated_layout(gate, started)
    press_ctrl_l(window)
    qtbot.waitUntil(started.is_set)
    job = controller._job
    try:
        assert window.close()
    finally:
        gate.set()
    assert job.isFinished()
    assert not controller.is_running()


def test_a_failing_layout_is_reported_and_nothing_moves(qtbot, tmp_path):
    doc = scrambled_neuron()
    before = doc.copy()
    window, controller = layout_window(qtbot, tmp_path, doc)

    def broken(graph, engine="auto", cancel=None, **kwargs):
        raise ValueError("no room on the canvas")

    controller.layout_function = broken
    press_ctrl_l(window)
    wait_until_idle(qtbot, controller)
    assert doc == before and window.undo_stack.count() == 0
    message = window.statusBar().currentMessage()
    assert "failed" in message and "no room on the canvas" in message


def in_view(window, node_ids) -> int:
    """How many of *node_ids* the canvas shows (their card wholly or partly in view)."""
    view = window.view
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    return sum(visible.intersects(view.node_item(n).sceneBoundingRect()) for n in node_ids)


def test_layout_and_its_undo_leave_what_was_laid_out_in_view(qtbot, tmp_path):
    doc = scrambled_neuron()
    for i, node_id in enumerate(doc.nodes):  # far off to the right of where the view looks
        doc.set_pos(node_id, (5000.0 + 37.0 * i, 3000.0 + 23.0 * ((i * 7) % 10)))
    window, controller = layout_window(qtbot, tmp_path, doc)
    window.resize(1280, 800)
    window.view.set_zoom(1.0)
    window.view.centerOn(-3000, -3000)  # looking at nothing
    ids = list(doc.nodes)
    assert in_view(window, ids) == 0
    press_ctrl_l(window)
    wait_until_idle(qtbot, controller)
    assert in_view(window, ids) >= len(ids) // 2  # laid out where the view now shows it
    window.view.centerOn(-3000, -3000)
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_Z, CTRL)  # undo: back to the strip
    assert in_view(window, ids) >= len(ids) // 2
    window.view.centerOn(-3000, -3000)
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_Z, CTRL | SHIFT)
    assert in_view(window, ids) >= len(ids) // 2

"""Opening a document without positions: a big one shows quick columns at once and is laid
out on the worker thread (busy line, Cancel, Esc), without an undo step and unmodified; a
change made meanwhile wins over the layout; a small one is laid out before it shows."""

from __future__ import annotations

import json
import threading

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

import autograd_studio.gui.window.files as window_files
from autograd_studio import Node
from autograd_studio.graph.document import GraphDocument
from autograd_studio.graph.fileformat import document_from_dict
from autograd_studio.gui.canvas.node_geometry import NODE_HEIGHT, NODE_WIDTH
from autograd_studio.gui.window.settings import StudioSettings
from autograd_studio.gui.window.show import show
from autograd_studio.layout import LayoutCancelled, layout
from autograd_studio.layout.columns import column_positions
from tests.gui.canvas_helpers import center, drag
from tests.gui.window_support import ScriptedDialogs, make_window, neuron_document


def unplaced_file(tmp_path, doc: GraphDocument | None = None):
    data = (doc or neuron_document()).to_dict()
    for node in data["nodes"]:
        node.pop("pos", None)
    path = tmp_path / "unplaced.agraph"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def gated_layout(gate: threading.Event, started: threading.Event, honour_cancel: bool = True):
    """A layout that waits on *gate* before laying out (stops on cancel unless told not)."""

    def run(graph, engine="auto", cancel=None, **kwargs):
        started.set()
        while not gate.wait(0.005):
            if honour_cancel and cancel is not None and cancel():
                raise LayoutCancelled("cancelled")
        return layout(graph, engine="layered")

    return run


@pytest.fixture
def gate():
    gate = threading.Event()
    yield gate
    gate.set()  # never leave a worker waiting


@pytest.fixture
def big(monkeypatch):
    """Every document counts as big: it is laid out on the worker."""
    monkeypatch.setattr(window_files, "OPEN_LAYOUT_SYNC_NODES", 0)


def opened_window(qtbot, tmp_path, gate, honour_cancel=True):
    """A window whose opening layout waits on *gate*; the unplaced neuron is being opened."""
    window, dialogs = make_window(qtbot, tmp_path)
    controller = window.layout_controller
    controller.set_engine("layered")
    started = threading.Event()
    controller.layout_function = gated_layout(gate, started, honour_cancel)
    window.activateWindow()
    window.view.setFocus()
    qtbot.waitUntil(lambda: window.isActiveWindow() and window.view.hasFocus())
    assert window.open_file(unplaced_file(tmp_path)), dialogs.errors
    qtbot.waitUntil(started.is_set)
    return window, controller


def positions(doc: GraphDocument) -> dict[str, tuple[float, float] | None]:
    return {node_id: record.pos for node_id, record in doc.nodes.items()}


def assert_no_overlaps(doc: GraphDocument) -> None:
    boxes = [(x, y) for x, y in (record.pos for record in doc.nodes.values())]
    for i, (x1, y1) in enumerate(boxes):
        for x2, y2 in boxes[i + 1 :]:
            apart_x = x1 + NODE_WIDTH <= x2 or x2 + NODE_WIDTH <= x1
            assert apart_x or y1 + NODE_HEIGHT <= y2 or y2 + NODE_HEIGHT <= y1


def test_a_big_unplaced_document_opens_at_once_and_is_laid_out_on_the_worker(
    qtbot, tmp_path, big, gate
):
    window, controller = opened_window(qtbot, tmp_path, gate)
    doc = window.document
    # Open returned while the layout still runs: quick columns, no undo step, unmodified.
    assert controller.is_running()
    provisional = column_positions(unplaced_file_doc(tmp_path))
    assert positions(doc) == provisional
    assert not window.is_modified and window.undo_stack.count() == 0
    qtbot.waitUntil(controller.progress.isVisible)  # the busy line, with Cancel
    assert "Laying out 10 nodes" in controller.progress.label.text()

    gate.set()
    qtbot.waitUntil(lambda: not controller.is_running())
    expected = layout(doc.copy(), engine="layered").positions
    assert positions(doc) == expected
    for node_id, (x, y) in expected.items():  # the canvas follows
        item = window.view.node_item(node_id)
        assert (item.x(), item.y()) == (x, y)
    assert_no_overlaps(doc)
    assert not window.is_modified and window.undo_stack.count() == 0
    assert not window.isWindowModified()
    assert not controller.progress.isVisible()
    assert "Laid out" in window.statusBar().currentMessage()


def unplaced_file_doc(tmp_path) -> GraphDocument:
    return document_from_dict(json.loads((tmp_path / "unplaced.agraph").read_text()))


@pytest.mark.parametrize("how", ["button", "escape"])
def test_cancel_keeps_the_quick_columns_and_a_usable_document(qtbot, tmp_path, big, gate, how):
    window, controller = opened_window(qtbot, tmp_path, gate)
    doc = window.document
    provisional = positions(doc)
    qtbot.waitUntil(controller.progress.isVisible)
    if how == "button":
        qtbot.mouseClick(controller.progress.cancel_button, Qt.MouseButton.LeftButton)
    else:
        QTest.keyClick(window.view.viewport(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not controller.is_running())
    assert positions(doc) == provisional
    assert_no_overlaps(doc)
    assert not window.is_modified and window.undo_stack.count() == 0
    assert "cancelled" in window.statusBar().currentMessage()
    assert "quick columns" in window.statusBar().currentMessage()
    # Usable: Backward works, and Ctrl+L lays it out as one undo step.
    window.run_backward()
    assert window.session.results.grad[doc.output] == 1.0
    gate.set()
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not controller.is_running() and not controller.is_animating())
    assert positions(doc) == layout(doc.copy(), engine="layered").positions
    assert window.undo_stack.count() == 1


def test_a_node_deleted_during_the_opening_layout_discards_its_result(qtbot, tmp_path, big, gate):
    # The layout ignores the cancel request: its result arrives and must be thrown away.
    window, controller = opened_window(qtbot, tmp_path, gate, honour_cancel=False)
    doc = window.document
    window.view.select_node_ids(["b"])
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_Delete)
    assert "b" not in doc.nodes
    before = positions(doc)
    gate.set()
    qtbot.waitUntil(lambda: not controller.is_running())
    assert positions(doc) == before
    assert window.undo_stack.count() == 1  # the deletion only
    assert "changed" in window.statusBar().currentMessage()
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "b" in doc.nodes and not window.is_modified


def test_a_node_dragged_during_the_opening_layout_stays_where_it_was_put(
    qtbot, tmp_path, big, gate
):
    window, controller = opened_window(qtbot, tmp_path, gate, honour_cancel=False)
    doc = window.document
    start = center(window.view, "x1")
    drag(window.view, start, start + QPointF(120, 60), steps=8)
    moved = doc.nodes["x1"].pos
    assert moved != column_positions(unplaced_file_doc(tmp_path))["x1"]
    before = positions(doc)
    gate.set()
    qtbot.waitUntil(lambda: not controller.is_running())
    assert positions(doc) == before and doc.nodes["x1"].pos == moved
    assert window.undo_stack.count() == 1  # the move, undoable as ever
    assert "changed" in window.statusBar().currentMessage()


def test_opening_another_file_during_the_opening_layout_drops_it(qtbot, tmp_path, big, gate):
    window, controller = opened_window(qtbot, tmp_path, gate, honour_cancel=False)
    placed = tmp_path / "placed.agraph"
    placed.write_text(json.dumps(neuron_document().to_dict()), encoding="utf-8")
    assert window.open_file(placed)
    assert not controller.is_running()
    gate.set()
    qtbot.waitUntil(lambda: not controller._abandoned)
    assert positions(window.document) == positions(neuron_document())
    assert not window.is_modified


def test_a_small_unplaced_document_is_laid_out_before_it_shows(qtbot, tmp_path):
    window, _ = make_window(qtbot, tmp_path)
    window.layout_controller.set_engine("layered")
    assert window.open_file(unplaced_file(tmp_path))
    assert not window.layout_controller.is_running()  # nothing left for the worker
    doc = window.document
    assert positions(doc) == layout(doc.copy(), engine="layered").positions
    assert not window.is_modified


def test_show_of_a_big_engine_graph_is_laid_out_on_the_worker(qtbot, tmp_path, big):
    x, w = Node(2.0, label="x"), Node(-3.0, label="w")
    y = (w * x + x).tanh()
    settings = StudioSettings.at_path(tmp_path / "s.ini")
    window = show(y, block=False, weights=[w], settings=settings, dialogs=ScriptedDialogs())
    qtbot.addWidget(window)
    controller = window.layout_controller
    qtbot.waitUntil(lambda: not controller.is_running())
    doc = window.document
    xs = {r.label: r.pos[0] for r in doc.nodes.values()}
    assert xs["x"] < doc.nodes[doc.output].pos[0]
    assert_no_overlaps(doc)
    assert not window.is_modified
    assert window.close()

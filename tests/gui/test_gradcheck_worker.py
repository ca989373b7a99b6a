"""The gradient check on its worker thread: the same rows as the synchronous check, over a
snapshot (never the live document), a busy line with Cancel and Esc, and no stale rows
after an edit made while it ran.  A gated check function makes the timing deterministic."""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

import autograd_studio.gui.panels.gradient_check as gradcheck_panel
import autograd_studio.gui.panels.gradient_check_job as gradcheck_job
from autograd_studio.analysis.gradcheck import GradCheckCancelled, gradcheck
from autograd_studio.gui.panels.gradient_check import COLUMNS
from tests.gui.backward_support import CTRL, SHIFT, open_window, press
from tests.gui.window_support import edit_value


def table(panel) -> list[list[str]]:
    return [
        [panel.table.item(row, c).text() for c in range(len(COLUMNS))]
        for row in range(panel.table.rowCount())
    ]


def grad_of(panel, label: str) -> str:
    names = [panel.table.item(row, 0).text() for row in range(panel.table.rowCount())]
    return panel.table.item(names.index(label), COLUMNS.index("Analytic grad")).text()


@pytest.fixture
def no_torch(monkeypatch):
    monkeypatch.setitem(sys.modules, "torch", None)


@pytest.fixture
def on_worker(monkeypatch):
    """Every graph counts as big enough for the worker thread."""
    monkeypatch.setattr(gradcheck_panel, "SYNC_CHECK_NODES", 0)


@pytest.fixture
def gate():
    gate = threading.Event()
    yield gate
    gate.set()  # never leave a worker waiting


class GatedCheck:
    """A check that waits on *gate* first; records the documents it was given."""

    def __init__(self, gate: threading.Event, honour_cancel: bool = True) -> None:
        self.gate, self.honour_cancel = gate, honour_cancel
        self.started = threading.Event()
        self.documents = []

    def __call__(self, doc, cancel=None, **kwargs):
        self.documents.append(doc)
        self.started.set()
        while not self.gate.wait(0.005):
            if self.honour_cancel and cancel is not None and cancel():
                raise GradCheckCancelled("cancelled")
        return gradcheck(doc, cancel=cancel, **kwargs)


def start_gated_check(qtbot, tmp_path, gate, honour_cancel=True):
    window, _ = open_window(qtbot, tmp_path, "neuron-active")
    panel = window.backward_tools.gradcheck_panel
    check = GatedCheck(gate, honour_cancel)
    panel.check_function = check
    press(window, Qt.Key.Key_C, CTRL | SHIFT)
    assert panel.is_running()
    qtbot.waitUntil(check.started.is_set)
    return window, panel, check


def test_the_worker_shows_the_same_rows_as_the_synchronous_check(
    qtbot, tmp_path, monkeypatch, on_worker
):
    window, _ = open_window(qtbot, tmp_path, "mlp-mse")
    panel = window.backward_tools.gradcheck_panel
    press(window, Qt.Key.Key_C, CTRL | SHIFT)
    assert panel.is_running()  # Ctrl+Shift+C returned at once
    with qtbot.waitSignal(panel.checked, timeout=30_000) as done:
        pass
    assert done.args[0] is panel.result
    on_worker_rows = table(panel)
    assert panel.result.parameters == gradcheck(window.document, limit=panel.limit).parameters

    monkeypatch.setattr(gradcheck_panel, "SYNC_CHECK_NODES", 10_000)
    QTest.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    assert not panel.is_running()  # checked right there
    assert table(panel) == on_worker_rows and len(on_worker_rows) > 5


def test_the_worker_reads_a_snapshot_never_the_live_document(
    qtbot, tmp_path, no_torch, on_worker, gate
):
    window, panel, check = start_gated_check(qtbot, tmp_path, gate)
    gate.set()
    qtbot.waitUntil(lambda: not panel.is_running())
    [snapshot] = check.documents
    assert snapshot is not window.document and snapshot == window.document
    assert snapshot._observers == []  # nothing of the editor listens to it
    assert panel.result is not None and panel.result.passed


@pytest.mark.parametrize("how", ["button", "escape"])
def test_cancel_stops_the_check_and_shows_no_rows(qtbot, tmp_path, no_torch, on_worker, gate, how):
    _window, panel, _check = start_gated_check(qtbot, tmp_path, gate)
    qtbot.waitUntil(panel.busy.isVisible)  # the busy line, after a moment
    assert "Checking 5 inputs and weights" in panel.busy_label.text()
    assert not panel.run_button.isEnabled()
    if how == "button":
        QTest.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    else:
        panel.table.setFocus()
        QTest.keyClick(panel.table, Qt.Key.Key_Escape)
    assert not panel.is_running() and not panel.busy.isVisible()
    assert panel.run_button.isEnabled()
    assert "cancelled" in panel.summary.text()
    qtbot.waitUntil(lambda: not gradcheck_job._LIVE_JOBS)  # the worker saw it and ended
    assert panel.result is None and panel.table.rowCount() == 0
    # Run again works.
    QTest.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    gate.set()
    qtbot.waitUntil(lambda: panel.result is not None)
    assert panel.table.rowCount() == 5


def test_an_edit_during_the_check_never_shows_its_rows_and_a_small_graph_is_rechecked(
    qtbot, tmp_path, no_torch, on_worker, gate
):
    # The check ignores cancel requests: its rows arrive, and must be thrown away.
    window, panel, check = start_gated_check(qtbot, tmp_path, gate, honour_cancel=False)
    shown = []
    panel.checked.connect(shown.append)
    edit_value(qtbot, window, "x1", "5")  # dy/dw1 = x1 becomes 5
    assert not panel.is_running() or len(check.documents) == 2
    gate.set()
    qtbot.waitUntil(lambda: len(shown) == 1 and not panel.is_running(), timeout=10_000)
    qtbot.waitUntil(lambda: not gradcheck_job._LIVE_JOBS)  # the first check ended too
    assert len(shown) == 1  # only the check of the edited graph was shown
    assert grad_of(panel, "w1") == "5.0000"
    assert [d.nodes["x1"].value for d in check.documents] == [2.0, 5.0]
    assert not panel.stale and panel.table.isEnabled()


def test_an_edit_during_the_check_of_a_big_graph_marks_it_out_of_date(
    qtbot, tmp_path, monkeypatch, no_torch, on_worker, gate
):
    monkeypatch.setattr(gradcheck_panel, "AUTO_RERUN_NODES", 3)  # "big" = more than 3 nodes
    window, panel, _check = start_gated_check(qtbot, tmp_path, gate, honour_cancel=False)
    shown = []
    panel.checked.connect(shown.append)
    edit_value(qtbot, window, "x1", "5")
    assert not panel.is_running() and panel.stale
    assert "changed while it was being checked" in panel.summary.text()
    gate.set()
    qtbot.waitUntil(lambda: not gradcheck_job._LIVE_JOBS)
    assert shown == [] and panel.result is None and panel.table.rowCount() == 0
    QTest.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.result is not None)
    assert grad_of(panel, "w1") == "5.0000" and not panel.stale

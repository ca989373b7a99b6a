"""The Gradient Check panel: every input and weight's grad against central differences and
PyTorch, in a table.

It runs :func:`autograd_studio.analysis.gradcheck.gradcheck`, the very function behind
``autograd-studio check``, so the editor and the command line can never disagree.  A check
runs when asked (Run, Graph > Check Gradients); after an edit a small graph is checked again
by itself, a big one is marked out of date until the next Run, so typing a value into a
65,000-node graph never waits for two forward passes per weight.

A small graph (up to :data:`SYNC_CHECK_NODES` nodes, with PyTorch already imported or not
installed) is checked on the GUI thread: it takes milliseconds.  Anything else runs on a
:class:`GradCheckJob` thread over a :meth:`~autograd_studio.graph.document.GraphDocument.
snapshot` of the document, so the worker never touches the live document or a Qt object; a
busy line with Cancel (or Esc) shows while it runs.  An edit while it runs stops it: its
rows would describe a graph that is gone (a small graph is then checked again, a big one is
marked out of date).  Tests replace :attr:`GradCheckPanel.check_function` to make a check
slow.
"""

from __future__ import annotations

import atexit
import importlib.util
import math
import sys
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from autograd_studio.analysis.gradcheck import (
    DEFAULT_LIMIT,
    GradCheckCancelled,
    GradCheckError,
    GradCheckResult,
    ParameterCheck,
    gradcheck,
)
from autograd_studio.graph.document import DocumentEvent, GraphDocument
from autograd_studio.gui.editing.session import EditorSession
from autograd_studio.gui.jobs.busy_line import BusyLine
from autograd_studio.gui.jobs.worker import CancellableJob
from autograd_studio.gui.look.icons import action_icon
from autograd_studio.gui.look.wording import english_plural
from autograd_studio.numbers import canvas_number, shown_number

__all__ = ["AUTO_RERUN_NODES", "COLUMNS", "SYNC_CHECK_NODES", "GradCheckJob", "GradCheckPanel"]

#: Graphs up to this many nodes are checked again after every edit (while shown).
AUTO_RERUN_NODES = 300
#: Graphs up to this many nodes are checked on the GUI thread when PyTorch is imported
#: already (or missing): a 300-node graph takes about 3 ms with the cross-check, and the
#: table then never flickers through a busy state on every edit.  The first check that
#: would import PyTorch (1-2 s) always goes to the worker.
SYNC_CHECK_NODES = 300
#: The busy line appears only for checks that take longer than this.
BUSY_AFTER_MS = 200

CheckFunction = Callable[..., GradCheckResult]
# Jobs still running, kept alive until their thread ends (a QThread must not be destroyed
# while it runs, even when the panel that started it is gone).
_LIVE_JOBS: set[GradCheckJob] = set()


@atexit.register
def _stop_live_jobs() -> None:
    # Python is exiting (a script, a test run) while a check still runs: stop it and let
    # its thread end before Qt would destroy it running.
    for job in list(_LIVE_JOBS):
        job.cancel()
        job.wait(10_000)


# Texts are marked here and translated where they are shown (context "GradCheckPanel").
COLUMNS = (
    QT_TRANSLATE_NOOP("GradCheckPanel", "Node"),
    QT_TRANSLATE_NOOP("GradCheckPanel", "Kind"),
    QT_TRANSLATE_NOOP("GradCheckPanel", "Value"),
    QT_TRANSLATE_NOOP("GradCheckPanel", "Analytic grad"),
    QT_TRANSLATE_NOOP("GradCheckPanel", "Central difference"),
    QT_TRANSLATE_NOOP("GradCheckPanel", "Abs error"),
    QT_TRANSLATE_NOOP("GradCheckPanel", "Rel error"),
    QT_TRANSLATE_NOOP("GradCheckPanel", "PyTorch grad"),
    QT_TRANSLATE_NOOP("GradCheckPanel", "Result"),
)
_INVITATION = QT_TRANSLATE_NOOP(
    "GradCheckPanel",
    "Press <b>Run</b> to compare every grad with central differences and PyTorch.",
)
_STATUS = {
    "ok": (QT_TRANSLATE_NOOP("GradCheckPanel", "✓ pass"), "#1a7f37"),
    "kink": (QT_TRANSLATE_NOOP("GradCheckPanel", "≈ kink"), "#9a6700"),
    "undefined": (QT_TRANSLATE_NOOP("GradCheckPanel", "? undefined"), "#9a6700"),
    "imprecise": (QT_TRANSLATE_NOOP("GradCheckPanel", "? cannot check"), "#9a6700"),
    "fail": (QT_TRANSLATE_NOOP("GradCheckPanel", "✗ FAIL"), "#cf222e"),
}


def _torch_ready() -> bool:
    """Whether a check would not import PyTorch now: imported already, or not installed."""
    if "torch" in sys.modules:  # None there (a blocked import) counts as missing
        return True
    try:
        return importlib.util.find_spec("torch") is None
    except (ImportError, ValueError):
        return True


class GradCheckJob(CancellableJob):
    """One gradient check on a worker thread, over a snapshot nobody else touches."""

    cancelled_errors = (GradCheckCancelled,)
    user_errors = (GradCheckError,)

    def __init__(
        self, document: GraphDocument, limit: int | None, check_function: CheckFunction
    ) -> None:
        super().__init__()
        self.document = document
        self.limit = limit
        self._check = check_function
        _LIVE_JOBS.add(self)
        self.finished.connect(self._forget)

    def _forget(self) -> None:
        _LIVE_JOBS.discard(self)
        self.deleteLater()

    def work(self, cancel: Callable[[], bool]) -> GradCheckResult:
        return self._check(self.document, limit=self.limit, cancel=cancel)


class GradCheckPanel(QWidget):
    """The dock's widget over one editing session (its document is checked).

    ``result`` is the last :class:`GradCheckResult` (``None`` before the first run or after
    an error, which ``summary`` then explains); ``stale`` says whether the graph changed
    since.  ``nodeActivated`` carries the id of a clicked row's node.
    """

    nodeActivated = Signal(str)
    checked = Signal(object)

    def __init__(self, session: EditorSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gradCheckPanel")
        self.session = session
        self.result: GradCheckResult | None = None
        self.stale = False
        self.limit: int | None = DEFAULT_LIMIT
        #: what checks the document; same signature as :func:`gradcheck` (tests slow it).
        self.check_function: CheckFunction = gradcheck
        self._job: GradCheckJob | None = None

        self.run_button = QPushButton(action_icon("check"), self.tr("Run"), self)
        self.run_button.setObjectName("runGradCheck")
        self.run_button.setToolTip(self.tr("Check every grad now (Ctrl+Shift+C)"))
        self.run_button.clicked.connect(self.run)
        self.summary = QLabel(self)
        self.summary.setObjectName("gradCheckSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.run_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.summary, 1)

        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("gradCheckTable")
        self.table.setHorizontalHeaderLabels([self.tr(text) for text in COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.cellClicked.connect(self._on_cell)

        self.torch_note = QLabel(self)
        self.torch_note.setObjectName("torchNote")
        self.torch_note.setWordWrap(True)
        self.torch_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.torch_note.hide()

        self.busy = BusyLine(
            self.tr("Cancel"), self.tr("Stop the check (Esc)"), "cancelGradCheck", self, margin=0
        )
        self.busy.setObjectName("gradCheckBusy")
        self.busy_label, self.cancel_button = self.busy.label, self.busy.cancel_button
        self.cancel_button.clicked.connect(self.cancel)
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.timeout.connect(self._show_busy)
        self._escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        self._escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._escape.setEnabled(False)
        self._escape.activated.connect(self.cancel)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.busy)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.torch_note)

        self._cannot_check = False
        self._rerun = QTimer(self)
        self._rerun.setSingleShot(True)
        self._rerun.setInterval(250)
        self._rerun.timeout.connect(self._auto_rerun)
        session.documentReplaced.connect(self._on_document_replaced)
        session.valuesChanged.connect(self._on_values_changed)
        self._show_summary(self.tr(_INVITATION))

    # --- running -----------------------------------------------------------------------------

    def run(self) -> GradCheckResult | None:
        """Check the document now and show the table.

        A small graph is checked at once and its result returned; otherwise the check runs
        on a worker thread, ``None`` is returned, and :attr:`checked` says when it is done.
        """
        self._rerun.stop()
        self._abandon()  # a check still running describes an older graph
        self.session.fresh_results()  # a pending edit is evaluated first
        doc = self.session.document
        if len(doc.nodes) > SYNC_CHECK_NODES or not _torch_ready():
            self._start(doc)
            return None
        try:
            result = self.check_function(doc, limit=self.limit)
        except GradCheckError as exc:
            self._show_error(str(exc))
            return None
        self._show_result(result)
        return result

    def is_running(self) -> bool:
        """Whether a check is running on the worker thread."""
        return self._job is not None

    def cancel(self) -> None:
        """Stop the running check; the table keeps what it showed before."""
        if self._job is None:
            return
        self._abandon()
        self._show_summary(
            self.tr("Check cancelled. Press <b>Run</b> to check again.")
            + (self.tr(" The table shows the previous check.") if self.table.rowCount() else "")
        )

    def _start(self, doc: GraphDocument) -> None:
        job = GradCheckJob(doc.snapshot(), self.limit, self.check_function)
        job.succeeded.connect(self._on_job_succeeded)
        job.failed.connect(self._on_job_failed)
        job.cancelled.connect(self._on_job_cancelled)
        self._job = job
        leaves = sum(1 for record in doc.nodes.values() if record.op is None)
        checked = min(leaves, self.limit) if self.limit else leaves
        self.busy_label.setText(self.tr("Checking {0} inputs and weights…").format(f"{checked:,}"))
        self.run_button.setEnabled(False)
        self._escape.setEnabled(True)
        self._busy_timer.start(BUSY_AFTER_MS)
        job.start()

    def _show_busy(self) -> None:
        if self._job is not None:
            self.busy.show()

    def _abandon(self) -> None:
        """Forget the running check: it is asked to stop, and whatever it sends is ignored."""
        job = self._job
        if job is None:
            return
        self._job = None
        for signal in (job.succeeded, job.failed, job.cancelled):
            signal.disconnect()
        job.cancel()
        self._idle()

    def _idle(self) -> None:
        self._busy_timer.stop()
        self.busy.hide()
        self.run_button.setEnabled(True)
        self._escape.setEnabled(False)

    def _finish_job(self) -> None:
        self._job = None
        self._idle()

    def _on_job_succeeded(self, result: GradCheckResult) -> None:
        self._finish_job()
        self._show_result(result)

    def _on_job_failed(self, message: str) -> None:
        self._finish_job()
        self._show_error(message)

    def _on_job_cancelled(self) -> None:
        self._finish_job()

    def _show_result(self, result: GradCheckResult) -> None:
        self.result = result
        self.stale = False
        self._fill(result)
        self._cannot_check = False
        self.checked.emit(result)

    def _show_error(self, message: str) -> None:
        self.result = None
        self.stale = False
        self._cannot_check = True  # "no output" and the like: the next fix checks again
        self.table.setRowCount(0)
        self.torch_note.hide()
        self._show_summary(self.tr("Cannot check: {0}.").format(message))
        self.checked.emit(None)

    def _on_cell(self, row: int, _column: int) -> None:
        item = self.table.item(row, 0)
        if item is not None:
            self.nodeActivated.emit(item.data(Qt.ItemDataRole.UserRole))

    def _auto_rerun(self) -> None:
        if self.isVisible() and (self.result is not None or self.stale or self._cannot_check):
            self.run()

    # --- showing -----------------------------------------------------------------------------

    def _fill(self, result: GradCheckResult) -> None:
        torch = result.torch
        torch_grads = torch.grads if torch is not None and torch.available else {}
        mismatched = (
            {(m.node_id, m.quantity) for m in torch.mismatches} if torch is not None else set()
        )
        self.table.setRowCount(len(result.parameters))
        for row, entry in enumerate(result.parameters):
            torch_grad = torch_grads.get(entry.node_id)
            cells = [
                entry.label or entry.node_id,
                entry.kind,
                canvas_number(entry.value),
                canvas_number(entry.analytic),
                canvas_number(entry.numeric),
                _error(entry.abs_error),
                _error(entry.rel_error),
                shown_number(torch_grad),
                self.tr(_STATUS[entry.status][0]) if entry.status in _STATUS else entry.status,
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, entry.node_id)
                if 2 <= column <= 7:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                    item.setFont(_mono())
                self.table.setItem(row, column, item)
            self._mark(row, entry, (entry.node_id, "grad") in mismatched)
        self.table.setEnabled(True)
        self._show_summary(self._summary_html(result))
        if torch is not None and not torch.available:
            self.torch_note.setText(self.tr("PyTorch column: {0}").format(torch.reason))
            self.torch_note.show()
        else:
            self.torch_note.hide()

    def _mark(self, row: int, entry: ParameterCheck, torch_disagrees: bool) -> None:
        _text, color = _STATUS.get(entry.status, (entry.status, ""))
        result_item = self.table.item(row, len(COLUMNS) - 1)
        if color:
            result_item.setForeground(QBrush(QColor(color)))
        font = result_item.font()
        font.setBold(True)
        result_item.setFont(font)
        result_item.setToolTip(self._status_tip(entry))
        if torch_disagrees:
            torch_item = self.table.item(row, 7)
            torch_item.setForeground(QBrush(QColor(_STATUS["fail"][1])))
            torch_item.setToolTip(self.tr("PyTorch's grad differs from the analytic grad"))

    def _status_tip(self, entry: ParameterCheck) -> str:
        if entry.status == "ok":
            return self.tr("The central difference agrees with the analytic grad.")
        if entry.status == "kink":
            return self.tr(
                "Not smooth here (e.g. relu at 0); the analytic grad matches a one-sided "
                "difference."
            )
        if entry.status == "undefined":
            return self.tr(
                "The output is undefined within the step (nan/inf): finite differences "
                "cannot judge this one."
            )
        if entry.status == "imprecise":
            return self.tr(
                "Cannot check numerically: at this magnitude the step is lost in the output's "
                "rounding, so the difference cannot judge the grad (PyTorch still does)."
            )
        if entry.status == "fail":
            return self.tr(
                "The analytic grad disagrees with the central difference: a wrong local derivative?"
            )
        return entry.status

    def _summary_html(self, result: GradCheckResult) -> str:
        checked = len(result.parameters)
        fails = len(result.failures)
        what = english_plural(self.tr("%n input(s) and weights", "", checked), checked)
        if result.sampled:
            what = self.tr("{0} of {1} inputs and weights (an even sample)").format(
                checked, f"{result.total_parameters:,}"
            )
        torch = result.torch
        ran = torch is not None and torch.available
        if result.passed:
            head = "<span style='color:#1a7f37'><b>" + self.tr("✓ Passed") + "</b></span>"
            versus = (
                self.tr("central differences and PyTorch {0} (float64)").format(torch.version)
                if ran
                else self.tr("central differences (PyTorch not installed)")
            )
            body = self.tr("{0} agree with {1}.").format(what, versus)
        else:
            head = "<span style='color:#cf222e'><b>" + self.tr("✗ Failed") + "</b></span>"
            parts = []
            if fails:
                parts.append(
                    self.tr("{0} of {1} disagree with central differences").format(fails, what)
                )
            if ran and not torch.passed:
                count = len(torch.mismatches)
                parts.append(
                    english_plural(
                        self.tr("PyTorch {0} disagrees on %n value(s)", "", count), count
                    ).format(torch.version)
                )
            body = "; ".join(parts) + "."
        rule = self.tr(
            "step {0}·max(1, |value|); pass when |analytic − numeric| ≤ {1} + {2}·|grad|"
        )
        rule = rule.format(f"{result.step:g}", f"{result.atol:g}", f"{result.rtol:g}")
        tolerance = f"<br><small>{rule}</small>"
        return f"{head} {body}{tolerance}"

    def _show_summary(self, html: str) -> None:
        self.summary.setText(html)

    # --- following the document --------------------------------------------------------------

    def _on_document_replaced(self, _document) -> None:
        # Another file: the table was not its.
        self._abandon()
        self.result = None
        self.stale = False
        self.table.setRowCount(0)
        self.torch_note.hide()
        self._show_summary(self.tr(_INVITATION))

    def _on_values_changed(self, _event: DocumentEvent) -> None:
        if self._job is not None:
            # The rows being computed describe the graph before this edit: never show them.
            self._abandon()
            self.stale = True
            if len(self.session.document.nodes) <= AUTO_RERUN_NODES and self.isVisible():
                self._rerun.start()
                return
            self.table.setEnabled(False)
            self._show_summary(
                self.tr(
                    "<b>The graph changed while it was being checked.</b> Press <b>Run</b> to "
                    "check again."
                )
            )
            return
        if self.result is None and not self.stale and not self._cannot_check:
            return
        if len(self.session.document.nodes) <= AUTO_RERUN_NODES and self.isVisible():
            self._rerun.start()
            return
        self.stale = True
        self.table.setEnabled(False)
        self._show_summary(
            self.tr(
                "<b>The graph changed since this check.</b> Press <b>Run</b> to check again "
                "(big graphs are not rechecked on every edit)."
            )
        )


def _error(x: float) -> str:
    if math.isnan(x):
        return "nan"
    return "0" if x == 0.0 else f"{x:.2e}"


def _mono() -> QFont:
    font = QFont("DejaVu Sans Mono")
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSizeF(QGuiApplication.font().pointSizeF() - 0.5)
    return font

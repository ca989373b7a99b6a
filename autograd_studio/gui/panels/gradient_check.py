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

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from autograd_studio.analysis.gradcheck import (
    DEFAULT_LIMIT,
    GradCheckError,
    GradCheckResult,
    gradcheck,
)
from autograd_studio.graph.document import DocumentEvent, GraphDocument
from autograd_studio.gui.editing.session import EditorSession
from autograd_studio.gui.jobs.busy_line import BusyLine
from autograd_studio.gui.look.icons import action_icon
from autograd_studio.gui.look.sentences import said, said_error
from autograd_studio.gui.look.wording import english_plural
from autograd_studio.gui.panels.gradient_check_job import CheckFunction, GradCheckJob, torch_ready
from autograd_studio.gui.panels.gradient_check_table import COLUMNS, GradCheckTable

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

_INVITATION = QT_TRANSLATE_NOOP(
    "GradCheckPanel",
    "Press <b>Run</b> to compare every grad with central differences and PyTorch.",
)


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

        self.table = GradCheckTable(self)
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
        if len(doc.nodes) > SYNC_CHECK_NODES or not torch_ready():
            self._start(doc)
            return None
        try:
            result = self.check_function(doc, limit=self.limit)
        except GradCheckError as exc:
            self._show_error(said_error(exc))
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
        node_id = self.table.node_at(row)
        if node_id is not None:
            self.nodeActivated.emit(node_id)

    def _auto_rerun(self) -> None:
        if self.isVisible() and (self.result is not None or self.stale or self._cannot_check):
            self.run()

    # --- showing -----------------------------------------------------------------------------

    def _fill(self, result: GradCheckResult) -> None:
        self.table.show_result(result)
        self.table.setEnabled(True)
        self._show_summary(self._summary_html(result))
        torch = result.torch
        if torch is not None and not torch.available:
            self.torch_note.setText(self.tr("PyTorch column: {0}").format(said(torch.reason)))
            self.torch_note.show()
        else:
            self.torch_note.hide()

    def _summary_html(self, result: GradCheckResult) -> str:
        """The verdict over the table, with the rule the check used."""
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
                        self.tr("PyTorch {0} disagrees on %n value(s)", "", count),
                        count,
                    ).format(torch.version)
                )
            body = "; ".join(parts) + "."
        rule = self.tr(
            "step {0}·max(1, |value|); pass when |analytic − numeric| ≤ {1} + {2}·|grad|",
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

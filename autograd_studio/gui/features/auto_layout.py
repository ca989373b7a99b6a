"""Arrange > Auto Layout in the editor: a worker thread, a progress line, Cancel, one undo step.

:class:`AutoLayoutController` is what the main window's ``actionAutoLayout`` (Ctrl+L) runs:

1. it snapshots the graph on the GUI thread (a :class:`~autograd_studio.layout.LayoutGraph`
   with the cards' real sizes; the selection only when two or more nodes are selected);
2. a :class:`LayoutJob` thread runs the pure :func:`~autograd_studio.layout.layout` on it,
   with the engine chosen in Arrange > Layout Engine (remembered in the settings);
3. a layout that takes a while shows a busy line with Cancel in the status bar; Esc or the
   button stops it (a ``dot`` subprocess is killed) and nothing moves;
4. the result becomes one :class:`~autograd_studio.gui.editing.commands.SetPositionsCommand`, after
   a short animation of the items when the graph is small and animation is on.

A structural edit while the layout runs (a node or edge added or removed) stops it: its
positions would belong to another graph.  During the animation any edit stops it and puts
the items back where the document says.  The status bar names the engine that ran and, when
``dot`` was wanted but missing, how to install Graphviz.

A document opened without positions takes the same path (:meth:`~AutoLayoutController.
start_opening`, from ``window_files``): it shows quick columns at once, and the layout's
result is part of opening it: no undo step, the document stays unmodified.  Cancelling
leaves the columns; a structural edit or a node moved by hand meanwhile discards the result.

Tests replace :attr:`AutoLayoutController.layout_function` (same signature as ``layout``)
to make a layout slow or failing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication

from autograd_studio.graph.document import DocumentEvent, GraphDocument
from autograd_studio.graph.positions import PositionArray
from autograd_studio.gui.canvas.node_geometry import node_size
from autograd_studio.gui.editing.commands import SetPositionsCommand
from autograd_studio.gui.features.layout_animation import LayoutAnimation, Positions
from autograd_studio.gui.features.layout_job import (
    LayoutFunction,
    LayoutJob,
    LayoutProgress,
    layout_report,
)
from autograd_studio.gui.look.wording import nodes_text, selected_nodes_text
from autograd_studio.layout import LayoutGraph, LayoutResult, layout

if TYPE_CHECKING:
    from autograd_studio.gui.window.main_window import MainWindow

__all__ = ["ANIMATE_UP_TO", "AutoLayoutController"]

#: Layouts moving more nodes than this jump into place: animating thousands of items and
#: their edges would be a slideshow.
ANIMATE_UP_TO = 1500
#: The busy line appears only for layouts that take longer than this (no flicker on Ctrl+L).
PROGRESS_AFTER_MS = 300


class AutoLayoutController(QObject):
    """Arrange > Auto Layout for one main window (installed by the window itself)."""

    def __init__(self, window: MainWindow, layout_function: LayoutFunction = layout) -> None:
        super().__init__(window)
        self.window = window
        #: what runs on the worker thread; same signature as :func:`layout`.
        self.layout_function = layout_function
        self._job: LayoutJob | None = None
        self._job_document: GraphDocument | None = None
        self._job_structure = 0
        self._job_selection = False
        self._job_opening = False  # laying out a document just opened: no undo step
        self._job_moved = False  # someone moved a node while an opening layout ran
        self._abandoned: list[LayoutJob] = []  # cancelled, still finishing, results unwanted
        self._animation = LayoutAnimation(
            lambda: self.window.view.graph_scene, self._animation_arrived, self
        )
        self._animated_commit: tuple[GraphDocument, str, str] | None = None
        self._applying = False  # our own command is moving nodes: not an outside edit

        self.progress = LayoutProgress()
        window.statusBar().addPermanentWidget(self.progress)
        self.progress.cancel_button.clicked.connect(self.cancel)
        self._progress_timer = QTimer(self)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.timeout.connect(self._show_progress)
        # Esc stops a running layout from anywhere in the window; otherwise it stays the
        # canvas's (cancel a gesture, clear the selection).
        self._escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), window)
        self._escape.setContext(Qt.ShortcutContext.WindowShortcut)
        self._escape.setEnabled(False)
        self._escape.activated.connect(self.cancel)
        # Another job's Esc is on too (a big file opening): each press stops one of them.
        self._escape.activatedAmbiguously.connect(self.cancel)

        self._build_actions()
        # A layout, its Undo and its Redo each leave the nodes they moved in view.
        self._stack_index = window.undo_stack.index()
        window.undo_stack.indexChanged.connect(self._on_stack_index)
        window.session.documentReplaced.connect(self._on_document_replaced)
        window.session.documentChanged.connect(self._on_document_event)
        window.closed.connect(self.shutdown)

    def _on_stack_index(self, index: int) -> None:
        previous, self._stack_index = self._stack_index, index
        stack = self.window.undo_stack
        if abs(index - previous) != 1 or not shiboken6.isValid(stack):
            return  # a cleared stack (another file), or the window going away
        command = stack.command(min(index, previous))
        if isinstance(command, SetPositionsCommand):
            self.window.view.bring_into_view(command.new)

    # --- the Arrange menu ----------------------------------------------------------------

    def _build_actions(self) -> None:
        # The actions and the Arrange menu are the window's (window/actions.py, menus.py).
        window = self.window
        settings = window.settings
        a = window.actions
        self.engine_actions: dict[str, QAction] = {
            "auto": a.layout_engine_auto,
            "dot": a.layout_engine_dot,
            "layered": a.layout_engine_layered,
        }
        chosen = settings.layout_engine()
        for engine, action in self.engine_actions.items():
            action.setData(engine)
            action.setChecked(engine == chosen)
            action.triggered.connect(lambda _checked=False, e=engine: self.set_engine(e))
        self.animate_action = a.animate_layout
        self.animate_action.setChecked(settings.animate_layout())
        self.animate_action.toggled.connect(settings.set_animate_layout)
        a.auto_layout.triggered.connect(self.start)

    def engine(self) -> str:
        """The engine Auto Layout asks for."""
        return self.window.settings.layout_engine()

    def set_engine(self, engine: str) -> None:
        """Use *engine* (``auto``, ``dot`` or ``layered``) from now on, and remember it."""
        self.window.settings.set_layout_engine(engine)
        self.engine_actions[engine].setChecked(True)

    # --- running ---------------------------------------------------------------------------

    def is_running(self) -> bool:
        """Whether a layout is computing (the animation afterwards does not count)."""
        return self._job is not None

    def is_animating(self) -> bool:
        return self._animation.is_running()

    def start(self) -> bool:
        """Lay out the selection (two or more nodes selected) or the whole graph; returns
        whether a layout started."""
        if self._job is not None:
            self._status(self.tr("A layout is already running (Esc cancels it)"))
            return False
        self._animation.finish()  # a glide still running lands first
        view = self.window.view
        if not self.window.session.document.nodes:
            self._status(self.tr("Nothing to lay out: the graph is empty"))
            return False
        selected = view.selected_node_ids()
        return self._start(selected if len(selected) >= 2 else None, opening=False)

    def start_opening(self) -> bool:
        """Lay out the document just opened without positions (it shows a quick placement
        meanwhile).  The whole graph, with no undo step: opening a file is not an edit, so
        the document stays unmodified.  Returns whether a layout started."""
        if self._job is not None:
            self._abandon_job()  # a layout of the document before: its result is unwanted
        self._animation.stop(self.window.session.document)
        if not self.window.session.document.nodes:
            return False
        return self._start(None, opening=True)

    def _start(self, selected: list[str] | None, opening: bool) -> bool:
        document = self.window.session.document
        sizes = {node_id: node_size(r.kind) for node_id, r in document.nodes.items()}
        graph = LayoutGraph.from_document(document, sizes, selected)
        engine = self.engine()
        job = LayoutJob(graph, engine, self.layout_function)
        job.succeeded.connect(self._on_succeeded)
        job.failed.connect(self._on_failed)
        job.cancelled.connect(self._on_cancelled)
        self._job = job
        self._job_document = document
        self._job_structure = document.structure_version
        self._job_selection = selected is not None
        self._job_opening = opening
        self._job_moved = False
        what = selected_nodes_text(len(graph)) if selected else nodes_text(len(graph))
        self.progress.label.setText(self.tr("Laying out {0}…").format(what))
        self._escape.setEnabled(True)
        self._progress_timer.start(PROGRESS_AFTER_MS)
        job.start()
        return True

    def cancel(self) -> None:
        """Stop the running layout (nothing moves) or the animation (items go back)."""
        if self._job is not None:
            self._job.cancel()
            self.progress.label.setText(self.tr("Cancelling…"))
        elif self._animation.stop(self.window.session.document):
            self._status(self.tr("Auto layout stopped; nothing moved"))

    def shutdown(self) -> None:
        """The window is closing: stop everything and wait for the thread."""
        job = self._job
        if job is not None:
            job.cancel()
            if job.wait(10_000):
                self._finish_job()
            else:  # a layout deaf to cancel: never hang the close on it
                self._abandon_job()
        for job in list(self._abandoned):
            job.wait(10_000)
        self._animation.stop(self.window.session.document)

    def _on_document_replaced(self, _document: GraphDocument) -> None:
        # New/Open/example: another document.
        if self._job is not None:
            self._abandon_job()  # its result is of no use now: the busy line goes at once

    def _on_document_event(self, event: DocumentEvent) -> None:
        if self._applying:
            return
        if self._job is not None:
            # A node moved by hand while a just-opened document is laid out: the person has
            # started arranging it, and the layout would undo that without an undo step.
            moved = self._job_opening and event.field == "pos"
            if moved:
                self._job_moved = True
            if moved or event.structural:
                self._job.cancel()
                self.progress.label.setText(self.tr("The graph changed: stopping the layout…"))
        elif self._animation.stop(self.window.session.document):
            self._status(self.tr("Auto layout stopped: the graph changed"))

    def _show_progress(self) -> None:
        if self._job is not None:
            self.progress.show()

    def _finish_job(self) -> LayoutJob | None:
        job = self._job
        self._release_job()
        if job is not None:
            job.wait()  # run() has emitted its last signal: this returns at once
            job.deleteLater()
        return job

    def _release_job(self) -> None:
        """Forget the running job: no busy line, no Esc, no listening to the document."""
        self._job = None
        self._progress_timer.stop()
        self.progress.hide()
        self._escape.setEnabled(False)

    def _abandon_job(self) -> None:
        """Stop the running layout without waiting for it: its result is never applied."""
        job = self._job
        if job is None:
            return
        for signal in (job.succeeded, job.failed, job.cancelled):
            signal.disconnect()
        job.cancel()
        self._release_job()
        self._abandoned.append(job)
        job.finished.connect(lambda: self._forget(job))
        if job.isFinished():
            self._forget(job)

    def _forget(self, job: LayoutJob) -> None:
        if job in self._abandoned:
            self._abandoned.remove(job)
            job.deleteLater()

    def _on_cancelled(self) -> None:
        document = self._job_document
        self._finish_job()
        if document is not self.window.session.document:
            return
        if self._job_opening:
            if self._changed(document):
                self._status(
                    self.tr(
                        "Layout stopped: the graph changed; the nodes stay in quick columns "
                        "(Ctrl+L lays them out)"
                    )
                )
            else:
                self._status(
                    self.tr(
                        "Layout cancelled; the nodes stay in quick columns (Ctrl+L lays them out)"
                    )
                )
        elif document.structure_version != self._job_structure:
            self._status(
                self.tr("Auto layout stopped: the graph changed while it ran; nothing moved")
            )
        else:
            self._status(self.tr("Auto layout cancelled; nothing moved"))

    def _on_failed(self, message: str) -> None:
        self._finish_job()
        if self._job_opening:
            text = self.tr("Layout failed ({0}); the nodes stay in quick columns")
            self._status(text.format(message), 10_000)
        else:
            self._status(self.tr("Auto layout failed ({0}); nothing moved").format(message), 10_000)

    def _changed(self, document: GraphDocument) -> bool:
        """Whether *document* changed under the job so that its result would be stale."""
        return document.structure_version != self._job_structure or self._job_moved

    def _on_succeeded(self, result: LayoutResult) -> None:
        document = self._job_document
        selection = self._job_selection
        self._finish_job()
        if document is not self.window.session.document:
            return  # another document is open now
        if self._job_opening:
            self._place_opened(document, result)
            return
        if document.structure_version != self._job_structure:
            self._status(
                self.tr("Auto layout discarded: the graph changed while it ran; nothing moved")
            )
            return
        nodes = document.nodes
        before = None
        if len(result.positions) > ANIMATE_UP_TO:  # compared at C speed, kept as arrays
            moves, before = PositionArray.changes(document, result.positions)
        else:
            moves = {
                node_id: pos
                for node_id, pos in result.positions.items()
                if node_id in nodes and nodes[node_id].pos != pos
            }
        report = layout_report(result, selection)
        if not moves:
            self._status(self.tr("{0}; already in place").format(report))
            return
        text = self.tr("Auto layout (selection)") if selection else self.tr("Auto layout")
        if self.animate_action.isChecked() and len(moves) <= ANIMATE_UP_TO:
            self._animate(document, dict(moves.items()), text, report)
        else:
            self._commit(document, moves, text, report, before)

    # --- applying --------------------------------------------------------------------------

    def _place_opened(self, document: GraphDocument, result: LayoutResult) -> None:
        """Put a just-opened document where the layout says, as part of opening it: no undo
        step, so the window's modified state stays what it was."""
        if self._changed(document):
            self._status(
                self.tr("Layout discarded: the graph changed while it ran; the nodes stay put")
            )
            return
        nodes = document.nodes
        big = len(result.positions) > ANIMATE_UP_TO
        if big:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self._applying = True
        try:
            document.set_positions(
                (node_id, pos) for node_id, pos in result.positions.items() if node_id in nodes
            )
        finally:
            self._applying = False
            if big:
                QApplication.restoreOverrideCursor()
        self.window.view.fit_all()
        self._status(layout_report(result, False, laid_out=True))

    def _commit(
        self,
        document: GraphDocument,
        moves: Positions,
        text: str,
        report: str,
        before: PositionArray | None = None,
    ) -> None:
        big = len(moves) > ANIMATE_UP_TO
        if big:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self._applying = True
        try:
            command = SetPositionsCommand(document, moves, text=text, before=before)
            self.window.session.push(command)
        finally:
            self._applying = False
            if big:
                QApplication.restoreOverrideCursor()
        self._status(report)

    def _animate(self, document: GraphDocument, moves: Positions, text: str, report: str) -> None:
        self._animated_commit = (document, text, report)
        self._animation.start(moves)

    def _animation_arrived(self, moves: Positions) -> None:
        document, text, report = self._animated_commit
        self._animated_commit = None
        self._commit(document, moves, text, report)

    def _status(self, text: str, timeout: int = 8000) -> None:
        self.window.statusBar().showMessage(text, timeout)

"""The editing session: one document being edited, and everything that belongs to it.

An :class:`EditorSession` (a ``QObject``, not a widget) owns the document, its undo stack,
the live evaluator with the latest results and their staleness, the file path and the
modified state.  The canvas, the panels and the feature controllers take the session and
listen to its Qt signals; none of them reaches through another widget for the document.
Because the signals are Qt's, a panel that goes away is disconnected by Qt: nobody writes
an unsubscribe or checks whether a listener is still alive.

The session is the document's only observer in the editor: it turns each
:class:`~autograd_studio.graph.document.DocumentEvent` into signals, using the flags the
document decided (``structural``, ``affects_values``).

    session = EditorSession(document)
    session.valuesChanged.connect(panel.refresh)        # some number may differ now
    session.documentReplaced.connect(panel.start_over)  # New, Open, Import
    session.undo_stack.push(command)                    # every edit
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSignalBlocker, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from autograd_studio.graph.document import DocumentEvent, GraphDocument
from autograd_studio.graph.evaluate import EvaluationResult
from autograd_studio.gui.editing.evaluation import LiveEvaluator

__all__ = ["UNTITLED", "EditorSession"]

UNTITLED = "Untitled"


class EditorSession(QObject):
    """The document being edited, its history, its results and its file."""

    #: Another document is edited from now on (New, Open, Import); history was cleared.
    documentReplaced = Signal(object)
    #: Every change of the document (a :class:`DocumentEvent`), in the order they happen.
    documentChanged = Signal(object)
    #: Nodes or edges came or went (the event, with ``structural`` set).
    structureChanged = Signal(object)
    #: Some number may differ now (the event, with ``affects_values`` set).
    valuesChanged = Signal(object)
    #: New results: ``data`` of the latest forward, ``grad`` of the last Backward.
    resultsPublished = Signal(object)
    #: The document differs from its file (or stopped differing: saved, undone).
    modifiedChanged = Signal(bool)
    #: The file the document belongs to changed (a path, or '' for untitled).
    pathChanged = Signal(str)

    def __init__(
        self, document: GraphDocument | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._document = document if document is not None else GraphDocument()
        self.undo_stack = QUndoStack(self)
        self._path: str | None = None
        self.untitled_name = UNTITLED
        self.evaluator = LiveEvaluator(self._document, self)
        self.evaluator.resultsChanged.connect(self.resultsPublished)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        # The document is plain Python and may outlive the session (a script still holds
        # it): the session stops observing when it goes, through a holder, not ``self``.
        self._unsubscribe: list[Callable[[], None]] = []
        holder = self._unsubscribe
        self.destroyed.connect(lambda *_: [stop() for stop in holder])
        self._observe(self._document)

    # --- the document ------------------------------------------------------------------------

    @property
    def document(self) -> GraphDocument:
        """The graph being edited."""
        return self._document

    def set_document(
        self, document: GraphDocument, path: str | None = None, untitled_name: str = UNTITLED
    ) -> None:
        """Edit *document* from now on: history cleared, unmodified, results recomputed."""
        self.undo_stack.clear()
        self._observe(document)
        self._document = document
        self._path = str(Path(path).resolve()) if path else None
        self.untitled_name = untitled_name
        self.undo_stack.setClean()
        # Listeners rebuild on documentReplaced before the new results arrive, so results
        # never reach items of the old document.
        blocker = QSignalBlocker(self.evaluator)
        self.evaluator.set_document(document)
        blocker.unblock()
        self.documentReplaced.emit(document)
        self.resultsPublished.emit(self.evaluator.results)
        self.pathChanged.emit(self._path or "")

    def _observe(self, document: GraphDocument) -> None:
        for stop in self._unsubscribe:
            stop()
        self._unsubscribe[:] = [document.subscribe(self._on_event)]

    def _on_event(self, event: DocumentEvent) -> None:
        self.evaluator.note_change(event)
        self.documentChanged.emit(event)
        if event.structural:
            self.structureChanged.emit(event)
        if event.affects_values:
            self.valuesChanged.emit(event)

    def _on_clean_changed(self, clean: bool) -> None:
        self.modifiedChanged.emit(not clean)

    def push(self, command: QUndoCommand) -> None:
        """Do *command* as one step of the history (undoable)."""
        self.undo_stack.push(command)

    # --- results -----------------------------------------------------------------------------

    @property
    def results(self) -> EvaluationResult:
        """The latest results: ``data`` of the latest forward, ``grad`` of the last Backward."""
        return self.evaluator.results

    @property
    def grads_stale(self) -> bool:
        """Whether the grads shown predate the latest change (until the next Backward)."""
        return self.evaluator.stale

    def evaluation_pending(self) -> bool:
        """Whether a change waits to be evaluated (the results lag the document)."""
        return self.evaluator.pending()

    def fresh_results(self) -> EvaluationResult:
        """The results of the document as it is now (a pending forward runs first)."""
        if self.evaluator.pending():
            self.evaluator.run_forward()
        return self.evaluator.results

    def run_backward(self) -> EvaluationResult:
        """Forward and backward from the output now; grads become fresh."""
        return self.evaluator.run_backward()

    def publish_backward(self, result: EvaluationResult) -> None:
        """Show grads computed elsewhere as the last Backward's (an accumulating Backward,
        Zero Grad); *result* must belong to the current document."""
        self.evaluator.publish_backward(result)

    # --- the file ----------------------------------------------------------------------------

    @property
    def path(self) -> str | None:
        """The file the document was opened from or saved to (``None``: untitled)."""
        return self._path

    def mark_saved(self, path: str) -> None:
        """The document was written to *path*: it belongs to that file, unmodified."""
        self._path = str(Path(path).resolve())
        self.undo_stack.setClean()
        self.pathChanged.emit(self._path)

    @property
    def is_modified(self) -> bool:
        """Whether there are changes since the last open/save."""
        return not self.undo_stack.isClean()

    def display_name(self) -> str:
        """The file's name, or the untitled name."""
        return Path(self._path).name if self._path else self.untitled_name

"""Undo commands on edges: connect (replacing the edge in that input) and disconnect."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from autograd_studio.graph.document import Edge, GraphDocument
from autograd_studio.graph.errors import GraphError
from autograd_studio.gui.editing.command_support import command_name

__all__ = ["ConnectCommand", "DisconnectCommand"]


class ConnectCommand(QUndoCommand):
    """Feed *source* into input *port* of *target*, replacing the edge there (one step).

    Check first with :meth:`check` (or ``doc.check_connection(..., replace=True)``): a refused
    connection should never be pushed.  If it is anyway, the command marks itself obsolete
    and the stack drops it, leaving the document untouched; ``error`` says why.
    """

    def __init__(
        self,
        doc: GraphDocument,
        source: str,
        target: str,
        port: int,
        parent: QUndoCommand | None = None,
    ) -> None:
        text = QCoreApplication.translate("Commands", "Connect {0} → {1}")
        super().__init__(text.format(command_name(doc, source), command_name(doc, target)), parent)
        self.doc, self.source, self.target, self.port = doc, source, target, port
        self.replaced: Edge | None = None
        self.error: GraphError | None = None
        self._old_output: str | None = None
        self._moved_output = False

    def check(self) -> None:
        """Raise the typed :class:`GraphError` the connection would raise."""
        self.doc.check_connection(self.source, self.target, self.port, replace=True)

    def redo(self) -> None:
        doc = self.doc
        self._old_output = doc.explicit_output
        # Wiring the output into a node that feeds nothing extends the graph past it: the
        # output moves along to the new end, as a learner building left to right expects.
        extends = self._old_output == self.source and not doc.users_of(self.target)
        try:
            self.replaced = doc.connect(self.source, self.target, self.port, replace=True)
        except GraphError as exc:
            self.error = exc
            self.setObsolete(True)
            return
        self._moved_output = extends
        if extends:
            doc.set_output(self.target)

    def undo(self) -> None:
        if self.error is not None:
            return
        if self._moved_output:
            self.doc.set_output(self._old_output)
        self.doc.disconnect(self.target, self.port)
        if self.replaced is not None:
            self.doc.connect(self.replaced.source, self.target, self.port)


class DisconnectCommand(QUndoCommand):
    """Remove the edge into input ``edge.port`` of ``edge.target``."""

    def __init__(self, doc: GraphDocument, edge: Edge, parent: QUndoCommand | None = None):
        text = QCoreApplication.translate("Commands", "Disconnect {0} → {1}")
        super().__init__(
            text.format(command_name(doc, edge.source), command_name(doc, edge.target)), parent
        )
        self.doc, self.edge = doc, edge

    def redo(self) -> None:
        self.doc.disconnect(self.edge.target, self.edge.port)

    def undo(self) -> None:
        self.doc.connect(self.edge.source, self.edge.target, self.edge.port)

"""Undo commands that give a ``sum`` node an input port more or one less.

Like every command they change only the document (:meth:`GraphDocument.insert_port`,
:meth:`GraphDocument.remove_port`), which keeps the other ports' edges connected and moves
them to their new port numbers.  Removing a port undoes by inserting it again at the same
place and reconnecting the edge that fed it, so undo gives the very same document.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from autograd_studio.graph.document import Edge, GraphDocument

__all__ = ["AddInputCommand", "RemoveInputCommand"]


class AddInputCommand(QUndoCommand):
    """Add Input: one more (empty) input port on a sum node, at the end by default."""

    def __init__(self, doc: GraphDocument, node_id: str, port: int | None = None) -> None:
        super().__init__(QCoreApplication.translate("PortCommands", "Add Input"))
        self.doc = doc
        self.node_id = node_id
        self.port = doc.nodes[node_id].arity if port is None else port

    def redo(self) -> None:
        self.doc.insert_port(self.node_id, self.port)

    def undo(self) -> None:
        self.doc.remove_port(self.node_id, self.port)


class RemoveInputCommand(QUndoCommand):
    """Remove Input: take one input port (and the edge into it) away from a sum node."""

    def __init__(self, doc: GraphDocument, node_id: str, port: int) -> None:
        super().__init__(QCoreApplication.translate("PortCommands", "Remove Input"))
        self.doc = doc
        self.node_id = node_id
        self.port = port
        self.edge: Edge | None = None

    def redo(self) -> None:
        self.edge = self.doc.remove_port(self.node_id, self.port)

    def undo(self) -> None:
        self.doc.insert_port(self.node_id, self.port)
        if self.edge is not None:
            self.doc.connect(self.edge.source, self.node_id, self.port)

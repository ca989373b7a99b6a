"""Undo commands for functions: group, ungroup and make unique, one undo step each.

Like every command they change only the document.  Grouping can be refused (a cycle,
several outputs), and an exception must not escape a ``redo`` that Qt calls, so the editor
calls :meth:`apply` first (a refusal changes nothing and is shown) and pushes the command
after; that first push does not do it again.  Each undoes exactly: grouping is undone
by ungrouping and putting the node order back, ungrouping by removing the restored nodes
and re-creating the function node (and its definition, if it went with it).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from autograd_studio.graph.document import GraphDocument

__all__ = ["GroupCommand", "MakeUniqueCommand", "UngroupCommand"]


class _Applied(QUndoCommand):
    """A command whose first change is made by :meth:`apply` before it is pushed."""

    _pending = False

    def apply(self) -> None:
        """Make the change now (raising a GraphError if the document refuses it)."""
        self._do()
        self._pending = True

    def redo(self) -> None:
        if self._pending:  # push() calls redo(): apply() already did it
            self._pending = False
            return
        self._do()

    def _do(self) -> None:
        raise NotImplementedError


class GroupCommand(_Applied):
    """Graph > Group into Function: the selection becomes one function node."""

    def __init__(self, doc: GraphDocument, node_ids: list[str], name: str | None = None) -> None:
        super().__init__(QCoreApplication.translate("FunctionCommands", "Group into Function"))
        self.doc = doc
        self.node_ids = list(node_ids)
        self.name = name
        self.order = list(doc.nodes)
        self.node_id: str | None = None

    def _do(self) -> None:
        self.node_id = self.doc.group(self.node_ids, self.name)
        self.name = self.doc.nodes[self.node_id].function  # redo makes the same one

    def undo(self) -> None:
        self.doc.ungroup(self.node_id)  # type: ignore[arg-type]
        self.doc.reorder(self.order)


class UngroupCommand(_Applied):
    """Graph > Ungroup: a function node is replaced by its definition's nodes."""

    def __init__(self, doc: GraphDocument, node_id: str) -> None:
        super().__init__(QCoreApplication.translate("FunctionCommands", "Ungroup"))
        self.doc = doc
        self.record = replace(doc.node(node_id))
        self.definition = doc.function(self.record.function)  # type: ignore[arg-type]
        self.inputs = doc.inputs_of(node_id)
        self.users = doc.users_of(node_id)
        self.explicit = doc.explicit_output == node_id
        self.order = list(doc.nodes)
        self.restored: list[str] = []

    def _do(self) -> None:
        self.restored = self.doc.ungroup(self.record.id)

    def undo(self) -> None:
        doc, record = self.doc, self.record
        doc.remove_nodes(self.restored)  # one event for the whole body
        if self.definition.name not in doc.functions:
            doc.add_function(self.definition, check=False)
        doc.add_node(
            "function",
            function=record.function,
            result=record.result,
            label=record.label,
            pos=record.pos,
            id=record.id,
            extra=dict(record.extra),
        )
        for port, source in enumerate(self.inputs):
            if source is not None:
                doc.connect(source, record.id, port)
        for target, port in self.users:
            doc.connect(record.id, target, port, replace=True)
        if self.explicit:
            doc.set_output(record.id)
        doc.reorder(self.order)


class MakeUniqueCommand(_Applied):
    """Make Unique: one instance gets a copy of its definition of its own."""

    def __init__(self, doc: GraphDocument, node_id: str) -> None:
        super().__init__(QCoreApplication.translate("FunctionCommands", "Make Unique"))
        self.doc = doc
        self.node_id = node_id
        self.old = doc.node(node_id).function
        self.copy = None

    def _do(self) -> None:
        if self.copy is None:
            self.copy = self.doc.function(self.doc.make_unique(self.node_id))
        else:
            self.doc.add_function(self.copy, check=False)
            self.doc.set_function(self.node_id, self.copy.name)

    def undo(self) -> None:
        self.doc.set_function(self.node_id, self.old)  # type: ignore[arg-type]
        self.doc.remove_function(self.copy.name)  # type: ignore[union-attr]

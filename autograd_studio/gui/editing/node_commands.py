"""Undo commands on nodes: add, remove (with their edges), value, label, output."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from autograd_studio.graph.bulk_edits import Removal
from autograd_studio.graph.document import Edge, GraphDocument
from autograd_studio.gui.editing.command_support import (
    OutputKeeper,
    Pos,
    command_name,
    short_text,
)
from autograd_studio.gui.look.wording import edges_text, nodes_text

__all__ = [
    "AddNodeCommand",
    "RemoveCommand",
    "ScrubValueCommand",
    "SetLabelCommand",
    "SetOutputCommand",
    "SetValueCommand",
]

# Merge ids (QUndoCommand.id): commands with the same id may be merged by mergeWith.
_VALUE_ID = 1002
_SCRUB_ID = 1005


class AddNodeCommand(QUndoCommand):
    """Add one node.  ``node_id`` is known after the first redo (push) and stays the same."""

    def __init__(
        self,
        doc: GraphDocument,
        kind: str,
        op: str | None = None,
        pos: Pos = None,
        label: str | None = None,
        value: float | None = None,
        parent: QUndoCommand | None = None,
    ) -> None:
        what = op if kind in ("op", "function") else kind  # a function's op is its name
        super().__init__(QCoreApplication.translate("Commands", "Add {0}").format(what), parent)
        self.doc = doc
        self.kind, self.op, self.pos, self.label, self.value = kind, op, pos, label, value
        self.node_id: str | None = None
        self._output = OutputKeeper()

    def redo(self) -> None:
        self._output.pin(self.doc)
        # A function node comes as ("function", its definition's name).
        function = self.op if self.kind == "function" else None
        op = None if function is not None else self.op
        first_time = self.node_id is None
        self.node_id = self.doc.add_node(
            self.kind,
            op=op,
            function=function,
            label=self.label,
            value=self.value,
            pos=self.pos,
            id=self.node_id,  # None the first time: the document picks a fresh id
        )
        if first_time:
            self.label = self.doc.nodes[self.node_id].label  # the default it was given

    def undo(self) -> None:
        assert self.node_id is not None
        self.doc.remove_node(self.node_id)
        self._output.unpin(self.doc)


class RemoveCommand(QUndoCommand):
    """Remove nodes and edges, as one change of the document; undo restores nodes (values,
    labels, positions, unknown fields, their place in document order), the output flag and
    every edge exactly."""

    def __init__(
        self,
        doc: GraphDocument,
        node_ids: Iterable[str],
        edges: Iterable[Edge] = (),
        parent: QUndoCommand | None = None,
    ) -> None:
        super().__init__(QCoreApplication.translate("Commands", "Delete"), parent)
        self.doc = doc
        wanted = set(node_ids)
        # Document order, so that undo re-adds nodes in a stable order.
        self.node_ids = list(filter(wanted.__contains__, doc.nodes))  # (at C speed)
        self.extra_edges = [e for e in edges if e.source not in wanted and e.target not in wanted]
        n, e = len(self.node_ids), len(self.extra_edges)
        nodes = command_name(doc, self.node_ids[0]) if n == 1 else nodes_text(n)
        if n and e:
            what = QCoreApplication.translate("Commands", "{0} and {1}").format(
                nodes, edges_text(e)
            )
        else:
            what = nodes if n else edges_text(e) if e else ""
        if what:
            self.setText(QCoreApplication.translate("Commands", "Delete {0}").format(what))
        self._removal: Removal | None = None

    def is_empty(self) -> bool:
        return not self.node_ids and not self.extra_edges

    def redo(self) -> None:
        # One nodes_removed event for the whole selection: the canvas, the panels and the
        # evaluator follow it once (the demo graph's 65,818 nodes one by one took seconds).
        self._removal = self.doc.remove_nodes(self.node_ids, self.extra_edges)

    def undo(self) -> None:
        assert self._removal is not None
        self.doc.restore(self._removal)
        self._removal = None  # the document owns those records again


class SetValueCommand(QUndoCommand):
    """Set an input's or weight's value; consecutive edits of the same node merge into one
    step (typing, spin boxes), and an edit that ends where it started disappears."""

    def __init__(
        self, doc: GraphDocument, node_id: str, value: float, parent: QUndoCommand | None = None
    ) -> None:
        text = QCoreApplication.translate("Commands", "Set {0} = {1}")
        super().__init__(text.format(command_name(doc, node_id), f"{value:g}"), parent)
        self.doc, self.node_id = doc, node_id
        self.old = doc.node(node_id).value
        self.new = float(value)

    def id(self) -> int:
        return _VALUE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetValueCommand) or other.node_id != self.node_id:
            return False
        self.new = other.new
        self.setText(other.text())
        if self.new == self.old:
            self.setObsolete(True)
        return True

    def redo(self) -> None:
        self.doc.set_value(self.node_id, self.new)

    def undo(self) -> None:
        assert self.old is not None
        self.doc.set_value(self.node_id, self.old)


class ScrubValueCommand(SetValueCommand):
    """A value dragged with the mouse (scrubbing): every step of one drag merges into one
    undo step, and a new drag starts a new one (typed edits merge among themselves)."""

    def __init__(
        self,
        doc: GraphDocument,
        node_id: str,
        value: float,
        drag_id: object,
        parent: QUndoCommand | None = None,
    ) -> None:
        super().__init__(doc, node_id, value, parent)
        self.drag_id = drag_id

    def id(self) -> int:
        return _SCRUB_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, ScrubValueCommand) or other.drag_id is not self.drag_id:
            return False
        return super().mergeWith(other)


class SetLabelCommand(QUndoCommand):
    """Rename a node (its label; the id never changes)."""

    def __init__(
        self, doc: GraphDocument, node_id: str, label: str, parent: QUndoCommand | None = None
    ) -> None:
        text = QCoreApplication.translate("Commands", "Rename {0} to {1}")
        super().__init__(text.format(command_name(doc, node_id), short_text(label)), parent)
        self.doc, self.node_id = doc, node_id
        self.old = doc.node(node_id).label
        self.new = str(label)

    def redo(self) -> None:
        self.doc.set_label(self.node_id, self.new)

    def undo(self) -> None:
        self.doc.set_label(self.node_id, self.old)


class SetOutputCommand(QUndoCommand):
    """Make a node the root of backward (``None``: back to "the only sink")."""

    def __init__(
        self, doc: GraphDocument, node_id: str | None, parent: QUndoCommand | None = None
    ) -> None:
        text = (
            QCoreApplication.translate("Commands", "Set {0} as output").format(
                command_name(doc, node_id)
            )
            if node_id
            else QCoreApplication.translate("Commands", "Clear output")
        )
        super().__init__(text, parent)
        self.doc, self.node_id = doc, node_id
        self.old = doc.explicit_output

    def redo(self) -> None:
        self.doc.set_output(self.node_id)

    def undo(self) -> None:
        self.doc.set_output(self.old)

"""Undo commands of the editor.  They change only the document; the canvas follows from the
document's change notifications, so undo/redo never touches an item directly.

Every command is deterministic on redo: the first ``redo()`` decides (fresh ids, the edges a
removal takes along, the input a connection replaces) and later redos replay exactly that,
so undo-all then redo-all reproduces the same document, ids included.

Gestures made of several commands go through :func:`macro`, which always closes the macro.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand, QUndoStack

from autograd_studio.graph.document import Edge, GraphDocument
from autograd_studio.graph.errors import GraphError
from autograd_studio.graph.naming import node_name
from autograd_studio.graph.positions import PositionArray
from autograd_studio.gui.look.wording import edges_text, nodes_text

__all__ = [
    "AddNodeCommand",
    "ConnectCommand",
    "DisconnectCommand",
    "MoveCommand",
    "PasteCommand",
    "RemoveCommand",
    "SetLabelCommand",
    "SetOutputCommand",
    "SetPositionsCommand",
    "SetValueCommand",
    "macro",
]

Pos = tuple[float, float] | None

# Merge ids (QUndoCommand.id): commands with the same id may be merged by mergeWith.
_MOVE_ID = 1001
_VALUE_ID = 1002
_SCRUB_ID = 1005


@contextmanager
def macro(stack: QUndoStack, text: str) -> Iterator[None]:
    """Group the commands pushed inside the block into one undo step (closed even on error)."""
    stack.beginMacro(text)
    try:
        yield
    finally:
        stack.endMacro()


@dataclass(frozen=True)
class _NodeSnapshot:
    """Everything needed to re-create a node as it was."""

    id: str
    kind: str
    op: str | None
    label: str
    value: float | None
    pos: Pos
    extra: dict[str, Any]
    function: str | None = None
    result: int = 0

    @classmethod
    def of(cls, doc: GraphDocument, node_id: str) -> _NodeSnapshot:
        r = doc.node(node_id)
        extra = copy.deepcopy(r.extra)
        return cls(r.id, r.kind, r.op, r.label, r.value, r.pos, extra, r.function, r.result)

    def restore(self, doc: GraphDocument) -> None:
        doc.add_node(
            self.kind,
            op=self.op,
            function=self.function,
            result=self.result,
            label=self.label,
            value=self.value,
            pos=self.pos,
            id=self.id,
            extra=copy.deepcopy(self.extra),
        )


def _name(doc: GraphDocument, node_id: str) -> str:
    record = doc.nodes.get(node_id)
    return _short(node_name(doc, node_id) if record is not None else node_id)


def _short(text: str, limit: int = 24) -> str:
    """*text* fit for a command's name: Edit > Undo, the History list and the toolbar tip
    show it whole, so a sentence-long label would make them as wide as the screen."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class _OutputKeeper:
    """Keeps a graph's output where it is while nodes are added.

    The document's implied output (the only sink) would vanish as soon as any unconnected
    node arrives.  An editor command that adds nodes first writes the implied output down
    (it is saved in the file from then on), and its undo takes that back.
    """

    def __init__(self) -> None:
        self.pinned: str | None = None

    def pin(self, doc: GraphDocument) -> None:
        self.pinned = None
        implied = doc.output if doc.explicit_output is None else None
        # Only a computed result: a lone input dropped first is not "the output" to keep.
        if implied is not None and doc.nodes[implied].op is not None:
            self.pinned = implied
            doc.set_output(implied)

    def unpin(self, doc: GraphDocument) -> None:
        if self.pinned is not None and doc.explicit_output == self.pinned:
            doc.set_output(None)


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
        self._output = _OutputKeeper()

    def redo(self) -> None:
        self._output.pin(self.doc)
        # A function node comes as ("function", its definition's name).
        function = self.op if self.kind == "function" else None
        op = None if function is not None else self.op
        if self.node_id is None:
            self.node_id = self.doc.add_node(
                self.kind,
                op=op,
                function=function,
                label=self.label,
                value=self.value,
                pos=self.pos,
            )
            self.label = self.doc.nodes[self.node_id].label  # the default it was given
        else:
            self.doc.add_node(
                self.kind,
                op=op,
                function=function,
                label=self.label,
                value=self.value,
                pos=self.pos,
                id=self.node_id,
            )

    def undo(self) -> None:
        assert self.node_id is not None
        self.doc.remove_node(self.node_id)
        self._output.unpin(self.doc)


class RemoveCommand(QUndoCommand):
    """Remove nodes and edges; undo restores nodes (values, labels, positions, unknown fields,
    their place in document order), the output flag and every edge exactly."""

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
        self.node_ids = [nid for nid in doc.nodes if nid in wanted]
        self.extra_edges = [e for e in edges if e.source not in wanted and e.target not in wanted]
        n, e = len(self.node_ids), len(self.extra_edges)
        nodes = _name(doc, self.node_ids[0]) if n == 1 else nodes_text(n)
        if n and e:
            what = QCoreApplication.translate("Commands", "{0} and {1}").format(
                nodes, edges_text(e)
            )
        else:
            what = nodes if n else edges_text(e) if e else ""
        if what:
            self.setText(QCoreApplication.translate("Commands", "Delete {0}").format(what))
        self._snapshots: list[_NodeSnapshot] = []
        self._edges: list[Edge] = []
        self._order: list[str] = []
        self._output: str | None = None

    def is_empty(self) -> bool:
        return not self.node_ids and not self.extra_edges

    def redo(self) -> None:
        doc = self.doc
        self._order = list(doc.nodes)
        self._output = doc.explicit_output
        self._snapshots = [_NodeSnapshot.of(doc, nid) for nid in self.node_ids]
        edges: dict[Edge, None] = dict.fromkeys(self.extra_edges)
        for nid in self.node_ids:
            edges.update(dict.fromkeys(doc.edges_of(nid)))
        # Restore edges into removed nodes sources-first, then those into kept nodes: the
        # document's cycle check then never walks far (a restored target has no users yet).
        rank = {nid: i for i, nid in enumerate(doc.topological_order(self.node_ids))}
        last = len(rank)
        self._edges = sorted(edges, key=lambda e: (rank.get(e.target, last), e))
        for edge in self.extra_edges:
            doc.disconnect(edge.target, edge.port)
        for nid in self.node_ids:
            doc.remove_node(nid)

    def undo(self) -> None:
        doc = self.doc
        for snapshot in self._snapshots:
            snapshot.restore(doc)
        if self._snapshots:
            doc.reorder(self._order)
        for edge in self._edges:
            doc.connect(edge.source, edge.target, edge.port)
        if self._output != doc.explicit_output:
            doc.set_output(self._output)


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
        super().__init__(text.format(_name(doc, source), _name(doc, target)), parent)
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
        super().__init__(text.format(_name(doc, edge.source), _name(doc, edge.target)), parent)
        self.doc, self.edge = doc, edge

    def redo(self) -> None:
        self.doc.disconnect(self.edge.target, self.edge.port)

    def undo(self) -> None:
        self.doc.connect(self.edge.source, self.edge.target, self.edge.port)


class MoveCommand(QUndoCommand):
    """Move nodes: ``moves`` maps id -> (old_pos, new_pos); positions are top-left corners.

    Commands with the same non-``None`` *drag_id* merge, so a drag that pushes as it goes is
    still one undo step.
    """

    def __init__(
        self,
        doc: GraphDocument,
        moves: Mapping[str, tuple[Pos, Pos]],
        drag_id: object = None,
        parent: QUndoCommand | None = None,
    ) -> None:
        n = len(moves)
        what = _name(doc, next(iter(moves))) if n == 1 else nodes_text(n)
        text = QCoreApplication.translate("Commands", "Move {0}").format(what)
        super().__init__(text, parent)
        self.doc = doc
        self.moves = dict(moves)
        self.drag_id = drag_id

    def id(self) -> int:
        return _MOVE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, MoveCommand) or self.drag_id is None:
            return False
        if other.drag_id != self.drag_id:
            return False
        for nid, (old, new) in other.moves.items():
            first = self.moves.get(nid, (old, new))[0]
            self.moves[nid] = (first, new)
        return True

    def redo(self) -> None:
        for nid, (_old, new) in self.moves.items():
            self.doc.set_pos(nid, new)

    def undo(self) -> None:
        for nid, (old, _new) in self.moves.items():
            self.doc.set_pos(nid, old)


class SetPositionsCommand(QUndoCommand):
    """Give many nodes new positions in one step (auto layout).

    The old and new positions are kept as two :class:`PositionArray` (16 bytes a node, the
    same floats bit for bit), and each of redo and undo moves every node in one
    ``positions_changed`` event, so the canvas updates in one pass and repaints once.
    """

    def __init__(
        self,
        doc: GraphDocument,
        positions: Mapping[str, Pos],
        text: str = "Auto layout",
        parent: QUndoCommand | None = None,
    ) -> None:
        super().__init__(text, parent)
        self.doc = doc
        #: where the nodes go (a mapping ``id -> pos``; its ids in the order given).
        self.new = (
            positions
            if isinstance(positions, PositionArray)
            else PositionArray.from_mapping(positions)
        )
        #: where they were.
        self.old = PositionArray.of(doc, self.new.ids)

    def redo(self) -> None:
        self.doc.set_positions(self.new.items())

    def undo(self) -> None:
        self.doc.set_positions(self.old.items())


class SetValueCommand(QUndoCommand):
    """Set an input's or weight's value; consecutive edits of the same node merge into one
    step (typing, spin boxes), and an edit that ends where it started disappears."""

    def __init__(
        self, doc: GraphDocument, node_id: str, value: float, parent: QUndoCommand | None = None
    ) -> None:
        text = QCoreApplication.translate("Commands", "Set {0} = {1}")
        super().__init__(text.format(_name(doc, node_id), f"{value:g}"), parent)
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
        super().__init__(text.format(_name(doc, node_id), _short(label)), parent)
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
            QCoreApplication.translate("Commands", "Set {0} as output").format(_name(doc, node_id))
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


class PasteCommand(QUndoCommand):
    """Add a fragment (the file format's ``nodes``/``edges`` lists) shifted by *offset*,
    keeping each id that is free in *doc* and giving the others fresh ones.  ``node_ids``
    lists the new ids after the first redo.

    Edges whose ends are not both in the fragment are skipped; so is a fragment node that the
    document refuses (``skipped`` counts them) -- pasting never half-fails with an exception.
    """

    def __init__(
        self,
        doc: GraphDocument,
        fragment: Mapping[str, Any],
        offset: tuple[float, float] = (0.0, 0.0),
        parent: QUndoCommand | None = None,
    ) -> None:
        nodes = list(fragment.get("nodes", ()))
        n = len(nodes)
        super().__init__(
            QCoreApplication.translate("Commands", "Paste {0}").format(nodes_text(n)), parent
        )
        self.doc = doc
        self.fragment_nodes = nodes
        self.fragment_edges = list(fragment.get("edges", ()))
        self.offset = (float(offset[0]), float(offset[1]))
        self.node_ids: list[str] = []
        self.skipped = 0
        self._snapshots: list[_NodeSnapshot] = []
        self._edges: list[Edge] = []
        self._done = False
        self._output = _OutputKeeper()

    def redo(self) -> None:
        self._output.pin(self.doc)
        if not self._done:
            self._done = True
            self._first_redo()
            return
        for snapshot in self._snapshots:
            snapshot.restore(self.doc)
        for edge in self._edges:
            self.doc.connect(edge.source, edge.target, edge.port)

    def _first_redo(self) -> None:
        doc = self.doc
        ids: dict[str, str] = {}
        dx, dy = self.offset
        for node in self.fragment_nodes:
            pos = node.get("pos")
            if pos is not None:
                pos = (float(pos[0]) + dx, float(pos[1]) + dy)
            old_id = str(node.get("id", ""))
            kind = node.get("kind")
            new_id = _copy_id(doc, old_id, node.get("op"))
            label = node.get("label")
            if kind != "op" and (label is None or label == old_id):
                label = new_id  # a default label follows the new id ("x" pasted as "x1")
            try:
                doc.add_node(
                    kind,
                    op=node.get("op"),
                    label=label,
                    value=node.get("value") if kind != "op" else None,
                    pos=pos,
                    id=new_id,
                    extra={k: v for k, v in node.items() if k not in _NODE_FIELDS},
                )
            except GraphError:
                self.skipped += 1
                continue
            ids[old_id] = new_id
        for edge in self.fragment_edges:
            source, target = ids.get(edge.get("from")), ids.get(edge.get("to"))
            port = edge.get("port")
            if source is None or target is None:
                continue
            try:
                doc.connect(source, target, port)
            except GraphError:
                self.skipped += 1
                continue
            self._edges.append(Edge(source, target, port))
        self.node_ids = list(ids.values())
        self._snapshots = [_NodeSnapshot.of(doc, nid) for nid in self.node_ids]

    def undo(self) -> None:
        for nid in reversed(self.node_ids):
            self.doc.remove_node(nid)
        self._output.unpin(self.doc)


_NODE_FIELDS = frozenset({"id", "kind", "op", "label", "value", "pos"})


def _copy_id(doc: GraphDocument, old_id: str, op: str | None) -> str:
    """The id of a pasted node: *old_id* where it is free (another window, or after a cut),
    else the next number on its stem (a copy of ``w1`` is ``w2``, of ``x`` is ``x1``)."""
    if old_id and old_id not in doc.nodes and doc.fresh_id(old_id) == old_id:
        return old_id
    stem = old_id.rstrip("0123456789")
    digits = old_id[len(stem) :]
    if stem and digits:
        number = int(digits) + 1
        while f"{stem}{number}" in doc.nodes:
            number += 1
        if doc.fresh_id(f"{stem}{number}") == f"{stem}{number}":  # a valid id
            return f"{stem}{number}"
    return doc.fresh_id(stem or op or "n")

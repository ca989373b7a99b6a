"""The paste undo command: a clipboard fragment added with fresh ids where needed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from autograd_studio.graph.document import Edge, GraphDocument
from autograd_studio.graph.errors import GraphError
from autograd_studio.gui.editing.command_support import NodeSnapshot, OutputKeeper
from autograd_studio.gui.look.wording import nodes_text

__all__ = ["PasteCommand"]


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
        self._snapshots: list[NodeSnapshot] = []
        self._edges: list[Edge] = []
        self._done = False
        self._output = OutputKeeper()

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
                    arity=node.get("inputs") if kind == "op" else None,
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
        self._snapshots = [NodeSnapshot.of(doc, nid) for nid in self.node_ids]

    def undo(self) -> None:
        for nid in reversed(self.node_ids):
            self.doc.remove_node(nid)
        self._output.unpin(self.doc)


_NODE_FIELDS = frozenset({"id", "kind", "op", "label", "value", "pos", "inputs"})


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

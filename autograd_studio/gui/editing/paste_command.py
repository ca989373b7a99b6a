"""The paste undo command: a clipboard fragment added with fresh ids where needed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from autograd_studio.graph.bulk_edits import Removal
from autograd_studio.graph.document import Edge, GraphDocument, NodeRecord
from autograd_studio.graph.errors import GraphError
from autograd_studio.gui.editing.command_support import OutputKeeper
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
        self._removal: Removal | None = None
        self._done = False
        self._output = OutputKeeper()

    def redo(self) -> None:
        self._output.pin(self.doc)
        if not self._done:
            self._done = True
            self._first_redo()
        elif self._removal is not None:
            self.doc.restore(self._removal)  # what the undo took, exactly
            self._removal = None

    def _first_redo(self) -> None:
        # Every node and edge in one nodes_added event (pasting a copy of a big graph sent
        # one event per node and edge); what the document refuses is left out, as before.
        doc = self.doc
        ids: dict[str, str] = {}
        records: list[NodeRecord] = []
        fresh = _FreshIds(doc)
        dx, dy = self.offset
        for node in self.fragment_nodes:
            pos = node.get("pos")
            if pos is not None:
                pos = (float(pos[0]) + dx, float(pos[1]) + dy)
            old_id = str(node.get("id", ""))
            kind = node.get("kind")
            new_id = fresh.pick(old_id, node.get("op"))
            label = node.get("label")
            if kind != "op" and (label is None or label == old_id):
                label = new_id  # a default label follows the new id ("x" pasted as "x1")
            try:
                record = doc.record_for(
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
            fresh.taken.add(new_id)
            records.append(record)
        edges: list[Edge] = []
        for edge in self.fragment_edges:
            source, target = ids.get(edge.get("from")), ids.get(edge.get("to"))
            if source is not None and target is not None:
                edges.append(Edge(source, target, edge.get("port")))
        self.node_ids = list(ids.values())
        try:
            doc.add_nodes(records, edges)
        except GraphError:  # a fragment edited by hand: the nodes, then each edge that fits
            doc.add_nodes(records)
            for edge in edges:
                try:
                    doc.connect(edge.source, edge.target, edge.port)
                except GraphError:
                    self.skipped += 1

    def undo(self) -> None:
        self._removal = self.doc.remove_nodes(self.node_ids)
        self._output.unpin(self.doc)


_NODE_FIELDS = frozenset({"id", "kind", "op", "label", "value", "pos", "inputs"})


class _FreshIds:
    """The ids of pasted nodes: each keeps its id where that is free (another window, or
    after a cut), else takes the next free number on its stem (a copy of ``w1`` is ``w2``,
    of ``x`` is ``x1``); ids given to the nodes pasted before it count as used."""

    def __init__(self, doc: GraphDocument) -> None:
        self.doc = doc
        self.nodes = doc.nodes
        self.taken: set[str] = set()
        # stem -> (low, high): every number from low up to high is known to be used, so
        # the next copy of a "mul12" skips them (pasting 10,000 copies of a graph whose
        # ids run mul1 ... mul30000 walked that run once per node)
        self._used: dict[str, tuple[int, int]] = {}

    def _free(self, node_id: str) -> bool:
        return node_id not in self.taken and self.doc.fresh_id(node_id) == node_id

    def pick(self, old_id: str, op: str | None) -> str:
        if old_id and old_id not in self.nodes and self._free(old_id):
            return old_id
        stem = old_id.rstrip("0123456789")
        digits = old_id[len(stem) :]
        if stem and digits:
            number = self._first_unused(stem, int(digits) + 1)
            if self._free(f"{stem}{number}"):
                return f"{stem}{number}"
        base = stem or op or "n"
        fresh, number = self.doc.fresh_id(base), 1
        while fresh in self.taken:
            fresh, number = self.doc.fresh_id(f"{base}{number}"), number + 1
        return fresh

    def _first_unused(self, stem: str, start: int) -> int:
        low, high = self._used.get(stem, (0, 0))
        number = high if low <= start < high else start
        nodes, taken = self.nodes, self.taken
        while f"{stem}{number}" in nodes or f"{stem}{number}" in taken:
            number += 1
        self._used[stem] = (low if low <= start <= high else start, number)
        return number

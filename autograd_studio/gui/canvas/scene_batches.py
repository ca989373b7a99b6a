"""Many nodes at once: how a :class:`~autograd_studio.gui.canvas.scene.GraphScene` follows
a ``nodes_removed`` or ``nodes_added`` event (:class:`SceneBatchesMixin`).

A deletion of a big selection and its undo arrive as one event naming every node and
edge.  The scene drops or makes the items that exist (or, on a virtual scene, marks its
spatial index stale and settles which items exist once, in the next turn of the event
loop), lights or dims the ports of the nodes that stay, and drops the ids of selected
nodes without items, all in one pass: no per-node work for nodes without items.

A deletion on a virtual scene makes the index and the overview's lines of what is left
from those of the graph before it (the rows that stay, picked by numpy), and keeps the
old ones aside: when the undo gives back exactly those nodes (the event says
``restored``, and nothing moved since), they are taken back.  Neither is built again
(for the demo graph a quarter of a second each way).
"""

from __future__ import annotations

from autograd_studio.graph.bulk import collector_paused
from autograd_studio.graph.document import DocumentEvent, EventKind
from autograd_studio.graph.events import RESTORED

__all__ = ["SceneBatchesMixin"]


class SceneBatchesMixin:
    """Part of :class:`~autograd_studio.gui.canvas.scene.GraphScene`."""

    #: (the node ids, the spatial index, the overview's geometry) while every node is gone
    _set_aside: tuple | None = None

    def _follow_batch(self, event: DocumentEvent) -> None:
        aside, self._set_aside = self._set_aside, None
        indexed = self.virtual and not self._index_stale  # the graph before this change
        if self.virtual:
            self._index_stale = True  # meanwhile ports are read from the document
        followed = False  # whether the index and the overview follow already
        if event.kind is EventKind.NODES_REMOVED:
            followed = self._drop_batch(event, indexed)
        else:
            self._add_batch(event)
        self._names_timer.start()
        if self.virtual:
            self._sync_timer.start()
            if aside is not None and event.field == RESTORED and aside[0] == event.node_ids:
                self.index, self._index_stale = aside[1], False
                self.overview.invalidate()
                if aside[2] is not None:
                    self.overview.take_back(aside[2])
                return
        if not followed:
            self.overview.invalidate()

    def _drop_batch(self, event: DocumentEvent, indexed: bool) -> bool:
        gone = set(event.node_ids)
        placed = not self._auto_pos
        followed = indexed and placed
        if followed:  # the index without those rows; the old one is kept aside for the undo
            old = self.index
            self.index, keep, edge_keep = old.without(gone, event.edges)
            self._index_stale = False
            self._set_aside = (event.node_ids, old, self.overview.set_aside())
            self.overview.take_rows(self.index, keep, edge_keep)
        items, edge_items = self.node_items, self.edge_items
        listed = event.edges
        if len(listed) > len(edge_items):  # the demo's 126,854 edges against a few items
            wanted = set(listed)
            doomed = [edge for edge in edge_items if edge in wanted]
        else:
            doomed = [edge for edge in listed if edge in edge_items]
        for edge in doomed:
            self._remove_edge_item(edge, ports=False)
        if self._emphasised:
            self._emphasised.difference_update(listed)
        for nid in [nid for nid in items if nid in gone]:
            self._remove_node_item(nid)
        # The nodes that stay and lost an edge show their ports as they are now (the
        # index, when it follows, knows what feeds what: the document's users index of a
        # graph just loaded is not built).
        if items:
            for nid in {end for edge in listed for end in edge[:2] if end in items}:
                self._refresh_ports(nid, from_index=followed)
        if not placed:
            for nid in gone.intersection(self._auto_pos):
                del self._auto_pos[nid]
        chosen = self._chosen
        if chosen and not chosen.isdisjoint(gone):
            chosen -= gone
            self._selection_news.start()
        return followed

    def _add_batch(self, event: DocumentEvent) -> None:
        items = self.node_items
        if self.virtual:  # the items of the region come with the next sync
            if items:  # those there are may have an edge again
                for nid in {end for edge in event.edges for end in edge[:2] if end in items}:
                    self._refresh_ports(nid)
            return
        records = self.document.nodes
        with collector_paused():
            for nid in event.node_ids:
                self._add_node_item(records[nid])
            for edge in event.edges:
                self._add_edge_item(edge)

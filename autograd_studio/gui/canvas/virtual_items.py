"""Items only for what is on screen: the virtual half of a
:class:`~autograd_studio.gui.canvas.scene.GraphScene` (:class:`VirtualItemsMixin`).

A big graph in the editor keeps its node and edge items only for the region the view shows
(:meth:`VirtualItemsMixin.show_region`, with a margin so a short pan makes none) and for
the selected nodes (while the selection is small: after Select All the scene keeps the
selected nodes without items as ids, ``_chosen``).  Where everything is comes from a
:class:`~autograd_studio.gui.canvas.spatial.SpatialIndex` of the document's positions.
Document events change the items that exist at once and settle which exist once per turn
of the event loop (:meth:`VirtualItemsMixin._sync`); observers registered with
:meth:`VirtualItemsMixin.when_items_made` dress new items (decorations).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF

from autograd_studio.graph.document import DocumentEvent, EventKind
from autograd_studio.graph.naming import node_name
from autograd_studio.gui.canvas.edge_item import EdgeItem
from autograd_studio.gui.canvas.node_item import NodeItem

__all__ = ["ItemsMade", "VirtualItemsMixin"]

#: Called with the node and edge items a virtual scene has just made (decorations, tests).
ItemsMade = Callable[[list[NodeItem], list[EdgeItem]], None]


class VirtualItemsMixin:
    """Part of :class:`~autograd_studio.gui.canvas.scene.GraphScene`."""

    def _follow_virtually(self, event: DocumentEvent) -> None:
        # Items change at once where they exist; what exists is settled once per turn.
        kind, nid = event.kind, event.node_id
        if kind is EventKind.NODE_CHANGED:
            record = self.document.nodes[nid]
            item = self.node_items.get(nid)
            if event.field == "pos":
                if not self._index_stale:
                    self.index.move(nid, *self._record_pos(record))
                if item is not None:
                    self._place(item, record)
                self._moved.add(nid)  # edges re-routed in bulk before the items sync
            elif event.field == "label" and item is not None:
                item.set_label(node_name(self.document, nid))
            elif event.field in ("op", "function", "ports") and item is not None:
                self._replace_node_item(record)
            if event.field == "ports":  # a sum's ports moved along its edge: re-route
                self._moved.add(nid)
                self._sync_timer.start()
            if event.field == "pos":
                self.overview.invalidate()
                self._sync_timer.start()
            else:
                self._names_timer.start()
            return
        if kind is EventKind.EDGE_REMOVED:
            self._remove_edge_item(event.edge)
        elif kind is EventKind.NODE_REMOVED:
            self._remove_node_item(event.node_id)
        elif kind is EventKind.NODE_ADDED:
            self._add_node_item(self.document.nodes[nid])  # a new node is where one looks
        elif kind is EventKind.EDGE_ADDED and (
            event.edge.source in self.node_items or event.edge.target in self.node_items
        ):
            self._add_edge_item(event.edge)
        self._names_timer.start()
        if not event.structural:  # the output moved: no node nor edge did (the demo's
            self.overview.invalidate_looks()  # index and lines took a quarter second)
            return
        self._index_stale = True
        self._sync_timer.start()
        self.overview.invalidate()

    def show_region(self, rect: QRectF | None) -> None:
        """Have items for what meets *rect* (scene coordinates, with a margin so short pans
        make none), drop the others; ``None``: no items but the selected ones."""
        if not self.virtual:
            return
        if rect is None:
            if self._region is None:
                return
            self._region = None
        else:
            left, top, right, bottom = rect.left(), rect.top(), rect.right(), rect.bottom()
            have = self._region
            if (
                have is not None
                and not self._index_stale
                and have[0] <= left
                and have[1] <= top
                and right <= have[2]
                and bottom <= have[3]
            ):
                return
            dx, dy = rect.width() / 2, rect.height() / 2
            self._region = (left - dx, top - dy, right + dx, bottom + dy)
        self._sync()

    def _rebuild_index(self) -> None:
        nodes = self.document.nodes
        placed = all(record.pos is not None for record in nodes.values())
        positions = None if placed else {nid: self._record_pos(r) for nid, r in nodes.items()}
        self.index.rebuild(self.document, positions)
        self._index_stale = False

    def _fresh_index(self) -> None:
        if self._index_stale:
            self._rebuild_index()

    def _sync(self) -> None:
        """Make the items of the region, drop those outside it (not the selected ones)."""
        self._sync_timer.stop()
        if not self.virtual:
            return
        if self._moved:
            moved, self._moved = self._moved, set()
            self.update_edges(moved)
        self._fresh_index()
        region = self._region
        nodes = set(self.index.nodes_in(*region)) if region else set()
        # Edges only passing through are drawn behind the items (FarEdges), not made.
        edges = set(self.index.edges_ending_in(*region)) if region else set()
        chosen = self._chosen
        for nid in [n for n, item in self.node_items.items() if n not in nodes]:
            if not self.node_items[nid].isSelected():
                self._remove_node_item(nid)
            elif chosen:  # a big selection (Select All): the item goes, the id stays selected
                self._remove_node_item(nid)
                chosen.add(nid)
        dropped = 0
        for edge in [e for e, item in self.edge_items.items() if e not in edges]:
            if not self.edge_items[edge].isSelected():
                self._remove_edge_item(edge, ports=False)
                dropped += 1
        if dropped or self._far_seen != self.overview.changes:
            # the views' cached backgrounds left these edges to their items, or the graph
            # changed: the far edges are drawn again
            self._far_seen = self.overview.changes
            for view in self.views():
                view.resetCachedContent()
        records = self.document.nodes
        made = [self._add_node_item(records[n]) for n in nodes if n not in self.node_items]
        made_edges = [self._add_edge_item(e) for e in edges if e not in self.edge_items]
        if made or made_edges:
            for observer in self._items_made:
                observer(made, made_edges)

    def _drop_deselected_later(self) -> None:
        if self.virtual:  # items kept off screen only while selected
            self._sync_timer.start()

    def ensure_node_item(self, node_id: str) -> NodeItem | None:
        """The item of *node_id*, made now if the scene is virtual and has none (it stays
        while selected or in the region); ``None`` for a node not in the document."""
        item = self.node_items.get(node_id)
        if item is not None or node_id not in self.document.nodes:
            return item
        item = self._add_node_item(self.document.nodes[node_id])
        for observer in self._items_made:
            observer([item], [])
        return item

    def when_items_made(self, observer: ItemsMade) -> None:
        """Call *observer* with the items a virtual scene makes as it scrolls."""
        self._items_made.append(observer)

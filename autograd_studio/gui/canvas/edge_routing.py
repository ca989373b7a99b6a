"""Edge items and where they run (:class:`EdgeRoutingMixin`, part of GraphScene).

An edge's ends come from node positions (:meth:`GraphScene.node_pos`), so an edge whose
other end has no item (off screen on a virtual canvas) still runs to the right place.
Moves are re-routed in bulk: one pass over the edge items of the moved nodes, or over all
edge items when many nodes move at once (an auto layout, its undo).

Re-routing an edge takes it out of the BSP index and puts it back: 25 us for a short edge,
a millisecond for a long one crossing a big scene.  When the re-routes of one turn of the
event loop (a drag of many nodes) have cost more than rebuilding the index would (about
:data:`BULK_SECONDS_PER_ITEM` per item, at least :data:`BULK_SECONDS_MIN`), the scene drops
the index, re-routes the edges of the nodes that move after that once when the turn is
over, and builds the index again once.  A scene of fewer than :data:`BULK_ITEMS_MIN` items
never does: its index costs nothing worth saving, and a busy machine's slow clock must not
leave a small graph's edges behind its nodes.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from itertools import chain, repeat
from operator import attrgetter, is_

import numpy as np
from PySide6.QtWidgets import QGraphicsScene

from autograd_studio.graph.document import Edge
from autograd_studio.gui.canvas.edge_item import EdgeItem
from autograd_studio.gui.canvas.node_geometry import NODE_HEIGHT, NODE_WIDTH, port_ys
from autograd_studio.gui.canvas.node_item import Port

__all__ = [
    "BULK_ITEMS_MIN",
    "BULK_MOVE_ABOVE",
    "BULK_SECONDS_MIN",
    "BULK_SECONDS_PER_ITEM",
    "EdgeRoutingMixin",
]

BULK_SECONDS_MIN = 0.02
BULK_SECONDS_PER_ITEM = 2e-6
BULK_ITEMS_MIN = 1000
#: A batch of moves (``positions_changed``) of more items than this drops the index first
#: (in a scene of BULK_ITEMS_MIN items or more).
BULK_MOVE_ABOVE = 200
_POS = attrgetter("pos")


class EdgeRoutingMixin:
    """Part of :class:`~autograd_studio.gui.canvas.scene.GraphScene`."""

    def _init_routing(self) -> None:
        self._reroute_seconds = 0.0
        self._unindexed = False
        self._reroute_later: set[str] = set()
        self._reroute_timer = self._turn_timer(self._end_of_reroutes)

    def _edge_ends(self, edge: Edge) -> tuple[float, float, float, float]:
        sx, sy = self.node_pos(edge.source)
        tx, ty = self.node_pos(edge.target)
        ys = port_ys(self.document.nodes[edge.target].arity)
        return sx + NODE_WIDTH, sy + NODE_HEIGHT / 2, tx, ty + ys[edge.port]

    def _add_all_edge_items(self) -> None:
        # _add_edge_item for every edge, without its per-edge points and port updates.
        items, edge_items, theme, add = self.node_items, self.edge_items, self.theme, self.addItem
        inputs_of = self.document.inputs_of
        right, middle = NODE_WIDTH, NODE_HEIGHT / 2
        feeding: set[str] = set()
        for nid, item in items.items():
            if not item.arity:
                continue
            ys = port_ys(item.arity)
            tx, ty = item.x(), item.y()
            ports: set[Port] = set()
            for port, source in enumerate(inputs_of(nid)):
                if source is None:
                    continue
                s = items[source]
                edge = Edge(source, nid, port)
                edge_item = EdgeItem.between(
                    edge, s.x() + right, s.y() + middle, tx, ty + ys[port], theme
                )
                edge_items[edge] = edge_item
                add(edge_item)
                ports.add(port)
                feeding.add(source)
            if ports:
                item.set_connected_ports(ports)
        for source in feeding:
            items[source].mark_connected("out")

    def _add_edge_item(self, edge: Edge) -> EdgeItem:
        item = EdgeItem.between(edge, *self._edge_ends(edge), self.theme)
        if edge in self._emphasised:
            item.set_emphasis(True)
        self.edge_items[edge] = item
        self.edge_items_version += 1
        self.addItem(item)
        source, target = self.node_items.get(edge.source), self.node_items.get(edge.target)
        if source is not None:
            source.mark_connected("out")
        if target is not None:
            target.mark_connected(edge.port)
        return item

    def _remove_edge_item(self, edge: Edge, ports: bool = True) -> None:
        item = self.edge_items.pop(edge, None)
        if item is not None:
            self.edge_items_version += 1
            item.setSelected(False)
            self.removeItem(item)
        if ports:  # the edge left the document, not just the screen
            self._emphasised.discard(edge)
            self._refresh_ports(edge.source)
            self._refresh_ports(edge.target)

    def update_edges(self, node_ids: Iterable[str], items_only: bool = False) -> None:
        """Re-route the edges of *node_ids* to where their nodes are now (during a bulk
        move of a big graph: once the current turn of the event loop is over).
        *items_only*: their items moved ahead of the document (a drag, an animation),
        so what is drawn from the index (the far edges) stays as it is."""
        if self._unindexed:
            self._reroute_later.update(node_ids)
            return
        self._reroute(node_ids, items_only)

    def _reroute(self, node_ids: Iterable[str], items_only: bool = False) -> None:
        started = time.perf_counter()
        moved = node_ids if isinstance(node_ids, (set, frozenset, dict)) else set(node_ids)
        edges = self.edge_items
        if len(moved) * 4 >= len(edges):  # many nodes: one pass over the edge items
            routed = [e for e in edges if e.source in moved or e.target in moved]
        else:
            doc = self.document
            routed = {e for nid in moved if nid in doc for e in doc.edges_of(nid) if e in edges}
        ends = self._edge_ends
        for edge in routed:
            edges[edge].set_ends_xy(*ends(edge))
        self._note_reroutes(time.perf_counter() - started)
        self.overview.invalidate(items_only)

    def _move_items(self, node_ids: Iterable[str]) -> None:
        """Follow a batch of moves (an auto layout, its undo) at once: the index, the items
        there are, and in one pass the edge items of the moved nodes."""
        nodes, items = self.document.nodes, self.node_items
        moved = [nid for nid in node_ids if nid in nodes]
        if self.virtual and not self._index_stale:
            where = list(map(_POS, map(nodes.__getitem__, moved)))
            if any(map(is_, where, repeat(None))):  # (unplaced: where the scene puts them)
                where = [self._record_pos(nodes[nid]) for nid in moved]
            xy = np.fromiter(chain.from_iterable(where), float, 2 * len(where))
            self.index.move_many(moved, xy.reshape(-1, 2))
        placed = [nid for nid in moved if nid in items]
        big = len(items) + len(self.edge_items) >= BULK_ITEMS_MIN
        if big and len(placed) > BULK_MOVE_ABOVE and not self._unindexed:
            # Each move in the BSP index is a removal and an insertion: drop the index and
            # build it once when this turn of the event loop is over (_end_of_reroutes).
            self._unindexed = True
            self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
            self._reroute_timer.start()
        for nid in placed:
            self._place(items[nid], nodes[nid])
        self._reroute(set(moved))
        if self.virtual:
            self._sync_timer.start()  # what is on screen now may be other nodes

    def _note_reroutes(self, seconds: float) -> None:
        self._reroute_seconds += seconds
        if not self._reroute_timer.isActive():
            self._reroute_timer.start()  # the cost is counted per turn of the event loop
        items = len(self.node_items) + len(self.edge_items)
        if items < BULK_ITEMS_MIN:
            return
        budget = max(BULK_SECONDS_MIN, BULK_SECONDS_PER_ITEM * items)
        if not self._unindexed and self._reroute_seconds > budget:
            self._unindexed = True
            self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)

    def _end_of_reroutes(self) -> None:
        if self._reroute_later:
            pending, self._reroute_later = self._reroute_later, set()
            self._reroute(pending)
        self._reroute_seconds = 0.0
        if self._unindexed:
            self._unindexed = False
            self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)

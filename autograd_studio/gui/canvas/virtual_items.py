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

import time
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF
from PySide6.QtWidgets import QGraphicsScene

from autograd_studio.graph.document import DocumentEvent, Edge, EventKind
from autograd_studio.graph.naming import node_name
from autograd_studio.gui.canvas.edge_item import EdgeItem
from autograd_studio.gui.canvas.node_item import NODE_HEIGHT, NODE_WIDTH, NodeItem

__all__ = [
    "FILL_GAP_MS",
    "FILL_SECONDS",
    "FIRST_FILL_GAP_MS",
    "FIRST_FILL_SECONDS",
    "ItemsMade",
    "VirtualItemsMixin",
]

#: Seconds of item making per frame while a region fills (a node item costs 0.1-0.4 ms):
#: the frame that zooms or pans into a region paints at once, placeholders where items
#: are still to come, and the items follow frame by frame, nearest the cursor first.
FILL_SECONDS = 0.008
FIRST_FILL_SECONDS = 0.002  # in the frame of the zoom or pan itself (each card is painted too)
#: Milliseconds between two batches: the repaint of the last one comes in between (with
#: no gap, Qt may run several batches before it paints once).
FILL_GAP_MS = 10
FIRST_FILL_GAP_MS = 30  # after the batch made in the frame of the step: that frame first

_BACKGROUND = QGraphicsScene.SceneLayer.BackgroundLayer

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

    def show_region(self, rect: QRectF | None, focus: QPointF | None = None) -> None:
        """Have items for what meets *rect* (scene coordinates, with a margin so short pans
        make none), drop the others; ``None``: no items but the selected ones.  Items
        missing are made over the next frames, nearest *focus* (default: the middle of
        *rect*) first; the view paints placeholders for them meanwhile."""
        if not self.virtual:
            return
        if rect is None:
            if self._region is None:
                return
            self._region = None
        else:
            left, top, right, bottom = rect.left(), rect.top(), rect.right(), rect.bottom()
            center = focus if focus is not None else rect.center()
            before, self._focus = self._focus, (center.x(), center.y())
            have = self._region
            if (
                have is not None
                and not self._index_stale
                and have[0] <= left
                and have[1] <= top
                and right <= have[2]
                and bottom <= have[3]
            ):
                moved = abs(before[0] - center.x()) + abs(before[1] - center.y()) > NODE_HEIGHT
                if self._queue and moved:
                    self._resort = True  # still filling: what is nearest it comes next
                self._far_edges_follow_looks()
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
        """Drop the items outside the region (not the selected ones) and plan the making
        of those it lacks, nearest the focus first; the first batch is made at once."""
        self._sync_timer.stop()
        if not self.virtual:
            return
        if self._moved:
            moved, self._moved = self._moved, set()
            self.update_edges(moved)
        self._fresh_index()
        index, region = self.index, self._region
        if region:
            node_rows = index.node_rows_in(*region)
            # Edges only passing through are drawn behind the items (FarEdges), not made.
            edge_rows = index.edge_rows_ending_in(*region, node_rows)
        else:
            node_rows = edge_rows = np.zeros(0, dtype=np.int64)
        ids, (src, dst, port, _port_y) = index.ids, index.edge_arrays()
        nodes = [ids[k] for k in node_rows.tolist()]
        ends = (src[edge_rows].tolist(), dst[edge_rows].tolist(), port[edge_rows].tolist())
        edges = [Edge(ids[s], ids[t], p) for s, t, p in zip(*ends, strict=True)]
        self._drop_outside(set(nodes), set(edges))
        # What is missing, nearest the focus first: a node, then the edges it ends.
        fx, fy = self._focus
        far = (index.xs + NODE_WIDTH / 2 - fx) ** 2 + (index.ys + NODE_HEIGHT / 2 - fy) ** 2
        node_far = far[node_rows]
        edge_far = np.minimum(far[src[edge_rows]], far[dst[edge_rows]]) + 1.0
        order = np.argsort(np.concatenate([node_far, edge_far]), kind="stable").tolist()
        wanted = nodes + edges
        have_nodes, have_edges = self.node_items, self.edge_items
        queue = [
            key
            for key in map(wanted.__getitem__, order)
            if key not in (have_edges if isinstance(key, Edge) else have_nodes)
        ]
        queue.reverse()  # popped from the end
        self._queue, self._resort = queue, False
        self._filling = self._filling or bool(queue)
        kinds = index.kinds
        xs, ys = index.xs[node_rows].tolist(), index.ys[node_rows].tolist()
        cards = zip(nodes, xs, ys, node_rows.tolist(), strict=True)
        self._waiting = {nid: (x, y, kinds[k]) for nid, x, y, k in cards if nid not in have_nodes}
        self._fill(FIRST_FILL_SECONDS, first=True)

    def _drop_outside(self, nodes: set[str], edges: set[Edge]) -> None:
        chosen = self._chosen
        for nid in [n for n, item in self.node_items.items() if n not in nodes]:
            if not self.node_items[nid].isSelected():
                self._remove_node_item(nid)
            elif chosen:  # a big selection (Select All): the item goes, the id stays selected
                self._remove_node_item(nid)
                chosen.add(nid)
        dropped = []
        for edge in [e for e, item in self.edge_items.items() if e not in edges]:
            if not self.edge_items[edge].isSelected():
                self._remove_edge_item(edge, ports=False)
                dropped.append(edge)
        if dropped:  # the views' far-edge pictures left them to their items: drawn now,
            rows = self.index.edge_rows(dropped)  # and copied again where they are seen
            for view in self.views():
                frames = getattr(view, "far_frames", None)
                if frames is None:
                    view.resetCachedContent()
                    continue
                seen = frames.add_rows(rows[rows >= 0])
                if not seen.isEmpty():
                    view.invalidateScene(seen, _BACKGROUND)
        self._far_edges_follow_looks()

    def _far_edges_follow_looks(self) -> None:
        """The graph or its looks changed (Gradient Flow on, off): the views' cached
        backgrounds copy their far-edge pictures again (which are drawn again); a view
        zoomed out to the overview is painted again if it does not show the change yet."""
        if self._far_seen != self.overview.graph_changes:
            self._far_seen = self.overview.graph_changes
            for view in self.views():
                frames = getattr(view, "far_frames", None)
                if frames is None or frames.active():
                    view.resetCachedContent()
                    continue
                # Zoomed out to the overview (no background cached, no far edges): painted
                # again unless its last frame showed this change already (a Select All after
                # Gradient Flow on then painted its 65,818 marks twice).
                pictures = getattr(view, "overview_frames", None)
                if pictures is None or not pictures.shows(self.overview):
                    view.viewport().update()

    def frame_painted(self) -> None:
        """A view painted a frame: the next batch comes a gap after the first paint since
        the last batch (with none, Qt may run a batch and paint again in one go: two
        frames' work in one; only the first, so frames painted back to back do not hold
        the batches off)."""
        if self._batch_unpainted and self._fill_timer.isActive():
            self._fill_timer.start(FILL_GAP_MS)
        self._batch_unpainted = False

    def fill_later(self) -> None:
        """Go on filling a frame from now (a view began a far-edge picture it draws over
        the next frames)."""
        if self.virtual and not self._fill_timer.isActive():
            self._fill_timer.start(FILL_GAP_MS)
            self._batch_unpainted = True  # (a gap after the frame it is asked in)

    def _next_batch(self) -> None:
        """The fill timer's batch, then its frame: the scene marks what new items cover
        in a queued call, which paints them; made now, that frame is the only one (a
        repaint before it, then that call, painted each batch twice)."""
        self._fill()
        QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)

    def _fill(self, seconds: float = FILL_SECONDS, first: bool = False) -> None:
        """Make the next items of the region, and draw the next far edges of the views'
        pictures, for about *seconds*; the rest a frame later."""
        queue = self._queue
        if self._index_stale:  # the document changed: _sync plans again first
            self._sync_timer.start()
            return
        far = [v.far_frames for v in self.views() if getattr(v, "far_frames", None)]
        far = [frames for frames in far if frames.pending()]
        if not queue and not far:
            return
        deadline = time.perf_counter() + seconds
        share = seconds / 2 if queue else seconds  # the edges first: half the time at most
        for frames in far:  # while items are to come
            complete = frames.draw_some(time.perf_counter() + share)
            if complete or not frames.hiding():  # the views' backgrounds copy it again
                frames.view.resetCachedContent()
                frames.view.viewport().update()
        if self._resort:
            self._resort_queue()
        made: list[NodeItem] = []
        made_edges: list[EdgeItem] = []
        records, inputs = self.document.nodes, self.document.input_lists
        have_nodes, have_edges = self.node_items, self.edge_items
        while queue:
            key = queue.pop()
            if isinstance(key, Edge):
                wired = inputs.get(key.target, ())
                still = key.port < len(wired) and wired[key.port] == key.source
                if still and key not in have_edges:
                    made_edges.append(self._add_edge_item(key))
            elif key not in have_nodes and key in records:  # (the index is current here)
                made.append(self._add_node_item(records[key], ports_from_index=True))
            if time.perf_counter() > deadline:
                break
        if made or made_edges:
            for observer in self._items_made:
                observer(made, made_edges)
        if queue or any(frames.pending() for frames in far):
            # (after the first batch, the frame of the step is painted before the next)
            self._fill_timer.start(FIRST_FILL_GAP_MS if first else FILL_GAP_MS)
            self._batch_unpainted = True
        elif self._filling:
            self._filling = False
            self._waiting.clear()
            self.regionCompleted.emit()

    def _resort_queue(self) -> None:
        """Order what is still to be made by distance from the focus (it moved)."""
        self._resort = False
        fx, fy = self._focus
        position, queue = self.index.position, self._queue

        def far(nid: str) -> float:
            x, y = position(nid)
            return (x + NODE_WIDTH / 2 - fx) ** 2 + (y + NODE_HEIGHT / 2 - fy) ** 2

        def key(item) -> float:
            if isinstance(item, Edge):  # after the nearer of its ends
                return min(far(item.source), far(item.target)) + 1.0
            return far(item)

        queue.sort(key=key, reverse=True)  # popped from the end

    def items_pending(self) -> bool:
        """Whether the region still lacks items (or a view's far edges) the scene will make
        over the next frames."""
        if self._queue or (self.virtual and self._sync_timer.isActive()):
            return True
        return any(v.far_frames.pending() for v in self.views() if getattr(v, "far_frames", None))

    def finish_items(self) -> None:
        """Make every item the region lacks now (what a test, a picture or a gesture that
        needs them all asks for; one item: :meth:`ensure_node_item`)."""
        if self.virtual and self._sync_timer.isActive():
            self._sync()
        self._fill_timer.stop()
        for view in self.views():  # (a view at readable zoom: its far edges, complete)
            frames = getattr(view, "far_frames", None)
            if frames is not None and self.virtual and frames.active():
                frames.prepare()
        self._fill(float("inf"))

    def waiting_cards(self) -> dict[str, tuple[float, float, str]]:
        """The nodes of the region whose items are still to be made: id -> (x, y, kind)
        of their cards, for the view's placeholders."""
        return self._waiting

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

    def ensure_edge_item(self, edge: Edge) -> EdgeItem | None:
        """The item of *edge*, made now if the scene has none (one the far-edge layer draws,
        clicked or hovered); ``None`` for an edge not in the document."""
        item = self.edge_items.get(edge)
        wired = self.document.input_lists.get(edge.target, ())
        if item is not None or not (edge.port < len(wired) and wired[edge.port] == edge.source):
            return item
        item = self._add_edge_item(edge)
        for observer in self._items_made:
            observer([], [item])
        return item

    def when_items_made(self, observer: ItemsMade) -> None:
        """Call *observer* with the items a virtual scene makes as it scrolls."""
        self._items_made.append(observer)

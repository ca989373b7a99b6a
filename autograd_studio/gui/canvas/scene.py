"""The scene: a mirror of one :class:`GraphDocument`.

It creates, updates and removes items from the document's change notifications only
(:meth:`GraphScene.on_document_event`, which the view connects to the editing session's
``documentChanged``), so undo, redo, file loading and scripts all show up the same way.  It
never changes the document; the view pushes undo commands for that.  A scene made for a
picture or a preview is a snapshot: nobody feeds it events.

A graph of up to :data:`VIRTUAL_ABOVE` nodes has one item per node and edge.  A bigger one
in the editor is *virtual*: a :class:`~autograd_studio.gui.canvas.spatial.SpatialIndex`
knows where everything is, and items exist only for the region the view shows
(:meth:`GraphScene.show_region`), plus the selected ones; zoomed out the view paints the
:mod:`~autograd_studio.gui.canvas.overview` instead and there are no items at all.
``node_items`` and ``edge_items`` hold the items that exist; :meth:`GraphScene.node_pos`
answers for every node.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QTimer, Signal
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from autograd_studio.graph.bulk import collector_paused
from autograd_studio.graph.document import (
    DocumentEvent,
    Edge,
    EventKind,
    GraphDocument,
    NodeRecord,
)
from autograd_studio.graph.naming import node_name, node_names
from autograd_studio.gui.canvas.edge_item import EdgeItem
from autograd_studio.gui.canvas.edge_routing import EdgeRoutingMixin
from autograd_studio.gui.canvas.far_edges import FarEdges
from autograd_studio.gui.canvas.node_geometry import DETAILED_UP_TO
from autograd_studio.gui.canvas.node_item import NODE_HEIGHT, NODE_WIDTH, NodeItem, Port
from autograd_studio.gui.canvas.overview import Overview
from autograd_studio.gui.canvas.scene_batches import SceneBatchesMixin
from autograd_studio.gui.canvas.scene_looks import SceneLooksMixin
from autograd_studio.gui.canvas.spatial import SpatialIndex
from autograd_studio.gui.canvas.theme import Theme, current_theme
from autograd_studio.gui.canvas.virtual_items import FILL_GAP_MS, ItemsMade, VirtualItemsMixin
from autograd_studio.gui.look.wording import english_plural

__all__ = ["VIRTUAL_ABOVE", "GraphScene"]

_DEVICE_CACHE = QGraphicsItem.CacheMode.DeviceCoordinateCache
GRID_COLUMN = NODE_WIDTH + 80.0
GRID_ROW = NODE_HEIGHT + 40.0
GRID_ROWS = 8  # nodes without a position fill columns of this many
#: Above this many nodes the editor's scene keeps items only for what is on screen.
VIRTUAL_ABOVE = 2000
#: Up to this many nodes, two nodes never show the same name (the check reads them all).
DISTINCT_NAMES_UP_TO = 5000


class GraphScene(
    SceneBatchesMixin, VirtualItemsMixin, SceneLooksMixin, EdgeRoutingMixin, QGraphicsScene
):
    """Items for the nodes and edges of :attr:`document` (all of them, or on a virtual
    scene those in the shown region), kept in sync with it.

    *virtual* lets the scene go virtual when the document has more than
    :data:`VIRTUAL_ABOVE` nodes (the editor's canvas); pictures and previews keep every
    item.
    """

    #: A virtual scene has made every item its region lacked (see finish_items).
    regionCompleted = Signal()

    def __init__(
        self,
        document: GraphDocument,
        theme: Theme | None = None,
        parent=None,
        *,
        virtual: bool = False,
    ) -> None:
        super().__init__(parent)
        self.theme = theme or current_theme()
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.node_items: dict[str, NodeItem] = {}
        self.edge_items: dict[Edge, EdgeItem] = {}
        #: changes whenever an edge item is made or dropped (FarEdges keeps its mask until then)
        self.edge_items_version = 0
        self.overview = Overview(self)
        self.index = SpatialIndex()
        #: the edges passing through the view without an item, drawn behind the items
        self.far_edges = FarEdges(self)
        self._far_seen = -1  # the overview's change count the views' backgrounds show
        self.can_be_virtual = virtual
        self.virtual = False
        self._region: tuple[float, float, float, float] | None = None
        self._focus = (0.0, 0.0)  # the scene point whose items are made first
        self._queue: list = []  # node ids and edges still to be made, the next one last
        self._filling = False  # a region is being filled (regionCompleted follows)
        self._batch_unpainted = False  # no view painted since the last batch
        self._resort = False  # the focus moved while they were being made
        self._waiting: dict[str, tuple[float, float, str]] = {}  # their cards, for placeholders
        self._index_stale = False
        self._moved: set[str] = set()  # single moves whose edges wait for the next sync
        self._items_made: list[ItemsMade] = []
        #: selected nodes without an item (virtual scene): Select All makes no items
        self._chosen: set[str] = set()
        #: changes whenever the selection does (the overview keeps its boxes until then)
        self.selection_generation = 0
        self._names: dict[str, str] = {}
        self._auto_pos: dict[str, tuple[float, float]] = {}
        self._auto_origin = (0.0, 0.0)
        self._init_looks()
        self._init_routing()
        self.document = document
        self._emphasis_timer = self._turn_timer(self._update_emphasis)
        # Automatic op names follow their operands, and names shared by two nodes get the
        # id added: both need the whole graph, so they are redone once per burst of events.
        self._names_timer = self._turn_timer(self.refresh_names)
        self._sync_timer = self._turn_timer(self._sync)
        self._fill_timer = self._turn_timer(self._next_batch)
        self._fill_timer.setInterval(FILL_GAP_MS)
        self._selection_news = self._turn_timer(self.selectionChanged.emit)
        self.selectionChanged.connect(self._emphasis_timer.start)
        self.selectionChanged.connect(self._drop_deselected_later)
        self.selectionChanged.connect(self._count_selection)
        self.set_document(document)

    def _turn_timer(self, slot) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(0)
        timer.timeout.connect(slot)
        return timer

    # --- the document ----------------------------------------------------------------------

    def set_document(self, document: GraphDocument) -> None:
        """Mirror *document* instead (repopulates everything)."""
        self.document = document
        self._populate()

    def _populate(self) -> None:
        self._set_aside = None
        self.clearSelection()
        self._chosen.clear()
        for item in list(self.node_items.values()) + list(self.edge_items.values()):
            self.removeItem(item)
        self.node_items.clear()
        self.edge_items.clear()
        self.edge_items_version += 1
        self._auto_pos.clear()
        self._emphasised.clear()
        self._forget_results()  # another document's numbers must not reach the new items
        doc = self.document
        placed = [r.pos for r in doc.nodes.values() if r.pos is not None]
        if placed:
            self._auto_origin = (
                min(p[0] for p in placed),
                max(p[1] for p in placed) + 2 * GRID_ROW,
            )
        else:
            self._auto_origin = (0.0, 0.0)
        self.virtual = self.can_be_virtual and len(doc.nodes) > VIRTUAL_ABOVE
        if self.virtual:
            self._rebuild_index()
            self._names = {}
            self._sync()
        else:
            # Hundreds of thousands of lasting items on a big graph: collections find nothing.
            with collector_paused():
                for record in doc.nodes.values():
                    self._add_node_item(record)
                self._add_all_edge_items()
            self.refresh_names()
        self.overview.forget()

    def on_document_event(self, event: DocumentEvent) -> None:
        """Follow one change of :attr:`document`."""
        kind = event.kind
        moved_on = event.structural or event.moved()
        if moved_on and kind is not EventKind.NODES_ADDED:  # what was set aside is stale
            self._set_aside = None
        if kind is EventKind.RESET:
            self._populate()
            return
        if kind is EventKind.POSITIONS_CHANGED:
            self._move_items(event.node_ids)
            return
        if kind is EventKind.NODES_REMOVED or kind is EventKind.NODES_ADDED:
            grown = self.can_be_virtual and not self.virtual
            if grown and len(self.document.nodes) > VIRTUAL_ABOVE:
                self._populate()  # big now (an undo, a paste): items only for the screen
            else:
                self._follow_batch(event)
            return
        if self.virtual:
            self._follow_virtually(event)
            return
        if kind is EventKind.NODE_CHANGED:
            item = self.node_items.get(event.node_id)
            if item is None:
                return
            record = self.document.nodes[event.node_id]
            if event.field == "pos":
                self._place(item, record)
                self.update_edges((event.node_id,))
            elif event.field == "label":
                item.set_label(node_name(self.document, record.id))
                self._names_timer.start()
            elif event.field in ("op", "function", "ports"):
                self._replace_node_item(record)
                self.update_edges((record.id,))  # its ports moved along the edge
            return
        if kind is EventKind.EDGE_ADDED:
            self._add_edge_item(event.edge)
        elif kind is EventKind.EDGE_REMOVED:
            self._remove_edge_item(event.edge)
        elif kind is EventKind.NODE_ADDED:
            self._add_node_item(self.document.nodes[event.node_id])
        elif kind is EventKind.NODE_REMOVED:
            self._remove_node_item(event.node_id)
        self._names_timer.start()
        self.overview.invalidate()

    # --- positions -------------------------------------------------------------------------

    def node_pos(self, node_id: str) -> tuple[float, float]:
        """Where *node_id*'s card is (its item's place, else the document's, else the
        place the scene gives unplaced nodes)."""
        item = self.node_items.get(node_id)
        if item is not None:
            return item.x(), item.y()
        return self._record_pos(self.document.nodes[node_id])

    def node_positions(self) -> dict[str, tuple[float, float]]:
        """Every node's :meth:`node_pos`."""
        if not self.virtual:
            return {nid: (item.x(), item.y()) for nid, item in self.node_items.items()}
        self._fresh_index()
        index = self.index
        xys = zip(index.xs.tolist(), index.ys.tolist(), strict=True)
        where = dict(zip(index.ids, xys, strict=True))
        for nid, item in self.node_items.items():
            where[nid] = (item.x(), item.y())  # dragged, not yet in the document
        return where

    def corners_of(self, node_ids: list[str]) -> tuple[float, float, float, float] | None:
        """(left, top, right, bottom) of the top-left corners of *node_ids* (None: none)."""
        if self.virtual:
            self._fresh_index()
            return self.index.bounds_of(node_ids)
        if not node_ids:
            return None
        xs, ys = zip(*(self.node_pos(nid) for nid in node_ids), strict=True)
        return min(xs), min(ys), max(xs), max(ys)

    def _record_pos(self, record: NodeRecord) -> tuple[float, float]:
        if record.pos is not None:
            return record.pos
        return self._auto_pos.get(record.id) or self._next_auto_pos(record.id)

    def _place(self, item: NodeItem, record: NodeRecord) -> None:
        x, y = self._record_pos(record)
        if item.x() != x or item.y() != y:
            item.setPos(x, y)

    def _next_auto_pos(self, node_id: str) -> tuple[float, float]:
        # Nodes without a position fill a grid below the placed ones, in document order.
        taken = set(self._auto_pos.values())
        k = len(self._auto_pos)
        while True:
            col, row = divmod(k, GRID_ROWS)
            pos = (self._auto_origin[0] + col * GRID_COLUMN, self._auto_origin[1] + row * GRID_ROW)
            if pos not in taken:
                break
            k += 1
        self._auto_pos[node_id] = pos
        return pos

    def nodes_bounding_rect(self) -> QRectF:
        """The rectangle the node cards cover (empty when there are none)."""
        if self.virtual:
            self._fresh_index()
            bounds = self.index.bounds()
            if bounds is None:
                return QRectF()
            left, top, right, bottom = bounds
            return QRectF(left, top, right - left, bottom - top)
        if not self.node_items:
            return QRectF()
        xs = [item.x() for item in self.node_items.values()]
        ys = [item.y() for item in self.node_items.values()]
        return QRectF(
            min(xs), min(ys), max(xs) - min(xs) + NODE_WIDTH, max(ys) - min(ys) + NODE_HEIGHT
        )

    # --- items -----------------------------------------------------------------------------

    def _add_node_item(self, record: NodeRecord, ports_from_index: bool = False) -> NodeItem:
        """Make the item of *record*; *ports_from_index*: whether its output feeds an edge
        may be read from the spatial index (only while it is known to be current)."""
        item = NodeItem(record, self.theme)
        if record.op is not None and not record.label:
            name = self._names.get(record.id) or node_name(self.document, record.id)
            item.set_label(name)
        self._dress(item)
        self._waiting.pop(record.id, None)
        self.node_items[record.id] = item
        self._place(item, record)
        self.addItem(item)
        if record.id in self._chosen:  # selected before it had an item
            self._chosen.discard(record.id)
            item.setSelected(True)
        if self.virtual:
            self._refresh_ports(record.id, ports_from_index)
            # Painted once into a picture at the view's scale, then copied: while a region
            # fills, every frame repaints the cards its new edges cross.
            item.setCacheMode(_DEVICE_CACHE)
        return item

    def _remove_node_item(self, node_id: str) -> None:
        item = self.node_items.pop(node_id, None)
        if item is not None:
            item.setSelected(False)
            self.removeItem(item)
        if node_id not in self.document.nodes:
            self._auto_pos.pop(node_id, None)
            if node_id in self._chosen:
                self._chosen.discard(node_id)
                self._selection_news.start()  # once for a whole deleted selection

    @property
    def always_detailed(self) -> bool:
        """Whether every node paints its texts at any zoom (a graph a person can read whole;
        bigger ones paint plain blocks when zoomed out)."""
        return len(self.document.nodes) <= DETAILED_UP_TO

    def refresh_names(self) -> None:
        """Show every node by its name (:mod:`~autograd_studio.graph.naming`), distinct ones
        up to :data:`DISTINCT_NAMES_UP_TO` nodes (beyond, only the overview is legible)."""
        self._names_timer.stop()
        doc = self.document
        if len(doc.nodes) <= DISTINCT_NAMES_UP_TO:
            self._names = names = node_names(doc)
        else:
            names = {nid: node_name(doc, nid) for nid in self.node_items}
        for nid, item in self.node_items.items():
            name = names.get(nid)
            if name is not None and name != item.label_text():
                item.set_label(name)

    def _replace_node_item(self, record: NodeRecord) -> None:
        old = self.node_items.pop(record.id)
        selected = old.isSelected()
        self.removeItem(old)
        item = self._add_node_item(record)
        item.setSelected(selected)
        self._refresh_ports(record.id)
        for observer in self._items_made:
            observer([item], [])

    def _refresh_ports(self, node_id: str, from_index: bool = False) -> None:
        item = self.node_items.get(node_id)
        if item is None or node_id not in self.document:
            return
        ports: set[Port] = {p for p, s in enumerate(self.document.inputs_of(node_id)) if s}
        # (from the index: the document's users index costs 0.3 s to build on a fresh graph)
        if self.index.feeds(node_id) if from_index else self.document.users_of(node_id):
            ports.add("out")
        item.set_connected_ports(ports)

    def node_item(self, node_id: str) -> NodeItem | None:
        return self.node_items.get(node_id)

    def edge_item(self, edge: Edge) -> EdgeItem | None:
        return self.edge_items.get(edge)

    def selected_node_ids(self) -> list[str]:
        """Selected nodes in document order (with and without items)."""
        selected = {i.node_id for i in self.selectedItems() if isinstance(i, NodeItem)}
        if self._chosen:
            selected |= self._chosen
        if len(selected) <= 1:  # the common case, without reading 65,000 ids
            return [nid for nid in selected if nid in self.document.nodes]
        return list(filter(selected.__contains__, self.document.nodes))  # (at C speed)

    def select_exactly(self, node_ids, make_items: bool = True) -> None:
        """Select these nodes and nothing else (edges are deselected).  On a virtual scene
        nodes without an item get one now if *make_items* (to be edited or revealed), else
        they are kept as ids and their items are made selected when they come into view."""
        wanted = set(node_ids)
        dropped = bool(self._chosen - wanted)
        self._chosen &= wanted
        for item in self.selectedItems():
            if not isinstance(item, NodeItem) or item.node_id not in wanted:
                item.setSelected(False)
        if make_items or not self.virtual:
            for nid in wanted:
                item = self.ensure_node_item(nid)
                if item is not None and not item.isSelected():
                    item.setSelected(True)
        else:
            self._choose(wanted)
        if dropped:
            self.selectionChanged.emit()

    def _choose(self, node_ids: set[str]) -> None:
        items, nodes = self.node_items, self.document.nodes
        fresh = node_ids.difference(self._chosen)
        for nid in [n for n in fresh if n in items]:
            fresh.discard(nid)
            items[nid].setSelected(True)
        fresh.intersection_update(nodes)
        if fresh:
            self._chosen |= fresh
            self.selectionChanged.emit()

    def clearSelection(self) -> None:
        """Deselect everything, the nodes without items too."""
        super().clearSelection()
        if self._chosen:
            self._chosen.clear()
            self.selectionChanged.emit()

    def _count_selection(self) -> None:
        self.selection_generation += 1

    def selected_edges(self) -> list[Edge]:
        return sorted(i.edge for i in self.selectedItems() if isinstance(i, EdgeItem))

    # --- tooltips (see SceneLooksMixin.tooltip_at; here for the plural form's context) ----

    def _port_tooltip(self, item: NodeItem, port: Port) -> str:
        doc = self.document
        if port == "out":
            users = doc.users_of(item.node_id)
            count = len(users)
            text = english_plural(self.tr("output of {0}: feeds %n input(s)", "", count), count)
            return text.format(item.label_text() or item.node_id)
        source = doc.inputs_of(item.node_id)[port]
        fed = (
            self.tr("fed by {0}").format(node_name(doc, source))
            if source
            else self.tr("not connected")
        )
        text = self.tr("{0} of {1}: {2}")
        return text.format(item.port_name(port), item.label_text() or item.node_id, fed)

"""The scene: a mirror of one :class:`GraphDocument`.

It creates, updates and removes items from the document's change notifications only
(:meth:`GraphScene.on_document_event`, which the view connects to the editing session's
``documentChanged``), so undo, redo, file loading and scripts all show up the same way.  It
never changes the document; the view pushes undo commands for that.  A scene made for a
picture or a preview is a snapshot: nobody feeds it events.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from PySide6.QtCore import QPointF, QRectF, QTimer
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneHelpEvent, QToolTip

from autograd_studio.graph.bulk import collector_paused
from autograd_studio.graph.document import (
    DocumentEvent,
    Edge,
    EventKind,
    GraphDocument,
    NodeRecord,
)
from autograd_studio.graph.evaluate import EvaluationResult
from autograd_studio.graph.naming import node_name, node_names
from autograd_studio.gui.canvas.edge_item import EdgeItem
from autograd_studio.gui.canvas.node_geometry import DETAILED_UP_TO, port_ys
from autograd_studio.gui.canvas.node_item import NODE_HEIGHT, NODE_WIDTH, NodeItem, Port
from autograd_studio.gui.canvas.overview import Overview
from autograd_studio.gui.canvas.theme import Theme, current_theme
from autograd_studio.gui.editing.evaluation import problem_text
from autograd_studio.gui.look.wording import english_plural

__all__ = ["GraphScene"]

GRID_COLUMN = NODE_WIDTH + 80.0
GRID_ROW = NODE_HEIGHT + 40.0
GRID_ROWS = 8  # nodes without a position fill columns of this many
# Re-routing an edge takes it out of the BSP index and puts it back: 25 us for a short edge
# of the demo graph, a millisecond for a long one crossing a big scene.  When the re-routes
# of one turn of the event loop (an auto layout, its undo, a drag of many nodes) have cost
# more than rebuilding the index would (about BULK_SECONDS_PER_ITEM per item, at least
# BULK_SECONDS_MIN), the scene drops the index, re-routes the edges of the nodes that move
# after that once when the turn is over, and builds the index again once.  A scene of
# fewer than BULK_ITEMS_MIN items never does: its index costs nothing worth saving, and a
# busy machine's slow clock must not leave a small graph's edges behind its nodes.
BULK_SECONDS_MIN = 0.02
BULK_SECONDS_PER_ITEM = 2e-6
BULK_ITEMS_MIN = 1000
#: A batch of moves (``positions_changed``) of more nodes than this drops the index first
#: (in a scene of BULK_ITEMS_MIN items or more).
BULK_MOVE_ABOVE = 200


#: Up to this many nodes, two nodes never show the same name (the check reads them all).
DISTINCT_NAMES_UP_TO = 5000


class GraphScene(QGraphicsScene):
    """Items for every node and edge of :attr:`document`, kept in sync with it."""

    def __init__(self, document: GraphDocument, theme: Theme | None = None, parent=None) -> None:
        super().__init__(parent)
        self.theme = theme or current_theme()
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.node_items: dict[str, NodeItem] = {}
        self.edge_items: dict[Edge, EdgeItem] = {}
        self.overview = Overview(self)
        self._auto_pos: dict[str, tuple[float, float]] = {}
        self._auto_origin = (0.0, 0.0)
        self._output: str | None = None
        self._caption: tuple[str, str] = ("grad", "")  # see NodeItem.set_derivative_caption
        self._role_tags: dict[str, str] = {}  # node id -> "TARGET" / "WRT"
        self._emphasised: set[Edge] = set()
        self.document = document
        self._emphasis_timer = QTimer(self)
        self._emphasis_timer.setSingleShot(True)
        self._emphasis_timer.setInterval(0)
        self._emphasis_timer.timeout.connect(self._update_emphasis)
        # Automatic op names follow their operands, and names shared by two nodes get the
        # id added: both need the whole graph, so they are redone once per burst of events.
        self._names_timer = QTimer(self)
        self._names_timer.setSingleShot(True)
        self._names_timer.setInterval(0)
        self._names_timer.timeout.connect(self.refresh_names)
        self.selectionChanged.connect(self._emphasis_timer.start)
        self.selectionChanged.connect(self.overview.invalidate)
        self._reroute_seconds = 0.0
        self._unindexed = False
        self._reroute_later: set[str] = set()
        self._reroute_timer = QTimer(self)
        self._reroute_timer.setSingleShot(True)
        self._reroute_timer.setInterval(0)
        self._reroute_timer.timeout.connect(self._end_of_reroutes)
        self.set_document(document)

    # --- the document ----------------------------------------------------------------------

    def set_document(self, document: GraphDocument) -> None:
        """Mirror *document* instead (repopulates everything)."""
        self.document = document
        self._populate()

    def _populate(self) -> None:
        self.clearSelection()
        for item in list(self.node_items.values()) + list(self.edge_items.values()):
            self.removeItem(item)
        self.node_items.clear()
        self.edge_items.clear()
        self._auto_pos.clear()
        self._emphasised.clear()
        self._output = None
        doc = self.document
        placed = [r.pos for r in doc.nodes.values() if r.pos is not None]
        if placed:
            self._auto_origin = (
                min(p[0] for p in placed),
                max(p[1] for p in placed) + 2 * GRID_ROW,
            )
        else:
            self._auto_origin = (0.0, 0.0)
        # Hundreds of thousands of lasting items on a big graph: collections find nothing.
        with collector_paused():
            for record in doc.nodes.values():
                self._add_node_item(record)
            self._add_all_edge_items()
        self.refresh_names()
        self.overview.invalidate()

    def _add_all_edge_items(self) -> None:
        # _add_edge_item for every edge, without its per-edge points and port updates:
        # 126,854 edges on the demo graph.
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

    def on_document_event(self, event: DocumentEvent) -> None:
        """Follow one change of :attr:`document`."""
        kind = event.kind
        if kind is EventKind.POSITIONS_CHANGED:
            self._move_items(event.node_ids)
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
            elif event.field in ("op", "function"):
                self._replace_node_item(record)
            return
        if kind is EventKind.EDGE_ADDED:
            self._add_edge_item(event.edge)
        elif kind is EventKind.EDGE_REMOVED:
            self._remove_edge_item(event.edge)
        elif kind is EventKind.NODE_ADDED:
            self._add_node_item(self.document.nodes[event.node_id])
        elif kind is EventKind.NODE_REMOVED:
            item = self.node_items.pop(event.node_id, None)
            if item is not None:
                item.setSelected(False)
                self.removeItem(item)
            self._auto_pos.pop(event.node_id, None)
        elif kind is EventKind.RESET:
            self._populate()
            return
        self._names_timer.start()
        self.overview.invalidate()

    # --- items -----------------------------------------------------------------------------

    def _add_node_item(self, record: NodeRecord) -> NodeItem:
        item = NodeItem(record, self.theme)
        if record.op is not None and not record.label:
            item.set_label(node_name(self.document, record.id))
        if self._caption != ("grad", ""):
            item.set_derivative_caption(*self._caption)
        if record.id in self._role_tags:
            item.set_role_tag(self._role_tags[record.id])
        self.node_items[record.id] = item
        self._place(item, record)
        self.addItem(item)
        return item

    @property
    def always_detailed(self) -> bool:
        """Whether every node paints its texts at any zoom (a graph a person can read whole;
        bigger ones paint plain blocks when zoomed out)."""
        return len(self.node_items) <= DETAILED_UP_TO

    def refresh_names(self) -> None:
        """Show every node by its name (:mod:`~autograd_studio.graph.naming`), distinct ones
        up to :data:`DISTINCT_NAMES_UP_TO` nodes (beyond, only the overview is legible)."""
        self._names_timer.stop()
        doc = self.document
        if len(doc.nodes) <= DISTINCT_NAMES_UP_TO:
            names = node_names(doc)
        else:
            names = {nid: node_name(doc, nid) for nid in doc.nodes}
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

    def _place(self, item: NodeItem, record: NodeRecord) -> None:
        if record.pos is not None:
            x, y = record.pos
        else:
            x, y = self._auto_pos.get(record.id) or self._next_auto_pos(record.id)
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

    def _add_edge_item(self, edge: Edge) -> None:
        source, target = self.node_items[edge.source], self.node_items[edge.target]
        item = EdgeItem(
            edge, source.port_scene_pos("out"), target.port_scene_pos(edge.port), self.theme
        )
        self.edge_items[edge] = item
        self.addItem(item)
        source.mark_connected("out")
        target.mark_connected(edge.port)

    def _remove_edge_item(self, edge: Edge) -> None:
        item = self.edge_items.pop(edge, None)
        if item is not None:
            item.setSelected(False)
            self.removeItem(item)
        self._emphasised.discard(edge)
        self._refresh_ports(edge.source)
        self._refresh_ports(edge.target)

    def _refresh_ports(self, node_id: str) -> None:
        item = self.node_items.get(node_id)
        if item is None or node_id not in self.document:
            return
        ports: set[Port] = {p for p, s in enumerate(self.document.inputs_of(node_id)) if s}
        if self.document.users_of(node_id):
            ports.add("out")
        item.set_connected_ports(ports)

    def node_item(self, node_id: str) -> NodeItem | None:
        return self.node_items.get(node_id)

    def edge_item(self, edge: Edge) -> EdgeItem | None:
        return self.edge_items.get(edge)

    def update_edges(self, node_ids: Iterable[str]) -> None:
        """Re-route the edges of *node_ids* to where their items are now (during a bulk
        move of a big graph: once the current turn of the event loop is over)."""
        if self._unindexed:
            self._reroute_later.update(node_ids)
            return
        self._reroute(node_ids)

    def _reroute(self, node_ids: Iterable[str]) -> None:
        started = time.perf_counter()
        doc, items, edges = self.document, self.node_items, self.edge_items
        right, middle = NODE_WIDTH, NODE_HEIGHT / 2  # the output port, as in port_scene_pos
        done: set[Edge] = set()
        for nid in node_ids:
            if nid not in doc:
                continue
            for edge in doc.edges_of(nid):
                if edge in done:
                    continue
                done.add(edge)
                item = edges.get(edge)
                if item is not None:
                    s, t = items[edge.source], items[edge.target]
                    item.set_ends_xy(
                        s.x() + right, s.y() + middle, t.x(), t.y() + port_ys(t.arity)[edge.port]
                    )
        self._note_reroutes(time.perf_counter() - started)
        self.overview.invalidate()

    def _move_items(self, node_ids: Iterable[str]) -> None:
        """Put the items of many moved nodes where the document has them, in one pass, and
        re-route their edges once (an auto layout, its undo)."""
        items, nodes = self.node_items, self.document.nodes
        moved = [nid for nid in node_ids if nid in items]
        if not moved:
            return
        big = len(items) + len(self.edge_items) >= BULK_ITEMS_MIN
        if big and len(moved) > BULK_MOVE_ABOVE and not self._unindexed:
            # Each move in the BSP index is a removal and an insertion: drop the index and
            # build it once when this turn of the event loop is over (_end_of_reroutes).
            self._unindexed = True
            self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
            self._reroute_timer.start()
        for nid in moved:
            self._place(items[nid], nodes[nid])
        if 4 * len(moved) < len(items):
            self._reroute(moved)
            return
        # Most of the graph moved: one walk over the edge items beats the edges of each node.
        started = time.perf_counter()
        moving = set(moved)
        right, middle = NODE_WIDTH, NODE_HEIGHT / 2  # the output port, as in port_scene_pos
        for edge, item in self.edge_items.items():
            if edge.source in moving or edge.target in moving:
                s, t = items[edge.source], items[edge.target]
                item.set_ends_xy(
                    s.x() + right, s.y() + middle, t.x(), t.y() + port_ys(t.arity)[edge.port]
                )
        self._note_reroutes(time.perf_counter() - started)
        self.overview.invalidate()

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

    def nodes_bounding_rect(self) -> QRectF:
        """The rectangle the node cards cover (empty when there are none)."""
        if not self.node_items:
            return QRectF()
        xs = [item.x() for item in self.node_items.values()]
        ys = [item.y() for item in self.node_items.values()]
        return QRectF(
            min(xs), min(ys), max(xs) - min(xs) + NODE_WIDTH, max(ys) - min(ys) + NODE_HEIGHT
        )

    def selected_node_ids(self) -> list[str]:
        """Selected nodes in document order."""
        selected = {i.node_id for i in self.selectedItems() if isinstance(i, NodeItem)}
        return [nid for nid in self.document.nodes if nid in selected]

    def selected_edges(self) -> list[Edge]:
        return sorted(i.edge for i in self.selectedItems() if isinstance(i, EdgeItem))

    # --- results ---------------------------------------------------------------------------

    def apply_results(self, result: EvaluationResult, stale: bool) -> None:
        """Show *result* on every item (grads greyed when *stale*) and mark the output."""
        data, grad, problems = result.data, result.grad, result.problems
        for nid, item in self.node_items.items():
            found = problems.get(nid)
            texts = tuple(problem_text(p.kind, p.message) for p in found) if found else ()
            if texts != item.problems():
                self.overview.invalidate()
            item.set_result(data.get(nid), grad.get(nid), stale, texts)
        if result.output != self._output:
            old = self.node_items.get(self._output) if self._output else None
            if old is not None:
                old.set_output(False)
            new = self.node_items.get(result.output) if result.output else None
            if new is not None:
                new.set_output(True)
            self._output = result.output
            self.overview.invalidate()

    def set_derivative_caption(self, caption: str, no_path_note: str = "") -> None:
        """Every node's second row is called *caption*; see
        :meth:`NodeItem.set_derivative_caption`.  The next :meth:`apply_results` shows it."""
        self._caption = (caption, no_path_note)
        for item in self.node_items.values():
            item.set_derivative_caption(caption, no_path_note)

    def set_role_tags(self, tags: dict[str, str]) -> None:
        """Tag the derivative's target or wrt node (``{id: "TARGET"}``); others lose theirs."""
        for nid in set(self._role_tags) | set(tags):
            item = self.node_items.get(nid)
            if item is not None:
                item.set_role_tag(tags.get(nid, ""))
        self._role_tags = dict(tags)

    @property
    def output_id(self) -> str | None:
        """The node marked as output (as of the latest evaluation)."""
        return self._output

    # --- looks -----------------------------------------------------------------------------

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        for item in self.node_items.values():
            item.set_theme(theme)
        for item in self.edge_items.values():
            item.set_theme(theme)
        self.overview.invalidate()
        self.update()

    def _update_emphasis(self) -> None:
        doc = self.document
        wanted: set[Edge] = set()
        for nid in self.selected_node_ids():
            wanted.update(doc.edges_of(nid))
        for edge in self._emphasised - wanted:
            item = self.edge_items.get(edge)
            if item is not None:
                item.set_emphasis(False)
        for edge in wanted - self._emphasised:
            item = self.edge_items.get(edge)
            if item is not None:
                item.set_emphasis(True)
        self._emphasised = wanted

    def helpEvent(self, event: QGraphicsSceneHelpEvent) -> None:
        text = self.tooltip_at(event.scenePos())
        if text:
            QToolTip.showText(event.screenPos(), text, event.widget())
        else:
            QToolTip.hideText()
        event.accept()

    def tooltip_at(self, scene_pos: QPointF) -> str:
        """The tooltip for whatever is under *scene_pos* (built on demand, never stored)."""
        for item in self.items(scene_pos):
            if isinstance(item, NodeItem):
                port = item.port_at(item.mapFromScene(scene_pos), radius=7.0)
                if port is not None:
                    return self._port_tooltip(item, port)
                return item.tooltip_text()
            if isinstance(item, EdgeItem):
                return self._edge_tooltip(item.edge)
            if item.toolTip():  # marks that explain results (canvas decorations)
                return item.toolTip()
        return ""

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

    def _edge_tooltip(self, edge: Edge) -> str:
        doc = self.document
        item = self.node_items[edge.target]
        src, dst = node_name(doc, edge.source), node_name(doc, edge.target)
        return f"{src} → {dst}, {item.port_name(edge.port)}"

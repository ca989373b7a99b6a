"""Where every node and edge of a big graph is, for asking what lies in a rectangle.

A virtual canvas (:mod:`~autograd_studio.gui.canvas.scene`) keeps items only for what is
on screen, so every pan and zoom asks "which nodes and edges are in here?".  Nodes sit in
a grid of :data:`CELL`-sized cells (numpy arrays sorted by cell, so a question costs the
cells it covers, not the graph); edges are answered by one vectorised test of their curves'
bounding boxes.  Positions change in bulk only (a layout, its undo, a drag), so a move
updates the arrays in place and the sorting is redone once, at the next question.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import chain, compress, repeat

import numpy as np

from autograd_studio.graph.document import Edge, GraphDocument
from autograd_studio.graph.node_set import NodeSet
from autograd_studio.gui.canvas.node_geometry import MIN_PORT_GAP, NODE_HEIGHT, NODE_WIDTH

__all__ = ["CELL", "SpatialIndex", "curve_pulls"]

CELL = 1024.0  # scene units a side: a readable viewport covers a handful of cells
_MARGIN = 5.0  # an edge's pen and rounding, as EdgeItem bounds it


class SpatialIndex:
    """Node positions (top-left corners) and edge ends of one document, queryable by
    rectangle.  Build it with :meth:`rebuild`; :meth:`move` follows single moves."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self._row: dict[str, int] = {}
        self.xs = np.zeros(0)
        self.ys = np.zeros(0)
        self._src = np.zeros(0, dtype=np.int64)
        self._dst = np.zeros(0, dtype=np.int64)
        self._port = np.zeros(0, dtype=np.int64)
        self._port_y = np.zeros(0)
        self.kinds: list[str] = []
        self._sorted: np.ndarray | None = None  # node rows by cell key
        self._last_rows_in: tuple | None = None  # (edge boxes, rectangle, rows): see edge_rows_in
        self._keys = np.zeros(0, dtype=np.int64)
        self._origin = (0, 0, 1)  # lowest cell column and row, columns per row
        self._boxes: np.ndarray | None = None  # edge curve boxes: left, top, right, bottom
        self._edge_keys: np.ndarray | None = None  # target row * stride + port, sorted
        self._edge_order = np.zeros(0, dtype=np.int64)
        self._stride = 1
        self._feeds: np.ndarray | None = None  # per node row: whether its output is used
        self.builds = 0  #: counts rebuilds (what is worked out by rows is kept per build)

    def rebuild(
        self, document: GraphDocument, positions: Mapping[str, tuple[float, float]] | None
    ) -> None:
        """Index every node of *document* at *positions* (id -> top-left; ``None``: every
        node has its position in the document) and its edges."""
        nodes = document.nodes
        self.builds += 1
        self.ids = list(nodes)
        self._row = row = {nid: i for i, nid in enumerate(self.ids)}
        records = list(nodes.values())
        if positions is None:
            xy = [record.pos for record in records]
        else:
            xy = [positions[nid] for nid in self.ids]
        xy = np.array(xy, dtype=float).reshape(-1, 2)
        self.xs, self.ys = xy[:, 0].copy(), xy[:, 1].copy()
        #: per node: "op" for anything computed (ops, function nodes), else its kind
        self.kinds = ["op" if record.computed else record.kind for record in records]
        # Every edge at C speed (map, chain, repeat): 126,854 of them in a few milliseconds.
        lists = document.input_lists
        counts = np.fromiter(map(len, lists.values()), np.int64, len(lists))
        total = int(counts.sum())
        targets = np.fromiter(map(row.__getitem__, lists.keys()), np.int64, len(lists))
        flat = chain.from_iterable(lists.values())
        src = np.fromiter(map(row.get, flat, repeat(-1)), np.int64, total)
        dst = np.repeat(targets, counts)
        starts = np.repeat(np.cumsum(counts) - counts, counts)
        port = np.arange(total, dtype=np.int64) - starts
        arity = np.repeat(counts, counts)
        wired = src >= 0  # unconnected ports are None in the lists
        self._src, self._dst, self._port = src[wired], dst[wired], port[wired]
        # port_ys: evenly spread down the card's left edge (arity 1: the middle), at least
        # MIN_PORT_GAP apart around the middle for a sum of many
        n, port = arity[wired], self._port
        even = NODE_HEIGHT * (port + 1) / (n + 1)
        spread = NODE_HEIGHT / 2 + (port - (n - 1) / 2) * MIN_PORT_GAP
        self._port_y = np.where(NODE_HEIGHT / (n + 1) >= MIN_PORT_GAP, even, spread)
        self._sorted = self._boxes = self._edge_keys = None
        self._feeds = None

    def without(
        self, node_ids: Iterable[str], edges: Iterable[Edge] = ()
    ) -> tuple[SpatialIndex, np.ndarray, np.ndarray]:
        """A new index of the graph without *node_ids*, their edges and *edges* (a
        deletion), this one left as it is (the undo takes it back); with which node and
        edge rows of this one stay (``bool`` per row).  The rows that stay keep their
        order, so the sorted cells and edge boxes are picked, not built again."""
        keep = np.ones(len(self.ids), dtype=bool)
        gone = set(node_ids)
        keep[self.rows(gone)] = False
        edge_keep = keep[self._src] & keep[self._dst]
        between = [e for e in edges if e.source not in gone and e.target not in gone]
        if between:  # edges between nodes that stay, named on their own
            rows = self.edge_rows(between)
            edge_keep[rows[rows >= 0]] = False
        row = np.cumsum(keep) - 1  # the new row of each row that stays
        new = SpatialIndex()
        new.builds = self.builds + 1  # (what is kept per build is not taken for this one)
        keeping = keep.tolist()
        new.ids = list(compress(self.ids, keeping))
        new._row = dict(zip(new.ids, range(len(new.ids)), strict=True))
        new.xs, new.ys = self.xs[keep], self.ys[keep]
        new.kinds = list(compress(self.kinds, keeping))
        new._src, new._dst = row[self._src[edge_keep]], row[self._dst[edge_keep]]
        new._port, new._port_y = self._port[edge_keep], self._port_y[edge_keep]
        if self._sorted is not None and new.ids:  # the same cells (a lower origin is fine)
            stays = keep[self._sorted]
            new._sorted, new._keys = row[self._sorted[stays]], self._keys[stays]
            new._origin = self._origin
        if self._boxes is not None:
            new._boxes = self._boxes[:, edge_keep]
        if self._edge_keys is not None:  # rows renumbered in order: the keys stay sorted
            stays = edge_keep[self._edge_order]
            new._edge_order = (np.cumsum(edge_keep) - 1)[self._edge_order[stays]]
            new._stride = self._stride
            new._edge_keys = new._dst[new._edge_order] * new._stride + new._port[new._edge_order]
        return new, keep, edge_keep

    def feeds(self, node_id: str) -> bool:
        """Whether *node_id*'s output feeds an edge (without the document's users index,
        which a freshly loaded big graph builds in a third of a second)."""
        if self._feeds is None:
            self._feeds = np.zeros(len(self.ids), dtype=bool)
            self._feeds[self._src] = True
        return bool(self._feeds[self._row[node_id]])

    @property
    def edge_count(self) -> int:
        return len(self._src)

    def edge_rows(self, edges: list[Edge]) -> np.ndarray:
        """The row of each edge in :meth:`edge_arrays` order (-1: not in the index).  An
        edge is its target and port, so the rows are found by one sorted search."""
        if self._edge_keys is None:
            self._stride = int(self._port.max()) + 1 if len(self._port) else 1
            keys = self._dst * self._stride + self._port
            self._edge_order = np.argsort(keys, kind="stable")
            self._edge_keys = keys[self._edge_order]
        row, stride = self._row, self._stride
        wanted = np.fromiter(
            (row.get(e.target, -1) * stride + e.port if e.port < stride else -1 for e in edges),
            np.int64,
            len(edges),
        )
        found = np.full(len(edges), -1, dtype=np.int64)
        if not len(self._edge_keys):
            return found
        at = np.searchsorted(self._edge_keys, wanted).clip(max=len(self._edge_keys) - 1)
        hit = (self._edge_keys[at] == wanted) & (wanted >= 0)
        rows = self._edge_order[at[hit]]
        # the key names the target's port; the source must match as well
        sources = np.fromiter((row.get(e.source, -1) for e in edges), np.int64, len(edges))
        rows_ok = self._src[rows] == sources[hit]
        found[np.flatnonzero(hit)[rows_ok]] = rows[rows_ok]
        return found

    def edge_arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Every edge's source row, target row, port and port height (for batch drawing)."""
        return self._src, self._dst, self._port, self._port_y

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, node_id: str) -> bool:
        return node_id in self._row

    def rows(self, node_ids: Iterable[str]) -> np.ndarray:
        """The rows of *node_ids* (ids not indexed are left out; ascending for a
        :class:`~autograd_studio.graph.node_set.NodeSet` over this index's ids)."""
        if isinstance(node_ids, NodeSet):
            rows = node_ids.rows_in(self.ids)
            if rows is not None:
                return rows
        rows = np.fromiter(map(self._row.get, node_ids, repeat(-1)), np.int64)
        return rows[rows >= 0]

    def position(self, node_id: str) -> tuple[float, float]:
        i = self._row[node_id]
        return float(self.xs[i]), float(self.ys[i])

    def move(self, node_id: str, x: float, y: float) -> None:
        """Put *node_id* at (x, y); the cells are sorted again at the next question."""
        i = self._row[node_id]
        self.xs[i], self.ys[i] = x, y
        self._sorted = self._boxes = None

    def move_many(self, node_ids: list[str], xy: np.ndarray) -> None:
        """Put each of *node_ids* at its row of *xy* (n x 2), all at once."""
        rows = np.fromiter(map(self._row.__getitem__, node_ids), np.int64, len(node_ids))
        self.xs[rows], self.ys[rows] = xy[:, 0], xy[:, 1]
        self._sorted = self._boxes = None

    def bounds_of(self, node_ids: Iterable[str]) -> tuple[float, float, float, float] | None:
        """(left, top, right, bottom) of the top-left corners of *node_ids*."""
        ids = node_ids if isinstance(node_ids, list | tuple) else list(node_ids)
        if ids and len(ids) == len(self.ids) and self._row.keys() == set(ids):
            xs, ys = self.xs, self.ys  # every node (Auto Layout's): no look-up per id
        else:
            rows = self.rows(ids)
            if not len(rows):
                return None
            xs, ys = self.xs[rows], self.ys[rows]
        return float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max())

    def bounds(self) -> tuple[float, float, float, float] | None:
        """(left, top, right, bottom) of every card, or None without nodes."""
        if not self.ids:
            return None
        return (
            float(self.xs.min()),
            float(self.ys.min()),
            float(self.xs.max()) + NODE_WIDTH,
            float(self.ys.max()) + NODE_HEIGHT,
        )

    # --- questions ---------------------------------------------------------------------------

    def nodes_in(self, left: float, top: float, right: float, bottom: float) -> list[str]:
        """The nodes whose card meets the rectangle, cell by cell."""
        ids = self.ids
        return [ids[i] for i in self.node_rows_in(left, top, right, bottom).tolist()]

    def node_rows_in(self, left: float, top: float, right: float, bottom: float) -> np.ndarray:
        """The rows of :meth:`nodes_in`."""
        none = np.zeros(0, dtype=np.int64)
        if not self.ids:
            return none
        if self._sorted is None:
            self._sort()
        col0, row0, columns = self._origin
        # A card reaches NODE_WIDTH right and NODE_HEIGHT down from its corner.
        c_lo = max(int(np.floor((left - NODE_WIDTH) / CELL)) - col0, 0)
        c_hi = min(int(np.floor(right / CELL)) - col0, columns - 1)
        r_lo = max(int(np.floor((top - NODE_HEIGHT) / CELL)) - row0, 0)
        r_hi = min(int(np.floor(bottom / CELL)) - row0, int(self._keys[-1]) // columns)
        if c_lo > c_hi or r_lo > r_hi:
            return none
        keys, order = self._keys, self._sorted
        found = []
        for r in range(r_lo, r_hi + 1):
            lo = np.searchsorted(keys, r * columns + c_lo, "left")
            hi = np.searchsorted(keys, r * columns + c_hi, "right")
            if hi > lo:
                found.append(order[lo:hi])
        if not found:
            return none
        rows = np.concatenate(found)
        xs, ys = self.xs[rows], self.ys[rows]
        inside = (xs + NODE_WIDTH >= left) & (xs <= right)
        inside &= (ys + NODE_HEIGHT >= top) & (ys <= bottom)
        return rows[inside]

    def edges_in(self, left: float, top: float, right: float, bottom: float) -> list[Edge]:
        """The edges whose curve's box (as :class:`EdgeItem` bounds it) meets the rectangle."""
        ids, src, dst, port = self.ids, self._src, self._dst, self._port
        rows = self.edge_rows_in(left, top, right, bottom).tolist()
        return [Edge(ids[src[k]], ids[dst[k]], int(port[k])) for k in rows]

    def edges_ending_in(self, left: float, top: float, right: float, bottom: float) -> list[Edge]:
        """The edges meeting the rectangle that have the card of an end in it (the others
        only pass through)."""
        ids, src, dst, port = self.ids, self._src, self._dst, self._port
        rows = self.edge_rows_ending_in(left, top, right, bottom).tolist()
        return [Edge(ids[src[k]], ids[dst[k]], int(port[k])) for k in rows]

    def edge_rows_ending_in(
        self,
        left: float,
        top: float,
        right: float,
        bottom: float,
        node_rows: np.ndarray | None = None,
    ) -> np.ndarray:
        """The rows of :meth:`edges_ending_in` (*node_rows*: the nodes in the rectangle,
        if the caller has them)."""
        if node_rows is None:
            node_rows = self.node_rows_in(left, top, right, bottom)
        inside = np.zeros(len(self.ids), dtype=bool)
        inside[node_rows] = True
        rows = self.edge_rows_in(left, top, right, bottom)
        return rows[inside[self._src[rows]] | inside[self._dst[rows]]]

    def edge_rows_in(self, left: float, top: float, right: float, bottom: float) -> np.ndarray:
        """The rows of :meth:`edges_in`: one vectorised test of every edge's box."""
        if not len(self._src):
            return np.zeros(0, dtype=np.int64)
        if self._boxes is None:
            self._boxes = self._edge_boxes()
        boxes, last = self._boxes, self._last_rows_in
        if last is not None and last[0] is boxes:  # inside the last rectangle: its rows only
            (l0, t0, r0, b0), rows = last[1], last[2]
            if l0 <= left and t0 <= top and right <= r0 and bottom <= b0:
                lo_x, lo_y, hi_x, hi_y = (side[rows] for side in boxes)
                return rows[(hi_x >= left) & (lo_x <= right) & (hi_y >= top) & (lo_y <= bottom)]
        lo_x, lo_y, hi_x, hi_y = boxes
        rows = np.flatnonzero((hi_x >= left) & (lo_x <= right) & (hi_y >= top) & (lo_y <= bottom))
        # A sync asks for the region, then the views for parts of it (126,854 boxes each).
        self._last_rows_in = (boxes, (left, top, right, bottom), rows)
        return rows

    def _sort(self) -> None:
        cx = np.floor(self.xs / CELL).astype(np.int64)
        cy = np.floor(self.ys / CELL).astype(np.int64)
        col0, row0 = int(cx.min()), int(cy.min())
        columns = int(cx.max()) - col0 + 1
        keys = (cy - row0) * columns + (cx - col0)
        order = np.argsort(keys, kind="stable")
        self._sorted, self._keys, self._origin = order, keys[order], (col0, row0, columns)

    def edge_bounds(self, rows: np.ndarray) -> tuple[float, float, float, float] | None:
        """(left, top, right, bottom) around the curves of the edges at *rows*, or None."""
        if not len(rows):
            return None
        if self._boxes is None:
            self._boxes = self._edge_boxes()
        left, top, right, bottom = self._boxes[:, rows]
        return float(left.min()), float(top.min()), float(right.max()), float(bottom.max())

    def _edge_boxes(self) -> np.ndarray:
        # The control-point box of edge_path (see edge_item._curve_bounds), for all at once.
        sx = self.xs[self._src] + NODE_WIDTH
        sy = self.ys[self._src] + NODE_HEIGHT / 2
        ex = self.xs[self._dst]
        ey = self.ys[self._dst] + self._port_y
        pull = curve_pulls(ex - sx)
        left = np.minimum(sx, ex - pull) - _MARGIN
        right = np.maximum(sx + pull, ex) + _MARGIN
        top = np.minimum(sy, ey) - _MARGIN
        bottom = np.maximum(sy, ey) + _MARGIN
        return np.stack([left, top, right, bottom])


def curve_pulls(dx: np.ndarray) -> np.ndarray:
    """How far each edge curve's control points reach out horizontally from its ends, for
    edges spanning *dx* (``edge_item._pull`` for many at once)."""
    forward = np.maximum(0.5 * np.abs(dx), 40.0)
    return np.where(dx >= 0, forward, np.maximum(-0.35 * dx, 60.0) + 40.0)

"""The zoomed-far-out picture of a graph: every node a tinted box, every edge a line.

Below :data:`OVERVIEW_SCALE` the view stops asking thousands of Python items to paint
themselves and draws this instead: a few batched ``drawRects``/``drawLines`` calls built
from node positions once per change of the graph (positions, theme, canvas decorations), so
65,000 nodes stay fluid.  The decorations (gradient flow, step-through) show here too, read
from the scene's :class:`~autograd_studio.gui.canvas.decorations.CanvasDecorations`: edge
looks (one batch per look) and dimmed nodes (faded boxes).
"""

from __future__ import annotations

from itertools import compress, repeat
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen

from autograd_studio.graph.bulk import collector_paused
from autograd_studio.graph.document import GraphDocument
from autograd_studio.graph.evaluate import EvaluationResult
from autograd_studio.gui.canvas.decorations import DIMMED_OPACITY
from autograd_studio.gui.canvas.edge_item import edge_path
from autograd_studio.gui.canvas.node_geometry import NODE_HEIGHT, NODE_WIDTH
from autograd_studio.gui.canvas.overview_boxes import NodeBoxes
from autograd_studio.gui.canvas.pixel_runs import FarOutLines
from autograd_studio.gui.canvas.spatial import SpatialIndex
from autograd_studio.gui.canvas.theme import opaque

if TYPE_CHECKING:
    from autograd_studio.gui.canvas.scene import GraphScene
    from autograd_studio.gui.canvas.theme import Theme

__all__ = ["OVERVIEW_SCALE", "DocumentOverview", "Overview"]

OVERVIEW_SCALE = 0.3  # the view draws the overview below this zoom
CURVES_UP_TO = 3000  # edges drawn as curves up to this many, straight lines above
_KEYS = ("input", "weight", "op", "problem")  # box tints, in drawing order


class Overview(FarOutLines):
    """Batched drawing data of an editor scene, drawn from node positions (no items: a
    virtual canvas has none for most nodes), through a
    :class:`~autograd_studio.gui.canvas.spatial.SpatialIndex` (the virtual scene's own).

    Three layers are rebuilt lazily: the geometry (every edge's line, after
    :meth:`invalidate`: positions or structure changed), the looks (boxes tinted by kind,
    problem, dimmed; styled edges, after :meth:`invalidate_looks`), and on every paint the
    few boxes of the selection and the output ring.  Shapes are made from numpy columns
    by ``map``, not a Python loop, and straight lines only when drawn as lines: far out
    most are drawn as runs of pixels worked out from their ends (``pixel_runs``).
    """

    def __init__(self, scene: GraphScene | None) -> None:
        self.scene = scene
        self._geometry = False
        self._looks = False
        self._index = SpatialIndex()
        self._curves: QPainterPath | None = None
        self._boxes: dict[str, list[QRectF]] = {}
        self._marked: tuple[tuple[int, int], list[QRectF]] | None = None  # selection boxes
        self._faded: dict[str, list[QRectF]] = {}
        self._styled: list[tuple[QPen, QPainterPath]] = []  # curved looks
        self._row_key = np.zeros(0, dtype=np.int64)  # per node row: index into _KEYS
        self._row_faded = np.zeros(0, dtype=bool)
        self._styled_rows: list[tuple[QPen, np.ndarray]] = []  # straight lines' looks by row
        self._plain_hidden = False
        # Per geometry, every node's box and kind tint: a change of looks picks among them.
        self._rects: list[QRectF] | None = None
        self._node_boxes = NodeBoxes()  # (those of the positions before: an undo's)
        self._kind_key: tuple[list[str], np.ndarray] | None = None  # (the index's kinds)
        self._keep_ends(None)
        self._generation = 0
        self.changes = 0  #: counts invalidations (cheap to read; generation() rebuilds)
        #: counts those but items dragged ahead of the document: what the far edges and
        #: the edges' looks are worked out from (the index, the looks) changed
        self.graph_changes = 0

    def invalidate(self, items_only: bool = False) -> None:
        """Positions or structure changed: everything is rebuilt at the next paint.
        *items_only*: only items moved (a drag, a layout's animation), the document and
        the scene's index did not."""
        self._geometry = self._looks = False
        self.changes += 1
        if not items_only:
            self.graph_changes += 1

    def invalidate_looks(self) -> None:
        """Problems, dimmed nodes, edge styles or the theme changed."""
        self._looks = False
        self.changes += 1
        self.graph_changes += 1

    def forget(self) -> None:
        """Another document: rebuild everything, keeping nothing made for the last one
        (boxes and runs of the positions before a move)."""
        self.invalidate()
        self._node_boxes = NodeBoxes()
        self._keep_ends(None)
        self._ends_before = ()

    def set_aside(self) -> tuple | None:
        """The geometry built (and its index) for the scene to keep over a deletion, so that
        the undo takes it back (:meth:`take_back`) instead of making 126,854 lines again."""
        if not self._geometry:
            return None
        far = (self._ends, self._lines, self._plain_kept, self._plain_pieces)
        return (self._index, self._curves, self._rects, self._kind_key, *far)

    def take_back(self, geometry: tuple) -> None:
        """Draw *geometry* (from :meth:`set_aside`) again; the looks are rebuilt (the
        plain edges' runs of pixels, worked out for a zoom, are kept with the lines)."""
        self._index, self._curves, rects, self._kind_key, ends, lines, *plain = geometry
        self._rects = self._node_boxes.rects(self._index, rects)  # (a move's undo finds them)
        self._keep_ends(ends, lines)
        kept, self._plain_pieces = plain
        if kept is not None:  # (else those found for these ends, if any)
            self._plain_kept = kept
        self._geometry, self._looks = True, False
        self.changes += 1
        self.graph_changes += 1

    def take_rows(self, index: SpatialIndex, keep: np.ndarray, edge_keep: np.ndarray) -> None:
        """The scene's *index* lost nodes and edges (a deletion; *keep*, *edge_keep*: which
        rows of the index before stay): the geometry of the rest is picked from what was
        built, not made again (123,000 lines of the demo graph); the looks are rebuilt."""
        if not self._geometry or self._curves is not None or self._ends is None:
            self.invalidate()
            return
        self._index = index
        lines = self._lines
        if lines is not None:
            lines = list(compress(lines, edge_keep.tolist()))
        if self._rects is not None:
            self._rects = list(compress(self._rects, keep.tolist()))
        if self._kind_key is not None:
            self._kind_key = (index.kinds, self._kind_key[1][keep])
        steps = self._plain_pieces
        self._keep_ends(tuple(v[edge_keep] for v in self._ends), lines)
        self._keep_steps_of(steps, edge_keep)
        self._looks = False
        self.changes += 1
        self.graph_changes += 1

    # --- what is drawn (an editor scene; DocumentOverview reads a document instead) ---------

    def _theme(self) -> Theme:
        return self.scene.theme

    def _document(self) -> GraphDocument:
        return self.scene.document

    def _fresh_index(self) -> SpatialIndex:
        scene = self.scene
        if scene.virtual:
            scene._fresh_index()
            return scene.index
        self._index.rebuild(scene.document, scene.node_positions())
        return self._index

    def _problem_ids(self):
        return self.scene.problem_ids()

    def _dimmed(self):
        decorations = getattr(self.scene, "decorations", None)
        return decorations.dimmed_ids() if decorations is not None else frozenset()

    def _edge_looks(self, index: SpatialIndex) -> list[tuple[QPen, np.ndarray]]:
        decorations = getattr(self.scene, "decorations", None)
        return decorations.edge_looks(index) if decorations is not None else []

    def _output_id(self) -> str | None:
        return self.scene.output_id

    def _selected_ids(self) -> list[str]:
        return self.scene.selected_node_ids()

    def _where(self, node_id: str) -> tuple[float, float]:
        return self.scene.node_pos(node_id)

    def _selection_key(self) -> int:
        return self.scene.selection_generation

    # --- building --------------------------------------------------------------------------

    def generation(self) -> int:
        """A number that changes whenever what :meth:`paint_shapes` draws changes."""
        if not (self._geometry and self._looks):
            self._build()
        return self._generation

    def _build(self) -> None:
        # A few hundred thousand rects and lines on a big graph, none of them in a cycle.
        self._generation += 1
        with collector_paused():
            if not self._geometry:
                self._index = self._fresh_index()
                self._rects = self._node_boxes.rects(self._index)
                self._keep_ends(None)
                self._curves = self._edge_shapes(None)
                self._geometry = True
                self._looks = False
            if not self._looks:
                self._build_looks()
                self._looks = True

    def _curved(self) -> bool:
        # (the index's count: the document's own walks every node, once per look)
        return self._index.edge_count <= CURVES_UP_TO

    def _edge_shapes(self, rows: np.ndarray | None) -> QPainterPath | None:
        """The curves of the edges at *rows* (None: all) of a small graph; for straight
        lines ``None``, their ends kept (the lines are made when drawn as lines)."""
        index = self._index
        src, dst, _port, port_y = index.edge_arrays()
        if rows is not None:
            src, dst, port_y = src[rows], dst[rows], port_y[rows]
        curves = self._curved()
        sx, sy = index.xs[src] + NODE_WIDTH, index.ys[src] + NODE_HEIGHT / 2
        ex, ey = index.xs[dst], index.ys[dst] + (port_y if curves else NODE_HEIGHT / 2)
        if not curves:
            if rows is None:
                self._keep_ends((sx, sy, ex, ey))
            return None
        path = QPainterPath()
        starts = map(QPointF, sx.tolist(), sy.tolist())
        for start, end in zip(starts, map(QPointF, ex.tolist(), ey.tolist()), strict=True):
            path.addPath(edge_path(start, end))
        return path

    def _build_looks(self) -> None:
        index = self._index
        count = len(index)
        problem = np.zeros(count, dtype=bool)
        problem[index.rows(self._problem_ids())] = True
        faded = np.zeros(count, dtype=bool)
        faded[index.rows(self._dimmed())] = True
        if self._kind_key is None or self._kind_key[0] is not index.kinds:
            kinds = np.array(index.kinds, dtype=object)
            kind_key = np.full(count, _KEYS.index("op"), dtype=np.int64)
            for k, key in enumerate(_KEYS[:2]):
                kind_key[kinds == key] = k
            self._kind_key = (index.kinds, kind_key)  # (a move keeps the kinds)
        row_key = self._kind_key[1].copy()
        row_key[problem] = _KEYS.index("problem")
        self._row_key, self._row_faded = row_key, faded
        self._boxes, self._faded = self._box_lists(np.arange(count))
        styled: list[tuple[QPen, QPainterPath]] = []
        covered = 0
        self._styled_rows, self._whole_looks = [], None
        for pen, rows in self._edge_looks(index):
            covered += len(rows)
            if self._curves is None:  # straight lines: made when drawn (see _straight)
                self._styled_rows.append((pen, rows))
                continue
            styled.append((pen, self._edge_shapes(rows)))
        # Every edge styled (the gradient flow): the plain lines would all be drawn over.
        self._plain_hidden = self._curves is None and covered >= index.edge_count > 0
        self._styled = sorted(styled, key=lambda look: look[0].widthF())

    # --- painting --------------------------------------------------------------------------

    def _box_lists(self, rows: np.ndarray) -> tuple[dict, dict]:
        # (once per geometry: looks and culled pictures pick from them)
        box = self._rects.__getitem__
        keys, faded = self._row_key[rows], self._row_faded[rows]
        boxes: dict[str, list[QRectF]] = {}
        dim: dict[str, list[QRectF]] = {}
        for k, key in enumerate(_KEYS):
            mask = keys == k
            for into, chosen in ((boxes, rows[mask & ~faded]), (dim, rows[mask & faded])):
                into[key] = list(map(box, chosen.tolist()))
        return boxes, dim

    def paint(self, painter: QPainter) -> None:
        """Draw the overview; *painter* maps scene coordinates (the view's transform)."""
        self.paint_shapes(painter)
        self.paint_marks(painter)

    def paint_shapes(self, painter: QPainter, area: QRectF | None = None) -> None:
        """Draw the edges and boxes (those that meet *area*, a scene rectangle, if given)."""
        if not (self._geometry and self._looks):
            self._build()
        boxes, faded, styled = self._boxes, self._faded, self._styled
        lines: list = []
        shown, styled_rows = None, self._styled_rows  # edge rows drawn (None: all)
        bounds = self._index.bounds()
        if area is not None and bounds is not None and self._curves is None:
            left, top, right, bottom = bounds
            if not area.contains(QRectF(left, top, right - left, bottom - top)):
                a = (area.left(), area.top(), area.right(), area.bottom())
                shown = self._index.edge_rows_in(*a)
                boxes, faded = self._box_lists(self._index.node_rows_in(*a))
                inside = np.zeros(self._index.edge_count, dtype=bool)
                inside[shown] = True
                styled_rows = [(pen, rows[inside[rows]]) for pen, rows in self._styled_rows]
        if self._plain_hidden:
            shown = np.zeros(0, np.int64)
        if self._curves is None:
            lines, styled = self._straight(painter, shown, styled_rows)
        theme = self._theme()
        # Opaque (pre-blended with the background): alpha blending costs twice as much.
        edge = opaque(theme.overview_edge, theme.background)
        pen = QPen(edge, 1.0)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if self._curves is not None:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.drawPath(self._curves)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        elif lines:
            painter.drawLines(lines)
        if styled:
            zoom = painter.worldTransform().m11()
            for look, shapes in styled:  # as wide as on the canvas, at least a pixel
                pen = QPen(look)
                pen.setCosmetic(True)
                pen.setWidthF(max(1.0, look.widthF() * zoom))
                painter.setPen(pen)
                # A one-pixel line smoothed costs twice a plain one (126,854 flow edges:
                # 180 ms against 90) and looks no better: only wider pens and curves are.
                smooth = isinstance(shapes, QPainterPath) or pen.widthF() > 1.0
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, smooth)
                if isinstance(shapes, QPainterPath):
                    painter.drawPath(shapes)
                elif shapes:
                    painter.drawLines(shapes)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(Qt.PenStyle.NoPen)
        colors = (theme.input_tint, theme.weight_tint, theme.op_tint, theme.problem)
        for opacity, drawn in ((1.0, boxes), (DIMMED_OPACITY, faded)):
            painter.setOpacity(opacity)
            for key, color in zip(_KEYS, colors, strict=True):
                if drawn.get(key):
                    painter.setBrush(color)
                    painter.drawRects(drawn[key])
        painter.setOpacity(1.0)

    def _corners(self, ids: list[str]) -> list[tuple[float, float]]:
        """Where each of *ids* is: many on a virtual scene (Select All, an undone deletion)
        from its index's columns at once, then those with an item (dragged?) from it."""
        scene = self.scene
        many = scene is not None and scene.virtual and len(ids) >= 1000
        rows = scene.index.rows(ids) if many else None
        if rows is None or len(rows) != len(ids):
            return list(map(self._where, ids))
        index = scene.index
        xys = zip(index.xs[rows].tolist(), index.ys[rows].tolist(), strict=True)
        where = dict(zip(ids, xys, strict=True))
        for nid in where.keys() & scene.node_items.keys():
            item = scene.node_items[nid]
            where[nid] = (item.x(), item.y())
        return list(where.values())

    def paint_marks(self, painter: QPainter) -> None:
        """Draw the selection's boxes and the output's ring (they change on every click)."""
        theme = self._theme()
        painter.setPen(Qt.PenStyle.NoPen)
        # Kept until the selection or the geometry changes: after Select All a paint
        # would otherwise place 65,000 boxes.
        key = (self._selection_key(), self.generation())
        if self._marked is None or self._marked[0] != key:
            with collector_paused():  # 65,818 lasting boxes: a collection would find none
                corners = self._corners(self._selected_ids())
                xs, ys = (list(c) for c in zip(*corners, strict=True)) if corners else ([], [])
                boxes = list(map(QRectF, xs, ys, repeat(NODE_WIDTH), repeat(NODE_HEIGHT)))
            self._marked = (key, boxes)
        if self._marked[1]:
            painter.setBrush(theme.accent)
            painter.drawRects(self._marked[1])
        output = self._output_id()
        if output is not None and output in self._document().nodes:
            x, y = self._where(output)
            ring = QPen(theme.output, 3.0)
            ring.setCosmetic(True)
            painter.setPen(ring)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(x - 6, y - 6, NODE_WIDTH + 12, NODE_HEIGHT + 12))


class DocumentOverview(Overview):
    """The overview of a document drawn straight from its positions, without a scene: a
    picture of a big graph (65,818 nodes) needs no items, which take a minute to make.

    Every node needs a position.  Boxes are tinted by kind (red where *results* has a
    problem), the output gets its ring, and edges are straight lines as the overview of
    any graph of more than :data:`CURVES_UP_TO` edges draws them.
    """

    def __init__(
        self, document: GraphDocument, results: EvaluationResult | None, theme: Theme
    ) -> None:
        super().__init__(None)
        self.document, self.results, self.theme = document, results, theme

    def _theme(self) -> Theme:
        return self.theme

    def _document(self) -> GraphDocument:
        return self.document

    def _fresh_index(self) -> SpatialIndex:
        self._index.rebuild(self.document, None)
        return self._index

    def _curved(self) -> bool:
        return False  # straight lines at any size: a picture of a big graph

    def _problem_ids(self):
        return self.results.problems if self.results is not None else {}

    def _dimmed(self):
        return frozenset()

    def _edge_looks(self, index: SpatialIndex) -> list[tuple[QPen, np.ndarray]]:
        return []

    def _output_id(self) -> str | None:
        return self.results.output if self.results is not None else None

    def _selected_ids(self) -> list[str]:
        return []

    def _where(self, node_id: str) -> tuple[float, float]:
        return self.document.nodes[node_id].pos  # type: ignore[return-value]

    def _selection_key(self) -> int:
        return 0

    def bounds(self) -> QRectF:
        """The rectangle the boxes cover (empty without nodes)."""
        positions = [record.pos for record in self.document.nodes.values()]
        if not positions:
            return QRectF()
        xs = [p[0] for p in positions]  # type: ignore[index]
        ys = [p[1] for p in positions]  # type: ignore[index]
        return QRectF(
            min(xs), min(ys), max(xs) - min(xs) + NODE_WIDTH, max(ys) - min(ys) + NODE_HEIGHT
        )

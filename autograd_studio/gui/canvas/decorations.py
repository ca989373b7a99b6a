"""Marks painted over the canvas that are not part of the document: they explain results.

The step-through backward (:mod:`autograd_studio.gui.features.backprop_stepper`) highlights
the node whose local backward runs and the edges that receive gradient; the gradient-flow
view (:mod:`autograd_studio.gui.features.gradient_flow`) styles edges by how much gradient
they carry, dims nodes whose gradient is exactly zero and pins a note on the op that cut the
flow. Both go through the view's ``set_highlight``/``set_notes``/``set_edge_styles``/
``set_dimmed`` to one :class:`CanvasDecorations` per scene, which keeps what each client
asked for by node id and edge and puts it on whatever items the scene has: on a virtual
canvas the ones on screen, and those made later as they scroll into view.

Marks are child items of the node items (a halo behind the card, notes below it), so they
follow moves for free, and edge looks are an overlay pen on the edge item.  Nothing here
changes the document or the results shown on the items.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsItem

from autograd_studio.graph.document import Edge
from autograd_studio.gui.canvas.decoration_items import (
    HaloItem,
    NodeNote,
    NoteItem,
    gradient_color,
)

__all__ = [
    "DIMMED_OPACITY",
    "CanvasDecorations",
    "EdgeStyle",
    "NodeNote",
    "gradient_color",
]

#: Opacity of nodes whose gradient is exactly zero in the gradient-flow view.
DIMMED_OPACITY = 0.38
HIGHLIGHT_WIDTH = 5.0  # edges receiving gradient in the current step


@dataclass(frozen=True)
class EdgeStyle:
    """How one edge looks while a client styles it: width, colour, dashed or solid."""

    width: float
    color: QColor
    dashed: bool = False

    def pen(self) -> QPen:
        pen = QPen(self.color, self.width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        if self.dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        return pen


class CanvasDecorations:
    """What is highlighted, styled, dimmed and annotated on one scene, by client.

    ``scene`` is the :class:`~autograd_studio.gui.canvas.scene.GraphScene`; the view owns one
    of these as ``view.decorations``.  Every setter replaces that kind of mark entirely.
    """

    def __init__(self, scene) -> None:
        self.scene = scene
        scene.decorations = self  # the overview reads the looks from here
        scene.when_items_made(self._on_items_made)
        self._highlight: tuple[frozenset[str], frozenset[str], frozenset[Edge]] = (
            frozenset(),
            frozenset(),
            frozenset(),
        )
        self._edge_styles: dict[Edge, EdgeStyle] = {}
        self._dimmed: frozenset[str] = frozenset()
        self._notes: dict[str, dict[str, NodeNote]] = {}  # client -> node id -> note
        self._halos: dict[str, HaloItem] = {}
        self._note_items: dict[str, NoteItem] = {}
        self._applied: dict[Edge, EdgeStyle] = {}  # what each styled edge shows now
        self._raised: set[Edge] = set()
        # The last edge looks by rows: (what they were worked out for, the looks), read by
        # both the overview and the far edges (the flow's: 126,854 edges in arrays).
        self._looks_kept: tuple[tuple, list[tuple[QPen, np.ndarray]]] | None = None

    # --- what clients ask for ----------------------------------------------------------------

    def set_highlight(
        self,
        node_ids: Iterable[str] = (),
        edges: Iterable[Edge] = (),
        secondary: Iterable[str] = (),
    ) -> None:
        """Ring *node_ids* strongly and *secondary* lightly; paint *edges* in the gradient
        colour, above the others.  Empty arguments clear the highlight."""
        self._highlight = (frozenset(node_ids), frozenset(secondary), frozenset(edges))
        self._refresh_halos()
        self._refresh_edges()

    def highlighted(self) -> tuple[set[str], set[Edge]]:
        """The strongly ringed nodes and the highlighted edges."""
        return set(self._highlight[0]), set(self._highlight[2])

    def set_edge_styles(self, styles: Mapping[Edge, EdgeStyle] | None) -> None:
        """Give these edges these looks (``None`` or empty: every edge back to normal).
        Reusing one :class:`EdgeStyle` object for many edges keeps big graphs fast."""
        # A plain dict is copied (the caller may reuse it); any other mapping is read per
        # edge shown (the gradient flow's, worked out on demand for 126,854 edges).
        self._edge_styles = dict(styles) if isinstance(styles, dict) else styles or {}
        self._refresh_edges()

    def edge_style(self, edge: Edge) -> EdgeStyle | None:
        return self._edge_styles.get(edge)

    def set_dimmed(self, node_ids: Iterable[str]) -> None:
        """Draw these nodes faded (:data:`DIMMED_OPACITY`)."""
        # (a frozenset is kept as it is: the flow's NodeSet carries its rows for the index)
        self._dimmed = node_ids if isinstance(node_ids, frozenset) else frozenset(node_ids)
        self._refresh_dimmed()

    def dimmed(self) -> set[str]:
        return set(self._dimmed)

    def set_notes(self, client: str, notes: Mapping[str, NodeNote] | None) -> None:
        """Pin *notes* (node id -> note) for *client*, replacing that client's earlier ones;
        notes of different clients on one node stack under the card."""
        if notes:
            self._notes[client] = dict(notes) if isinstance(notes, dict) else notes
        elif client not in self._notes:
            return
        else:
            del self._notes[client]
        self._refresh_notes()

    def notes(self, node_id: str) -> list[NodeNote]:
        """Every note pinned on *node_id*, in the order they stack."""
        return [notes[node_id] for notes in self._notes.values() if node_id in notes]

    def clear(self) -> None:
        """Remove every mark of every client."""
        self._highlight = (frozenset(), frozenset(), frozenset())
        self._edge_styles = {}
        self._dimmed = frozenset()
        self._notes = {}
        self.refresh()

    # --- putting it on the items -------------------------------------------------------------

    def refresh(self) -> None:
        """Put every requested mark on the scene's current items (after a theme change or
        a repopulated scene) and take old ones off."""
        self._refresh_halos()
        self._refresh_edges(force=True)  # new items, or a theme: apply every pen again
        self._refresh_dimmed()
        self._refresh_notes()

    def _on_items_made(self, nodes: list, edges: list) -> None:
        # A virtual canvas made these as they scrolled into view: they look as asked now.
        highlighted = self._highlight[2]
        pens: dict[int, QPen] = {}
        for item in edges:
            style = self._style_for(item.edge)
            if style is not None:
                item.set_overlay_pen(_pen(pens, style))
                self._applied[item.edge] = style
            if item.edge in highlighted:
                item.setZValue(-0.5)
        dimmed = self._dimmed
        for item in nodes:
            if item.node_id in dimmed:
                item.setOpacity(DIMMED_OPACITY)
        strong, secondary, _edges = self._highlight
        if any(item.node_id in strong or item.node_id in secondary for item in nodes):
            self._refresh_halos()
        if any(item.node_id in notes for item in nodes for notes in self._notes.values()):
            self._refresh_notes()

    def _refresh_halos(self) -> None:
        scene = self.scene
        strong, secondary, _edges = self._highlight
        glow = gradient_color(scene.theme)
        wanted = dict.fromkeys(secondary - strong, "light")
        wanted.update(dict.fromkeys(strong, "strong"))
        for nid in list(self._halos):
            halo = self._halos[nid]
            if nid not in wanted or not _attached(halo, scene.node_items.get(nid)):
                _drop(halo)
                del self._halos[nid]
        for nid, level in wanted.items():
            parent = scene.node_items.get(nid)
            if parent is None:
                continue
            halo = self._halos.get(nid)
            if halo is None:
                halo = self._halos[nid] = HaloItem(parent)
            halo.set_look(parent.kind, glow, level)

    def _style_for(self, edge: Edge) -> EdgeStyle | None:
        if edge in self._highlight[2]:
            return EdgeStyle(HIGHLIGHT_WIDTH, gradient_color(self.scene.theme))
        return self._edge_styles.get(edge)

    def _refresh_edges(self, force: bool = False) -> None:
        # Only the edge items there are (a virtual canvas: those on screen), and only those
        # whose look changes: a flow view styles 100,000 edges once, and each step of the
        # step-through then changes a handful.  The styles are read per item, never all.
        items = self.scene.edge_items
        highlighted = self._highlight[2]
        highlight = EdgeStyle(HIGHLIGHT_WIDTH, gradient_color(self.scene.theme))
        styles, applied = self._edge_styles, self._applied
        pens: dict[int, QPen] = {}
        few = isinstance(styles, dict) and len(styles) + len(highlighted) < len(items)
        candidates = set(styles) | highlighted | set(applied) if few else items
        for edge in candidates:
            item = items.get(edge)
            if item is None:
                applied.pop(edge, None)
                continue
            style = highlight if edge in highlighted else styles.get(edge)
            old = applied.get(edge)
            if style is None:
                if old is not None:
                    del applied[edge]
                    item.set_overlay_pen(None)
                continue
            if not force and (old is style or (old is not None and old == style)):
                continue
            item.set_overlay_pen(_pen(pens, style))
            applied[edge] = style
        if force:  # items may be new: raise every highlighted edge again
            self._raised = set()
        for edge in self._raised - highlighted:
            item = items.get(edge)
            if item is not None:
                item.setZValue(-1.0)
        for edge in highlighted - self._raised:
            item = items.get(edge)
            if item is not None:
                item.setZValue(-0.5)
        self._raised = set(highlighted)
        self.scene.overview.invalidate_looks()  # zoomed far out, the looks are drawn there

    def edge_looks(self, index, walk: bool = True) -> list[tuple[QPen, np.ndarray]]:
        """The styled edges by look, as rows of *index* (a
        :class:`~autograd_studio.gui.canvas.spatial.SpatialIndex`): the overview draws each
        look in one batch.  A mapping with ``style_of(source, target, port)`` covering
        every edge (the gradient flow's) is read by rows, without making 126,854 edges.
        Any other mapping but a plain dict is walked edge by edge only if *walk*: the far
        edges of the editor's view leave its edges plain, as an on-demand mapping is read
        for the edges with items only.  Worked out once per change of the looks or of the
        index (a change the scene's overview counts) and shared by every reader."""
        styles = self._edge_styles
        by_rows = getattr(styles, "styles_of_rows", None)
        style_of = getattr(styles, "style_of", None)
        covered = (by_rows or style_of) is not None and len(styles) == index.edge_count
        walked = walk or isinstance(styles, dict) or covered  # as walk=True would read them
        key = (self.scene.overview.graph_changes, id(index), index.builds, walked)
        if self._looks_kept is None or self._looks_kept[0] != key:
            self._looks_kept = (key, self._edge_looks(index, walked))
        return list(self._looks_kept[1])

    def _edge_looks(self, index, walk: bool) -> list[tuple[QPen, np.ndarray]]:
        styles = self._edge_styles
        groups: dict[int, tuple[EdgeStyle, list[int] | np.ndarray]] = {}
        style_of = getattr(styles, "style_of", None)
        by_rows = getattr(styles, "styles_of_rows", None)
        if by_rows is not None and len(styles) == index.edge_count:
            # Every edge's look worked out in arrays (the gradient flow's: 126,854 edges).
            src, dst, port, _port_y = index.edge_arrays()
            looks, which = by_rows(index.ids, src, dst, port)
            order = np.argsort(which, kind="stable")
            bounds = np.searchsorted(which[order], np.arange(len(looks) + 1))
            for k, style in enumerate(looks):
                groups[id(style)] = (style, order[bounds[k] : bounds[k + 1]])
        elif style_of is not None and len(styles) == index.edge_count:
            # One call per edge, driven by map (no Python loop of our own), grouped by numpy.
            name = index.ids.__getitem__
            src, dst, port, _port_y = index.edge_arrays()
            looks = list(
                map(style_of, map(name, src.tolist()), map(name, dst.tolist()), port.tolist())
            )
            keys = np.fromiter(map(id, looks), np.int64, len(looks))
            kinds, first, which = np.unique(keys, return_index=True, return_inverse=True)
            order = np.argsort(which, kind="stable")
            bounds = np.searchsorted(which[order], np.arange(len(kinds) + 1))
            for k, start in enumerate(first.tolist()):
                groups[int(kinds[k])] = (looks[start], order[bounds[k] : bounds[k + 1]])
        elif walk or isinstance(styles, dict):
            edges = list(styles)
            for edge, row in zip(edges, index.edge_rows(edges).tolist(), strict=True):
                if row >= 0:
                    style = styles[edge]
                    groups.setdefault(id(style), (style, []))[1].append(row)
        highlighted = list(self._highlight[2])
        if highlighted:
            rows = [row for row in index.edge_rows(highlighted).tolist() if row >= 0]
            style = EdgeStyle(HIGHLIGHT_WIDTH, gradient_color(self.scene.theme))
            groups[id(style)] = (style, rows)
        pens: dict[int, QPen] = {}
        return [(_pen(pens, style), np.array(rows, np.int64)) for style, rows in groups.values()]

    def dimmed_ids(self) -> frozenset[str]:
        return self._dimmed

    def _refresh_dimmed(self) -> None:
        # Children fade with their node; a cut note stays readable because cuts are only
        # ever on nodes whose own gradient is not zero.
        dimmed = self._dimmed
        for nid, item in self.scene.node_items.items():
            opacity = DIMMED_OPACITY if nid in dimmed else 1.0
            if item.opacity() != opacity:
                item.setOpacity(opacity)
        self.scene.overview.invalidate_looks()

    def _refresh_notes(self) -> None:
        # Notes are read for the node items there are: a flow's 6,720 cut notes are
        # written only when their node comes into view.
        scene = self.scene
        clients = list(self._notes.values())
        for nid in list(self._note_items):
            item = self._note_items[nid]
            parent = scene.node_items.get(nid)
            if not any(nid in notes for notes in clients) or not _attached(item, parent):
                _drop(item)
                del self._note_items[nid]
        if not clients:
            return
        for nid, parent in scene.node_items.items():
            shown = [notes[nid] for notes in clients if nid in notes]
            if not shown:
                continue
            item = self._note_items.get(nid)
            if item is None:
                item = self._note_items[nid] = NoteItem(parent)
            item.set_notes(shown, scene.theme)

    def note_item(self, node_id: str) -> QGraphicsItem | None:
        """The item showing *node_id*'s notes (tests read its tooltip and text)."""
        return self._note_items.get(node_id)

    def halo_item(self, node_id: str) -> QGraphicsItem | None:
        return self._halos.get(node_id)


def _pen(pens: dict[int, QPen], style: EdgeStyle) -> QPen:
    """One pen per style object: reusing one EdgeStyle for many edges keeps them cheap."""
    pen = pens.get(id(style))
    if pen is None:
        pen = pens[id(style)] = style.pen()
    return pen


def _attached(mark: QGraphicsItem, parent: QGraphicsItem | None) -> bool:
    return shiboken6.isValid(mark) and parent is not None and mark.parentItem() is parent


def _drop(mark: QGraphicsItem) -> None:
    if shiboken6.isValid(mark):
        scene = mark.scene()
        mark.setParentItem(None)
        if scene is not None:
            scene.removeItem(mark)

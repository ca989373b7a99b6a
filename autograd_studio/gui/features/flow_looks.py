"""The gradient-flow view's looks as mappings the canvas reads per visible item.

The demo graph has 126,854 edges and 6,720 cut inputs; a screen shows a few hundred of
them.  So nothing here is computed for every edge or every cut up front:

- :class:`FlowEdgeStyles` is ``Edge -> EdgeStyle`` for every edge of the document, each
  style worked out when asked (``styles[edge]``, or :meth:`~FlowEdgeStyles.style_of`
  without making an ``Edge``); the styles are shared objects, a few dozen in all
  (:meth:`~FlowEdgeStyles.looks`), so a canvas can batch by look.
- :class:`FlowNotes` is ``node id -> NodeNote`` for every op that cut the flow; a note's
  text names operands (which walks the graph) only when that note is read.

Both are plain read-only ``Mapping``\\ s, so a canvas that iterates them (every item
present) gets what an eager dict gave; a virtual canvas asks only for what it shows.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence

import numpy as np
from PySide6.QtGui import QColor

from autograd_studio.analysis.flow import FlowCut, GradientFlow
from autograd_studio.graph.document import Edge, GraphDocument
from autograd_studio.gui.canvas.decorations import EdgeStyle, NodeNote
from autograd_studio.gui.canvas.theme import Theme
from autograd_studio.gui.look.sentences import said

__all__ = ["LEVELS", "FlowEdgeStyles", "FlowNotes", "flow_color", "flow_width"]

MIN_WIDTH = 1.5
MAX_WIDTH = 8.0
#: Distinct widths/colours of flowing edges: finer than the eye can tell apart.
LEVELS = 64
_LIGHT_RAMP = ("#fdae6b", "#e6550d", "#8c2d04")
_DARK_RAMP = ("#9c4f1f", "#f76707", "#ffd8a8")


def flow_width(strength: float) -> float:
    """Edge width for a strength in [0, 1] (see ``GradientFlow.edge_strength``)."""
    return MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * strength


def flow_color(strength: float, theme: Theme) -> QColor:
    """Edge colour for a strength in [0, 1]: pale to deep orange (light), dim to bright
    (dark), so strong flow stands out on either background."""
    low, mid, high = (QColor(c) for c in (_LIGHT_RAMP if theme.name == "light" else _DARK_RAMP))
    if strength <= 0.5:
        return _mix(low, mid, strength * 2)
    return _mix(mid, high, (strength - 0.5) * 2)


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    t = min(1.0, max(0.0, t))
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


class FlowEdgeStyles(Mapping[Edge, EdgeStyle]):
    """``Edge -> EdgeStyle`` of every edge of *doc* under *flow*, computed on demand.

    Where the flow stops (a cut input): red, dashed; nan gradient: red, dashed, wider;
    nothing carried: thin grey dashes; else width and colour by the log-scale strength,
    in :data:`LEVELS` steps.  Asking costs a few dictionary look-ups; nothing is kept
    but the shared styles.
    """

    def __init__(self, doc: GraphDocument, flow: GradientFlow, theme: Theme) -> None:
        self._doc, self._flow, self._theme = doc, flow, theme
        self._cut_ports: set[tuple[str, int]] | None = None  # made when style_of is asked
        self.zero = EdgeStyle(1.6, QColor(theme.stale), dashed=True)
        self.undefined = EdgeStyle(2.5, QColor(theme.problem), dashed=True)
        self.stopped = EdgeStyle(2.4, QColor(theme.problem), dashed=True)
        self._levels: dict[int, EdgeStyle] = {}  # one shared style per level, made on demand

    def style_of(self, source: str, target: str, port: int) -> EdgeStyle:
        """The look of the edge ``source -> target (port)`` (which must be one of the
        document's: see ``__getitem__`` for the checked way)."""
        if self._cut_ports is None:
            self._cut_ports = {(cut.node_id, cut.port) for cut in self._flow.cuts}
        if (target, port) in self._cut_ports:
            return self.stopped
        flow = self._flow
        magnitude = abs(flow.term(source, target, port))
        if magnitude != magnitude:  # nan
            return self.undefined
        if magnitude == 0.0:
            return self.zero
        legend = flow.legend  # as GradientFlow.edge_strength, without asking twice
        if legend is not None:
            strength = legend.strength(magnitude)
        else:
            strength = 1.0 if math.isinf(magnitude) else 0.0
        return self._level(round(strength * (LEVELS - 1)))

    def styles_of_rows(
        self, ids: Sequence[str], src: np.ndarray, dst: np.ndarray, port: np.ndarray
    ) -> tuple[list[EdgeStyle], np.ndarray]:
        """:meth:`style_of` for every edge ``ids[src[k]] -> ids[dst[k]] (port[k])`` at once:
        the distinct styles and, per edge, which of them (an index into that list)."""
        terms, cut = self._flow.edge_terms(ids, src, dst, port)
        magnitude = np.abs(terms)
        level = np.full(len(magnitude), -1, np.int64)  # -1 zero, -2 nan, -3 cut
        flowing = magnitude > 0.0
        legend = self._flow.legend
        if legend is not None and not legend.flat:
            lo, hi = math.log10(legend.low), math.log10(legend.high)
            with np.errstate(divide="ignore", invalid="ignore"):
                scaled = np.clip((np.log10(magnitude) - lo) / (hi - lo), 0.0, 1.0) * (LEVELS - 1)
            scaled[np.isinf(magnitude)] = LEVELS - 1
        else:
            scaled = np.where(np.isinf(magnitude) | (legend is not None), LEVELS - 1, 0.0)
        level[flowing] = np.round(scaled[flowing])
        level[np.isnan(magnitude)] = -2
        level[cut] = -3
        # numpy's log10 may differ from math's in the last bit: a level a hair from a
        # rounding boundary is worked out as style_of does.
        fraction = scaled - np.floor(scaled)
        near = np.flatnonzero((level >= 0) & (np.abs(fraction - 0.5) < 1e-6))
        for k in near.tolist():
            level[k] = self._level_of(
                self.style_of(ids[int(src[k])], ids[int(dst[k])], int(port[k]))
            )
        # The distinct levels and which one each edge has, by counting (levels are few).
        shifted = level + 3
        kinds = np.flatnonzero(np.bincount(shifted, minlength=LEVELS + 3))
        lookup = np.zeros(LEVELS + 3, np.int16)  # (small integers: a stable sort is a radix one)
        lookup[kinds] = np.arange(len(kinds))
        fixed = {-1: self.zero, -2: self.undefined, -3: self.stopped}
        styles = [fixed[k] if k < 0 else self._level(k) for k in (kinds - 3).tolist()]
        return styles, lookup[shifted]

    def _level(self, level: int) -> EdgeStyle:
        style = self._levels.get(level)
        if style is None:
            strength = level / (LEVELS - 1)
            style = EdgeStyle(flow_width(strength), flow_color(strength, self._theme))
            self._levels[level] = style
        return style

    def _level_of(self, style: EdgeStyle) -> int:
        fixed = {id(self.zero): -1, id(self.undefined): -2, id(self.stopped): -3}
        if id(style) in fixed:
            return fixed[id(style)]
        return next(k for k, s in self._levels.items() if s is style)

    def looks(self) -> list[EdgeStyle]:
        """Every style handed out so far, the three fixed ones first."""
        return [self.stopped, self.undefined, self.zero, *self._levels.values()]

    def __getitem__(self, edge: Edge) -> EdgeStyle:
        sources = self._doc.input_lists.get(edge.target)
        port = edge.port
        if sources is None or not 0 <= port < len(sources) or sources[port] != edge.source:
            raise KeyError(edge)
        return self.style_of(edge.source, edge.target, port)

    def __iter__(self) -> Iterator[Edge]:
        for target, sources in self._doc.input_lists.items():
            for port, source in enumerate(sources):
                if source is not None:
                    yield Edge(source, target, port)

    def __len__(self) -> int:
        return self._doc.edge_count


class FlowNotes(Mapping[str, NodeNote]):
    """``node id -> NodeNote`` for every op that passed no gradient to an input, the note
    written (in the interface language) when first read, then kept.  Both inputs cut
    (``0 * y`` with ``y = 0``): one note with both reasons, pointing at the last; a reason
    both ports share (``x * x`` with ``x = 0``) is said once."""

    def __init__(self, doc: GraphDocument, flow: GradientFlow) -> None:
        self._doc, self._flow = doc, flow
        self._cuts: dict[str, list[FlowCut]] = {}
        for cut in flow.cuts:
            self._cuts.setdefault(cut.node_id, []).append(cut)
        self._written: dict[str, NodeNote] = {}

    def __getitem__(self, node_id: str) -> NodeNote:
        note = self._written.get(node_id)
        if note is None:
            cuts = self._cuts[node_id]
            doc, flow = self._doc, self._flow
            # x * x with x = 0 cuts both ports for the same reason: say it once
            note = NodeNote(
                "; ".join(dict.fromkeys(said(cut.reason) for cut in cuts)),
                "\n".join(dict.fromkeys(said(flow.cut_line(doc, cut)) for cut in cuts)),
                "cut",
                cuts[-1].port,
            )
            self._written[node_id] = note
        return note

    def __iter__(self) -> Iterator[str]:
        return iter(self._cuts)

    def __len__(self) -> int:
        return len(self._cuts)

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._cuts

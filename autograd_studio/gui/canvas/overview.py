"""The zoomed-far-out picture of a graph: every node a tinted box, every edge a line.

Below :data:`OVERVIEW_SCALE` the view stops asking thousands of Python items to paint
themselves and draws this instead: a few batched ``drawRects``/``drawLines`` calls built
once per change of the graph (positions, selection, theme, canvas decorations), so 20,000
nodes stay fluid.  The decorations (gradient flow, step-through) show here too, read from
the items: an edge's overlay pen (one batch per look) and a node's opacity (faded boxes).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

from autograd_studio.graph.bulk import collector_paused
from autograd_studio.graph.document import Edge, GraphDocument
from autograd_studio.graph.evaluate import EvaluationResult
from autograd_studio.gui.canvas.decorations import DIMMED_OPACITY
from autograd_studio.gui.canvas.edge_item import edge_path
from autograd_studio.gui.canvas.node_item import NODE_HEIGHT, NODE_WIDTH

if TYPE_CHECKING:
    from autograd_studio.gui.canvas.scene import GraphScene
    from autograd_studio.gui.canvas.theme import Theme

__all__ = ["OVERVIEW_SCALE", "DocumentOverview", "Overview"]

OVERVIEW_SCALE = 0.3  # the view draws the overview below this zoom
CURVES_UP_TO = 3000  # edges drawn as curves up to this many, straight lines above


class Overview:
    """Batched drawing data of a scene, rebuilt lazily after :meth:`invalidate`."""

    def __init__(self, scene: GraphScene) -> None:
        self.scene = scene
        self._valid = False
        self._boxes: dict[str, list[QRectF]] = {}
        self._lines: list[QLineF] = []
        self._curves: QPainterPath | None = None
        self._output_box: QRectF | None = None
        self._faded: dict[str, list[QRectF]] = {}
        self._styled: list[tuple[QPen, QPainterPath]] = []  # decorated edges, per look

    def invalidate(self) -> None:
        self._valid = False

    def _theme(self) -> Theme:
        return self.scene.theme

    def _build(self) -> None:
        # A few hundred thousand rects and lines on a big graph, none of them in a cycle.
        with collector_paused():
            self._build_shapes()
        self._valid = True

    def _build_shapes(self) -> None:
        scene = self.scene
        boxes: dict[str, list[QRectF]] = {
            "input": [], "weight": [], "op": [], "problem": [], "selected": []
        }  # fmt: skip
        faded: dict[str, list[QRectF]] = {key: [] for key in boxes}
        for item in scene.node_items.values():
            key = "op" if item.computed else item.kind  # a function node draws as an op
            if item.isSelected():
                key = "selected"
            elif item.problems():
                key = "problem"
            into = faded if item.opacity() < 1.0 else boxes  # the flow's zero-grad nodes
            into[key].append(QRectF(item.x(), item.y(), NODE_WIDTH, NODE_HEIGHT))
        self._faded = faded
        out = scene.node_items.get(scene.output_id) if scene.output_id else None
        self._output_box = QRectF(out.x(), out.y(), NODE_WIDTH, NODE_HEIGHT) if out else None
        self._boxes = boxes
        items = scene.node_items
        half = NODE_HEIGHT / 2
        curves = len(scene.edge_items) <= CURVES_UP_TO
        plain: list[Edge] = []
        styled: dict[tuple, tuple[QPen, QPainterPath]] = {}
        for edge, edge_item in scene.edge_items.items():
            pen = edge_item.overlay_pen()
            if pen is None:
                plain.append(edge)
                continue
            key = (pen.color().rgba(), pen.widthF(), pen.style())
            if key not in styled:
                styled[key] = (pen, QPainterPath())
            s, t = items[edge.source], items[edge.target]
            start, end = s.port_scene_pos("out"), t.port_scene_pos(edge.port)
            if curves:
                styled[key][1].addPath(edge_path(start, end))
            else:
                styled[key][1].moveTo(start)
                styled[key][1].lineTo(end)
        self._styled = sorted(styled.values(), key=lambda look: look[0].widthF())
        if curves:
            path = QPainterPath()
            for edge in plain:
                path.addPath(
                    edge_path(
                        items[edge.source].port_scene_pos("out"),
                        items[edge.target].port_scene_pos(edge.port),
                    )
                )
            self._curves, self._lines = path, []
        else:
            lines = []
            for edge in plain:
                s, t = items[edge.source], items[edge.target]
                lines.append(QLineF(s.x() + NODE_WIDTH, s.y() + half, t.x(), t.y() + half))
            self._curves, self._lines = None, lines

    def paint(self, painter: QPainter) -> None:
        """Draw the overview; *painter* maps scene coordinates (the view's transform)."""
        if not self._valid:
            self._build()
        theme = self._theme()
        # Opaque (pre-blended with the background): alpha blending costs twice as much.
        edge = _blend(theme.overview_edge, theme.background)
        pen = QPen(edge, 1.0)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if self._curves is not None:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.drawPath(self._curves)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        elif self._lines:
            painter.drawLines(self._lines)
        if self._styled:
            zoom = painter.worldTransform().m11()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            for look, path in self._styled:  # as wide as on the canvas, at least a pixel
                pen = QPen(look)
                pen.setCosmetic(True)
                pen.setWidthF(max(1.0, look.widthF() * zoom))
                painter.setPen(pen)
                painter.drawPath(path)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(Qt.PenStyle.NoPen)
        for opacity, boxes in ((1.0, self._boxes), (DIMMED_OPACITY, self._faded)):
            painter.setOpacity(opacity)
            for key, color in (
                ("input", theme.input_tint),
                ("weight", theme.weight_tint),
                ("op", theme.op_tint),
                ("problem", theme.problem),
                ("selected", theme.accent),
            ):
                if boxes.get(key):
                    painter.setBrush(color)
                    painter.drawRects(boxes[key])
        painter.setOpacity(1.0)
        if self._output_box is not None:
            ring = QPen(theme.output, 3.0)
            ring.setCosmetic(True)
            painter.setPen(ring)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self._output_box.adjusted(-6, -6, 6, 6))


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
        super().__init__(None)  # type: ignore[arg-type]
        self.document, self.results, self.theme = document, results, theme

    def _theme(self) -> Theme:
        return self.theme

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

    def _build_shapes(self) -> None:
        problems = self.results.problems if self.results is not None else {}
        boxes: dict[str, list[QRectF]] = {"input": [], "weight": [], "op": [], "problem": []}
        nodes = self.document.nodes
        for node_id, record in nodes.items():
            x, y = record.pos  # type: ignore[misc]
            key = "problem" if node_id in problems else record.kind
            boxes.get(key, boxes["op"]).append(QRectF(x, y, NODE_WIDTH, NODE_HEIGHT))
        self._boxes, self._faded, self._styled, self._curves = boxes, {}, [], None
        output = self.results.output if self.results is not None else None
        self._output_box = None
        if output in nodes:
            x, y = nodes[output].pos  # type: ignore[misc]
            self._output_box = QRectF(x, y, NODE_WIDTH, NODE_HEIGHT)
        half = NODE_HEIGHT / 2
        lines = []
        for target, sources in self.document.input_lists.items():
            tx, ty = nodes[target].pos  # type: ignore[misc]
            ty += half
            for source in sources:
                if source is not None:
                    sx, sy = nodes[source].pos  # type: ignore[misc]
                    lines.append(QLineF(sx + NODE_WIDTH, sy + half, tx, ty))
        self._lines = lines


def _blend(color: QColor, background: QColor) -> QColor:
    a = color.alphaF()
    return QColor.fromRgbF(
        color.redF() * a + background.redF() * (1 - a),
        color.greenF() * a + background.greenF() * (1 - a),
        color.blueF() * a + background.blueF() * (1 - a),
    )

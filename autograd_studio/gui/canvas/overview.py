"""The zoomed-far-out picture of a graph: every node a tinted box, every edge a line.

Below :data:`OVERVIEW_SCALE` the view stops asking thousands of Python items to paint
themselves and draws this instead: a few batched ``drawRects``/``drawLines`` calls built
once per change of the graph (positions, selection, theme), so 20,000 nodes stay fluid.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

from autograd_studio.graph.bulk import collector_paused
from autograd_studio.gui.canvas.edge_item import edge_path
from autograd_studio.gui.canvas.node_item import NODE_HEIGHT, NODE_WIDTH

if TYPE_CHECKING:
    from autograd_studio.gui.canvas.scene import GraphScene

__all__ = ["OVERVIEW_SCALE", "Overview"]

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

    def invalidate(self) -> None:
        self._valid = False

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
        for item in scene.node_items.values():
            key = item.kind
            if item.isSelected():
                key = "selected"
            elif item.problems():
                key = "problem"
            boxes[key].append(QRectF(item.x(), item.y(), NODE_WIDTH, NODE_HEIGHT))
        out = scene.node_items.get(scene.output_id) if scene.output_id else None
        self._output_box = QRectF(out.x(), out.y(), NODE_WIDTH, NODE_HEIGHT) if out else None
        self._boxes = boxes
        items = scene.node_items
        half = NODE_HEIGHT / 2
        if len(scene.edge_items) <= CURVES_UP_TO:
            path = QPainterPath()
            for edge in scene.edge_items:
                path.addPath(
                    edge_path(
                        items[edge.source].port_scene_pos("out"),
                        items[edge.target].port_scene_pos(edge.port),
                    )
                )
            self._curves, self._lines = path, []
        else:
            lines = []
            for edge in scene.edge_items:
                s, t = items[edge.source], items[edge.target]
                lines.append(QLineF(s.x() + NODE_WIDTH, s.y() + half, t.x(), t.y() + half))
            self._curves, self._lines = None, lines

    def paint(self, painter: QPainter) -> None:
        """Draw the overview; *painter* maps scene coordinates (the view's transform)."""
        if not self._valid:
            self._build()
        theme = self.scene.theme
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
        painter.setPen(Qt.PenStyle.NoPen)
        for key, color in (
            ("input", theme.input_tint),
            ("weight", theme.weight_tint),
            ("op", theme.op_tint),
            ("problem", theme.problem),
            ("selected", theme.accent),
        ):
            if self._boxes.get(key):
                painter.setBrush(color)
                painter.drawRects(self._boxes[key])
        if self._output_box is not None:
            ring = QPen(theme.output, 3.0)
            ring.setCosmetic(True)
            painter.setPen(ring)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self._output_box.adjusted(-6, -6, 6, 6))


def _blend(color: QColor, background: QColor) -> QColor:
    a = color.alphaF()
    return QColor.fromRgbF(
        color.redF() * a + background.redF() * (1 - a),
        color.greenF() * a + background.greenF() * (1 - a),
        color.blueF() * a + background.blueF() * (1 - a),
    )

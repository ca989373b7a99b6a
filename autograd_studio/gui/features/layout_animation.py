"""The glide of Auto Layout: node items move to their new places over a short animation,
and only when it ends does the document move (one undo step, made by the caller).

Stopping it halfway puts the items back where the document has them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEasingCurve, QObject, QVariantAnimation

from autograd_studio.graph.document import GraphDocument

if TYPE_CHECKING:
    from autograd_studio.gui.canvas.scene import GraphScene

__all__ = ["ANIMATION_MS", "LayoutAnimation", "Positions"]

ANIMATION_MS = 300

Positions = dict[str, tuple[float, float]]


class LayoutAnimation(QObject):
    """One glide at a time over the items of ``scene()`` (the window's current scene);
    *arrived* gets the end positions when a glide runs to its end."""

    def __init__(
        self,
        scene: Callable[[], GraphScene],
        arrived: Callable[[Positions], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._scene = scene
        self._arrived = arrived
        self._animation: QVariantAnimation | None = None
        self._moves: dict[str, tuple[tuple[float, float], tuple[float, float]]] = {}

    def is_running(self) -> bool:
        return self._animation is not None

    def start(self, moves: Positions) -> None:
        """Glide the items from where they are to *moves*."""
        scene = self._scene()  # (node_pos: a big graph's nodes may have no item)
        self._moves = {node_id: (scene.node_pos(node_id), pos) for node_id, pos in moves.items()}
        animation = QVariantAnimation(self)
        animation.setStartValue(0.0)
        animation.setEndValue(1.0)
        animation.setDuration(ANIMATION_MS)
        animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        animation.valueChanged.connect(self._step)
        animation.finished.connect(self._finished)
        self._animation = animation
        animation.start()

    def finish(self) -> None:
        """Jump to the end now (the document moves as if the glide had run out)."""
        if self._animation is not None:
            self._animation.setCurrentTime(self._animation.duration())

    def stop(self, document: GraphDocument) -> bool:
        """Stop without arriving: the items go back where *document* has them (or where
        they started).  Returns whether a glide was running."""
        starts = {node_id: start for node_id, (start, _end) in self._moves.items()}
        if self._end() is None:
            return False
        nodes = document.nodes
        self._place_items({
            node_id: (nodes[node_id].pos or start) if node_id in nodes else start
            for node_id, start in starts.items()
        })  # fmt: skip
        return True

    def _step(self, t: float) -> None:
        self._place_items({
            node_id: (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)
            for node_id, ((x0, y0), (x1, y1)) in self._moves.items()
        })  # fmt: skip

    def _place_items(self, positions: Positions) -> None:
        scene = self._scene()
        items = scene.node_items
        placed = []
        for node_id, (x, y) in positions.items():
            item = items.get(node_id)
            if item is not None:
                item.setPos(x, y)
                placed.append(node_id)
        scene.update_edges(placed, items_only=True)

    def _end(self) -> Positions | None:
        animation = self._animation
        if animation is None:
            return None
        self._animation = None
        animation.valueChanged.disconnect(self._step)
        animation.finished.disconnect(self._finished)
        animation.stop()
        animation.deleteLater()
        ends = {node_id: end for node_id, (_start, end) in self._moves.items()}
        self._moves = {}
        return ends

    def _finished(self) -> None:
        ends = self._end()
        if ends is not None:
            self._arrived(ends)

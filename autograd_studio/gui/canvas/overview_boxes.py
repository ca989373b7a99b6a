"""Every node's box in the overview, made once per set of positions and kept for the next.

The overview draws each node as a ``QRectF``; the demo's 65,818 of them take 30 ms to make
and 15 ms to free, every time the positions change.  A whole-graph move (Auto Layout) and
its undo go back and forth between two sets of positions, so :class:`NodeBoxes` keeps the
boxes of the last two: the undo (and the redo after it) finds the boxes of the positions
it goes back to already made, and nothing is freed.
"""

from __future__ import annotations

from itertools import repeat

import numpy as np
from PySide6.QtCore import QRectF

from autograd_studio.gui.canvas.node_geometry import NODE_HEIGHT, NODE_WIDTH
from autograd_studio.gui.canvas.spatial import SpatialIndex

__all__ = ["KEPT", "NodeBoxes"]

KEPT = 2  # sets of boxes kept: the positions now and those before (an undo's)


class NodeBoxes:
    """The boxes of the last :data:`KEPT` sets of positions, newest first, each found again
    by comparing the positions (a copy of the index's columns, which move in place)."""

    def __init__(self) -> None:
        self._kept: list[tuple[np.ndarray, np.ndarray, list[QRectF]]] = []
        self.made = 0  #: sets of boxes made (tests read it)

    def rects(self, index: SpatialIndex, made: list[QRectF] | None = None) -> list[QRectF]:
        """Every row's box of *index*, at its positions now (*made*: those boxes, taken
        back from a deletion's undo step, kept from now on)."""
        xs, ys = index.xs, index.ys
        for k, (kept_xs, kept_ys, rects) in enumerate(self._kept):
            if np.array_equal(kept_xs, xs) and np.array_equal(kept_ys, ys):
                self._kept.insert(0, self._kept.pop(k))
                return rects
        if made is None:
            count = len(xs)
            size = (repeat(NODE_WIDTH, count), repeat(NODE_HEIGHT, count))
            made = list(map(QRectF, xs.tolist(), ys.tolist(), *size))
            self.made += 1
        self._kept = [(xs.copy(), ys.copy(), made), *self._kept[: KEPT - 1]]
        return made

    def clear(self) -> None:
        """Forget every box (another document)."""
        self._kept = []

"""Which edge drawn by the far-edge layer (no item) runs under a point: clicks and hovers.

A virtual canvas draws the long edges crossing its view without items
(:mod:`~autograd_studio.gui.canvas.far_edges`), so Qt finds nothing under the cursor where
one runs.  :func:`far_edge_at` asks the spatial index instead: the edges whose curve's box
holds the point, each curve cut to the point's heights (as the far-edge layer cuts it to the
painted ones) and sampled, the nearest within reach.  The view then makes that edge's item
on demand, and the click or hover goes to it as to any edge item.
"""

from __future__ import annotations

import numpy as np

from autograd_studio.graph.document import Edge
from autograd_studio.gui.canvas.far_edges import _cut, _heights, control_points, curve_ends
from autograd_studio.gui.canvas.spatial import SpatialIndex

__all__ = ["REACH", "far_edge_at"]

#: How near (scene units) a point must be to an edge's curve to be on it: half the width of
#: an edge item's shape, so a far edge is as easy to hit as an edge with an item.
REACH = 5.0
_SAMPLES = 24  # points per curve part, twice (the second pass around the first's nearest)


def far_edge_at(
    index: SpatialIndex, x: float, y: float, without: np.ndarray | None = None
) -> Edge | None:
    """The edge of *index* whose curve passes nearest (x, y), within :data:`REACH`, or
    ``None``; edges whose rows are marked in *without* (those with items) are left out."""
    rows = index.edge_rows_in(x - REACH, y - REACH, x + REACH, y + REACH)
    if without is not None and len(rows):
        rows = rows[~without[rows]]
    if not len(rows):
        return None
    sx, sy, ex, ey, pull = curve_ends(index, rows)
    points = control_points(sx, sy, ex, ey, pull)
    # Each curve's part at the point's heights (its height only grows or only falls).
    part = _cut(points, *_heights(sy, ey, y - REACH, y + REACH))
    lo, hi = part[:, 0, :].min(axis=0), part[:, 0, :].max(axis=0)
    near = np.flatnonzero((lo - REACH <= x) & (hi + REACH >= x))  # the part's box holds it
    if not len(near):
        return None
    part = part[:, :, near]
    t = np.linspace(0.0, 1.0, _SAMPLES)[:, None]
    distance, at = _nearest(part, t, x, y)
    step = 1.0 / (_SAMPLES - 1)  # again, finer, around each curve's nearest sample
    t = np.clip(at[None, :] + np.linspace(-step, step, _SAMPLES)[:, None], 0.0, 1.0)
    distance, _at = _nearest(part, t, x, y)
    best = int(np.argmin(distance))
    if distance[best] > REACH:
        return None
    row = int(rows[near[best]])
    src, dst, port, _port_y = index.edge_arrays()
    ids = index.ids
    return Edge(ids[int(src[row])], ids[int(dst[row])], int(port[row]))


def _nearest(
    points: np.ndarray, t: np.ndarray, x: float, y: float
) -> tuple[np.ndarray, np.ndarray]:
    """Per cubic (control *points*, 4 x 2 x n), the least distance from (x, y) among its
    points at parameters *t* (samples x n, or samples x 1 for all) and the *t* there."""
    u = 1.0 - t
    weights = (u**3, 3.0 * u * u * t, 3.0 * u * t * t, t**3)
    px = sum(w * points[k, 0, :] for k, w in enumerate(weights))
    py = sum(w * points[k, 1, :] for k, w in enumerate(weights))
    squared = (px - x) ** 2 + (py - y) ** 2  # samples x n
    which = np.argmin(squared, axis=0)
    columns = np.arange(squared.shape[1])
    at = np.broadcast_to(t, squared.shape)[which, columns]
    return np.sqrt(squared[which, columns]), at

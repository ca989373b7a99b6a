"""Steep one-pixel lines as the columns of pixels they light, merged: far fewer to draw.

Zoomed out to the whole demo graph (126,854 edges at zoom 0.002) nearly every edge is a
near-vertical line some 80 pixels long, all of them crowded into a strip a few dozen pixels
wide: drawing them lights ten million pixels to colour fourteen thousand.  A steep aliased
one-pixel line lights one pixel per row, and one that stays in one or two columns is one or
two vertical runs of pixels; runs of one colour in one column that overlap or touch are one
run.  :func:`column_runs` works out those runs with numpy the way Qt's raster engine steps
such a line (``QCosmeticStroker``: 26.6 fixed-point ends, a 16.16 step per row, half a
pixel more at each capped end), so the merged runs light exactly the pixels the lines do;
the overview draws each look's runs (a few hundred) instead of its lines.  Lines that cross
more columns, lie flatter, or reach past the picture (Qt clips those first) are left to be
drawn as they are.

Coordinates are device pixels (the picture's).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QLineF
from PySide6.QtGui import QTransform

__all__ = ["column_runs", "merged_lines"]


def column_runs(
    x0: np.ndarray,
    y0: np.ndarray,
    x1: np.ndarray,
    y1: np.ndarray,
    looks: np.ndarray,
    size: tuple[int, int],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The pixels the lines ``(x0, y0) -> (x1, y1)`` of look ``looks[k]`` light in a picture
    of *size*, drawn with a capped pen (square or round: Qt lengthens a flat-capped line
    or not by the direction of the line drawn before it), as merged vertical runs:
    ``(look, column, first row, last row, rest)``, sorted by look; *rest* marks the lines
    left out (draw them as lines)."""
    width, height = size
    inside = np.ones(len(x0), bool)
    for v, high in ((x0, width + 1), (x1, width + 1), (y0, height + 1), (y1, height + 1)):
        inside &= (v >= -1) & (v <= high)  # else Qt clips the line, moving its ends
    fx0, fy0, fx1, fy1 = (np.trunc(v * 64.0).astype(np.int64) for v in (x0, y0, x1, y1))
    down = fy0 <= fy1
    xa, ya = np.where(down, fx0, fx1), np.where(down, fy0, fy1)
    xb, yb = np.where(down, fx1, fx0), np.where(down, fy1, fy0)
    steep = inside & (np.abs(xb - xa) < np.abs(yb - ya)) & ((x0 != x1) | (y0 != y1))
    rise = np.where(steep, yb - ya, 1)
    run = (xb - xa) << 16
    xinc = np.abs(run) // rise * np.sign(run)  # C division: toward zero
    x = (xa << 10) - (xinc >> 1)
    ya, yb = ya - 32, yb + 32  # the caps: half a pixel more at each end
    first, end = (ya + 32) >> 6, (yb + 32) >> 6  # rows first .. end - 1
    x += (((first << 6) + np.where(xinc > 0, 32, 0) - ya) * xinc) >> 6
    steep &= end > first
    column = x >> 16
    other = (x + (end - 1 - first) * xinc) >> 16
    one = steep & (column == other)
    two = steep & (np.abs(other - column) == 1)
    # The first row in the second column: x steps past the column's border there.
    ahead = np.where(xinc > 0, ((column + 1) << 16) - x, x - (column << 16) + 1)
    pace = np.where(two, np.abs(xinc), 1)
    split = first + (ahead + pace - 1) // pace
    runs = (
        np.concatenate([looks[one], looks[two], looks[two]]),
        np.concatenate([column[one], column[two], other[two]]),
        np.concatenate([first[one], first[two], split[two]]),
        np.concatenate([end[one] - 1, split[two] - 1, end[two] - 1]),
    )
    return (*_merge(*runs), ~(one | two))


def _merge(
    look: np.ndarray, column: np.ndarray, top: np.ndarray, bottom: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Runs of one look in one column that overlap or touch, as one run each."""
    if not len(top):
        return look, column, top, bottom
    order = np.lexsort((top, column, look))
    look, column, top, bottom = look[order], column[order], top[order], bottom[order]
    # A run starts a new one unless it begins at most a row below the lowest bottom so far
    # of its look and column: a running maximum, restarted per (look, column) by an offset.
    low = top.min()
    span = bottom.max() - low + 2
    lane = np.concatenate([[0], np.cumsum((look[1:] != look[:-1]) | (column[1:] != column[:-1]))])
    reach = np.maximum.accumulate(lane * span + (bottom - low))
    fresh = np.ones(len(top), bool)
    fresh[1:] = (lane[1:] != lane[:-1]) | (lane[1:] * span + (top[1:] - low) > reach[:-1] + 1)
    starts = np.flatnonzero(fresh)
    ends = np.append(starts[1:], len(top)) - 1
    return look[starts], column[starts], top[starts], reach[ends] - lane[ends] * span + low


def merged_lines(
    transform: QTransform,
    size: tuple[int, int],
    ends: tuple[np.ndarray, ...],
    groups: list[np.ndarray],
    lines: list[QLineF],
) -> list[list[QLineF]]:
    """Per group of edge rows of one look (a capped pen), what to draw for it through
    *transform* (scene to device pixels of a picture of *size*: a scale and a shift): its
    merged runs, and the lines of the rest.  *ends* are every edge's ``(x0, y0, x1, y1)``
    in the scene, *lines* every edge's line."""
    sx, sy, dx, dy = transform.m11(), transform.m22(), transform.dx(), transform.dy()
    drawn: list[list[QLineF]] = []
    line = lines.__getitem__
    for rows in groups:
        ex0, ey0, ex1, ey1 = (v[rows] for v in ends)
        x0, y0, x1, y1 = ex0 * sx + dx, ey0 * sy + dy, ex1 * sx + dx, ey1 * sy + dy
        looks = np.zeros(len(rows), np.int64)
        _look, column, top, bottom, rest = column_runs(x0, y0, x1, y1, looks, size)
        left = rows[rest]
        if len(column) + len(left) >= len(rows):  # sparse: runs would not be fewer
            drawn.append(list(map(line, rows.tolist())))
            continue
        # A run's ends well inside its first and last rows: Qt lights exactly those rows.
        xs = ((column + 0.5 - dx) / sx).tolist()
        tops, bottoms = ((top + 0.25 - dy) / sy).tolist(), ((bottom + 0.75 - dy) / sy).tolist()
        drawn.append(list(map(line, left.tolist())) + list(map(QLineF, xs, tops, xs, bottoms)))
    return drawn

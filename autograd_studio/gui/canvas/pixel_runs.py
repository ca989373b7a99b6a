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

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QLineF, Qt
from PySide6.QtGui import QPen, QTransform

__all__ = ["DASHES", "FarOutLines", "column_runs", "dashed_runs", "merged_lines"]

#: The one dash pattern :func:`dashed_runs` follows: Qt's ``DashLine`` (in pen widths).
DASHES = [4.0, 2.0]
_DASH_ON, _DASH = 4, 6  # its pixels on, and its length, at one pixel wide


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
    line, column, top, bottom, rest, _phase = _pieces(x0, y0, x1, y1, size)
    return (*_merge(looks[line], column, top, bottom), rest)


def dashed_runs(
    x0: np.ndarray, y0: np.ndarray, x1: np.ndarray, y1: np.ndarray, size: tuple[int, int]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """The pixels the lines light drawn with Qt's dashed capped pen (``DashLine``: four
    pixels on, two off, from each line's start), as vertical runs ``(column, first row,
    last row, rest)`` to draw with a solid pen; ``None`` when the picture is too wide to
    work them out in little memory."""
    line, column, top, bottom, rest, phase = _pieces(x0, y0, x1, y1, size)
    if not len(line):
        return column, top, bottom, rest
    low, rows = int(top.min()), int(bottom.max() - top.min()) + 2
    # The columns lit and each piece's among them (np.unique, by counting: columns are few)
    first = column.min()
    present = np.bincount(column - first) > 0
    columns, lane = np.flatnonzero(present) + first, (np.cumsum(present) - 1)[column - first]
    if _DASH * rows * len(columns) > 4_000_000:
        return None
    # Per dash phase and column, how many lines cover each row (a running sum of +1 at a
    # piece's first row, -1 past its last); a row is lit where a line of a phase whose
    # dash is on there covers it.
    shape = (_DASH, rows, len(columns))
    starts = np.ravel_multi_index((phase[line], top - low, lane), shape)
    stops = np.ravel_multi_index((phase[line], bottom - low + 1, lane), shape)
    count = _DASH * rows * len(columns)
    cover = np.bincount(starts, minlength=count) - np.bincount(stops, minlength=count)
    cover = cover.reshape(shape)
    on = (np.arange(rows)[None, :] + low + np.arange(_DASH)[:, None]) % _DASH < _DASH_ON
    lit = np.any((np.cumsum(cover, axis=1) > 0) & on[:, :, None], axis=0).T
    edges = np.diff(np.pad(lit, ((0, 0), (1, 1))).astype(np.int8), axis=1)
    lanes, starts = np.nonzero(edges == 1)
    _lanes, ends = np.nonzero(edges == -1)
    return columns[lanes], starts + low, ends - 1 + low, rest


def _pieces(
    x0: np.ndarray, y0: np.ndarray, x1: np.ndarray, y1: np.ndarray, size: tuple[int, int]
) -> tuple[np.ndarray, ...]:
    """Qt's steps of each steep capped line within one or two columns: ``(line, column,
    first row, last row)`` of each piece (one per column), *rest* (the other lines), and
    per line the phase of a dash pattern started at its start (see :func:`dashed_runs`)."""
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
    one = np.flatnonzero(steep & (column == other))
    two_mask = steep & (np.abs(other - column) == 1)
    two = np.flatnonzero(two_mask)
    # The first row in the second column: x steps past the column's border there.
    ahead = np.where(xinc > 0, ((column + 1) << 16) - x, x - (column << 16) + 1)
    pace = np.where(two_mask, np.abs(xinc), 1)
    split = first + (ahead + pace - 1) // pace
    # A dash pattern starts at the line's start: its top row going down, its bottom row
    # going up (Qt's reversed pattern); a row r is on where (r + phase) % 6 < 4.
    phase = np.where(down, -first, _DASH_ON - end) % _DASH
    return (
        np.concatenate([one, two, two]),
        np.concatenate([column[one], column[two], other[two]]),
        np.concatenate([first[one], first[two], split[two]]),
        np.concatenate([end[one] - 1, split[two] - 1, end[two] - 1]),
        ~(steep & ((column == other) | two_mask)),
        phase,
    )


def _merge(
    look: np.ndarray, column: np.ndarray, top: np.ndarray, bottom: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Runs of one look in one column that overlap or touch, as one run each."""
    if not len(top):
        return look, column, top, bottom
    # By look, column and first row: one key (a sort of one array, not three); runs that
    # tie on all three are alike to the merging below, so the sort need not be stable.
    low, first = top.min(), column.min()
    span, columns = bottom.max() - low + 2, column.max() - first + 1
    order = np.argsort((look * columns + (column - first)) * span + (top - low))
    look, column, top, bottom = look[order], column[order], top[order], bottom[order]
    # A run starts a new one unless it begins at most a row below the lowest bottom so far
    # of its look and column: a running maximum, restarted per (look, column) by an offset.
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
    groups: list[tuple[np.ndarray, bool]],
    lines_at: Callable[[np.ndarray], list[QLineF]],
    pieces: list | None = None,
) -> list[tuple[list[QLineF], list[QLineF]]]:
    """Per group ``(edge rows, dashed)`` of one look (a capped pen, solid or ``DashLine``),
    what to draw for it through *transform* (scene to device pixels of a picture of
    *size*: a scale and a shift): ``(runs to draw solid, lines to draw with the look's
    pen)``.  *ends* are every edge's ``(x0, y0, x1, y1)`` in the scene, *lines_at* gives
    the lines of edge rows.  *pieces*, if given, holds the solid groups' steps of each
    line (``_pieces``, by position in the groups' rows) worked out before for this
    transform and size, or is filled with them (empty)."""
    sx, sy, dx, dy = transform.m11(), transform.m22(), transform.dx(), transform.dy()

    def device(rows: np.ndarray) -> tuple[np.ndarray, ...]:
        x0, y0, x1, y1 = (v[rows] for v in ends)
        return x0 * sx + dx, y0 * sy + dy, x1 * sx + dx, y1 * sy + dy

    def runs_of(column: np.ndarray, top: np.ndarray, bottom: np.ndarray) -> list[QLineF]:
        # A run's ends well inside its first and last rows: Qt lights exactly those rows.
        xs = ((column + 0.5 - dx) / sx).tolist()
        tops, bottoms = ((top + 0.25 - dy) / sy).tolist(), ((bottom + 0.75 - dy) / sy).tolist()
        return list(map(QLineF, xs, tops, xs, bottoms))

    def chosen(rows: np.ndarray, runs: list[QLineF], rest: np.ndarray | None):
        left = rows if rest is None else rows[rest]
        if rest is None or len(runs) + len(left) >= len(rows):  # runs not fewer
            return [], lines_at(rows)
        return runs, lines_at(left)

    drawn: list[tuple[list[QLineF], list[QLineF]] | None] = [None] * len(groups)
    solid = [k for k, (_rows, dashed) in enumerate(groups) if not dashed]
    if solid:  # every solid look at once (the flow has 40): looks apart by number
        counts = [len(groups[k][0]) for k in solid]
        rows = np.concatenate([groups[k][0] for k in solid])
        looks = np.repeat(np.arange(len(solid)), counts)
        if pieces:
            line, column, top, bottom, rest = pieces[0]
        else:
            line, column, top, bottom, rest, _phase = _pieces(*device(rows), size)
            if pieces is not None:
                pieces.append((line, column, top, bottom, rest))
        look, column, top, bottom = _merge(looks[line], column, top, bottom)
        runs = runs_of(column, top, bottom)
        at = np.searchsorted(look, np.arange(len(solid) + 1)).tolist()
        starts = np.cumsum([0, *counts]).tolist()
        for j, k in enumerate(solid):
            part = slice(starts[j], starts[j + 1])
            drawn[k] = chosen(groups[k][0], runs[at[j] : at[j + 1]], rest[part])
    for k, (rows, dashed) in enumerate(groups):
        if dashed:
            found = dashed_runs(*device(rows), size)
            runs = [] if found is None else runs_of(*found[:3])
            drawn[k] = chosen(rows, runs, None if found is None else found[3])
    return drawn  # type: ignore[return-value]


class FarOutLines:
    """The overview's straight edges zoomed far out, as runs of pixels where that draws
    fewer lines (a mixin of :class:`~autograd_studio.gui.canvas.overview.Overview`, which
    keeps per geometry every edge's scene ends in ``_ends`` and their median width in
    ``_steep_width``).  The edges' ``QLineF`` are made only for what is drawn as lines:
    far out, the few the runs leave over; nearer, every edge's (``_lines``, made once)."""

    _lines: list[QLineF] | None
    _ends: tuple[np.ndarray, ...] | None = None
    _steep_width: float
    _plain_kept: tuple[tuple, list[QLineF]] | None = None
    _whole_looks: list[tuple[QPen, list[QLineF]]] | None
    _ends_before: tuple[tuple[tuple[np.ndarray, ...], tuple | None], ...] = ()

    def _keep_ends(
        self, ends: tuple[np.ndarray, ...] | None, lines: list[QLineF] | None = None
    ) -> None:
        """The straight edges' ``(x0, y0, x1, y1)`` in the scene (``None``: none, or
        curves), and their lines if already made.  The plain layer's runs of the ends
        before are kept: the undo of a whole-graph move goes back to them."""
        before = list(self._ends_before)
        if self._ends is not None:
            before = [(self._ends, self._plain_kept), *before][:2]
        plain = None
        for k, (kept, runs) in enumerate(before):
            if ends is not None and all(map(np.array_equal, kept, ends)):
                plain = runs
                del before[k]
                break
        self._ends_before = tuple(before)
        self._ends, self._lines = ends, lines
        self._plain_kept = plain  # (zoom and shift, the plain layer's lines)
        self._plain_pieces: tuple | None = None  # (zoom and shift, its lines' steps)
        self._whole_looks = None  # every look's lines, nearer in (once per looks)
        # Below 1 / this zoom most edges lie within a pixel column.
        widths = np.abs(ends[2] - ends[0]) if ends is not None else ()
        self._steep_width = float(np.median(widths)) if len(widths) else np.inf

    def _lines_at(self, rows: np.ndarray | None) -> list[QLineF]:
        """The lines of the edges at *rows* (``None``: all), drawn nearer in: every edge's
        are made once when many are asked for (the next pictures pick from them)."""
        ends = self._ends
        many = ends is not None and (rows is None or 4 * len(rows) >= len(ends[0]))
        if self._lines is None and many:
            self._lines = list(map(QLineF, *(v.tolist() for v in ends)))
        if rows is None:
            return self._lines if self._lines is not None else []
        return self._lines_made(rows)

    def _lines_made(self, rows: np.ndarray) -> list[QLineF]:
        """The lines of the edges at *rows*, picked if every edge's exist, else made (far
        out: those the runs leave over, once per picture)."""
        if self._lines is not None:
            return list(map(self._lines.__getitem__, rows.tolist()))
        return list(map(QLineF, *(v[rows].tolist() for v in self._ends)))

    def _straight(self, painter, shown, styled_rows) -> tuple[list, list]:
        """The plain lines and the looks' lines to draw (all, or the *shown* rows); zoomed
        far out, each one-pixel capped look's steep lines as runs of pixels (the same
        pixels, a fraction of the lines: see :func:`merged_lines`)."""
        transform, zoom = painter.deviceTransform(), painter.worldTransform().m11()
        far = (
            self._ends is not None
            and transform.type().value <= QTransform.TransformationType.TxScale.value
            and self._steep_width * abs(transform.m11()) < 1.0
        )
        if not far and shown is None:
            if self._whole_looks is None:
                self._whole_looks = [(pen, self._lines_at(rows)) for pen, rows in styled_rows]
            styled = sorted(self._whole_looks, key=lambda look: look[0].widthF())
            return self._lines_at(None), styled
        thin = [far and _runs_draw(pen, zoom) for pen, _rows in styled_rows]
        if far:
            device = painter.device()
            size = (device.width(), device.height())
            groups = [
                (rows, pen.style() != Qt.PenStyle.SolidLine)
                for (pen, rows), merge in zip(styled_rows, thin, strict=True)
                if merge
            ]
            drawn = iter(
                merged_lines(transform, size, self._ends, groups, self._lines_made)
                if groups
                else ()
            )
            lines = self._plain_runs(transform, size, shown)
        else:
            lines = self._lines_at(shown)
        styled = []
        for (pen, rows), merge in zip(styled_rows, thin, strict=True):
            if not merge:
                styled.append((pen, self._lines_at(rows)))
                continue
            runs, left = next(drawn)
            solid = QPen(pen)  # a run is lit pixels: dashes and all
            solid.setStyle(Qt.PenStyle.SolidLine)
            styled += [(solid, runs), (pen, left)]
        return lines, sorted(styled, key=lambda look: look[0].widthF())

    def _plain_runs(self, transform, size, shown) -> list[QLineF]:
        """The plain layer's runs and lines (see :meth:`_straight`), those of the whole
        picture kept for the next one at the same zoom (Gradient Flow off again)."""
        key = (transform.m11(), transform.m22(), transform.dx(), transform.dy(), size)
        if shown is None and self._plain_kept is not None and self._plain_kept[0] == key:
            return self._plain_kept[1]
        rows = np.arange(len(self._ends[0])) if shown is None else shown
        kept = self._plain_pieces
        pieces = [] if shown is not None or kept is None or kept[0] != key else [kept[1]]
        groups = [(rows, False)]
        runs, left = merged_lines(transform, size, self._ends, groups, self._lines_made, pieces)[0]
        if shown is None:
            self._plain_kept = (key, runs + left)
            self._plain_pieces = (key, pieces[0]) if pieces else None
        return runs + left

    def _keep_steps_of(self, kept: tuple | None, edge_keep: np.ndarray) -> None:
        """After a deletion (*edge_keep*: which edges of the lines before stay), the plain
        layer's steps of the lines that stay, from *kept* (``_plain_pieces`` before): each
        line's steps are its own, so the next picture at that zoom only merges them."""
        if kept is None:
            return
        line, column, top, bottom, rest = kept[1]
        stays = edge_keep[line]
        row = np.cumsum(edge_keep) - 1
        steps = (row[line[stays]], column[stays], top[stays], bottom[stays], rest[edge_keep])
        self._plain_pieces = (kept[0], steps)


def _runs_draw(pen: QPen, zoom: float) -> bool:
    """Whether a look drawn with *pen* at *zoom* can be drawn as runs of pixels: one pixel
    wide, capped, solid or Qt's plain dashes (see ``pixel_runs``)."""
    if pen.widthF() * zoom > 1.0 or pen.capStyle() == Qt.PenCapStyle.FlatCap:
        return False
    if pen.style() == Qt.PenStyle.SolidLine:
        return True
    return pen.style() == Qt.PenStyle.DashLine and pen.dashOffset() == 0.0

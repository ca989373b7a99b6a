"""Counting edge crossings of a drawing, for tests and the benchmark.

Each edge is taken as the straight segment the canvas roughly draws: from the centre of its
source box (the output port's height) to the input port of its target (port ``k`` of an
``a``-input node sits at ``(k + 1) / (a + 1)`` of the box's height, as on the canvas), with
both ends at the boxes' centre x.  Layouts put the centres of one column on one x, so the
distinct centre x's split the plane into vertical strips; within a strip every segment that
spans it is a straight piece, and two pieces cross inside the strip exactly when their order
at the strip's left side differs from their order at its right side.  Counting those
inversions per strip (a Fenwick tree, ``O(k log k)`` per strip) gives the exact number of
proper crossings; segments that only touch at a shared end point are not counted.

The cost is the total number of strips the segments span, which is small for layered
drawings (a few columns per edge) and grows for drawings with many distinct x's.  Vertical
segments (source and target centred on one x) are ignored.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping

from autograd_studio.graph.document import GraphDocument
from autograd_studio.layout.sizes import Size, sizes_for

__all__ = ["count_crossings", "count_segment_crossings"]

Point = tuple[float, float]
Segment = tuple[float, float, float, float]  # x1, y1, x2, y2 with x1 < x2


def count_crossings(
    document: GraphDocument,
    positions: Mapping[str, Point] | None = None,
    sizes: Mapping[str, Size] | None = None,
) -> int:
    """The number of edge crossings of *document* drawn with *positions* (top-left corners,
    default: the nodes' own ``pos``) and *sizes* (default: :func:`estimate_size`).

    Edges touching a node without a position are skipped.
    """
    nodes = document.nodes
    ids = list(nodes)
    if positions is None:
        positions = {node_id: nodes[node_id].pos for node_id in ids if nodes[node_id].pos}
    box = dict(zip(ids, sizes_for(document, sizes, ids), strict=True))
    segments: list[Segment] = []
    for edge in document.edges:
        source = positions.get(edge.source)
        target = positions.get(edge.target)
        if source is None or target is None:
            continue
        sw, sh = box[edge.source]
        tw, th = box[edge.target]
        arity = nodes[edge.target].arity
        x1, y1 = source[0] + sw / 2, source[1] + sh / 2
        x2, y2 = target[0] + tw / 2, target[1] + th * (edge.port + 1) / (arity + 1)
        if x1 < x2:
            segments.append((x1, y1, x2, y2))
        elif x2 < x1:
            segments.append((x2, y2, x1, y1))
    return count_segment_crossings(segments)


def count_segment_crossings(segments: list[Segment]) -> int:
    """Proper crossings among straight *segments* ``(x1, y1, x2, y2)`` with ``x1 < x2``,
    assuming every end point's x is a strip boundary (see the module docstring)."""
    columns = sorted({x for s in segments for x in (s[0], s[2])})
    if len(columns) < 2:
        return 0
    strips: list[list[tuple[float, float]]] = [[] for _ in range(len(columns) - 1)]
    for x1, y1, x2, y2 in segments:
        first = bisect_left(columns, x1)
        last = bisect_left(columns, x2)
        slope = (y2 - y1) / (x2 - x1)
        left_y = y1
        for strip in range(first, last):
            right_x = columns[strip + 1]
            right_y = y2 if strip == last - 1 else y1 + slope * (right_x - x1)
            strips[strip].append((left_y, right_y))
            left_y = right_y
    return sum(_inversions(pieces) for pieces in strips)


def _inversions(pieces: list[tuple[float, float]]) -> int:
    """Pairs ordered one way on the left and strictly the other way on the right."""
    if len(pieces) < 2:
        return 0
    pieces.sort()
    rights = sorted({right for _, right in pieces})
    size = len(rights)
    tree = [0] * (size + 1)
    count = 0
    for seen, (_, right) in enumerate(pieces):
        rank = bisect_left(rights, right) + 1  # 1-based
        # How many seen so far have a right end <= this one; the rest are inversions.
        i = rank
        not_above = 0
        while i > 0:
            not_above += tree[i]
            i -= i & -i
        count += seen - not_above
        i = rank
        while i <= size:
            tree[i] += 1
            i += i & -i
    return count

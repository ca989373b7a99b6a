"""Brandes–Köpf coordinate assignment: heights within columns that line edges up.

Brandes and Köpf, "Fast and Simple Horizontal Coordinate Assignment" (2001), turned 90° for
left-to-right drawings: the "layers" are our columns and the coordinate computed is y.

Four times (operands or users as the reference side, top or bottom first) each node is
aligned with a median neighbour unless that would cross an alignment already made, which
makes blocks of nodes sharing one y; long edges (chains of dummies) are aligned first, so
they run as straight horizontal lines, and an edge into input port ``k`` aligns that port,
not the node's centre, with its source.  Blocks are then packed as tightly as the spacing
allows, in two passes over the block graph like dagre's implementation (which avoids the
original paper's class-shift step and its known flaw), and the four results are balanced:
each node takes the mean of its two median candidates.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from autograd_studio.layout.ordering import LayeredGraph

__all__ = ["brandes_koepf"]

_INF = float("inf")


def brandes_koepf(
    graph: LayeredGraph,
    height: list[float],
    separation: Callable[[int, int], float],
    check: Callable[[], None],
) -> list[float]:
    """The centre y of every node of *graph* (real and dummy), top-most near 0.

    ``separation(u, v)`` is the least distance between the centres of two nodes that are
    next to each other in a layer.
    """
    n_real = graph.n_real
    layers = graph.layers
    total = len(graph)
    # Where each edge meets its target, in scene units from the target's centre.
    up_dy = [
        [fraction * height[v] for fraction in graph.up_port[v]] if v < n_real else graph.up_port[v]
        for v in range(total)
    ]
    down_dy = [
        [
            fraction * height[w]
            for w, fraction in zip(graph.down[v], graph.down_port[v], strict=True)
        ]
        for v in range(total)
    ]
    conflicts = _type1_conflicts(graph)
    check()
    results = []
    for upwards in (True, False):  # reference: operands (previous layer) or users
        ordered = layers if upwards else layers[::-1]
        neighbours = graph.up if upwards else graph.down
        # y_v + dy = y_u for an edge u -> v into port dy, so a node aligned with an operand
        # sits dy above it; aligned with a user through that user's port, dy below it.
        offsets = [[-d for d in dys] for dys in up_dy] if upwards else down_dy
        for reverse in (False, True):
            sequence = [layer[::-1] for layer in ordered] if reverse else ordered
            sign = -1.0 if reverse else 1.0
            ys = _one_alignment(sequence, neighbours, offsets, conflicts, separation, total, sign)
            results.append(ys)
            check()
    return _balance(results, height, total)


def _type1_conflicts(graph: LayeredGraph) -> set[tuple[int, int]]:
    """Edges (operand, node) that cross an edge between two dummies: those never align, so
    long edges keep their straight runs."""
    n_real = graph.n_real
    up = graph.up
    position = [0] * len(graph)
    for layer in graph.layers:
        for i, v in enumerate(layer):
            position[v] = i
    conflicts: set[tuple[int, int]] = set()
    layers = graph.layers
    for previous, layer in pairwise(layers):
        k0 = 0
        scan = 0
        last = len(layer) - 1
        for i, v in enumerate(layer):
            inner = None
            if v >= n_real:
                for u in up[v]:
                    if u >= n_real:
                        inner = u
                        break
            if inner is None and i != last:
                continue
            k1 = position[inner] if inner is not None else len(previous)
            for w in layer[scan : i + 1]:
                for u in up[w]:
                    pu = position[u]
                    if (pu < k0 or pu > k1) and not (u >= n_real and w >= n_real):
                        conflicts.add((u, w))
            scan = i + 1
            k0 = k1
    return conflicts


def _one_alignment(
    layers: list[list[int]],
    neighbours: list[list[int]],
    offsets: list[list[float]],
    conflicts: set[tuple[int, int]],
    separation: Callable[[int, int], float],
    total: int,
    sign: float,
) -> list[float]:
    """One of the four alignments, as y coordinates in the un-mirrored space."""
    position = [0] * total
    for layer in layers:
        for i, v in enumerate(layer):
            position[v] = i
    root = list(range(total))
    align = list(range(total))
    rel = [0.0] * total  # each node's y relative to its block's root (mirrored space)
    for layer in layers:
        previous = -1
        for v in layer:
            nbrs = neighbours[v]
            if not nbrs:
                continue
            if len(nbrs) == 1:
                candidates = [(position[nbrs[0]], nbrs[0], offsets[v][0])]
            else:
                candidates = sorted(
                    (position[w], w, dy) for w, dy in zip(nbrs, offsets[v], strict=True)
                )
            d = len(candidates) - 1
            for m in sorted({d // 2, (d + 1) // 2}):
                if align[v] != v:
                    break
                pw, w, dy = candidates[m]
                if previous < pw and (w, v) not in conflicts and (v, w) not in conflicts:
                    align[w] = v
                    root[v] = root[w]
                    align[v] = root[v]
                    rel[v] = rel[w] + dy * sign
                    previous = pw

    # Block graph: root of a node's predecessor in its layer -> root of the node, with the
    # least distance between the two roots; two passes of longest paths over it.
    block_in: dict[int, dict[int, float]] = {}
    block_out: dict[int, dict[int, float]] = {}
    for layer in layers:
        for a, b in pairwise(layer):
            ra, rb = root[a], root[b]
            gap = separation(a, b) + rel[a] - rel[b]
            into = block_in.setdefault(rb, {})
            if into.get(ra, -_INF) < gap:
                into[ra] = gap
                block_out.setdefault(ra, {})[rb] = gap
    roots = [v for v in range(total) if root[v] == v]
    order = _block_order(roots, block_in, block_out)
    y = {}
    for r in order:
        best = 0.0
        for a, gap in block_in.get(r, {}).items():
            candidate = y[a] + gap
            if candidate > best:
                best = candidate
        y[r] = best
    for r in reversed(order):
        outs = block_out.get(r)
        if outs:
            least = min(y[b] - gap for b, gap in outs.items())
            if least > y[r]:
                y[r] = least
    return [sign * (y[root[v]] + rel[v]) for v in range(total)]


def _block_order(
    roots: list[int], block_in: dict[int, dict[int, float]], block_out: dict[int, dict[int, float]]
) -> list[int]:
    """The block roots in topological order of the block graph."""
    indegree = {r: len(block_in.get(r, ())) for r in roots}
    ready = [r for r in roots if indegree[r] == 0]
    order = []
    while ready:
        r = ready.pop()
        order.append(r)
        for b in block_out.get(r, ()):
            indegree[b] -= 1
            if indegree[b] == 0:
                ready.append(b)
    return order


def _balance(results: list[list[float]], height: list[float], total: int) -> list[float]:
    """Shift the four candidates onto the narrowest one, then take the mean of the two
    middle values per node."""
    spans = []
    for ys in results:
        top = min(ys[v] - height[v] / 2 for v in range(total))
        bottom = max(ys[v] + height[v] / 2 for v in range(total))
        spans.append((bottom - top, top, bottom))
    narrowest = min(range(len(results)), key=lambda i: spans[i][0])
    _, top0, bottom0 = spans[narrowest]
    shifted = []
    for i, ys in enumerate(results):
        _, top, bottom = spans[i]
        # The first two candidates packed from the top, the other two from the bottom.
        delta = top0 - top if i % 2 == 0 else bottom0 - bottom
        shifted.append([value + delta for value in ys])
    balanced = []
    for values in zip(*shifted, strict=True):
        ordered = sorted(values)
        balanced.append((ordered[1] + ordered[2]) / 2)
    return balanced

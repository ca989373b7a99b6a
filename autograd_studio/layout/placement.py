"""Coordinates for an ordered layered graph: columns left to right, compact heights.

x: each layer is a column as wide as its widest node; boxes are centred on the column's
axis and columns are :func:`~autograd_studio.layout.sizes.layer_gap` apart (closer for
small graphs).

y: up to :data:`_ALIGN_LIMIT` layered nodes, Brandes–Köpf (:mod:`.brandes_koepf`), which
lines nodes up with their neighbours and runs long edges straight, so the straight edges the
canvas draws keep the crossings the ordering found.  Beyond that (the demo graph), cheaper
sweeps place each layer as close as possible (least squares) to where its neighbours want
it — an edge into input port ``k`` wants that port level with its source's output — while
keeping the layer's order and the minimum spacing between boxes.  That problem (minimise
``sum w_i (y_i - d_i)^2`` subject to ``y_{i+1} - y_i >= s_i``) becomes isotonic regression
after subtracting the cumulative spacing, which pool-adjacent-violators solves exactly in
linear time; edges between dummies weigh more (as in dot) so that long edges run straight.
"""

from __future__ import annotations

from collections.abc import Callable

from autograd_studio.layout.brandes_koepf import brandes_koepf
from autograd_studio.layout.ordering import LayeredGraph
from autograd_studio.layout.sizes import NODE_GAP, Size, layer_gap

__all__ = ["place"]

_DUMMY_GAP = NODE_GAP / 2  # spacing next to a dummy (an edge passing through the column)
_FREE_WEIGHT = 1e-3  # a node with no neighbour on the reference side stays roughly put
_SWEEPS = 4
# Up to this many layered nodes (real and dummy) y comes from Brandes-Köpf, which lines
# long edges up; beyond, from the cheaper least-squares sweeps.
_ALIGN_LIMIT = 30_000


def place(
    graph: LayeredGraph, sizes: tuple[Size, ...], check: Callable[[], None]
) -> list[tuple[float, float]]:
    """Top-left corners of the real nodes (y downwards, top at 0, left at 0)."""
    n_real = graph.n_real
    layers = graph.layers
    total = len(graph)
    if not total:
        return []
    height = [sizes[v][1] if v < n_real else 0.0 for v in range(total)]
    if total <= _ALIGN_LIMIT:

        def separation(a: int, b: int) -> float:
            gap = NODE_GAP if a < n_real and b < n_real else _DUMMY_GAP
            return (height[a] + height[b]) / 2 + gap

        y = brandes_koepf(graph, height, separation, check)
    else:
        y = _least_squares(graph, height, check)

    # Columns.
    widths = [max((sizes[v][0] for v in layer if v < n_real), default=0.0) for layer in layers]
    gap = layer_gap(n_real)
    axis = []
    x = 0.0
    for width in widths:
        axis.append(x + width / 2)
        x += width + gap
    top = min((y[v] - height[v] / 2 for v in range(n_real)), default=0.0)
    layer_of = graph.layer_of
    return [
        (axis[layer_of[v]] - sizes[v][0] / 2, y[v] - sizes[v][1] / 2 - top) for v in range(n_real)
    ]


def _least_squares(
    graph: LayeredGraph, height: list[float], check: Callable[[], None]
) -> list[float]:
    """Centre y of every node by least-squares sweeps (see the module docstring)."""
    n_real = graph.n_real
    layers = graph.layers
    total = len(graph)
    # Per node, its edges to the previous and to the next layer as (neighbour, weight,
    # weight * dy), dy being where the edge meets its target relative to the target's centre.
    # Weights: 1 between real nodes, 2 real-dummy, 8 dummy-dummy.
    weight = (1.0, 2.0, 8.0)
    up_terms = []
    for v, (nbrs, fractions) in enumerate(zip(graph.up, graph.up_port, strict=True)):
        h = height[v]
        up_terms.append(
            [
                (u, w, w * fraction * h)
                for u, fraction in zip(nbrs, fractions, strict=True)
                for w in (weight[(u >= n_real) + (v >= n_real)],)
            ]
        )
    down_terms = []
    for v, (nbrs, fractions) in enumerate(zip(graph.down, graph.down_port, strict=True)):
        down_terms.append(
            [
                (x, w, w * fraction * height[x])
                for x, fraction in zip(nbrs, fractions, strict=True)
                for w in (weight[(x >= n_real) + (v >= n_real)],)
            ]
        )

    spacing = []  # per layer: each node's centre when the layer is packed from 0
    y = [0.0] * total
    for layer in layers:
        offsets = _offsets(layer, height, n_real)
        spacing.append(offsets)
        for v, offset in zip(layer, offsets, strict=True):
            y[v] = offset
    check()

    last = len(layers) - 1
    for sweep in range(_SWEEPS):
        # Two one-sided sweeps (down following operands, up following users), then sweeps
        # that listen to both sides.
        use_up = sweep % 2 == 0 or sweep >= 2
        use_down = sweep % 2 == 1 or sweep >= 2
        indices = range(last + 1) if sweep % 2 == 0 else range(last, -1, -1)
        for i in indices:
            layer = layers[i]
            targets = []
            weights = []
            for v in layer:
                total_w = 0.0
                total_y = 0.0
                if use_up:
                    for u, w, wdy in up_terms[v]:
                        total_w += w
                        total_y += w * y[u] - wdy
                if use_down:
                    for x, w, wdy in down_terms[v]:
                        total_w += w
                        total_y += w * y[x] + wdy
                if total_w:
                    targets.append(total_y / total_w)
                    weights.append(total_w)
                else:
                    targets.append(y[v])
                    weights.append(_FREE_WEIGHT)
            _fit(layer, spacing[i], targets, weights, y)
        check()
    return y


def _offsets(layer: list[int], height: list[float], n_real: int) -> list[float]:
    """Each node's centre when the layer is packed tight from 0."""
    offsets = []
    position = 0.0
    previous = None
    for v in layer:
        if previous is not None:
            gap = NODE_GAP if previous < n_real and v < n_real else _DUMMY_GAP
            position += (height[previous] + height[v]) / 2 + gap
        offsets.append(position)
        previous = v
    return offsets


def _fit(
    layer: list[int],
    offsets: list[float],
    targets: list[float],
    weights: list[float],
    y: list[float],
) -> None:
    """Least-squares centres for *layer* in order with minimum spacing (PAV), into *y*."""
    # Blocks of nodes that end up packed together: [mean, weight, count].
    means: list[float] = []
    block_w: list[float] = []
    counts: list[int] = []
    for offset, target, weight in zip(offsets, targets, weights, strict=True):
        mean = target - offset
        count = 1
        while means and means[-1] >= mean:
            previous_w = block_w.pop()
            mean = (means.pop() * previous_w + mean * weight) / (previous_w + weight)
            weight += previous_w
            count += counts.pop()
        means.append(mean)
        block_w.append(weight)
        counts.append(count)
    i = 0
    for mean, count in zip(means, counts, strict=True):
        for _ in range(count):
            y[layer[i]] = mean + offsets[i]
            i += 1

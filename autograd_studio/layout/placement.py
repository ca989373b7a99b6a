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

import numpy as np

from autograd_studio.layout.array_sweeps import EdgesByLayer
from autograd_studio.layout.array_sweeps import members as layer_members
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
    """Centre y of every node by least-squares sweeps (see the module docstring).

    A layer's targets are two ``bincount``s over its edges (numpy; the same sums in the
    same order as a loop over its nodes would make), its fit one pass of :func:`_fit`."""
    layers = graph.layers
    h = np.asarray(height, dtype=np.float64)
    members, local = layer_members(graph)
    n_real = graph.n_real
    up = _Terms(EdgesByLayer(graph, graph.up, graph.up_port), n_real, h, local, above=True)
    down = _Terms(EdgesByLayer(graph, graph.down, graph.down_port), n_real, h, local, above=False)
    both = [_joined(up.of(i), down.of(i)) for i in range(len(layers))]

    spacing = []  # per layer: each node's centre when the layer is packed from 0
    y = np.zeros(len(graph), dtype=np.float64)
    for nodes in members:
        offsets = _offsets(nodes, h, n_real)
        spacing.append(offsets)
        y[nodes] = offsets
    check()

    last = len(layers) - 1
    for sweep in range(_SWEEPS):
        # Two one-sided sweeps (down following operands, up following users), then sweeps
        # that listen to both sides.
        indices = range(last + 1) if sweep % 2 == 0 else range(last, -1, -1)
        for i in indices:
            nodes = members[i]
            if sweep >= 2:
                owner, nbr, weight, shift = both[i]
            else:
                owner, nbr, weight, shift = (up if sweep == 0 else down).of(i)
            total_w = np.bincount(owner, weights=weight, minlength=len(nodes))
            total_y = np.bincount(owner, weights=weight * y[nbr] + shift, minlength=len(nodes))
            free = total_w == 0  # no neighbour on the side listened to: stays roughly put
            targets = np.where(free, y[nodes], total_y / np.where(free, 1.0, total_w))
            _fit(nodes, spacing[i], targets, np.where(free, _FREE_WEIGHT, total_w), y)
        check()
    return y.tolist()


class _Terms:
    """Per layer, the edges of its nodes to one side as arrays: ``owner`` (the node's place
    in its layer), ``nbr``, ``weight`` and ``shift``, one edge's term of the sums being
    ``weight * y[nbr] + shift`` (``shift``: where the edge meets its target, relative to
    the target's centre, times the weight; negative for the node's own ports)."""

    def __init__(
        self, edges: EdgesByLayer, n_real: int, height: np.ndarray, local: np.ndarray, above: bool
    ) -> None:
        node, nbr, fraction = edges.node, edges.nbr, edges.port
        # Weights: 1 between real nodes, 2 real-dummy, 8 dummy-dummy.
        weight = np.array((1.0, 2.0, 8.0))[(nbr >= n_real).astype(np.int64) + (node >= n_real)]
        # An edge from an operand meets this node's own port; one to a user, the user's.
        shift = -(weight * fraction * height[node]) if above else weight * fraction * height[nbr]
        self._edges = edges
        self._arrays = (local[node], nbr, weight, shift)

    def of(self, i: int) -> tuple[np.ndarray, ...]:
        return tuple(self._edges.of(i, array) for array in self._arrays)


def _joined(first: tuple[np.ndarray, ...], second: tuple[np.ndarray, ...]):
    # A node's terms from above come before those from below, as the sums add them.
    return tuple(np.concatenate(pair) for pair in zip(first, second, strict=True))


def _offsets(nodes: np.ndarray, height: np.ndarray, n_real: int) -> np.ndarray:
    """Each node's centre when the layer is packed tight from 0."""
    real = nodes < n_real
    gap = np.where(real[:-1] & real[1:], NODE_GAP, _DUMMY_GAP)
    steps = (height[nodes[:-1]] + height[nodes[1:]]) / 2 + gap
    return np.concatenate(([0.0], np.cumsum(steps)))


def _fit(
    nodes: np.ndarray,
    offsets: np.ndarray,
    targets: np.ndarray,
    weights: np.ndarray,
    y: np.ndarray,
) -> None:
    """Least-squares centres for the layer *nodes* in order with minimum spacing (PAV),
    into *y*."""
    wanted = targets - offsets
    if len(wanted) < 2 or bool(np.all(wanted[1:] > wanted[:-1])):
        y[nodes] = wanted + offsets  # in order and spaced already: nothing to pool
        return
    # Blocks of nodes that end up packed together: [mean, weight, count].
    means: list[float] = []
    block_w: list[float] = []
    counts: list[int] = []
    for mean, weight in zip(wanted.tolist(), weights.tolist(), strict=True):
        count = 1
        while means and means[-1] >= mean:
            previous_w = block_w.pop()
            mean = (means.pop() * previous_w + mean * weight) / (previous_w + weight)
            weight += previous_w
            count += counts.pop()
        means.append(mean)
        block_w.append(weight)
        counts.append(count)
    y[nodes] = np.repeat(means, counts) + offsets

"""The layered graph (real nodes plus dummy nodes on long edges) and crossing reduction.

Dummies: up to :data:`_PER_EDGE_LIMIT` nodes every long edge gets its own chain of dummies,
the classic model, which matches the straight edges the canvas draws.  Bigger graphs share
one chain (a trunk) among all long edges leaving a node, branching off in the layer before
each target, so a weight feeding a hundred far-away ops costs one chain, not a hundred; and
once a budget is spent the longest trunks are dropped: those edges are still drawn,
straight, but no longer steer the ordering (this keeps the 65,800-node demo graph within
seconds).

Order within layers: first a depth-first walk back from the sinks visiting operands in port
order, which draws any expression tree without crossings and with operand 0 above operand
1; then barycenter sweeps in both directions where an edge into input port ``k`` pulls
toward that port's height, not the node's centre (so port order survives); on graphs small
enough, crossings are counted after each sweep to keep the best order, and adjacent nodes
are swapped where that removes crossings (dot's "transpose").  Bigger graphs get a few
plain sweeps, run a layer at a time in numpy (:mod:`.array_sweeps`).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

import numpy as np

from autograd_studio.layout.array_sweeps import sweep_big

__all__ = ["LayeredGraph", "build_layered_graph", "order_layers"]

# Total dummies allowed before trunks are dropped, per real node (and at least this many).
_DUMMIES_PER_NODE = 0.5
_MIN_DUMMY_BUDGET = 20_000
# Up to this many nodes every long edge gets its own chain of dummies (the drawing's straight
# edges then follow their chains); bigger graphs share one trunk per source.
_PER_EDGE_LIMIT = 5_000
# Graphs up to this many layered nodes get crossing counts, best-order tracking and
# transposition; bigger ones get a fixed number of plain sweeps.
_CAREFUL_LIMIT = 25_000
_CAREFUL_SWEEPS = 24
_FAST_SWEEPS = 4
_TRANSPOSE_LIMIT = 8_000


class LayeredGraph:
    """Nodes ``0..n_real-1`` are the real nodes, the rest dummies.  ``up[v]``/``down[v]``
    are the neighbours in the previous/next layer; ``up_port[v][k]`` is where the edge from
    ``up[v][k]`` enters ``v`` and ``down_port[v][k]`` where the edge to ``down[v][k]``
    enters it, as a fraction of the node's height from its centre (-0.5 top .. 0.5 bottom;
    0 for dummies).  Each dummy's chain starts at a real node (follow ``up``)."""

    __slots__ = (
        "chain_ends",
        "down",
        "down_port",
        "layer_of",
        "layers",
        "n_real",
        "up",
        "up_port",
    )

    def __init__(self, n_real: int, layer_of: list[int]) -> None:
        self.n_real = n_real
        self.layer_of = layer_of
        self.up: list[list[int]] = [[] for _ in range(n_real)]
        self.up_port: list[list[float]] = [[] for _ in range(n_real)]
        self.down: list[list[int]] = [[] for _ in range(n_real)]
        self.down_port: list[list[float]] = [[] for _ in range(n_real)]
        self.layers: list[list[int]] = []
        #: per dummy (index - n_real): the real node and port fraction its chain ends at,
        #: or None when the chain is a trunk shared by several edges.
        self.chain_ends: list[tuple[int, float] | None] = []

    def __len__(self) -> int:
        return len(self.layer_of)


def port_fraction(port: int, arity: int) -> float:
    """Where input *port* sits on an *arity*-input node, from its centre (-0.5 .. 0.5)."""
    return (port + 1) / (arity + 1) - 0.5 if arity > 0 else 0.0


def build_layered_graph(
    n: int, edges: tuple[tuple[int, int, int], ...], arity: tuple[int, ...], layer: list[int]
) -> LayeredGraph:
    """Real nodes, dummies along long edges (within the budget), layers in index order."""
    graph = LayeredGraph(n, list(layer))
    # Per source, its edges as (target, port fraction), in the order given; the spans and
    # the dummies each source needs, in numpy (a Python pass per edge took 0.17 s on the
    # demo graph's 126,854).
    src, dst, port = (
        np.array(column, dtype=np.int64)
        for column in (zip(*edges, strict=True) if edges else ((), (), ()))
    )
    ports_of = np.asarray(arity, dtype=np.int64)[dst]
    fraction = np.where(ports_of > 0, (port + 1) / (ports_of + 1) - 0.5, 0.0)  # port_fraction
    by_source = np.argsort(src, kind="stable")
    pairs = list(zip(dst[by_source].tolist(), fraction[by_source].tolist(), strict=True))
    degree = np.bincount(src, minlength=n)
    ends = [0, *np.cumsum(degree).tolist()]
    out = [pairs[a:b] for a, b in pairwise(ends)]
    layer_array = np.asarray(layer, dtype=np.int64)
    span = layer_array[dst] - layer_array[src] - 1  # dummies an edge of its own would need
    # Dummies per source: one chain per long edge, or one shared trunk.
    budget = max(_MIN_DUMMY_BUDGET, int(_DUMMIES_PER_NODE * n))
    per_edge = np.bincount(src, weights=np.maximum(span, 0), minlength=n).astype(np.int64)
    shared = n > _PER_EDGE_LIMIT or int(per_edge.sum()) > budget
    if shared:
        furthest = np.full(n, -1, dtype=np.int64)
        np.maximum.at(furthest, src, span)
        need = np.maximum(furthest, 0)
    else:
        need = per_edge
    if int(need.sum()) > budget:
        # Keep the shortest trunks: they matter most locally and cost least.  Taken
        # shortest first, the first that does not fit and every longer one are dropped.
        shortest = np.argsort(need, kind="stable")
        need[shortest[np.cumsum(need[shortest]) > budget]] = -1  # dropped
    need = need.tolist()
    # Hot loop on big graphs: the lists are bound to locals and appended to directly.
    layer_of, up, up_port = graph.layer_of, graph.up, graph.up_port
    down, down_port = graph.down, graph.down_port
    ends = graph.chain_ends

    def chain(u: int, lu: int, length: int, end: tuple[int, float] | None) -> list[int]:
        first = len(layer_of)
        dummies = list(range(first, first + length))
        layer_of.extend(range(lu + 1, lu + 1 + length))
        previous = u
        for dummy in dummies:
            up.append([previous])
            up_port.append([0.0])
            down.append([])
            down_port.append([])
            ends.append(end)
            down[previous].append(dummy)
            down_port[previous].append(0.0)
            previous = dummy
        return dummies

    for u in range(n):
        lu = layer[u]
        trunk: list[int] = []
        if need[u] < 0:
            pass  # dropped: these long edges are drawn but take no part in ordering
        elif shared and need[u] > 0:
            far = [w for w, _ in out[u] if layer[w] - lu > 1]
            single = (far[0], 0.0) if len(far) == 1 else None
            trunk = chain(u, lu, need[u], single)
        for w, port in out[u]:
            span = layer[w] - lu
            if span == 1:
                source = u
            elif need[u] < 0:
                continue
            elif shared:
                source = trunk[span - 2]
            else:
                source = chain(u, lu, span - 1, (w, port))[-1]
            down[source].append(w)
            down_port[source].append(port)
            up[w].append(source)
            up_port[w].append(port)
    layers: list[list[int]] = [[] for _ in range(max(layer, default=-1) + 1)]
    for v, lv in enumerate(graph.layer_of):
        layers[lv].append(v)
    graph.layers = layers
    return graph


def order_layers(graph: LayeredGraph, check: Callable[[], None]) -> None:
    """Reorder ``graph.layers`` in place to reduce crossings (see the module docstring)."""
    _initial_order(graph)
    check()
    layers = graph.layers
    if not layers:
        return
    if len(graph) > _CAREFUL_LIMIT:  # plain sweeps, the same as below, in numpy
        sweep_big(graph, _FAST_SWEEPS, check)
        return
    pos = [0.0] * len(graph)
    for layer in layers:
        _number(layer, pos)
    down_order = range(1, len(layers))
    up_order = range(len(layers) - 2, -1, -1)
    best = _count(graph, pos)
    best_layers = [layer[:] for layer in layers]
    stale = 0
    for sweep in range(_CAREFUL_SWEEPS):
        if sweep % 2 == 0:  # the initial order came from the sinks: first sweep leftwards
            _sweep(layers, up_order, graph.down, graph.down_port, pos, 1.0)
        else:
            _sweep(layers, down_order, graph.up, graph.up_port, pos, -1.0)
        check()
        if len(graph) <= _TRANSPOSE_LIMIT:
            _transpose(graph, pos)
            check()
        crossings = _count(graph, pos)
        if crossings < best:
            best = crossings
            best_layers = [layer[:] for layer in layers]
            stale = 0
        else:
            stale += 1
            if best == 0 or stale >= 4:
                break
    graph.layers[:] = best_layers


def _number(layer: list[int], pos: list[float]) -> None:
    """Positions as fractions of the layer (so layers of different sizes compare)."""
    size = len(layer)
    for i, v in enumerate(layer):
        pos[v] = (i + 0.5) / size


def _initial_order(graph: LayeredGraph) -> None:
    """Depth-first from the sinks, operands in port order (preorder numbers sort layers)."""
    up = graph.up
    key = [-1] * len(graph)
    counter = 0
    for root in range(len(graph)):
        if graph.down[root] or key[root] >= 0:
            continue
        stack = [root]
        while stack:
            v = stack.pop()
            if key[v] >= 0:
                continue
            key[v] = counter
            counter += 1
            for u in reversed(up[v]):
                if key[u] < 0:
                    stack.append(u)
    for layer in graph.layers:
        layer.sort(key=key.__getitem__)


def _sweep(
    layers: list[list[int]],
    indices: range,
    neighbours: list[list[int]],
    ports: list[list[float]],
    pos: list[float],
    sign: float,
) -> None:
    """Sort each layer of *indices* by the barycenter of its neighbours in the layer just
    visited.  ``sign`` +1: neighbours are users (port heights belong to them); -1: operands
    (port heights belong to the node itself)."""
    step = 1 if sign > 0 else -1
    for i in indices:
        layer = layers[i]
        # Port offsets are measured in units of the layer that owns the ports.
        owner = layers[i + step] if sign > 0 else layer
        scale = sign / len(owner) if owner else 0.0
        keys = {}
        for v in layer:
            nbrs = neighbours[v]
            if not nbrs:
                keys[v] = pos[v]
            elif len(nbrs) == 1:
                keys[v] = pos[nbrs[0]] + ports[v][0] * scale
            else:
                total = 0.0
                for u, port in zip(nbrs, ports[v], strict=True):
                    total += pos[u] + port * scale
                keys[v] = total / len(nbrs)
        layer.sort(key=keys.__getitem__)
        _number(layer, pos)


def _pairs(graph: LayeredGraph, pos: list[float], i: int) -> list[tuple[float, float]]:
    """Segments between layer ``i`` and ``i+1`` as (source position, target port position)."""
    layers = graph.layers
    scale = 1.0 / len(layers[i + 1]) if layers[i + 1] else 0.0
    down, down_port = graph.down, graph.down_port
    return [
        (pos[u], pos[w] + port * scale)
        for u in layers[i]
        for w, port in zip(down[u], down_port[u], strict=True)
    ]


def _count(graph: LayeredGraph, pos: list[float]) -> int:
    from autograd_studio.layout.crossings import _inversions

    return sum(_inversions(_pairs(graph, pos, i)) for i in range(len(graph.layers) - 1))


def _transpose(graph: LayeredGraph, pos: list[float]) -> None:
    """Swap neighbours within a layer while that removes crossings with both adjacent
    layers (a few passes)."""
    layers = graph.layers
    up, down, down_port = graph.up, graph.down, graph.down_port
    for _ in range(4):
        improved = False
        for i, layer in enumerate(layers):
            size = len(layer)
            if size < 2:
                continue
            down_scale = 1.0 / len(layers[i + 1]) if i + 1 < len(layers) else 0.0
            k = 0
            while k < size - 1:
                v, w = layer[k], layer[k + 1]
                # Crossings among v's and w's edges in the current order, and swapped.
                # (Ports on v and w themselves do not matter: all of v is above w.)
                va = [pos[u] for u in up[v]]
                wa = [pos[u] for u in up[w]]
                vb = [pos[x] + p * down_scale for x, p in zip(down[v], down_port[v], strict=True)]
                wb = [pos[x] + p * down_scale for x, p in zip(down[w], down_port[w], strict=True)]
                now = _pair_crossings(va, wa) + _pair_crossings(vb, wb)
                swapped = _pair_crossings(wa, va) + _pair_crossings(wb, vb)
                if swapped < now:
                    layer[k], layer[k + 1] = w, v
                    pos[v], pos[w] = pos[w], pos[v]
                    improved = True
                k += 1
        if not improved:
            break


def _pair_crossings(first: list[float], second: list[float]) -> int:
    """Crossings between edges ending at *first* (node above) and *second* (node below)."""
    return sum(1 for a in first for b in second if a > b)

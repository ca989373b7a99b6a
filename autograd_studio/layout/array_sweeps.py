"""Barycenter sweeps over numpy arrays, for graphs too big for the careful ordering.

The same sweeps as :func:`~autograd_studio.layout.ordering._sweep` (each layer sorted,
stably, by the mean of its neighbours' positions plus port offsets, in the order the
neighbours are listed) with the same floating-point operations in the same order, so the
orders come out identical; a layer's keys are one ``bincount`` instead of a Python loop
over its nodes.  On the 65,800-node demo graph (98,725 layered nodes, 4 sweeps) that is
about 0.1 s instead of 1.2 s.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import chain, pairwise
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from autograd_studio.layout.ordering import LayeredGraph

__all__ = ["sweep_big"]


class _Side:
    """Edges toward one side (``up``: operands, ``down``: users), grouped by layer.

    Per layer ``i``: ``owner[i]`` is each edge's node as an index into ``members[i]`` (the
    layer's nodes in their first order, fixed), ``nbr[i]`` and ``port[i]`` the neighbour
    and the port fraction, edges of one node in the order listed; ``degree[i]`` per member.
    """

    def __init__(self, graph: LayeredGraph, lists: list[list[int]], ports: list[list[float]]):
        members, local = _members(graph)
        counts = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
        total = int(counts.sum())
        owner = np.repeat(np.arange(len(lists), dtype=np.int64), counts)
        nbr = np.fromiter(chain.from_iterable(lists), dtype=np.int64, count=total)
        port = np.fromiter(chain.from_iterable(ports), dtype=np.float64, count=total)
        layer_of = np.asarray(graph.layer_of, dtype=np.int64)
        by_layer = np.argsort(layer_of[owner], kind="stable")  # keeps each node's edge order
        bounds = np.searchsorted(layer_of[owner][by_layer], np.arange(len(members) + 1))
        owner, nbr, port = local[owner[by_layer]], nbr[by_layer], port[by_layer]
        self.owner = [owner[a:b] for a, b in pairwise(bounds)]
        self.nbr = [nbr[a:b] for a, b in pairwise(bounds)]
        self.port = [port[a:b] for a, b in pairwise(bounds)]
        self.degree = [counts[m].astype(np.float64) for m in members]


def _members(graph: LayeredGraph) -> tuple[list[np.ndarray], np.ndarray]:
    members = [np.asarray(layer, dtype=np.int64) for layer in graph.layers]
    local = np.zeros(len(graph), dtype=np.int64)
    for nodes in members:
        local[nodes] = np.arange(len(nodes))
    return members, local


def sweep_big(graph: LayeredGraph, sweeps: int, check: Callable[[], None]) -> None:
    """*sweeps* alternating sweeps (leftwards first) of ``graph.layers``, in place."""
    layers = graph.layers
    if len(layers) < 2 or sweeps <= 0:
        return
    members, local = _members(graph)
    down = _Side(graph, graph.down, graph.down_port)
    up = _Side(graph, graph.up, graph.up_port)
    pos = np.zeros(len(graph), dtype=np.float64)
    order = [nodes.copy() for nodes in members]
    spots = [(np.arange(len(nodes)) + 0.5) / len(nodes) for nodes in members]
    for nodes, spot in zip(order, spots, strict=True):
        pos[nodes] = spot
    last = len(layers) - 1
    for sweep in range(sweeps):
        if sweep % 2 == 0:  # toward the sources: keys from the users, ports theirs
            indices, side, step = range(last - 1, -1, -1), down, 1
        else:  # toward the sinks: keys from the operands, ports the node's own
            indices, side, step = range(1, last + 1), up, 0
        for i in indices:
            owner, nbr = side.owner[i], side.nbr[i]
            size = len(members[i + step]) if step else len(members[i])
            scale = (1.0 if step else -1.0) / size if size else 0.0
            degree = side.degree[i]
            sums = np.bincount(
                owner, weights=pos[nbr] + side.port[i] * scale, minlength=len(degree)
            )
            keys = np.where(degree > 0, sums / np.maximum(degree, 1.0), pos[members[i]])
            current = order[i]
            current = order[i] = current[np.argsort(keys[local[current]], kind="stable")]
            pos[current] = spots[i]
        check()
    graph.layers[:] = [nodes.tolist() for nodes in order]

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
from itertools import chain
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from autograd_studio.layout.ordering import LayeredGraph

__all__ = ["EdgesByLayer", "members", "sweep_big"]


class EdgesByLayer:
    """A layered graph's edges toward one side (``graph.up``: operands, ``graph.down``:
    users) as flat arrays sorted by the layer of the node they belong to, each node's edges
    in the order its lists give them (sums over them then add in the loops' order).

    ``node``, ``nbr`` and ``port`` per edge; ``degree`` per node; :meth:`of` cuts any array
    laid out like them to the slice of layer ``i``.
    """

    def __init__(self, graph: LayeredGraph, lists: list[list[int]], ports: list[list[float]]):
        degree = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
        total = int(degree.sum())
        node = np.repeat(np.arange(len(lists), dtype=np.int64), degree)
        nbr = np.fromiter(chain.from_iterable(lists), dtype=np.int64, count=total)
        port = np.fromiter(chain.from_iterable(ports), dtype=np.float64, count=total)
        layer_of = np.asarray(graph.layer_of, dtype=np.int64)[node]
        by_layer = np.argsort(layer_of, kind="stable")  # keeps each node's edge order
        self.bounds = np.searchsorted(layer_of[by_layer], np.arange(len(graph.layers) + 1))
        self.node, self.nbr, self.port = node[by_layer], nbr[by_layer], port[by_layer]
        self.degree = degree

    def of(self, i: int, array: np.ndarray) -> np.ndarray:
        return array[self.bounds[i] : self.bounds[i + 1]]


def members(graph: LayeredGraph) -> tuple[list[np.ndarray], np.ndarray]:
    """Each layer's nodes as an array, and each node's place in its layer."""
    nodes_of = [np.asarray(layer, dtype=np.int64) for layer in graph.layers]
    local = np.zeros(len(graph), dtype=np.int64)
    for nodes in nodes_of:
        local[nodes] = np.arange(len(nodes))
    return nodes_of, local


class _Side:
    """The sweeps' view of one side, per layer ``i``: ``owner[i]`` each edge's node as an
    index into the layer's nodes in their first order (fixed), ``nbr[i]``, ``port[i]``, and
    ``degree[i]`` per member."""

    def __init__(self, edges: EdgesByLayer, nodes_of: list[np.ndarray], local: np.ndarray):
        owner = local[edges.node]
        layers = range(len(nodes_of))
        self.owner = [edges.of(i, owner) for i in layers]
        self.nbr = [edges.of(i, edges.nbr) for i in layers]
        self.port = [edges.of(i, edges.port) for i in layers]
        self.degree = [edges.degree[nodes].astype(np.float64) for nodes in nodes_of]


def sweep_big(graph: LayeredGraph, sweeps: int, check: Callable[[], None]) -> None:
    """*sweeps* alternating sweeps (leftwards first) of ``graph.layers``, in place."""
    layers = graph.layers
    if len(layers) < 2 or sweeps <= 0:
        return
    nodes_of, local = members(graph)
    down = _Side(EdgesByLayer(graph, graph.down, graph.down_port), nodes_of, local)
    up = _Side(EdgesByLayer(graph, graph.up, graph.up_port), nodes_of, local)
    pos = np.zeros(len(graph), dtype=np.float64)
    order = [nodes.copy() for nodes in nodes_of]
    spots = [(np.arange(len(nodes)) + 0.5) / len(nodes) for nodes in nodes_of]
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
            size = len(nodes_of[i + step]) if step else len(nodes_of[i])
            scale = (1.0 if step else -1.0) / size if size else 0.0
            degree = side.degree[i]
            sums = np.bincount(
                owner, weights=pos[nbr] + side.port[i] * scale, minlength=len(degree)
            )
            keys = np.where(degree > 0, sums / np.maximum(degree, 1.0), pos[nodes_of[i]])
            current = order[i]
            current = order[i] = current[np.argsort(keys[local[current]], kind="stable")]
            pos[current] = spots[i]
        check()
    graph.layers[:] = [nodes.tolist() for nodes in order]

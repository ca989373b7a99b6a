"""Automatic layout: positions for every node, left to right like micrograd's pictures (no Qt).

>>> from autograd_studio.layout import layout
>>> result = layout(document)                        # doctest: +SKIP
>>> result.engine, result.message                    # doctest: +SKIP
('dot', '')
>>> for node_id, (x, y) in result.positions.items():  # doctest: +SKIP
...     document.set_pos(node_id, (x, y))

Positions are the **top-left corners** of the nodes' boxes in scene coordinates (y grows
downwards), like ``NodeRecord.pos`` and the canvas items.  Two engines: Graphviz ``dot``
(best pictures, up to about a thousand nodes) and a pure-Python layered layout (seconds for
the 65,800-node demo graph); ``engine="auto"`` picks, and the result says which ran and,
when dot was wanted but unavailable, why and how to install it.  Layouts are pure
functions of the document (same input, same output), can be cancelled, and can run on a
worker thread from a :class:`LayoutGraph` snapshot.
"""

from autograd_studio.layout.arrange import DEFAULT_TIME_LIMIT, DOT_NODE_LIMIT, ENGINES, layout
from autograd_studio.layout.crossings import count_crossings
from autograd_studio.layout.model import CancelCheck, LayoutCancelled, LayoutGraph, LayoutResult
from autograd_studio.layout.sizes import (
    DEFAULT_NODE_SIZE,
    LAYER_GAP,
    NODE_GAP,
    SMALL_GRAPH,
    estimate_size,
    layer_gap,
    needs_layout,
)

__all__ = [
    "DEFAULT_NODE_SIZE",
    "DEFAULT_TIME_LIMIT",
    "DOT_NODE_LIMIT",
    "ENGINES",
    "LAYER_GAP",
    "NODE_GAP",
    "SMALL_GRAPH",
    "CancelCheck",
    "LayoutCancelled",
    "LayoutGraph",
    "LayoutResult",
    "count_crossings",
    "estimate_size",
    "layer_gap",
    "layout",
    "needs_layout",
]

"""A quick, provisional placement: each node in the column of its depth (no Qt).

The editor uses it for a big document opened without positions, so the canvas shows the
graph at once while the real layout (:func:`~autograd_studio.layout.layout`) runs on a
worker thread; when that layout is cancelled the nodes stay here.  It is one pass over the
nodes in topological order: no crossing reduction, so edges may cross a lot.
"""

from __future__ import annotations

from autograd_studio.graph.document import GraphDocument
from autograd_studio.layout.sizes import DEFAULT_NODE_SIZE, LAYER_GAP, NODE_GAP

__all__ = ["column_positions"]


def column_positions(document: GraphDocument) -> dict[str, tuple[float, float]]:
    """Positions for the nodes of *document* that have none: a node's column is the length
    of the longest path reaching it, its row its place in that column (document order).

    Placed nodes keep their positions; the new ones go below them.

    >>> doc = GraphDocument()
    >>> x = doc.add_node("input", label="x"); t = doc.add_node("op", op="tanh")
    >>> doc.connect(x, t, 0)
    >>> column_positions(doc) == {x: (0.0, 0.0), t: (264.0, 0.0)}
    True
    """
    nodes = document.nodes
    placed = [record.pos for record in nodes.values() if record.pos is not None]
    left = min((x for x, _ in placed), default=0.0)
    top = max((y for _, y in placed), default=-DEFAULT_NODE_SIZE[1] - NODE_GAP)
    top += DEFAULT_NODE_SIZE[1] + NODE_GAP
    column_width = DEFAULT_NODE_SIZE[0] + LAYER_GAP
    row_height = DEFAULT_NODE_SIZE[1] + NODE_GAP
    depth: dict[str, int] = {}
    for node_id in document.topological_order():
        sources = [s for s in document.inputs_of(node_id) if s is not None]
        depth[node_id] = 1 + max((depth[s] for s in sources), default=-1)
    rows: dict[int, int] = {}
    positions: dict[str, tuple[float, float]] = {}
    for node_id, record in nodes.items():
        if record.pos is not None:
            continue
        column = depth[node_id]
        row = rows.get(column, 0)
        rows[column] = row + 1
        positions[node_id] = (left + column * column_width, top + row * row_height)
    return positions

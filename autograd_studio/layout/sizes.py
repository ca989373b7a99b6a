"""Node sizes and spacing the layouts use when the caller does not pass real item sizes.

Sizes are in scene units (the editor's scene coordinates; one unit is one point in a
picture).  The editor passes the sizes of its real items; everything else (the CLI's
``render``, importers, tests) uses :func:`estimate_size`, which matches the canvas cards of
``gui/canvas/node_item.py`` (every kind is 168 x 70 there today).
"""

from __future__ import annotations

from collections.abc import Mapping

from autograd_studio.graph.document import GraphDocument, NodeRecord

__all__ = [
    "DEFAULT_NODE_SIZE",
    "LAYER_GAP",
    "NODE_GAP",
    "SMALL_GRAPH",
    "SMALL_LAYER_GAP",
    "Size",
    "estimate_size",
    "layer_gap",
    "needs_layout",
    "sizes_for",
]

Size = tuple[float, float]

#: width, height of a node card on the canvas (``gui/canvas/node_item.py``: NODE_WIDTH,
#: NODE_HEIGHT).  Labels longer than the card are elided there, so width does not grow.
DEFAULT_NODE_SIZE: Size = (168.0, 70.0)
#: horizontal space between two columns: room for an op's port names (the canvas draws them
#: up to 64 units left of the card) and for the edges' curves.
LAYER_GAP = 96.0
#: vertical space between two nodes of one column: room for the "output" tag above a card.
NODE_GAP = 28.0
#: Graphs of up to this many nodes (the first examples a learner opens: the neuron's five
#: columns) get columns only :data:`SMALL_LAYER_GAP` apart, so that they fit whole at
#: readable text (9 px) on a 1280x800 screen with both docks open (a canvas of about
#: 760 px).  With :data:`LAYER_GAP` the neuron needed 1009 px there and its output card,
#: where Backward starts, was off the right edge.  Their few port names and edges still
#: have room; big graphs keep the wide gap, where crossings need it.
SMALL_GRAPH = 12
SMALL_LAYER_GAP = 28.0


def layer_gap(node_count: int) -> float:
    """The horizontal space between two columns of a layout of *node_count* nodes.

    Every engine (dot, the layered layout) and ``scripts/make_examples.py`` use this one
    rule, so Auto Layout gives an example the spacing it was saved with.

    >>> layer_gap(9), layer_gap(13)
    (28.0, 96.0)
    """
    return SMALL_LAYER_GAP if node_count <= SMALL_GRAPH else LAYER_GAP


def estimate_size(record: NodeRecord) -> Size:
    """The size a node of *record*'s kind has on the canvas, in scene units.

    >>> from autograd_studio.graph.document import NodeRecord
    >>> estimate_size(NodeRecord(id="x", kind="input"))
    (168.0, 70.0)
    """
    return DEFAULT_NODE_SIZE


def sizes_for(
    document: GraphDocument, sizes: Mapping[str, Size] | None, node_ids: list[str]
) -> list[Size]:
    """The size of each of *node_ids*: from *sizes* where given, else :func:`estimate_size`.

    Raises ``ValueError`` for a size that is not two positive finite numbers.
    """
    nodes = document.nodes
    if sizes is not None:
        given = list(map(sizes.get, node_ids))
        try:
            distinct = set(given)
        except TypeError:  # a size that cannot be hashed (a list): checked one by one below
            distinct = {None}
        if None not in distinct:
            # The editor gives one size per kind: check each distinct one once.
            checked = {size: _checked(size) for size in distinct}
            if None not in checked.values():
                return list(map(checked.__getitem__, given))  # type: ignore[arg-type]
    result: list[Size] = []
    for node_id in node_ids:
        given = sizes.get(node_id) if sizes is not None else None
        if given is None:
            result.append(estimate_size(nodes[node_id]))
            continue
        try:
            width, height = (float(given[0]), float(given[1]))
        except (TypeError, ValueError, IndexError):
            raise ValueError(
                f"size of {node_id!r} must be (width, height), not {given!r}"
            ) from None
        if not (0 < width < float("inf") and 0 < height < float("inf")):
            raise ValueError(f"size of {node_id!r} must be positive and finite, not {given!r}")
        result.append((width, height))
    return result


def _checked(given: object) -> Size | None:
    """*given* as two positive finite floats, or None when it is not such a size."""
    try:
        width, height = (float(given[0]), float(given[1]))  # type: ignore[index]
    except (TypeError, ValueError, IndexError):
        return None
    if not (0 < width < float("inf") and 0 < height < float("inf")):
        return None
    return (width, height)


def needs_layout(document: GraphDocument) -> bool:
    """Whether any node of *document* has no position (imported from code or an expression).

    The editor lays such a document out when it opens it.
    """
    return any(record.pos is None for record in document.nodes.values())

"""The layout's input and output: a snapshot of the graph, the result, cancellation.

:class:`LayoutGraph` copies what a layout needs from a document (ids, sizes, edges, current
positions) so that the editor can take it on the GUI thread in a few milliseconds and run
the layout itself on a worker thread while the document stays editable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import count, repeat

from autograd_studio.graph.document import GraphDocument
from autograd_studio.layout.sizes import Size, sizes_for

__all__ = ["CancelCheck", "LayoutCancelled", "LayoutGraph", "LayoutResult", "Point", "checker"]

Point = tuple[float, float]
#: a callable returning True when the caller wants the layout stopped (e.g. ``event.is_set``).
CancelCheck = Callable[[], bool]


class LayoutCancelled(Exception):
    """The layout was stopped because its ``cancel`` callable returned True."""


def checker(cancel: CancelCheck | None) -> Callable[[], None]:
    """A function that raises :class:`LayoutCancelled` once *cancel* returns True."""
    if cancel is None:
        return _never

    def check() -> None:
        if cancel():
            raise LayoutCancelled("layout cancelled")

    return check


def _never() -> None:
    return None


@dataclass(frozen=True)
class LayoutGraph:
    """The part of a document a layout reads, indexed by position in :attr:`ids`.

    ``edges`` are ``(source, target, port)`` index triples; ``arity[i]`` is the number of
    input ports of node ``i`` (0 for inputs and weights); ``positions`` are the nodes'
    current top-left corners (``None`` where unset); ``selection`` is True when only some
    of the document's nodes were taken: the laid-out selection then stays where it was.
    """

    ids: tuple[str, ...]
    sizes: tuple[Size, ...]
    edges: tuple[tuple[int, int, int], ...]
    arity: tuple[int, ...]
    positions: tuple[Point | None, ...]
    selection: bool = False

    @classmethod
    def from_document(
        cls,
        document: GraphDocument,
        sizes: Mapping[str, Size] | None = None,
        node_ids: Iterable[str] | None = None,
    ) -> LayoutGraph:
        """Snapshot *document* (or only *node_ids* and the edges among them).

        Raises ``KeyError`` naming an unknown id in *node_ids*, ``ValueError`` for a bad size.
        """
        nodes = document.nodes
        if node_ids is None:
            ids = list(nodes)
            index = dict(zip(ids, range(len(ids)), strict=True))
            return cls(
                ids=tuple(ids),
                sizes=tuple(sizes_for(document, sizes, ids)),
                edges=_edge_triples(document.input_lists, index),
                arity=tuple(record.arity for record in nodes.values()),
                positions=tuple(record.pos for record in nodes.values()),
            )
        else:
            wanted = dict.fromkeys(node_ids)
            for node_id in wanted:
                if node_id not in nodes:
                    raise KeyError(f"no node with id {node_id!r}")
            ids = [node_id for node_id in nodes if node_id in wanted]  # document order
            edges_in = [
                edge
                for node_id in ids
                for edge in document.edges_of(node_id)
                if edge.target == node_id and edge.source in wanted
            ]
        index = {node_id: i for i, node_id in enumerate(ids)}
        return cls(
            ids=tuple(ids),
            sizes=tuple(sizes_for(document, sizes, ids)),
            edges=tuple((index[e.source], index[e.target], e.port) for e in edges_in),
            arity=tuple(nodes[node_id].arity for node_id in ids),
            positions=tuple(nodes[node_id].pos for node_id in ids),
            selection=node_ids is not None,
        )

    def __len__(self) -> int:
        return len(self.ids)


def _edge_triples(
    inputs: Mapping[str, list[str | None]], index: dict[str, int]
) -> tuple[tuple[int, int, int], ...]:
    """Every edge as ``(source, target, port)`` indexes, in ``document.edges``' order (by
    target, then port), read from the document's input lists: no ``Edge`` is made (the demo
    graph has 126,854)."""
    row = index.__getitem__
    triples: list[tuple[int, int, int]] = []
    add = triples.append
    for target, sources in inputs.items():
        t = row(target)
        if None in sources:
            for port, source in enumerate(sources):
                if source is not None:
                    add((row(source), t, port))
        else:
            triples.extend(zip(map(row, sources), repeat(t), count()))
    return tuple(triples)


@dataclass(frozen=True)
class LayoutResult:
    """Where a layout put the nodes, and how.

    ``positions`` maps every laid-out node id to the **top-left corner** of its box in scene
    coordinates (x grows to the right, y grows downwards, as in Qt and ``NodeRecord.pos``);
    nodes that were not laid out are absent.  ``engine`` is the engine that actually ran
    (``"dot"`` or ``"layered"``); ``message`` says why it is not the one asked for, or is
    empty.  ``sizes`` are the box sizes the layout used.
    """

    positions: dict[str, Point]
    engine: str
    requested: str
    message: str = ""
    sizes: dict[str, Size] = field(default_factory=dict)
    seconds: float = 0.0

    def centres(self) -> dict[str, Point]:
        """The centre of every laid-out box."""
        return {
            node_id: (x + self.sizes[node_id][0] / 2, y + self.sizes[node_id][1] / 2)
            for node_id, (x, y) in self.positions.items()
        }

    def bounds(self) -> tuple[float, float, float, float]:
        """``(left, top, right, bottom)`` of all laid-out boxes (zeros when empty)."""
        if not self.positions:
            return (0.0, 0.0, 0.0, 0.0)
        left = min(x for x, _ in self.positions.values())
        top = min(y for _, y in self.positions.values())
        right = max(x + self.sizes[n][0] for n, (x, _) in self.positions.items())
        bottom = max(y + self.sizes[n][1] for n, (_, y) in self.positions.items())
        return (left, top, right, bottom)

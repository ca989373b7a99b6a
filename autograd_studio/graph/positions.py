"""Positions of many nodes kept compactly: one tuple of ids and one array of coordinates.

An undo step of an auto layout remembers where 65,818 nodes were and where they went.  As
``{id: (x, y)}`` dicts that is two dicts, 131,636 tuples and 263,272 float objects (about
25 MB); as :class:`PositionArray` it is the ids (shared with the document's strings) and
16 bytes a node.  The coordinates are stored as C doubles, so what goes back is the very
same floats, bit for bit; a node without a position (``None``) is stored as NaN, which no
position can be (positions are finite).

    before = PositionArray.of(doc, moved_ids)
    doc.set_positions(after)     # one positions_changed event
    doc.set_positions(before)    # and back
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable, Iterator, Mapping
from itertools import chain, compress, repeat
from operator import attrgetter, is_, ne

from autograd_studio.graph.document import GraphDocument

__all__ = ["PositionArray"]

Pos = tuple[float, float]
_NAN = math.nan
_POS = attrgetter("pos")


class PositionArray(Mapping[str, Pos | None]):
    """``node id -> (x, y) or None`` for a fixed list of nodes, in the order given.

    Read it as a mapping (``positions[id]``, iteration over the ids) or give it to
    :meth:`GraphDocument.set_positions`, which checks it at once.
    """

    __slots__ = ("_index", "_xy", "ids")

    def __init__(self, ids: Iterable[str], xy: array) -> None:
        #: The nodes, in order; ``xy[2 * k], xy[2 * k + 1]`` is where ``ids[k]`` is.
        self.ids: tuple[str, ...] = tuple(ids)
        if xy.typecode != "d" or len(xy) != 2 * len(self.ids):
            raise ValueError("a PositionArray needs two doubles per id")
        self._xy = xy
        self._index: dict[str, int] | None = None  # built on the first lookup by id

    @classmethod
    def from_mapping(cls, positions: Mapping[str, Pos | None]) -> PositionArray:
        """The positions of a ``{id: (x, y) or None}`` mapping, in its order."""
        return cls._of_pairs(tuple(positions), list(positions.values()))

    @classmethod
    def _of_pairs(cls, ids: tuple[str, ...], values: list[Pos | None]) -> PositionArray:
        if not any(map(is_, values, repeat(None))):  # (an auto layout's: at C speed)
            xy = array("d", chain.from_iterable(values))
            if len(xy) == 2 * len(values):
                return cls(ids, xy)
        xy = array("d")
        for pos in values:
            if pos is None:
                xy.append(_NAN)
                xy.append(_NAN)
            else:
                xy.append(pos[0])
                xy.append(pos[1])
        return cls(ids, xy)

    @classmethod
    def changes(
        cls, doc: GraphDocument, positions: Mapping[str, Pos]
    ) -> tuple[PositionArray, PositionArray]:
        """``(where they go, where they are)`` of the nodes of *doc* that *positions*
        moves (ids *doc* lacks and positions a node has already are left out), compared
        at C speed: an auto layout's 65,818 positions."""
        nodes = doc.nodes
        ids = list(positions)
        if not nodes.keys() >= positions.keys():
            ids = [node_id for node_id in ids if node_id in nodes]
        new = list(map(positions.__getitem__, ids))
        old = list(map(_POS, map(nodes.__getitem__, ids)))
        moved = list(map(ne, old, new))
        ids = tuple(compress(ids, moved))
        new, old = list(compress(new, moved)), list(compress(old, moved))
        return cls._of_pairs(ids, new), cls._of_pairs(ids, old)

    @classmethod
    def of(cls, doc: GraphDocument, ids: Iterable[str]) -> PositionArray:
        """Where the nodes *ids* of *doc* are now."""
        ids = tuple(ids)
        return cls._of_pairs(ids, list(map(_POS, map(doc.nodes.__getitem__, ids))))

    def finite_pairs(self) -> list[Pos] | None:
        """Every position as an ``(x, y)`` pair in order, or ``None`` if one is ``None``
        or not finite (for :meth:`GraphDocument.set_positions` to check one by one)."""
        xy = self._xy
        if not all(map(math.isfinite, xy)):
            return None
        return list(zip(xy[0::2], xy[1::2], strict=True))

    def items(self) -> Iterator[tuple[str, Pos | None]]:  # type: ignore[override]
        """``(id, pos)`` pairs in order, as :meth:`GraphDocument.set_positions` takes them."""
        xy = self._xy
        xs, ys = xy[0::2], xy[1::2]
        for node_id, x, y in zip(self.ids, xs, ys, strict=True):
            yield node_id, (None if x != x else (x, y))

    def __getitem__(self, node_id: str) -> Pos | None:
        index = self._index
        if index is None:
            index = self._index = {node_id: k for k, node_id in enumerate(self.ids)}
        k = index[node_id]
        x, y = self._xy[2 * k], self._xy[2 * k + 1]
        return None if x != x else (x, y)

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def nbytes(self) -> int:
        """Bytes of the coordinate array (the ids are the document's own strings)."""
        return self._xy.itemsize * len(self._xy)

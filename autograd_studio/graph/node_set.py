"""A set of node ids that also knows them as a mask over a list of ids (:class:`NodeSet`)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress

import numpy as np

__all__ = ["NodeSet"]


class NodeSet(frozenset[str]):
    """The ids ``ids[k]`` where ``mask[k]``, as a frozenset, keeping *ids* and *mask*.

    The gradient flow's 30,331 zero-grad nodes of the demo graph are found as a mask over
    the plan's ids; a reader whose rows line up with those ids (the canvas's index, in
    document order as the plan) takes their rows from the mask (:meth:`rows_in`) instead
    of looking each id up.  Anything else reads it as the frozenset it is.
    """

    __slots__ = ("ids", "mask")

    ids: Sequence[str]
    mask: np.ndarray

    def __new__(cls, ids: Sequence[str], mask: np.ndarray) -> NodeSet:
        made = super().__new__(cls, compress(ids, mask.tolist()))
        made.ids, made.mask = ids, mask
        return made

    def rows_in(self, ids: Sequence[str]) -> np.ndarray | None:
        """The positions in *ids* of this set's members, ascending, when *ids* is the list
        the mask is over (else ``None``: look them up)."""
        mine = self.ids
        if ids is mine or (len(ids) == len(mine) and ids == mine):
            return np.flatnonzero(self.mask)
        return None

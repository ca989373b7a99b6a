"""The evaluation plan of a graph after a removal, made from the plan before it.

Compiling the 65,818-node demo graph takes a tenth of a second or more, and deleting a
few thousand of its nodes used to compile it all again.  A removal changes a plan in a
simple way, though:

- the rows of the removed nodes go, and the rows after them move up;
- a node that stays and had a value keeps it, computed the same way (its operands stay),
  unless it loses an input, directly or through an operand that loses one: then it has
  none (it is "missing" in the plan, with the sentence why);
- a node without a value before has none after (nothing was connected).

So :func:`plan_without` keeps every other step, with its rows renumbered by numpy, and
works out only the nodes without a value the careful way.  The result is the plan
:func:`~autograd_studio.graph.plan.compile_plan` makes of the document (the tests compare
them on random graphs and removals), except that its steps keep the order they had, which
is as good an order (each step after its operands).  Graphs with functions (whose plans
are of the unfolded graph) are compiled as before.
"""

from __future__ import annotations

from collections.abc import Collection
from itertools import compress
from typing import TYPE_CHECKING, Any

import numpy as np

from autograd_studio.graph.bulk import collector_paused
from autograd_studio.graph.plan import (
    GENERAL,
    UNARY,
    EvaluationPlan,
    unconnected_message,
    waiting_message,
)

if TYPE_CHECKING:
    from autograd_studio.graph.document import GraphDocument

__all__ = ["plan_without"]


def plan_without(
    old: EvaluationPlan, doc: GraphDocument, gone: Collection[str]
) -> EvaluationPlan | None:
    """The plan of *doc*, which is the graph *old* was compiled for without the nodes
    *gone* (and without edges into nodes that stay, whose ports are now unconnected);
    ``None`` for a graph with functions (compile it)."""
    if old.inlined or doc.functions or len(old.ids) != len(doc.nodes) + len(gone):
        return None
    with collector_paused():  # some 100,000 lasting tuples, no cycle among them
        return _without(old, doc, gone)


def _without(old: EvaluationPlan, doc: GraphDocument, gone: Collection[str]) -> EvaluationPlan:
    n = len(old.ids)
    keep = np.ones(n, dtype=bool)
    keep[np.fromiter(map(old.index.__getitem__, gone), np.int64, len(gone))] = False
    row = np.cumsum(keep) - 1  # the new row of each row that stays
    steps = old.forward
    lost = _lost(old, keep)  # gone, or a node that stays and loses its value
    at = a = b = np.zeros(0, dtype=np.int64)
    fns: tuple = ()
    if steps:
        at_t, fns, a_t, b_t = zip(*steps, strict=True)
        at, a, b = (np.fromiter(v, np.int64, len(steps)) for v in (at_t, a_t, b_t))
    ok = ~lost[at]
    at, a, b = row[at[ok]], a[ok], b[ok]
    general = b == GENERAL
    a = np.where(general, a, row[a])  # a GENERAL step's a is its place in the operands
    b = np.where(b >= 0, row[np.maximum(b, 0)], b)
    operands: list[tuple[int, ...]] = []
    if general.any():
        places = np.flatnonzero(general)
        for k in places.tolist():
            operands.append(tuple(row[list(old.operands[a[k]])].tolist()))
        a[places] = np.arange(len(places))
    keeping = keep.tolist()
    ids = list(compress(old.ids, keeping))
    index = dict(zip(ids, range(len(ids)), strict=True))
    at_list, a_list, b_list = at.tolist(), a.tolist(), b.tolist()
    forward = list(zip(at_list, compress(fns, ok.tolist()), a_list, b_list, strict=True))
    leaves = [(int(row[i]), record) for i, record in old.leaves if keeping[i]]
    sources: list[Any] = [None] * len(ids)
    for i, _record in leaves:
        sources[i] = ()
    for i, s, t in zip(at_list, a_list, b_list, strict=True):
        sources[i] = (s, t) if t >= 0 else (s,) if t == UNARY else operands[s]
    plan = EvaluationPlan(
        doc.structure_version,
        ids,
        index,
        leaves,
        forward,
        list(compress(old.ops, keeping)),
        sources,
        operands,
        {},
    )
    plan.names = ids
    _settle_missing(plan, doc, old, keep & (lost | _rows(old.missing, n)), row)
    return plan


def _lost(old: EvaluationPlan, keep: np.ndarray) -> np.ndarray:
    """Per old row: gone, or computed from a row that is lost (steps are in an order where
    every operand comes first, so one pass settles it)."""
    lost = bytearray((~keep).astype(np.uint8).tobytes())
    operands = old.operands
    for i, _f, a, b in old.forward:
        if b >= 0:
            if lost[a] or lost[b]:
                lost[i] = 1
        elif b == UNARY:
            if lost[a]:
                lost[i] = 1
        elif any(map(lost.__getitem__, operands[a])):
            lost[i] = 1
    return np.frombuffer(lost, dtype=np.uint8).astype(bool)


def _rows(missing: dict[int, Any], n: int) -> np.ndarray:
    mask = np.zeros(n, dtype=bool)
    mask[list(missing)] = True
    return mask


def _settle_missing(
    plan: EvaluationPlan, doc: GraphDocument, old: EvaluationPlan, rows: np.ndarray, row: np.ndarray
) -> None:
    """The sentence why each node at old *rows* (that stay) has no value, as compiling
    says it: its unconnected ports, else the operands it waits for."""
    ids, index, ops, sources = plan.ids, plan.index, plan.ops, plan.sources
    inputs = doc.input_lists
    for i in row[rows].tolist():
        nid = ids[i]
        ports = [-1 if s is None else index[s] for s in inputs.get(nid, ())]
        if -1 in ports:
            plan.missing[i] = unconnected_message(ops[i], ports)  # type: ignore[arg-type]
        else:
            waiting = [ids[s] for s in ports if sources[s] is None]
            plan.missing[i] = waiting_message(doc, waiting)

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

from bisect import bisect_left
from collections.abc import Collection
from itertools import compress
from operator import itemgetter
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
    gone_rows = np.fromiter(map(old.index.__getitem__, gone), np.int64, len(gone))
    keep[gone_rows] = False
    row = np.cumsum(keep) - 1  # the new row of each row that stays
    # Steps row by row (a saved graph's): the rows before the first that goes keep their
    # steps, operands and rows, taken as they are (a third of the demo graph when its
    # middle third goes).  (Steps of any arity index a list the tail would renumber.)
    first = int(gone_rows.min()) if old.ordered and not old.operands and len(gone) else 0
    steps = old.forward
    cut = bisect_left(steps, (first,)) if first else 0  # the steps of rows before first
    tail = steps[cut:]
    lost = _lost(tail, old.operands, keep)  # gone, or a node that stays and loses its value
    at = a = b = np.zeros(0, dtype=np.int64)
    fns: tuple = ()
    if tail:
        at_t, fns, a_t, b_t = zip(*tail, strict=True)
        at, a, b = (np.fromiter(v, np.int64, len(tail)) for v in (at_t, a_t, b_t))
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
    keeping = keep[first:].tolist()
    ids = old.ids[:first] + list(compress(old.ids[first:], keeping))
    index = old.index.copy()  # the rows before first are right already
    for nid in gone:
        del index[nid]
    index.update(zip(ids[first:], range(first, len(ids)), strict=True))
    at_list, a_list, b_list = at.tolist(), a.tolist(), b.tolist()
    forward = steps[:cut]
    forward += zip(at_list, compress(fns, ok.tolist()), a_list, b_list, strict=True)
    split = bisect_left(old.leaves, first, key=itemgetter(0))
    leaves = old.leaves[:split]
    leaves += [(int(row[i]), record) for i, record in old.leaves[split:] if keep[i]]
    sources: list[Any] = old.sources[:first] + [None] * (len(ids) - first)
    for i, _record in leaves[split:]:
        sources[i] = ()
    for i, s, t in zip(at_list, a_list, b_list, strict=True):
        sources[i] = (s, t) if t >= 0 else (s,) if t == UNARY else operands[s]
    ops = old.ops[:first] + list(compress(old.ops[first:], keeping))
    plan = EvaluationPlan(doc.structure_version, ids, index, leaves, forward, ops, sources, [], {})
    plan.names, plan.operands, plan.ordered = ids, operands, old.ordered
    plan.missing = {i: why for i, why in old.missing.items() if i < first}
    _settle_missing(plan, doc, keep & (lost | _rows(old.missing, n)), row)
    return plan


def _lost(steps: list, operands: list[tuple[int, ...]], keep: np.ndarray) -> np.ndarray:
    """Per old row: gone, or computed from a row that is lost (steps are in an order where
    every operand comes first, so one pass settles it)."""
    lost = bytearray((~keep).astype(np.uint8).tobytes())
    for i, _f, a, b in steps:
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
    plan: EvaluationPlan, doc: GraphDocument, rows: np.ndarray, row: np.ndarray
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

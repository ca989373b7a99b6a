"""Why no weight moves: every weight's gradient is exactly zero on every row.

The seed notebook's dead neuron trained on data is the lesson: ``relu(w1*x1 + w2*x2 + b)``
below zero on every row passes no gradient back, so the weights never change, whatever the
learning rate.  :func:`explain_dead` finds where the backward flow stops (an op whose own
gradient is not zero on some row but whose local derivative for an operand is zero on all of
those rows) and says it in a sentence or two.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autograd_studio.graph.batch import BatchPlan
from autograd_studio.graph.plan import UNARY
from autograd_studio.messages import Message

__all__ = ["explain_dead"]


def explain_dead(batch: BatchPlan, values: list[Any], grads: list[Any], rows: int) -> str:
    """A teaching sentence for a run in which every weight's gradient was 0 on every row
    (a :class:`~autograd_studio.messages.Message`: the editor says it in its language)."""
    plan = batch.plan
    head = Message("dead-one-row") if rows == 1 else Message("dead-rows", str(rows))
    weights = {i for i, record in plan.leaves if record.kind == "weight"}
    cuts = []
    for i, chain, a, b in batch.backward_steps:
        gi = grads[i]
        if gi is None or not np.any(gi):
            continue
        if b == UNARY:
            operands: tuple[int, ...] = (a,)
        elif b >= 0:
            operands = (a, b)
        else:
            operands = plan.operands[a]
        with np.errstate(all="ignore"):
            # what backward sends each operand: 0 where gi is not means a zero derivative
            sent = chain(
                np.asarray(gi, dtype=np.float64), values[i], *[values[s] for s in operands]
            )
        flowing = np.broadcast_to(np.asarray(gi) != 0, (rows,))
        for s, c in zip(operands, sent, strict=True):
            if not np.any(np.broadcast_to(c, (rows,))[flowing]) and _feeds_a_weight(
                plan, weights, s
            ):
                cuts.append((i, s))
    if not cuts:
        return Message("then", head, Message("no-weight-feeds-loss"))
    said = head
    for i, s in dict.fromkeys(cuts):
        said = Message("then", said, _why(plan, values, i, s, rows))
    return said


def _why(plan: Any, values: list[Any], i: int, source: int, rows: int) -> Message:
    op = plan.ops[i]
    name = plan.ids[i]
    inputs = np.broadcast_to(values[source], (rows,))
    if op.name == "relu":
        low, high = f"{inputs.min():.4g}", f"{inputs.max():.4g}"
        return Message("dead-relu", repr(name), low, high)
    return Message("dead-cut", op.name, repr(name), repr(plan.ids[source]))


def _feeds_a_weight(plan: Any, weights: set[int], start: int) -> bool:
    """Whether a weight is at or behind node *start* (else a cut there stops nothing)."""
    stack, seen = [start], set()
    while stack:
        i = stack.pop()
        if i in weights:
            return True
        if i not in seen:
            seen.add(i)
            stack.extend(plan.sources[i] or ())
    return False

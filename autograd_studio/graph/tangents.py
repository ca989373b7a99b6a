"""Forward mode over a document: tangents d(node)/d(wrt) through the compiled plan.

The document's counterpart of :func:`autograd_studio.engine.tangents.forward_tangents`,
with the same numbers bit for bit: a node's tangent is the sum, in port order, of
``tangent(operand) * local derivative`` (as :attr:`Op.chain` computes it, with PyTorch's
edge cases) over the operands that depend on *wrt*; a node
that does not depend on *wrt* has no tangent (``None``), so ``0 * inf`` from an unrelated
``log(0)`` never enters a sum.  The plan's forward order is a topological order, and a
node's sum only reads its own operands, so any such order gives the same bits.
"""

from __future__ import annotations

import math
from typing import Any

from autograd_studio.graph.plan import UNARY, EvaluationPlan
from autograd_studio.messages import Message

__all__ = ["non_finite_tangent_problems", "run_tangents"]


def run_tangents(plan: EvaluationPlan, v: list, wrt: int) -> list[float | None]:
    """Tangents by index for the seed ``tangent(wrt) = 1``; ``None`` where a node does not
    depend on *wrt* (or has no data).  *v* holds the forward values by index."""
    t: list[float | None] = [None] * len(plan.ids)
    if plan.sources[wrt] is None:  # the node has no data itself: nothing to carry
        return t
    t[wrt] = 1.0
    ops = plan.ops
    operands = plan.operands
    for i, _f, a, b in plan.forward:
        if i == wrt:
            continue
        op = ops[i]
        # op.chain(tangent, ...)[port]: tangent times the local derivative, with the
        # same PyTorch edge cases as backward (relu passes 0 even for an inf tangent)
        if b >= 0:
            ta = t[a]
            tb = t[b]
            if ta is None and tb is None:
                continue
            if tb is None:
                t[i] = op.chain(ta, v[i], v[a], v[b])[0]  # type: ignore[union-attr]
            elif ta is None:
                t[i] = op.chain(tb, v[i], v[a], v[b])[1]  # type: ignore[union-attr]
            else:
                t[i] = (
                    op.chain(ta, v[i], v[a], v[b])[0]  # type: ignore[union-attr]
                    + op.chain(tb, v[i], v[a], v[b])[1]  # type: ignore[union-attr]
                )
        elif b == UNARY:
            ta = t[a]
            if ta is not None:
                t[i] = op.chain(ta, v[i], v[a])[0]  # type: ignore[union-attr]
        else:
            sources = operands[a]
            if all(t[s] is None for s in sources):
                continue
            xs = [v[s] for s in sources]
            total = None
            for port, s in enumerate(sources):
                ts = t[s]
                if ts is not None:
                    term = op.chain(ts, v[i], *xs)[port]  # type: ignore[union-attr]
                    total = term if total is None else total + term
            t[i] = total
    return t


def non_finite_tangent_problems(
    plan: EvaluationPlan, v: list, t: list[float | None]
) -> list[tuple[int, str, str]]:
    """``(index, kind, message)`` where a tangent first turns nan/inf although the node's
    value and its operands' values and tangents are finite: there a local derivative broke
    down, as ``nan-grad``/``inf-grad`` say for backward.  Kinds: ``nan-tangent``,
    ``inf-tangent``."""
    found = []
    for i, _f, _a, _b in plan.forward:
        ti = t[i]
        if ti is None or math.isfinite(ti):
            continue
        sources = plan.sources[i] or ()
        if not math.isfinite(v[i]) or any(not math.isfinite(v[s]) for s in sources):
            continue  # a nan/inf value, already reported where it started
        if any(t[s] is not None and not math.isfinite(t[s]) for s in sources):  # type: ignore[arg-type]
            continue  # it came from an operand that already had it
        op: Any = plan.ops[i]
        kind = "nan-tangent" if math.isnan(ti) else "inf-tangent"
        if op.domain:
            message = Message("tangent-not-finite-domain", repr(ti), op.name, op.domain)
        else:
            message = Message("tangent-not-finite", repr(ti), op.name)
        found.append((i, kind, message))
    return found

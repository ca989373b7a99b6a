"""Backward that sums onto the gradients already there: micrograd's ``backward()`` twice.

``Node.backward(accumulate=True)`` keeps every node's ``grad``, sets the root's to 1 (an
assignment, as micrograd does, not ``+= 1``) and then runs each op's local backward, which
*adds* ``grad(op) * local`` to its operands.  Because an op's own gradient is not reset
either, the second pass sends the accumulated gradient further down: on ``y = w*x`` the
leaf grads double, on deeper graphs they grow faster than that.  :func:`accumulated_backward`
does exactly this on a document, in the engine's order with the engine's float operations,
so the editor's "accumulate" Backward shows what the engine computes.

>>> from autograd_studio.interop.expression import from_expression
>>> doc = from_expression("w*x", values={"w": 3.0, "x": 2.0})
>>> first = accumulated_backward(doc, {})
>>> second = accumulated_backward(doc, first.grad)
>>> first.grad["w"], second.grad["w"]
(2.0, 4.0)
"""

from __future__ import annotations

from collections.abc import Mapping

from autograd_studio.graph.document import GraphDocument
from autograd_studio.graph.evaluate import EvaluationResult, evaluate, run_backward
from autograd_studio.graph.plan import plan_for

__all__ = ["accumulated_backward", "zero_grads"]


def accumulated_backward(
    doc: GraphDocument, previous: Mapping[str, float | None]
) -> EvaluationResult:
    """Forward, then backward from ``doc.output`` summing onto *previous* gradients.

    *previous* maps node ids to the gradients already there (missing or ``None``: 0.0, as
    on a fresh engine node).  Nodes the output does not depend on keep their previous
    gradient (the engine never visits them); nodes without data get ``None``.  Without an
    output (or when it has no data) nothing is added and the previous gradients are kept.
    """
    result = evaluate(doc, backward=False)
    plan = plan_for(doc)
    grads: list[float | None] = [_number(previous.get(nid)) for nid in plan.ids]
    output = doc.output
    if output is not None and plan.sources[plan.index[output]] is not None:
        values = [0.0 if result.data[nid] is None else result.data[nid] for nid in plan.ids]
        back = plan.backward_for(output)
        run_backward(back.steps, back.root, plan.operands, values, grads)
    for i in plan.missing:
        grads[i] = None
    result.grad = plan.by_id(grads)
    return result


def zero_grads(result: EvaluationResult) -> EvaluationResult:
    """*result* with every gradient set to 0.0 (``None`` kept where a node has no data):
    what ``zero_grad()`` leaves on an engine graph."""
    grad = {nid: None if data is None else 0.0 for nid, data in result.data.items()}
    return EvaluationResult(result.output, dict(result.data), grad, dict(result.problems))


def _number(value: float | None) -> float:
    return 0.0 if value is None else float(value)

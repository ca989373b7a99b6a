"""The evaluation plan run over many rows at once: one float64 array per node.

A dataset binds some input nodes to columns; every other leaf keeps its one value for every
row.  :func:`run_batch` runs the document's compiled plan (:mod:`autograd_studio.graph.plan`)
with numpy: the forward steps in the plan's order and the backward steps in the engine's
order, each step the array form of the registry op (:mod:`autograd_studio.graph.batch_ops`).
Row ``r`` of every value and gradient is what :func:`~autograd_studio.graph.evaluate.evaluate`
gives with the bound inputs set to row ``r`` (to the last bit where numpy's ``exp``/``log``/
``tanh`` round like the C library's, within an ulp or two otherwise), and a weight's gradient
over the dataset is the sum of its rows.

>>> from autograd_studio.graph import GraphDocument
>>> doc = GraphDocument()
>>> x = doc.add_node("input", label="x"); w = doc.add_node("weight", label="w", value=3.0)
>>> m = doc.add_node("op", op="mul"); doc.connect(w, m, 0); doc.connect(x, m, 1)
>>> run = run_batch(doc, {x: [1.0, 2.0]})
>>> run.data(m).tolist(), run.grad(w).tolist(), run.grad_sum(w)
([3.0, 6.0], [1.0, 2.0], 3.0)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from autograd_studio.graph.batch_ops import batch_op
from autograd_studio.graph.plan import UNARY, EvaluationPlan, plan_for

if TYPE_CHECKING:
    from autograd_studio.graph.document import GraphDocument

__all__ = ["BatchPlan", "BatchRun", "batch_plan_for", "run_batch"]

BatchStep = tuple[int, Callable[..., Any], int, int]


class BatchPlan:
    """A document's plan with every step's function swapped for its array form.

    Built once per plan and output (:func:`batch_plan_for` caches it); :meth:`forward` and
    :meth:`backward` take and return lists by plan index, which is what a training loop
    wants: no dictionaries per step.
    """

    def __init__(self, plan: EvaluationPlan, output: str | None) -> None:
        self.plan = plan
        self.output = output
        self.forward_steps: list[BatchStep] = [
            (i, batch_op(plan.ops[i].name).forward, a, b)  # type: ignore[union-attr]
            for i, _f, a, b in plan.forward
        ]
        self.root: int | None = None
        self.backward_steps: list[BatchStep] = []
        self.members: list[int] = []
        if output is not None and plan.sources[plan.index[output]] is not None:
            back = plan.backward_for(output)
            self.root = back.root
            self.members = back.members
            self.backward_steps = [
                (i, batch_op(plan.ops[i].name).chain, a, b)  # type: ignore[union-attr]
                for i, _f, a, b in back.steps
            ]

    def leaf_values(self, overrides: Mapping[int, Any] | None = None) -> list[Any]:
        """Every leaf's value by index (the document's, or *overrides*' arrays/numbers)."""
        values: list[Any] = [None] * len(self.plan.ids)
        for i, record in self.plan.leaves:
            values[i] = np.float64(record.value)
        for i, value in (overrides or {}).items():
            values[i] = value
        return values

    def forward(self, values: list[Any]) -> list[Any]:
        """Fill *values* (leaves set, by index) with every computable op node's value."""
        operands = self.plan.operands
        with np.errstate(all="ignore"):
            for i, f, a, b in self.forward_steps:
                if b >= 0:
                    values[i] = f(values[a], values[b])
                elif b == UNARY:
                    values[i] = f(values[a])
                else:
                    values[i] = f(*[values[s] for s in operands[a]])
        return values

    def backward(self, values: list[Any], rows: int) -> list[Any]:
        """Per-row gradients of the output by index (``None`` where it does not depend on
        the node): the engine's contributions, added in the engine's order."""
        grads: list[Any] = [None] * len(values)
        if self.root is None:
            return grads
        grads[self.root] = np.ones(rows)
        operands = self.plan.operands
        with np.errstate(all="ignore"):
            for i, chain, a, b in self.backward_steps:
                gi = grads[i]
                if b >= 0:
                    ca, cb = chain(gi, values[i], values[a], values[b])
                    _add(grads, a, ca)
                    _add(grads, b, cb)
                elif b == UNARY:
                    (ca,) = chain(gi, values[i], values[a])
                    _add(grads, a, ca)
                else:
                    sources = operands[a]
                    sent = chain(gi, values[i], *[values[s] for s in sources])
                    for s, c in zip(sources, sent, strict=True):
                        _add(grads, s, c)
        return grads


def _add(grads: list[Any], i: int, contribution: np.ndarray) -> None:
    # The scalar path starts every gradient at 0.0 and adds; starting from the first
    # contribution itself is the same number (0.0 + c == c) without a zeros array per node.
    # Contributions are always fresh arrays (gi is one), so adding in place is safe.
    g = grads[i]
    if g is None:
        grads[i] = contribution
    else:
        g += contribution


def batch_plan_for(doc: GraphDocument, output: str | None = None) -> BatchPlan:
    """The cached batch plan of *doc* for *output* (default: the document's output)."""
    plan = plan_for(doc)
    output = doc.output if output is None else output
    cache: dict[str | None, BatchPlan] = plan.__dict__.setdefault("_batch_plans", {})
    batch = cache.get(output)
    if batch is None:
        batch = cache[output] = BatchPlan(plan, output)
    return batch


@dataclass
class BatchRun:
    """Values and per-row gradients of one batch run, read by node id."""

    plan: EvaluationPlan
    rows: int
    values: list[Any]
    grads: list[Any]

    def data(self, node_id: str) -> np.ndarray:
        """The node's value on every row (``nan`` where it cannot be computed)."""
        value = self.values[self.plan.index[node_id]]
        if value is None:
            return np.full(self.rows, np.nan)
        return np.broadcast_to(np.asarray(value, dtype=np.float64), (self.rows,))

    def grad(self, node_id: str) -> np.ndarray:
        """The output's gradient with respect to the node, per row (0 where no path)."""
        g = self.grads[self.plan.index[node_id]]
        return np.zeros(self.rows) if g is None else np.broadcast_to(g, (self.rows,))

    def grad_sum(self, node_id: str) -> float:
        """The gradient summed over the rows: a weight's gradient over the dataset."""
        return float(np.sum(self.grad(node_id)))


def run_batch(
    doc: GraphDocument,
    columns: Mapping[str, Sequence[float] | np.ndarray],
    output: str | None = None,
    backward: bool = True,
) -> BatchRun:
    """Forward (and backward) of *doc* with each node id in *columns* set to its column."""
    batch = batch_plan_for(doc, output)
    arrays = {k: np.asarray(v, dtype=np.float64) for k, v in columns.items()}
    rows = len(next(iter(arrays.values()))) if arrays else 1
    if any(len(a) != rows for a in arrays.values()):
        raise ValueError("every column needs the same number of rows")
    overrides = {batch.plan.index[k]: a for k, a in arrays.items()}
    values = batch.forward(batch.leaf_values(overrides))
    grads = batch.backward(values, rows) if backward else [None] * len(values)
    return BatchRun(batch.plan, rows, values, grads)

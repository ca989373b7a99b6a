"""Forward and backward over a document.

First version: a straightforward evaluator that defines the semantics.  (To be replaced by
a compiled, reusable plan; the result type below is the stable surface.)

Semantics:
- values flow from inputs and weights through op nodes in topological order;
- an op with an unconnected input, or fed by such an op, has no data (``None``) and a
  ``missing input`` problem; the rest of the graph still evaluates;
- nan/inf data gets a problem that says where it came from (domain of the op);
- backward runs from the output node with seed 1 over the nodes that have data; every
  node that does not reach the output gets grad 0.0; nodes without data get ``None``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from autograd_studio.engine.ops import OPS

if TYPE_CHECKING:
    from autograd_studio.graph.document import GraphDocument

__all__ = ["EvaluationResult", "Problem", "evaluate"]


@dataclass(frozen=True)
class Problem:
    """Something wrong at one node: ``kind`` is ``missing-input``, ``nan``, ``inf``,
    ``nan-grad`` or ``no-output``; ``message`` is a sentence for a tooltip."""

    node_id: str
    kind: str
    message: str


@dataclass
class EvaluationResult:
    """Per-node ``data`` and ``grad`` (``None`` where not computable) and problems."""

    output: str | None
    data: dict[str, float | None] = field(default_factory=dict)
    grad: dict[str, float | None] = field(default_factory=dict)
    problems: dict[str, list[Problem]] = field(default_factory=dict)

    def add_problem(self, node_id: str, kind: str, message: str) -> None:
        self.problems.setdefault(node_id, []).append(Problem(node_id, kind, message))

    @property
    def ok(self) -> bool:
        return not self.problems


def evaluate(doc: GraphDocument, backward: bool = True) -> EvaluationResult:
    """Forward over every node, then (with *backward*) backward from ``doc.output``."""
    output = doc.output
    result = EvaluationResult(output=output)
    order = doc.topological_order()
    data = result.data
    for nid in order:
        record = doc.nodes[nid]
        if record.op is None:
            data[nid] = record.value
            continue
        op = OPS[record.op]
        sources = doc.inputs_of(nid)
        values = [data.get(s) if s is not None else None for s in sources]
        if any(v is None for v in values):
            data[nid] = None
            missing = [str(p) for p, s in enumerate(sources) if s is None]
            if missing:
                what = f"input {', '.join(missing)} is not connected"
            else:
                what = "an input has no value"
            result.add_problem(nid, "missing-input", what)
            continue
        value = op.forward(*values)
        data[nid] = value
        if math.isnan(value) and not any(math.isnan(v) for v in values):
            result.add_problem(nid, "nan", f"{op.name} is undefined here: {op.domain}".rstrip(": "))
        elif math.isinf(value) and not any(math.isinf(v) for v in values):
            result.add_problem(nid, "inf", f"{op.name} overflowed to {value}")

    grad: dict[str, float | None] = {nid: (0.0 if data[nid] is not None else None) for nid in order}
    result.grad = grad
    if not backward:
        return result
    if output is None:
        if doc.nodes:
            result.add_problem("", "no-output", "no output node: set one, or leave a single sink")
        return result
    if data.get(output) is None:
        return result
    # Only the output's ancestors take part, exactly as the engine's graph behind a root.
    ancestors = {output}
    stack = [output]
    while stack:
        for source in doc.inputs_of(stack.pop()):
            if source is not None and source not in ancestors:
                ancestors.add(source)
                stack.append(source)
    grad[output] = 1.0
    for nid in reversed(order):
        record = doc.nodes[nid]
        if record.op is None or nid not in ancestors:
            continue
        g = grad[nid]
        sources = doc.inputs_of(nid)
        local = OPS[record.op].local(data[nid], *(data[s] for s in sources))
        for source, d in zip(sources, local, strict=True):
            grad[source] += g * d
    return result

"""Forward mode as a list of steps: the tangent rule of every node, with real numbers.

The counterpart of :mod:`autograd_studio.analysis.trace` for forward mode.  With the seed
``dot(w1) = 1`` (every other input's tangent is 0), each op node that depends on ``w1``
gets one :class:`TangentStep`, in the plan's forward order, whose line is its tangent rule
written out::

    dot(w1*x1) = dot(w1)*x1 + w1*dot(x1) = 1.0000 * 2.0000 + 1.0000 * 0 = 2.0000

The local derivatives and how they are written come from the op registry
(``Op.local``, ``Op.local_text``), as for backward's lines.  The numbers are those of
:func:`autograd_studio.graph.tangents.run_tangents`, which ``doc.evaluate(wrt=...)`` and
``Node.forward_tangents`` give bit for bit; an operand that does not depend on ``w1``
shows its tangent as ``0`` and adds no term to the sum (see that module for why).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from autograd_studio.analysis.trace import (
    _SIMPLE_NAME,
    format_value,
    local_expression,
    plan_values,
)
from autograd_studio.engine.ops import Op
from autograd_studio.graph import naming
from autograd_studio.graph.document import Edge, GraphDocument
from autograd_studio.graph.errors import UnknownNodeError
from autograd_studio.graph.evaluate import EvaluationResult
from autograd_studio.graph.plan import EvaluationPlan, plan_for
from autograd_studio.graph.tangents import run_tangents
from autograd_studio.messages import Message

__all__ = ["ForwardTrace", "TangentStep", "forward_trace"]


@dataclass(frozen=True)
class TangentStep:
    """The tangent rule of op node ``node_id``; ``index`` counts from 1, as
    ``trace.tangents_after(step.index)`` does."""

    index: int
    node_id: str
    tangent: float
    text: str
    edges: tuple[Edge, ...]  # the operand edges a tangent comes along (the others carry 0)


class ForwardTrace:
    """The steps of one forward-mode pass and the tangents after any number of them.

    A snapshot of the document at the moment it was traced.

    >>> from autograd_studio.graph import GraphDocument
    >>> doc = GraphDocument()
    >>> a = doc.add_node("input", label="a", value=3.0)
    >>> m = doc.add_node("op", op="mul", label="y"); doc.connect(a, m, 0); doc.connect(a, m, 1)
    >>> trace = forward_trace(doc, wrt=a)
    >>> trace.seed_text
    'dot(a) = 1'
    >>> print(trace.steps[0].text)
    dot(y) = dot(a)*a + a*dot(a) = 1.0000 * 3.0000 + 3.0000 * 1.0000 = 6.0000
    """

    def __init__(
        self,
        wrt: str | None,
        seed_text: str,
        notes: list[str],
        data: dict[str, float | None],
        index: dict[str, int],
        steps: list[TangentStep],
    ) -> None:
        #: The "with respect to" node (``None`` when there is nothing to step through).
        self.wrt = wrt
        #: ``dot(w1) = 1``, the seed; ``""`` without one.
        self.seed_text = seed_text
        #: Sentences about what was left out (no data, no wrt).
        self.notes: Sequence[str] = tuple(notes)
        #: The forward values the trace used (``None`` where a node has no data).
        self.data: Mapping[str, float | None] = data
        #: One step per op node that depends on ``wrt``, in the order they run.
        self.steps: Sequence[TangentStep] = tuple(steps)
        self._index = index  # every name (function nodes and their inner nodes too) -> index
        self._by_node = {step.node_id: step for step in steps}

    def __len__(self) -> int:
        return len(self.steps)

    @property
    def order(self) -> list[str]:
        """The op node of each step, in order (the timeline)."""
        return [step.node_id for step in self.steps]

    def tangents_after(self, k: int) -> dict[str, float | None]:
        """Every node's tangent after *k* steps (0: only the seed); ``None`` where a node
        has none yet, or never will (it does not depend on ``wrt``)."""
        if not isinstance(k, int) or not 0 <= k <= len(self.steps):
            raise IndexError(f"step {k!r} is not in 0..{len(self.steps)}")
        index = self._index
        by_index: list[float | None] = [None] * (max(index.values(), default=-1) + 1)
        if self.wrt is not None:
            by_index[index[self.wrt]] = 1.0
        for step in self.steps[:k]:
            by_index[index[step.node_id]] = step.tangent
        return {name: by_index[i] for name, i in index.items()}

    @property
    def final_tangents(self) -> dict[str, float | None]:
        """The tangents after every step: those of ``doc.evaluate(wrt=...)``."""
        return self.tangents_after(len(self.steps))

    def step_of(self, node_id: str) -> TangentStep | None:
        """The step that computes *node_id*'s tangent (``None``: a leaf, ``wrt`` itself, or a
        node that does not depend on it)."""
        return self._by_node.get(node_id)


def forward_trace(
    doc: GraphDocument, wrt: str | None, result: EvaluationResult | None = None
) -> ForwardTrace:
    """Forward mode over *doc* with the seed ``dot(wrt) = 1``, one step per op node that
    depends on *wrt*.  *result*, an evaluation of *doc*'s current state, lends its values.

    Raises :class:`~autograd_studio.graph.errors.UnknownNodeError` for an unknown *wrt*.
    """
    plan = plan_for(doc)
    if wrt is not None and wrt not in plan.index:
        raise UnknownNodeError(f"wrt: no node with id {wrt!r}", (wrt,))
    values = plan_values(plan, result)
    shown = naming.node_names(doc)  # as the canvas and the backward trace name them
    names = [shown.get(nid, nid) for nid in plan.ids]  # inner nodes of functions: f1/mul2
    notes = [Message("skipped", repr(names[i]), why) for i, why in plan.missing.items()]
    data: list[float | None] = list(values)
    for i in plan.missing:
        data[i] = None
    data_by_id = {name: data[i] for name, i in plan.index.items()}
    if wrt is None:
        notes.insert(0, Message("choose-wrt"))
        return ForwardTrace(None, "", notes, data_by_id, plan.index, [])
    w = plan.index[wrt]
    if plan.sources[w] is None:
        notes.insert(0, Message("wrt-no-data", repr(names[w]), plan.missing[w]))
        return ForwardTrace(None, "", notes, data_by_id, plan.index, [])
    tangents = run_tangents(plan, values, w)
    writer = _Writer(plan, names)
    steps = []
    for i, _f, _a, _b in plan.forward:
        if i != w and tangents[i] is not None:
            steps.append(writer.step(len(steps) + 1, i, values, tangents))
    return ForwardTrace(wrt, f"dot({names[w]}) = 1", notes, data_by_id, plan.index, steps)


class _Writer:
    def __init__(self, plan: EvaluationPlan, names: list[str]) -> None:
        self.plan = plan
        self.names = names

    def operand(self, i: int) -> str:
        name = self.names[i]
        return name if _SIMPLE_NAME.match(name) else f"({name})"

    def step(self, k: int, i: int, values: list[float], tangents: list) -> TangentStep:
        plan = self.plan
        op: Op = plan.ops[i]  # type: ignore[assignment]
        sources: tuple[int, ...] = plan.sources[i]  # type: ignore[assignment]
        # The derivatives run_tangents multiplies by (through Op.chain: the same numbers
        # except at PyTorch's edges, where a zero derivative stops an inf tangent).
        local = op.local(values[i], *[values[s] for s in sources])
        operand_names = [self.operand(s) for s in sources]
        rules: list[str] = []
        numbers: list[str] = []
        edges = []
        for port, (s, d) in enumerate(zip(sources, local, strict=True)):
            t = tangents[s]
            if t is not None:
                edges.append(Edge(plan.ids[s], plan.ids[i], port))
            shown_t = "0" if t is None else format_value(t)
            expression, shown = local_expression(op, port, operand_names, d)
            if not op.local_text:
                expression = f"∂{self.operand(i)}/∂{operand_names[port]}"
            dot = f"dot({self.names[s]})"
            sign = " + "
            if expression == "1":
                rule, number = dot, shown_t
            elif expression in ("-1", "(-1)"):
                sign, rule, number = " - ", dot, shown_t
            elif port > 0 and _SIMPLE_NAME.match(expression):  # the product rule's a*dot(b)
                rule, number = f"{expression}*{dot}", f"{shown} * {shown_t}"
            else:
                rule, number = f"{dot}*{expression}", f"{shown_t} * {shown}"
            if rules or sign != " + ":
                rules.append(sign.strip() if not rules else sign)
                numbers.append(sign.strip() if not numbers else sign)
            rules.append(rule)
            numbers.append(number)
        tangent = tangents[i]
        text = (
            f"dot({self.names[i]}) = {''.join(rules)} = {''.join(numbers)} = "
            f"{format_value(tangent)}"
        )
        return TangentStep(k, plan.ids[i], tangent, text, tuple(edges))

"""Gradient flow: how much gradient went along each edge, and where it stopped.

Along an edge ``source -> target (port)`` flows what the target's local backward added to
the source: the target's gradient times its local derivative for that port.  (When the
target's step runs its gradient is already final, since every user of a node runs before
it; so the flow is ``grad(target) * local`` with the gradients of a full Backward.)

The view built on this draws edges by :meth:`GradientFlow.edge_strength` (log scale over
the graph's range, with :attr:`GradientFlow.legend`), dims :attr:`GradientFlow.zero_grad`
nodes, and marks each :class:`FlowCut`: an op whose own gradient is not zero but whose local
derivative for an operand is, so nothing reaches that operand through it.  The reason is
written from the registry's ``local_text`` for the port, so it is generic over ops:

- an indicator ``[a > 0]`` (relu): ``relu input -0.5000 < 0: local gradient 0``;
- an operand value (mul): ``other operand x is 0: local gradient 0``;
- any other formula of one operand (tanh, sigmoid, exp): the op saturated there and the
  derivative underflowed to 0.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from autograd_studio.analysis.flow_pass import EdgeFlows, flow_layout, run_flow_pass, zero_locals
from autograd_studio.analysis.trace import (
    BackwardTrace,
    backward_trace,
    format_value,
    local_expression,
    node_name,
    plan_values,
)
from autograd_studio.engine.ops import OPS, Op
from autograd_studio.graph.bulk import collector_paused
from autograd_studio.graph.document import Edge, GraphDocument
from autograd_studio.graph.errors import GraphError
from autograd_studio.graph.evaluate import EvaluationResult
from autograd_studio.graph.node_set import NodeSet
from autograd_studio.graph.plan import plan_for
from autograd_studio.messages import Message

__all__ = ["FlowCut", "FlowLegend", "GradientFlow", "cut_reason", "gradient_flow"]


class FlowCut:
    """Op ``node_id`` passed no gradient to input ``port`` although its own was not zero.

    ``reason`` is given as text, or as ``explain(node_id, port) -> text`` that runs when
    the reason is first read: naming an operand walks the graph, and the demo graph has
    6,720 cuts of which a view shows a handful.  Equal when node, port and reason are.
    """

    __slots__ = ("_reason", "node_id", "port")

    def __init__(self, node_id: str, port: int, reason: str | Callable[[str, int], str]) -> None:
        self.node_id = node_id
        self.port = port
        self._reason = reason

    @property
    def reason(self) -> str:
        reason = self._reason
        if not isinstance(reason, str):
            reason = self._reason = reason(self.node_id, self.port)
        return reason

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FlowCut):
            return NotImplemented
        return (self.node_id, self.port, self.reason) == (other.node_id, other.port, other.reason)

    def __hash__(self) -> int:
        return hash((self.node_id, self.port))

    def __repr__(self) -> str:
        return f"FlowCut({self.node_id!r}, {self.port!r}, {self.reason!r})"


@dataclass(frozen=True)
class FlowLegend:
    """The range of the non-zero finite edge magnitudes, for the log-scale legend."""

    low: float
    high: float

    def strength(self, magnitude: float) -> float:
        """*magnitude* on the log scale: ``low`` -> 0, ``high`` -> 1 (clamped); 0 and nan
        -> 0, inf -> 1; everything is 1 when the range is one value (or two so close that
        their logarithms are one: 1.1972543511097519e141 and the next float)."""
        if magnitude == 0.0 or math.isnan(magnitude):
            return 0.0
        if math.isinf(magnitude) or self.flat:
            return 1.0
        lo, hi = math.log10(self.low), math.log10(self.high)
        return min(1.0, max(0.0, (math.log10(magnitude) - lo) / (hi - lo)))

    @property
    def flat(self) -> bool:
        """Whether the scale has no length: every flowing edge is drawn at full strength."""
        return math.log10(self.high) == math.log10(self.low)


@dataclass(frozen=True)
class GradientFlow:
    """The gradient that flowed along each edge of one backward pass."""

    output: str | None
    #: Signed gradient along each edge that took part in backward (others are absent).
    contribution: Mapping[Edge, float]
    #: Nodes whose gradient is exactly zero (leaves included; nodes without data are not).
    zero_grad: frozenset[str]
    #: Nodes without data (an input is not connected): no gradient at all.
    no_data: frozenset[str]
    cuts: Sequence[FlowCut]
    #: Smallest and largest non-zero finite |flow|; ``None`` when no edge carries any.
    legend: FlowLegend | None

    def term(self, source: str, target: str, port: int) -> float:
        """The signed gradient along ``source -> target (port)`` (0.0 outside the backward
        pass), without making an :class:`Edge` for the question."""
        contribution = self.contribution
        if isinstance(contribution, EdgeFlows):
            return contribution.term(source, target, port)
        return contribution.get(Edge(source, target, port), 0.0)

    def terms_of(
        self, ids: Sequence[str], src: np.ndarray, dst: np.ndarray, port: np.ndarray
    ) -> np.ndarray:
        """:meth:`term` of every edge ``ids[src[k]] -> ids[dst[k]] (port[k])`` as one array
        (the overview asks for all 126,854 edges at once)."""
        return self.edge_terms(ids, src, dst, port)[0]

    def edge_terms(
        self, ids: Sequence[str], src: np.ndarray, dst: np.ndarray, port: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """(:meth:`terms_of`, whether each edge is the input of a :class:`FlowCut`)."""
        contribution = self.contribution
        if isinstance(contribution, EdgeFlows):
            return contribution.edge_terms(ids, src, dst, port)
        get = contribution.get
        cut = {(c.node_id, c.port) for c in self.cuts}
        edges = list(
            zip(
                map(ids.__getitem__, src.tolist()),
                map(ids.__getitem__, dst.tolist()),
                port.tolist(),
                strict=True,
            )
        )
        terms = np.fromiter((get(Edge(*e), 0.0) for e in edges), np.float64, len(edges))
        cuts = np.fromiter(((t, p) in cut for _s, t, p in edges), bool, len(edges))
        return terms, cuts

    def magnitude(self, edge: Edge) -> float:
        """|gradient| along *edge* (0.0 for an edge outside the backward pass)."""
        return abs(self.contribution.get(edge, 0.0))

    @property
    def undefined(self) -> list[Edge]:
        """Edges whose gradient is nan (a domain error upstream): drawn apart from the scale."""
        contribution = self.contribution
        if isinstance(contribution, EdgeFlows):  # no Edge made for the other 126,000
            return contribution.nan_edges()
        return [edge for edge, c in contribution.items() if math.isnan(c)]

    def edge_strength(self, edge: Edge) -> float:
        """Width/colour of *edge* in [0, 1] from log10 |gradient| over the graph's range.

        0 also for edges that carry nothing: tell those apart with :meth:`magnitude`.
        """
        magnitude = self.magnitude(edge)
        if self.legend is None:
            return 1.0 if math.isinf(magnitude) else 0.0
        return self.legend.strength(magnitude)

    def describe(self, doc: GraphDocument, limit: int | None = None) -> list[str]:
        """A few sentences for a status line or tooltip: each cut (only the first *limit*
        with a limit: the demo graph has 6,720), then the zero-grad count."""
        cuts = self.cuts if limit is None else self.cuts[:limit]
        lines = [self.cut_line(doc, cut) for cut in cuts]
        if self.zero_grad:
            count = len(self.zero_grad)
            lines.append(
                Message("zero-grad-one") if count == 1 else Message("zero-grad-many", f"{count:,}")
            )
        return lines

    @staticmethod
    def cut_line(doc: GraphDocument, cut: FlowCut) -> str:
        """*cut* as a sentence: ``'y' (relu) passes no gradient to 'x': <reason>``."""
        record = doc.nodes[cut.node_id]
        operand = doc.input_lists[cut.node_id][cut.port]
        return Message(
            "cut",
            repr(node_name(doc, cut.node_id)),
            str(record.op),
            repr(node_name(doc, operand)),  # type: ignore[arg-type]
            cut.reason,
        )


def gradient_flow(
    doc: GraphDocument,
    result: EvaluationResult | None = None,
    trace: BackwardTrace | None = None,
) -> GradientFlow:
    """The gradient flow of *doc*'s backward pass.

    Pass the editor's *result* to explain the numbers on screen; pass a *trace* already
    built for the Backprop panel to reuse it instead of tracing again.
    """
    if trace is None:
        # 126,854 lasting tuples of terms on the demo graph, in an editor holding a million
        # objects: a collection would walk them all and find nothing.
        with collector_paused():
            flow = _flow_from_plan(doc, result)
        if flow is not None:
            return flow
        trace = backward_trace(doc, result)
    grads = trace.final_grads
    contribution: dict[Edge, float] = {}
    cuts: list[FlowCut] = []
    for edge, upstream, local, flow in trace.edge_flows():
        contribution[edge] = flow
        if local == 0.0 and upstream != 0.0 and math.isfinite(upstream):
            reason = cut_reason(doc, trace.data, edge.target, edge.port)
            cuts.append(FlowCut(edge.target, edge.port, reason))
    magnitudes = [abs(c) for c in contribution.values() if c != 0.0 and math.isfinite(c)]
    legend = FlowLegend(min(magnitudes), max(magnitudes)) if magnitudes else None
    return GradientFlow(
        output=trace.output,
        contribution=contribution,
        zero_grad=frozenset(nid for nid, g in grads.items() if g == 0.0),
        no_data=frozenset(nid for nid, g in grads.items() if g is None),
        cuts=tuple(cuts),
        legend=legend,
    )


def _flow_from_plan(doc: GraphDocument, result: EvaluationResult | None) -> GradientFlow | None:
    """The flow computed straight from the evaluation plan: one backward pass over arrays
    that keeps each edge's term (:mod:`~autograd_studio.analysis.flow_pass`), the numbers
    of :func:`backward_trace` bit for bit without its per-term records.  ``None`` when
    there is no backward pass to follow (no output, or it has no value): the trace
    explains those."""
    plan = plan_for(doc)
    output = doc.output
    if output is None or output not in plan.index or plan.sources[plan.index[output]] is None:
        return None
    data = None if result is None else plan.values_by_index(result.data)
    listed = plan_values(plan, result) if data is None else data
    # (None, a node without data, becomes nan: such nodes never take part in a pass)
    values = np.array(listed, np.float64)
    back = plan.backward_for(output)
    layout = flow_layout(plan, back)
    grads, terms = run_flow_pass(plan, back, values)
    ids = plan.ids
    # A term of 0 from a finite, non-zero gradient: a zero local derivative?
    zero = terms == 0.0
    sent_zero = np.logical_or.reduceat(zero, layout.starts) if len(terms) else zero
    upstream = grads[layout.nodes]
    asked = np.flatnonzero(sent_zero & (upstream != 0.0) & np.isfinite(upstream))
    cut_at = zero_locals(plan, layout, values, asked)  # where each cut's term is, laid flat
    owner = np.searchsorted(layout.starts, cut_at, side="right") - 1
    explain = _Explainer(doc, _PlanData(plan.index, values))
    cuts = list(
        map(
            FlowCut,
            map(ids.__getitem__, layout.nodes[owner].tolist()),
            (cut_at - layout.starts[owner]).tolist(),
            itertools.repeat(explain),
        )
    )
    magnitudes = np.abs(terms)
    magnitudes = magnitudes[(magnitudes != 0.0) & np.isfinite(magnitudes)]
    zero_grad = grads == 0.0
    zero_grad[list(plan.missing)] = False
    return GradientFlow(
        output=output,
        contribution=EdgeFlows(plan, layout, terms, cut_at),
        zero_grad=NodeSet(ids, zero_grad),  # (the canvas takes its rows from the mask)
        no_data=frozenset(ids[i] for i in plan.missing),
        cuts=tuple(cuts),
        legend=FlowLegend(float(magnitudes.min()), float(magnitudes.max()))
        if len(magnitudes)
        else None,
    )


class _PlanData(Mapping[str, float]):
    """``node id -> value`` over the plan's values by index (no dict of 65,818 entries, nor
    a list: a view shows the reasons of a handful of cuts); nan for a node without data."""

    def __init__(self, index: Mapping[str, int], values: np.ndarray) -> None:
        self._index, self._values = index, values

    def __getitem__(self, node_id: str) -> float:
        return float(self._values[self._index[node_id]])

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)


class _Explainer:
    """A cut's reason, written when first asked for (see :class:`FlowCut`)."""

    def __init__(self, doc: GraphDocument, data: Mapping[str, float | None]) -> None:
        self._doc, self._data = doc, data

    def __call__(self, node_id: str, port: int) -> str:
        try:
            return cut_reason(self._doc, self._data, node_id, port)
        except (LookupError, GraphError, TypeError):  # the graph changed since: no names
            return "local gradient 0"


# --- reasons ---------------------------------------------------------------------------------

_OPERAND = re.compile(r"\{(\d+)\}\Z")
_INDICATOR = re.compile(r"\[\s*\{(\d+)\}\s*(<=|>=|<|>|==)\s*(-?[\d.]+)\s*\]")


def cut_reason(
    doc: GraphDocument, data: Mapping[str, float | None], node_id: str, port: int
) -> str:
    """Why op *node_id*'s local derivative for *port* is zero, in words from the registry.

    >>> from autograd_studio.graph import GraphDocument
    >>> doc = GraphDocument()
    >>> a = doc.add_node("input", label="a", value=-0.5)
    >>> r = doc.add_node("op", op="relu"); doc.connect(a, r, 0)
    >>> cut_reason(doc, {a: -0.5, r: 0.0}, r, 0)
    'relu input -0.5000 < 0: local gradient 0'
    """
    op: Op = OPS[doc.nodes[node_id].op]  # type: ignore[index]
    sources: list[str] = doc.inputs_of(node_id)  # type: ignore[assignment]
    values = [data[s] or 0.0 for s in sources]
    if not op.local_text:
        if op.derivative:
            return Message("zero-here-hint", op.name, str(port), op.derivative)
        return Message("zero-here", op.name, str(port))
    template = op.port_local_text(port) or ""
    operand = _OPERAND.match(template)
    if operand:
        j = int(operand.group(1))
        which = "operand-zero" if j == port else "other-operand-zero"
        return Message(which, node_name(doc, sources[j]))
    indicator = _INDICATOR.search(template)
    if indicator:
        j, threshold = int(indicator.group(1)), indicator.group(3)
        x, t = values[j], float(threshold)
        relation = "<" if x < t else ">" if x > t else "="
        return Message("indicator-zero", op.name, format_value(x), relation, threshold)
    names = [node_name(doc, s) for s in sources]  # named only here: naming walks operands
    expression, _shown = local_expression(op, port, names, 0.0)
    if "{" not in template:
        return Message("expression-zero", op.name, expression)
    if op.arity == 1:
        return Message("saturates", op.name, format_value(values[0]), expression)
    at = ", ".join(
        f"{pname} = {format_value(v)}"
        for pname, v in zip(_port_names(op, len(values)), values, strict=True)
    )
    return Message("zero-at", op.name, at, expression)


def _port_names(op: Op, count: int) -> tuple[str, ...]:
    if op.variadic:
        return op.port_labels(count)
    return op.port_names or tuple(f"input {i}" for i in range(op.arity))

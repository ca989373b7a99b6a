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
from autograd_studio.graph.plan import UNARY, plan_for
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
        -> 0, inf -> 1; everything is 1 when the range is one value."""
        if magnitude == 0.0 or math.isnan(magnitude):
            return 0.0
        if math.isinf(magnitude) or self.high == self.low:
            return 1.0
        lo, hi = math.log10(self.low), math.log10(self.high)
        return min(1.0, max(0.0, (math.log10(magnitude) - lo) / (hi - lo)))


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
        if isinstance(contribution, _EdgeFlows):
            return contribution.term(source, target, port)
        return contribution.get(Edge(source, target, port), 0.0)

    def terms_of(
        self, ids: Sequence[str], src: np.ndarray, dst: np.ndarray, port: np.ndarray
    ) -> np.ndarray:
        """:meth:`term` of every edge ``ids[src[k]] -> ids[dst[k]] (port[k])`` as one array
        (the overview asks for all 126,854 edges at once)."""
        contribution = self.contribution
        if isinstance(contribution, _EdgeFlows):
            return contribution.terms_of(ids, src, dst, port)
        get = contribution.get
        edges = zip(
            map(ids.__getitem__, src.tolist()),
            map(ids.__getitem__, dst.tolist()),
            port.tolist(),
            strict=True,
        )
        return np.fromiter((get(Edge(*e), 0.0) for e in edges), np.float64, len(src))

    def magnitude(self, edge: Edge) -> float:
        """|gradient| along *edge* (0.0 for an edge outside the backward pass)."""
        return abs(self.contribution.get(edge, 0.0))

    @property
    def undefined(self) -> list[Edge]:
        """Edges whose gradient is nan (a domain error upstream): drawn apart from the scale."""
        contribution = self.contribution
        if isinstance(contribution, _EdgeFlows):  # no Edge made for the other 126,000
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
    """The flow computed straight from the evaluation plan's lists: one backward pass that
    keeps each edge's term, as :func:`backward_trace` does, without the trace's per-term
    records (65,818 nodes: a tenth of the time).  ``None`` when there is no backward pass
    to follow (no output, or it has no value): the trace explains those."""
    plan = plan_for(doc)
    output = doc.output
    if output is None or output not in plan.index or plan.sources[plan.index[output]] is None:
        return None
    v = plan_values(plan, result)
    back = plan.backward_for(output)
    sources, operands = plan.sources, plan.operands
    g: list[float | None] = [0.0] * len(v)
    g[back.root] = 1.0
    flows: dict[int, tuple[float, ...]] = {}  # op index -> the term sent to each operand
    stopped: list[tuple[int, tuple[float, ...]]] = []  # (op index, local derivatives)
    ops = plan.ops
    for i, chain, a, b in back.steps:  # run_backward, keeping every term
        gi = g[i]
        if b >= 0:
            flows[i] = sent = ca, cb = chain(gi, v[i], v[a], v[b])
            g[a] += ca  # type: ignore[operator]
            g[b] += cb  # type: ignore[operator]
        elif b == UNARY:
            flows[i] = sent = (ca,) = chain(gi, v[i], v[a])
            g[a] += ca  # type: ignore[operator]
        else:
            flows[i] = sent = chain(gi, v[i], *[v[s] for s in operands[a]])
            for s, term in zip(operands[a], sent, strict=True):
                g[s] += term  # type: ignore[operator]
        if 0.0 in sent and gi != 0.0 and gi - gi == 0.0:  # type: ignore[operator]
            # a term of 0 from a finite, non-zero gradient: a zero local derivative?
            derivatives = ops[i].local(v[i], *[v[s] for s in sources[i]])  # type: ignore[union-attr,misc]
            if 0.0 in derivatives:
                stopped.append((i, derivatives))
    for i in plan.missing:
        g[i] = None
    ids = plan.ids
    explain = _Explainer(doc, _PlanData(plan.index, v))
    cuts = tuple(
        FlowCut(ids[i], port, explain)
        for i, derivatives in stopped
        for port, d in enumerate(derivatives)
        if d == 0.0
    )
    contribution = _EdgeFlows(ids, plan.index, sources, flows)  # type: ignore[arg-type]
    magnitudes = np.abs(contribution.flat()[2])
    magnitudes = magnitudes[(magnitudes != 0.0) & np.isfinite(magnitudes)]
    return GradientFlow(
        output=output,
        contribution=contribution,
        zero_grad=frozenset([nid for nid, grad in zip(ids, g, strict=True) if grad == 0.0]),
        no_data=frozenset(ids[i] for i in plan.missing),
        cuts=cuts,
        legend=FlowLegend(float(magnitudes.min()), float(magnitudes.max()))
        if len(magnitudes)
        else None,
    )


class _EdgeFlows(Mapping[Edge, float]):
    """``Edge -> term`` over the plan's lists, in the order backward ran: the demo's
    126,854 edges are not made into objects unless someone walks them."""

    def __init__(
        self,
        ids: list[str],
        index: Mapping[str, int],
        sources: list[tuple[int, ...]],
        flows: dict[int, tuple[float, ...]],
    ) -> None:
        self._ids, self._index, self._sources, self._flows = ids, index, sources, flows
        self._laid_flat: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    def flat(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(op indexes, terms per op, every term in backward's order), made once: the
        looks, the legend and the nan count all read the demo's 126,854 terms this way."""
        if self._laid_flat is None:
            flows = self._flows
            ops = np.fromiter(flows, np.int64, len(flows))
            lengths = np.fromiter(map(len, flows.values()), np.int64, len(flows))
            every = itertools.chain.from_iterable(flows.values())
            terms = np.fromiter(every, np.float64, int(lengths.sum()))
            self._laid_flat = (ops, lengths, terms)
        return self._laid_flat

    def term(self, source: str, target: str, port: int, default: float = 0.0) -> float:
        """The term along ``source -> target (port)``, or *default* for none."""
        i = self._index.get(target)
        terms = self._flows.get(i)  # type: ignore[arg-type]
        if terms is None or not 0 <= port < len(terms):
            return default
        if self._ids[self._sources[i][port]] != source:  # type: ignore[index]
            return default
        return terms[port]

    def terms_of(
        self, ids: Sequence[str], src: np.ndarray, dst: np.ndarray, port: np.ndarray
    ) -> np.ndarray:
        """:meth:`term` (default 0.0) of every edge ``ids[src[k]] -> ids[dst[k]] (port[k])``:
        the plan's terms laid flat, one look-up per node instead of one per edge."""
        index = self._index
        plan = np.fromiter(map(index.get, ids, itertools.repeat(-1)), np.int64, len(ids))
        flows, sources = self._flows, self._sources
        ops, lengths, terms = self.flat()
        senders = np.fromiter(
            itertools.chain.from_iterable(sources[i][: len(t)] for i, t in flows.items()),  # type: ignore[index]
            np.int64,
            len(terms),
        )
        count = np.zeros(len(self._ids) + 1, np.int64)  # the last slot: a node not in the plan
        start = np.zeros(len(self._ids) + 1, np.int64)
        count[ops] = lengths
        start[ops] = np.cumsum(lengths) - lengths
        t = plan[dst]
        s = plan[src]
        known = (port >= 0) & (port < count[t])
        at = np.where(known, start[t] + port, 0)
        known &= senders[at] == s if len(terms) else known
        return np.where(known, terms[at] if len(terms) else 0.0, 0.0)

    def __getitem__(self, edge: Edge) -> float:
        i = self._index.get(edge.target)
        terms = self._flows.get(i)  # type: ignore[arg-type]
        port = edge.port
        if (
            terms is None
            or not 0 <= port < len(terms)
            or self._ids[self._sources[i][port]] != edge.source  # type: ignore[index]
        ):
            raise KeyError(edge)
        return terms[port]

    def __iter__(self) -> Iterator[Edge]:
        ids, sources = self._ids, self._sources
        for i in self._flows:
            target = ids[i]
            for port, s in enumerate(sources[i]):
                yield Edge(ids[s], target, port)

    def __len__(self) -> int:
        return sum(map(len, self._flows.values()))

    def nan_edges(self) -> list[Edge]:
        """The edges whose term is nan, in the order of iteration."""
        ids, sources = self._ids, self._sources
        ops, lengths, terms = self.flat()
        at = np.flatnonzero(np.isnan(terms))  # flat positions, in backward's order
        if not len(at):
            return []
        owner = np.repeat(np.arange(len(ops)), lengths)[at]
        ports = at - (np.cumsum(lengths) - lengths)[owner]
        return [
            Edge(ids[sources[i][port]], ids[i], port)
            for i, port in zip(ops[owner].tolist(), ports.tolist(), strict=True)
        ]


class _PlanData(Mapping[str, "float | None"]):
    """``node id -> value`` over the plan's list of values (no dict of 65,818 entries)."""

    def __init__(self, index: Mapping[str, int], values: list[float | None]) -> None:
        self._index, self._values = index, values

    def __getitem__(self, node_id: str) -> float | None:
        return self._values[self._index[node_id]]

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

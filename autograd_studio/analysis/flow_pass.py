"""The gradient flow's backward pass over arrays: every edge's term, by op kind, by level.

A backward pass that keeps what each op sent to each operand, as
:func:`~autograd_studio.analysis.trace.backward_trace` does, without a Python call per node
(the demo graph: 65,077 op steps).  The plan's steps are grouped by *height* (the longest
path down to a leaf): every user of a node stands higher than the node, so once the levels
above it have run, a node's gradient is final.  Each level runs one array call per op kind
(:mod:`autograd_studio.graph.batch_ops`, the registry's math over arrays, bit for bit the
scalar ``chain``), and before a level runs, the terms its nodes received are added into
their gradients with ``np.add.at`` in the order the scalar pass added them (the steps'
order): floating-point addition is not associative, so that order is what keeps every
gradient the per-node pass's to the last bit.

The terms are laid flat in the steps' order (each step's operands in port order), which is
also what :class:`EdgeFlows` reads: ``Edge -> term`` without an ``Edge`` per term.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

import numpy as np

from autograd_studio.graph.batch_ops import batch_op
from autograd_studio.graph.document import Edge
from autograd_studio.graph.plan import GENERAL, UNARY, BackwardPlan, EvaluationPlan

__all__ = ["EdgeFlows", "FlowLayout", "flow_layout", "run_flow_pass", "zero_locals"]


@dataclass(frozen=True)
class _Group:
    """Steps of one level and one op kind (and operand count): one array call."""

    chain: Callable[..., tuple[Any, ...]]
    nodes: np.ndarray  # the steps' op indexes
    operands: tuple[np.ndarray, ...]  # per port, the operands' indexes
    at: tuple[np.ndarray, ...]  # per port, where the term goes in the flat terms


@dataclass(frozen=True)
class FlowLayout:
    """A backward plan laid out for :func:`run_flow_pass`, built once per plan and output."""

    nodes: np.ndarray  # op index of every step, in backward's order
    lengths: np.ndarray  # operands of every step
    starts: np.ndarray  # flat position of every step's first term
    senders: np.ndarray  # flat: the operand each term goes to
    #: per level, highest first: (flat positions of the terms its nodes receive, in the
    #: steps' order; the steps of that level by kind)
    levels: tuple[tuple[np.ndarray, tuple[_Group, ...]], ...]

    def first_term(self, size: int) -> np.ndarray:
        """Per plan index (of *size*), the flat position of its first term; -1 for none."""
        first = np.full(size, -1, np.int64)
        first[self.nodes] = self.starts
        return first


def flow_layout(plan: EvaluationPlan, back: BackwardPlan) -> FlowLayout:
    """*back*'s steps laid out by level and kind (kept with *back*: built once)."""
    layout = back.derived.get("flow")
    if layout is None:
        layout = back.derived["flow"] = _lay_out(plan, back)
    return layout


def _lay_out(plan: EvaluationPlan, back: BackwardPlan) -> FlowLayout:
    steps = back.steps
    count = len(steps)
    nodes, a, b = (np.fromiter(map(itemgetter(k), steps), np.int64, count) for k in (0, 2, 3))
    general = np.flatnonzero(b == GENERAL)  # a sum: its operands are listed apart
    lengths = np.where(b >= 0, 2, 1)
    lengths[general] = [len(plan.operands[k]) for k in a[general].tolist()]
    starts = np.cumsum(lengths) - lengths
    senders = np.empty(int(lengths.sum()), np.int64)
    senders[starts] = a
    senders[starts[b >= 0] + 1] = b[b >= 0]
    for step, at in zip(general.tolist(), starts[general].tolist(), strict=True):
        operands = plan.operands[steps[step][2]]
        senders[at : at + len(operands)] = operands
    # Heights, operands first (the steps' order reversed); leaves stand at 0.
    height = [0] * len(plan.ids)
    operands_of = plan.operands
    for i, _fn, x, y in reversed(steps):
        if y >= 0:
            hx, hy = height[x], height[y]
            height[i] = (hx if hx > hy else hy) + 1
        elif y == UNARY:
            height[i] = height[x] + 1
        else:
            height[i] = max(map(height.__getitem__, operands_of[x])) + 1
    heights = np.array(height, np.int64)
    step_height = heights[nodes]
    top = int(heights[back.root])
    fns = {fn: k for k, fn in enumerate(set(map(itemgetter(1), steps)))}  # op kinds
    kinds = np.fromiter(map(fns.__getitem__, map(itemgetter(1), steps)), np.int64, count)
    # Highest level first; within it by kind and operand count (in any order: the steps of
    # a level do not depend on each other).
    width = int(lengths.max()) + 1 if count else 1
    order = np.argsort(((top - step_height) * len(fns) + kinds) * width + lengths)
    key = np.stack([step_height[order], kinds[order], lengths[order]])
    cuts = np.flatnonzero(np.any(key[:, 1:] != key[:, :-1], axis=0)) + 1
    groups: dict[int, list[_Group]] = {}
    ops = plan.ops
    for rows in np.split(order, cuts) if count else []:
        first = int(rows[0])
        at = tuple(starts[rows] + p for p in range(int(lengths[first])))
        groups.setdefault(int(step_height[first]), []).append(
            _Group(
                batch_op(ops[int(nodes[first])].name).chain,  # type: ignore[union-attr]
                nodes[rows],
                tuple(senders[k] for k in at),
                at,
            )
        )
    # The terms each level receives, in the steps' order (a stable sort by level).
    below = top - heights[senders]  # 0 for the highest level
    if top < 2**15:
        below = below.astype(np.int16)  # a stable sort of small integers is a radix sort
    by_level = np.argsort(below, kind="stable")
    bounds = np.searchsorted(below[by_level], np.arange(top + 2), side="left")
    levels = tuple(
        (by_level[bounds[k] : bounds[k + 1]], tuple(groups.get(top - k, ())))
        for k in range(top + 1)
    )
    return FlowLayout(nodes, lengths, starts, senders, levels)


def run_flow_pass(
    plan: EvaluationPlan, back: BackwardPlan, values: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """``(grads by plan index, every term laid flat)`` of a full backward from
    ``back.root`` over the forward *values* (float64 by plan index)."""
    layout = flow_layout(plan, back)
    grads = np.zeros(len(values))
    grads[back.root] = 1.0
    terms = np.empty(len(layout.senders))
    senders = layout.senders
    with np.errstate(all="ignore"):  # IEEE inf and nan, as the scalar ops give them
        for received, groups in layout.levels:
            if len(received):
                np.add.at(grads, senders[received], terms[received])
            for group in groups:
                nodes = group.nodes
                sent = group.chain(
                    grads[nodes], values[nodes], *[values[o] for o in group.operands]
                )
                for at, term in zip(group.at, sent, strict=True):
                    terms[at] = term
    return grads, terms


def zero_locals(
    plan: EvaluationPlan, layout: FlowLayout, values: np.ndarray, asked: np.ndarray
) -> np.ndarray:
    """The flat positions (ascending) of the terms whose local derivative is 0 among the
    steps at *asked* (positions in the layout): each op's scalar ``local``, one ``map``
    per op and operand count (the demo's 6,687 steps asked), not a Python loop."""
    nodes, starts, lengths = layout.nodes[asked], layout.starts[asked], layout.lengths[asked]
    ops = plan.ops
    kinds = np.fromiter(map(id, map(ops.__getitem__, nodes.tolist())), np.int64, len(nodes))
    zero = np.zeros(len(layout.senders), bool)
    for kind, count in {(k, n) for k, n in zip(kinds.tolist(), lengths.tolist(), strict=True)}:
        chosen = np.flatnonzero((kinds == kind) & (lengths == count))
        local = ops[int(nodes[chosen[0]])].local  # type: ignore[union-attr]
        at = starts[chosen][:, None] + np.arange(count)  # each step's terms, by port
        operands = values[layout.senders[at]].T.tolist()
        derivatives = np.array(list(map(local, values[nodes[chosen]].tolist(), *operands)), float)
        zero[at[derivatives.reshape(len(chosen), count) == 0.0]] = True
    return np.flatnonzero(zero)


class EdgeFlows(Mapping[Edge, float]):
    """``Edge -> term`` over a flow pass's flat terms, in the order backward ran: the
    demo's 126,854 edges are not made into objects unless someone walks them."""

    def __init__(
        self,
        plan: EvaluationPlan,
        layout: FlowLayout,
        terms: np.ndarray,
        cut_at: np.ndarray | None = None,
    ) -> None:
        self._ids, self._index, self._sources = plan.ids, plan.index, plan.sources
        self._layout, self.terms = layout, terms
        #: where the terms of cut inputs are (see ``FlowCut``), laid flat
        self.cut_at = np.zeros(0, np.int64) if cut_at is None else cut_at
        self._first = layout.first_term(len(plan.ids))

    def _position(self, source: str, target: str, port: int) -> int:
        """The flat position of the term along ``source -> target (port)``, or -1."""
        i = self._index.get(target)
        if i is None:
            return -1
        first = int(self._first[i])
        sources = self._sources[i]
        if first < 0 or not 0 <= port < len(sources) or self._ids[sources[port]] != source:  # type: ignore[arg-type]
            return -1
        return first + port

    def term(self, source: str, target: str, port: int, default: float = 0.0) -> float:
        """The term along ``source -> target (port)``, or *default* for none."""
        at = self._position(source, target, port)
        return default if at < 0 else float(self.terms[at])

    def positions_of(
        self, ids: Sequence[str], src: np.ndarray, dst: np.ndarray, port: np.ndarray
    ) -> np.ndarray:
        """Flat position of every edge ``ids[src[k]] -> ids[dst[k]] (port[k])``; -1 for
        an edge outside the pass: one look-up per node instead of one per edge."""
        mine = self._ids
        if ids is mine or (len(ids) == len(mine) and ids == mine):  # (the canvas's index)
            plan = np.arange(len(ids))
        else:
            plan = np.fromiter(map(self._index.get, ids, itertools.repeat(-1)), np.int64, len(ids))
        layout = self._layout
        count = np.zeros(len(self._ids) + 1, np.int64)  # the last slot: a node not in the plan
        first = np.zeros(len(self._ids) + 1, np.int64)
        count[layout.nodes] = layout.lengths
        first[layout.nodes] = layout.starts
        t, s = plan[dst], plan[src]
        known = (port >= 0) & (port < count[t])
        at = np.where(known, first[t] + port, 0)
        if len(self.terms):
            known &= layout.senders[at] == s
        return np.where(known, at, -1)

    def terms_of(
        self, ids: Sequence[str], src: np.ndarray, dst: np.ndarray, port: np.ndarray
    ) -> np.ndarray:
        """:meth:`term` (default 0.0) of every edge ``ids[src[k]] -> ids[dst[k]] (port[k])``."""
        return self.edge_terms(ids, src, dst, port)[0]

    def edge_terms(
        self, ids: Sequence[str], src: np.ndarray, dst: np.ndarray, port: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """(:meth:`terms_of`, whether each edge's term is at one of :attr:`cut_at`)."""
        at = self.positions_of(ids, src, dst, port)
        if not len(self.terms):
            return np.zeros(len(at)), np.zeros(len(at), bool)
        cut = np.zeros(len(self.terms) + 1, bool)  # the last slot: no term
        cut[self.cut_at] = True
        known = at >= 0
        return np.where(known, self.terms[at], 0.0), cut[np.where(known, at, -1)]

    def __getitem__(self, edge: Edge) -> float:
        at = self._position(edge.source, edge.target, edge.port)
        if at < 0:
            raise KeyError(edge)
        return float(self.terms[at])

    def __iter__(self) -> Iterator[Edge]:
        ids, sources = self._ids, self._sources
        for i in self._layout.nodes.tolist():
            target = ids[i]
            for port, s in enumerate(sources[i]):  # type: ignore[arg-type]
                yield Edge(ids[s], target, port)

    def __len__(self) -> int:
        return len(self.terms)

    def edges_at(self, positions: np.ndarray) -> list[Edge]:
        """The edges of the terms at flat *positions* (ascending)."""
        if not len(positions):
            return []
        layout = self._layout
        owner = np.searchsorted(layout.starts, positions, side="right") - 1
        ports = positions - layout.starts[owner]
        ids, sources = self._ids, self._sources
        return [
            Edge(ids[sources[i][port]], ids[i], port)  # type: ignore[index]
            for i, port in zip(layout.nodes[owner].tolist(), ports.tolist(), strict=True)
        ]

    def nan_edges(self) -> list[Edge]:
        """The edges whose term is nan, in the order of iteration."""
        return self.edges_at(np.flatnonzero(np.isnan(self.terms)))

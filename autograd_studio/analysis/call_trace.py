"""A backward trace that treats each function call as one step.

The backward of a document with function nodes runs on the flattened graph
(:mod:`autograd_studio.graph.inline`): its steps are the inner op nodes of every instance
(``f1/mul2``).  Stepping through a neuron's seven inner nodes one at a time is what
"entering functions" means; :class:`CallTrace` is the other choice: the steps of one call
run as one, and its narration says what went in and came out of the call and what
gradient it passed back to each of its inputs (and to the weights its definition owns).

Each term of a call's step carries, as its ``hint``, the call written out with its
numbers: ``f1 = neuron(x1 = 2.0000, w1 = 0.5000) = 0.7616``.

A call is a *run* of consecutive steps of one top-level instance.  The steps keep the
engine's order, so every gradient after every step is exactly the full trace's (the last
bit included); in the rare graph where the engine interleaves another part between two of
a call's nodes (a call fed by an op whose own backward must wait), that call shows as two
steps, each saying so.

:class:`ForwardCallTrace` does the same for forward mode's step-through: a call's step
carries the tangents of its inputs to the tangent of its output at once.

It offers the surface the step-through uses (``len``, ``steps``, ``order``,
``grads_after``, ``edges_receiving``, ``step_of``, ``seed_text``, ``notes``, ``output``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from autograd_studio.analysis.forward_trace import ForwardTrace, TangentStep
from autograd_studio.analysis.trace import BackwardTrace, Step, Term, format_value, node_name
from autograd_studio.graph.document import Edge
from autograd_studio.graph.inline import owner_of
from autograd_studio.graph.plan import plan_for
from autograd_studio.messages import Message

if TYPE_CHECKING:
    from autograd_studio.graph.document import GraphDocument

__all__ = ["CallTrace", "ForwardCallTrace", "by_calls", "forward_by_calls"]


def by_calls(trace: BackwardTrace, doc: GraphDocument) -> BackwardTrace | CallTrace:
    """*trace* with every function call as one step (*trace* itself without functions)."""
    if not doc.functions:
        return trace
    return CallTrace(trace, doc)


class CallTrace:
    """*trace* of *doc* seen one call at a time (see the module docstring)."""

    def __init__(self, trace: BackwardTrace, doc: GraphDocument) -> None:
        self.trace = trace
        self.output = trace.output
        self.seed_text = trace.seed_text
        self.notes = trace.notes
        self.data = trace.data
        self._doc = doc
        plan = plan_for(doc)
        # a function node's grad is its output's: the canvas shows it on the node
        self._aliases = {
            nid: plan.ids[plan.index[nid]] for nid in doc.nodes if plan.ids[plan.index[nid]] != nid
        }
        runs = self._runs = _runs(trace.order)
        parts: dict[str, int] = {}
        for _first, _end, owner in runs:
            if owner is not None:
                parts[owner] = parts.get(owner, 0) + 1
        self._split = {owner for owner, count in parts.items() if count > 1}
        self._steps: list[Step | None] = [None] * len(runs)

    def __len__(self) -> int:
        return len(self._runs)

    @property
    def order(self) -> list[str]:
        """The node of each step: the function node for a call, else the op node."""
        order = self.trace.order
        return [owner or order[first] for first, _end, owner in self._runs]

    @property
    def steps(self) -> Sequence[Step]:
        return [self._step(k) for k in range(len(self._runs))]

    def entered_position(self, k: int) -> int:
        """How many steps of the trace that enters every call are done after *k* here."""
        self._check(k)
        return self._runs[k - 1][1] if k else 0

    def grads_after(self, k: int) -> dict[str, float | None]:
        grads = self.trace.grads_after(self.entered_position(k))
        for nid, flat in self._aliases.items():
            grads[nid] = grads.get(flat)
        return grads

    @property
    def final_grads(self) -> dict[str, float | None]:
        return self.grads_after(len(self._runs))

    def edges_receiving(self, k: int) -> list[Edge]:
        """For a call: the edges into the function node whose source got gradient."""
        self._check(k)
        if k == 0:
            return []
        first, _end, owner = self._runs[k - 1]
        if owner is None:
            return self.trace.edges_receiving(first + 1)
        targets = {term.target_id for term in self._step(k - 1).terms}
        return [e for e in self._doc.edges if e.target == owner and e.source in targets]

    def step_of(self, node_id: str) -> Step | None:
        for k, nid in enumerate(self.order):
            if nid == node_id:
                return self._step(k)
        return None

    def is_call(self, k: int) -> bool:
        """Whether step *k* (from 1) is a function call."""
        return self._runs[k - 1][2] is not None

    def _check(self, k: int) -> None:
        if not isinstance(k, int) or not 0 <= k <= len(self._runs):
            raise IndexError(f"step {k!r} is not in 0..{len(self._runs)}")

    def _step(self, j: int) -> Step:
        step = self._steps[j]
        if step is None:
            step = self._steps[j] = self._make(j)
        return step

    def _make(self, j: int) -> Step:
        first, end, owner = self._runs[j]
        inner = self.trace.steps
        if owner is None:
            step = inner[first]
            terms = tuple(self._outside(term) for term in step.terms)
            return Step(j + 1, step.node_id, step.upstream_grad, terms)
        prefix = owner + "/"
        # outside target -> (port, contribution, before, after) of its terms, in order
        received: dict[str, list[tuple[int, float, float, float]]] = {}
        numbers = self.trace.term_numbers
        for k in range(first + 1, end + 1):
            for target, port, contribution, before, after in numbers(k):
                if not target.startswith(prefix):
                    received.setdefault(target, []).append((port, contribution, before, after))
        doc = self._doc
        call = node_name(doc, owner)
        function = doc.nodes[owner].function
        out = self.data.get(owner) if owner in self.data else self.data.get(self._aliases[owner])
        head: str = f"{call} = {function}({self._inputs(owner)}) = {_value(out)}"
        if owner in self._split:
            head = Message("call-part", head)
        terms = []
        for target, parts in received.items():
            before, after = parts[0][2], parts[-1][3]
            total = parts[0][1]
            for part in parts[1:]:
                total += part[1]
            text = Message("call-received", self._name(target), format_value(total), call)
            if before != 0.0:
                text = Message("call-received-so", text, format_value(after))
            shown = target if target in doc.nodes else (owner_of(target) or target)
            terms.append(Term(shown, parts[0][0], 0.0, total, before, after, text, head))
        if not terms:
            terms.append(Term(owner, 0, 0.0, 0.0, 0.0, 0.0, head, head))
        return Step(j + 1, owner, inner[first].upstream_grad, tuple(terms))

    def _outside(self, term: Term) -> Term:
        """*term* of a step outside every call; a call's output it feeds back into (flat
        ``f1/relu``) is named as the call (``f1``), where the canvas shows it."""
        target = term.target_id
        if target in self._doc.nodes or target.startswith("@"):
            return term
        owner = owner_of(target)
        if owner is None or self._aliases.get(owner) != target:
            return term
        inner = f"{node_name(self._doc, owner)}/{target.partition('/')[2]}"
        call = node_name(self._doc, owner)
        return replace(term, target_id=owner, text=term.text.replace(inner, call))

    def _inputs(self, owner: str) -> str:
        doc = self._doc
        parts = []
        for source in doc.inputs_of(owner):
            if source is None:
                parts.append("?")
            else:
                parts.append(f"{node_name(doc, source)} = {_value(self.data.get(source))}")
        return ", ".join(parts)

    def _name(self, target: str) -> str:
        if target in self._doc.nodes:
            return node_name(self._doc, target)
        if target.startswith("@"):  # a weight the definition owns: "@neuron/w1"
            function, _, inner = target[1:].partition("/")
            return f"{function}.{inner}"
        owner = owner_of(target)
        return node_name(self._doc, owner) if owner in self._doc.nodes else target


def _runs(order: list[str]) -> list[tuple[int, int, str | None]]:
    """``(first, end, call)`` of each run of consecutive steps: a call's inner nodes in a
    row, or one step outside every call (``call`` None)."""
    runs: list[tuple[int, int, str | None]] = []
    for k, nid in enumerate(order):
        owner = owner_of(nid)
        if owner is not None and runs and runs[-1][2] == owner and runs[-1][1] == k:
            runs[-1] = (runs[-1][0], k + 1, owner)
        else:
            runs.append((k, k + 1, owner))
    return runs


def _on_canvas(edge: Edge) -> Edge:
    """*edge* with a source inside a call (``f1/relu``) drawn from the call's node."""
    owner = owner_of(edge.source)
    return edge if owner is None else Edge(owner, edge.target, edge.port)


def forward_by_calls(trace: ForwardTrace, doc: GraphDocument) -> ForwardTrace | ForwardCallTrace:
    """Forward mode's *trace* with every function call as one step (itself without)."""
    if not doc.functions:
        return trace
    return ForwardCallTrace(trace, doc)


class ForwardCallTrace:
    """Forward mode's *trace* of *doc* seen one call at a time: a call's step says which of
    its inputs carry a tangent and the tangent that comes out (the inner rules' numbers,
    step for step those of the trace that enters it)."""

    def __init__(self, trace: ForwardTrace, doc: GraphDocument) -> None:
        self.trace = trace
        self._doc = doc
        self.wrt = trace.wrt
        self.seed_text = trace.seed_text
        self.notes = trace.notes
        self.data = trace.data
        self._runs = _runs(trace.order)
        self.steps: Sequence[TangentStep] = tuple(self._make(j) for j in range(len(self._runs)))

    def __len__(self) -> int:
        return len(self._runs)

    @property
    def order(self) -> list[str]:
        return [step.node_id for step in self.steps]

    def entered_position(self, k: int) -> int:
        """How many steps of the trace that enters every call are done after *k* here."""
        if not isinstance(k, int) or not 0 <= k <= len(self._runs):
            raise IndexError(f"step {k!r} is not in 0..{len(self._runs)}")
        return self._runs[k - 1][1] if k else 0

    def tangents_after(self, k: int) -> dict[str, float | None]:
        return self.trace.tangents_after(self.entered_position(k))

    @property
    def final_tangents(self) -> dict[str, float | None]:
        return self.trace.final_tangents

    def step_of(self, node_id: str) -> TangentStep | None:
        return next((step for step in self.steps if step.node_id == node_id), None)

    def _make(self, j: int) -> TangentStep:
        first, end, owner = self._runs[j]
        inner = self.trace.steps
        if owner is None:
            step = inner[first]
            edges = tuple(_on_canvas(edge) for edge in step.edges)
            return replace(step, index=j + 1, edges=edges)
        doc = self._doc
        tangents = self.trace.tangents_after(end)
        tangent = tangents.get(owner)
        if tangent is None:
            tangent = inner[end - 1].tangent
        fed = [e for e in doc.edges if e.target == owner and tangents.get(e.source) is not None]
        call = node_name(doc, owner)
        dots = ", ".join(
            f"dot({node_name(doc, e.source)}) = {format_value(tangents[e.source])}" for e in fed
        )
        function = doc.nodes[owner].function or ""
        count = str(end - first)
        if dots:
            text = Message("call-tangent", call, format_value(tangent), function, dots, count)
        else:  # only the weights it owns depend on wrt
            text = Message("call-tangent-weights", call, format_value(tangent), function, count)
        return TangentStep(j + 1, owner, tangent, text, tuple(fed))


def _value(value: float | None) -> str:
    return "—" if value is None else format_value(value)

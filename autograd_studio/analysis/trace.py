"""The backward pass of a document as a list of steps: the Backprop panel's headless core.

Each :class:`Step` is one op node whose local backward runs (micrograd's ``_backward``):
it reads the node's own gradient (the upstream gradient) and adds one :class:`Term` to each
operand, ``grad(w1) += grad(w1*x1) * x1 = 1.0000 * 2.0000 = 2.0000``.  A node used twice
(``a*a``) gets two terms, one per port, so accumulation is visible.

The steps come from the compiled plan's backward order (:mod:`autograd_studio.graph.plan`),
the order :func:`~autograd_studio.graph.evaluate.evaluate` and ``Node.backward`` use, and
each term repeats their exact float operation ``g[s] += g[i] * d``; so the gradients after
the last step are those of a full Backward, bit for bit.  Every term stores the operand's
gradient before and after it, which makes :meth:`BackwardTrace.grads_after` a cursor that
moves forward by writing ``after`` values and backward by writing ``before`` values: no
re-summing, so stepping back and forth never drifts.

How a term writes its local derivative comes from the registry: ``Op.local_text`` gives it
over the operand names (mul: the other operand; add: ``1``; relu: ``[a > 0]``); an op
without it shows ``∂y/∂a`` and the number, with the registry's derivative text as a hint.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple, overload

from autograd_studio.engine.ops import Op
from autograd_studio.graph import naming
from autograd_studio.graph.document import Edge, GraphDocument
from autograd_studio.graph.evaluate import EvaluationResult, run_forward
from autograd_studio.graph.plan import EvaluationPlan, plan_for
from autograd_studio.messages import Message
from autograd_studio.numbers import canvas_number

__all__ = [
    "BackwardTrace",
    "EdgeFlow",
    "Step",
    "Term",
    "backward_trace",
    "format_value",
    "local_expression",
    "node_name",
]


@dataclass(frozen=True)
class Term:
    """One ``+=`` contribution to one operand: ``grad(target) += upstream * local``.

    ``before`` and ``after`` are the operand's gradient around this term; ``text`` is the
    chain-rule line with real numbers; ``hint`` the registry's derivative for this port.
    """

    target_id: str
    port: int
    local_derivative: float
    contribution: float
    before: float
    after: float
    text: str
    hint: str = ""


@dataclass(frozen=True)
class Step:
    """The local backward of op node ``node_id``: one term per input port.

    ``index`` counts from 1: ``trace.grads_after(step.index)`` is the state right after it.
    """

    index: int
    node_id: str
    upstream_grad: float
    terms: tuple[Term, ...]

    @property
    def text(self) -> str:
        """Every term's line, one per line."""
        return "\n".join(term.text for term in self.terms)


class EdgeFlow(NamedTuple):
    """The numbers of one term without its text: what flowed along ``edge``."""

    edge: Edge
    upstream_grad: float
    local_derivative: float
    contribution: float


# A step as recorded: (node index, upstream grad, terms); a term: (operand index, port,
# local derivative, contribution, before, after).  Steps and texts are made from these on
# first access, so tracing the 65,818-node demo costs a fraction of writing every line.
_RawTerm = tuple[int, int, float, float, float, float]
_RawStep = tuple[int, float, tuple[_RawTerm, ...]]


class BackwardTrace:
    """The steps of one backward pass, and the gradients after any number of them.

    A snapshot: it keeps the values and names of the moment it was made; trace again after
    the document changes.

    >>> from autograd_studio.graph import GraphDocument
    >>> doc = GraphDocument()
    >>> a = doc.add_node("input", label="a", value=3.0)
    >>> m = doc.add_node("op", op="mul", label="y"); doc.connect(a, m, 0); doc.connect(a, m, 1)
    >>> trace = backward_trace(doc)
    >>> trace.seed_text
    'grad(y) = 1'
    >>> print(trace.steps[0].text)
    grad(a) += grad(y) * a = 1.0000 * 3.0000 = 3.0000
    grad(a) += grad(y) * a = 1.0000 * 3.0000 = 3.0000, so grad(a) = 6.0000
    >>> trace.grads_after(0)[a], trace.grads_after(1)[a]
    (0.0, 6.0)
    """

    def __init__(
        self,
        output: str | None,
        seed_text: str,
        notes: list[str],
        data: dict[str, float | None],
        ids: list[str],
        start: list[float | None],
        raw: list[_RawStep],
        writer: _Writer,
    ) -> None:
        #: The node backward starts from (``None`` when there is nothing to step through).
        self.output = output
        #: ``grad(y) = 1``, the seed; ``""`` without an output.
        self.seed_text = seed_text
        #: One :class:`Step` per op node whose local backward runs, in the order they run.
        self.steps: Sequence[Step] = _Steps(raw, ids, writer)
        #: Sentences about what was skipped (nodes without data, no output).
        self.notes: Sequence[str] = tuple(notes)
        #: The forward values the trace used (``None`` where a node has no data).
        self.data: Mapping[str, float | None] = data
        self._ids = ids
        self._grads = list(start)  # the cursor's state, after self._position steps
        self._position = 0
        self._raw = raw
        self._step_index: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self._raw)

    @property
    def order(self) -> list[str]:
        """The op node of each step, in order (the timeline)."""
        ids = self._ids
        return [ids[i] for i, _g, _terms in self._raw]

    def grads_after(self, k: int) -> dict[str, float | None]:
        """The gradient of every node after *k* steps (0: only the seed; ``len(trace)``: a
        full Backward).  ``None`` for nodes without data, as in ``evaluate``.

        Moving from the previous *k* costs only the steps in between.
        """
        self._move_to(k)
        return dict(zip(self._ids, self._grads, strict=True))

    @property
    def final_grads(self) -> dict[str, float | None]:
        """The gradients after every step: those of a full Backward."""
        return self.grads_after(len(self._raw))

    def edges_receiving(self, k: int) -> list[Edge]:
        """The edges ``(source, target, port)`` along which step *k* sends gradient, in the
        order its terms run; none for ``k == 0`` (the seed)."""
        self._check(k)
        if k == 0:
            return []
        ids = self._ids
        i, _g, terms = self._raw[k - 1]
        return [Edge(ids[term[0]], ids[i], term[1]) for term in terms]

    def step_of(self, node_id: str) -> Step | None:
        """The step in which *node_id*'s local backward runs (``None``: a leaf, or not part
        of this backward pass)."""
        if self._step_index is None:
            self._step_index = {nid: k for k, nid in enumerate(self.order, start=1)}
        k = self._step_index.get(node_id)
        return None if k is None else self.steps[k - 1]

    def term_numbers(self, k: int) -> list[tuple[str, int, float, float, float]]:
        """``(target_id, port, contribution, before, after)`` of each term of step *k*
        (from 1), without writing its text (a call of 60,000 steps reads them all)."""
        self._check(k)
        if k == 0:
            return []
        ids = self._ids
        return [
            (ids[s], port, c, before, after)
            for s, port, _d, c, before, after in self._raw[k - 1][2]
        ]

    def edge_flows(self) -> Iterator[EdgeFlow]:
        """Every term's numbers as an :class:`EdgeFlow`, in order, without writing texts."""
        ids = self._ids
        for i, upstream, terms in self._raw:
            target = ids[i]
            for s, port, d, contribution, _before, _after in terms:
                yield EdgeFlow(Edge(ids[s], target, port), upstream, d, contribution)

    def _check(self, k: int) -> None:
        if not isinstance(k, int) or not 0 <= k <= len(self._raw):
            raise IndexError(f"step {k!r} is not in 0..{len(self._raw)}")

    def _move_to(self, k: int) -> None:
        self._check(k)
        g = self._grads
        raw = self._raw
        while self._position < k:
            for s, _port, _d, _c, _before, after in raw[self._position][2]:
                g[s] = after
            self._position += 1
        while self._position > k:
            self._position -= 1
            for s, _port, _d, _c, before, _after in reversed(raw[self._position][2]):
                g[s] = before


class _Steps(Sequence[Step]):
    """The trace's steps, each written out the first time it is looked at."""

    def __init__(self, raw: list[_RawStep], ids: list[str], writer: _Writer) -> None:
        self._raw = raw
        self._ids = ids
        self._writer = writer
        self._made: list[Step | None] = [None] * len(raw)

    def __len__(self) -> int:
        return len(self._raw)

    @overload
    def __getitem__(self, k: int) -> Step: ...
    @overload
    def __getitem__(self, k: slice) -> Sequence[Step]: ...

    def __getitem__(self, k: int | slice) -> Step | Sequence[Step]:
        if isinstance(k, slice):
            return [self[j] for j in range(*k.indices(len(self._raw)))]
        step = self._made[k]
        if step is None:
            if k < 0:
                k += len(self._raw)
            step = self._made[k] = self._writer.step(k + 1, self._raw[k])
        return step


def backward_trace(
    doc: GraphDocument, result: EvaluationResult | None = None, target: str | None = None
) -> BackwardTrace:
    """The backward pass of *doc* from its output (or from *target*, any node), one
    :class:`Step` per op node.

    *result*, an evaluation of *doc*'s current state, lends its forward values (saving a
    forward pass and guaranteeing the trace explains exactly the numbers on screen).
    """
    plan = plan_for(doc)
    values = plan_values(plan, result)
    writer = _Writer(doc, plan)
    notes = [Message("skipped", writer.quoted(i), why) for i, why in plan.missing.items()]
    grads: list[float] = [0.0] * len(plan.ids)
    output = doc.output if target is None else target
    raw: list[_RawStep] = []
    seed_text = ""
    if output is None:
        if plan.ids:
            notes.insert(0, Message("no-output"))
    elif plan.sources[plan.index[output]] is None:
        root = plan.index[output]
        notes.insert(0, Message("output-no-data", writer.quoted(root), plan.missing[root]))
        output = None
    else:
        back = plan.backward_for(output)
        grads[back.root] = 1.0
        seed_text = f"grad({writer.names[back.root]}) = 1"
        _record(back.steps, plan, values, grads, raw)
    # Rewind to the seed: walking the terms backwards restores each `before`.
    for _i, _g, terms in reversed(raw):
        for s, _port, _d, _c, before, _after in reversed(terms):
            grads[s] = before
    start: list[float | None] = list(grads)
    if output is None:  # nothing to differentiate (no output, or no value): no grads
        start = [None] * len(grads)
    data: list[float | None] = list(values)
    for i in plan.missing:
        start[i] = None
        data[i] = None
    data_by_id = dict(zip(plan.ids, data, strict=True))
    return BackwardTrace(output, seed_text, notes, data_by_id, plan.ids, start, raw, writer)


def _record(
    steps: list,
    plan: EvaluationPlan,
    values: list[float],
    grads: list[float],
    raw: list[_RawStep],
) -> None:
    """run_backward, keeping every term's numbers."""
    append = raw.append
    for i, chain, _a, _b in steps:
        operands = plan.sources[i]
        gi = grads[i]
        args = [values[s] for s in operands]
        # The same call with the same arguments as run_backward: the same contributions
        # (gi times the local derivative, or PyTorch's 0 where that is 0 * inf).
        sent = chain(gi, values[i], *args)
        derivatives = plan.ops[i].local(values[i], *args)  # type: ignore[union-attr]
        terms = []
        for port, (s, d, contribution) in enumerate(zip(operands, derivatives, sent, strict=True)):
            before = grads[s]
            after = grads[s] = before + contribution  # == run_backward's `g[s] += c`
            terms.append((s, port, d, contribution, before, after))
        append((i, gi, tuple(terms)))


def plan_values(plan: EvaluationPlan, result: EvaluationResult | None) -> list[float]:
    """Forward values by plan index: *result*'s if given (checked to belong to the plan),
    else a forward pass; 0.0 where a node has none."""
    if result is None:
        values = run_forward(plan)
    else:
        # (two sets compare in C; a Mapping's keys view would walk 65,818 ids in Python)
        if set(result.data) != set(plan.names):
            raise ValueError("the evaluation result does not belong to this document")
        data = result.data
        ids = plan.ids
        if plan.inlined:  # the inner values (f1/mul2) by the flat names
            values = [data.get(nid) for nid in ids]
        else:
            values = list(data.values()) if list(data) == ids else [data[nid] for nid in ids]
    # Nodes without data never take part in a backward pass; 0.0 keeps the list all floats.
    return [0.0 if v is None else v for v in values]


# --- writing terms ---------------------------------------------------------------------------

_SIMPLE_NAME = re.compile(r"[\w.]+\Z")
_BRACKETS = re.compile(r"\[[^\]]*\]")
_GROUPS = re.compile(r"\[[^\]]*\]|\([^()]*\)")  # [indicator] and (call or group), one level
_OPERATOR = re.compile(r"[-+*/^ ]")


def format_value(x: float) -> str:
    """A number in a chain-rule line, written as the canvas writes it."""
    return canvas_number(x)


def node_name(doc: GraphDocument, node_id: str) -> str:
    """How a chain-rule line names a node: as the canvas does (:mod:`~.graph.naming`)."""
    return naming.node_name(doc, node_id)


def local_expression(
    op: Op, port: int, operand_names: Sequence[str], value: float
) -> tuple[str, str]:
    """The local derivative of *op* for *port*: ``(expression, number)`` as a line shows
    them, e.g. mul port 0 with operands ``w1, x1`` -> ``("x1", "2.0000")``.

    Constants and indicators (``1``, ``[a > 0]``) show their number as an integer; an op
    without ``local_text`` shows the number for both.
    """
    if not op.local_text:
        shown = format_value(value)
        return shown, shown
    template = op.port_local_text(port) or "?"
    expression = template.format(*operand_names)
    if _OPERATOR.search(_GROUPS.sub("", template)):  # "1 - tanh(a)^2" is multiplied: group it
        expression = f"({expression})"
    exact = "{" not in _BRACKETS.sub("", template)  # no operand value outside [...]
    if exact and math.isfinite(value) and value == int(value):
        return expression, str(int(value))
    return expression, format_value(value)


def _hint(op: Op, port: int) -> str:
    parts = [part.strip() for part in op.derivative.split(",")]
    return parts[port] if len(parts) == op.arity and not op.variadic else op.derivative


def _inner_name(names: dict[str, str], flat_id: str) -> str:
    """A node inside a call as the trace names it: ``neuron1/mul2`` (the call's name, then
    the inner id), a weight its definition owns as ``neuron.w1``."""
    if flat_id.startswith("@"):
        function, _, inner = flat_id[1:].partition("/")
        return f"{function}.{inner}"
    owner, _, inner = flat_id.partition("/")
    return f"{names.get(owner, owner)}/{inner}"


class _Writer:
    """Writes steps out of recorded numbers, with names as they were when tracing."""

    def __init__(self, doc: GraphDocument, plan: EvaluationPlan) -> None:
        self.ids = plan.ids
        names = naming.node_names(doc)
        self.names = [names.get(nid) or _inner_name(names, nid) for nid in plan.ids]
        self.ops = plan.ops
        self.sources = plan.sources

    def operand(self, i: int) -> str:
        """The name inside an expression: parenthesised unless it is one word or number."""
        name = self.names[i]
        return name if _SIMPLE_NAME.match(name) else f"({name})"

    def quoted(self, i: int) -> str:
        return repr(self.names[i])

    def step(self, k: int, raw: _RawStep) -> Step:
        i, gi, raw_terms = raw
        op: Op = self.ops[i]  # type: ignore[assignment]
        names = self.names
        operand_names = [self.operand(s) for s in self.sources[i]]  # type: ignore[union-attr]
        terms = []
        for s, port, d, contribution, before, after in raw_terms:
            expression, shown = local_expression(op, port, operand_names, d)
            if not op.local_text:
                expression = f"∂{self.operand(i)}/∂{operand_names[port]}"
            text = (
                f"grad({names[s]}) += grad({names[i]}) * {expression} = "
                f"{format_value(gi)} * {shown} = {format_value(contribution)}"
            )
            if before != 0.0:  # accumulation: say where the sum stands now
                text = Message("accumulated", text, names[s], format_value(after))
            hint = _hint(op, port)
            terms.append(Term(self.ids[s], port, d, contribution, before, after, text, hint))
        return Step(k, self.ids[i], gi, tuple(terms))

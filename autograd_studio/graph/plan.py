"""A document compiled for evaluation: integer indexes, registry functions, a fixed order.

Compiling sorts the document once and turns every op node into a small tuple
``(index, function, a, b)`` over integer indexes into a flat value list; evaluating is then
two tight loops (:mod:`autograd_studio.graph.evaluate`).  A plan is cached on the document
and reused until ``doc.structure_version`` changes: editing a value, a label or a position
costs no recompilation, and changing the output only builds that output's backward part.

Backward follows the engine's order exactly.  The engine adds a node's contributions to its
operands in reversed :func:`~autograd_studio.engine.topological_order` of the root, and
floating-point addition is not associative, so a node with several users gets bit-identical
gradients only if the contributions arrive in the same order.  :func:`engine_order` is that
sort (depth first from the root, operands in port order, each node after its operands),
run on the document's indexes.

Function nodes are unfolded first (:mod:`autograd_studio.graph.inline`): the plan is that of
the flattened graph, whose extra names (``f1/mul2``, the function node ``f1`` itself) are
aliases in :attr:`EvaluationPlan.index`.  So results through a function are the flattened
graph's, bit for bit, and every consumer of plans (trace, gradient check, exports) sees
ordinary op steps.

Encoding of a step ``(i, fn, a, b)``: ``b >= 0`` binary ``fn(v[a], v[b])``; ``b == UNARY``
``fn(v[a])``; ``b == GENERAL`` any other arity, ``a`` indexing :attr:`EvaluationPlan.operands`.
"""

from __future__ import annotations

from collections.abc import Callable, ItemsView, Iterator, Mapping, ValuesView
from dataclasses import dataclass, field
from itertools import chain, repeat
from operator import lt
from typing import TYPE_CHECKING, Any

from autograd_studio.engine.ops import OPS, Op
from autograd_studio.graph.bulk import collector_paused
from autograd_studio.graph.inline import FlatGraph, inline
from autograd_studio.messages import Message, joined

if TYPE_CHECKING:
    from autograd_studio.graph.document import GraphDocument, NodeRecord

__all__ = [
    "GENERAL",
    "UNARY",
    "BackwardPlan",
    "EvaluationPlan",
    "NodeValues",
    "compile_plan",
    "current_plan",
    "engine_order",
    "follow_plan",
    "keep_plan",
    "unconnected_message",
    "waiting_message",
]

UNARY = -1
GENERAL = -2

Step = tuple[int, Callable[..., Any], int, int]


@dataclass
class BackwardPlan:
    """Backward from one output: local-derivative steps in the engine's order."""

    root: int
    steps: list[Step]  # (index, op.chain, a, b), reversed engine order, op nodes only
    members: list[int]  # every node the output depends on (it included)
    #: what readers derive from these steps once (the gradient flow's array layout), kept
    #: with them: it is stale exactly when they are
    derived: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass
class EvaluationPlan:
    """Everything evaluation needs that depends only on the document's structure."""

    structure_version: int
    ids: list[str]  # index -> node id, in document order
    index: dict[str, int]
    leaves: list[tuple[int, NodeRecord]]  # inputs and weights: values are read per run
    forward: list[Step]  # (index, op.forward, a, b) in a topological order
    ops: list[Op | None]  # index -> the node's op (None for leaves)
    sources: list[tuple[int, ...] | None]  # index -> operand indexes; None: not computable
    operands: list[tuple[int, ...]]  # operand tuples of GENERAL steps
    missing: dict[int, str]  # not computable -> why (a sentence)
    backward: dict[str, BackwardPlan] = field(default_factory=dict)  # by output id
    #: the document's own node ids, in document order (``ids`` unless it has functions,
    #: whose inner nodes are in ``ids`` and ``index`` as ``f1/mul2``)
    names: list[str] = field(default_factory=list)
    #: the steps go row by row, every operand's row before its user's (a saved or
    #: generated graph's plan): a removal keeps what comes before its first row as it is
    ordered: bool = False

    @property
    def inlined(self) -> bool:
        """Whether function nodes were unfolded (``ids`` then differs from ``names``)."""
        return self.names is not self.ids

    def by_id(self, values: list[Any]) -> NodeValues:
        """*values* (by index) as a read-only mapping by node id, in document order.

        Inner names (``f1/mul2``: ``mul2`` in the instance ``f1``) can be looked up too."""
        return NodeValues(self.index, self.names, values, not self.inlined)

    def values_by_index(self, view: Mapping[str, Any]) -> list[Any] | None:
        """The per-index list behind *view* when it is one of this plan's :meth:`by_id`
        views (an evaluation's ``data`` or ``grad``), else ``None``: no look-up per id."""
        if isinstance(view, NodeValues) and view._index is self.index and view._ids is self.names:
            return view._all
        return None

    def backward_for(self, output: str) -> BackwardPlan:
        """The backward part for *output* (which must be computable), built once."""
        plan = self.backward.get(output)
        if plan is None:
            if len(self.backward) >= 8:  # outputs clicked through in the editor: keep a few
                self.backward.pop(next(iter(self.backward)))
            with collector_paused():
                plan = self.backward[output] = self._compile_backward(self.index[output])
        return plan

    def _compile_backward(self, root: int) -> BackwardPlan:
        order = engine_order(root, self.sources)  # type: ignore[arg-type]
        ops, sources = self.ops, self.sources
        steps: list[Step] = []
        append = steps.append
        for i in reversed(order):  # _step inlined: 65,077 calls on the demo graph
            op = ops[i]
            if op is None:
                continue
            rows = sources[i]
            if len(rows) == 2:  # type: ignore[arg-type]
                append((i, op.chain, rows[0], rows[1]))  # type: ignore[index]
            elif len(rows) == 1:  # type: ignore[arg-type]
                append((i, op.chain, rows[0], UNARY))  # type: ignore[index]
            else:
                append(self._step(i, op.chain, rows))  # type: ignore[arg-type]
        return BackwardPlan(root, steps, order)

    def _step(self, i: int, fn: Callable[..., Any], sources: tuple[int, ...]) -> Step:
        if len(sources) == 2:
            return (i, fn, sources[0], sources[1])
        if len(sources) == 1:
            return (i, fn, sources[0], UNARY)
        self.operands.append(sources)
        return (i, fn, len(self.operands) - 1, GENERAL)


class NodeValues(Mapping[str, Any]):
    """A read-only ``id -> value`` view over a plan's per-index list.

    Evaluation returns these instead of dicts: building two 65,818-entry dicts per run was
    a fifth of re-evaluating the demo graph, and most readers (the canvas, the inspector)
    look up a handful of ids or walk them once.  ``dict(view)`` makes a real dict.
    """

    __slots__ = ("_all", "_ids", "_index", "_values")

    def __init__(
        self, index: dict[str, int], ids: list[str], values: list[Any], by_index: bool = True
    ) -> None:
        self._index = index
        self._ids = ids
        # *values* is by index; unless ids are the indexes' own names (a document with
        # functions also has inner nodes there), pick the named ones out in order.
        self._values = values if by_index else [values[index[i]] for i in ids]
        self._all = values

    def __getitem__(self, node_id: str) -> Any:
        return self._all[self._index[node_id]]

    def get(self, node_id: str, default: Any = None) -> Any:
        i = self._index.get(node_id)
        return default if i is None else self._all[i]

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def values(self) -> ValuesView[Any]:
        return _FastValues(self)

    def items(self) -> ItemsView[str, Any]:
        return _FastItems(self)

    def __repr__(self) -> str:
        return f"NodeValues({dict(self)!r})"

    def lines_up_with(self, other: object) -> bool:
        """Whether *other* is a view over the same plan's nodes, so the two hold the same
        ids in the same order (a forward and a Backward of one structure)."""
        if not isinstance(other, NodeValues):
            return False
        return other._index is self._index and other._ids is self._ids

    def picked_from(self, other: NodeValues) -> Mapping[str, Any]:
        """The same nodes, each holding its value in *other* (``None`` where it has none):
        a Backward's grads beside the values after a change of shape (62,818 nodes after
        a deletion in the demo graph: a dict of them cost more than the forward)."""
        if self._values is not self._all:  # inner nodes of functions too: a dict by id
            return {nid: other.get(nid) for nid in self._ids}
        rows = list(map(other._index.get, self._ids))
        if None in rows:
            values = [None if r is None else other._all[r] for r in rows]
        else:
            values = list(map(other._all.__getitem__, rows))
        return NodeValues(self._index, self._ids, values)

    def filled(self, value: Any) -> NodeValues:
        """The same nodes, each holding *value* (no grads yet: every one ``None``)."""
        by_index = self._values is self._all
        return NodeValues(self._index, self._ids, [value] * len(self._all), by_index)


class _FastItems(ItemsView):
    # The generic view looks every key up again; the lists are already in order.
    def __iter__(self) -> Iterator[tuple[str, Any]]:
        view: NodeValues = self._mapping  # type: ignore[assignment]
        return zip(view._ids, view._values, strict=True)


class _FastValues(ValuesView):
    def __iter__(self) -> Iterator[Any]:
        view: NodeValues = self._mapping  # type: ignore[assignment]
        return iter(view._values)


def engine_order(root: int, sources: list[tuple[int, ...]]) -> list[int]:
    """The engine's :func:`~autograd_studio.engine.topological_order`, on indexes.

    Depth first from *root*, operands in port order; a node is emitted after its operands.
    A marker ``~i`` on the stack means "all operands of *i* are done, emit it".
    """
    order: list[int] = []
    visited = bytearray(len(sources))
    stack = [root]
    push, pop = stack.append, stack.pop
    while stack:
        node = pop()
        if node < 0:
            order.append(~node)
            continue
        if visited[node]:
            continue
        visited[node] = 1
        push(~node)
        for parent in reversed(sources[node]):
            if not visited[parent]:
                push(parent)
    return order


def compile_plan(doc: GraphDocument) -> EvaluationPlan:
    """Sort *doc* once and lay it out as integer steps."""
    with collector_paused():
        if doc.functions:
            return _compile(inline(doc))
        return _compile(doc)


def _compile(doc: GraphDocument | FlatGraph) -> EvaluationPlan:
    ids = list(doc.nodes)
    index = dict(zip(ids, range(len(ids)), strict=True))
    if not isinstance(doc, FlatGraph) or not doc.missing:
        plan = _compile_complete(doc, ids, index)
        if plan is not None:
            return plan
    n = len(ids)
    ops: list[Op | None] = [None] * n
    ports: list[list[int]] = []  # operand index per input port, -1 where unconnected
    unplugged = doc.missing if isinstance(doc, FlatGraph) else {}
    inputs = doc.sources if isinstance(doc, FlatGraph) else doc.input_lists
    for nid, record in doc.nodes.items():
        if record.op is None or nid in unplugged:
            ports.append([])
        else:
            ops[len(ports)] = OPS[record.op]
            sources_of = inputs.get(nid, ())
            if None in sources_of:
                ports.append([-1 if s is None else index[s] for s in sources_of])
            else:
                ports.append([index[s] for s in sources_of])
    sources: list[tuple[int, ...] | None] = [None] * n
    leaves: list[tuple[int, NodeRecord]] = []
    missing: dict[int, str] = {}
    plan = EvaluationPlan(doc.structure_version, ids, index, leaves, [], ops, sources, [], missing)
    plan.names = ids
    if isinstance(doc, FlatGraph):
        plan.names = doc.names
        for name, target in doc.aliases.items():
            index[name] = index[target]
    records = list(doc.nodes.values())
    order = _operands_first(ports)
    plan.ordered = isinstance(order, range)
    for i in order:
        op = ops[i]
        if ids[i] in unplugged:
            missing[i] = unplugged[ids[i]]
            continue
        if op is None:
            leaves.append((i, records[i]))
            sources[i] = ()
            continue
        if -1 in ports[i]:
            missing[i] = unconnected_message(op, ports[i])
            continue
        operands = tuple(ports[i])
        if None in map(sources.__getitem__, operands):
            waiting = [ids[s] for s in operands if sources[s] is None]
            missing[i] = waiting_message(doc, waiting)
            continue
        sources[i] = operands
        plan.forward.append(plan._step(i, op.forward, operands))
    leaves.sort(key=lambda leaf: leaf[0])
    return plan


def unconnected_message(op: Op, ports: list[int]) -> Message:
    """Why an op with unconnected ports (``-1`` in *ports*, its operand rows) has no value."""
    # Ports by the names the canvas draws ("a", "exponent"), numbers only without them.
    names = getattr(op, "port_names", ()) or ()
    unconnected = [
        names[port] if port < len(names) else str(port) for port, s in enumerate(ports) if s < 0
    ]
    if len(unconnected) == 1:
        return Message("input-unconnected", unconnected[0])
    return Message("inputs-unconnected", ", ".join(unconnected[:-1]), unconnected[-1])


def waiting_message(doc: GraphDocument | FlatGraph, waiting: list[str]) -> Message:
    """Why an op fed by ops without a value (*waiting*, their ids) has none."""
    return Message("waiting", _names(doc, waiting))


def _compile_complete(
    doc: GraphDocument | FlatGraph, ids: list[str], index: dict[str, int]
) -> EvaluationPlan | None:
    """The plan of a graph whose every input port is connected and whose nodes come after
    their operands (big generated graphs, saved ones): what :func:`_compile` makes of it,
    built by ``map`` over whole lists instead of a loop of checks per node.  None for any
    other graph (an unconnected port, a node before its operand)."""
    records = list(doc.nodes.values())
    n = len(ids)
    ops: list[Op | None] = [None if r.op is None else OPS[r.op] for r in records]
    inputs = doc.sources if isinstance(doc, FlatGraph) else doc.input_lists
    lists = [
        inputs.get(nid, ()) if op is not None else () for nid, op in zip(ids, ops, strict=True)
    ]
    try:
        sources: list[tuple[int, ...] | None] = [
            tuple(map(index.__getitem__, operands)) for operands in lists
        ]
    except KeyError:  # an unconnected port (None), or worse: the careful way says which
        return None
    operand_rows = chain.from_iterable(sources)  # type: ignore[arg-type]
    owner_rows = chain.from_iterable(map(repeat, range(n), map(len, sources)))  # type: ignore[arg-type]
    if not all(map(lt, operand_rows, owner_rows)):
        return None
    leaves = [(i, records[i]) for i, op in enumerate(ops) if op is None]
    plan = EvaluationPlan(doc.structure_version, ids, index, leaves, [], ops, sources, [], {})
    plan.names, plan.ordered = ids, True
    if isinstance(doc, FlatGraph):
        plan.names = doc.names
        for name, target in doc.aliases.items():
            index[name] = index[target]
    append = plan.forward.append
    for i, op in enumerate(ops):  # plan._step inlined
        if op is None:
            continue
        rows = sources[i]
        if len(rows) == 2:  # type: ignore[arg-type]
            append((i, op.forward, rows[0], rows[1]))  # type: ignore[index]
        elif len(rows) == 1:  # type: ignore[arg-type]
            append((i, op.forward, rows[0], UNARY))  # type: ignore[index]
        else:
            append(plan._step(i, op.forward, rows))  # type: ignore[arg-type]
    return plan


def _operands_first(ports: list[list[int]]) -> list[int] | range:
    """Every index once, each after its operands (depth first, in document order)."""
    if all(s < i for i, operands in enumerate(ports) for s in operands):
        # Listed operands first already (big generated graphs are): the search below would
        # emit each index on its own, in order.
        return range(len(ports))
    order: list[int] = []
    visited = bytearray(len(ports))
    for start in range(len(ports)):
        if visited[start]:
            continue
        stack = [start]
        while stack:
            node = stack.pop()
            if node < 0:
                order.append(~node)
                continue
            if visited[node]:
                continue
            visited[node] = 1
            stack.append(~node)
            stack.extend(s for s in reversed(ports[node]) if s >= 0 and not visited[s])
    return order


def _names(doc: GraphDocument | FlatGraph, ids: list[str]) -> str:
    names = [repr(doc.nodes[nid].display_name) for nid in dict.fromkeys(ids)]
    return joined(names) if len(names) <= 2 else ", ".join(names)


def current_plan(doc: GraphDocument) -> EvaluationPlan | None:
    """The plan *doc* has compiled for its structure as it is now, if any (nothing is
    compiled)."""
    plan: EvaluationPlan | None = getattr(doc, "_evaluation_plan", None)
    return plan if plan is not None and plan.structure_version == doc.structure_version else None


def keep_plan(doc: GraphDocument, plan: EvaluationPlan, version: int) -> None:
    """Give *doc* back *plan*, compiled for the structure it has again at *version*: a
    removal undone straight after puts back the very records and lists the plan was made
    from, so the demo graph's 65,818 nodes are not compiled again."""
    plan.structure_version = version
    doc._evaluation_plan = plan  # type: ignore[attr-defined]


def follow_plan(
    doc: GraphDocument, version: int, make: Callable[[], EvaluationPlan | None]
) -> None:
    """Let *make* give the plan of *doc* when it is next asked for at structure *version*
    (a removal derives it from the plan before: see :mod:`autograd_studio.graph.plan_edits`)
    instead of compiling the document; asked at any other version, or when *make* gives
    ``None``, it compiles."""
    doc._plan_recipe = (version, make)  # type: ignore[attr-defined]


def plan_for(doc: GraphDocument) -> EvaluationPlan:
    """The cached plan of *doc*, compiled again only when its structure changed."""
    plan: EvaluationPlan | None = getattr(doc, "_evaluation_plan", None)
    if plan is None or plan.structure_version != doc.structure_version:
        recipe = getattr(doc, "_plan_recipe", None)
        doc._plan_recipe = None  # type: ignore[attr-defined]
        plan = recipe[1]() if recipe is not None and recipe[0] == doc.structure_version else None
        if plan is None:
            plan = compile_plan(doc)
        doc._evaluation_plan = plan  # type: ignore[attr-defined]
    return plan

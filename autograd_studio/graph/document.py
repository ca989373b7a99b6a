"""The graph document: the single source of truth that files, the editor and the CLI share.

A document holds nodes (``input``, ``weight``, ``op`` or ``function``) and edges from a
node's output to a numbered input port of an op or function node, plus a library of
function definitions (:mod:`autograd_studio.graph.functions`) that function nodes name.
Every mutation goes through a method here, is validated (typed errors from
:mod:`autograd_studio.graph.errors` carrying node ids), and is announced to observers, so
a view can mirror the document without polling.

Adjacency indexes (``_inputs`` per target, ``_users`` per source) keep connecting and the
cycle check proportional to what they touch, never a scan of every edge.  A document read
from a file gets ``_users`` on first use: loading only needs ``_inputs``.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from typing import Any

from autograd_studio.engine.ops import MIN_VARIADIC_PORTS, OPS, Op
from autograd_studio.graph.bulk import collector_paused
from autograd_studio.graph.bulk_edits import BulkEdits
from autograd_studio.graph.errors import (
    BadPortError,
    BadValueError,
    CycleError,
    DuplicateIdError,
    PortOccupiedError,
    SelfLoopError,
    UnknownNodeError,
    UnknownOpError,
)
from autograd_studio.graph.evaluate import EvaluationResult, evaluate
from autograd_studio.graph.events import DocumentEvent, EventKind
from autograd_studio.graph.filewriter import document_to_dict
from autograd_studio.graph.library import FunctionLibrary
from autograd_studio.graph.records import COMPUTED_KINDS, ID_PATTERN, KINDS, Edge, NodeRecord
from autograd_studio.messages import Message, kind_word

__all__ = [
    "ID_PATTERN",
    "KINDS",
    "DocumentEvent",
    "Edge",
    "EventKind",
    "GraphDocument",
    "NodeRecord",
]

_DEFAULT_STEM = {"input": "x", "weight": "w"}


Observer = Callable[[DocumentEvent], None]


class GraphDocument(BulkEdits, FunctionLibrary):
    """A computation graph as a document.

    >>> doc = GraphDocument()
    >>> x = doc.add_node("input", label="x", value=2.0)
    >>> m = doc.add_node("op", op="mul")
    >>> doc.connect(x, m, 0); doc.connect(x, m, 1)
    >>> doc.evaluate().grad[x]
    4.0
    """

    def __init__(self) -> None:
        self._nodes: dict[str, NodeRecord] = {}
        self._inputs: dict[str, list[str | None]] = {}  # op id -> source per port
        # source -> [target, port, target, port, ...]; None until first use after a bulk
        # build (see _users).
        self._user_index: dict[str, list[Any]] | None = {}
        self._restorable = None  # the latest removal until the next change of shape
        self._output: str | None = None
        self._observers: list[Observer] = []
        self._counters: dict[str, int] = {}
        #: bumps on every change of shape (nodes, edges, ops); values and positions don't.
        self.structure_version = 0
        #: bumps on every change at all.
        self.version = 0
        self._edge_count: tuple[int, int] | None = None  # (structure_version, count)
        self.metadata: dict[str, Any] = {}  # top-level unknown file fields, kept
        # name -> FunctionDef; the bodies of definitions share this very dict, so a
        # function node inside a body finds its definition too.
        self._functions: dict[str, Any] = {}
        self._owner: str | None = None  # the definition this document is the body of
        self._body_watch: dict[str, Callable[[], None]] = {}  # name -> unsubscribe

    # --- observers -------------------------------------------------------------------------

    def subscribe(self, observer: Observer) -> Callable[[], None]:
        """Call *observer* with a :class:`DocumentEvent` after every change; returns an
        unsubscribe function."""
        self._observers.append(observer)
        return lambda: self._observers.remove(observer) if observer in self._observers else None

    def _emit(
        self,
        kind: EventKind,
        *,
        structural: bool,
        affects_values: bool = True,
        node_id: str | None = None,
        edge: Edge | None = None,
        field: str | None = None,
        node_ids: tuple[str, ...] = (),
        edges: tuple[Edge, ...] = (),
    ) -> None:
        self.version += 1
        if structural:
            self.structure_version += 1
            if self._restorable is not None:  # no restore straight after it any more
                self._restorable.release()
                self._restorable = None
        event = DocumentEvent(
            kind, node_id, edge, field, structural, affects_values, node_ids, edges
        )
        for observer in list(self._observers):
            observer(event)

    # --- read access -----------------------------------------------------------------------

    @property
    def nodes(self) -> Mapping[str, NodeRecord]:
        """id -> :class:`NodeRecord`, in insertion order."""
        return self._nodes

    @property
    def edges(self) -> list[Edge]:
        """Every edge, ordered by target (insertion order of nodes) then port."""
        return [
            Edge(source, target, port)
            for target, sources in self._inputs.items()
            for port, source in enumerate(sources)
            if source is not None
        ]

    @property
    def edge_count(self) -> int:
        """``len(doc.edges)`` without building the list, counted once per change of shape
        (the status bar, the canvas's overview and the flow's looks all ask, on the demo
        graph 65,818 lists to walk each time)."""
        cached = self._edge_count
        if cached is not None and cached[0] == self.structure_version:
            return cached[1]
        count = sum(len(sources) - sources.count(None) for sources in self._inputs.values())
        self._edge_count = (self.structure_version, count)
        return count

    def node(self, node_id: str) -> NodeRecord:
        try:
            return self._nodes[node_id]
        except KeyError:
            raise UnknownNodeError(f"no node with id {node_id!r}", (node_id,)) from None

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._nodes

    def __len__(self) -> int:
        return len(self._nodes)

    def __iter__(self) -> Iterator[str]:
        return iter(self._nodes)

    @property
    def input_lists(self) -> Mapping[str, list[str | None]]:
        """op id -> the source of each input port, the document's own lists (read, never
        change them): for a compiler that walks every node (no copy per node)."""
        return self._inputs

    def inputs_of(self, node_id: str) -> list[str | None]:
        """The source of each input port of *node_id* (``None`` where unconnected)."""
        self.node(node_id)
        return list(self._inputs.get(node_id, ()))

    def users_of(self, node_id: str) -> list[tuple[str, int]]:
        """``(target, port)`` for every edge leaving *node_id*."""
        self.node(node_id)
        return list(_pairs(self._users[node_id]))

    def edges_of(self, node_id: str) -> list[Edge]:
        """Every edge touching *node_id*: its inputs, then its users."""
        incoming = [
            Edge(src, node_id, port)
            for port, src in enumerate(self._inputs.get(node_id, ()))
            if src is not None
        ]
        outgoing = [Edge(node_id, target, port) for target, port in _pairs(self._users[node_id])]
        return incoming + outgoing

    def sinks(self) -> list[str]:
        """Nodes whose output feeds nothing."""
        return [nid for nid, users in self._users.items() if not users]

    @property
    def output(self) -> str | None:
        """The root of backward: the node set with :meth:`set_output`, else the only sink."""
        if self._output is not None:
            return self._output
        sinks = self.sinks()
        return sinks[0] if len(sinks) == 1 else None

    @property
    def explicit_output(self) -> str | None:
        """The output as set with :meth:`set_output` (``None`` when it is implied)."""
        return self._output

    @property
    def _users(self) -> dict[str, list[Any]]:
        """source -> ``[target, port, target, port, ...]`` of every edge leaving it (ordered
        by target in node order, then port, after a bulk build; then in the order of
        connecting).  Flat lists, not a set of pairs per node: the demo graph's index is
        9 MB instead of 26."""
        users = self._user_index
        if users is None:
            users = {node_id: [] for node_id in self._nodes}
            for target, sources in self._inputs.items():
                for port, source in enumerate(sources):
                    if source is not None:
                        flat = users[source]
                        flat.append(target)
                        flat.append(port)
            for node_id, flat in users.items():
                if flat:
                    users[node_id] = flat[:]  # exactly as long as it is (appends over-allocate)
            self._user_index = users
        return users

    def build_user_index(self) -> None:
        """Index who uses each node now, not when :meth:`users_of` or a removal first
        needs it (a graph just loaded has none: the demo graph's takes 65 ms)."""
        self._users  # noqa: B018 (the property builds it)

    @_users.setter
    def _users(self, users: dict[str, list[Any]]) -> None:
        self._user_index = users

    # --- mutations ---------------------------------------------------------------------------

    def add_node(
        self,
        kind: str,
        *,
        op: str | None = None,
        label: str | None = None,
        value: float | None = None,
        pos: tuple[float, float] | None = None,
        id: str | None = None,
        extra: dict[str, Any] | None = None,
        function: str | None = None,
        result: int = 0,
        arity: int | None = None,
    ) -> str:
        """Add a node and return its id.

        ``kind`` is ``"input"``, ``"weight"``, ``"op"`` (with ``op`` a registry name) or
        ``"function"`` (with ``function`` the name of a definition in :attr:`functions`).
        Inputs and weights get a value (default 0.0); labels and ids default to fresh names.
        A variadic op (``sum``) takes its number of input ports as *arity* (default 2).
        """
        record = self._new_record(
            kind, op, label, value, pos, id, extra, function, result, arity, fresh=True
        )
        self._nodes[record.id] = record
        self._users[record.id] = []
        if kind in COMPUTED_KINDS:
            self._inputs[record.id] = [None] * record.arity
        self._emit(EventKind.NODE_ADDED, structural=True, node_id=record.id)
        return record.id

    def _new_record(
        self,
        kind: str,
        op: str | None,
        label: str | None,
        value: float | None,
        pos: tuple[float, float] | None,
        id: str | None,
        extra: dict[str, Any] | None,
        function: str | None,
        result: int,
        arity: int | None,
        fresh: bool,
    ) -> NodeRecord:
        """The record :meth:`add_node` would add, every argument checked; nothing changes.
        Without *fresh* an id is required (a batch names every node)."""
        if kind not in KINDS:
            raise BadValueError(f"unknown node kind {kind!r}; expected one of {', '.join(KINDS)}")
        if arity is not None and kind != "op":
            raise BadValueError(f"a {kind} node has no input count to set", (id or "",))
        ports: tuple[str, ...] = ()
        if function is not None and kind != "function":
            raise BadValueError(f"a {kind} node names no function", (id or "",))
        if kind == "function":
            if op is not None or value is not None:
                raise BadValueError("a function node has no op and no value", (id or "",))
            ports = self._function_ports(function, result, id)
        elif kind == "op":
            if op not in OPS:
                raise UnknownOpError(
                    f"unknown op {op!r}; known ops: {', '.join(OPS)}", (id,) if id else ()
                )
            if value is not None:
                raise BadValueError("an op node's value is computed, not set", (id or "",))
            ports = _variadic_ports(OPS[op], arity, id or "")
        elif op is not None:
            raise BadValueError(f"a {kind} node has no op (got {op!r})", (id or "",))
        else:
            value = _check_value(0.0 if value is None else value, id or "")
        if id is None and not fresh:
            raise BadValueError("a node added in a batch needs its id")
        if id is None:
            stem = self._stem(kind, op or function)
            id = self._fresh_id(label if label and ID_PATTERN.match(label) else stem)
        elif id in self._nodes:
            raise DuplicateIdError(f"a node with id {id!r} already exists", (id,))
        elif not ID_PATTERN.match(id):
            raise BadValueError(f"{id!r} is not a valid node id", (id,))
        if label is None:
            label = id if kind not in COMPUTED_KINDS else ""
        return NodeRecord(
            id=id,
            kind=kind,
            label=str(label),
            op=op,
            value=value,
            pos=_check_pos(pos, id),
            extra=dict(extra or {}),
            function=function,
            ports=ports,
            result=result,
        )

    def remove_node(self, node_id: str) -> list[Edge]:
        """Remove a node and every edge touching it; returns the removed edges."""
        self.node(node_id)
        removed = self.edges_of(node_id)
        for edge in removed:
            self._remove_edge(edge)
        if self._output == node_id:
            self._output = None
            self._emit(EventKind.OUTPUT_CHANGED, structural=False)
        del self._nodes[node_id]
        del self._users[node_id]
        self._inputs.pop(node_id, None)
        self._emit(EventKind.NODE_REMOVED, structural=True, node_id=node_id)
        return removed

    def check_connection(self, source: str, target: str, port: int, replace: bool = False) -> None:
        """Raise the :class:`GraphError` that :meth:`connect` would raise, or return."""
        self.node(source)
        target_record = self.node(target)
        if not target_record.computed:
            raise BadPortError(
                Message(
                    "takes-no-inputs",
                    repr(target_record.display_name),
                    kind_word(target_record.kind),
                ),
                (target,),
            )
        if not isinstance(port, int) or not 0 <= port < target_record.arity:
            what = target_record.op or f"function {target_record.function}"
            ports = f"ports 0..{target_record.arity - 1}" if target_record.arity else "no ports"
            raise BadPortError(
                f"{target_record.display_name!r} ({what}) has {ports}, not {port!r}",
                (target,),
            )
        if source == target:
            raise SelfLoopError(Message("self-loop", repr(self._name(source))), (source,))
        current = self._inputs[target][port]
        if current is not None and not replace:
            raise PortOccupiedError(
                Message(
                    "port-occupied", str(port), repr(self._name(target)), repr(self._name(current))
                ),
                (target, current),
            )
        path = self._path(target, source)
        if path is not None:
            names = " → ".join(self._name(n) for n in [*path, target])
            raise CycleError(
                Message("cycle", repr(self._name(source)), repr(self._name(target)), names),
                tuple(path),
            )

    def can_connect(self, source: str, target: str, port: int, replace: bool = False) -> bool:
        try:
            self.check_connection(source, target, port, replace)
        except (BadPortError, SelfLoopError, PortOccupiedError, CycleError, UnknownNodeError):
            return False
        return True

    def connect(self, source: str, target: str, port: int, replace: bool = False) -> Edge | None:
        """Feed *source*'s output into input *port* of *target*.

        Raises :class:`PortOccupiedError` when the port is taken, unless ``replace=True``,
        in which case the old edge is removed and returned.
        """
        self.check_connection(source, target, port, replace)
        old_source = self._inputs[target][port]
        old = None
        if old_source is not None:
            old = Edge(old_source, target, port)
            self._remove_edge(old)
        edge = Edge(source, target, port)
        self._inputs[target][port] = source
        flat = self._users[source]
        flat.append(target)
        flat.append(port)
        self._emit(EventKind.EDGE_ADDED, structural=True, edge=edge)
        return old

    def disconnect(self, target: str, port: int) -> Edge:
        """Remove the edge into input *port* of *target*; returns it."""
        self.node(target)
        sources = self._inputs.get(target)
        if sources is None or not 0 <= port < len(sources) or sources[port] is None:
            raise BadPortError(
                f"input {port} of {self._name(target)!r} is not connected", (target,)
            )
        edge = Edge(sources[port], target, port)
        self._remove_edge(edge)
        return edge

    def _remove_edge(self, edge: Edge) -> None:
        self._inputs[edge.target][edge.port] = None
        flat = self._users[edge.source]
        for k in range(0, len(flat), 2):
            if flat[k] == edge.target and flat[k + 1] == edge.port:
                del flat[k : k + 2]
                break
        self._emit(EventKind.EDGE_REMOVED, structural=True, edge=edge)

    def insert_port(self, node_id: str, port: int | None = None) -> int:
        """Give variadic node *node_id* (``sum``) one more input port, at *port* (default:
        the end); edges into the ports from there on move one port down, still connected.
        Returns the new port's number."""
        record = self._variadic(node_id)
        count = record.arity
        port = count if port is None else port
        if not isinstance(port, int) or not 0 <= port <= count:
            raise BadPortError(
                f"{record.display_name!r} has ports 0..{count - 1}; a port goes at 0..{count}",
                (node_id,),
            )
        sources = self._inputs[node_id]
        moved = self._unlink_from(node_id, port)
        sources.insert(port, None)
        record.ports = OPS[record.op].port_labels(count + 1)  # type: ignore[index]
        self._emit(EventKind.NODE_CHANGED, structural=True, node_id=node_id, field="ports")
        self._relink(node_id, [(source, p + 1) for source, p in moved])
        return port

    def remove_port(self, node_id: str, port: int) -> Edge | None:
        """Take input *port* away from variadic node *node_id* (``sum``); the edge into it,
        if any, goes (and is returned); edges into later ports move one port up."""
        record = self._variadic(node_id)
        count = record.arity
        if not isinstance(port, int) or not 0 <= port < count:
            raise BadPortError(f"{record.display_name!r} has no input {port!r}", (node_id,))
        if count <= MIN_VARIADIC_PORTS:
            raise BadPortError(
                f"{record.display_name!r} keeps at least {MIN_VARIADIC_PORTS} inputs", (node_id,)
            )
        sources = self._inputs[node_id]
        removed = None
        if sources[port] is not None:
            removed = Edge(sources[port], node_id, port)  # type: ignore[arg-type]
            self._remove_edge(removed)
        moved = self._unlink_from(node_id, port + 1)
        del sources[port]
        record.ports = OPS[record.op].port_labels(count - 1)  # type: ignore[index]
        self._emit(EventKind.NODE_CHANGED, structural=True, node_id=node_id, field="ports")
        self._relink(node_id, [(source, p - 1) for source, p in moved])
        return removed

    def _variadic(self, node_id: str) -> NodeRecord:
        record = self.node(node_id)
        if not record.variadic:
            what = record.op or record.function or record.kind
            raise BadPortError(
                f"{record.display_name!r} ({what}) has a fixed number of inputs", (node_id,)
            )
        return record

    def _unlink_from(self, node_id: str, first: int) -> list[tuple[str, int]]:
        """Remove the edges into ports *first*.. of *node_id*; ``(source, port)`` of each."""
        sources = self._inputs[node_id]
        moved = [(s, p) for p, s in enumerate(sources) if p >= first and s is not None]
        for source, port in moved:
            self._remove_edge(Edge(source, node_id, port))
        return moved

    def _relink(self, node_id: str, edges: list[tuple[str, int]]) -> None:
        for source, port in edges:
            self._inputs[node_id][port] = source
            flat = self._users[source]
            flat.append(node_id)
            flat.append(port)
            self._emit(EventKind.EDGE_ADDED, structural=True, edge=Edge(source, node_id, port))

    def set_value(self, node_id: str, value: float) -> None:
        record = self.node(node_id)
        if record.computed:
            raise BadValueError(
                f"{record.display_name!r} is {'an op' if record.op else 'a function'}; "
                "its value is computed",
                (node_id,),
            )
        value = _check_value(value, node_id)
        if value != record.value:
            record.value = value
            self._emit(EventKind.NODE_CHANGED, structural=False, node_id=node_id, field="value")

    def set_label(self, node_id: str, label: str) -> None:
        record = self.node(node_id)
        if label != record.label:
            record.label = str(label)
            self._emit(
                EventKind.NODE_CHANGED,
                structural=False,
                affects_values=False,
                node_id=node_id,
                field="label",
            )

    def set_pos(self, node_id: str, pos: tuple[float, float] | None) -> None:
        record = self.node(node_id)
        pos = _check_pos(pos, node_id)
        if pos != record.pos:
            record.pos = pos
            self._emit(
                EventKind.NODE_CHANGED,
                structural=False,
                affects_values=False,
                node_id=node_id,
                field="pos",
            )

    def set_positions(self, positions: Iterable[Any]) -> tuple[str, ...]:
        """Move many nodes at once (``(id, pos)`` pairs, or a
        :class:`~autograd_studio.graph.positions.PositionArray`; ``None`` unplaces a node)
        and send one ``positions_changed`` event naming those whose position changed,
        which this returns.  Everything is checked before anything moves: a bad id or
        position raises and changes nothing."""
        nodes = self._nodes
        records: list[NodeRecord] = []
        checked: list[tuple[float, float] | None] = []
        with collector_paused():  # tens of thousands of lasting tuples: nothing to collect
            # A PositionArray (an auto layout's step, its undo; its module imports this
            # one) gives every position as a pair at once when all are finite.
            finite_pairs = getattr(positions, "finite_pairs", None)
            if finite_pairs is not None:
                pairs = finite_pairs()
                records = list(map(nodes.get, positions.ids))
                if pairs is not None and all(records):  # every id a node, every pair finite
                    checked = pairs  # type: ignore[assignment]
                    positions = ()
                else:
                    records = []
                    positions = positions.items()
            for node_id, pos in positions:
                record = nodes.get(node_id)
                if record is None:
                    record = self.node(node_id)  # raises UnknownNodeError
                # A pair of finite floats (a layout's, an undo step's) is taken as it is:
                # the full check costs more than the move itself for 65,818 nodes.
                if pos is not None and not (
                    pos.__class__ is tuple
                    and len(pos) == 2
                    and pos[0].__class__ is float
                    and pos[1].__class__ is float
                    and pos[0] - pos[0] == 0.0  # finite: nan and inf give nan here
                    and pos[1] - pos[1] == 0.0
                ):
                    pos = _check_pos(pos, node_id)
                records.append(record)
                checked.append(pos)
            moved: dict[str, None] = {}
            for record, pos in zip(records, checked, strict=True):
                if pos != record.pos:
                    record.pos = pos
                    moved[record.id] = None
        if moved:
            self._emit(
                EventKind.POSITIONS_CHANGED,
                structural=False,
                affects_values=False,
                field="pos",
                node_ids=tuple(moved),
            )
        return tuple(moved)

    def set_output(self, node_id: str | None) -> None:
        """Make *node_id* the root of backward (``None``: the only sink, if there is one)."""
        if node_id is not None:
            self.node(node_id)
        if node_id != self._output:
            self._output = node_id
            self._emit(EventKind.OUTPUT_CHANGED, structural=False, node_id=node_id)

    def clear(self) -> None:
        """Remove everything (one ``reset`` event)."""
        self._nodes.clear()
        self._inputs.clear()
        self._users.clear()
        self._output = None
        self.metadata = {}
        if self._owner is None:  # a body shares its document's library: leave it alone
            for name in list(self._functions):
                self._unwatch(name)
            self._functions.clear()
        self._emit(EventKind.RESET, structural=True)

    def reorder(self, order: Iterable[str]) -> None:
        """Put the nodes in *order* (every id once), which is the order files list them in.

        The graph does not change, so no event is sent.  Undoing a deletion uses it to put
        the restored nodes back where they were, so the saved file is the same as before.
        """
        order = list(order)
        if order == list(self._nodes):
            return
        if len(order) != len(self._nodes) or set(order) != self._nodes.keys():
            raise BadValueError("reorder needs every node id exactly once")
        self._nodes = {nid: self._nodes[nid] for nid in order}
        self._inputs = {nid: self._inputs[nid] for nid in order if nid in self._inputs}
        self._users = {nid: self._users[nid] for nid in order}
        self.version += 1

    # --- helpers -------------------------------------------------------------------------------

    def _name(self, node_id: str) -> str:
        record = self._nodes.get(node_id)
        return record.display_name if record is not None else node_id

    def _stem(self, kind: str, op: str | None) -> str:
        return op if kind in COMPUTED_KINDS and op else _DEFAULT_STEM[kind]

    def _fresh_id(self, stem: str) -> str:
        if stem not in self._nodes:
            return stem
        n = self._counters.get(stem, 1)
        while f"{stem}{n}" in self._nodes:
            n += 1
        self._counters[stem] = n + 1
        return f"{stem}{n}"

    def fresh_id(self, stem: str) -> str:
        """An id not used yet, built from *stem* (``mul``, ``mul1``, ``mul2`` ...)."""
        return self._fresh_id(stem if ID_PATTERN.match(stem) else "n")

    def _path(self, start: str, goal: str) -> list[str] | None:
        """A path start -> ... -> goal along edges, if any (DFS over start's descendants)."""
        if start == goal:
            return [start]
        parent: dict[str, str] = {start: start}
        stack = [start]
        while stack:
            node = stack.pop()
            for target in self._users[node][0::2]:
                if target in parent:
                    continue
                parent[target] = node
                if target == goal:
                    path = [goal]
                    while path[-1] != start:
                        path.append(parent[path[-1]])
                    return path[::-1]
                stack.append(target)
        return None

    def topological_order(self, ids: Iterable[str] | None = None) -> list[str]:
        """Node ids with every source before its users (Kahn's algorithm, stable)."""
        ids = list(self._nodes) if ids is None else list(ids)
        wanted = set(ids)
        indegree = {
            nid: sum(1 for s in self._inputs.get(nid, ()) if s is not None and s in wanted)
            for nid in ids
        }
        ready = [nid for nid in ids if indegree[nid] == 0]
        ready.reverse()
        order: list[str] = []
        while ready:
            nid = ready.pop()
            order.append(nid)
            for target in self._users[nid][0::2]:
                if target in indegree:
                    indegree[target] -= 1
                    if indegree[target] == 0:
                        ready.append(target)
        return order

    # --- whole-document operations -----------------------------------------------------------

    def evaluate(self, *, target: str | None = None, wrt: str | None = None) -> EvaluationResult:
        """Forward and backward from :attr:`output` (or from *target*: d(target)/d(node),
        ``None`` where the target does not depend on a node); with *wrt*, forward mode's
        tangents d(node)/d(wrt) in ``result.tangent``.  See
        :mod:`autograd_studio.graph.evaluate`."""
        return evaluate(self, target=target, wrt=wrt)

    def to_dict(self) -> dict[str, Any]:
        """The document as the file format's JSON object."""
        return document_to_dict(self)

    @classmethod
    def from_checked(
        cls,
        nodes: dict[str, NodeRecord],
        inputs: dict[str, list[str | None]],
        output: str | None,
        edge_count: int,
    ) -> GraphDocument:
        """A document made of parts built in bulk by a reader that has already checked
        everything :meth:`add_node` and :meth:`connect` would (ids, kinds, ports, cycles).

        *inputs* holds the source of each port of every op node (``None`` where unfed).
        The parts are taken, not copied, and no event is sent: nobody can be subscribed yet.
        """
        doc = cls()
        doc._nodes, doc._inputs, doc._output = nodes, inputs, output
        doc._user_index = None
        # As many changes as building it one node and edge at a time would have counted.
        doc.version = doc.structure_version = len(nodes) + edge_count
        return doc

    def link_checked(self, edges: Iterable[tuple[str, str, int]]) -> None:
        """Add ``(source, target, port)`` edges that the file reader has already checked
        against this document (free ports, no cycle), at once and without events."""
        count = 0
        for source, target, port in edges:
            self._inputs[target][port] = source
            count += 1
        self._user_index = None
        self.version += count
        self.structure_version += count

    def copy(self) -> GraphDocument:
        """An independent copy equal to this one, with no observers (:meth:`snapshot`);
        to go through the file format, use ``document_from_dict(doc.to_dict())``."""
        return self.snapshot()

    def snapshot(self) -> GraphDocument:
        """An independent copy equal to this one, for a worker thread to read while this
        one is edited: no observers, nothing validated again, so about three times faster
        than :meth:`copy` (0.5 s against 1.6 s for 65,818 nodes)."""
        clone = GraphDocument()
        clone._nodes = {
            nid: replace(record, extra=copy.deepcopy(record.extra) if record.extra else {})
            for nid, record in self._nodes.items()
        }
        clone._inputs = {nid: list(sources) for nid, sources in self._inputs.items()}
        clone._users = {nid: list(users) for nid, users in self._users.items()}
        clone._output = self._output
        clone._counters = dict(self._counters)
        clone.metadata = copy.deepcopy(self.metadata)
        if self._owner is None:  # a body's copy does not take the library with it
            for definition in self._functions.values():
                clone._adopt(definition.snapshot())
        clone.structure_version, clone.version = self.structure_version, self.version
        return clone

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, GraphDocument):
            return NotImplemented
        return self.to_dict() == other.to_dict()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<GraphDocument {len(self._nodes)} nodes, {len(self.edges)} edges>"


def _pairs(flat: list[Any]) -> Iterator[tuple[str, int]]:
    """``(target, port)`` pairs of a flat user list."""
    return zip(flat[0::2], flat[1::2], strict=True)


def _check_value(value: Any, node_id: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise BadValueError(f"value of {node_id!r} must be a number, not {value!r}", (node_id,))
    value = float(value)
    if not math.isfinite(value):
        raise BadValueError(
            f"value of {node_id!r} must be a finite number, not {value!r}", (node_id,)
        )
    return value


def _variadic_ports(op: Op, arity: Any, node_id: str) -> tuple[str, ...]:
    """The port names of a new node of *op* with *arity* inputs (``()`` for a fixed op)."""
    if not op.variadic:
        if arity is not None and arity != op.arity:
            raise BadValueError(
                f"{op.name} takes {op.arity} input(s), not {arity!r}", (node_id,) if node_id else ()
            )
        return ()
    count = op.arity if arity is None else arity
    if isinstance(count, bool) or not isinstance(count, int) or count < MIN_VARIADIC_PORTS:
        raise BadValueError(
            f"{op.name} takes {MIN_VARIADIC_PORTS} or more inputs, not {count!r}",
            (node_id,) if node_id else (),
        )
    return op.port_labels(count)


def _check_pos(pos: Any, node_id: str) -> tuple[float, float] | None:
    if pos is None:
        return None
    try:
        x, y = pos
        x, y = float(x), float(y)
    except (TypeError, ValueError):
        raise BadValueError(
            f"position of {node_id!r} must be two numbers, not {pos!r}", (node_id,)
        ) from None
    if not (math.isfinite(x) and math.isfinite(y)):
        raise BadValueError(f"position of {node_id!r} must be finite, not {pos!r}", (node_id,))
    return (x, y)

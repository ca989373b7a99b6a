"""Many nodes removed or added in one change: :class:`BulkEdits`, a part of
:class:`~autograd_studio.graph.document.GraphDocument`.

Deleting a big selection one node at a time sends an event per node and per edge (192,673
for the 65,818-node demo), and every observer of the editor reacts to each.  Here the whole
batch is checked first (a bad id, a taken port or a cycle raises and changes nothing), then
done, then announced as one ``nodes_removed`` / ``nodes_added`` event naming the nodes and
every edge that went or came, so an observer updates once.

>>> from autograd_studio.graph import GraphDocument
>>> doc = GraphDocument()
>>> x = doc.add_node("input", value=2.0); m = doc.add_node("op", op="neg"); doc.connect(x, m, 0)
>>> removal = doc.remove_nodes([x, m])
>>> len(doc), removal.edges
(0, [Edge(source='x', target='neg', port=0)])
>>> doc.restore(removal)
>>> doc.evaluate().data[m]
-2.0
>>> doc.remove_nodes([m]).records[0].op
'neg'
>>> doc.add_nodes([NodeRecord("y", "input", value=1.0)], [Edge("y", "neg", 0)])
Traceback (most recent call last):
...
autograd_studio.graph.errors.UnknownNodeError: no node with id 'neg'

"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import chain, compress
from operator import not_
from typing import Any

from autograd_studio.engine.ops import MIN_VARIADIC_PORTS, OPS
from autograd_studio.graph.bulk import collector_paused
from autograd_studio.graph.errors import (
    BadPortError,
    BadValueError,
    CycleError,
    DuplicateIdError,
    PortOccupiedError,
    SelfLoopError,
    UnknownNodeError,
)
from autograd_studio.graph.events import RESTORED, EventKind
from autograd_studio.graph.plan import EvaluationPlan, current_plan, follow_plan, keep_plan
from autograd_studio.graph.records import ID_PATTERN, Edge, NodeRecord
from autograd_studio.messages import Message, kind_word

__all__ = ["BulkEdits", "Removal"]


@dataclass(eq=False)
class Removal:
    """What :meth:`BulkEdits.remove_nodes` took away: the records (document order) and the
    edges, with what :meth:`BulkEdits.restore` needs to put them back exactly (the node
    order and the output before, the removed nodes' own input and user lists).  Read it;
    do not change it."""

    order: list[str]
    output: str | None
    document: object
    records: list[NodeRecord] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    inputs: dict[str, list[str | None]] = field(default_factory=dict)
    users: dict[str, list[Any]] | None = field(default_factory=dict)  # None: not built
    #: the user lists, as they were, of nodes that stayed and fed removed ones
    kept_users: dict[str, list[Any]] = field(default_factory=dict)
    #: the removed edges into nodes that stayed
    into_kept: list[Edge] = field(default_factory=list)
    #: the document's ``structure_version`` just after the removal (-1 once restored)
    version: int = -1
    #: the evaluation plan the document had before, which a restore gives it back
    plan: EvaluationPlan | None = None
    #: the document's node, input and user dicts before a partial removal (it goes on with
    #: copies): a restore straight after puts them back instead of ordering new ones
    before: tuple | None = None

    def release(self) -> None:
        """Forget what only a restore straight after the removal uses (the plan and the
        dicts before: 20 MB for the demo graph), once no restore can use them."""
        self.plan = self.before = None


class BulkEdits:
    """Removing and adding many nodes (and their edges) as one change."""

    _nodes: dict[str, NodeRecord]
    _inputs: dict[str, list[str | None]]
    _user_index: dict[str, list[Any]] | None
    _restorable: Removal | None  # the removal the document can be restored from as it was
    _output: str | None
    _users: dict[str, list[Any]]
    _edge_count: tuple[int, int] | None
    _emit: Callable[..., None]
    structure_version: int
    _name: Callable[[str], str]
    _new_record: Callable[..., NodeRecord]
    _function_ports: Callable[[str | None, int, str | None], tuple]

    def remove_nodes(self, node_ids: Iterable[str], edges: Iterable[Edge] = ()) -> Removal:
        """Remove nodes, every edge touching them and *edges* (between nodes that stay),
        with one ``nodes_removed`` event (and an ``output_changed`` after it if the output
        went).  Returns the :class:`Removal`, which :meth:`restore` puts back exactly.

        Everything is checked first: an unknown id or an edge that does not exist raises
        and removes nothing."""
        nodes, inputs = self._nodes, self._inputs
        wanted = dict.fromkeys(node_ids)
        missing = [nid for nid in wanted if nid not in nodes]
        if missing:
            shown = ", ".join(repr(nid) for nid in missing[:5])
            raise UnknownNodeError(f"no node with id {shown}", tuple(missing))
        extra = list(dict.fromkeys(edges))
        for edge in extra:
            sources = inputs.get(edge.target)
            if sources is None or not (
                isinstance(edge.port, int)
                and 0 <= edge.port < len(sources)
                and sources[edge.port] == edge.source
            ):
                raise BadPortError(
                    f"there is no edge from {edge.source!r} into input {edge.port!r} of "
                    f"{edge.target!r}",
                    (edge.target,),
                )
        removal = Removal(list(nodes), self._output, self, plan=current_plan(self))
        count = self._edge_count
        with collector_paused():
            if len(wanted) == len(nodes):
                self._take_everything(removal)
            else:
                self._take(removal, wanted, extra)
        went = tuple(record.id for record in removal.records)
        if count is not None and count[0] == self.structure_version:
            self._edge_count = (self.structure_version + 1, count[1] - len(removal.edges))
        if removal.plan is not None and self._nodes:  # the next plan: the old one's rows
            # (numpy, which `autograd-studio run` does not load at start-up)
            from autograd_studio.graph.plan_edits import plan_without

            make = partial(plan_without, removal.plan, self, went)
            follow_plan(self, self.structure_version + 1, make)  # type: ignore[arg-type]
        output_went = self._output is not None and self._output in wanted
        if output_went:
            self._output = None
        if went or removal.edges:
            self._emit(
                EventKind.NODES_REMOVED,
                structural=True,
                node_ids=went,
                edges=tuple(removal.edges),
            )
        removal.version = self.structure_version
        # Restored straight after the removal or not at all that way: the next change of
        # shape releases its plan and dicts (see GraphDocument._emit).
        self._restorable = removal
        if output_went:
            self._emit(EventKind.OUTPUT_CHANGED, structural=False)
        return removal

    def _take_everything(self, removal: Removal) -> None:
        # The document's own dicts go to the removal whole: nothing to pick apart.
        removal.records = list(self._nodes.values())
        removal.edges = [
            Edge(source, target, port)
            for target, sources in self._inputs.items()
            for port, source in enumerate(sources)
            if source is not None
        ]
        # The user index stays unbuilt if it was (a graph just loaded): nobody asked yet.
        removal.inputs, removal.users = self._inputs, self._user_index  # type: ignore[assignment]
        self._nodes, self._inputs, self._user_index = {}, {}, {}

    def _take(self, removal: Removal, wanted: dict[str, None], extra: list[Edge]) -> None:
        # The document goes on with copies (a dict copy is a block copy, fast); the dicts
        # as they were are kept for the restore.
        removal.before = (self._nodes, self._inputs, self._user_index)
        nodes, inputs = self._nodes.copy(), self._inputs.copy()
        users = None if self._user_index is None else self._user_index.copy()
        self._nodes, self._inputs, self._user_index = nodes, inputs, users
        order = list(filter(wanted.__contains__, nodes)) if len(wanted) > 1 else list(wanted)
        # Each edge once: into a removed node, out of one into a node that stays, or given.
        removed = [e for e in extra if e.source not in wanted and e.target not in wanted]
        for nid in order:
            for port, source in enumerate(inputs.get(nid, ())):
                if source is not None:
                    removed.append(Edge(source, nid, port))
            if users is not None:
                flat = users[nid]
                for k in range(0, len(flat), 2):
                    if flat[k] not in wanted:
                        removed.append(Edge(nid, flat[k], flat[k + 1]))
        if users is None:  # not built (a graph just loaded): the input lists are asked, at
            taken = wanted.keys()  # C speed (map, compress): only those fed by one going
            fed = compress(inputs, map(not_, map(taken.isdisjoint, inputs.values())))
            for target in fed:
                if target not in wanted:
                    sources = inputs[target]
                    for port, source in enumerate(sources):
                        if source in wanted:
                            removed.append(Edge(source, target, port))  # type: ignore[arg-type]
        # Edges from nodes that stay leave their user lists: one new list per such source
        # (the removal keeps the old one, to put back as it was).
        gone: dict[str, set[tuple[str, int]]] = {}
        for edge in removed:
            if edge.target not in wanted:
                inputs[edge.target][edge.port] = None
                removal.into_kept.append(edge)
            if edge.source not in wanted and users is not None:
                gone.setdefault(edge.source, set()).add((edge.target, edge.port))
        for source, pairs in gone.items():
            flat = removal.kept_users[source] = users[source]  # type: ignore[index]
            users[source] = _without_pairs(flat, pairs, None if extra else wanted)  # type: ignore[index]
        removal.records = [nodes.pop(nid) for nid in order]
        removal.users = None if users is None else {nid: users.pop(nid) for nid in order}
        removal.inputs = {nid: inputs.pop(nid) for nid in order if nid in inputs}
        removal.edges = removed

    def restore(self, removal: Removal) -> None:
        """Put back what :meth:`remove_nodes` took (one ``nodes_added`` event, and an
        ``output_changed`` if the output comes back).

        Straight after the removal (nothing in the graph's shape changed since: the undo of
        a deletion) the removed parts are put back as they were, without checking them
        again, and the event says so (``field`` is ``"restored"``: a listener may reuse
        what it had built for them); otherwise they are added as :meth:`add_nodes` adds,
        checked."""
        if removal.document is self and removal.version == self.structure_version:
            count = self._edge_count
            with collector_paused():
                self._put_back(removal)
            removal.version = -1  # spent: the document has these nodes again
            if count is not None and count[0] == self.structure_version:
                self._edge_count = (self.structure_version + 1, count[1] + len(removal.edges))
            if removal.plan is not None:  # the same structure as before the removal
                keep_plan(self, removal.plan, self.structure_version + 1)
            self._emit(
                EventKind.NODES_ADDED,
                structural=True,
                node_ids=tuple(record.id for record in removal.records),
                edges=tuple(removal.edges),
                field=RESTORED,
            )
        else:  # the removed nodes where they stood, nodes added since at the end
            known = set(removal.order)
            present = self._nodes.keys() | {record.id for record in removal.records}
            order = [nid for nid in removal.order if nid in present]
            order += [nid for nid in self._nodes if nid not in known]
            self.add_nodes(removal.records, removal.edges, order=order)
        output = removal.output
        if output != self._output and (output is None or output in self._nodes):
            self._output = output
            self._emit(EventKind.OUTPUT_CHANGED, structural=False, node_id=output)

    def _put_back(self, removal: Removal) -> None:
        if removal.before is not None:  # the dicts as they were (a node list is shared by
            self._nodes, self._inputs, self._user_index = removal.before  # both: mend it)
            for edge in removal.into_kept:
                self._inputs[edge.target][edge.port] = edge.source
            return
        back = {record.id: record for record in removal.records}
        if not self._nodes:  # everything went and comes back: the very dicts, in order
            self._nodes, self._inputs = back, removal.inputs
            self._user_index = removal.users
            return
        nodes, inputs, users = self._nodes, self._inputs, self._user_index
        nodes.update(back)
        inputs.update(removal.inputs)
        if users is not None and removal.users is not None:
            users.update(removal.users)
            users.update(removal.kept_users)
        for edge in removal.into_kept:
            inputs[edge.target][edge.port] = edge.source
        # The node order before the removal, dicts made at C speed (map and zip, no loop
        # in Python: three 65,818-entry dicts for the demo graph).
        order = removal.order
        self._nodes = dict(zip(order, map(nodes.__getitem__, order), strict=True))
        ops = list(filter(inputs.__contains__, order))
        self._inputs = dict(zip(ops, map(inputs.__getitem__, ops), strict=True))
        if users is not None and removal.users is not None:
            self._user_index = dict(zip(order, map(users.__getitem__, order), strict=True))
        else:
            self._user_index = None  # built from the input lists when next asked

    def record_for(
        self,
        kind: str,
        *,
        id: str,
        op: str | None = None,
        label: str | None = None,
        value: float | None = None,
        pos: tuple[float, float] | None = None,
        extra: dict[str, Any] | None = None,
        function: str | None = None,
        result: int = 0,
        arity: int | None = None,
    ) -> NodeRecord:
        """The record :meth:`add_node` would add with these arguments (defaults filled
        in, everything checked: it raises what add_node raises), without adding it: build
        a batch for :meth:`add_nodes` with it."""
        return self._new_record(
            kind, op, label, value, pos, id, extra, function, result, arity, fresh=False
        )

    def add_nodes(
        self,
        records: Iterable[NodeRecord],
        edges: Iterable[Edge] = (),
        order: Sequence[str] | None = None,
    ) -> tuple[str, ...]:
        """Add nodes given as records (taken, not copied: do not change them afterwards)
        and edges among them and the nodes already here, with one ``nodes_added`` event;
        returns the new ids.  *order*, if given, is the document's node order afterwards
        (every id once: where removed nodes stood before, so the saved file is the same).

        Everything is checked first, as :meth:`add_node` and :meth:`connect` check each:
        an id that is taken, twice or badly formed, an unknown op or function, a bad value
        or position, a missing node, port, a taken port or a cycle raises and adds nothing.
        """
        nodes = self._nodes
        new: dict[str, NodeRecord] = {}
        with collector_paused():
            for record in records:
                checked = self._checked(record)
                if checked.id in new:
                    raise DuplicateIdError(
                        f"the node id {checked.id!r} is given twice", (checked.id,)
                    )
                new[checked.id] = checked
            links = list(dict.fromkeys(edges))
            fresh, into_old = self._wired(new, links)
            final = None
            if order is not None:
                final = list(order)
                if len(final) != len(nodes) + len(new) or set(final) != nodes.keys() | new.keys():
                    raise BadValueError("the order needs every node id exactly once")
            self._link_new(new, fresh, into_old, links, final)
        if new or links:
            self._emit(
                EventKind.NODES_ADDED, structural=True, node_ids=tuple(new), edges=tuple(links)
            )
        return tuple(new)

    # --- checks ------------------------------------------------------------------------------

    def _checked(self, record: NodeRecord) -> NodeRecord:
        """*record* when it is well formed (the common case, checked fast), else the record
        :meth:`add_node` would make of its fields, which raises what is wrong."""
        nid = record.id
        if nid in self._nodes:
            raise DuplicateIdError(f"a node with id {nid!r} already exists", (nid,))
        kind, op, value, pos = record.kind, record.op, record.value, record.pos
        if (
            record.__class__ is NodeRecord
            and nid.__class__ is str
            and ID_PATTERN.match(nid)
            and record.label.__class__ is str
            and record.extra.__class__ is dict
            and record.function is None
            and record.result == 0
            and (
                (kind == "op" and op in OPS and value is None and _fixed_or_variadic(record))
                or (
                    kind in ("input", "weight")
                    and op is None
                    and not record.ports
                    and value.__class__ is float
                    and math.isfinite(value)  # type: ignore[arg-type]
                )
            )
            and (
                pos is None
                or (
                    pos.__class__ is tuple
                    and len(pos) == 2
                    and pos[0].__class__ is float
                    and pos[1].__class__ is float
                    and math.isfinite(pos[0])
                    and math.isfinite(pos[1])
                )
            )
        ):
            return record
        arity = len(record.ports) if op in OPS and OPS[op].variadic else None
        checked = self._new_record(
            kind,
            op,
            record.label,
            value,
            pos,
            nid,
            record.extra,
            record.function,
            record.result,
            arity,
            fresh=False,
        )
        checked.extra = record.extra  # kept as given, like the record itself
        return checked

    def _wired(
        self, new: dict[str, NodeRecord], edges: list[Edge]
    ) -> tuple[dict[str, list[str | None]], list[Edge]]:
        """The input lists of the new nodes with *edges* into them filled in, and the edges
        into nodes already here, when every edge joins existing or new nodes into a free
        port without a cycle; else the error :meth:`connect` would give.  Nothing of the
        document changes."""
        nodes, inputs = self._nodes, self._inputs
        fresh: dict[str, list[str | None]] = {
            nid: [None] * record.arity for nid, record in new.items() if record.computed
        }
        into_old: list[Edge] = []
        taken: set[tuple[str, int]] = set()  # ports of nodes already here, filled now
        for edge in edges:
            source, target, port = edge.source, edge.target, edge.port
            sources = fresh.get(target)
            old = sources is None
            if old:
                sources = inputs.get(target)
            if (
                sources is None
                or port.__class__ is not int
                or not 0 <= port < len(sources)
                or sources[port] is not None
                or (source not in new and source not in nodes)
                or source == target
                or (old and (target, port) in taken)
            ):
                raise self._link_error(new, edge, fresh, taken)
            if old:
                taken.add((target, port))
                into_old.append(edge)
            else:
                sources[port] = source
        cycle = self._cycle_through(new, edges)
        if cycle is not None:
            names = [new[n].display_name if n in new else self._name(n) for n in cycle]
            raise CycleError(
                Message("cycle", repr(names[-2]), repr(names[-1]), " → ".join(names)),
                tuple(cycle[:-1]),
            )
        return fresh, into_old

    def _link_error(
        self,
        new: dict[str, NodeRecord],
        edge: Edge,
        fresh: dict[str, list[str | None]],
        taken: set[tuple[str, int]],
    ) -> Exception:
        """What is wrong with *edge* (which :meth:`_wired` found wrong)."""
        nodes = self._nodes
        source, target, port = edge.source, edge.target, edge.port
        for end in (source, target):
            if end not in nodes and end not in new:
                return UnknownNodeError(f"no node with id {end!r}", (end,))
        record = new.get(target) or nodes[target]
        if not record.computed:
            return BadPortError(
                Message("takes-no-inputs", repr(record.display_name), kind_word(record.kind)),
                (target,),
            )
        if not (port.__class__ is int and 0 <= port < record.arity):
            return BadPortError(f"{record.display_name!r} has no input {port!r}", (target,))
        if source == target:
            return SelfLoopError(Message("self-loop", repr(record.display_name)), (source,))
        holder = (fresh.get(target) or self._inputs[target])[port] or source
        return PortOccupiedError(
            Message("port-occupied", str(port), repr(record.display_name), repr(holder)),
            (target, holder),
        )

    def _cycle_through(self, new: dict[str, NodeRecord], edges: list[Edge]) -> list[str] | None:
        """A cycle the new edges would close (``[a, b, ..., a]``), else ``None``.

        The document has none, so a cycle uses a new edge.  When every new edge leaves a
        new node, a path into the nodes already here never comes back (their edges lead
        among themselves), so only the new nodes and edges are sorted (Kahn's algorithm:
        undoing the deletion of a whole graph walks it once); else a depth-first search
        from the new edges' ends walks what they reach."""
        added: dict[str, list[str]] = {}
        for edge in edges:
            added.setdefault(edge.source, []).append(edge.target)
        into_old = any(edge.source not in new for edge in edges)
        if not into_old:
            waiting = Counter(edge.target for edge in edges)
            ready = [nid for nid in added if nid not in waiting]
            while ready:
                for target in added.get(ready.pop(), ()):
                    left = waiting[target] - 1
                    waiting[target] = left
                    if not left:
                        ready.append(target)
            if not any(waiting.values()):
                return None
        return self._cycle_search(new, added, into_old)

    def _cycle_search(
        self, new: dict[str, NodeRecord], added: dict[str, list[str]], into_old: bool
    ) -> list[str] | None:
        users = self._users if into_old else {}
        grey, black = 1, 2
        state: dict[str, int] = {}

        def after(node: str) -> Iterable[str]:
            flat = users.get(node)
            later = added.get(node, ())
            return chain(flat[0::2], later) if flat else later

        starts = dict.fromkeys(t for targets in added.values() for t in targets)
        for start in starts:
            if start in state or (not into_old and start not in new):
                continue
            state[start] = grey
            path = [start]
            stack = [iter(after(start))]
            while stack:
                for nxt in stack[-1]:
                    seen = state.get(nxt)
                    if seen is None:
                        if not into_old and nxt not in new:
                            continue
                        state[nxt] = grey
                        path.append(nxt)
                        stack.append(iter(after(nxt)))
                        break
                    if seen == grey:
                        return [*path[path.index(nxt) :], nxt]
                else:
                    state[path.pop()] = black
                    stack.pop()
        return None

    # --- the change --------------------------------------------------------------------------

    def _link_new(
        self,
        new: dict[str, NodeRecord],
        fresh: dict[str, list[str | None]],
        into_old: list[Edge],
        edges: list[Edge],
        order: list[str] | None,
    ) -> None:
        nodes, inputs = self._nodes, self._inputs
        users = self._user_index  # None after a bulk load: built from inputs when asked
        nodes.update(new)
        inputs.update(fresh)
        for edge in into_old:
            inputs[edge.target][edge.port] = edge.source
        if users is not None:
            users.update((nid, []) for nid in new)
            for edge in edges:
                flat = users[edge.source]
                flat.append(edge.target)
                flat.append(edge.port)
        if order is not None and order != list(nodes):
            self._nodes = {nid: nodes[nid] for nid in order}
            self._inputs = {nid: self._inputs[nid] for nid in order if nid in self._inputs}
            if users is not None:
                self._user_index = {nid: users[nid] for nid in order}


def _fixed_or_variadic(record: NodeRecord) -> bool:
    op = OPS[record.op]  # type: ignore[index]
    if not op.variadic:
        return not record.ports
    count = len(record.ports)
    return count >= MIN_VARIADIC_PORTS and record.ports == op.port_labels(count)


def _without_pairs(
    flat: list[Any], pairs: set[tuple[str, int]], wanted: dict[str, None] | None
) -> list[Any]:
    """A user list (``[target, port, ...]``) without *pairs*.  When they are exactly the
    pairs whose target is in *wanted* (no edges between nodes that stay were named), it is
    filtered at C speed: a weight of the demo graph feeds thousands of nodes."""
    if wanted is None or len(flat) < 64:
        kept: list[Any] = []
        for k in range(0, len(flat), 2):
            if (flat[k], flat[k + 1]) not in pairs:
                kept.append(flat[k])
                kept.append(flat[k + 1])
        return kept
    stays = list(map(not_, map(wanted.__contains__, flat[0::2])))
    targets, ports = list(compress(flat[0::2], stays)), list(compress(flat[1::2], stays))
    kept = [None] * (2 * len(targets))
    kept[0::2], kept[1::2] = targets, ports
    return kept

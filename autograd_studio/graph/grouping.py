"""Group nodes into a function and back: the document operations behind Graph > Group.

:func:`group` moves a selection into a new definition and leaves one function node where
it was; :func:`ungroup` puts a function node's nodes back.  Ungrouping what was just grouped
gives the original document again (ids, labels, values, positions and edges), and the
numbers never change: the plan inlines functions, so before and after are the same graph.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from autograd_studio.graph.errors import GroupError
from autograd_studio.graph.functions import NAME_PATTERN, FunctionDef, function_instances
from autograd_studio.graph.records import Edge
from autograd_studio.messages import Message

if TYPE_CHECKING:
    from autograd_studio.graph.document import GraphDocument, NodeRecord

__all__ = ["flatten", "fresh_function_name", "group", "make_unique", "ungroup"]

PORT_GAP = 220.0  # how far left of the grouped nodes the ports' input nodes sit inside
PORT_ROW = 90.0  # and how far apart, top to bottom in port order


def fresh_function_name(doc: GraphDocument, stem: str = "group") -> str:
    """A definition name not used yet: *stem*, then *stem*1, *stem*2 ..."""
    if not NAME_PATTERN.match(stem):
        stem = "function"
    n = 0
    name = stem
    while name in doc.functions:
        n += 1
        name = f"{stem}{n}"
    return name


def group(doc: GraphDocument, node_ids: Iterable[str], name: str | None = None) -> str:
    """Turn the nodes *node_ids* of *doc* into a new function and one node using it.

    The function's ports are the edges entering the selection (one port per node feeding
    it, named after that node); its output is the one selected node that feeds the rest of
    the graph (or is the document's output, or is the selection's only sink).  The new
    node sits where the selection was and returns its id.  Raises :class:`GroupError` for
    an empty selection, one with several outputs, or one that would close a cycle.
    """
    chosen = dict.fromkeys(node_ids)
    if not chosen:
        raise GroupError(Message("group-nothing-selected"))
    for nid in chosen:
        doc.node(nid)
    order = [nid for nid in doc.nodes if nid in chosen]
    edges = doc.edges
    incoming = [e for e in edges if e.target in chosen and e.source not in chosen]
    outgoing = [e for e in edges if e.source in chosen and e.target not in chosen]
    _refuse_cycles(doc, chosen)
    output = _the_output(doc, order, outgoing)
    name = name if name is not None else fresh_function_name(doc)
    if name in doc.functions:
        raise GroupError(Message("function-exists", repr(name)))

    body = type(doc)()  # a document like *doc*: this module sits below the document module
    body._functions, body._owner = doc._functions, name  # nested function nodes resolve
    ports = list(dict.fromkeys(e.source for e in incoming))
    known = [doc.nodes[nid].pos for nid in order if doc.nodes[nid].pos is not None]
    left = min((p[0] for p in known), default=0.0) - PORT_GAP
    top = min((p[1] for p in known), default=0.0)
    for k, source in enumerate(ports):
        record = doc.nodes[source]
        pos = (left, top + k * PORT_ROW) if known else None  # a column left of the nodes
        value = record.value if record.value is not None else 0.0
        body.add_node("input", id=source, label=record.label or source, value=value, pos=pos)
    for nid in order:
        _copy_node(doc.nodes[nid], body, nid)
    targets = body.topological_order(order)  # sources first: no cycle check walks far
    by_target: dict[str, list[Edge]] = {}
    for e in edges:
        if e.target in chosen:
            by_target.setdefault(e.target, []).append(e)
    for target in targets:
        for e in by_target.get(target, ()):
            body.connect(e.source, e.target, e.port)
    body.set_output(output)
    definition = FunctionDef(name, body, inputs=ports, outputs=[output])

    place = order[0]
    where = list(doc.nodes).index(place)
    explicit = doc.explicit_output in chosen
    pos = _centroid(doc.nodes[nid].pos for nid in order)
    doc.remove_nodes(order)  # one event for the whole selection, however big
    doc.add_function(definition)
    node = doc.add_node("function", function=name, id=doc.fresh_id(name), pos=pos)
    for port, source in enumerate(ports):
        doc.connect(source, node, port)
    for e in outgoing:
        doc.connect(node, e.target, e.port)
    if explicit:
        doc.set_output(node)
    _move_in_order(doc, [node], where)
    return node


def ungroup(doc: GraphDocument, node_id: str) -> list[str]:
    """Replace function node *node_id* by the nodes of its definition; returns their ids.

    Nodes keep their ids where those are free.  The definition's weights are copied out,
    so other instances of it keep theirs; a definition no longer used is removed.
    """
    record = doc.node(node_id)
    if record.function is None:
        raise GroupError(Message("not-a-function-node", repr(record.display_name)), (node_id,))
    definition = doc.function(record.function)
    body = definition.body
    ports = set(definition.inputs)
    sources = doc.inputs_of(node_id)
    users = doc.users_of(node_id)
    explicit = doc.explicit_output == node_id
    where = list(doc.nodes).index(node_id)
    inner = [nid for nid in body.nodes if nid not in ports]
    offset = (0.0, 0.0)
    centre = _centroid(body.nodes[nid].pos for nid in inner)
    if record.pos is not None and centre is not None:
        offset = (record.pos[0] - centre[0], record.pos[1] - centre[1])
    doc.remove_node(node_id)

    mapping: dict[str, str] = {}
    for k, port in enumerate(definition.inputs):
        if k < len(sources) and sources[k] is not None:
            mapping[port] = sources[k]  # type: ignore[assignment]
    added: list[str] = []
    records: list[NodeRecord] = []
    taken: set[str] = set()
    for nid, inner_record in body.nodes.items():
        if nid in mapping:
            continue
        new_id = _free_id(doc, nid, taken)
        taken.add(new_id)
        at = inner_record.pos
        pos = at and (at[0] + offset[0], at[1] + offset[1])
        records.append(_copied_record(inner_record, doc, new_id, pos))
        mapping[nid] = new_id
        added.append(new_id)
    edges = [
        Edge(mapping[source], mapping[target], port)
        for target, sources in body.input_lists.items()
        for port, source in enumerate(sources)
        if source is not None
    ]
    out = mapping.get(definition.outputs[record.result]) if definition.outputs else None
    if out is not None:
        edges += [Edge(out, target, port) for target, port in users]
    doc.add_nodes(records, edges)  # one event for the whole body, however big
    if out is not None and explicit:
        doc.set_output(out)
    _move_in_order(doc, added, where)
    if not any(True for _ in function_instances(doc, definition.name)):
        doc.remove_function(definition.name)
    return added


def flatten(doc: GraphDocument) -> GraphDocument:
    """A copy of *doc* with every function node ungrouped, nested ones too: the plain graph
    the evaluation plan computes (for tools that only know op nodes, such as the PyTorch
    cross-check).  Document-level ids are kept."""
    flat = doc.copy()
    while True:
        functions = [nid for nid, record in flat.nodes.items() if record.function is not None]
        if not functions:
            return flat
        for nid in functions:
            ungroup(flat, nid)


def make_unique(doc: GraphDocument, node_id: str) -> str:
    """Give function node *node_id* a copy of its definition of its own, so that editing it
    leaves the other instances alone; returns the copy's name."""
    record = doc.node(node_id)
    if record.function is None:
        raise GroupError(Message("not-a-function-node", repr(record.display_name)), (node_id,))
    definition = doc.function(record.function)
    copy = definition.snapshot(fresh_function_name(doc, definition.name))
    doc.add_function(copy)
    doc.set_function(node_id, copy.name)
    return copy.name


def _the_output(doc: GraphDocument, order: list[str], outgoing: list[Edge]) -> str:
    outputs = list(dict.fromkeys(e.source for e in outgoing))
    if doc.output in order and doc.output not in outputs:
        outputs.append(doc.output)  # type: ignore[arg-type]
    if not outputs:
        chosen = set(order)
        outputs = [n for n in order if not any(t in chosen for t, _ in doc.users_of(n))]
    if len(outputs) != 1:
        names = ", ".join(repr(_name(doc, n)) for n in outputs[:4])
        raise GroupError(Message("group-outputs", str(len(outputs)), names), tuple(outputs))
    return outputs[0]


def _refuse_cycles(doc: GraphDocument, chosen: dict[str, None]) -> None:
    """A node outside the selection that both uses it and feeds it would, once the
    selection is one node, sit on a cycle through that node."""
    below = _reach(chosen, lambda n: (t for t, _ in doc.users_of(n)))
    above = _reach(chosen, lambda n: (s for s in doc.inputs_of(n) if s is not None))
    between = [n for n in doc.nodes if n in below and n in above]
    if between:
        name = _name(doc, between[0])
        raise GroupError(Message("group-cycle", repr(name)), tuple(between))


def _name(doc: GraphDocument, node_id: str) -> str:
    return doc.nodes[node_id].label or node_id  # an op's symbol alone ("+") is ambiguous


def _reach(start: dict[str, None], step) -> set[str]:
    seen: set[str] = set()
    stack = [n for s in start for n in step(s) if n not in start]
    while stack:
        node = stack.pop()
        if node in seen or node in start:
            continue
        seen.add(node)
        stack.extend(step(node))
    return seen


def _free_id(doc: GraphDocument, node_id: str, taken: set[str]) -> str:
    """*node_id* if neither *doc* nor the nodes being copied (*taken*) use it, else a fresh
    id from it that neither uses."""
    if node_id not in doc.nodes and node_id not in taken:
        return node_id
    fresh, n = doc.fresh_id(node_id), 1
    while fresh in taken:
        fresh, n = doc.fresh_id(f"{node_id}{n}"), n + 1
    return fresh


def _copied_record(
    record: NodeRecord, doc: GraphDocument, new_id: str, pos: tuple[float, float] | None
) -> NodeRecord:
    return doc.record_for(record.kind, **_copied_fields(record, new_id, pos))


def _copy_node(
    record: NodeRecord, doc: GraphDocument, new_id: str, pos: tuple[float, float] | None = None
) -> str:
    return doc.add_node(record.kind, **_copied_fields(record, new_id, pos))


def _copied_fields(
    record: NodeRecord, new_id: str, pos: tuple[float, float] | None
) -> dict[str, Any]:
    """What a copy of *record* is made of (for ``add_node`` and ``record_for`` alike)."""
    return {
        "op": record.op,
        "function": record.function,
        "result": record.result,
        "arity": record.arity if record.variadic else None,  # a sum keeps its ports
        "label": record.label,
        "value": record.value,
        "pos": record.pos if pos is None else pos,
        "id": new_id,
        "extra": dict(record.extra),
    }


def _centroid(positions: Iterable[tuple[float, float] | None]) -> tuple[float, float] | None:
    known = [p for p in positions if p is not None]
    if not known:
        return None
    return (sum(p[0] for p in known) / len(known), sum(p[1] for p in known) / len(known))


def _move_in_order(doc: GraphDocument, ids: list[str], where: int) -> None:
    """Put *ids* at position *where* of the document's node order (files list nodes so)."""
    moved = set(ids)
    rest = [nid for nid in doc.nodes if nid not in moved]
    doc.reorder([*rest[:where], *ids, *rest[where:]])

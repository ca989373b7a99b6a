"""Function nodes unfolded into the plain graph they stand for, for the evaluation plan.

:func:`inline` turns a document with function nodes into a :class:`FlatGraph`: the same
nodes and edges that ungrouping every function (again and again, inside out) would give,
so evaluating it is evaluating the flattened document, to the last bit.  Names:

- a top-level node keeps its id;
- an op or function node inside an instance is ``instance/inner`` (``f1/mul2``, nested
  ``f1/g/mul2``); ``/`` never occurs in an id, so these cannot collide;
- a leaf a definition owns (its weights, its inputs that are not ports) is one node for
  every instance, ``@name/id`` (``@neuron/w1``);
- *aliases* name the same values the way the editor sees them: a function node is its
  output's value (``f1`` -> ``f1/relu``), a port input node is what feeds the port
  (``f1/x`` -> ``x1``), a shared leaf seen from an instance is the shared one
  (``f1/w1`` -> ``@neuron/w1``).  So ``result.data["f1/mul2"]`` is that node's value in
  the instance ``f1``: what the editor shows inside a function entered from ``f1``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from autograd_studio.graph.document import NodeRecord
from autograd_studio.messages import Message

if TYPE_CHECKING:
    from autograd_studio.graph.document import GraphDocument
    from autograd_studio.graph.functions import FunctionDef

__all__ = ["FlatGraph", "inline", "owner_of"]


@dataclass
class FlatGraph:
    """What :func:`~autograd_studio.graph.plan.compile_plan` reads: ``nodes``,
    ``inputs_of`` and ``structure_version``, like a document, plus the names above."""

    structure_version: int
    names: list[str]  # the document's own node ids, in document order
    nodes: dict[str, NodeRecord] = field(default_factory=dict)  # flat id -> record
    sources: dict[str, list[str | None]] = field(default_factory=dict)  # flat id -> per port
    aliases: dict[str, str] = field(default_factory=dict)  # name -> flat id
    missing: dict[str, str] = field(default_factory=dict)  # flat id -> why it has no value

    def inputs_of(self, node_id: str) -> list[str | None]:
        return self.sources.get(node_id, [])


def owner_of(flat_id: str) -> str | None:
    """The document node a flat node belongs to (``f1`` for ``f1/g/mul``), if it is inside."""
    if "/" not in flat_id or flat_id.startswith("@"):
        return None
    return flat_id.split("/", 1)[0]


def inline(doc: GraphDocument) -> FlatGraph:
    """*doc* with every function node unfolded (see the module docstring)."""
    flat = FlatGraph(doc.structure_version, list(doc.nodes))
    shapes: dict[str, _Shape] = {}  # each body sorted once, however many instances
    local: dict[str, str] = {}
    for nid in doc.topological_order():
        record = doc.nodes[nid]
        if record.function is None:
            flat.nodes[nid] = record
            if record.computed:
                flat.sources[nid] = [None if s is None else local[s] for s in doc.inputs_of(nid)]
            local[nid] = nid
        else:
            sources = [None if s is None else local[s] for s in doc.inputs_of(nid)]
            local[nid] = _instance(flat, doc, record, f"{nid}/", sources, shapes)
            flat.aliases[nid] = local[nid]
    return flat


_Shape = list[tuple[str, NodeRecord, list[str | None]]]


def _shape(body: GraphDocument) -> _Shape:
    """``(id, record, sources)`` of every body node, operands first."""
    return [(nid, body.nodes[nid], body.inputs_of(nid)) for nid in body.topological_order()]


def _instance(
    flat: FlatGraph,
    doc: GraphDocument,
    record: NodeRecord,
    prefix: str,
    sources: list[str | None],
    shapes: dict[str, _Shape],
) -> str:
    """Unfold one instance; return the flat id of the value it yields."""
    definition: FunctionDef = doc.functions[record.function]  # type: ignore[index]
    body = definition.body
    shape = shapes.get(definition.name)
    if shape is None:
        shape = shapes[definition.name] = _shape(body)
    ports = {port: k for k, port in enumerate(definition.inputs)}
    local: dict[str, str] = {}
    for nid, inner, inner_inputs in shape:
        name = prefix + nid
        if nid in ports:
            source = sources[ports[nid]] if ports[nid] < len(sources) else None
            if source is None:
                source = name
                flat.nodes[name] = inner
                flat.missing[name] = Message(
                    "function-input-unconnected",
                    repr(definition.port_label(ports[nid])),
                    repr(record.display_name),
                )
            local[nid] = source
        elif inner.function is not None:
            inner_sources = [None if s is None else local[s] for s in inner_inputs]
            local[nid] = _instance(flat, doc, inner, name + "/", inner_sources, shapes)
        elif inner.computed:
            flat.nodes[name] = inner
            flat.sources[name] = [None if s is None else local[s] for s in inner_inputs]
            local[nid] = name
        else:
            shared = f"@{definition.name}/{nid}"
            flat.nodes.setdefault(shared, inner)
            local[nid] = shared
        if local[nid] != name:
            flat.aliases[name] = local[nid]
    outputs = definition.outputs
    if record.result < len(outputs) and outputs[record.result] in local:
        return local[outputs[record.result]]
    name = prefix.rstrip("/")
    flat.nodes[name] = record
    flat.missing[name] = Message("function-no-output", repr(definition.name))
    return name

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

from autograd_studio.graph.records import NodeRecord
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
    shapes: dict[tuple[str, int], _Shape] = {}  # each body sorted once per output used
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


# (id, record, sources, what, detail) of each body node an instance unfolds, operands first:
# what is _PORT (detail: the port number), _CALL (a function node), _OP (computed, detail:
# whether every input is connected) or _LEAF (detail: the shared flat id).
_Shape = list[tuple[str, NodeRecord, list[str | None], int, object]]
_PORT, _CALL, _OP, _LEAF = range(4)


def _shape(definition: FunctionDef, result: int) -> _Shape:
    """The body nodes an instance yielding output *result* unfolds: every leaf and port,
    and the computed nodes except those only the definition's *other* outputs need (an
    MLP's L2 term in each of a hundred calls that use only its prediction would be
    computed for nothing: no value of the document and no gradient depends on it).
    Inside such an instance those show no value."""
    body = definition.body
    outputs = [o for o in definition.outputs if o in body]
    mine = _upstream(body, outputs[result : result + 1] if result < len(outputs) else [])
    others = _upstream(body, [o for k, o in enumerate(outputs) if k != result]) - mine
    ports = {port: k for k, port in enumerate(definition.inputs)}
    shape: _Shape = []
    for nid in body.topological_order():
        inner = body.nodes[nid]
        inputs = body.inputs_of(nid)
        if nid in ports:
            shape.append((nid, inner, inputs, _PORT, ports[nid]))
        elif nid in others:
            continue
        elif inner.function is not None:
            shape.append((nid, inner, inputs, _CALL, None))
        elif inner.computed:
            shape.append((nid, inner, inputs, _OP, None not in inputs))
        else:
            shape.append((nid, inner, inputs, _LEAF, f"@{definition.name}/{nid}"))
    return shape


def _upstream(body: GraphDocument, roots: list[str]) -> set[str]:
    """*roots* and every node they depend on."""
    found: set[str] = set()
    stack = list(roots)
    while stack:
        nid = stack.pop()
        if nid not in found:
            found.add(nid)
            stack.extend(s for s in body.input_lists.get(nid, ()) if s is not None)
    return found


def _instance(
    flat: FlatGraph,
    doc: GraphDocument,
    record: NodeRecord,
    prefix: str,
    sources: list[str | None],
    shapes: dict[tuple[str, int], _Shape],
) -> str:
    """Unfold one instance; return the flat id of the value it yields."""
    definition: FunctionDef = doc.functions[record.function]  # type: ignore[index]
    key = (definition.name, record.result)
    shape = shapes.get(key)
    if shape is None:
        shape = shapes[key] = _shape(definition, record.result)
    local: dict[str, str] = {}
    nodes, flat_sources, aliases = flat.nodes, flat.sources, flat.aliases
    for nid, inner, inner_inputs, what, detail in shape:
        name = prefix + nid
        if what is _OP:  # the most common by far: the hot path
            nodes[name] = inner
            if detail:
                flat_sources[name] = [local[s] for s in inner_inputs]  # type: ignore[index]
            else:
                flat_sources[name] = [None if s is None else local[s] for s in inner_inputs]
            local[nid] = name
            continue
        if what is _LEAF:
            if detail not in nodes:
                nodes[detail] = inner  # type: ignore[index]
            local[nid] = aliases[name] = detail  # type: ignore[assignment]
            continue
        if what is _PORT:
            source = sources[detail] if detail < len(sources) else None  # type: ignore[operator]
            if source is None:
                source = name
                nodes[name] = inner
                flat.missing[name] = Message(
                    "function-input-unconnected",
                    repr(definition.port_label(detail)),  # type: ignore[arg-type]
                    repr(record.display_name),
                )
        else:
            inner_sources = [None if s is None else local[s] for s in inner_inputs]
            source = _instance(flat, doc, inner, name + "/", inner_sources, shapes)
        local[nid] = source
        if source != name:
            aliases[name] = source
    outputs = definition.outputs
    if record.result < len(outputs) and outputs[record.result] in local:
        return local[outputs[record.result]]
    name = prefix.rstrip("/")
    flat.nodes[name] = record
    flat.missing[name] = Message("function-no-output", repr(definition.name))
    return name

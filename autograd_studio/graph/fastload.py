"""Reading the common shape of an ``.agraph`` file in one typed pass (msgspec).

The full reader (:mod:`~autograd_studio.graph.fileformat`) parses JSON into dicts, walks
them against the declared schema and adds nodes and edges one at a time, each checked and
announced: 7-10 times as long as :func:`json.load` on the 65,818-node demo.  Almost every
file is in the shape this program writes, so this module decodes and type-checks that shape
straight into structs with msgspec (faster than ``json.loads``), checks in bulk what the
types cannot say (ids, kinds, ports, cycles) and builds the document's indexes at once.

It never explains anything: :func:`decode` gives ``None`` whenever the file is anything but
that common shape and valid (another version, unknown fields, escapes, any error at all),
and the full reader then runs and reports the file, the JSON path and what is wrong.  So
the two readers cannot disagree about what loads; they may only differ in speed.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

import msgspec
from msgspec import UNSET, Meta, Struct, UnsetType

from autograd_studio.engine.ops import MIN_VARIADIC_PORTS, OPS
from autograd_studio.graph.document import KINDS, GraphDocument, NodeRecord
from autograd_studio.graph.schema import FORMAT_NAME, FORMAT_VERSION

__all__ = ["decode"]

_FINITE = Meta(ge=-1.7976931348623157e308, le=1.7976931348623157e308)
Finite = Annotated[float, _FINITE]


class _Node(Struct, forbid_unknown_fields=True):
    id: str
    kind: Literal["input", "weight", "op"]
    op: str | UnsetType = UNSET
    label: str | UnsetType = UNSET
    value: Finite | UnsetType = UNSET
    pos: tuple[Finite, Finite] | UnsetType | None = UNSET
    inputs: int | UnsetType = UNSET  # a sum's port count


class _Edge(Struct, forbid_unknown_fields=True, rename={"source": "from", "target": "to"}):
    source: str
    target: str
    port: Annotated[int, Meta(ge=0)]


class _File(Struct, forbid_unknown_fields=True):
    format: Literal[FORMAT_NAME]  # type: ignore[valid-type]
    version: Literal[1, FORMAT_VERSION]  # type: ignore[valid-type]
    nodes: list[_Node]
    description: str | UnsetType = UNSET
    edges: list[_Edge] | UnsetType = UNSET
    output: str | UnsetType | None = UNSET


_DECODER = msgspec.json.Decoder(_File)
# Every id, each followed by a newline (which no id can hold), checked by one regex call.
_IDS = re.compile(r"(?:[A-Za-z_][A-Za-z0-9_.\-]*\n)*")
_ARITY = {name: op.arity for name, op in OPS.items()}
_OP_NAMES = {name: name for name in OPS}
_KIND_NAMES = {kind: kind for kind in KINDS}
_EDGE_QUOTES = 10  # "from": "a", "to": "b", "port": 0


def decode(raw: bytes) -> GraphDocument | None:
    """The document in *raw* if it is a valid file of the common shape, else ``None``."""
    # Without a backslash no string holds an escape, so every '"' in the text opens or
    # closes a string, and counting them finds repeated keys (below).
    if b"\\" in raw:
        return None
    try:
        data = _DECODER.decode(raw)
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None
    built = _nodes(data.nodes)
    if built is None:
        return None
    nodes, quotes = built
    edges = data.edges or []
    linked = _inputs(nodes, edges)
    if linked is None:
        return None
    inputs, sources_first = linked
    output = None if data.output is UNSET else data.output
    if output is not None and output not in nodes:
        return None
    description = data.description
    if description is not UNSET and ("\n" in description or "\r" in description):
        return None
    # JSON lets a key appear twice and msgspec keeps the last one, as json.loads does; the
    # format refuses that.  A repeated key shows as more quotes than the fields read.
    quotes += _EDGE_QUOTES * len(edges) + _top_level_quotes(data)
    if quotes != raw.count(b'"'):
        return None
    doc = GraphDocument.from_checked(nodes, inputs, output, len(edges))
    if not sources_first and len(doc.topological_order()) < len(nodes):  # a cycle
        return None
    if data.version == 1 and output is None:  # as migrations.output_made_explicit does
        doc.set_output(doc.output)
    if description is not UNSET:
        doc.metadata = {"description": description}
    return doc


def _top_level_quotes(data: _File) -> int:
    strings = 4  # "format": "autograd-studio-graph", "version", "nodes"
    if data.description is not UNSET:
        strings += 2
    if data.edges is not UNSET:
        strings += 1
    if data.output is not UNSET:
        strings += 1 if data.output is None else 2
    return 2 * strings


def _nodes(items: list[_Node]) -> tuple[dict[str, NodeRecord], int] | None:
    """id -> record for every node, and how many quotes the nodes' text holds."""
    nodes: dict[str, NodeRecord] = {}
    strings = 4 * len(items)  # "id": "n1", "kind": "op"
    for node in items:
        node_id, kind, op, value, label, pos = (
            node.id, node.kind, node.op, node.value, node.label, node.pos
        )  # fmt: skip
        kind = _KIND_NAMES.get(kind, kind)  # one string per kind and op, not per node
        if kind == "op":
            if op not in _ARITY or value is not UNSET:
                return None
            op = _OP_NAMES[op]
            strings += 2
            value = None
            if label is UNSET:
                label = ""
            else:
                strings += 2
        elif op is not UNSET or value is UNSET:
            return None
        else:
            op = None
            strings += 1
            if label is UNSET:
                label = node_id
            else:
                strings += 2
        if pos is UNSET:
            pos = None
        else:
            strings += 1
        nodes[node_id] = record = NodeRecord(node_id, kind, label, op, value, pos, {})
        if node.inputs is not UNSET:
            strings += 1
            if op is None or not OPS[op].variadic or node.inputs < MIN_VARIADIC_PORTS:
                return None
            record.ports = OPS[op].port_labels(node.inputs)
        elif op is not None and OPS[op].variadic:  # without "inputs": the default count
            record.ports = OPS[op].port_labels()
    if len(nodes) != len(items):  # an id used twice
        return None
    if not _IDS.fullmatch("\n".join(nodes) + "\n" if nodes else ""):
        return None
    return nodes, 2 * strings


def _inputs(
    nodes: dict[str, NodeRecord], edges: list[_Edge]
) -> tuple[dict[str, list[str | None]], bool] | None:
    """The source of each port of every op node, and whether every edge runs from a node
    listed earlier to one listed later; ``None`` for any bad edge.

    Edges that all run forwards in the list cannot close a cycle, which settles the question
    cheaply for files listed sources first (a big generated graph, say); otherwise the
    caller looks for a cycle.
    """
    ids = list(nodes)
    rank = {node_id: i for i, node_id in enumerate(ids)}
    inputs: dict[str, list[str | None]] = {
        node_id: [None] * record.arity for node_id, record in nodes.items() if record.op is not None
    }
    forwards = True
    try:
        for edge in edges:
            source, target, port = edge.source, edge.target, edge.port
            slots = inputs[target]
            if slots[port] is not None or source == target:
                return None
            s = rank[source]
            # the node's own id string, not the edge's copy: 126,854 strings less to keep
            slots[port] = ids[s]
            if s > rank[target]:
                forwards = False
    except (KeyError, IndexError):  # no such node, not an op, no such port
        return None
    return inputs, forwards

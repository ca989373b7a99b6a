"""Writing ``.agraph`` files: deterministic text, atomic replacement of the old file.

(The writing itself, shared by every output file, is :mod:`~.outputfile`.)

Deterministic so that files diff well in git: fixed key order, nodes in document order,
edges by target then port, one node or edge per line, numbers as ``repr`` writes them (they
read back bit for bit), UTF-8 with a final newline.  Big documents (more than
:data:`COMPACT_ABOVE` nodes) leave default labels out, which keeps them lean to read.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any

from autograd_studio.graph.functions import FunctionDef
from autograd_studio.graph.outputfile import write_atomically, write_output
from autograd_studio.graph.records import NodeRecord
from autograd_studio.graph.schema import (
    DOCUMENT_FIELDS,
    FORMAT_NAME,
    FORMAT_VERSION,
    FUNCTION_FIELDS,
    NODE_FIELDS,
    SECTIONS,
)
from autograd_studio.graph.training_sections import section_lines

if TYPE_CHECKING:
    from autograd_studio.graph.document import GraphDocument

__all__ = [
    "COMPACT_ABOVE",
    "document_to_dict",
    "dumps",
    "function_to_dict",
    "write_atomically",
    "write_output",
]

#: Documents with more nodes than this leave default labels out unless told otherwise.
COMPACT_ABOVE = 2000


def document_to_dict(doc: GraphDocument, compact: bool = False) -> dict[str, Any]:
    """The document as the file's JSON object, keys in the order files use.

    With *compact*, labels equal to their default (the id of an input or weight, empty for
    an op) are left out; :func:`load` restores them.
    """
    data = _head(doc, compact)
    data["nodes"] = [_node_to_dict(record, compact) for record in doc.nodes.values()]
    data["edges"] = _edges(doc)
    data.update(_tail(doc))
    return data


def _head(doc: GraphDocument, compact: bool) -> dict[str, Any]:
    """The fields before the nodes: format, version, description, unknown ones, functions."""
    data: dict[str, Any] = {"format": FORMAT_NAME, "version": FORMAT_VERSION}
    description = doc.metadata.get("description")
    if isinstance(description, str):
        data["description"] = description
    for key in sorted(doc.metadata):
        if key not in DOCUMENT_FIELDS:
            data[key] = doc.metadata[key]
    if doc.functions and doc._owner is None:  # a body shares its document's library
        data["functions"] = [
            function_to_dict(definition, compact) for definition in doc.functions.values()
        ]
    return data


def _tail(doc: GraphDocument) -> dict[str, Any]:
    """The fields after the edges: the output, then the dataset and training sections."""
    data: dict[str, Any] = {}
    if doc.explicit_output is not None:
        data["output"] = doc.explicit_output
    for name in SECTIONS:
        if name in doc.metadata:
            data[name] = doc.metadata[name]
    return data


def function_to_dict(definition: FunctionDef, compact: bool = False) -> dict[str, Any]:
    """One entry of the file's ``functions`` section (a library file holds the same)."""
    body = definition.body
    data: dict[str, Any] = {
        "name": definition.name,
        "inputs": list(definition.inputs),
        "outputs": list(definition.outputs),
        "nodes": [_node_to_dict(record, compact) for record in body.nodes.values()],
        "edges": _edges(body),
    }
    for key in sorted(definition.extra):
        if key not in FUNCTION_FIELDS:
            data[key] = definition.extra[key]
    return data


def _edges(doc: GraphDocument) -> list[dict[str, Any]]:
    return [{"from": e.source, "to": e.target, "port": e.port} for e in doc.edges]


def _node_to_dict(record: NodeRecord, compact: bool) -> dict[str, Any]:
    node: dict[str, Any] = {"id": record.id, "kind": record.kind}
    if record.op is not None:
        node["op"] = record.op
        if record.variadic:
            node["inputs"] = record.arity
    if record.function is not None:
        node["function"] = record.function
        if record.result:
            node["result"] = record.result
    default_label = "" if record.computed else record.id
    if not compact or record.label != default_label:
        node["label"] = record.label
    if not record.computed:
        node["value"] = record.value
    if record.pos is not None:
        node["pos"] = [_coordinate(c) for c in record.pos]
    for key in sorted(record.extra):
        if key not in NODE_FIELDS:
            node[key] = record.extra[key]
    return node


def _coordinate(c: float) -> float | int:
    # Positions are mostly whole numbers; "220" reads better (and is shorter) than "220.0".
    return int(c) if c.is_integer() and abs(c) < 2**53 else c


def dumps(doc: GraphDocument, compact: bool | None = None) -> str:
    """The file text of *doc* (ending in a newline).

    Every node and edge gets a line of its own, so files diff well, big ones too.  Labels
    equal to their default are left out of documents of more than :data:`COMPACT_ABOVE`
    nodes (*compact* ``None``, the default); *compact* ``True`` also leaves out all
    whitespace (one line), ``False`` writes every label.
    """
    lean = len(doc) > COMPACT_ABOVE if compact is None else compact
    if compact is True:
        data = document_to_dict(doc, compact=True)
        return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":")) + "\n"
    items = list(_head(doc, lean).items())
    # The nodes and edges as text already: a line each, without a dict and a json.dumps
    # call each (65,818 nodes and 126,854 edges in the demo).
    items.append(("nodes", _node_texts(doc, lean)))
    items.append(("edges", _edge_texts(doc)))
    items.extend(_tail(doc).items())
    lines = ["{"]
    for n, (key, value) in enumerate(items):
        comma = "," if n < len(items) - 1 else ""
        if key in ("nodes", "edges") and value:
            lines.append(f'  "{key}": [')
            lines.append("    " + ",\n    ".join(value))
            lines.append(f"  ]{comma}")
        elif key == "functions":
            lines.append(f"  {_json(key)}: [")
            for i, function in enumerate(value):
                lines.extend(_function_lines(function, last=i == len(value) - 1))
            lines.append(f"  ]{comma}")
        elif key in SECTIONS:
            section = section_lines(key, value, _json)
            lines.extend([*section[:-1], section[-1] + comma])
        else:
            lines.append(f"  {_json(key)}: {_json(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _node_texts(doc: GraphDocument, lean: bool) -> list[str]:
    """Each node as ``_json(_node_to_dict(record, lean))`` writes it, built from strings:
    ids, kinds and op names never need escaping (the schema allows no quote, backslash or
    control character in them) and numbers are written as ``repr`` writes them, as json
    does.  Function nodes and nodes with unknown fields go through json itself."""
    quoted = encode_basestring  # json's own string encoder (UTF-8 kept, like ensure_ascii=False)
    texts = []
    append = texts.append
    for record in doc.nodes.values():
        if record.extra or record.function is not None or record.ports:
            append(_json(_node_to_dict(record, lean)))
            continue
        node_id, op, label = record.id, record.op, record.label
        text = f'{{"id": "{node_id}", "kind": "{record.kind}"'
        if op is not None:
            text += f', "op": "{op}"'
            if label or not lean:
                text += f', "label": {quoted(label)}'
        else:
            if label != node_id or not lean:
                text += f', "label": {quoted(label)}'
            text += f', "value": {float.__repr__(record.value)}'  # type: ignore[arg-type]
        if record.pos is not None:
            x, y = record.pos
            text += f', "pos": [{_coordinate(x)!r}, {_coordinate(y)!r}]'
        append(text + "}")
    return texts


def _edge_texts(doc: GraphDocument) -> list[str]:
    # In the order of doc.edges (by target, then port), without an Edge object each.
    return [
        f'{{"from": "{source}", "to": "{target}", "port": {port}}}'
        for target, sources in doc.input_lists.items()
        for port, source in enumerate(sources)
        if source is not None
    ]


def _function_lines(function: dict[str, Any], last: bool) -> list[str]:
    """A definition written like a document: one node or edge per line."""
    lines = ["    {"]
    items = list(function.items())
    for n, (key, value) in enumerate(items):
        comma = "," if n < len(items) - 1 else ""
        if key in ("nodes", "edges") and value:
            lines.append(f"      {_json(key)}: [")
            lines.extend(
                f"        {_json(item)}{',' if i < len(value) - 1 else ''}"
                for i, item in enumerate(value)
            )
            lines.append(f"      ]{comma}")
        else:
            lines.append(f"      {_json(key)}: {_json(value)}{comma}")
    lines.append("    }" + ("" if last else ","))
    return lines


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)

"""Reading and writing ``.agraph`` files (UTF-8 JSON, format version 1).

>>> from autograd_studio.graph import GraphDocument, load, save
>>> doc = GraphDocument()
>>> x = doc.add_node("input", label="x", value=2.0)
>>> save(doc, "x.agraph")                                  # doctest: +SKIP
>>> load("x.agraph") == doc                                # doctest: +SKIP
True

Loading parses JSON (nothing in a file is ever executed), migrates older versions
(:mod:`~autograd_studio.graph.migrations`), checks the shape against the declared schema
(:mod:`~autograd_studio.graph.schema`) and builds a :class:`GraphDocument`, whose own
validation catches what needs the whole graph (dangling edges, duplicate ids, ports, cycles).
Every failure is one :class:`GraphFileError` naming the file, the JSON path and the problem::

    neuron.agraph: $.edges[2].to: no node with id 'm9'

Writing is deterministic, so files diff well: fixed key order, nodes in document order,
edges by target then port, one node or edge per line, numbers as ``repr`` writes them (they
read back bit for bit).  Big documents (more than :data:`COMPACT_ABOVE` nodes) are written
compact: no whitespace, default labels left out.  Saving is atomic.

Unknown fields survive a load/save: top-level ones in ``doc.metadata``, node-level ones in
``NodeRecord.extra``.  (Edges have no place for them; unknown edge fields are dropped.)
The one-line ``"description"`` lives in ``doc.metadata["description"]``.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from pathlib import Path
from typing import Any

from autograd_studio.graph.document import GraphDocument
from autograd_studio.graph.errors import (
    BadPortError,
    DuplicateIdError,
    GraphError,
    GraphFileError,
    UnknownNodeError,
)
from autograd_studio.graph.migrations import migrate
from autograd_studio.graph.schema import (
    DOCUMENT,
    DOCUMENT_FIELDS,
    FORMAT_NAME,
    FORMAT_VERSION,
    NODE_FIELDS,
    DuplicateKeys,
    Integer,
    NonFiniteLiteral,
    Record,
    SchemaError,
    String,
    check,
)

__all__ = [
    "COMPACT_ABOVE",
    "EXTENSION",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "document_from_dict",
    "document_to_dict",
    "dumps",
    "load",
    "loads",
    "save",
]

EXTENSION = ".agraph"
#: Documents with more nodes than this are written compact unless told otherwise.
COMPACT_ABOVE = 2000


# --- reading ----------------------------------------------------------------------------------


def load(path: str | os.PathLike[str]) -> GraphDocument:
    """Read an ``.agraph`` file; raise :class:`GraphFileError` if it cannot be used."""
    name = os.fspath(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise GraphFileError(f"{name}: cannot read the file: {reason}", name) from None
    return loads(raw, path=name)


def loads(text: str | bytes, path: str | os.PathLike[str] | None = None) -> GraphDocument:
    """Build a document from the text (or UTF-8 bytes) of an ``.agraph`` file.

    *path* only names the source in error messages.
    """
    name = os.fspath(path) if path is not None else None
    try:
        data = _parse(text)
        return _document_from_data(data)
    except SchemaError as exc:
        raise _file_error(name, exc) from None


def document_from_dict(data: Any, path: str | None = None) -> GraphDocument:
    """Build a document from an already parsed file (a dict as :func:`json.load` gives)."""
    try:
        return _document_from_data(data)
    except SchemaError as exc:
        raise _file_error(path, exc) from None


def _file_error(name: str | None, exc: SchemaError) -> GraphFileError:
    prefix = f"{name}: " if name else ""
    return GraphFileError(f"{prefix}{exc.where}: {exc.message}", name, exc.where)


def _parse(text: str | bytes) -> Any:
    if isinstance(text, (bytes, bytearray, memoryview)):
        raw = bytes(text)
        if not raw.strip():
            raise SchemaError("$", "the file is empty" if not raw else "the file is blank")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise SchemaError(
                "$", f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
            ) from None
    if not text.strip():
        raise SchemaError("$", "the file is empty" if not text else "the file is blank")
    text = text.removeprefix("\ufeff")  # a byte-order mark some editors add
    try:
        return json.loads(
            text,
            parse_constant=NonFiniteLiteral,
            parse_float=_parse_float,
            object_pairs_hook=_object,
        )
    except json.JSONDecodeError as exc:
        where = "truncated: " if exc.pos >= len(text.rstrip()) else ""
        raise SchemaError(
            "$", f"not valid JSON ({where}{exc.msg} at line {exc.lineno} column {exc.colno})"
        ) from None
    except (ValueError, RecursionError) as exc:  # e.g. an integer of 5,000 digits; deep nesting
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise SchemaError("$", f"not valid JSON ({reason})") from None


def _parse_float(text: str) -> float | NonFiniteLiteral:
    number = float(text)
    return number if number - number == 0.0 else NonFiniteLiteral(text)


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        dup = DuplicateKeys(result)
        dup.duplicates = tuple(k for k, _ in pairs if k in seen or seen.add(k))
        return dup
    return result


_FORMAT = String(const=FORMAT_NAME)
_VERSION = Integer(minimum=0)


def _document_from_data(data: Any) -> GraphDocument:
    if not isinstance(data, dict):
        raise SchemaError(
            "$", f"expected an Autograd Studio graph (a JSON object), got {_what(data)}"
        )
    if "format" not in data:
        raise SchemaError("$", 'no "format" field: this is not an Autograd Studio graph file')
    _FORMAT.check(data["format"], "$.format")
    if "version" not in data:
        raise SchemaError("$", 'no "version" field')
    data = migrate(data, _VERSION.check(data["version"], "$.version"))
    record: Record = check(data, DOCUMENT)
    return _build(record)


def _what(value: Any) -> str:
    if isinstance(value, list):
        return "an array"
    return "a string" if isinstance(value, str) else f"{json.dumps(value)}"


def _build(record: Record) -> GraphDocument:
    doc = GraphDocument()
    known = record.known
    for i, node in enumerate(known["nodes"]):
        fields = node.known
        try:
            doc.add_node(
                fields["kind"],
                op=fields.get("op"),
                label=fields.get("label"),
                value=fields.get("value"),
                pos=fields.get("pos"),
                id=fields["id"],
                extra=node.extra,
            )
        except DuplicateIdError as exc:
            raise SchemaError(f"$.nodes[{i}].id", str(exc)) from exc
        except GraphError as exc:
            raise SchemaError(f"$.nodes[{i}]", str(exc)) from exc
    _connect(doc, [edge.known for edge in known.get("edges", ())])
    output = known.get("output")
    if output is not None:
        if output not in doc:
            raise SchemaError("$.output", f"no node with id {output!r}")
        doc.set_output(output)
    metadata = dict(record.extra)
    if "description" in known:
        metadata["description"] = known["description"]
    doc.metadata = metadata
    # A freshly loaded document is unchanged: no history of its construction.
    return doc


def _connect(doc: GraphDocument, edges: list[dict[str, Any]]) -> None:
    """Add the file's edges, checking each first, then the whole graph for cycles.

    Edges go in in topological order of their targets, so that the document's per-edge cycle
    check never walks anything (the target has no users yet): loading costs O(edges).
    """
    fed: dict[tuple[str, int], int] = {}
    incoming: dict[str, list[tuple[int, str, int]]] = {}  # target -> (port, source, edge index)
    for i, edge in enumerate(edges):
        source, target, port = edge["from"], edge["to"], edge["port"]
        try:
            doc.check_connection(source, target, port)  # no edges yet: never walks
        except UnknownNodeError as exc:
            side = "from" if source not in doc else "to"
            raise SchemaError(f"$.edges[{i}].{side}", str(exc)) from exc
        except BadPortError as exc:
            side = "port" if doc.nodes[target].kind == "op" else "to"
            raise SchemaError(f"$.edges[{i}].{side}", str(exc)) from exc
        except GraphError as exc:
            raise SchemaError(f"$.edges[{i}]", str(exc)) from exc
        first = fed.get((target, port))
        if first is not None:
            raise SchemaError(
                f"$.edges[{i}]",
                f"input {port} of {target!r} is already fed by $.edges[{first}] "
                f"(from {edges[first]['from']!r})",
            )
        fed[(target, port)] = i
        incoming.setdefault(target, []).append((port, source, i))
    order = _topological_targets(doc, incoming, edges)
    for target in order:
        for port, source, i in sorted(incoming.get(target, ())):
            try:
                doc.connect(source, target, port)
            except GraphError as exc:  # already checked; kept as a safety net
                raise SchemaError(f"$.edges[{i}]", str(exc)) from exc


def _topological_targets(
    doc: GraphDocument,
    incoming: dict[str, list[tuple[int, str, int]]],
    edges: list[dict[str, Any]],
) -> list[str]:
    """Node ids sources-first (Kahn); a cycle raises with the edge that closes it."""
    indegree = {nid: len(incoming.get(nid, ())) for nid in doc.nodes}
    users: dict[str, list[str]] = {}
    for target, sources in incoming.items():
        for _port, source, _i in sources:
            users.setdefault(source, []).append(target)
    ready = [nid for nid, n in indegree.items() if n == 0]
    order: list[str] = []
    while ready:
        nid = ready.pop()
        order.append(nid)
        for target in users.get(nid, ()):
            indegree[target] -= 1
            if indegree[target] == 0:
                ready.append(target)
    if len(order) < len(indegree):
        _raise_cycle(doc, {nid for nid, n in indegree.items() if n > 0}, incoming, edges)
    return order


def _raise_cycle(
    doc: GraphDocument,
    stuck: set[str],
    incoming: dict[str, list[tuple[int, str, int]]],
    edges: list[dict[str, Any]],
) -> None:
    # Every stuck node has an input from another stuck node; walking inputs backwards
    # must revisit a node, and the walk between the two visits is a cycle.
    start = next(nid for nid in doc.nodes if nid in stuck)
    seen: dict[str, int] = {}
    walk: list[tuple[str, int]] = []  # (node, index of the edge we arrived through)
    node, via = start, -1
    while node not in seen:
        seen[node] = len(walk)
        walk.append((node, via))
        _port, source, via = next(s for s in sorted(incoming[node]) if s[1] in stuck)
        node = source
    cycle = walk[seen[node] :]  # each entry: (node, edge into its predecessor in the walk)
    # The walk runs against the edges; entry k+1 feeds entry k.  Blame the last edge in file.
    cycle_edges = [via for _node, via in cycle[1:]] + [via]
    blame = max(cycle_edges)
    source, target = edges[blame]["from"], edges[blame]["to"]
    forward = [n for n, _ in reversed(cycle)]  # sources first
    k = forward.index(target)
    path = forward[k:] + forward[:k] + [target]
    raise SchemaError(
        f"$.edges[{blame}]",
        f"the edge from {source!r} to {target!r} closes a cycle: {' → '.join(path)}",
    )


# --- writing ----------------------------------------------------------------------------------


def document_to_dict(doc: GraphDocument, compact: bool = False) -> dict[str, Any]:
    """The document as the file's JSON object, keys in the order files use.

    With *compact*, labels equal to their default (the id of an input or weight, empty for
    an op) are left out; :func:`load` restores them.
    """
    data: dict[str, Any] = {"format": FORMAT_NAME, "version": FORMAT_VERSION}
    description = doc.metadata.get("description")
    if isinstance(description, str):
        data["description"] = description
    for key in sorted(doc.metadata):
        if key not in DOCUMENT_FIELDS:
            data[key] = doc.metadata[key]
    data["nodes"] = [_node_to_dict(record, compact) for record in doc.nodes.values()]
    data["edges"] = [{"from": e.source, "to": e.target, "port": e.port} for e in doc.edges]
    if doc.explicit_output is not None:
        data["output"] = doc.explicit_output
    return data


def _node_to_dict(record: Any, compact: bool) -> dict[str, Any]:
    node: dict[str, Any] = {"id": record.id, "kind": record.kind}
    if record.op is not None:
        node["op"] = record.op
    default_label = "" if record.kind == "op" else record.id
    if not compact or record.label != default_label:
        node["label"] = record.label
    if record.kind != "op":
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

    Normal files put one node or edge per line; *compact* (default: more than
    :data:`COMPACT_ABOVE` nodes) writes no whitespace at all.
    """
    if compact is None:
        compact = len(doc) > COMPACT_ABOVE
    data = document_to_dict(doc, compact=compact)
    if compact:
        return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":")) + "\n"
    lines = ["{"]
    items = list(data.items())
    for n, (key, value) in enumerate(items):
        comma = "," if n < len(items) - 1 else ""
        if key in ("nodes", "edges") and value:
            lines.append(f"  {_json(key)}: [")
            lines.extend(
                f"    {_json(item)}{',' if i < len(value) - 1 else ''}"
                for i, item in enumerate(value)
            )
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {_json(key)}: {_json(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def save(doc: GraphDocument, path: str | os.PathLike[str], compact: bool | None = None) -> None:
    """Write *doc* to *path* atomically.

    The text goes to a temporary file in the same directory, is flushed to disk, and then
    renamed over *path*: a crash or error at any point leaves the old file whole (and no
    temporary file behind).  Raises :class:`GraphFileError` when the file cannot be written.
    """
    name = os.fspath(path)
    try:
        payload = dumps(doc, compact).encode("utf-8")
    except (ValueError, TypeError) as exc:  # unpaired surrogates, odd metadata
        raise GraphFileError(f"{name}: cannot write this document: {exc}", name) from exc
    target = os.path.realpath(name)  # write through a symlink, not over it
    try:
        _write_atomically(target, payload)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise GraphFileError(f"{name}: cannot write the file: {reason}", name) from exc


def _write_atomically(target: str, payload: bytes) -> None:
    directory, base = os.path.split(target)
    temp = os.path.join(directory, f".{base}.{secrets.token_hex(4)}.tmp")
    try:
        mode = os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        if mode is not None:
            os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        _remove_quietly(temp)
        raise
    _sync_directory(directory)


def _remove_quietly(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _sync_directory(directory: str) -> None:
    # Make the rename itself durable (POSIX); harmless to skip where directories can't open.
    try:
        fd = os.open(directory or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)

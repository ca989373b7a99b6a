"""Reading and writing ``.agraph`` files (UTF-8 JSON, format version 2; 1 is migrated).

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

Writing (:mod:`~autograd_studio.graph.filewriter`) is deterministic and saving is atomic.
Unknown fields survive a load/save: top-level ones in ``doc.metadata``, node-level ones in
``NodeRecord.extra``.  (Edges have no place for them; unknown edge fields are dropped.)
The file's one-line ``"description"`` is ``doc.metadata["description"]``.
"""

from __future__ import annotations

import json
import os
from typing import Any

from autograd_studio.graph import fastload
from autograd_studio.graph.bulk import collector_paused
from autograd_studio.graph.document import GraphDocument
from autograd_studio.graph.errors import (
    DuplicateIdError,
    GraphError,
    GraphFileError,
    UnknownNodeError,
)
from autograd_studio.graph.filewriter import (
    COMPACT_ABOVE,
    document_to_dict,
    dumps,
    write_output,
)
from autograd_studio.graph.functions import FunctionDef
from autograd_studio.graph.inputfile import read_guarded
from autograd_studio.graph.migrations import migrate
from autograd_studio.graph.outputfile import remove_stale_temps
from autograd_studio.graph.schema import (
    DOCUMENT,
    FORMAT_NAME,
    FORMAT_VERSION,
    DuplicateKeys,
    Integer,
    NonFiniteLiteral,
    Record,
    SchemaError,
    String,
    describe,
)
from autograd_studio.graph.training_sections import read_sections
from autograd_studio.messages import Message

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


# --- reading ----------------------------------------------------------------------------------


def load(path: str | os.PathLike[str], max_bytes: int | None = None) -> GraphDocument:
    """Read an ``.agraph`` file; raise :class:`GraphFileError` if it cannot be used.

    Only regular files are read, and none over *max_bytes* (default
    :func:`~.inputfile.max_file_bytes`).  Stale temporary files that killed saves of *path*
    left beside it are removed.
    """
    name = os.fspath(path)
    raw = read_guarded(name, max_bytes)
    remove_stale_temps(name)
    return loads(raw, path=name)


def loads(text: str | bytes, path: str | os.PathLike[str] | None = None) -> GraphDocument:
    """Build a document from the text (or UTF-8 bytes) of an ``.agraph`` file.

    *path* only names the source in error messages.
    """
    name = os.fspath(path) if path is not None else None
    with collector_paused():
        doc = _decode_common(text)
    if doc is not None:
        return doc
    try:
        with collector_paused():
            return _document_from_data(_parse(text))
    except SchemaError as exc:
        raise _file_error(name, exc) from None
    except RecursionError:  # a safety net: the schema refuses deep nesting first
        raise _file_error(name, SchemaError(Message("nested-too-deeply"))) from None


def _decode_common(text: str | bytes) -> GraphDocument | None:
    """The document, if the text is a valid file of the common shape (see :mod:`.fastload`)."""
    if isinstance(text, str):
        try:
            text = text.encode("utf-8")
        except UnicodeEncodeError:  # an unpaired surrogate: the full reader explains it
            return None
    return fastload.decode(bytes(text))


def document_from_dict(data: Any, path: str | None = None) -> GraphDocument:
    """Build a document from an already parsed file (a dict as :func:`json.load` gives)."""
    try:
        with collector_paused():
            return _document_from_data(data)
    except SchemaError as exc:
        raise _file_error(path, exc) from None
    except RecursionError:
        raise _file_error(path, SchemaError(Message("nested-too-deeply"))) from None


def _file_error(name: str | None, exc: SchemaError) -> GraphFileError:
    prefix = f"{name}: " if name else ""
    return GraphFileError(f"{prefix}{exc.where}: {exc.message}", name, exc.where, exc.message)


def _parse(text: str | bytes) -> Any:
    if isinstance(text, (bytes, bytearray, memoryview)):
        raw = bytes(text)
        if not raw.strip():
            raise SchemaError(Message("file-empty" if not raw else "file-blank"))
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise SchemaError(
                Message("not-utf8", f"{raw[exc.start]:02x}", str(exc.start))
            ) from None
    if not text.strip():
        raise SchemaError(Message("file-empty" if not text else "file-blank"))
    text = text.removeprefix("\ufeff")  # a byte-order mark some editors add
    try:
        return json.loads(
            text,
            parse_constant=NonFiniteLiteral,
            parse_float=_parse_float,
            object_pairs_hook=_object,
        )
    except json.JSONDecodeError as exc:
        ended = exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string")
        where = "truncated: " if ended else ""
        detail = f"{where}{exc.msg} at line {exc.lineno} column {exc.colno}"
        raise SchemaError(Message("not-json", detail)) from None
    except (ValueError, RecursionError) as exc:  # an integer of 5,000 digits; deep nesting
        reason = Message("nested-too-deeply") if isinstance(exc, RecursionError) else str(exc)
        raise SchemaError(Message("not-json", reason)) from None


def _parse_float(text: str) -> float | NonFiniteLiteral:
    number = float(text)
    return number if number - number == 0.0 else NonFiniteLiteral(text)  # 1e999 is inf


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        duplicated = DuplicateKeys(result)
        duplicated.duplicates = tuple(k for k, _ in pairs if k in seen or seen.add(k))
        return duplicated
    return result


_FORMAT = String(const=FORMAT_NAME)
_VERSION = Integer(minimum=0)


def _document_from_data(data: Any) -> GraphDocument:
    if not isinstance(data, dict):
        raise SchemaError(Message("not-an-object", _a(data)))
    if "format" not in data:
        raise SchemaError(Message("no-format"))
    try:
        _FORMAT.check(data["format"])
    except SchemaError as exc:
        raise exc.inside("format") from None
    if "version" not in data:
        raise SchemaError(Message("no-version"))
    try:
        version = _VERSION.check(data["version"])
    except SchemaError as exc:
        raise exc.inside("version") from None
    return _build(DOCUMENT.check(migrate(data, version)))


def _a(value: Any) -> str:
    if isinstance(value, list):
        return "an array"
    return "a string" if isinstance(value, str) else describe(value)


def _build(record: Record) -> GraphDocument:
    doc = GraphDocument()
    known = record.known
    _add_functions(doc, known.get("functions", ()))
    _fill(doc, known)
    output = known.get("output")
    if output is not None:
        if output not in doc:
            raise SchemaError(Message("no-node-with-id", repr(output)), at=("output",))
        doc.set_output(output)
    metadata = dict(record.extra)
    if "description" in known:
        metadata["description"] = known["description"]
    metadata.update(read_sections(doc, known))
    doc.metadata = metadata
    return doc


def _fill(doc: GraphDocument, known: dict[str, Any]) -> None:
    """Add the nodes and edges of a document or of a function's body."""
    for i, node in enumerate(known["nodes"]):
        fields = node.known
        try:
            doc.add_node(
                fields["kind"],
                op=fields.get("op"),
                function=fields.get("function"),
                result=fields.get("result", 0),
                arity=fields.get("inputs"),
                label=fields.get("label"),
                value=fields.get("value"),
                pos=fields.get("pos"),
                id=fields["id"],
                extra=node.extra,
            )
        except DuplicateIdError as exc:
            raise SchemaError(str(exc), at=("nodes", i, "id")) from exc
        except GraphError as exc:
            raise SchemaError(str(exc), at=("nodes", i)) from exc
    _connect(doc, [edge.known for edge in known.get("edges", ())])


def _add_functions(doc: GraphDocument, records: list[Record]) -> None:
    """Build the definitions, each after the ones its body uses (a file may list them in
    any order); a definition that uses itself is refused with the chain of names."""
    by_name: dict[str, int] = {}
    for i, record in enumerate(records):
        name = record.known["name"]
        if name in by_name:
            raise SchemaError(f"a function called {name!r} is defined twice", at=("functions", i))
        by_name[name] = i
    uses = {
        name: [n.known["function"] for n in records[i].known["nodes"] if "function" in n.known]
        for name, i in by_name.items()
    }
    done: set[str] = set()
    for name in by_name:
        for dependency in _dependencies_first(name, uses, by_name):
            if dependency in done:
                continue
            i = by_name[dependency]
            try:
                doc.add_function(_definition(doc, records[i]))
            except SchemaError as exc:
                raise exc.inside(i).inside("functions") from None
            except GraphError as exc:
                raise SchemaError(str(exc), at=("functions", i)) from exc
            done.add(dependency)


def _dependencies_first(
    name: str, uses: dict[str, list[str]], by_name: dict[str, int]
) -> list[str]:
    order: list[str] = []
    path: list[str] = []

    def visit(current: str) -> None:  # definitions nest a few levels: recursion is fine
        if current in path:
            chain = " → ".join([*path[path.index(current) :], current])
            raise SchemaError(
                f"function {current!r} uses itself ({chain}); a function that calls "
                "itself never finishes unfolding",
                at=("functions", by_name[current]),
            )
        if current in order or current not in by_name:
            return  # an unknown name is reported where its node is built
        path.append(current)
        for used in uses[current]:
            visit(used)
        path.pop()
        order.append(current)

    visit(name)
    return order


def _definition(doc: GraphDocument, record: Record) -> FunctionDef:
    known = record.known
    body = GraphDocument()
    body._functions, body._owner = doc._functions, known["name"]  # nested function nodes
    _fill(body, known)
    return FunctionDef(
        known["name"], body, list(known["inputs"]), list(known["outputs"]), dict(record.extra)
    )


def _connect(doc: GraphDocument, edges: list[dict[str, Any]]) -> None:
    """Check every edge, then the whole graph for cycles, then add the edges at once.

    Edges are checked in file order, so the first bad one is the one reported; the common
    case is tested inline and the document is asked (for its error) only when it fails.
    Loading costs O(edges).
    """
    nodes = doc.nodes
    fed: dict[tuple[str, int], int] = {}
    incoming: dict[str, list[tuple[int, str, int]]] = {}  # target -> (port, source, index)
    for i, edge in enumerate(edges):
        source, target, port = edge["from"], edge["to"], edge["port"]
        record = nodes.get(target)
        if source not in nodes or record is None or source == target or port >= record.arity:
            _explain_edge(doc, i, source, target, port)
        first = fed.setdefault((target, port), i)
        if first != i:
            raise SchemaError(
                f"input {port} of {target!r} is already fed by $.edges[{first}] "
                f"(from {edges[first]['from']!r})",
                at=("edges", i),
            )
        incoming.setdefault(target, []).append((port, source, i))
    _topological_order(doc, incoming, edges)  # raises on a cycle
    doc.link_checked((edge["from"], edge["to"], edge["port"]) for edge in edges)


def _explain_edge(doc: GraphDocument, i: int, source: str, target: str, port: int) -> None:
    """Raise, with its path, the document's own error for edge *i*."""
    try:
        doc.check_connection(source, target, port)  # no edges yet: never walks the graph
    except UnknownNodeError as exc:
        side = "from" if source not in doc else "to"
        raise SchemaError(str(exc), at=("edges", i, side)) from exc
    except GraphError as exc:
        side = "to" if not doc.nodes[target].computed else "port"
        field = () if source == target else (side,)
        raise SchemaError(str(exc), at=("edges", i, *field)) from exc
    raise AssertionError(f"edge {i} was expected to be refused")  # pragma: no cover


def _topological_order(
    doc: GraphDocument,
    incoming: dict[str, list[tuple[int, str, int]]],
    edges: list[dict[str, Any]],
) -> list[str]:
    """Node ids sources first (Kahn); a cycle raises, blaming the edge that closes it."""
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
    # Every stuck node has an input from another stuck node, so walking inputs backwards
    # must come back to a node already seen; the walk between the two visits is a cycle.
    start = next(nid for nid in doc.nodes if nid in stuck)
    seen: dict[str, int] = {}
    walk: list[tuple[str, int]] = []  # (node, index of the edge from it to the previous)
    node, via = start, -1
    while node not in seen:
        seen[node] = len(walk)
        walk.append((node, via))
        _port, node, via = next(s for s in sorted(incoming[node]) if s[1] in stuck)
    cycle = walk[seen[node] :]
    blame = max([via] + [v for _n, v in cycle[1:]])  # the cycle's last edge in the file
    source, target = edges[blame]["from"], edges[blame]["to"]
    forward = [n for n, _ in reversed(cycle)]  # sources first
    k = forward.index(target)
    path = [*forward[k:], *forward[:k], target]
    raise SchemaError(
        f"the edge from {source!r} to {target!r} closes a cycle: {' → '.join(path)}",
        at=("edges", blame),
    )


# --- writing ----------------------------------------------------------------------------------


def save(doc: GraphDocument, path: str | os.PathLike[str], compact: bool | None = None) -> None:
    """Write *doc* to *path* atomically (see :func:`~.outputfile.write_output`).

    A crash or error at any point leaves the old file whole and no temporary file behind
    (a kill -9 leaves one, which the next save or load of *path* removes).  A stream
    (``/dev/stdout``, a FIFO) is written in place; a block device or socket is refused.
    *compact* as for :func:`dumps`.  Raises :class:`GraphFileError` when the file cannot be
    written.
    """
    name = os.fspath(path)
    try:
        payload = dumps(doc, compact).encode("utf-8")
    except (ValueError, TypeError) as exc:  # unpaired surrogates, odd metadata
        raise GraphFileError(Message("cannot-write-document", name, str(exc)), name) from exc
    try:
        write_output(name, payload)  # atomic; through a symlink, not over it
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise GraphFileError(Message("cannot-write", name, reason), name) from exc

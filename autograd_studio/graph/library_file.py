"""Function library files (``.agfunctions``): definitions shared between documents.

A library file is the ``functions`` section of a document on its own::

    {"format": "autograd-studio-functions", "version": 2, "functions": [...]}

:func:`save_library` writes some of a document's definitions (with every definition they
use, so the file stands alone); :func:`import_library` adds a file's definitions to a
document, renaming one whose name is taken by a different definition (``scale`` ->
``scale1``, and the definitions using it follow) and skipping one the document already has.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from typing import Any

from autograd_studio.graph.document import GraphDocument
from autograd_studio.graph.errors import GraphFileError
from autograd_studio.graph.fileformat import _add_functions, _file_error, _parse
from autograd_studio.graph.filewriter import function_to_dict, write_atomically
from autograd_studio.graph.functions import FunctionDef, uses
from autograd_studio.graph.grouping import fresh_function_name
from autograd_studio.graph.inputfile import read_guarded
from autograd_studio.graph.migrations import migrate
from autograd_studio.graph.schema import (
    FORMAT_VERSION,
    FUNCTION,
    ArrayOf,
    Field,
    Integer,
    Object,
    SchemaError,
    String,
)
from autograd_studio.messages import Message

__all__ = [
    "LIBRARY_EXTENSION",
    "LIBRARY_FORMAT",
    "import_library",
    "library_text",
    "read_library",
    "save_library",
]

LIBRARY_FORMAT = "autograd-studio-functions"
LIBRARY_EXTENSION = ".agfunctions"

_LIBRARY = Object(
    "an Autograd Studio function library",
    fields=(
        Field("format", String(const=LIBRARY_FORMAT), required=True),
        Field("version", Integer(minimum=0), required=True),
        Field("functions", ArrayOf(FUNCTION), required=True),
    ),
)


def library_text(doc: GraphDocument, names: Iterable[str] | None = None) -> str:
    """The library file text of *names* (default: all) and the definitions they use."""
    wanted: dict[str, None] = {}

    def need(name: str) -> None:
        if name not in wanted:
            for used in uses(doc.function(name)):
                need(used)
            wanted[name] = None

    for name in doc.functions if names is None else names:
        need(name)
    lines = [f'{{"format": "{LIBRARY_FORMAT}", "version": {FORMAT_VERSION}, "functions": [']
    entries = [function_to_dict(doc.functions[name]) for name in wanted]
    lines.extend(
        "  " + _json(entry) + ("," if k < len(entries) - 1 else "")
        for k, entry in enumerate(entries)
    )
    lines.append("]}")
    return "\n".join(lines) + "\n"


def save_library(
    doc: GraphDocument, path: str | os.PathLike[str], names: Iterable[str] | None = None
) -> None:
    """Write *names* (default: every definition of *doc*) to a library file, atomically."""
    name = os.fspath(path)
    try:
        write_atomically(os.path.realpath(name), library_text(doc, names).encode("utf-8"))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise GraphFileError(Message("cannot-write", name, reason), name) from exc


def read_library(path: str | os.PathLike[str]) -> list[FunctionDef]:
    """The definitions of a library file, each after those it uses."""
    name = os.fspath(path)
    raw = read_guarded(name)
    try:
        data = _parse(raw)
        if not isinstance(data, dict) or data.get("format") != LIBRARY_FORMAT:
            raise SchemaError(f'not a function library (its "format" is not "{LIBRARY_FORMAT}")')
        version = Integer(minimum=0).check(data.get("version"))
        record = _LIBRARY.check(migrate(data, version))
        holder = GraphDocument()
        _add_functions(holder, record.known["functions"])
    except SchemaError as exc:
        raise _file_error(name, exc) from None
    except RecursionError:
        raise _file_error(name, SchemaError("nested too deeply")) from None
    order = list(holder.functions)  # each after those it uses; users must go first
    return [holder.remove_function(n) for n in reversed(order)][::-1]


def import_library(doc: GraphDocument, path: str | os.PathLike[str]) -> list[str]:
    """Add the definitions of library file *path* to *doc*; returns their names in *doc*."""
    renamed: dict[str, str] = {}
    names: list[str] = []
    for definition in read_library(path):
        _rename_uses(definition, renamed)
        twin = _twin(doc, definition)
        if twin is not None:  # already here (maybe imported before, under another name)
            renamed[definition.name] = twin
            names.append(twin)
            continue
        if definition.name in doc.functions:
            renamed[definition.name] = fresh_function_name(doc, definition.name)
            definition.name = renamed[definition.name]
        doc.add_function(definition)
        names.append(definition.name)
    return names


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def _rename_uses(definition: FunctionDef, renamed: dict[str, str]) -> None:
    for record in definition.body.nodes.values():
        if record.function in renamed:
            record.function = renamed[record.function]


def _twin(doc: GraphDocument, definition: FunctionDef) -> str | None:
    """The name of a definition in *doc* equal to *definition* but for its name, if any."""
    content = _without_name(function_to_dict(definition))
    candidates = [definition.name, *doc.functions]
    for name in candidates:
        existing = doc.functions.get(name)
        if existing is not None and _without_name(function_to_dict(existing)) == content:
            return name
    return None


def _without_name(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != "name"}

"""Upgrading .agraph files written by older versions of the format.

``MIGRATIONS[n]`` turns a parsed version-``n`` file (a dict, before schema checking) into a
version ``n + 1`` one, so every old file keeps loading and saving writes the current version.

Version 1 -> 2: in version 1 a file without ``"output"`` meant "the only sink", which moved
(or vanished) as soon as an unrelated node was added.  Version 2 keeps the output explicit
once there is one, so the migration writes the implied output down.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from autograd_studio.graph.schema import FORMAT_VERSION, SchemaError
from autograd_studio.messages import Message

__all__ = ["MIGRATIONS", "migrate", "output_made_explicit"]

Migration = Callable[[dict[str, Any]], dict[str, Any]]


def output_made_explicit(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 -> 2: the implied output (the only sink) becomes the ``"output"`` field.

    Runs before the schema check, so a malformed file is left as it is for the schema (and
    the document) to report with its JSON path; nothing here raises.
    """
    if data.get("output") is not None:
        return data
    nodes, edges = data.get("nodes"), data.get("edges", [])
    if not isinstance(nodes, list) or not isinstance(edges, list):
        return data
    ids = [node.get("id") for node in nodes if isinstance(node, dict)]
    feeding = {edge.get("from") for edge in edges if isinstance(edge, dict)}
    sinks = [nid for nid in ids if isinstance(nid, str) and nid not in feeding]
    if len(sinks) != 1 or len(set(ids)) != len(ids):
        return data  # no output (or a broken file the checks will name)
    return {**data, "output": sinks[0]}


#: from-version -> function returning the file as the next version.
MIGRATIONS: dict[int, Migration] = {1: output_made_explicit}


def migrate(data: dict[str, Any], version: int) -> dict[str, Any]:
    """Bring *data* (a file of *version*) up to :data:`FORMAT_VERSION`, or refuse clearly."""
    if version > FORMAT_VERSION:
        raise SchemaError(
            Message("newer-version", str(version), str(FORMAT_VERSION)), at=("version",)
        )
    while version < FORMAT_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise SchemaError(
                Message("unknown-version", str(version), str(FORMAT_VERSION)), at=("version",)
            )
        data = dict(step(data))
        version += 1
        data["version"] = version
    return data

"""Upgrading .agraph files written by older versions of the format.

``MIGRATIONS[n]`` turns a parsed version-``n`` file (a dict, before schema checking) into a
version ``n + 1`` one.  Version 1 is the first, so the table is empty today; when version 2
comes, its entry ``MIGRATIONS[1]`` goes here and every old file keeps loading.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from autograd_studio.graph.schema import FORMAT_VERSION, SchemaError

__all__ = ["MIGRATIONS", "migrate"]

Migration = Callable[[dict[str, Any]], dict[str, Any]]

#: from-version -> function returning the file as the next version.
MIGRATIONS: dict[int, Migration] = {}


def migrate(data: dict[str, Any], version: int) -> dict[str, Any]:
    """Bring *data* (a file of *version*) up to :data:`FORMAT_VERSION`, or refuse clearly."""
    if version > FORMAT_VERSION:
        raise SchemaError(
            f"the file is format version {version}, written by a newer Autograd Studio; "
            f"this version reads format version {FORMAT_VERSION} and older",
            at=("version",),
        )
    while version < FORMAT_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise SchemaError(
                f"format version {version} is not one this program can read "
                f"(it reads format version {FORMAT_VERSION})",
                at=("version",),
            )
        data = dict(step(data))
        version += 1
        data["version"] = version
    return data

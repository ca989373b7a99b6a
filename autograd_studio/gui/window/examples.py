"""The example graphs shipped with Autograd Studio (``autograd_studio/resources/examples``)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from autograd_studio import resources

__all__ = ["Example", "bundled_examples", "examples_dir"]


@dataclass(frozen=True)
class Example:
    """One example file: ``name`` is its stem, ``description`` its one-line summary."""

    path: Path
    name: str
    description: str


def examples_dir() -> Path | None:
    """Where the examples live: inside the package (:mod:`autograd_studio.resources`)."""
    directory = resources.examples_dir()
    return directory if directory.is_dir() else None


def bundled_examples(directory: Path | None = None) -> list[Example]:
    """Every ``.agraph`` file of *directory* (default :func:`examples_dir`), smallest first:
    a learner's order, from a few nodes up to micrograd's 65,818-node demo."""
    directory = directory if directory is not None else examples_dir()
    if directory is None:
        return []
    paths = sorted(directory.glob("*.agraph"), key=lambda p: (_size(p), p.name))
    return [Example(path, path.stem, _description(path)) for path in paths]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


_HEAD_BYTES = 8192
_DESCRIPTION = re.compile(rb'"description"\s*:\s*("(?:[^"\\]|\\.)*")')


def _description(path: Path) -> str:
    # The menu needs only the top-level "description", which the writer puts right after
    # "version": read the head of the file, not the 8 MB of the big demo graph.
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
    except OSError:
        return ""
    match = _DESCRIPTION.search(head)
    nodes_at = head.find(b'"nodes"')
    if match is not None and (nodes_at < 0 or match.start() < nodes_at):  # top level only
        try:
            value = json.loads(match.group(1).decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            value = None
        if isinstance(value, str):
            return value
    if len(head) < _HEAD_BYTES:  # small file: a full parse is cheap and always right
        try:
            data = json.loads(head.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return ""
        description = data.get("description") if isinstance(data, dict) else None
        return description if isinstance(description, str) else ""
    return ""

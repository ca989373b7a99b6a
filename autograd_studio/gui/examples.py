"""The example graphs shipped with Autograd Studio (``resources/examples/*.agraph``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Example", "bundled_examples", "examples_dir"]

_PACKAGE = Path(__file__).resolve().parents[1]  # autograd_studio/


@dataclass(frozen=True)
class Example:
    """One example file: ``name`` is its stem, ``description`` its one-line summary."""

    path: Path
    name: str
    description: str


def examples_dir() -> Path | None:
    """Where the examples live: inside the package when installed, else the source tree."""
    for candidate in (
        _PACKAGE / "resources" / "examples",
        _PACKAGE.parent / "resources" / "examples",
    ):
        if candidate.is_dir():
            return candidate
    return None


def bundled_examples(directory: Path | None = None) -> list[Example]:
    """Every ``.agraph`` file of *directory* (default :func:`examples_dir`), by name."""
    directory = directory if directory is not None else examples_dir()
    if directory is None:
        return []
    return [
        Example(path, path.stem, _description(path)) for path in sorted(directory.glob("*.agraph"))
    ]


def _description(path: Path) -> str:
    # Only the top-level "description" is needed for a menu tooltip: a plain JSON read keeps
    # building the menu cheap even for the big demo graph's sibling files.
    try:
        with path.open("rb") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return ""
    description = data.get("description") if isinstance(data, dict) else None
    return description if isinstance(description, str) else ""

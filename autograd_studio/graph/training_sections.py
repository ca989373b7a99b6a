"""The file's ``dataset`` and ``training`` sections: what their check needs the graph for.

The schema (:data:`~autograd_studio.graph.schema.DATASET`, ``TRAINING``) checks their shape;
here a loaded section is turned back into plain JSON for ``doc.metadata`` (the training
package reads it from there) and checked against the built document: every row has one
number per column, bound columns exist and feed input nodes, the loss and prediction nodes
exist.  Errors carry their JSON path, like every other file error::

    moons.agraph: $.dataset.bindings[1].node: no node with id 'x3'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from autograd_studio.graph.schema import SECTIONS, Record, SchemaError

if TYPE_CHECKING:
    from autograd_studio.graph.document import GraphDocument

__all__ = ["read_sections", "section_lines"]


def read_sections(doc: GraphDocument, known: dict[str, Any]) -> dict[str, Any]:
    """The loaded sections in *known* as plain JSON by name, checked against *doc*."""
    sections = {name: _plain(known[name]) for name in SECTIONS if name in known}
    if "dataset" in sections:
        _check_dataset(doc, sections["dataset"])
    return sections


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        return {**{k: _plain(v) for k, v in value.known.items()}, **value.extra}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _check_dataset(doc: GraphDocument, data: dict[str, Any]) -> None:
    columns = data["columns"]
    for k, column in enumerate(columns):
        if column in columns[:k]:
            raise SchemaError(f"the column {column!r} appears twice", at=("dataset", "columns", k))
    for i, row in enumerate(data["rows"]):
        if len(row) != len(columns):
            raise SchemaError(
                f"expected {len(columns)} numbers (one per column), got {len(row)}",
                at=("dataset", "rows", i),
            )
    for i, binding in enumerate(data.get("bindings", ())):
        if binding["column"] not in columns:
            raise SchemaError(
                f"no column {binding['column']!r} in the dataset",
                at=("dataset", "bindings", i, "column"),
            )
        record = doc.nodes.get(binding["node"])
        if record is None:
            raise SchemaError(
                f"no node with id {binding['node']!r}", at=("dataset", "bindings", i, "node")
            )
        if record.kind != "input":
            raise SchemaError(
                f"{binding['node']!r} is a {record.kind}: columns feed input nodes only",
                at=("dataset", "bindings", i, "node"),
            )
    target = data.get("target")
    if target is not None and target not in columns:
        raise SchemaError(f"no column {target!r} in the dataset", at=("dataset", "target"))
    for role in ("loss", "prediction"):
        node = data.get(role)
        if node is not None and node not in doc:
            raise SchemaError(f"no node with id {node!r}", at=("dataset", role))


def section_lines(name: str, value: Any, dump: Any) -> list[str]:
    """A section as file lines (``dump`` writes one JSON value): the dataset's rows one per
    line, so that a changed row diffs as one line."""
    if name != "dataset" or not isinstance(value, dict):
        return [f"  {dump(name)}: {dump(value)}"]
    lines = [f"  {dump(name)}: {{"]
    items = list(value.items())
    for n, (key, item) in enumerate(items):
        comma = "," if n < len(items) - 1 else ""
        if key == "rows" and item:
            lines.append(f"    {dump(key)}: [")
            lines.extend(
                f"      {dump(row)}{',' if i < len(item) - 1 else ''}" for i, row in enumerate(item)
            )
            lines.append(f"    ]{comma}")
        else:
            lines.append(f"    {dump(key)}: {dump(item)}{comma}")
    lines.append("  }")
    return lines

"""Typed errors of the document layer.

Each error carries the ids of the nodes it is about (``node_ids``), so that the editor can
point at them, and a message a person can read as it is.
"""

from __future__ import annotations

import re

__all__ = [
    "BadPortError",
    "BadValueError",
    "CycleError",
    "DuplicateIdError",
    "FunctionError",
    "GraphError",
    "GraphFileError",
    "GroupError",
    "PortOccupiedError",
    "RecursiveFunctionError",
    "SelfLoopError",
    "UnknownFunctionError",
    "UnknownNodeError",
    "UnknownOpError",
]


class GraphError(ValueError):
    """Something the document refuses; ``node_ids`` names the nodes involved."""

    def __init__(self, message: str, node_ids: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.node_ids = tuple(node_ids)


class UnknownNodeError(GraphError, KeyError):
    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


class DuplicateIdError(GraphError):
    pass


class UnknownOpError(GraphError):
    pass


class BadPortError(GraphError):
    pass


class PortOccupiedError(GraphError):
    pass


class SelfLoopError(GraphError):
    pass


class CycleError(GraphError):
    pass


class BadValueError(GraphError):
    pass


class FunctionError(GraphError):
    """A function definition the document refuses (a bad name, ports or outputs)."""


class UnknownFunctionError(FunctionError):
    pass


class RecursiveFunctionError(FunctionError):
    """A function that would use itself, directly or through others; ``chain`` names them."""

    def __init__(self, message: str, chain: tuple[str, ...] = (), node_ids=()) -> None:
        super().__init__(message, node_ids)
        self.chain = tuple(chain)


class GroupError(GraphError):
    """A selection that cannot become a function (empty, or it would close a cycle)."""


class GraphFileError(Exception):
    """A file that cannot be read as a graph; the message names the file, what and where."""

    def __init__(self, message: str, path: str | None = None, where: str | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.where = where

    def in_words(self) -> str:
        """The problem for a person rather than a program: the JSON path said in words.

        ``neuron.agraph: $.edges[2].to: no node with id 'm9'`` becomes ``In edge 3 ("to"):
        no node with id 'm9'.``; the command line keeps the path (:func:`str`).
        """
        text = str(self)
        if self.where is None:
            return text
        head = f"{self.path}: " if self.path else ""
        reason = text.removeprefix(head).removeprefix(f"{self.where}: ")
        if reason.startswith("not valid JSON"):
            detail = reason.removeprefix("not valid JSON").strip(" ()")
            return (
                "The file is damaged or is not an Autograd Studio graph: its text could "
                f"not be read ({detail})."
            )
        place = where_in_words(self.where)
        return f"In {place}: {reason}." if place else f"{reason[:1].upper()}{reason[1:]}."


def where_in_words(where: str) -> str:
    """A JSON path of a graph file in words: ``$.nodes[3].value`` -> ``node 4 ("value")``;
    ``$`` (the file as a whole) -> ``""``."""
    parts: list[str] = []
    fields: list[str] = []
    for name, index in re.findall(r"\.([^.\[]+)|\[(\d+)\]", where):
        if index:
            kind = parts.pop() if parts else "item"
            kind = {"nodes": "node", "edges": "edge"}.get(kind, kind)
            parts.append(f"{kind} {int(index) + 1}")
        elif parts and parts[-1].split()[0] in ("node", "edge"):
            fields.append(name)
        else:
            parts.append(name)
    if not parts:
        return ""
    place = " ".join(parts)
    if place in ("nodes", "edges", "version", "format", "output", "description"):
        place = f'the "{place}" field'
    return f"{place} ({', '.join(repr(f) for f in fields)})" if fields else place

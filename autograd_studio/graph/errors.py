"""Typed errors of the document layer.

Each error carries the ids of the nodes it is about (``node_ids``), so that the editor can
point at them, and a message a person can read as it is.
"""

from __future__ import annotations

import re

from autograd_studio.messages import Message

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
    """A file that cannot be read as a graph; the message names the file, what and where.

    ``reason`` is what is wrong at ``where`` (``no node with id 'm9'``), a
    :class:`~autograd_studio.messages.Message` where the reader wrote one.
    """

    def __init__(
        self,
        message: str,
        path: str | None = None,
        where: str | None = None,
        reason: str | None = None,
    ) -> None:
        super().__init__(message)
        self.path = path
        self.where = where
        self.reason = reason

    def in_words(self) -> str:
        """The problem for a person rather than a program: the JSON path said in words.

        ``neuron.agraph: $.edges[2].to: no node with id 'm9'`` becomes ``In edge 3 ('to'):
        no node with id 'm9'.``; the command line keeps the path (:func:`str`).  A
        :class:`~autograd_studio.messages.Message`, so the editor can say it in its
        language.
        """
        if self.where is None:
            return self.args[0]
        reason = self.reason
        if reason is None:
            head = f"{self.path}: " if self.path else ""
            reason = str(self).removeprefix(head).removeprefix(f"{self.where}: ")
        if isinstance(reason, Message) and reason.key == "not-json":
            return Message("file-unreadable", reason.args[0])
        place = where_in_words(self.where)
        return Message("file-problem-at", place, reason) if place else Message("sentence", reason)


_PLACES = {"nodes": "place-node", "edges": "place-edge", "functions": "place-function"}


def where_in_words(where: str) -> str:
    """A JSON path of a graph file in words: ``$.nodes[3].value`` -> ``node 4 ('value')``;
    ``$`` (the file as a whole) -> ``""``."""
    parts: list[str] = []
    fields: list[str] = []
    item = False  # the last part is a numbered item whose fields follow
    for name, index in re.findall(r"\.([^.\[]+)|\[(\d+)\]", where):
        if index:
            kind = parts.pop() if parts else "item"
            number = str(int(index) + 1)
            key = _PLACES.get(kind)
            parts.append(Message(key, number) if key else f"{kind} {number}")
            item = key in ("place-node", "place-edge")
        elif item:
            fields.append(name)
        else:
            parts.append(name)
    if not parts:
        return ""
    if len(parts) == 1 and parts[0] in (
        "nodes",
        "edges",
        "version",
        "format",
        "output",
        "description",
    ):
        place = Message("place-field", parts[0])
    else:
        place = parts[0]
        for part in parts[1:]:
            place = Message("place-within", place, part)
    if fields:
        return Message("place-fields", place, ", ".join(repr(f) for f in fields))
    return place

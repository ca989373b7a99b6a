"""Typed errors of the document layer.

Each error carries the ids of the nodes it is about (``node_ids``), so that the editor can
point at them, and a message a person can read as it is.
"""

from __future__ import annotations

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

"""The document layer: nodes, ports, edges, validation, evaluation and .agraph files (no Qt)."""

from autograd_studio.graph.document import (
    KINDS,
    DocumentEvent,
    Edge,
    EventKind,
    GraphDocument,
    NodeRecord,
)
from autograd_studio.graph.errors import (
    BadPortError,
    BadValueError,
    CycleError,
    DuplicateIdError,
    GraphError,
    GraphFileError,
    PortOccupiedError,
    SelfLoopError,
    UnknownNodeError,
    UnknownOpError,
)
from autograd_studio.graph.fileformat import load, save

__all__ = [
    "KINDS",
    "BadPortError",
    "BadValueError",
    "CycleError",
    "DocumentEvent",
    "DuplicateIdError",
    "Edge",
    "EventKind",
    "GraphDocument",
    "GraphError",
    "GraphFileError",
    "NodeRecord",
    "PortOccupiedError",
    "SelfLoopError",
    "UnknownNodeError",
    "UnknownOpError",
    "load",
    "save",
]

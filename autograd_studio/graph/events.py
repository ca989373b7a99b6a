"""What a document announces to its observers after every change.

A :class:`DocumentEvent` names the kind of change and what it means for listeners, decided
once by the document that emits it: ``structural`` (nodes, edges or function definitions
changed shape) and ``affects_values`` (some number may differ, so results must be
recomputed; only moves and renames do not).  Listeners test these flags instead of
re-deriving them from the kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from autograd_studio.graph.document import Edge

__all__ = ["DocumentEvent", "EventKind"]


class EventKind(str, Enum):
    """What kind of change a :class:`DocumentEvent` announces (equal to its old string)."""

    NODE_ADDED = "node_added"
    NODE_REMOVED = "node_removed"
    NODE_CHANGED = "node_changed"  # ``field`` says which: value, label, pos, function
    EDGE_ADDED = "edge_added"
    EDGE_REMOVED = "edge_removed"
    OUTPUT_CHANGED = "output_changed"
    RESET = "reset"
    FUNCTIONS_CHANGED = "functions_changed"  # ``field`` names the definition


@dataclass(frozen=True)
class DocumentEvent:
    """What changed, and what it means for listeners.

    ``node_id``/``edge`` say where; ``field`` names the changed attribute of a
    ``node_changed`` (``value label pos function``) or the definition of a
    ``functions_changed``.  ``structural``: the shape changed (``structure_version``
    moved).  ``affects_values``: some number may differ now (everything but a move or a
    rename), so a listener showing results must re-evaluate.
    """

    kind: EventKind
    node_id: str | None = None
    edge: Edge | None = None
    field: str | None = None
    structural: bool = False
    affects_values: bool = False

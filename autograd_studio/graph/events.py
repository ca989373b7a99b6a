"""What a document announces to its observers after every change.

A :class:`DocumentEvent` names the kind of change and what it means for listeners, decided
once by the document that emits it: ``structural`` (nodes, edges or function definitions
changed shape) and ``affects_values`` (some number may differ, so results must be
recomputed; only moves and renames do not).  Listeners test these flags instead of
re-deriving them from the kind.

Many nodes moved at once (an auto layout, its undo) are one ``positions_changed`` event
whose ``node_ids`` names every node that moved, so a listener updates in one pass and
repaints once instead of following tens of thousands of single moves.  In the same way
many nodes removed or added at once (a deletion of a big selection, its undo) are one
``nodes_removed`` / ``nodes_added`` event naming the nodes in ``node_ids`` and every edge
that went or came with them in ``edges``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from autograd_studio.graph.document import Edge

__all__ = ["RESTORED", "DocumentEvent", "EventKind"]

#: ``field`` of a ``nodes_added`` that puts back exactly what the latest ``nodes_removed``
#: took (the graph's shape did not change in between: the undo of a deletion).
RESTORED = "restored"


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
    POSITIONS_CHANGED = "positions_changed"  # ``node_ids``: every node that moved, at once
    NODES_REMOVED = "nodes_removed"  # ``node_ids`` and ``edges``: all that went, at once
    NODES_ADDED = "nodes_added"  # ``node_ids`` and ``edges``: all that came, at once


@dataclass(frozen=True)
class DocumentEvent:
    """What changed, and what it means for listeners.

    ``node_id``/``edge`` say where; ``field`` names the changed attribute of a
    ``node_changed`` (``value label pos function``) or the definition of a
    ``functions_changed`` (and is ``pos`` for a ``positions_changed``, so a listener that
    asks "did something move?" by the field needs no change).  ``node_ids`` names the nodes
    a ``positions_changed`` moved, a ``nodes_removed`` removed or a ``nodes_added`` added
    (each once; empty for every other kind), and ``edges`` every edge those two removed or
    added (the removed ones as they were, with their ports); ``field`` is :data:`RESTORED`
    when a ``nodes_added`` gives back exactly what the latest ``nodes_removed`` took, so a
    listener may reuse what it built for them.  ``structural``: the shape
    changed (``structure_version``
    moved).  ``affects_values``: some number may differ now (everything but a move or a
    rename), so a listener showing results must re-evaluate.
    """

    kind: EventKind
    node_id: str | None = None
    edge: Edge | None = None
    field: str | None = None
    structural: bool = False
    affects_values: bool = False
    node_ids: tuple[str, ...] = ()
    edges: tuple[Edge, ...] = ()

    def moved(self) -> tuple[str, ...]:
        """The nodes this event moved: ``node_ids`` of a batch, the node of a single
        ``pos`` change, else none."""
        if self.kind is EventKind.POSITIONS_CHANGED:
            return self.node_ids
        if self.field == "pos" and self.node_id is not None:
            return (self.node_id,)
        return ()

    def removed(self) -> tuple[str, ...]:
        """The nodes this event removed: ``node_ids`` of a batch, the node of a single
        ``node_removed``, else none."""
        if self.kind is EventKind.NODES_REMOVED:
            return self.node_ids
        if self.kind is EventKind.NODE_REMOVED and self.node_id is not None:
            return (self.node_id,)
        return ()

    def added(self) -> tuple[str, ...]:
        """The nodes this event added: ``node_ids`` of a batch, the node of a single
        ``node_added``, else none."""
        if self.kind is EventKind.NODES_ADDED:
            return self.node_ids
        if self.kind is EventKind.NODE_ADDED and self.node_id is not None:
            return (self.node_id,)
        return ()

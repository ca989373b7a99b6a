"""Undo commands that place nodes: a drag (merged into one step) and many at once (layout)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from autograd_studio.graph.document import GraphDocument
from autograd_studio.graph.positions import PositionArray
from autograd_studio.gui.editing.command_support import Pos, command_name
from autograd_studio.gui.look.wording import nodes_text

__all__ = ["MoveCommand", "SetPositionsCommand"]

# Merge id (QUndoCommand.id): commands with the same id may be merged by mergeWith.
_MOVE_ID = 1001


class MoveCommand(QUndoCommand):
    """Move nodes: ``moves`` maps id -> (old_pos, new_pos); positions are top-left corners.

    Commands with the same non-``None`` *drag_id* merge, so a drag that pushes as it goes is
    still one undo step.
    """

    def __init__(
        self,
        doc: GraphDocument,
        moves: Mapping[str, tuple[Pos, Pos]],
        drag_id: object = None,
        parent: QUndoCommand | None = None,
    ) -> None:
        n = len(moves)
        what = command_name(doc, next(iter(moves))) if n == 1 else nodes_text(n)
        text = QCoreApplication.translate("Commands", "Move {0}").format(what)
        super().__init__(text, parent)
        self.doc = doc
        self.moves = dict(moves)
        self.drag_id = drag_id

    def id(self) -> int:
        return _MOVE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, MoveCommand) or self.drag_id is None:
            return False
        if other.drag_id != self.drag_id:
            return False
        for nid, (old, new) in other.moves.items():
            first = self.moves.get(nid, (old, new))[0]
            self.moves[nid] = (first, new)
        return True

    def redo(self) -> None:
        self._place({nid: new for nid, (_old, new) in self.moves.items()})

    def undo(self) -> None:
        self._place({nid: old for nid, (old, _new) in self.moves.items()})

    def _place(self, positions: dict[str, Pos]) -> None:
        # Two nodes or more in one event: a drag after Select All moves 65,818, and an
        # event each made every listener follow them one by one (the inspector, which
        # summarises the selection, went through it once per node).  As an array, as
        # Auto Layout gives them: the document checks them all at once.
        if len(positions) == 1:
            [(nid, pos)] = positions.items()
            self.doc.set_pos(nid, pos)
        else:
            self.doc.set_positions(PositionArray.from_mapping(positions))


class SetPositionsCommand(QUndoCommand):
    """Give many nodes new positions in one step (auto layout).

    The old and new positions are kept as two :class:`PositionArray` (16 bytes a node, the
    same floats bit for bit), and each of redo and undo moves every node in one
    ``positions_changed`` event, so the canvas updates in one pass and repaints once.
    """

    def __init__(
        self,
        doc: GraphDocument,
        positions: Mapping[str, Pos],
        text: str = "Auto layout",
        parent: QUndoCommand | None = None,
        *,
        before: PositionArray | None = None,
    ) -> None:
        super().__init__(text, parent)
        self.doc = doc
        #: where the nodes go (a mapping ``id -> pos``; its ids in the order given).
        self.new = (
            positions
            if isinstance(positions, PositionArray)
            else PositionArray.from_mapping(positions)
        )
        #: where they were (*before*: already read, for the same ids).
        self.old = before if before is not None else PositionArray.of(doc, self.new.ids)

    def redo(self) -> None:
        self.doc.set_positions(self.new)

    def undo(self) -> None:
        self.doc.set_positions(self.old)

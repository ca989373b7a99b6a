"""Undo commands of the editor.  They change only the document; the canvas follows from the
document's change notifications, so undo/redo never touches an item directly.

Every command is deterministic on redo: the first ``redo()`` decides (fresh ids, the edges a
removal takes along, the input a connection replaces) and later redos replay exactly that,
so undo-all then redo-all reproduces the same document, ids included.

Gestures made of several commands go through :func:`macro`, which always closes the macro.

The commands live by kind: :mod:`.node_commands`, :mod:`.edge_commands`,
:mod:`.position_commands`, :mod:`.paste_command` (shared parts in :mod:`.command_support`);
this module is the one import for all of them.
"""

from __future__ import annotations

from autograd_studio.gui.editing.command_support import macro
from autograd_studio.gui.editing.edge_commands import ConnectCommand, DisconnectCommand
from autograd_studio.gui.editing.node_commands import (
    AddNodeCommand,
    RemoveCommand,
    ScrubValueCommand,
    SetLabelCommand,
    SetOutputCommand,
    SetValueCommand,
)
from autograd_studio.gui.editing.paste_command import PasteCommand
from autograd_studio.gui.editing.position_commands import MoveCommand, SetPositionsCommand

__all__ = [
    "AddNodeCommand",
    "ConnectCommand",
    "DisconnectCommand",
    "MoveCommand",
    "PasteCommand",
    "RemoveCommand",
    "ScrubValueCommand",
    "SetLabelCommand",
    "SetOutputCommand",
    "SetPositionsCommand",
    "SetValueCommand",
    "macro",
]

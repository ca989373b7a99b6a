"""The action table: every command of the main window as an :class:`ActionSpec` row,
one module per menu (File, Edit, View, Graph, Arrange, Help) plus the docks' toggles.

This table is the one place where a shortcut is chosen, so an accidental duplicate (which
Qt resolves by firing neither action) shows up in one read and in a test.  The rows are
data only; :mod:`autograd_studio.gui.window.actions` makes the ``QAction``s.
"""

from __future__ import annotations

from autograd_studio.gui.window.action_table.arrange_menu import ARRANGE_SPECS
from autograd_studio.gui.window.action_table.docks import DOCK_TOGGLE_SPECS
from autograd_studio.gui.window.action_table.edit_menu import EDIT_SPECS
from autograd_studio.gui.window.action_table.file_menu import FILE_SPECS
from autograd_studio.gui.window.action_table.graph_menu import GRAPH_SPECS
from autograd_studio.gui.window.action_table.help_menu import HELP_SPECS
from autograd_studio.gui.window.action_table.spec import ActionSpec, Key
from autograd_studio.gui.window.action_table.view_menu import VIEW_SPECS

__all__ = ["ACTION_SPECS", "DOCK_TOGGLE_SPECS", "ActionSpec", "Key"]

#: Every action ``create_actions`` makes, in menu order (the Keyboard Shortcuts list
#: follows it).
ACTION_SPECS: tuple[ActionSpec, ...] = (
    *FILE_SPECS,
    *EDIT_SPECS,
    *VIEW_SPECS,
    *GRAPH_SPECS,
    *ARRANGE_SPECS,
    *HELP_SPECS,
)

"""Functions in the editor: Group / Ungroup / Make Unique, and opening a function.

Double-clicking a function node opens its definition on the canvas; a breadcrumb bar
(``Graph › f1 (neuron)``) leads back up, as does Graph > Leave Function (Alt+Up).  Inside,
the canvas edits the definition itself, so every instance follows, with the ordinary undo
commands (one undo step each); the numbers shown are those of the instance it was opened
from (:func:`~autograd_studio.graph.instance.instance_result`).  The window's
``document`` stays the whole graph: saving, exporting and checking see all of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QToolBar

from autograd_studio.graph.document import GraphDocument
from autograd_studio.graph.errors import GraphError
from autograd_studio.graph.events import EventKind
from autograd_studio.gui.editing.function_commands import (
    GroupCommand,
    MakeUniqueCommand,
    UngroupCommand,
)
from autograd_studio.gui.look.sentences import said_error

if TYPE_CHECKING:
    from autograd_studio.gui.window.main_window import MainWindow

__all__ = ["FunctionTools"]


class FunctionTools(QObject):
    """The function commands of one :class:`MainWindow` and where in a function it is."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        #: (document, function node id) for every level opened, outermost first
        self.trail: list[tuple[GraphDocument, str]] = []
        self.bar = QToolBar(QCoreApplication.translate("FunctionTools", "Function path"), window)
        self.bar.setObjectName("breadcrumbBar")
        self.bar.setMovable(False)
        window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.bar)
        self.bar.hide()
        a = window.actions
        a.group.triggered.connect(self.group_selection)
        a.ungroup.triggered.connect(self.ungroup_selection)
        a.make_unique.triggered.connect(self.make_selection_unique)
        a.leave_function.triggered.connect(self.leave)
        window.view.functionOpenRequested.connect(self.open_function)
        window.session.documentChanged.connect(self._on_session_event)
        window.session.documentChanged.connect(self._on_event)
        window.inspector.shown_document = lambda: window.view.document
        window.view.selectionChangedIds.connect(self._update_actions)
        self._update_actions([])

    def attach(self) -> None:
        """The window edits a (new) document: list its functions in the palette."""
        self.window.palette_panel.set_functions(list(self.window.document.functions))

    def _on_event(self, event) -> None:
        if event.kind in (EventKind.FUNCTIONS_CHANGED, EventKind.RESET):
            names = list(self.window.document.functions)
            if names != self.window.palette_panel.function_names():  # not on every edit inside
                self.window.palette_panel.set_functions(names)

    # --- where we are --------------------------------------------------------------------

    @property
    def root(self) -> GraphDocument | None:
        """The whole document while a function is open, else ``None``."""
        return self.trail[0][0] if self.trail else None

    @property
    def path(self) -> str:
        """The open instance as inner values are named: ``f1`` or ``f1/g``."""
        return "/".join(node_id for _doc, node_id in self.trail)

    def forget(self) -> None:
        """A new document replaces the old one: back to the top, quietly."""
        self.trail.clear()
        self._rebuild_bar()

    def open_function(self, node_id: str) -> None:
        """Show the definition of function node *node_id* (of the document on the canvas)."""
        view = self.window.view
        doc = view.document
        record = doc.nodes.get(node_id)
        if record is None or record.function is None:
            return
        self.trail.append((doc, node_id))
        body = doc.function(record.function).body
        self._show(body)
        name = record.label or node_id
        view.show_status(
            QCoreApplication.translate(
                "FunctionTools", "Inside {0}: edits change every instance of {1}"
            ).format(name, record.function)
        )

    def leave(self) -> None:
        """One level up (Graph > Leave Function)."""
        if self.trail:
            self.go_to(len(self.trail) - 1)

    def go_to(self, level: int) -> None:
        """Show level *level* of the trail (0: the whole document)."""
        if not 0 <= level < len(self.trail):
            return
        doc, node_id = self.trail[level]
        del self.trail[level:]
        self._show(doc)
        self.window.view.select_node_ids([node_id])

    def _show(self, doc: GraphDocument) -> None:
        window = self.window
        view = window.view
        view.show_function(doc if self.trail else None, self.path)
        window.inspector.set_selection(view.selected_node_ids())
        window._on_results(window.session.results)
        self._rebuild_bar()
        self._update_actions(view.selected_node_ids())

    def _on_session_event(self, event) -> None:
        # An edit of the whole graph while a function is open (undo, say) may remove the
        # instance: back to the top, where the canvas follows the session again.
        if self.trail and event.structural and event.kind is not EventKind.FUNCTIONS_CHANGED:
            self.go_to(0)

    def _rebuild_bar(self) -> None:
        self.bar.clear()
        if not self.trail:
            self.bar.hide()
            self.window.actions.leave_function.setEnabled(False)
            return
        top = self.bar.addAction(
            QCoreApplication.translate("FunctionTools", "Graph"), lambda: self.go_to(0)
        )
        top.setObjectName("breadcrumb0")
        for level, (doc, node_id) in enumerate(self.trail, start=1):
            record = doc.nodes[node_id]
            text = f"› {record.label or node_id} ({record.function})"
            if level < len(self.trail):
                crumb = self.bar.addAction(text, lambda lv=level: self.go_to(lv))
            else:
                crumb = self.bar.addAction(text)
                crumb.setEnabled(False)  # where we are
            crumb.setObjectName(f"breadcrumb{level}")
        self.bar.show()
        self.window.actions.leave_function.setEnabled(True)

    # --- commands ------------------------------------------------------------------------

    def group_selection(self) -> str | None:
        """Graph > Group into Function; returns the new node's id."""
        view = self.window.view
        ids = view.selected_node_ids()
        command = GroupCommand(view.document, ids)
        if not self._push(
            command, QCoreApplication.translate("FunctionTools", "Cannot group these nodes")
        ):
            return None
        view.select_node_ids([command.node_id])
        return command.node_id

    def ungroup_selection(self) -> list[str]:
        view = self.window.view
        node_id = self._selected_function()
        if node_id is None:
            return []
        command = UngroupCommand(view.document, node_id)
        if not self._push(command, QCoreApplication.translate("FunctionTools", "Cannot ungroup")):
            return []
        view.select_node_ids(command.restored)
        return command.restored

    def make_selection_unique(self) -> str | None:
        node_id = self._selected_function()
        if node_id is None:
            return None
        command = MakeUniqueCommand(self.window.view.document, node_id)
        if not self._push(
            command, QCoreApplication.translate("FunctionTools", "Cannot make it unique")
        ):
            return None
        return command.copy.name  # type: ignore[union-attr]

    def _push(self, command, title: str) -> bool:
        try:
            command.apply()
        except GraphError as exc:  # refused before anything changed
            self.window.dialogs.error(title, said_error(exc))
            return False
        self.window.undo_stack.push(command)
        return True

    def _selected_function(self) -> str | None:
        view = self.window.view
        ids = view.selected_node_ids()
        if len(ids) == 1 and view.document.nodes[ids[0]].function is not None:
            return ids[0]
        return None

    def _update_actions(self, ids: list) -> None:
        a = self.window.actions
        a.group.setEnabled(bool(ids))
        is_function = self._selected_function() is not None
        a.ungroup.setEnabled(is_function)
        a.make_unique.setEnabled(is_function)
        a.leave_function.setEnabled(bool(self.trail))

"""Drops from the node palette onto the canvas (:class:`PaletteDropMixin`, part of
GraphView); file drops are left to the window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
)

from autograd_studio.graph.errors import GraphError
from autograd_studio.graph.functions import check_not_recursive
from autograd_studio.gui.editing.mime import node_spec_from_mime

__all__ = ["PaletteDropMixin"]


class PaletteDropMixin:
    """Part of :class:`~autograd_studio.gui.canvas.view.GraphView`."""

    # --- events: drag and drop from the palette ---------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if node_spec_from_mime(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()  # a file drop is the window's business

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if node_spec_from_mime(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event) -> None:
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        spec = node_spec_from_mime(event.mimeData())
        if spec is None:
            event.ignore()
            return
        kind, op = spec
        if kind == "function":
            problem = self._function_problem(op)
            if problem:
                self.show_status(problem)
                event.ignore()
                return
        self.add_node_at(kind, op, self.mapToScene(event.position().toPoint()))
        event.acceptProposedAction()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _function_problem(self, name: str) -> str:
        """Why a node of function *name* cannot be dropped here ('' if it can)."""
        doc = self.document
        if name not in doc.functions:
            return f"this graph has no function called {name!r}"
        if doc._owner is not None:  # inside a function: it may not use itself
            try:
                check_not_recursive(doc.functions, doc._owner, name)
            except GraphError as exc:
                return str(exc)
        return ""

"""Edit > Find (Ctrl+F): find a node by its label or id, centre it, cycle through matches.

A small bar over the canvas's top-right corner: typing finds the best match at once
(:class:`~autograd_studio.graph.naming.NodeFinder`), Enter goes to the next one (Shift+Enter
the previous, cycling), Esc closes the bar and gives the keyboard back to the canvas.  Zoomed
out further than text is readable (a big graph shown whole), it zooms in to the match.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit

from autograd_studio.graph.naming import NodeFinder
from autograd_studio.gui.canvas.node_geometry import NODE_HEIGHT, NODE_WIDTH
from autograd_studio.gui.canvas.view import GraphView
from autograd_studio.gui.editing.session import EditorSession

__all__ = ["FindBar"]


class FindBar(QFrame):
    """The find bar over one canvas view, searching its session's document."""

    def __init__(self, session: EditorSession, view: GraphView) -> None:
        super().__init__(view)
        self.session = session
        self.setObjectName("findBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.view = view
        self.matches: list[str] = []
        self._finder: NodeFinder | None = None  # the names of the document, kept per version
        self.position = -1
        self.edit = QLineEdit(self)
        self.edit.setObjectName("findEdit")
        self.edit.setPlaceholderText(self.tr("Find a node by label or id"))
        self.edit.setClearButtonEnabled(True)
        self.edit.setMinimumWidth(220)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("findCount")
        # room for "No match" or "12 of 34" from the start: the bar never grows over it
        width = self.count_label.fontMetrics().horizontalAdvance("888 of 888")
        self.count_label.setMinimumWidth(width)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.edit)
        layout.addWidget(self.count_label)
        self.edit.textEdited.connect(self.search)
        self.edit.installEventFilter(self)
        self.hide()

    def open(self) -> None:
        """Show the bar with its text selected (typing replaces it; Enter finds again)."""
        self.adjustSize()
        self.move(self.view.width() - self.width() - 12, 10)
        self.show()
        self.raise_()
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.view.setFocus()

    def search(self, text: str) -> None:
        """Find *text* and go to the best match."""
        doc = self.session.document
        if self._finder is None or self._finder.doc is not doc:
            self._finder = NodeFinder(doc)
        self.matches = self._finder.find(text)
        self.position = -1
        self.next()

    def next(self) -> None:
        self._go(+1)

    def previous(self) -> None:
        self._go(-1)

    def _go(self, step: int) -> None:
        nodes = self.session.document.nodes
        self.matches = [nid for nid in self.matches if nid in nodes]  # deleted meanwhile
        if not self.matches:
            shown = self.tr("No match") if self.edit.text().strip() else ""
            self.count_label.setText(shown)
            return
        self.position = (self.position + step) % len(self.matches)
        node_id = self.matches[self.position]
        self.view.select_node_ids([node_id])
        view = self.view
        x, y = view.graph_scene.node_pos(node_id)  # it may have no item yet
        readable = view.readable_zoom()
        if view.zoom() < readable:  # a big graph shown whole: the match would be a speck
            view.set_zoom(readable)
        view.centerOn(x + NODE_WIDTH / 2, y + NODE_HEIGHT / 2)
        self.count_label.setText(
            self.tr("{k} of {n}").format(k=self.position + 1, n=len(self.matches))
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and isinstance(event, QKeyEvent):
            if event.type() != QEvent.Type.KeyPress:
                return super().eventFilter(watched, event)
            key = event.key()
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                # Taken here: a line edit passes Enter on to its parent, the canvas,
                # which would open the match's editor.
                if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    self.previous()
                else:
                    self.next()
                return True
        return super().eventFilter(watched, event)

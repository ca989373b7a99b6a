"""Edits the canvas makes on behalf of the user: add, delete, nudge, set the output, the
clipboard, and the in-place editor.  Each is one undo command (or one macro) on the view's
undo stack; none touches an item: the scene follows the document.

:class:`EditingMixin` is part of :class:`~autograd_studio.gui.canvas.view.GraphView`; it
uses the view's ``session`` (document, undo stack), ``graph_scene`` and viewport.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QGuiApplication

from autograd_studio.engine.ops import MIN_VARIADIC_PORTS
from autograd_studio.gui.canvas.inline_editor import InlineEditor
from autograd_studio.gui.canvas.node_item import HEADER, NODE_HEIGHT, NODE_WIDTH
from autograd_studio.gui.editing import clipboard
from autograd_studio.gui.editing.commands import (
    AddNodeCommand,
    MoveCommand,
    PasteCommand,
    RemoveCommand,
    SetLabelCommand,
    SetOutputCommand,
    SetValueCommand,
)
from autograd_studio.gui.editing.port_commands import AddInputCommand, RemoveInputCommand
from autograd_studio.gui.editing.value_text import parse_value
from autograd_studio.gui.look.wording import nodes_text

__all__ = ["PASTE_OFFSET", "EditingMixin"]

PASTE_OFFSET = 40.0  # each paste of the same nodes at one spot lands this much further


class EditingMixin:
    """The editing half of GraphView's public API."""

    def add_node_at(self, kind: str, op: str | None, scene_pos: QPointF) -> str:
        """Add a node centred on *scene_pos* (one undo step), select it, return its id."""
        pos = (round(scene_pos.x() - NODE_WIDTH / 2), round(scene_pos.y() - NODE_HEIGHT / 2))
        if kind == "function" and self._function_problem(op):  # inside itself, say
            self.show_status(self._function_problem(op))
            return ""
        command = AddNodeCommand(self.document, kind, op=op, pos=pos)
        self.session.push(command)
        self.select_node_ids([command.node_id])
        return command.node_id

    def add_node_at_center(self, kind: str, op: str | None) -> str:
        """Add a node in the middle of the view, stepping aside from nodes already there."""
        center = self.mapToScene(self.viewport().rect().center())
        taken = {(i.x(), i.y()) for i in self.visible_node_items()}
        x, y = round(center.x() - NODE_WIDTH / 2), round(center.y() - NODE_HEIGHT / 2)
        for _ in range(50):
            if (x, y) not in taken:
                break
            x, y = x + 24, y + 24
        return self.add_node_at(kind, op, QPointF(x + NODE_WIDTH / 2, y + NODE_HEIGHT / 2))

    def add_input(self, node_id: str, port: int | None = None) -> None:
        """Give sum node *node_id* one more input port (at the end): one undo step."""
        self.session.push(AddInputCommand(self.document, node_id, port))

    def remove_input(self, node_id: str, port: int) -> None:
        """Take input *port* (and its edge) away from sum node *node_id*: one undo step;
        a sum keeps at least two inputs (said in the status bar)."""
        record = self.document.nodes[node_id]
        if record.arity <= MIN_VARIADIC_PORTS:
            self.show_status(
                QCoreApplication.translate("GraphView", "A sum keeps at least {0} inputs").format(
                    MIN_VARIADIC_PORTS
                )
            )
            return
        self.session.push(RemoveInputCommand(self.document, node_id, port))

    def delete_selection(self) -> None:
        """Delete the selected nodes (with their edges) and selected edges: one undo step."""
        command = RemoveCommand(self.document, self.selected_node_ids(), self.selected_edges())
        if not command.is_empty():
            self.session.push(command)

    def nudge_selection(self, dx: float, dy: float) -> None:
        """Move the selected nodes by (dx, dy); a run of nudges of the same nodes is one
        undo step."""
        ids = self.selected_node_ids()
        if not ids:
            return
        moves = {}
        nodes, where = self.document.nodes, self.graph_scene.node_pos  # (65,818 after Ctrl+A)
        for nid in ids:
            old = nodes[nid].pos
            base = old if old is not None else where(nid)
            moves[nid] = (old, (base[0] + dx, base[1] + dy))
        self.session.push(MoveCommand(self.document, moves, drag_id=("nudge", tuple(ids))))

    def set_output(self, node_id: str | None) -> None:
        """Make *node_id* the root of backward (one undo step)."""
        if self.document.explicit_output != node_id:
            self.session.push(SetOutputCommand(self.document, node_id))

    def copy_selection(self) -> bool:
        """Put the selected nodes (and the edges among them) on the system clipboard."""
        ids = self.selected_node_ids()
        if not ids:
            self.show_status(self.tr("Nothing to copy: select some nodes first"))
            return False
        fragment = clipboard.fragment_from_nodes(self.document, ids)
        QGuiApplication.clipboard().setMimeData(clipboard.fragment_to_mime(fragment))
        self._paste_key, self._paste_count = None, 0
        self.show_status(self.tr("Copied {0}").format(nodes_text(len(ids))))
        return True

    def cut_selection(self) -> bool:
        if not self.copy_selection():
            return False
        command = RemoveCommand(self.document, self.selected_node_ids(), self.selected_edges())
        command.setText(QCoreApplication.translate("EditingMixin", "Cut"))
        self.session.push(command)
        return True

    def paste(self) -> list[str]:
        """Paste the clipboard's nodes (from this or another window); returns the new ids."""
        mime = QGuiApplication.clipboard().mimeData()
        try:
            fragment = clipboard.fragment_from_mime(mime)
        except clipboard.FragmentError as exc:
            self.show_status(self.tr("Cannot paste: {0}").format(exc))
            return []
        if fragment is None:
            self.show_status(self.tr("Nothing to paste: the clipboard holds no nodes"))
            return []
        return self._paste_fragment(fragment, self.tr("Paste {0}"))

    def duplicate_selection(self) -> list[str]:
        """Copies of the selected nodes at the mouse cursor (the clipboard is left alone)."""
        ids = self.selected_node_ids()
        if not ids:
            self.show_status(self.tr("Nothing to duplicate: select some nodes first"))
            return []
        fragment = clipboard.fragment_from_nodes(self.document, ids)
        return self._paste_fragment(fragment, self.tr("Duplicate {0}"))

    def _paste_fragment(self, fragment: dict, text: str) -> list[str]:
        fragment = clipboard.with_positions(fragment, self._free_spot())
        # Centred on the mouse (the centre of the canvas when the mouse never was on it);
        # pasting the same nodes again at the same spot cascades them down-right.
        spot = self._cursor_scene_pos()
        key = json.dumps([fragment, round(spot.x()), round(spot.y())], sort_keys=True)
        self._paste_count = self._paste_count + 1 if key == self._paste_key else 0
        self._paste_key = key
        xs = [float(node["pos"][0]) for node in fragment["nodes"]] or [0.0]
        ys = [float(node["pos"][1]) for node in fragment["nodes"]] or [0.0]
        cascade = PASTE_OFFSET * self._paste_count
        offset = (
            round(spot.x() - (min(xs) + max(xs) + NODE_WIDTH) / 2 + cascade),
            round(spot.y() - (min(ys) + max(ys) + NODE_HEIGHT) / 2 + cascade),
        )
        command = PasteCommand(self.document, fragment, offset)
        command.setText(text.format(nodes_text(len(fragment["nodes"]))))
        self.session.push(command)
        self.select_node_ids(command.node_ids)
        if command.skipped:
            self.show_status(
                self.tr("{0} pasted item(s) could not be added").format(command.skipped)
            )
        return command.node_ids

    def _free_spot(self) -> tuple[float, float]:
        center = self.mapToScene(self.viewport().rect().center())
        return (round(center.x()), round(center.y()))

    def edit_node(self, node_id: str, field: str | None = None) -> InlineEditor | None:
        """Edit *node_id*: its value (inputs/weights) or label, chosen by *field*.

        With :attr:`inline_editing` (the default) a line edit opens over the node, holding
        the keyboard until Enter (apply) or Esc (cancel), and no signal is sent.  Without
        it, ``nodeEditRequested(node_id)`` is emitted instead, for a window that edits in
        its inspector.
        """
        record = self.document.nodes.get(node_id)
        item = self.reveal_node(node_id)
        if record is None or item is None:
            return None
        if not self.inline_editing:
            self.nodeEditRequested.emit(node_id)
            return None
        if field is None:
            field = "label" if record.kind == "op" else "value"
        if field == "value" and record.kind == "op":
            field = "label"
        self._close_editor()
        self.ensureVisible(item.sceneBoundingRect(), 20, 20)
        if field == "value":
            text = repr(record.value)
            rect = QRectF(6, HEADER + 2, NODE_WIDTH - 12, NODE_HEIGHT - HEADER - 6)
        else:
            text = record.label
            rect = (
                QRectF(52, 4, NODE_WIDTH - 60, 22)
                if record.kind == "op"
                else QRectF(4, 1, NODE_WIDTH - 8, HEADER - 2)
            )
        scene_rect = item.mapRectToScene(rect)
        view_rect = self.mapFromScene(scene_rect).boundingRect()
        view_rect.setHeight(max(view_rect.height(), 24))
        view_rect.setWidth(max(view_rect.width(), 120))
        editor = InlineEditor(self.viewport(), node_id, field, text, self._commit_edit)
        editor.finished.connect(self._editor_finished)
        self._editor = editor
        editor.open_over(view_rect)
        return editor

    @property
    def inline_editor(self) -> InlineEditor | None:
        """The open in-place editor, if any."""
        return self._editor

    def _commit_edit(self, node_id: str, field: str, text: str) -> bool:
        record = self.document.nodes.get(node_id)
        if record is None:
            return True
        if field == "value":
            try:
                value = parse_value(text)
            except ValueError as error:
                self.show_status(f"{record.display_name}: {error}")
                return False
            if value != record.value:
                self.session.push(SetValueCommand(self.document, node_id, value))
            return True
        label = text.strip()
        if label != record.label:
            self.session.push(SetLabelCommand(self.document, node_id, label))
        return True

    def _editor_finished(self) -> None:
        self._editor = None
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _close_editor(self) -> None:
        if self._editor is not None:
            editor, self._editor = self._editor, None
            if not editor.submit():
                editor.cancel()

"""Mouse gestures on the canvas, each a small state object: ``move`` while the button is
down, ``release`` to finish, ``cancel`` (Esc) to undo everything it showed.  The view
starts one on a press and forwards events to it until it ends, so no gesture's state
leaks into another's and ``mouseMoveEvent`` stays a dispatcher.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLineF, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QRubberBand

from autograd_studio.graph.document import Edge
from autograd_studio.graph.errors import GraphError
from autograd_studio.gui.canvas.edge_item import TempEdgeItem
from autograd_studio.gui.canvas.node_item import PORT_HIT, NodeItem, Port
from autograd_studio.gui.editing.commands import (
    ConnectCommand,
    DisconnectCommand,
    MoveCommand,
    macro,
)
from autograd_studio.gui.editing.port_commands import AddInputCommand
from autograd_studio.gui.look.sentences import said_error

if TYPE_CHECKING:
    from autograd_studio.gui.canvas.view import GraphView

__all__ = [
    "Interaction",
    "MoveNodesInteraction",
    "NewEdgeInteraction",
    "PanInteraction",
    "RubberBandInteraction",
]

HINT_LIMIT = 2000  # mark connection targets on at most this many visible nodes
MANY_DRAGGED = 1000  # a drag of more nodes reads where they start all at once


class Interaction:
    """One gesture.  Subclasses override :meth:`move`, :meth:`release` and :meth:`cancel`."""

    def __init__(self, view: GraphView) -> None:
        self.view = view
        self.scene = view.graph_scene

    def move(self, event: QMouseEvent) -> None:
        pass

    def release(self, event: QMouseEvent) -> None:
        self.end()

    def cancel(self) -> None:
        self.end()

    def end(self) -> None:
        self.view._interaction_ended(self)


class PanInteraction(Interaction):
    """Middle-drag (or Space+drag) scrolls the canvas."""

    def __init__(self, view: GraphView, event: QMouseEvent) -> None:
        super().__init__(view)
        self.last = event.position().toPoint()
        view.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)

    def move(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        delta = pos - self.last
        self.last = pos
        self.view.scroll_by(-delta.x(), -delta.y())

    def end(self) -> None:
        self.view.update_cursor()
        super().end()


class RubberBandInteraction(Interaction):
    """Drag on empty canvas selects the nodes the band touches (Ctrl/Shift: add to them)."""

    def __init__(self, view: GraphView, event: QMouseEvent) -> None:
        super().__init__(view)
        self.origin = event.position().toPoint()
        mods = event.modifiers()
        additive = bool(
            mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        )
        self.initial = set(self.scene.selected_node_ids()) if additive else set()
        self.band = QRubberBand(QRubberBand.Shape.Rectangle, view.viewport())
        self.band.setGeometry(QRect(self.origin, QSize()))
        self.dragged = False
        if not additive:
            view.select_node_ids([])

    def move(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        if (
            not self.dragged
            and (pos - self.origin).manhattanLength() < QApplication.startDragDistance()
        ):
            return
        self.dragged = True
        rect = QRect(self.origin, pos).normalized()
        self.band.setGeometry(rect)
        self.band.show()
        scene_rect = self.view.mapToScene(rect).boundingRect()
        if self.scene.virtual:
            # Zoomed out there are no items to find: ask the index for the cards in the
            # band, and keep them as ids (items come, selected, when they scroll in).
            inside = set(self.scene.index.nodes_in(*scene_rect.getCoords()))
            self.scene.select_exactly(self.initial | inside, make_items=False)
            return
        inside = {
            item.node_id
            for item in self.scene.items(scene_rect, Qt.ItemSelectionMode.IntersectsItemShape)
            if isinstance(item, NodeItem)
        }
        self.view.select_node_ids(self.initial | inside)

    def release(self, event: QMouseEvent) -> None:
        self.band.hide()
        self.band.deleteLater()
        self.end()

    def cancel(self) -> None:
        self.band.hide()
        self.band.deleteLater()
        if self.scene.virtual:
            self.scene.select_exactly(self.initial, make_items=False)
        else:
            self.view.select_node_ids(self.initial)
        self.end()


class MoveNodesInteraction(Interaction):
    """Press on a node: click selects; dragging moves the selection, one undo step per drag."""

    def __init__(self, view: GraphView, event: QMouseEvent, item: NodeItem) -> None:
        super().__init__(view)
        self.item = item
        self.press_view = event.position().toPoint()
        self.press_scene = view.mapToScene(self.press_view)
        mods = event.modifiers()
        self.toggle = bool(
            mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        )
        self.was_selected = item.isSelected()
        if self.toggle:
            item.setSelected(not self.was_selected)
        elif not self.was_selected:
            view.select_node_ids([item.node_id])
        self.dragging = False
        self.start: dict[str, tuple[float, float]] = {}
        self.delta = (0, 0)

    def move(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        if not self.dragging:
            if (pos - self.press_view).manhattanLength() < QApplication.startDragDistance():
                return
            if not self.item.isSelected():  # ctrl-click deselected it: nothing to drag
                return
            self.dragging = True
            # From positions, not items: a selected node may have none (Select All on a
            # virtual canvas); it moves in the document on release.
            selected = self.scene.selected_node_ids()
            many = len(selected) > MANY_DRAGGED  # (all of them at once, from the index)
            where = self.scene.node_positions().__getitem__ if many else self.scene.node_pos
            self.start = {nid: where(nid) for nid in selected}
            self.scene.raise_to_front(self._placed())  # picked up: above the cards it passes
        delta = self.view.mapToScene(pos) - self.press_scene
        self.delta = dx, dy = round(delta.x()), round(delta.y())
        items, start = self.scene.node_items, self.start
        for nid in self._placed():
            x, y = start[nid]
            items[nid].setPos(x + dx, y + dy)
        self.scene.update_edges(self.start, items_only=True)

    def _placed(self) -> list[str]:
        """The nodes dragged that have an item now: after Select All on a virtual canvas,
        the hundred on screen of 65,818 (asked per mouse move, as items come and go)."""
        items, start = self.scene.node_items, self.start
        if len(items) < len(start):
            return [nid for nid in items if nid in start]
        return [nid for nid in start if nid in items]

    def release(self, event: QMouseEvent) -> None:
        if self.dragging:
            doc = self.view.document
            moves = {}
            dx, dy = self.delta
            for nid, (x, y) in self.start.items():
                if nid not in doc.nodes:
                    continue
                new = (x + dx, y + dy)
                old = doc.nodes[nid].pos
                if new != old:
                    moves[nid] = (old, new)
            if moves:
                self.view.session.undo_stack.push(MoveCommand(doc, moves))
        elif not self.toggle and self.was_selected:
            self.view.select_node_ids([self.item.node_id])  # click in a selection: just this
        self.end()

    def cancel(self) -> None:
        items = self.scene.node_items
        for nid in self._placed():
            items[nid].setPos(*self.start[nid])
        self.scene.update_edges(self.start, items_only=True)
        self.end()


class NewEdgeInteraction(Interaction):
    """Drag from a port to a port of the opposite side, with a live curve and the ports that
    would accept highlighted.  From an output: forwards.  From a free input: backwards, to
    an output.  From a connected input: the edge is picked up and can be dropped elsewhere
    (or on empty canvas, to remove it).  Refusals are explained in the status bar."""

    def __init__(self, view: GraphView, node_id: str, port: Port) -> None:
        super().__init__(view)
        doc = view.document
        self.picked: Edge | None = None
        if port != "out":
            source = doc.inputs_of(node_id)[port]
            if source is not None:
                self.picked = Edge(source, node_id, port)
        if port == "out" or self.picked is not None:
            self.forward = True  # anchored at a source's output, looking for an input
            self.anchor = (self.picked.source, "out") if self.picked else (node_id, "out")
        else:
            self.forward = False  # anchored at an input, looking for an output
            self.anchor = (node_id, port)
        if self.picked is not None:
            edge_item = self.scene.edge_item(self.picked)
            if edge_item is not None:
                edge_item.hide()
        self.temp = TempEdgeItem(self.scene.theme)
        self.scene.addItem(self.temp)
        self.target: tuple[str, Port] | None = None
        self.hinted: list[NodeItem] = []
        self._mark_candidates()
        anchor_pos = self._anchor_pos()
        self._draw(anchor_pos, True)

    # the ends: (source, target, port) for a candidate port
    def _connection(self, node_id: str, port: Port) -> tuple[str, str, int] | None:
        if self.forward:
            return (self.anchor[0], node_id, port) if port != "out" else None
        return (node_id, self.anchor[0], self.anchor[1]) if port == "out" else None

    def _check(self, node_id: str, port: Port) -> GraphError | None:
        conn = self._connection(node_id, port)
        if conn is None:
            return None
        try:
            self.view.document.check_connection(*conn, replace=True)
        except GraphError as exc:
            return exc
        return None

    def _mark_candidates(self) -> None:
        items = self.view.visible_node_items()[:HINT_LIMIT]
        doc = self.view.document
        for item in items:
            hints = {}
            for port in item.ports():
                conn = self._connection(item.node_id, port)
                if conn is None:
                    continue
                ok = doc.can_connect(*conn, replace=True)
                hints[port] = "valid" if ok else "invalid"
            if hints:
                item.set_port_hints(hints)
                self.hinted.append(item)

    def _anchor_pos(self) -> QPointF:
        node_id, port = self.anchor
        return self.view.port_scene_pos(node_id, port)

    def _draw(self, other: QPointF, valid: bool) -> None:
        anchor = self._anchor_pos()
        if self.forward:
            self.temp.set_ends(anchor, other, valid)
        else:
            self.temp.set_ends(other, anchor, valid)

    def port_under(self, scene_pos: QPointF) -> tuple[str, Port] | None:
        """The nearest port of the wanted side within reach of *scene_pos*."""
        reach = PORT_HIT / max(self.view.zoom(), 0.25) if self.view.zoom() < 1 else PORT_HIT
        area = QRectF(scene_pos.x() - reach, scene_pos.y() - reach, 2 * reach, 2 * reach)
        best, best_d = None, reach * reach
        for item in self.scene.items(area):
            if not isinstance(item, NodeItem):
                continue
            for port in item.ports():
                if (port == "out") == self.forward:
                    continue
                p = item.port_scene_pos(port)
                d = QLineF(p, scene_pos).length() ** 2
                if d <= best_d:
                    best, best_d = (item.node_id, port), d
        return best

    def move(self, event: QMouseEvent) -> None:
        scene_pos = self.view.mapToScene(event.position().toPoint())
        found = self.port_under(scene_pos)
        if found != self.target:
            if self.target is not None:
                self._set_target_hint(self.target, None)
            self.target = found
            if found is not None and self._check(*found) is None:
                self._set_target_hint(found, "target")
        if found is not None:
            error = self._check(*found)
            item = self.scene.node_items[found[0]]
            self._draw(item.port_scene_pos(found[1]), error is None)
            if error is not None:
                self.view.show_status(said_error(error))
        else:
            self._draw(scene_pos, True)

    def _set_target_hint(self, target: tuple[str, Port], hint: str | None) -> None:
        item = self.scene.node_items.get(target[0])
        if item is None:
            return
        hints = item.port_hints()
        if hint is None:
            conn = self._connection(*target)
            ok = conn is not None and self.view.document.can_connect(*conn, replace=True)
            hints[target[1]] = "valid" if ok else "invalid"
        else:
            hints[target[1]] = hint
        item.set_port_hints(hints)
        if item not in self.hinted:
            self.hinted.append(item)

    def release(self, event: QMouseEvent) -> None:
        scene_pos = self.view.mapToScene(event.position().toPoint())
        found = self.port_under(scene_pos)
        self._cleanup()
        view, doc = self.view, self.view.document
        if found is None and self.forward and self._drop_on_plus(scene_pos):
            self.end()
            return
        if found is None:
            if self.picked is not None:  # dropped in the void: the picked-up edge goes away
                view.session.undo_stack.push(DisconnectCommand(doc, self.picked))
            self.end()
            return
        source, target, port = self._connection(*found)
        if self.picked is not None and (target, port) == (self.picked.target, self.picked.port):
            self.end()  # put back where it was
            return
        if doc.inputs_of(target)[port] == source:
            self.end()  # already connected exactly like this
            return
        error = self._check(*found)
        if error is not None:
            view.show_status(said_error(error))
            self.end()
            return
        if self.picked is not None:
            text = QCoreApplication.translate("Interaction", "Reconnect {0}")
            with macro(view.session.undo_stack, text.format(doc.nodes[source].display_name)):
                view.session.undo_stack.push(DisconnectCommand(doc, self.picked))
                view.session.undo_stack.push(ConnectCommand(doc, source, target, port))
        else:
            view.session.undo_stack.push(ConnectCommand(doc, source, target, port))
        self.end()

    def _drop_on_plus(self, scene_pos: QPointF) -> bool:
        """Dropped on a sum's "+": one more input, fed by the dragged edge (one undo step)."""
        view, doc = self.view, self.view.document
        for item in self.scene.items(scene_pos):
            if isinstance(item, NodeItem) and item.add_port_at(item.mapFromScene(scene_pos)):
                break
        else:
            return False
        source, target = self.anchor[0], item.node_id
        try:  # port 0 exists: the same self-loop and cycle checks as the new port's
            doc.check_connection(source, target, 0, replace=True)
        except GraphError as exc:
            view.show_status(said_error(exc))
            return True
        stack = view.session.undo_stack
        text = QCoreApplication.translate("Interaction", "Connect {0} to a new input")
        with macro(stack, text.format(doc.nodes[source].display_name)):
            if self.picked is not None:
                stack.push(DisconnectCommand(doc, self.picked))
            stack.push(AddInputCommand(doc, target))
            stack.push(ConnectCommand(doc, source, target, doc.nodes[target].arity - 1))
        return True

    def cancel(self) -> None:
        self._cleanup()
        self.end()

    def _cleanup(self) -> None:
        for item in self.hinted:
            item.set_port_hints({})
        self.hinted = []
        if self.temp.scene() is not None:
            self.scene.removeItem(self.temp)
        if self.picked is not None:
            edge_item = self.scene.edge_item(self.picked)
            if edge_item is not None:
                edge_item.show()

"""Mouse input of the canvas (:class:`MouseMixin`, part of GraphView).

A press starts one gesture from :mod:`~autograd_studio.gui.canvas.interactions` (pan, move,
connect, scrub, rubber band) which gets the moves and the release; a click on an edge
selects it; a double-click edits a node in place (or opens a function, or quick-add on the
empty canvas); the wheel zooms around the cursor.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import (
    QMouseEvent,
    QWheelEvent,
)

from autograd_studio.gui.canvas.edge_item import EdgeItem
from autograd_studio.gui.canvas.far_edge_picking import far_edge_at
from autograd_studio.gui.canvas.interactions import (
    Interaction,
    MoveNodesInteraction,
    NewEdgeInteraction,
    PanInteraction,
    RubberBandInteraction,
)
from autograd_studio.gui.canvas.node_item import HEADER, PORT_HIT, NodeItem
from autograd_studio.gui.canvas.overview import OVERVIEW_SCALE
from autograd_studio.gui.canvas.scrubbing import ScrubValueInteraction

__all__ = ["MouseMixin"]


class MouseMixin:
    """Part of :class:`~autograd_studio.gui.canvas.view.GraphView`."""

    # --- events: mouse -------------------------------------------------------------------------

    def _interaction_ended(self, interaction: Interaction) -> None:
        if self._interaction is interaction:
            self._interaction = None

    def _cancel_everything(self) -> None:
        if self._interaction is not None:
            self._interaction.cancel()
        self.quick_add.close_popup()
        self._close_editor()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._last_mouse = event.position().toPoint()
        self.quick_add.close_popup()
        if self._interaction is not None:  # a second button during a gesture: ignore it
            event.accept()
            return
        button = event.button()
        if button == Qt.MouseButton.MiddleButton or (
            button == Qt.MouseButton.LeftButton and self._space
        ):
            self._interaction = PanInteraction(self, event)
            event.accept()
            return
        if button != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        pos = event.position().toPoint()
        scene_pos = self.mapToScene(pos)
        item = self._item_at(pos)
        if isinstance(item, NodeItem):
            reach = PORT_HIT if self.zoom() >= 1 else PORT_HIT / max(self.zoom(), 0.4)
            port = item.port_at(item.mapFromScene(scene_pos), reach)
            field = item.value_field()
            if port is None and item.add_port_at(item.mapFromScene(scene_pos)):
                self.add_input(item.node_id)  # a sum's "+": one more input, one undo step
            elif port is not None:
                self._interaction = NewEdgeInteraction(self, item.node_id, port)
            elif field is not None and field.contains(item.mapFromScene(scene_pos)):
                self._interaction = ScrubValueInteraction(self, event, item)
            else:
                self._interaction = MoveNodesInteraction(self, event, item)
        elif isinstance(item, EdgeItem):
            mods = event.modifiers()
            if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier):
                item.setSelected(not item.isSelected())
            else:
                self.graph_scene.clearSelection()
                item.setSelected(True)
        else:
            self._interaction = RubberBandInteraction(self, event)
        event.accept()

    def _item_at(self, pos: QPoint):
        for item in self.items(pos):
            if isinstance(item, (NodeItem, EdgeItem)) and item.isVisible():
                return item
        return self._far_edge_item_at(pos)

    def _far_edge_item_at(self, pos: QPoint) -> EdgeItem | None:
        """The item of the edge drawn without one (a far edge) under *pos*, made now so
        that a click or hover reaches it as any edge item; ``None`` where there is none."""
        scene = self.graph_scene
        if not scene.virtual or self.zoom() < OVERVIEW_SCALE:
            return None
        scene._fresh_index()
        where = self.mapToScene(pos)
        edge = far_edge_at(scene.index, where.x(), where.y())
        return None if edge is None else scene.ensure_edge_item(edge)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._last_mouse = event.position().toPoint()
        if self._interaction is not None:
            self._interaction.move(event)
            event.accept()
            return
        if event.buttons() == Qt.MouseButton.NoButton:  # over a far edge: hover its item
            pos = event.position().toPoint()
            if not any(isinstance(i, (NodeItem, EdgeItem)) for i in self.items(pos)):
                self._far_edge_item_at(pos)
        super().mouseMoveEvent(event)  # hover highlights

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._interaction is not None:
            self._interaction.release(event)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        if self._interaction is not None:
            self._interaction.cancel()
        pos = event.position().toPoint()
        item = self._item_at(pos)
        if isinstance(item, NodeItem):
            local = item.mapFromScene(self.mapToScene(pos))
            if item.port_at(local) is not None:
                return
            if item.function is not None:
                self.functionOpenRequested.emit(item.node_id)
                event.accept()
                return
            field = "label" if (item.computed or local.y() < HEADER) else "value"
            self.edit_node(item.node_id, field)
        elif item is None:
            self.open_quick_add(self.mapToScene(pos))
        event.accept()

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y() or event.angleDelta().x()
        if not delta:
            return
        self._last_mouse = event.position().toPoint()  # items are made nearest it first
        self.set_zoom(self.zoom() * math.pow(1.0015, delta), event.position().toPoint())
        event.accept()

"""Value scrubbing: drag sideways on an input's or weight's data to change its value and
watch every number follow (the grads too, when they were fresh).

One pixel is :data:`STEP`; Shift makes it ten times finer, Ctrl ten times coarser (changing
the modifier mid-drag continues from where the value is, without a jump).  A drag is one
undo step; Esc puts the value back.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from autograd_studio.gui.canvas.interactions import Interaction
from autograd_studio.gui.canvas.node_item import NodeItem
from autograd_studio.gui.editing.commands import ScrubValueCommand

if TYPE_CHECKING:
    from autograd_studio.gui.canvas.view import GraphView

__all__ = ["STEP", "ScrubValueInteraction", "scrub_step", "scrubbed"]

STEP = 0.01  # value change per pixel dragged
_SHIFT, _CTRL = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.ControlModifier


def scrub_step(modifiers: Qt.KeyboardModifier) -> float:
    """The change per pixel: Shift fine (0.001), Ctrl coarse (0.1), else :data:`STEP`."""
    if modifiers & _SHIFT:
        return STEP / 10
    if modifiers & _CTRL:
        return STEP * 10
    return STEP


def scrubbed(start: float, pixels: float, modifiers: Qt.KeyboardModifier) -> float:
    """*start* moved by *pixels* of drag, rounded to the step (0.3, never 0.30000000000000004)."""
    step = scrub_step(modifiers)
    decimals = max(0, round(-math.log10(step)))
    return round(start + round(pixels) * step, decimals) + 0.0


class ScrubValueInteraction(Interaction):
    """Press on a value field: a click selects the node; a sideways drag scrubs the value."""

    def __init__(self, view: GraphView, event: QMouseEvent, item: NodeItem) -> None:
        super().__init__(view)
        self.item = item
        self.node_id = item.node_id
        self.press_x = event.position().x()
        doc = view.session.document
        self.start_value = float(doc.nodes[self.node_id].value or 0.0)
        self.anchor_x, self.anchor_value = self.press_x, self.start_value
        self.modifiers = event.modifiers() & (_SHIFT | _CTRL)
        self.dragging = False
        self.drag_id = object()
        # Grads follow the drag only when they are fresh (and Backward resets, see the view).
        self.live_grads = view.live_scrub_backward and not view.session.grads_stale

    def move(self, event: QMouseEvent) -> None:
        x = event.position().x()
        if not self.dragging:
            if abs(x - self.press_x) < QApplication.startDragDistance():
                return
            self.dragging = True
            self.view.select_node_ids([self.node_id])
        doc = self.view.session.document
        if self.node_id not in doc.nodes:
            return
        current = float(doc.nodes[self.node_id].value or 0.0)
        modifiers = event.modifiers() & (_SHIFT | _CTRL)
        if modifiers != self.modifiers:  # a new step from here on, no jump
            self.anchor_x, self.anchor_value, self.modifiers = x, current, modifiers
        value = scrubbed(self.anchor_value, x - self.anchor_x, modifiers)
        if value != current:
            self._push(value)

    def _push(self, value: float) -> None:
        session = self.view.session
        session.undo_stack.push(
            ScrubValueCommand(session.document, self.node_id, value, self.drag_id)
        )
        if self.live_grads:
            self.view.run_backward()

    def release(self, event: QMouseEvent) -> None:
        if not self.dragging:
            self.view.select_node_ids([self.node_id])  # a click on the value: select
        self.end()

    def cancel(self) -> None:
        doc = self.view.session.document
        if self.dragging and self.node_id in doc.nodes:
            self._push(self.start_value)  # merges back to where it began: no undo step left
        self.end()

"""The Forward & Reverse panel: one derivative computed both ways, and what each costs.

For the pair (target, wrt) chosen in its two lists it shows reverse mode's d(target)/d(wrt)
(a grad, from one backward pass rooted at the target) beside forward mode's (a tangent,
from one forward pass seeded at wrt).  They agree up to rounding; a difference beyond it
is a bug and is shown in red.  Below, the cost of the whole gradient on the current graph:
reverse mode one pass, forward mode one pass per input, the reason backpropagation is
reverse mode.  In forward mode the panel also lists the tangent rules the step-through
(F10) walks, and a click on one jumps there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from autograd_studio.analysis.modes import FORWARD, ModeComparison, compare_modes
from autograd_studio.graph import naming
from autograd_studio.gui.look.sentences import said
from autograd_studio.numbers import canvas_number

if TYPE_CHECKING:
    from autograd_studio.gui.features.derivative_modes import DerivativeModes

__all__ = ["ModesPanel"]

_RED = "#c62828"


class ModesPanel(QWidget):
    """Side by side for one (target, wrt) pair; ``comparison`` is the one shown."""

    def __init__(self, modes: DerivativeModes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modesPanel")
        self.modes = modes
        self.comparison: ModeComparison | None = None
        self._structure = -1

        self.target_box = QComboBox(objectName="targetBox")
        self.wrt_box = QComboBox(objectName="wrtBox")
        form = QFormLayout()
        form.addRow(self.tr("Differentiate"), self.target_box)
        form.addRow(self.tr("with respect to"), self.wrt_box)

        self.reverse_label = QLabel(objectName="reverseLabel")
        self.forward_label = QLabel(objectName="forwardLabel")
        self.verdict_label = QLabel(objectName="verdictLabel")
        self.passes_label = QLabel(objectName="passesLabel")
        for label in (self.reverse_label, self.forward_label, self.passes_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.passes_label.setWordWrap(True)

        self.steps = QListWidget(objectName="forwardSteps")
        self.steps.currentRowChanged.connect(self._on_row)
        buttons = QHBoxLayout()
        a = modes.window.actions
        for action in (a.backprop_reset, a.backprop_step_back, a.backprop_step, a.backprop_end):
            button = QToolButton()
            button.setDefaultAction(action)
            buttons.addWidget(button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.reverse_label)
        layout.addWidget(self.forward_label)
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.passes_label)
        layout.addLayout(buttons)
        layout.addWidget(self.steps, 1)

        self.target_box.activated.connect(self._on_target_chosen)
        self.wrt_box.activated.connect(self._on_wrt_chosen)
        modes.changed.connect(self.refresh)
        modes.stepper.changed.connect(self._sync_steps)

    # --- filling -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Lists, numbers and steps for the document as it is now (only while shown)."""
        if not self.isVisible():
            return
        modes = self.modes
        doc = modes.session.document
        if doc.structure_version != self._structure or self.target_box.count() == 0:
            self._fill_lists()
        target = modes.target
        wrt = modes.wrt or modes.default_wrt()  # a first pair to look at, until one is chosen
        self._select(self.target_box, target)
        self._select(self.wrt_box, wrt)
        if target is None or wrt is None:
            self.comparison = None
            self.reverse_label.setText(self.tr("Choose what to differentiate and the input."))
            for label in (self.forward_label, self.verdict_label, self.passes_label):
                label.clear()
        else:
            self.comparison = compare_modes(doc, target, wrt)
            self._show(self.comparison)
        self._sync_steps()

    def _fill_lists(self) -> None:
        doc = self.modes.session.document
        self._structure = doc.structure_version
        for box in (self.target_box, self.wrt_box):
            box.blockSignals(True)
            box.clear()
        names = naming.node_names(doc)
        for nid, record in doc.nodes.items():
            name = names[nid]
            self.target_box.addItem(name, nid)
            if record.op is None:
                self.wrt_box.addItem(name, nid)
        for box in (self.target_box, self.wrt_box):
            box.blockSignals(False)

    def _select(self, box: QComboBox, node_id: str | None) -> None:
        index = box.findData(node_id) if node_id is not None else -1
        if index < 0 and node_id is not None:  # an op node chosen as wrt on the canvas
            box.addItem(self.modes.name_of(node_id), node_id)
            index = box.count() - 1
        box.setCurrentIndex(index)

    def _show(self, c: ModeComparison) -> None:
        modes = self.modes
        t, w = modes.name_of(c.target), modes.name_of(c.wrt)
        self.reverse_label.setText(
            self.tr("Reverse mode: d {0}/d {1} = {2}   (grad of {1}, backward from {0})").format(
                t, w, _number(c.reverse)
            )
        )
        self.forward_label.setText(
            self.tr("Forward mode: d {0}/d {1} = {2}   (tangent of {0}, with dot({1}) = 1)").format(
                t, w, _number(c.forward)
            )
        )
        if c.agree:
            self.verdict_label.setStyleSheet("")
            self.verdict_label.setText(self.tr("Both modes agree."))
        else:
            self.verdict_label.setStyleSheet(f"color: {_RED}; font-weight: bold")
            self.verdict_label.setText(self.tr("The modes differ beyond rounding: this is a bug."))
        self.passes_label.setText(
            self.tr(
                "The whole gradient of {0} ({1} inputs and weights): reverse mode needs "
                "{2} backward pass, forward mode {3} forward passes, one per input."
            ).format(t, c.inputs, c.reverse_passes, c.forward_passes)
        )

    def _sync_steps(self) -> None:
        stepper = self.modes.stepper
        trace = stepper.trace
        self.steps.setVisible(self.modes.mode == FORWARD)
        self.steps.blockSignals(True)
        if trace is None:
            self.steps.clear()
            self.steps.addItem(self.tr("Press F10 to step through forward mode."))
        else:
            if self.steps.count() != len(trace) + 1:
                self.steps.clear()
                self.steps.addItem(trace.seed_text)
                self.steps.addItems([said(step.text) for step in trace.steps])
            self.steps.setCurrentRow(stepper.position)
        self.steps.blockSignals(False)

    # --- choosing ----------------------------------------------------------------------------

    def _on_target_chosen(self, index: int) -> None:
        node_id = self.target_box.itemData(index)
        if node_id is not None and node_id != self.modes.target:
            self.modes.set_role("target", node_id, switch=False)

    def _on_wrt_chosen(self, index: int) -> None:
        node_id = self.wrt_box.itemData(index)
        if node_id is not None and node_id != self.modes.wrt:
            self.modes.set_role("wrt", node_id, switch=False)

    def _on_row(self, row: int) -> None:
        if self.modes.stepper.active and row >= 0:
            self.modes.stepper.jump(row)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()


def _number(value: float | None) -> str:
    if value is None:
        return QCoreApplication.translate("NodeItem", "no path")
    return canvas_number(value)

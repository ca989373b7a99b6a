"""Reverse mode, forward mode, and "d what, with respect to what", in one main window.

:class:`DerivativeModes` owns the document's :class:`~autograd_studio.analysis.modes.
DerivativeChoice` (kept in the file, so each document remembers its mode, target and wrt)
and what follows from it on the canvas:

- **Reverse** (the default): Backward runs from the chosen target (or the output), and a
  node the target does not depend on reads ``no path`` instead of a grad.
- **Forward**: every node shows its tangent d(node)/d(wrt), recomputed after every edit
  (forward mode is a forward pass), under the caption ``tangent``; F10 steps through the
  tangent rules (:class:`~autograd_studio.gui.features.forward_stepper.ForwardStepper`).

Choosing a mode, a target or a wrt node is an undoable edit of the document ("Switch to
Forward Mode"), so it is saved with it and marks it modified.  The Modes panel
(:class:`~autograd_studio.gui.panels.modes.ModesPanel`) shows both numbers side by side.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QDockWidget

from autograd_studio.analysis.modes import (
    FORWARD,
    REVERSE,
    DerivativeChoice,
    derivative_choice,
    set_derivative_choice,
)
from autograd_studio.graph import naming
from autograd_studio.graph.evaluate import evaluate
from autograd_studio.gui.features.forward_stepper import ForwardStepper
from autograd_studio.gui.panels.modes import ModesPanel

if TYPE_CHECKING:
    from autograd_studio.graph.document import GraphDocument
    from autograd_studio.gui.window.main_window import MainWindow

__all__ = ["DerivativeModes"]


class _ChoiceCommand(QUndoCommand):
    """Set the document's derivative choice; the canvas follows on redo and undo."""

    def __init__(self, modes: DerivativeModes, doc: GraphDocument, new: DerivativeChoice, text):
        super().__init__(text)
        self._modes, self._doc = modes, doc
        self._old, self._new = derivative_choice(doc), new

    def redo(self) -> None:
        set_derivative_choice(self._doc, self._new)
        self._modes.refresh()

    def undo(self) -> None:
        set_derivative_choice(self._doc, self._old)
        self._modes.refresh()


class DerivativeModes(QObject):
    """The mode switch, the target and wrt choice, forward mode's canvas and its stepper.

    ``changed`` fires whenever what the canvas shows may have changed (the choice, or new
    results); ``tangents`` holds forward mode's latest tangents (``None`` in reverse mode).
    """

    changed = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session = session = window.session
        self.view = view = window.view
        self.tangents = None
        self._stepping = False
        self.stepper = ForwardStepper(session, view, self)
        self.panel = ModesPanel(self)
        self.dock = QDockWidget(self.tr("Forward and Reverse"), window)
        self.dock.setObjectName("modesDock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.hide()
        a = window.actions
        a.adopt("ShowModes", self.dock.toggleViewAction())
        for action, short in ((a.reverse_mode, self.tr("Reverse")), (a.forward_mode, "")):
            action.setIconText(short or self.tr("Forward"))
        a.reverse_mode.triggered.connect(lambda: self.set_mode(REVERSE))
        a.forward_mode.triggered.connect(lambda: self.set_mode(FORWARD))
        a.set_target.triggered.connect(lambda: self._set_selected("target"))
        a.set_wrt.triggered.connect(lambda: self._set_selected("wrt"))
        a.compare_modes.triggered.connect(self.show_panel)
        view.derivativeRoleRequested.connect(self.set_role)
        window.inspector.derivativeRoleRequested.connect(self.set_role)
        session.resultsPublished.connect(self._on_results)
        view.selectionChangedIds.connect(self._on_selection)
        self.stepper.statusMessage.connect(lambda text: window.statusBar().showMessage(text, 8000))
        self.stepper.changed.connect(self._on_stepper_changed)
        tools = window.backward_tools
        # the Backprop panel's "Function calls as one step" is forward mode's choice too
        self.stepper.calls_as_steps = tools.backprop.calls_as_steps
        tools.backprop_panel.callsAsStepsChanged.connect(self.stepper.set_calls_as_steps)
        self.stepper.changed.connect(tools._update_step_actions)
        self.stepper.playingChanged.connect(tools._on_playing)
        self.changed.connect(tools._update_step_actions)
        self._on_selection([])
        self.refresh()

    # --- the choice ------------------------------------------------------------------------

    @property
    def choice(self) -> DerivativeChoice:
        return derivative_choice(self.session.document)

    @property
    def mode(self) -> str:
        return self.choice.mode

    @property
    def target(self) -> str | None:
        """What reverse mode differentiates: the chosen node, else the output."""
        return self.choice.target or self.session.document.output

    @property
    def wrt(self) -> str | None:
        return self.choice.wrt

    def set_mode(self, mode: str) -> None:
        """Switch the canvas to reverse or forward mode (an undoable edit).  Forward mode
        without a wrt node takes the first weight (else input) the target depends on."""
        choice = self.choice
        if mode == choice.mode:
            self._sync_actions()
            return
        wrt = choice.wrt
        if mode == FORWARD and wrt is None:
            wrt = self.default_wrt()
        text = (
            self.tr("Switch to Forward Mode")
            if mode == FORWARD
            else self.tr("Switch to Reverse Mode")
        )
        self._push(DerivativeChoice(mode, choice.target, wrt), text)

    def set_role(self, role: str, node_id: str, switch: bool = True) -> None:
        """Make *node_id* the reverse-mode ``"target"`` or forward mode's ``"wrt"`` node;
        with *switch*, the canvas changes to that mode (and reverse mode runs Backward)."""
        choice = self.choice
        name = self.name_of(node_id)
        if role == "target":
            target = None if node_id == self.session.document.output else node_id
            mode = REVERSE if switch else choice.mode
            new = DerivativeChoice(mode, target, choice.wrt)
            text = self.tr("Set Derivative Target {0}").format(name)
        else:
            mode = FORWARD if switch else choice.mode
            new = DerivativeChoice(mode, choice.target, node_id)
            text = self.tr("Differentiate With Respect to {0}").format(name)
        self._push(new, text)
        if role == "target" and switch:
            self.window.run_backward()

    def _push(self, new: DerivativeChoice, text: str) -> None:
        if new != self.choice:
            self.stepper.stop()
            self.window.backward_tools.backprop.stop()
            self.session.push(_ChoiceCommand(self, self.session.document, new, text))

    def _set_selected(self, role: str) -> None:
        ids = self.view.selected_node_ids()
        if len(ids) == 1:
            self.set_role(role, ids[0])

    def default_wrt(self) -> str | None:
        """The first weight (else input) the target depends on."""
        doc = self.session.document
        target = self.target
        upstream = None
        if target is not None:
            grads = evaluate(doc, backward=True, target=target).grad
            upstream = {nid for nid, g in grads.items() if g is not None}
        leaves = [nid for nid, r in doc.nodes.items() if r.op is None]
        if upstream is not None:
            leaves = [nid for nid in leaves if nid in upstream] or leaves
        weights = [nid for nid in leaves if doc.nodes[nid].kind == "weight"]
        return (weights or leaves or [None])[0]

    def name_of(self, node_id: str | None) -> str:
        """A node's name as the canvas shows it (``—`` for none)."""
        doc = self.session.document
        if node_id is None:
            return "—"
        return naming.node_name(doc, node_id) if node_id in doc.nodes else node_id

    # --- the canvas ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the document's choice: the actions, the canvas's second row, the panel."""
        self._sync_actions()
        view, choice = self.view, self.choice
        if choice.mode == FORWARD and choice.wrt is not None:
            self.session.fresh_results()  # a pending edit is evaluated first
            doc = self.session.document
            self.tangents = evaluate(doc, backward=False, wrt=choice.wrt).tangent
            note = self.tr("does not depend on {0}").format(self.name_of(choice.wrt))
            view.set_derivative_display("tangent", note, self.tangents)
        elif choice.mode == FORWARD:
            self.tangents = {}
            note = self.tr("choose the input to differentiate with respect to")
            view.set_derivative_display("tangent", note, self.tangents)
        else:
            self.tangents = None
            note = ""
            if choice.target is not None:
                note = self.tr("does not influence {0}").format(self.name_of(choice.target))
            view.set_derivative_display("grad", note, None)
        self.window.inspector.set_tangents(self.tangents, note)
        tags = {}
        if choice.mode == FORWARD and choice.wrt is not None:
            tags[choice.wrt] = self.tr("WRT")
        elif choice.mode == REVERSE and choice.target is not None:
            tags[choice.target] = self.tr("TARGET")
        view.graph_scene.set_role_tags(tags)
        self.changed.emit()

    def _on_results(self, _result) -> None:
        if self.mode == FORWARD or self.tangents is not None:
            self.refresh()
        else:
            self.changed.emit()

    def _on_stepper_changed(self) -> None:
        stepping = self.stepper.active
        if self._stepping and not stepping:  # left the step-through: the full tangents again
            self._stepping = False
            self.refresh()
        self._stepping = stepping

    def _sync_actions(self) -> None:
        a = self.window.actions
        forward = self.mode == FORWARD
        a.forward_mode.setChecked(forward)
        a.reverse_mode.setChecked(not forward)

    def _on_selection(self, ids: list) -> None:
        a = self.window.actions
        a.set_target.setEnabled(len(ids) == 1)
        a.set_wrt.setEnabled(len(ids) == 1)

    def show_panel(self) -> None:
        self.window.backward_tools.show_dock(self.dock)
        self.panel.refresh()

"""Seeing why a gradient is what it is: the step-through backward, the gradient flow, the
gradient check and the backward semantics, wired into one main window.

:class:`BackwardTools` is built by the window right after its actions; it makes the Backprop
and Gradient Check docks, the gradient-flow view over the canvas, and connects the actions
of :mod:`autograd_studio.gui.window.actions` (F10 step, Ctrl+G flow, ...) to them.  The
window keeps it as ``window.backward_tools``; its parts are attributes (``backprop``,
``flow``, ``gradcheck_panel``, ``semantics``) for tests and scripts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDockWidget

from autograd_studio.analysis.modes import FORWARD
from autograd_studio.graph.evaluate import EvaluationResult
from autograd_studio.gui.features.backprop_stepper import BackpropStepper
from autograd_studio.gui.features.backward_semantics import BackwardSemantics
from autograd_studio.gui.features.gradient_flow import GradientFlowView
from autograd_studio.gui.look.icons import action_icon
from autograd_studio.gui.panels.backprop import BackpropPanel
from autograd_studio.gui.panels.gradient_check import GradCheckPanel

if TYPE_CHECKING:
    from autograd_studio.gui.window.main_window import MainWindow

__all__ = ["BackwardTools"]


class BackwardTools(QObject):
    """The step-through, gradient flow, gradient check and backward semantics of one
    :class:`MainWindow`."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._sized: set[QDockWidget] = set()  # bottom docks given their first height
        session, view, actions = window.session, window.view, window.actions

        self.semantics = BackwardSemantics(session, window.settings, self)
        self.backprop = BackpropStepper(session, view, self)
        self.backprop.calls_as_steps = window.settings.calls_as_steps()
        self.backprop_panel = BackpropPanel(self.backprop, actions)
        self.backprop_panel.callsAsStepsChanged.connect(window.settings.set_calls_as_steps)
        self.backprop_dock = self._dock("backpropDock", self.tr("Backprop"), self.backprop_panel)
        self.flow = GradientFlowView(session, view, self)
        self.gradcheck_panel = GradCheckPanel(session)
        self.gradcheck_dock = self._dock(
            "gradCheckDock", self.tr("Gradient Check"), self.gradcheck_panel
        )
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.backprop_dock)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.gradcheck_dock)
        window.tabifyDockWidget(self.backprop_dock, self.gradcheck_dock)
        self.backprop_dock.hide()
        self.gradcheck_dock.hide()
        actions.adopt("ShowBackprop", self.backprop_dock.toggleViewAction())
        actions.adopt("ShowGradientCheck", self.gradcheck_dock.toggleViewAction())
        self._connect()
        self._update_step_actions()

    def _dock(self, name: str, title: str, widget) -> QDockWidget:
        dock = QDockWidget(title, self.window)
        dock.setObjectName(name)  # saveState/restoreState find docks by object name
        dock.setWidget(widget)
        return dock

    def _connect(self) -> None:
        a, window = self.window.actions, self.window
        status = self._status
        a.backprop_step.triggered.connect(self.step)
        a.backprop_step_back.triggered.connect(lambda: self.stepper.step_back())
        a.backprop_reset.triggered.connect(lambda: self.stepper.reset())
        a.backprop_end.triggered.connect(lambda: self.stepper.run_to_end())
        a.backprop_play.toggled.connect(self._on_play_toggled)
        a.backprop_stop.triggered.connect(
            lambda: self.stepper.stop(self.tr("Step-through stopped"))
        )
        self.backprop.changed.connect(self._update_step_actions)
        self.backprop.changed.connect(self._sync_inspector)
        self.backprop.playingChanged.connect(self._on_playing)
        self.backprop.statusMessage.connect(status)
        self.backprop_dock.toggleViewAction().toggled.connect(self._on_backprop_dock_toggled)

        a.gradient_flow.toggled.connect(self.flow.set_enabled)
        self.flow.statusMessage.connect(status)
        a.check_gradients.triggered.connect(self.check_gradients)
        self.gradcheck_panel.nodeActivated.connect(lambda nid: window.view.select_node_ids([nid]))

        a.accumulate_grads.setChecked(self.semantics.accumulate)
        a.accumulate_grads.toggled.connect(self._on_accumulate_toggled)
        # A check mark in the menu (an icon there shows "on" only as a faint highlight) and
        # a tag on the canvas: summed grads must never pass for a fresh Backward's.
        for checkable in (a.accumulate_grads, a.gradient_flow):
            checkable.setIconVisibleInMenu(False)
        self.semantics.changed.connect(self._show_accumulation)
        self._show_accumulation()
        a.zero_grad.triggered.connect(lambda: status(self.semantics.zero_grad()))

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)

    # --- step-through ------------------------------------------------------------------------

    @property
    def stepper(self) -> BackpropStepper:
        """The step-through the step actions drive: forward mode's while the canvas shows
        forward mode (see :mod:`~autograd_studio.gui.features.derivative_modes`)."""
        modes = getattr(self.window, "derivative_modes", None)
        if modes is not None and modes.mode == FORWARD:
            return modes.stepper
        return self.backprop

    def _stepper_dock(self) -> QDockWidget:
        modes = getattr(self.window, "derivative_modes", None)
        if modes is not None and self.stepper is modes.stepper:
            return modes.dock
        return self.backprop_dock

    def step(self) -> None:
        """F10: show the step-through's panel and run the next step (the first press: the
        seed)."""
        self.show_dock(self._stepper_dock())
        self.stepper.step()

    def _on_play_toggled(self, on: bool) -> None:
        if on:
            self.show_dock(self._stepper_dock())
        self.stepper.set_playing(on)

    def show_dock(self, dock: QDockWidget) -> None:
        """Show and raise *dock*; a graph that was wholly visible stays so in the smaller
        canvas (refitted), a graph being looked at in detail keeps its view."""
        if dock.isVisible():
            dock.raise_()
            return
        view = self.window.view
        whole = view.graph_scene.nodes_bounding_rect()
        seen = view.mapToScene(view.viewport().rect()).boundingRect()
        was_whole = not whole.isEmpty() and seen.contains(whole)
        dock.show()
        dock.raise_()
        if dock not in self._sized:  # first time: about its content's height, not half
            self._sized.add(dock)  # the window (a 270 px canvas at 1280x800)
            window = self.window
            wanted = dock.widget().sizeHint().height() + 40
            height = min(max(wanted, window.height() // 4), window.height() * 2 // 5)
            window.resizeDocks([dock], [height], Qt.Orientation.Vertical)
        if was_whole:
            self.window.layout().activate()  # the canvas takes its new size now
            view.fit_all()

    def _on_playing(self, playing: bool) -> None:
        action = self.window.actions.backprop_play
        if action.isChecked() != playing:
            action.blockSignals(True)
            action.setChecked(playing)
            action.blockSignals(False)
        action.setText(self.tr("&Pause") if playing else self.tr("&Play"))
        action.setIcon(action_icon("pause" if playing else "play"))

    def _update_step_actions(self) -> None:
        a, stepper = self.window.actions, self.stepper
        active = stepper.active
        a.backprop_step_back.setEnabled(active and stepper.position > 0)
        a.backprop_reset.setEnabled(active and stepper.position > 0)
        a.backprop_end.setEnabled(active and not stepper.at_end)
        a.backprop_stop.setEnabled(active)
        a.backprop_step.setEnabled(not stepper.at_end)

    def _sync_inspector(self) -> None:
        # The inspector shows what the canvas shows: the grads accumulated so far.
        session, inspector = self.window.session, self.window.inspector
        shown = self.window.view.grad_override()
        results = session.results
        if shown is None:
            inspector.set_results(results, session.grads_stale)
            return
        grad = {nid: shown.get(nid) for nid in results.data}
        inspector.set_results(EvaluationResult(results.output, results.data, grad, {}), False)

    def _on_backprop_dock_toggled(self, shown: bool) -> None:
        if not shown:  # the panel was closed: leave the step-through with it
            self.backprop.stop()

    # --- gradient check, semantics -----------------------------------------------------------

    def check_gradients(self) -> None:
        """Ctrl+Shift+C: show the Gradient Check panel and run it."""
        self.show_dock(self.gradcheck_dock)
        result = self.gradcheck_panel.run()
        if result is not None:
            count = len(result.parameters)
            if result.passed:
                self._status(self.tr("Gradient check passed on {0} inputs/weights").format(count))
            else:
                self._status(self.tr("Gradient check FAILED on {0} inputs/weights").format(count))

    def _show_accumulation(self) -> None:
        view = self.window.view
        view.set_mode_tag(self.semantics.tag_text())
        # a scrub reruns a resetting Backward: never while grads are being summed
        view.live_scrub_backward = not self.semantics.accumulate

    def _on_accumulate_toggled(self, on: bool) -> None:
        self.semantics.set_accumulate(on)
        self._status(
            self.tr("Backward now sums onto the grads shown (micrograd); Zero Grad clears them")
            if on
            else self.tr("Backward now resets the grads first (every press gives the same grads)")
        )

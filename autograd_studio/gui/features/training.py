"""Training in the editor: the Training dock, its trainer, and the undo steps it makes.

:class:`TrainingController` keeps a headless :class:`~autograd_studio.training.Trainer` for
the document and drives it from a zero-interval timer in short slices (about 20 ms of steps
per turn of the event loop), so the window never freezes.  The loss plot follows every
slice; the canvas (weights written into the document, then Backward) and the decision
boundary follow at most five times a second, so painting never slows training down.

Undo: a run (Play until Pause or until the run's steps are done, or one Step) is one undo
step, "Train 100 steps"; Reset is one, "Reset Weights"; an edit of the dataset, bindings
or settings is one, "Change Training Setup" (the document's ``dataset``/``training``
sections, saved with the file).
"""

from __future__ import annotations

import copy
import time
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QDockWidget

from autograd_studio.gui.look.sentences import said, said_error
from autograd_studio.gui.panels.training import TrainingPanel
from autograd_studio.training import (
    DatasetError,
    Trainer,
    TrainingError,
    read_csv,
    read_settings,
    read_setup,
)

if TYPE_CHECKING:
    from autograd_studio.graph.document import GraphDocument
    from autograd_studio.gui.window.main_window import MainWindow

__all__ = ["TrainingController"]

_SLICE = 0.02  # seconds of training per turn of the event loop
_PLOT_EVERY = 0.1  # seconds between loss-plot updates while playing
_PAINT_EVERY = 0.5  # seconds between canvas/boundary updates while playing
_SETUP_ID = 0x7A11


class _WeightsCommand(QUndoCommand):
    """Weights from *old* to *new* (both ``id -> value``) in one step."""

    def __init__(self, doc: GraphDocument, old: dict[str, float], new: dict[str, float], text: str):
        super().__init__(text)
        self.doc, self.old, self.new = doc, old, new

    def redo(self) -> None:
        _write(self.doc, self.new)

    def undo(self) -> None:
        _write(self.doc, self.old)


class _SetupCommand(QUndoCommand):
    """The document's dataset and training sections; consecutive edits merge."""

    def __init__(self, controller: TrainingController, doc: GraphDocument, new: dict, text: str):
        super().__init__(text)
        self.controller, self.doc = controller, doc
        self.old = {k: copy.deepcopy(doc.metadata.get(k)) for k in ("dataset", "training")}
        self.new = new

    def id(self) -> int:
        return _SETUP_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, _SetupCommand) or other.doc is not self.doc:
            return False
        self.new = other.new
        return True

    def _apply(self, sections: dict) -> None:
        for key, value in sections.items():
            if value is None:
                self.doc.metadata.pop(key, None)
            else:
                self.doc.metadata[key] = copy.deepcopy(value)
        self.controller.setup_changed()

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)


def _write(doc: GraphDocument, values: dict[str, float]) -> None:
    for nid, value in values.items():
        if nid in doc.nodes:
            doc.set_value(nid, value)


class TrainingController(QObject):
    """The Training dock (View > Training, ``actionTrain``) and everything it runs."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.panel = TrainingPanel()
        self.dock = QDockWidget(self.tr("Training"), window)
        self.dock.setObjectName("trainingDock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.hide()
        self._shown_once = False
        window.actions.adopt("ShowTraining", self.dock.toggleViewAction())
        self.trainer: Trainer | None = None
        self._trainer_key: tuple[Any, ...] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._tick)
        self._run_start: dict[str, float] = {}
        self._run_steps = 0
        self._play_started = 0.0
        self._last_paint = 0.0
        self._last_plot = 0.0
        self._pushing = False
        self.steps_per_second = 0.0

        window.actions.train.triggered.connect(self.show_panel)
        p = self.panel
        p.setupEdited.connect(self._on_setup_edited)
        p.stepRequested.connect(self.step)
        p.playToggled.connect(self.set_playing)
        p.resetRequested.connect(self.reset)
        p.importRequested.connect(self.import_csv)
        self.session.documentReplaced.connect(lambda _doc: self.document_replaced())
        self.session.undo_stack.indexChanged.connect(self._on_undo_index)
        # Nodes came or went (a deletion, its undo): the node lists follow, once per burst
        # and only while the dock shows (the demo's lists are 130,000 combo entries).
        self._relist = QTimer(self, singleShot=True, interval=0, timeout=self._show_lists)
        self._lists_stale = False
        self.session.structureChanged.connect(self._on_structure_changed)
        self.dock.visibilityChanged.connect(lambda shown: shown and self._relist.start())
        self.document_replaced()

    # --- the document -----------------------------------------------------------------------

    @property
    def document(self) -> GraphDocument:
        return self.session.document

    def show_panel(self) -> None:
        first = not self._shown_once
        self._shown_once = True
        self.dock.show()
        self.dock.raise_()
        if first:  # its natural height left the canvas a 126-pixel strip at 1280x800
            height = max(240, self.window.height() * 2 // 5)
            self.window.resizeDocks([self.dock], [height], Qt.Orientation.Vertical)

    def document_replaced(self) -> None:
        """Another document is open: stop, forget the trainer, show its sections."""
        self._stop_timer()
        self.trainer = None
        self.setup_changed()

    def setup_changed(self) -> None:
        """The sections changed (an edit, its undo): show them; the next step starts anew."""
        self._lists_stale = True
        self._show_lists()
        self.trainer = None
        self._show_history()
        self._prepare_boundary()

    def _on_structure_changed(self, _event: object) -> None:
        self._lists_stale = True
        if self.dock.isVisible():
            self._relist.start()

    def _show_lists(self) -> None:
        if self._lists_stale:
            self._lists_stale = False
            doc = self.document
            self.panel.show_setup(doc, read_setup(doc), read_settings(doc))

    def _on_setup_edited(self, setup, settings) -> None:
        sections = {
            "dataset": setup.to_json() if setup is not None else None,
            "training": settings.to_json(),
        }
        if self.panel.setup() is None and self.document.metadata.get("dataset") is None:
            sections["dataset"] = None
        self._push(_SetupCommand(self, self.document, sections, self.tr("Change Training Setup")))

    def import_csv(self) -> None:
        ask = getattr(self.window.dialogs, "open_csv_path", None)
        path = ask() if ask is not None else None
        if not path:
            return
        try:
            dataset = read_csv(path)
        except DatasetError as exc:
            self.window.dialogs.error(self.tr("Import CSV"), said_error(exc))
            return
        self.panel.set_dataset(dataset)

    # --- the trainer ------------------------------------------------------------------------

    def _weights_in_document(self) -> dict[str, float]:
        doc = self.document
        return {nid: r.value for nid, r in doc.nodes.items() if r.kind == "weight"}

    def _ensure_trainer(self) -> Trainer | None:
        doc = self.document
        setup = read_setup(doc)
        if setup is None:
            self._say(self.tr("Choose a dataset and a loss node first."))
            return None
        key = (id(doc), doc.structure_version)
        if self.trainer is None or self._trainer_key != key:
            try:
                self.trainer = Trainer(doc, setup, read_settings(doc))
            except (TrainingError, DatasetError) as exc:
                self._say(said_error(exc))
                self.trainer = None
                return None
            self._trainer_key = key
            self._prepare_boundary()
        else:  # the document's weights are the truth (an undo may have moved them)
            values = self._weights_in_document()
            self.trainer.weights[:] = [values[nid] for nid in self.trainer.weight_ids]
        return self.trainer

    def step(self) -> None:
        """One optimizer step, one undo step."""
        if self._timer.isActive():
            return
        trainer = self._ensure_trainer()
        if trainer is None:
            return
        before = self._weights_in_document()
        result = trainer.step()
        self._after_steps([result])
        self._finish_run(before, 1)

    def set_playing(self, playing: bool) -> None:
        if playing == self._timer.isActive():
            return
        if playing:
            trainer = self._ensure_trainer()
            if trainer is None:
                self.panel.set_playing(False)
                return
            self._run_start = self._weights_in_document()
            self._run_steps = 0
            self._play_started = self._last_paint = self._last_plot = time.perf_counter()
            self._timer.start()
            self.panel.set_playing(True)
        else:
            self._stop_timer()
            if self._run_steps and self.trainer is not None:
                self._show_history()  # the last slice may not have been plotted yet
            self._finish_run(self._run_start, self._run_steps)

    def _stop_timer(self) -> None:
        self._timer.stop()
        self.panel.set_playing(False)

    def _tick(self) -> None:
        trainer = self.trainer
        if trainer is None:
            self.set_playing(False)
            return
        start = time.perf_counter()
        limit = self.panel.speed_box.value()
        planned = trainer.settings.steps
        results = []
        while time.perf_counter() - start < _SLICE:
            allowed = limit * (time.perf_counter() - self._play_started)
            if self._run_steps >= planned or self._run_steps >= allowed:
                break
            result = trainer.step()
            results.append(result)
            self._run_steps += 1
            if not np.isfinite(result.loss) or result.dead:
                break
        elapsed = time.perf_counter() - self._play_started
        self.steps_per_second = self._run_steps / elapsed if elapsed > 0 else 0.0
        last = results[-1] if results else None
        stop = self._run_steps >= planned or (
            last is not None and (not np.isfinite(last.loss) or last.dead)
        )
        now = time.perf_counter()
        if results and (stop or now - self._last_plot > _PLOT_EVERY):
            self._last_plot = now
            self._after_steps(results, paint=not stop and now - self._last_paint > _PAINT_EVERY)
        if stop:
            self.set_playing(False)

    def _after_steps(self, results: list, paint: bool = True) -> None:
        trainer = self.trainer
        assert trainer is not None
        self._show_history()
        last = results[-1]
        rate = (
            f"{self.steps_per_second:.0f} " + self.tr("steps/s") if self._timer.isActive() else ""
        )
        accuracy = (
            f" · {self.tr('accuracy')} {last.accuracy:.0%}" if last.accuracy is not None else ""
        )
        self.panel.rate_label.setText(
            self.tr("step {0} · loss {1:.4g}").format(trainer.steps_done, last.loss)
            + accuracy
            + (f" · {rate}" if rate else "")
        )
        if last.dead:
            self._say(said(last.dead))
        elif not np.isfinite(last.loss):
            self._say(
                self.tr("The loss is {0}: lower the learning rate and press Reset.").format(
                    last.loss
                )
            )
        else:
            self._say("")
        if paint:
            self._last_paint = time.perf_counter()
            self._paint()

    def _paint(self) -> None:
        """Weights onto the canvas (no undo step: the run makes one when it ends), grads by
        Backward, and the decision boundary."""
        trainer = self.trainer
        if trainer is None:
            return
        self._pushing = True
        try:
            _write(self.document, trainer.weight_values())
        finally:
            self._pushing = False
        self.session.run_backward()
        self._update_boundary()

    def _finish_run(self, before: dict[str, float], steps: int) -> None:
        trainer = self.trainer
        if trainer is None or steps == 0:
            return
        self._paint()
        after = trainer.weight_values()
        text = self.tr("Train 1 step") if steps == 1 else self.tr("Train {0} steps").format(steps)
        self._push(_WeightsCommand(self.document, before, after, text))

    def reset(self) -> None:
        """Back to the weights from before training, one undo step; the plot starts over."""
        self._stop_timer()
        if self._run_steps and self.trainer is not None:
            self._finish_run(self._run_start, self._run_steps)
            self._run_steps = 0
        trainer = self.trainer
        if trainer is None:
            return
        initial = dict(zip(trainer.weight_ids, trainer.initial.tolist(), strict=True))
        before = self._weights_in_document()
        trainer.reset()
        if before != initial:
            self._push(_WeightsCommand(self.document, before, initial, self.tr("Reset Weights")))
        self._show_history()
        self.panel.rate_label.setText("")
        self._say("")
        self.session.run_backward()
        self._update_boundary()

    def _push(self, command: QUndoCommand) -> None:
        self._pushing = True
        try:
            self.session.push(command)
        finally:
            self._pushing = False

    def _on_undo_index(self, _index: int) -> None:
        if not self._pushing and self._timer.isActive():  # Undo while playing: stop first
            self._stop_timer()
            self._run_steps = 0

    # --- pictures ---------------------------------------------------------------------------

    def _show_history(self) -> None:
        trainer = self.trainer
        losses = trainer.losses if trainer is not None else []
        accuracies = trainer.accuracies if trainer is not None else []
        planned = 0
        if trainer is not None and self._timer.isActive():  # the axis spans the whole run
            planned = trainer.steps_done - self._run_steps + trainer.settings.steps
        self.panel.loss_plot.show_history(losses, accuracies, planned)

    def _boundary_inputs(self) -> tuple[str, str] | None:
        """The two bound non-target inputs of a model with a prediction node, if so."""
        setup = read_setup(self.document)
        if setup is None or setup.prediction is None or setup.target is None:
            return None
        inputs = [node for column, node in setup.bindings.items() if column != setup.target]
        return (inputs[0], inputs[1]) if len(inputs) == 2 else None

    def _prepare_boundary(self) -> None:
        plot = self.panel.boundary_plot
        pair = self._boundary_inputs()
        plot.setVisible(pair is not None)
        if pair is None:
            return
        setup = read_setup(self.document)
        assert setup is not None and setup.target is not None
        columns = {node: column for column, node in setup.bindings.items()}
        data = setup.dataset
        labels = data.column(setup.target)
        split = float(np.unique(labels)[:2].mean()) if len(np.unique(labels)) >= 2 else 0.0
        plot.set_points(data.column(columns[pair[0]]), data.column(columns[pair[1]]), labels, split)
        self._split = split
        self._update_boundary()

    def _update_boundary(self) -> None:
        pair = self._boundary_inputs()
        plot = self.panel.boundary_plot
        if pair is None or plot.bounds is None:
            return
        trainer = self.trainer
        if trainer is None:
            try:
                trainer = Trainer(
                    self.document, read_setup(self.document), read_settings(self.document)
                )
            except (TrainingError, DatasetError):
                return
        gx, gy = plot.grid()
        plot.show_prediction(np.asarray(trainer.predict({pair[0]: gx, pair[1]: gy})), self._split)

    def _say(self, text: str) -> None:
        self.panel.message.setText(text)

    @property
    def playing(self) -> bool:
        return self._timer.isActive()

"""The Backprop panel: controls, the timeline of the backward order, and the current step's
chain-rule lines with real numbers.

The panel is a view of a
:class:`~autograd_studio.gui.features.backprop_stepper.BackpropStepper`: its buttons are the
window's actions (so F10 and the button are the same thing), the timeline lists the seed and
every op node in the order their local backward runs (lazily: the 65,818-node demo has
32,000 rows), and the text shows what the current step added to whom::

    grad(w1) += grad(w1*x1) * x1 = 1.0000 * 2.0000 = 2.0000
"""

from __future__ import annotations

import html

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QSlider,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from autograd_studio.analysis.trace import BackwardTrace, format_value
from autograd_studio.engine.ops import OPS
from autograd_studio.graph.document import GraphDocument
from autograd_studio.graph.naming import node_name
from autograd_studio.graph.plan import plan_for
from autograd_studio.gui.features.backprop_stepper import BackpropStepper
from autograd_studio.gui.look.sentences import said

__all__ = ["SPEEDS", "BackpropPanel", "TimelineModel"]

#: The speed slider's stops, in steps per second.
SPEEDS = (0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 5.0, 8.0, 12.0)

_Index = QModelIndex | QPersistentModelIndex
_SLIDER_KEYS = (Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_Left, Qt.Key.Key_Right)


class TimelineModel(QAbstractListModel):
    """Row 0 the seed, row *k* the *k*-th step's node; rows are written when shown."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._trace: BackwardTrace | None = None
        self._doc: GraphDocument | None = None
        self._order: list[str] = []
        self._rows = 0
        self._position = 0

    def set_trace(self, trace: BackwardTrace | None, doc: GraphDocument | None) -> None:
        self.beginResetModel()
        self._trace, self._doc = trace, doc
        self._order = trace.order if trace is not None else []
        self._rows = len(self._order) + 1 if trace is not None else 0
        self._position = 0
        self.endResetModel()

    def set_position(self, k: int) -> None:
        """Mark rows before *k* done and *k* current.  No ``dataChanged``: on a list view
        that re-lays out every row (0.1 s on the demo's 32,000); the panel repaints the
        visible rows instead."""
        self._position = k

    @property
    def position(self) -> int:
        return self._position

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        # Qt asks this many thousand times per selection change on a long list: keep it flat.
        return self._rows if not parent.isValid() else 0

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        trace, doc = self._trace, self._doc
        if trace is None or doc is None or not index.isValid():
            return None
        k = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            mark = "✓" if k < self._position else ("▶" if k == self._position else " ")
            if k == 0:
                seed = self.tr("seed")
                return f"{mark}  {seed}   {trace.seed_text}"
            node_id = self._order[k - 1]
            record = doc.nodes.get(node_id)
            name = node_name(doc, node_id) if record is not None else node_id
            op = OPS[record.op].name if record is not None and record.op else ""
            if record is None:  # inside a call (entering calls): "f1/mul2 (mul)"
                name, op = _inner(doc, node_id)
            if record is not None and record.function is not None:
                op = record.function  # a call run as one step
            return f"{mark}  {k:>3}   {name}   ({op})"
        if role == Qt.ItemDataRole.ForegroundRole and k > self._position:
            return QGuiApplication.palette().color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        if role == Qt.ItemDataRole.ToolTipRole and k > 0:
            return trace.steps[k - 1].text
        return None


class BackpropPanel(QWidget):
    """The dock's widget.  ``actions`` is the window's
    :class:`~autograd_studio.gui.window.actions.StudioActions` (step, back, reset, end, play,
    stop)."""

    speedChanged = Signal(float)
    callsAsStepsChanged = Signal(bool)

    def __init__(self, stepper: BackpropStepper, actions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backpropPanel")
        self.stepper = stepper
        self._syncing = False

        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        controls.setSpacing(2)
        self.buttons: dict[str, QToolButton] = {}
        for name in ("backprop_reset", "backprop_step_back", "backprop_play", "backprop_step",
                     "backprop_end", "backprop_stop"):  # fmt: skip
            action: QAction = getattr(actions, name)
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setAutoRaise(True)
            button.setObjectName(name.replace("backprop_", "") + "Button")
            controls.addWidget(button)
            self.buttons[name] = button
        controls.addSpacing(12)
        controls.addWidget(QLabel(self.tr("Speed")))
        self.speed_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.speed_slider.setObjectName("speedSlider")
        self.speed_slider.setRange(0, len(SPEEDS) - 1)
        self.speed_slider.setPageStep(1)
        self.speed_slider.setFixedWidth(110)
        self.speed_slider.setValue(min(range(len(SPEEDS)), key=lambda i: abs(SPEEDS[i] - 1.5)))
        self.speed_slider.valueChanged.connect(self._on_speed)
        self.speed_slider.installEventFilter(self)  # its Home/End beat the step shortcuts
        self.speed_label = QLabel()
        self.speed_label.setMinimumWidth(64)
        controls.addWidget(self.speed_slider)
        controls.addWidget(self.speed_label)
        controls.addSpacing(12)
        self.calls_check = QCheckBox(self.tr("Function calls as one step"), self)
        self.calls_check.setObjectName("callsAsOneStep")
        self.calls_check.setToolTip(
            self.tr(
                "On: a function call is one step, backward and in forward mode (what went "
                "in, what came out, the gradient or tangent it passes on). Off: step through "
                "its nodes one by one."
            )
        )
        self.calls_check.setChecked(stepper.calls_as_steps)
        self.calls_check.toggled.connect(self._on_calls_toggled)
        controls.addWidget(self.calls_check)
        controls.addStretch(1)
        self.position_label = QLabel()
        self.position_label.setObjectName("positionLabel")
        controls.addWidget(self.position_label)

        self.timeline_model = TimelineModel(self)
        self.timeline = QListView(self)
        self.timeline.setObjectName("timeline")
        self.timeline.setModel(self.timeline_model)
        self.timeline.setUniformItemSizes(True)
        self.timeline.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.timeline.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        mono = QFont("DejaVu Sans Mono")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.timeline.setFont(mono)
        self.timeline.selectionModel().currentRowChanged.connect(self._on_row)

        self.details = QTextBrowser(self)
        self.details.setObjectName("stepDetails")
        self.details.setOpenLinks(False)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.timeline)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addLayout(controls)
        layout.addWidget(splitter, 1)

        stepper.changed.connect(self.refresh)
        self._on_speed(self.speed_slider.value())
        self._trace_shown: BackwardTrace | None = None
        self.refresh()

    # --- from the stepper --------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the stepper's state: timeline, position, the current step's lines."""
        stepper = self.stepper
        if stepper.trace is not self._trace_shown:
            self._trace_shown = stepper.trace
            self.timeline_model.set_trace(stepper.trace, self.stepper.session.document)
        self.timeline_model.set_position(stepper.position)
        self.timeline.viewport().update()
        if stepper.active:
            self.position_label.setText(
                self.tr("seed")
                if stepper.position == 0
                else self.tr("step {0} of {1}").format(stepper.position, stepper.length)
            )
            self._syncing = True
            try:
                index = self.timeline_model.index(stepper.position)
                self.timeline.setCurrentIndex(index)
                self.timeline.scrollTo(index)
            finally:
                self._syncing = False
        else:
            self.position_label.setText("")
        self.details.setHtml(self.details_html())

    def details_html(self) -> str:
        """What the text pane shows (kept public: tests and screenshots read it)."""
        stepper = self.stepper
        trace = stepper.trace
        if trace is None:
            return self.tr(
                "<p><b>Step through backward one node at a time.</b></p>"
                "<p>Press <b>Step</b> (F10) to start at the output with "
                "<code>grad = 1</code>; each further Step runs one node's local backward and "
                "adds its chain-rule terms to its inputs' grads. Shift+F10 steps back, F5 "
                "plays, Home/End jump to the seed or the end, Shift+F5 stops.</p>"
            )
        doc = stepper.session.document
        parts = []
        step = stepper.current_step()
        if step is None:
            parts.append(self.tr("<h3>Seed: {0}</h3>").format(_code(trace.seed_text)))
            parts.append(
                self.tr(
                    "<p>Backward starts at the output: its gradient with respect to itself is "
                    "1. Every other grad starts at 0.</p>"
                )
            )
            if len(trace):
                first = trace.order[0]
                parts.append(
                    self.tr("<p>Next (F10): the local backward of <b>{0}</b>.</p>").format(
                        _name(doc, first)
                    )
                )
        else:
            record = doc.nodes.get(step.node_id)
            op = OPS[record.op] if record is not None and record.op else None
            if record is None:  # a node inside a call (entering calls)
                op = OPS.get(_inner(doc, step.node_id)[1])
            what = f" <small>({op.name}: {html.escape(op.formula)})</small>" if op else ""
            call = record is not None and record.function is not None
            parts.append(
                self.tr("<h3>Step {0} of {1}: {2}{3}</h3>").format(
                    step.index, len(trace), _name(doc, step.node_id), what
                )
            )
            grad = (
                f"<code>grad({html.escape(_plain(doc, step.node_id))}) = "
                f"{format_value(step.upstream_grad)}</code>"
            )
            if call:
                parts.append(
                    self.tr(
                        "<p>A call of <b>{0}</b>, run backward as one step: its gradient is "
                        "final now ({1}) and flows back through every node inside it at "
                        "once. What went in and came out, and what each input gets:</p>"
                    ).format(html.escape(record.function), grad)
                )
            else:
                parts.append(
                    self.tr(
                        "<p>Its gradient is final now (every node that uses it has run): {0}. "
                        "It passes on upstream × local derivative to each input:</p>"
                    ).format(grad)
                )
            lines = "<br>".join(_code(said(term.text)) for term in step.terms)
            if call and step.terms:  # the call written out: inputs -> output
                lines = f"{_code(said(step.terms[0].hint))}<br><br>{lines}"
            parts.append(f"<p style='line-height:140%'>{lines}</p>")
            if op is not None and op.derivative:
                parts.append(
                    self.tr("<p><small>local derivatives: {0}</small></p>").format(
                        html.escape(op.derivative)
                    )
                )
            if stepper.at_end:
                parts.append(
                    self.tr("<p><b>Done.</b> These are exactly the grads of a full Backward.</p>")
                )
        for note in trace.notes:
            parts.append(self.tr("<p><small>Note: {0}</small></p>").format(html.escape(said(note))))
        return "".join(parts)

    # --- from the user -----------------------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:
        # Home/End/arrows on the focused slider move the slider, not the step-through.
        if (
            watched is self.speed_slider
            and event.type() == QEvent.Type.ShortcutOverride
            and event.key() in _SLIDER_KEYS
        ):
            event.accept()
        return False

    def _on_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._syncing and current.isValid():
            self.stepper.jump(current.row())

    def _on_calls_toggled(self, on: bool) -> None:
        self.stepper.set_calls_as_steps(on)
        self.callsAsStepsChanged.emit(on)
        self.refresh()

    def _on_speed(self, index: int) -> None:
        speed = SPEEDS[index]
        self.stepper.set_speed(speed)
        self.speed_label.setText(self.tr("{0} steps/s").format(format(speed, "g")))
        self.speedChanged.emit(speed)


def _inner(doc: GraphDocument, flat_id: str) -> tuple[str, str]:
    """A node inside a call as the timeline shows it: the call's name, the inner id, and
    its op (from the evaluation plan, which has the inner nodes)."""
    plan = plan_for(doc)
    i = plan.index.get(flat_id)
    op = plan.ops[i] if i is not None else None
    owner, _, inner = flat_id.partition("/")
    name = f"{node_name(doc, owner)}/{inner}" if owner in doc.nodes else flat_id
    return name, op.name if op is not None else ""


def _name(doc: GraphDocument, node_id: str) -> str:
    return html.escape(_plain(doc, node_id))


def _plain(doc: GraphDocument, node_id: str) -> str:
    record = doc.nodes.get(node_id)
    return node_name(doc, node_id) if record is not None else _inner(doc, node_id)[0]


def _code(text: str) -> str:
    return f"<code style='font-size:10.5pt'>{html.escape(text)}</code>"

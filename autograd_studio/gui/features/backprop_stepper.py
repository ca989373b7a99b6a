"""Step-through backward on the canvas: one node's local backward at a time.

:class:`BackpropStepper` walks a :class:`~autograd_studio.analysis.trace.BackwardTrace` of
the document: position 0 is the seed (``grad(output) = 1``), position *k* is the state
after the *k*-th op node's ``_backward`` ran.  At every position the canvas shows exactly
the gradients accumulated so far (``trace.grads_after(k)``, through the view's display-only
grad override), the node whose backward ran glows, the edges along which it sent gradient
are drawn in the gradient colour, and each operand that received some carries a note with
what was added (``+= 2.0000``).

Stepping is a way of *looking*: it never changes the document or the results.  Any new
result (an edit, a Backward, another file) ends it, since the trace would no longer
describe the graph; the canvas then shows the regular results again.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from autograd_studio.analysis.call_trace import CallTrace, by_calls
from autograd_studio.analysis.modes import derivative_choice
from autograd_studio.analysis.trace import BackwardTrace, Step, backward_trace, format_value
from autograd_studio.graph.document import DocumentEvent, EventKind
from autograd_studio.graph.inline import owner_of
from autograd_studio.gui.canvas.decorations import NodeNote
from autograd_studio.gui.canvas.view import GraphView
from autograd_studio.gui.editing.session import EditorSession
from autograd_studio.gui.look.sentences import said

__all__ = ["DEFAULT_SPEED", "BackpropStepper"]

#: Steps per second while playing.
DEFAULT_SPEED = 1.5
_CLIENT = "backprop"
_INCREMENTAL = 64  # moves of up to this many steps update only the items they touch


class BackpropStepper(QObject):
    """The step-through's state over *session*'s results and its marks on *view*.

    ``changed`` fires after every move (and on start and stop); ``playingChanged`` when
    Play starts or pauses; ``statusMessage`` carries a sentence for the status bar.
    """

    changed = Signal()
    playingChanged = Signal(bool)
    statusMessage = Signal(str)

    def __init__(
        self, session: EditorSession, view: GraphView, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.view = view
        self.trace: BackwardTrace | CallTrace | None = None
        self.position = 0
        #: Whether a function call is one step (else its inner nodes are, one by one).
        self.calls_as_steps = False
        self._speed = DEFAULT_SPEED
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._set_interval()
        self._overriding = False  # the view shows this trace's grads (updates can be partial)
        session.resultsPublished.connect(self._on_results)
        session.documentChanged.connect(self._on_document_event)

    # --- state -------------------------------------------------------------------------------

    @property
    def active(self) -> bool:
        """Whether the canvas is in step-through mode."""
        return self.trace is not None

    @property
    def length(self) -> int:
        """How many steps the trace has (0 when inactive)."""
        return len(self.trace) if self.trace is not None else 0

    @property
    def at_end(self) -> bool:
        return self.active and self.position == self.length

    @property
    def playing(self) -> bool:
        return self._timer.isActive()

    def current_step(self) -> Step | None:
        """The step whose backward ran last (``None`` at the seed or when inactive)."""
        if self.trace is None or self.position == 0:
            return None
        return self.trace.steps[self.position - 1]

    # --- moving ------------------------------------------------------------------------------

    def start(self) -> bool:
        """Enter step mode at the seed; ``False`` (with a status message) when there is
        nothing to step through (no output, or it has no value)."""
        session = self.session
        # The latest edit may not be evaluated yet: fresh_results evaluates it now.
        results = session.fresh_results()
        target = derivative_choice(session.document).target  # the chosen one, else the output
        trace = self._traced(results, target)
        if trace.output is None:
            reason = said(trace.notes[0]) if trace.notes else self.tr("the graph is empty")
            self.statusMessage.emit(self.tr("Nothing to step through: {0}").format(reason))
            return False
        self.trace = trace
        self._overriding = False
        self._show(0)
        self.statusMessage.emit(
            self.tr(
                "Stepping through backward: {0} steps. "
                "F10 step, Shift+F10 back, F5 play, Shift+F5 stop"
            ).format(len(trace))
        )
        return True

    def set_calls_as_steps(self, on: bool) -> None:
        """Step over function calls (*on*) or into them; a step-through under way starts
        again at the seed with the new steps."""
        on = bool(on)
        if on == self.calls_as_steps:
            return
        self.calls_as_steps = on
        if self.active:
            self.pause()
            self.start()

    def _traced(self, results, target: str | None) -> BackwardTrace | CallTrace:
        doc = self.session.document
        trace = backward_trace(doc, results, target)
        return by_calls(trace, doc) if self.calls_as_steps else trace

    def step(self) -> None:
        """Run the next node's backward (entering step mode first if needed)."""
        if not self.active:
            self.start()
            return
        if self.position < self.length:
            self._show(self.position + 1)

    def step_back(self) -> None:
        """Undo the last step: the grads go back to what they were before it."""
        if self.active and self.position > 0:
            self._show(self.position - 1)

    def reset(self) -> None:
        """Back to the seed: only ``grad(output) = 1``."""
        if self.active or self.start():
            self._show(0)

    def run_to_end(self) -> None:
        """Every remaining step at once: the grads of a full Backward."""
        if self.active or self.start():
            self._show(self.length)

    def jump(self, k: int) -> None:
        """Go to position *k* (0 is the seed), e.g. a row clicked in the timeline."""
        if self.trace is not None and 0 <= k <= self.length and k != self.position:
            self._show(k)

    def stop(self, message: str = "") -> None:
        """Leave step mode; the canvas shows the regular results again."""
        self.pause()
        if self.trace is None:
            return
        self.trace = None
        self.position = 0
        self._overriding = False
        view = self.view
        view.set_highlight()
        view.set_notes(_CLIENT, None)
        view.set_grad_override(None)
        self.changed.emit()
        if message:
            self.statusMessage.emit(message)

    # --- playing -----------------------------------------------------------------------------

    @property
    def speed(self) -> float:
        """Steps per second while playing."""
        return self._speed

    def set_speed(self, steps_per_second: float) -> None:
        self._speed = max(0.1, float(steps_per_second))
        self._set_interval()

    def play(self) -> None:
        """Step automatically at :attr:`speed`; from the end, start over at the seed."""
        if not self.active and not self.start():
            self.playingChanged.emit(False)
            return
        if self.at_end:
            self._show(0)
        if not self._timer.isActive():
            self._timer.start()
            self.playingChanged.emit(True)

    def pause(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.playingChanged.emit(False)

    def set_playing(self, on: bool) -> None:
        if on:
            self.play()
        else:
            self.pause()

    def _set_interval(self) -> None:
        self._timer.setInterval(round(1000 / self._speed))

    def _tick(self) -> None:
        if not self.active or self.at_end:
            self.pause()
            return
        self._show(self.position + 1)
        if self.at_end:
            self.pause()

    # --- showing -----------------------------------------------------------------------------

    def _show(self, k: int) -> None:
        trace = self.trace
        assert trace is not None
        view = self.view
        old, self.position = self.position, k
        grads = trace.grads_after(k)
        if self._overriding and abs(k - old) <= _INCREMENTAL:
            # Only the operands of the steps in between changed: update just those items.
            low, high = min(k, old), max(k, old)
            changed = {t.target_id for step in trace.steps[low:high] for t in step.terms}
            view.set_grad_override(grads, changed)
        else:
            view.set_grad_override(grads)
            self._overriding = True
        step = self.current_step()
        if step is None:  # the seed: the output glows, nothing has flowed yet
            output = trace.output
            view.set_highlight([output] if output else [])
            if output:
                seed = NodeNote(
                    self.tr("grad = 1 (seed)"), trace.seed_text + ": d out/d out", "gradient"
                )
                view.set_notes(_CLIENT, {output: seed})
            else:
                view.set_notes(_CLIENT, None)
        else:
            targets = [term.target_id for term in step.terms]
            # a node inside a call (f1/mul2, entering calls) is not on the canvas: the
            # call's node glows while its inner nodes run
            shown = step.node_id
            if shown not in self.session.document.nodes:
                shown = owner_of(shown) or shown
            view.set_highlight([shown], trace.edges_receiving(k), targets)
            view.set_notes(_CLIENT, _received_notes(step))
            self._reveal(shown)
        self.changed.emit()

    def _reveal(self, node_id: str) -> None:
        # On a big graph the running node may be off screen: bring it in, gently.
        self.view.reveal_node(node_id)

    # --- leaving when the graph changes ------------------------------------------------------

    def _on_results(self, _result) -> None:
        if self.active:
            self.stop(self.tr("Step-through ended: the graph or its results changed"))

    def _on_document_event(self, event: DocumentEvent) -> None:
        # A rename changes no number but every line naming the node: trace again, same place.
        renamed = event.kind is EventKind.NODE_CHANGED and event.field == "label"
        if renamed and self.trace is not None:
            k = self.position
            doc = self.session.document
            target = derivative_choice(doc).target
            self.trace = self._traced(self.session.results, target)
            self._overriding = False
            self._show(min(k, len(self.trace)))


def _received_notes(step: Step) -> dict[str, NodeNote]:
    """``+= 2.0000`` under every operand of *step* (two terms for ``a*a``: both shown)."""
    added: dict[str, list[str]] = {}
    lines: dict[str, list[str]] = {}
    for term in step.terms:
        added.setdefault(term.target_id, []).append(f"+= {format_value(term.contribution)}")
        lines.setdefault(term.target_id, []).append(said(term.text))
    return {
        nid: NodeNote("  ".join(parts), "\n".join(lines[nid]), "gradient")
        for nid, parts in added.items()
    }

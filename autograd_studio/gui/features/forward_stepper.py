"""Step-through forward mode on the canvas: one node's tangent rule at a time.

:class:`ForwardStepper` is the step-through backward's counterpart for forward mode
(:class:`~autograd_studio.gui.features.backprop_stepper.BackpropStepper`, whose moving,
playing and leaving it inherits): it walks a
:class:`~autograd_studio.analysis.forward_trace.ForwardTrace`.  Position 0 is the seed
(``dot(w1) = 1``); position *k* shows the tangents after the *k*-th op node's rule, the
node glows, the edges its tangent came along are drawn in the gradient colour, and a note
under it reads ``tangent = 2.0000`` with the rule and its numbers as tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from autograd_studio.analysis.call_trace import forward_by_calls
from autograd_studio.analysis.forward_trace import ForwardTrace, forward_trace
from autograd_studio.analysis.modes import derivative_choice
from autograd_studio.analysis.trace import format_value
from autograd_studio.graph.document import DocumentEvent, EventKind
from autograd_studio.gui.canvas.decorations import NodeNote
from autograd_studio.gui.canvas.view import GraphView
from autograd_studio.gui.editing.session import EditorSession
from autograd_studio.gui.features.backprop_stepper import BackpropStepper
from autograd_studio.gui.look.sentences import said

__all__ = ["ForwardStepper"]

_CLIENT = "forward-mode"


class ForwardStepper(BackpropStepper):
    """Step mode over forward mode's tangents for the document's chosen "wrt" node."""

    def __init__(
        self, session: EditorSession, view: GraphView, parent: QObject | None = None
    ) -> None:
        super().__init__(session, view, parent)
        self.trace: ForwardTrace | None = None  # type: ignore[assignment]

    def _trace(self) -> ForwardTrace:
        session = self.session
        wrt = derivative_choice(session.document).wrt
        trace = forward_trace(session.document, wrt, session.results)
        return forward_by_calls(trace, session.document) if self.calls_as_steps else trace

    def start(self) -> bool:
        """Enter step mode at the seed; ``False`` (with a status message) when there is
        no "with respect to" node, or it has no value."""
        self.session.fresh_results()  # a pending edit is evaluated first
        trace = self._trace()
        if trace.wrt is None:
            reason = said(trace.notes[0]) if trace.notes else self.tr("the graph is empty")
            self.statusMessage.emit(self.tr("Nothing to step through: {0}").format(reason))
            return False
        self.trace = trace
        self._overriding = False
        # While stepping, a node without a tangent may just not have its turn yet: "—".
        self.view.graph_scene.set_derivative_caption("tangent", "")
        self._show(0)
        self.statusMessage.emit(
            self.tr("Stepping through forward mode: {0} steps. F10 step, Shift+F10 back").format(
                len(trace)
            )
        )
        return True

    def stop(self, message: str = "") -> None:
        if self.trace is not None:
            self.view.set_notes(_CLIENT, None)
        super().stop(message)

    def _show(self, k: int) -> None:
        trace = self.trace
        assert trace is not None
        view = self.view
        self.position = k
        view.set_grad_override(trace.tangents_after(k))
        self._overriding = True
        step = self.current_step()
        if step is None:  # the seed: the input glows with dot = 1
            view.set_highlight([trace.wrt])
            seed = NodeNote(self.tr("tangent = 1 (seed)"), trace.seed_text, "gradient")
            view.set_notes(_CLIENT, {trace.wrt: seed})
        else:
            sources = [edge.source for edge in step.edges]
            view.set_highlight([step.node_id], list(step.edges), sources)
            note = NodeNote(f"tangent = {format_value(step.tangent)}", said(step.text), "gradient")
            view.set_notes(_CLIENT, {step.node_id: note})
            self._reveal(step.node_id)
        self.changed.emit()

    def _on_document_event(self, event: DocumentEvent) -> None:
        renamed = event.kind is EventKind.NODE_CHANGED and event.field == "label"
        if renamed and self.trace is not None:
            k = self.position
            self.trace = self._trace()
            self._show(min(k, len(self.trace)))
            return
        super()._on_document_event(event)

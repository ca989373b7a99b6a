"""Live evaluation: forward after every edit, Backward on demand, stale grads in between.

After a change of the math (values, nodes, edges, output) the graph is re-evaluated once
the event loop is free (a 0-ms single-shot timer coalesces a whole macro into one run).
``data`` always reflects the document; ``grad`` is what the last Backward computed and is
flagged stale after any later change until the next Backward.  Moving or renaming nodes
changes no number and leaves grads fresh.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QTimer, Signal

from autograd_studio.analysis.flow_pass import flow_layout
from autograd_studio.analysis.modes import derivative_choice
from autograd_studio.graph.document import DocumentEvent, GraphDocument
from autograd_studio.graph.evaluate import EvaluationResult, evaluate
from autograd_studio.graph.plan import NodeValues, plan_for
from autograd_studio.gui.look.sentences import said

__all__ = ["NO_OUTPUT_MESSAGE", "WARM_BACKWARD_MS", "LiveEvaluator"]

#: After a forward, the backward plan is compiled (and laid out for the gradient flow) once
#: the editor has been idle this long.
WARM_BACKWARD_MS = 100

NO_OUTPUT_MESSAGE = QT_TRANSLATE_NOOP(
    "Problems",
    "No output node: the graph has several ends. Right-click the node to differentiate "
    "and choose “Set as output”.",
)

# The badge's headline per kind, in the interface language; the detail after it comes from
# the evaluator's message, said in the interface language too.
_PROBLEM_TITLES = {
    "missing-input": QT_TRANSLATE_NOOP("Problems", "Missing input"),
    "nan": QT_TRANSLATE_NOOP("Problems", "Not a number"),
    "inf": QT_TRANSLATE_NOOP("Problems", "Infinite value"),
    "nan-grad": QT_TRANSLATE_NOOP("Problems", "Gradient is not a number"),
    "inf-grad": QT_TRANSLATE_NOOP("Problems", "Infinite gradient"),
    "nan-tangent": QT_TRANSLATE_NOOP("Problems", "Tangent is not a number"),
    "inf-tangent": QT_TRANSLATE_NOOP("Problems", "Infinite tangent"),
}


def problem_text(kind: str, message: str) -> str:
    """A problem as one readable line: ``Missing input: input 1 is not connected``."""
    title = _PROBLEM_TITLES.get(kind)
    if title is None:
        return said(message)
    headline = QCoreApplication.translate("Problems", title)
    return QCoreApplication.translate("Problems", "{0}: {1}").format(headline, said(message))


class LiveEvaluator(QObject):
    """Keeps :attr:`results` up to date with the document.

    :attr:`results` is an :class:`EvaluationResult` whose ``data`` comes from the latest
    forward pass and whose ``grad`` holds the grads of the last Backward (``None`` where
    there is none); :attr:`stale` says whether those grads predate the latest change.
    """

    resultsChanged = Signal(object)

    def __init__(self, document: GraphDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.run_forward)
        self._warm_timer = QTimer(self)
        self._warm_timer.setSingleShot(True)
        self._warm_timer.setInterval(WARM_BACKWARD_MS)
        self._warm_timer.timeout.connect(self._warm_up)
        self.document = document
        self.results = EvaluationResult(output=None)
        self.stale = False
        self._backward: EvaluationResult | None = None
        self.set_document(document)

    def set_document(self, document: GraphDocument) -> None:
        """Evaluate *document* from now on (no grads yet)."""
        self.document = document
        self._backward = None
        self.stale = False
        self.run_forward()

    def note_change(self, event: DocumentEvent) -> None:
        """The document changed: re-evaluate soon if any number may differ (the session
        calls this for every event)."""
        if not event.affects_values:
            return
        if self._backward is not None:
            self.stale = True
        self._timer.start()

    def pending(self) -> bool:
        return self._timer.isActive()

    def run_forward(self) -> EvaluationResult:
        """Forward now (cancelling a scheduled run) and publish the results."""
        self._timer.stop()
        forward = evaluate(self.document, backward=False)
        result = EvaluationResult(
            output=forward.output,
            data=forward.data,
            grad=self._grads_beside(forward.data),
            problems=forward.problems,
        )
        if not self.stale and self._backward is not None:
            for nid, problems in self._backward.problems.items():
                if problems and problems[0].kind == "nan-grad":
                    result.problems.setdefault(nid, []).extend(problems)
        self._publish(result)
        self._warm_timer.start()
        return result

    def _grads_beside(self, data: Mapping[str, float | None]) -> Mapping[str, float | None]:
        """The last Backward's grads for the nodes of *data*: the very same view while the
        structure is the same (an edit of a value re-evaluates 65,818 nodes; copying their
        grads into a new dict cost more than the forward itself)."""
        backward = self._backward
        if isinstance(data, NodeValues):
            if backward is None:
                return data.filled(None)
            if data.lines_up_with(backward.grad):
                return backward.grad
            if isinstance(backward.grad, NodeValues):  # after a change of shape: picked
                return data.picked_from(backward.grad)  # by id at C speed, not a dict
        grads = backward.grad if backward is not None else {}
        return {nid: grads.get(nid) for nid in data}

    def _warm_up(self) -> None:
        # Compile the backward part of the plan while the person looks at the graph, so
        # the first Backward after opening or a structural edit only runs it (the demo
        # graph: 40 ms of compiling, more than the backward pass itself); and lay its
        # steps out for the gradient flow's pass, so the first Gradient Flow only runs that
        # (the demo: 30 ms of laying out, more than the pass); and index who uses each
        # node, so the first click on a node (its edges light up) does not build it (the
        # demo: 65 ms).
        doc = self.document
        doc.build_user_index()
        root = derivative_choice(doc).target or doc.output
        plan = plan_for(doc)
        i = plan.index.get(root) if root is not None else None
        if i is not None and plan.sources[i] is not None:
            flow_layout(plan, plan.backward_for(root))  # type: ignore[arg-type]

    def run_backward(self) -> EvaluationResult:
        """Forward and backward from the output (or the derivative target chosen for the
        document, see :mod:`autograd_studio.analysis.modes`) now; grads become fresh."""
        self._timer.stop()
        target = derivative_choice(self.document).target
        result = evaluate(self.document, backward=True, target=target)
        result.problems.pop("", None)  # "no output" is shown by the canvas, not on a node
        self._backward = result
        self.stale = False
        self._publish(result)
        return result

    def publish_backward(self, result: EvaluationResult) -> None:
        """Show grads computed elsewhere as the last Backward's (fresh until the next edit):
        an accumulating Backward, Zero Grad.  *result* must belong to the current document."""
        self._timer.stop()
        self._backward = result
        self.stale = False
        self._publish(result)

    def _publish(self, result: EvaluationResult) -> None:
        self.results = result
        self.resultsChanged.emit(result)

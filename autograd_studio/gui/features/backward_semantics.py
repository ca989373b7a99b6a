"""What Backward does to the grads already shown: reset them (the default) or add to them.

Autograd Studio's engine resets gradients at the start of ``backward()``, so pressing it
twice gives the same answer.  micrograd does not: its ``backward()`` sums onto whatever is
there, which is why training loops call ``zero_grad()``.  With Graph > Accumulate Grads on,
the editor's Backward behaves like micrograd's (exactly like the engine's
``backward(accumulate=True)``: the root's grad is *set* to 1 and every other grad is summed
onto), and Zero Grad clears them, so the classic "backward twice doubles the grads" lesson
can be shown on the canvas.  The choice is remembered in the settings.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from autograd_studio.analysis.accumulate import accumulated_backward, zero_grads
from autograd_studio.gui.editing.session import EditorSession
from autograd_studio.gui.window.settings import StudioSettings

__all__ = ["BackwardSemantics"]


class BackwardSemantics(QObject):
    """Runs Backward on the session the chosen way and counts accumulated presses.

    ``presses`` is how many Backwards are summed in the grads shown (1 after a resetting
    Backward; 0 after Zero Grad or on another document).
    """

    accumulateChanged = Signal(bool)
    #: the mode or the number of summed presses changed (see :meth:`tag_text`)
    changed = Signal()

    def __init__(
        self, session: EditorSession, settings: StudioSettings, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self._accumulate = settings.accumulate_grads()
        self.presses = 0
        session.documentReplaced.connect(self._forget_presses)

    def _forget_presses(self, *_args: object) -> None:
        self.presses = 0

    @property
    def accumulate(self) -> bool:
        """Whether Backward sums onto the grads shown (micrograd) instead of resetting."""
        return self._accumulate

    def set_accumulate(self, on: bool) -> None:
        on = bool(on)
        if on != self._accumulate:
            self._accumulate = on
            self.settings.set_accumulate_grads(on)
            self.accumulateChanged.emit(on)
            self.changed.emit()

    def tag_text(self) -> str:
        """What the canvas says while grads accumulate ('' when Backward resets them)."""
        if not self._accumulate:
            return ""
        text = self.tr("Σ Accumulating grads")
        if self.presses > 1:
            text += self.tr(": {n} Backwards summed").format(n=self.presses)
        return text

    def run_backward(self) -> str:
        """Backward from the output, resetting or accumulating; returns what the status bar
        should add (``""`` for an ordinary Backward)."""
        session = self.session
        if not self._accumulate or session.document.output is None:
            result = session.run_backward()
            self.presses = 1 if result.output is not None else 0
            self.changed.emit()
            return ""
        # Like the engine: sum onto whatever grads are there (none yet: zeros).
        previous = session.fresh_results().grad
        had_grads = any(g for g in previous.values())
        session.publish_backward(accumulated_backward(session.document, previous))
        self.presses = self.presses + 1 if had_grads else 1
        self.changed.emit()
        if self.presses == 1:
            return self.tr(
                " · Accumulate Grads is on: press Backward again to sum onto these grads, "
                "as micrograd's backward() does"
            )
        return self.tr(
            " · Backward ×{0}, accumulated: every grad was summed onto the "
            "previous ones (the output's is set to 1), as micrograd's backward() does. "
            "Zero Grad clears them"
        ).format(self.presses)

    def zero_grad(self) -> str:
        """Set every grad to 0 (as ``zero_grad()`` does); returns the status message."""
        session = self.session
        session.publish_backward(zero_grads(session.fresh_results()))
        self.presses = 0
        self.changed.emit()
        return self.tr("Zero Grad: every grad is 0") + (
            self.tr("; the next Backward starts from here") if self._accumulate else ""
        )

"""What the canvas shows of the results (:class:`ResultDisplayMixin`, part of GraphView).

The session's latest results go onto the scene's items; the step-through backward, the
gradient flow and forward mode show other derivatives (an override of the grads, tangents)
or marks that explain them (highlights, notes, edge styles, dimmed nodes) through the
methods here.  Display only: the document and the session's results are never changed.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication

from autograd_studio.graph.evaluate import EvaluationResult
from autograd_studio.graph.instance import instance_result
from autograd_studio.gui.editing.evaluation import NO_OUTPUT_MESSAGE

__all__ = ["ResultDisplayMixin"]


class ResultDisplayMixin:
    """Part of :class:`~autograd_studio.gui.canvas.view.GraphView`."""

    def run_backward(self) -> EvaluationResult:
        """Forward and backward from the output now; annotates every node."""
        result = self.session.run_backward()
        if result.output is None and self.document.nodes:
            self.show_status(QCoreApplication.translate("Problems", NO_OUTPUT_MESSAGE))
        return result

    def _show_results(self, result: EvaluationResult) -> None:
        if self._body is not None:  # the whole graph's numbers, seen inside one instance
            result = instance_result(result, self._body, self._body_path)
        override = self._grad_override
        if override is None and self._tangents is not None:
            override = self._tangents
        if override is None:
            self.graph_scene.apply_results(result, self.session.grads_stale)
        else:
            grad = {nid: override.get(nid) for nid in result.data}
            shown = EvaluationResult(result.output, result.data, grad, result.problems)
            self.graph_scene.apply_results(shown, False)
        self.viewport().update()

    # --- explaining results (used by the step-through backward and the gradient flow) ----

    def set_grad_override(self, grads: dict[str, float | None] | None, changed=None) -> None:
        """Show *grads* on the nodes instead of the last Backward's (``None``: back to
        those).  Display only: the session's results and the document are untouched.  The
        step-through backward shows the grads accumulated so far with it.

        *changed* (node ids), when an override is already shown, says which grads differ
        from it, so only those items are updated (one step of a 65,000-node graph).
        """
        if grads is None or changed is None or self._grad_override is None:
            self._grad_override = None if grads is None else dict(grads)
            self._show_results(self.session.results)
            return
        step = {nid: grads.get(nid) for nid in changed}
        self._grad_override.update(step)
        self.graph_scene.show_grads(step)  # items made later show them too
        self.viewport().update()

    def set_derivative_display(
        self,
        caption: str = "grad",
        no_path_note: str = "",
        tangents: Mapping[str, float | None] | None = None,
    ) -> None:
        """What the nodes' second row shows: the last Backward's grads (``caption``
        ``"grad"``), or forward mode's *tangents* (``"tangent"``).  With *no_path_note*, a
        node with data but no derivative reads ``no path`` and the note in its tooltip.
        Display only, like :meth:`set_grad_override` (which still goes first)."""
        self._tangents = tangents
        self.graph_scene.set_derivative_caption(caption, no_path_note)
        self._show_results(self.session.results)

    def grad_override(self) -> dict[str, float | None] | None:
        """The grads shown instead of the last Backward's, if any."""
        return None if self._grad_override is None else dict(self._grad_override)

    def set_highlight(self, node_ids=(), edges=(), secondary=()) -> None:
        """Ring *node_ids* (and *secondary* lightly) and paint *edges* in the gradient
        colour; empty arguments clear it.  See :mod:`~autograd_studio.gui.canvas.decorations`."""
        self.decorations.set_highlight(node_ids, edges, secondary)

    def set_notes(self, client: str, notes) -> None:
        """Pin *notes* (node id -> :class:`~autograd_studio.gui.canvas.decorations.NodeNote`)
        for *client*, replacing its earlier ones (``None`` clears them)."""
        self.decorations.set_notes(client, notes)

    def set_edge_styles(self, styles) -> None:
        """Paint edges in these styles (edge -> ``EdgeStyle``); ``None``: as usual."""
        self.decorations.set_edge_styles(styles)

    def set_dimmed(self, node_ids) -> None:
        """Dim these nodes (the gradient flow's zero-grad nodes); empty: none."""
        self.decorations.set_dimmed(node_ids)

"""What a :class:`~autograd_studio.gui.canvas.scene.GraphScene` shows on its items besides the
document: results, the output mark, the derivative's caption and role tags, the theme, the
emphasis of a selection's edges, and tooltips (:class:`SceneLooksMixin`).

Everything is kept by node id and put on the items that exist: on a virtual canvas only
the ones on screen are touched, and :meth:`SceneLooksMixin._dress` gives an item made later
(scrolled into view) the same looks at once.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QGraphicsSceneHelpEvent, QToolTip

from autograd_studio.engine.ops import OPS
from autograd_studio.graph.document import Edge
from autograd_studio.graph.evaluate import EvaluationResult
from autograd_studio.graph.naming import node_name
from autograd_studio.gui.canvas.edge_item import EdgeItem
from autograd_studio.gui.canvas.node_item import NodeItem, port_name
from autograd_studio.gui.canvas.theme import Theme
from autograd_studio.gui.editing.evaluation import problem_text

__all__ = ["SceneLooksMixin"]

_NO_RESULTS = EvaluationResult(None, {}, {}, {})


class SceneLooksMixin:
    """Part of :class:`~autograd_studio.gui.canvas.scene.GraphScene`."""

    def _init_looks(self) -> None:
        self._output: str | None = None
        self._shown: tuple[EvaluationResult, bool] = (_NO_RESULTS, False)
        self._problem_ids: frozenset[str] = frozenset()
        self._caption: tuple[str, str] = ("grad", "")  # see NodeItem.set_derivative_caption
        self._role_tags: dict[str, str] = {}  # node id -> "TARGET" / "WRT"
        self._emphasised: set[Edge] = set()
        self._raised = 0  # cards raised to the front so far

    def raise_to_front(self, node_ids: Iterable[str]) -> None:
        """Stack the cards of *node_ids* above every other card, as a card picked up to be
        dragged is (they stay there, the last raised on top; below the result marks)."""
        self._raised += 1
        z = 1.0 - 1.0 / (self._raised + 1)  # rises towards 1, never past it
        for nid in node_ids:
            item = self.node_items.get(nid)
            if item is not None:
                item.setZValue(z)

    def _forget_results(self) -> None:
        self._output = None
        self._shown = (_NO_RESULTS, False)
        self._problem_ids = frozenset()

    def _dress(self, item: NodeItem) -> None:
        """Give a new item what every item shows now (results, output, caption, tag)."""
        nid = item.node_id
        if self._caption != ("grad", ""):
            item.set_derivative_caption(*self._caption)
        if nid in self._role_tags:
            item.set_role_tag(self._role_tags[nid])
        result, stale = self._shown
        if result.data or result.grad or result.problems:
            item.set_result(result.data.get(nid), result.grad.get(nid), stale, self._texts(nid))
        if nid == self._output:
            item.set_output(True)

    def _texts(self, nid: str) -> tuple[str, ...]:
        found = self._shown[0].problems.get(nid)
        return tuple(problem_text(p.kind, p.message) for p in found) if found else ()

    # --- results ---------------------------------------------------------------------------

    def apply_results(self, result: EvaluationResult, stale: bool) -> None:
        """Show *result* (grads greyed when *stale*) on the items there are, mark the output,
        and keep it for items made later."""
        self._shown = (result, stale)
        data, grad = result.data, result.grad
        for nid, item in self.node_items.items():
            item.set_result(data.get(nid), grad.get(nid), stale, self._texts(nid))
        problem_ids = frozenset(result.problems)
        if problem_ids != self._problem_ids:
            self._problem_ids = problem_ids
            self.overview.invalidate_looks()
        if result.output != self._output:
            old = self.node_items.get(self._output) if self._output else None
            if old is not None:
                old.set_output(False)
            new = self.node_items.get(result.output) if result.output else None
            if new is not None:
                new.set_output(True)
            self._output = result.output

    def show_grads(self, grads: dict[str, float | None]) -> None:
        """Show these grads (node id -> grad) instead of the shown ones on those nodes only:
        one step of the step-through on a big graph."""
        result, _stale = self._shown
        shown = dict(result.grad)
        shown.update(grads)
        self._shown = (EvaluationResult(result.output, result.data, shown, result.problems), False)
        items, data = self.node_items, result.data
        for nid, value in grads.items():
            item = items.get(nid)
            if item is not None:
                item.set_result(data.get(nid), value, False, item.problems())

    def problem_ids(self) -> frozenset[str]:
        """The nodes the shown results have problems with."""
        return self._problem_ids

    def set_derivative_caption(self, caption: str, no_path_note: str = "") -> None:
        """Every node's second row is called *caption*; see
        :meth:`NodeItem.set_derivative_caption`.  The next :meth:`apply_results` shows it."""
        self._caption = (caption, no_path_note)
        for item in self.node_items.values():
            item.set_derivative_caption(caption, no_path_note)

    def set_role_tags(self, tags: dict[str, str]) -> None:
        """Tag the derivative's target or wrt node (``{id: "TARGET"}``); others lose theirs."""
        for nid in set(self._role_tags) | set(tags):
            item = self.node_items.get(nid)
            if item is not None:
                item.set_role_tag(tags.get(nid, ""))
        self._role_tags = dict(tags)

    @property
    def output_id(self) -> str | None:
        """The node marked as output (as of the latest evaluation)."""
        return self._output

    # --- looks -----------------------------------------------------------------------------

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        for item in self.node_items.values():
            item.set_theme(theme)
        for item in self.edge_items.values():
            item.set_theme(theme)
        self.overview.invalidate_looks()
        self.update()

    def _update_emphasis(self) -> None:
        doc = self.document
        wanted: set[Edge] = set()
        selected = self.selected_node_ids()
        if len(selected) > len(self.edge_items):  # Select All: only edges with items show it
            chosen = set(selected)
            wanted = {e for e in self.edge_items if e.source in chosen or e.target in chosen}
        else:
            for nid in selected:
                wanted.update(doc.edges_of(nid))
        for edge in self._emphasised - wanted:
            item = self.edge_items.get(edge)
            if item is not None:
                item.set_emphasis(False)
        for edge in wanted - self._emphasised:
            item = self.edge_items.get(edge)
            if item is not None:
                item.set_emphasis(True)
        self._emphasised = wanted

    # --- tooltips --------------------------------------------------------------------------

    def helpEvent(self, event: QGraphicsSceneHelpEvent) -> None:
        text = self.tooltip_at(event.scenePos())
        if text:
            QToolTip.showText(event.screenPos(), text, event.widget())
        else:
            QToolTip.hideText()
        event.accept()

    def tooltip_at(self, scene_pos: QPointF) -> str:
        """The tooltip for whatever is under *scene_pos* (built on demand, never stored)."""
        for item in self.items(scene_pos):
            if isinstance(item, NodeItem):
                port = item.port_at(item.mapFromScene(scene_pos), radius=7.0)
                if port is not None:
                    return self._port_tooltip(item, port)
                return item.tooltip_text()
            if isinstance(item, EdgeItem):
                return self._edge_tooltip(item.edge)
            if item.toolTip():  # marks that explain results (canvas decorations)
                return item.toolTip()
        return ""

    def _edge_tooltip(self, edge: Edge) -> str:
        doc = self.document
        record = doc.nodes[edge.target]  # its item may be off screen
        names = record.ports or (OPS[record.op].port_names if record.op else ())  # sum: x1...
        src, dst = node_name(doc, edge.source), node_name(doc, edge.target)
        return f"{src} → {dst}, {port_name(names, edge.port)}"

"""The status bar's permanent corner: the output node, its data, and the graph's size."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from autograd_studio.graph.document import GraphDocument
from autograd_studio.graph.evaluate import EvaluationResult
from autograd_studio.graph.naming import node_name
from autograd_studio.gui.look.sentences import said
from autograd_studio.gui.look.wording import edges_text, nodes_text
from autograd_studio.numbers import shown_number

__all__ = ["TOOLTIP_LINES", "OutputStatus", "node_title"]

TOOLTIP_LINES = 12  # the status's tooltip lists the first problems, this many


def node_title(document: GraphDocument, node_id: str) -> str:
    """How messages name a node: as the canvas does (its label, else an automatic name)."""
    return node_name(document, node_id)


class OutputStatus(QLabel):
    """``output  y = 0.6000   5 nodes · 4 edges`` (or why there is no output)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outputStatus")
        self.setContentsMargins(8, 0, 8, 0)
        self._size_key: tuple[int, int] | None = None
        self._size_text = ""

    def show_results(
        self, document: GraphDocument, results: EvaluationResult | None, grads_stale: bool = False
    ) -> None:
        size = self._size(document)
        output = document.output
        if not document.nodes:
            text = self.tr("Empty graph: drag nodes from the palette")
        elif output is None:
            text = self.tr("<i>No output</i>: select a node and choose Set as Output")
        else:
            data = results.data.get(output) if results is not None else None
            shown = shown_number(data)
            name = html.escape(node_title(document, output))
            text = self.tr("output <b>{0}</b> = {1}").format(name, shown)
            if grads_stale:
                text += "  <span style='color:gray'>" + self.tr("(grads stale)") + "</span>"
        problems = sum(len(p) for p in results.problems.values()) if results is not None else 0
        warning = f"   <span style='color:#cf222e'>⚠ {problems}</span>" if problems else ""
        self.setText(f"{text}{warning}   <span style='color:gray'>{size}</span>")
        self.setToolTip(self._tooltip(document, results))

    def _size(self, document: GraphDocument) -> str:
        # Counting edges walks the whole graph: redo it only when the shape changed, not on
        # every value edit of a 65,000-node graph.
        key = (id(document), document.structure_version)
        if key != self._size_key:
            self._size_key = key
            self._size_text = (
                f"{nodes_text(len(document.nodes))} · {edges_text(document.edge_count)}"
            )
        return self._size_text

    @staticmethod
    def _tooltip(document: GraphDocument, results: EvaluationResult | None) -> str:
        if results is None or not results.problems:
            return ""
        lines: list[str] = []
        for node_id, problems in results.problems.items():
            if len(lines) >= TOOLTIP_LINES:  # (a deletion may leave thousands without input:
                break  # naming each walks its operands)
            if node_id in document.nodes:
                name = node_title(document, node_id)
            else:
                name = QCoreApplication.translate("StatusBar", "graph")
            lines.extend(f"{name}: {said(problem.message)}" for problem in problems)
        return "\n".join(lines[:TOOLTIP_LINES])

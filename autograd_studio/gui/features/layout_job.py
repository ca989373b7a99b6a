"""Auto Layout's worker: one layout on a thread (cancellable), its busy line, and the
status bar's report of what it did."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QWidget

from autograd_studio.gui.jobs.busy_line import BusyLine
from autograd_studio.gui.jobs.worker import CancellableJob
from autograd_studio.gui.look.sentences import said
from autograd_studio.gui.look.wording import nodes_text, selected_nodes_text
from autograd_studio.layout import LayoutCancelled, LayoutGraph, LayoutResult

__all__ = ["LayoutFunction", "LayoutJob", "LayoutProgress", "layout_report"]

LayoutFunction = Callable[..., LayoutResult]

_ENGINE_TITLES = {
    "dot": QT_TRANSLATE_NOOP("AutoLayoutController", "Graphviz dot"),
    "layered": QT_TRANSLATE_NOOP("AutoLayoutController", "the layered layout"),
}


class LayoutJob(CancellableJob):
    """One layout on a worker thread (dot is killed on cancel)."""

    cancelled_errors = (LayoutCancelled,)

    def __init__(self, graph: LayoutGraph, engine: str, layout_function: LayoutFunction) -> None:
        super().__init__()
        self.graph = graph
        self.engine = engine
        self._layout = layout_function

    def work(self, cancel: Callable[[], bool]) -> LayoutResult:
        return self._layout(self.graph, engine=self.engine, cancel=cancel)


class LayoutProgress(BusyLine):
    """The status bar's busy line: what is being laid out, a busy bar, and Cancel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        translate = QCoreApplication.translate
        super().__init__(
            translate("LayoutProgress", "Cancel"),
            translate("LayoutProgress", "Stop the layout; nothing moves (Esc)"),
            "cancelLayoutButton",
            parent,
        )
        self.setObjectName("layoutProgress")


def layout_report(result: LayoutResult, selection: bool, laid_out: bool = False) -> str:
    """The status bar's line after a layout: the engine, how many nodes, how long, and a
    note (why Graphviz was not used ...).  Texts in the controller's translation context."""
    translate = QCoreApplication.translate
    count = len(result.positions)
    what = selected_nodes_text(count) if selection else nodes_text(count)
    engine = _ENGINE_TITLES.get(result.engine)
    engine = translate("AutoLayoutController", engine) if engine else result.engine
    head = (
        translate("AutoLayoutController", "Laid out with {0}: {1}")
        if laid_out
        else translate("AutoLayoutController", "Auto layout with {0}: {1}")
    )
    text = head.format(engine, what)
    if result.seconds >= 0.01:
        text += translate("AutoLayoutController", " in {0} s").format(f"{result.seconds:.2f}")
    note = result.message
    if getattr(note, "key", "") == "layered-without-dot":
        note = note.args[0]  # the head names the layered layout already: just say why
    if note:
        why = said(note)
        text = translate("AutoLayoutController", "{0}. {1}").format(text, why[:1].upper() + why[1:])
    return text

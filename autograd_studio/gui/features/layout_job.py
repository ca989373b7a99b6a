"""Auto Layout's worker: one layout on a thread (cancellable), and its busy line."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from autograd_studio.gui.jobs.busy_line import BusyLine
from autograd_studio.gui.jobs.worker import CancellableJob
from autograd_studio.layout import LayoutCancelled, LayoutGraph, LayoutResult

__all__ = ["LayoutFunction", "LayoutJob", "LayoutProgress"]

LayoutFunction = Callable[..., LayoutResult]


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

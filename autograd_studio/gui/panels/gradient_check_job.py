"""The Gradient Check panel's worker: one check on a thread, over a snapshot of the
document, kept alive until its thread ends (even when the panel that started it is gone)."""

from __future__ import annotations

import atexit
import importlib.util
import sys
from collections.abc import Callable

from autograd_studio.analysis.gradcheck import GradCheckCancelled, GradCheckError, GradCheckResult
from autograd_studio.graph.document import GraphDocument
from autograd_studio.gui.jobs.worker import CancellableJob

__all__ = ["CheckFunction", "GradCheckJob", "torch_ready"]

CheckFunction = Callable[..., GradCheckResult]
# Jobs still running, kept alive until their thread ends (a QThread must not be destroyed
# while it runs, even when the panel that started it is gone).
_LIVE_JOBS: set[GradCheckJob] = set()


@atexit.register
def _stop_live_jobs() -> None:
    # Python is exiting (a script, a test run) while a check still runs: stop it and let
    # its thread end before Qt would destroy it running.
    for job in list(_LIVE_JOBS):
        job.cancel()
        job.wait(10_000)


def torch_ready() -> bool:
    """Whether a check would not import PyTorch now: imported already, or not installed."""
    if "torch" in sys.modules:  # None there (a blocked import) counts as missing
        return True
    try:
        return importlib.util.find_spec("torch") is None
    except (ImportError, ValueError):
        return True


class GradCheckJob(CancellableJob):
    """One gradient check on a worker thread, over a snapshot nobody else touches."""

    cancelled_errors = (GradCheckCancelled,)
    user_errors = (GradCheckError,)

    def __init__(
        self, document: GraphDocument, limit: int | None, check_function: CheckFunction
    ) -> None:
        super().__init__()
        self.document = document
        self.limit = limit
        self._check = check_function
        _LIVE_JOBS.add(self)
        self.finished.connect(self._forget)

    def _forget(self) -> None:
        _LIVE_JOBS.discard(self)
        self.deleteLater()

    def work(self, cancel: Callable[[], bool]) -> GradCheckResult:
        return self._check(self.document, limit=self.limit, cancel=cancel)

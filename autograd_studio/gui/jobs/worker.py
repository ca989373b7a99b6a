"""Work on a worker thread that can be asked to stop: the shape Auto Layout and the
Gradient Check share.

A job runs pure functions on a snapshot (never the live document, never a Qt object) and
ends with exactly one of three signals, delivered to the GUI thread by Qt's queued
connections: ``succeeded(result)``, ``failed(message)`` or ``cancelled()``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QThread, Signal

from autograd_studio.gui.look.sentences import said_error

__all__ = ["CancellableJob"]


class CancellableJob(QThread):
    """Subclasses implement :meth:`work`.

    ``cancelled_errors``: what ``work`` raises when it noticed the cancel request;
    ``user_errors``: failures whose message is meant for the user as it is.  Any other
    exception is reported with its type, so a bug in a job never takes the editor down.
    """

    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    cancelled_errors: tuple[type[BaseException], ...] = ()
    user_errors: tuple[type[BaseException], ...] = ()

    def __init__(self) -> None:
        super().__init__()
        self._stop = threading.Event()

    def cancel(self) -> None:
        """Ask the work to stop; it looks at ``cancel()`` between its steps."""
        self._stop.set()

    def work(self, cancel: Callable[[], bool]) -> object:
        raise NotImplementedError

    def run(self) -> None:
        try:
            result = self.work(self._stop.is_set)
        except self.cancelled_errors:
            self.cancelled.emit()
            return
        except self.user_errors as exc:
            self.failed.emit(said_error(exc))  # Qt's translate is thread-safe
            return
        except Exception as exc:
            self.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        if self._stop.is_set():
            self.cancelled.emit()
        else:
            self.succeeded.emit(result)

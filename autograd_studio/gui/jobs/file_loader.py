"""Opening a big file without freezing the window: the file is read and parsed on a worker
thread, with a busy line and Cancel in the status bar.

A file up to :attr:`FileLoader.background_above` bytes opens at once on the GUI thread (a
small file parses faster than a busy line could appear); a bigger one goes to a
:class:`LoadJob`.  Cancel (the button, or Esc) leaves the open graph exactly as it was and
the window answers at once: the job is told to stop at its next step, and whatever it still
finishes is thrown away.  A failure ends in the same error dialog as a small file's.

Tests replace :attr:`FileLoader.read` (same signature as :func:`read_file`) to make a load
slow or failing, and lower ``background_above`` to 0.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut

from autograd_studio.graph.document import GraphDocument
from autograd_studio.graph.fileformat import loads
from autograd_studio.graph.inputfile import read_guarded
from autograd_studio.graph.outputfile import remove_stale_temps
from autograd_studio.gui.jobs.busy_line import BusyLine
from autograd_studio.gui.jobs.worker import CancellableJob

if TYPE_CHECKING:
    from autograd_studio.gui.window.main_window import MainWindow

__all__ = ["BACKGROUND_ABOVE", "FileLoader", "LoadCancelled", "LoadJob", "read_file"]

#: Files bigger than this (bytes) load on the worker thread.  The 8.5 MB demo (65,818 nodes)
#: reads and parses in about half a second; 4 MB is where a pause starts to show.
BACKGROUND_ABOVE = 4 * 1024 * 1024

Reader = Callable[[str, int, Callable[[], bool]], GraphDocument]
Done = Callable[[GraphDocument], object]
Failed = Callable[[BaseException], object]


class LoadCancelled(Exception):
    """The user cancelled the load (raised between its steps)."""


def read_file(path: str, max_bytes: int, cancel: Callable[[], bool]) -> GraphDocument:
    """What :func:`~autograd_studio.graph.fileformat.load` does, looking at *cancel* between
    reading the bytes and parsing them."""
    raw = read_guarded(path, max_bytes)
    if cancel():
        raise LoadCancelled
    remove_stale_temps(path)
    return loads(raw, path=path)


class LoadJob(CancellableJob):
    """One file read on a worker thread.  Its result is the document, or the exception
    that stopped it (reported on the GUI thread as a small file's would be)."""

    cancelled_errors = (LoadCancelled,)

    def __init__(self, path: str, max_bytes: int, read: Reader) -> None:
        super().__init__()
        self.path = path
        self.max_bytes = max_bytes
        self._read = read

    def work(self, cancel: Callable[[], bool]) -> GraphDocument | BaseException:
        try:
            return self._read(self.path, self.max_bytes, cancel)
        except LoadCancelled:
            raise
        except Exception as exc:  # MemoryError and RecursionError are Exceptions too
            return exc


class OpenProgress(BusyLine):
    """The status bar's busy line while a file opens: its name, a busy bar, and Cancel."""

    def __init__(self) -> None:
        translate = QCoreApplication.translate
        super().__init__(
            translate("OpenProgress", "Cancel"),
            translate("OpenProgress", "Stop opening the file; the open graph stays as it is (Esc)"),
            "cancelOpenButton",
        )
        self.setObjectName("openProgress")


class FileLoader(QObject):
    """Loads files for one main window; ``progress`` is its busy line."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        #: What runs on the worker thread: ``read(path, max_bytes, cancel) -> GraphDocument``.
        self.read: Reader = read_file
        self.background_above = BACKGROUND_ABOVE
        self._job: LoadJob | None = None
        self._done: Done | None = None
        self._failed: Failed | None = None
        self._finishing: list[LoadJob] = []  # cancelled, still running, results unwanted
        self.progress = OpenProgress()
        window.statusBar().addPermanentWidget(self.progress)
        self.progress.cancel_button.clicked.connect(self.cancel)
        self._escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), window)
        self._escape.setContext(Qt.ShortcutContext.WindowShortcut)
        self._escape.setEnabled(False)
        self._escape.activated.connect(self.cancel)
        # Auto Layout's Esc is on too: each press stops one of the two (Qt alone stops none).
        self._escape.activatedAmbiguously.connect(self.cancel)
        window.closed.connect(self.shutdown)

    def wants_background(self, path: str) -> bool:
        """Whether *path* is a regular file big enough to load on the worker thread (what
        cannot be looked at loads at once, and says why)."""
        try:
            info = os.stat(path)
        except OSError:
            return False
        return stat.S_ISREG(info.st_mode) and info.st_size > self.background_above

    def is_loading(self) -> bool:
        return self._job is not None

    def start(self, path: str, done: Done, failed: Failed) -> None:
        """Read *path* on the worker thread; then ``done(document)`` or ``failed(error)``
        on the GUI thread (neither when cancelled).  A load already running is cancelled."""
        if self._job is not None:
            self.cancel()
        job = LoadJob(path, self.window.max_file_bytes(), self.read)
        job.succeeded.connect(self._on_succeeded)
        job.failed.connect(self._on_failed)
        job.cancelled.connect(self._on_cancelled)
        job.finished.connect(self._on_thread_finished)
        self._job, self._done, self._failed = job, done, failed
        size = os.path.getsize(path) / 2**20
        self.progress.label.setText(
            self.tr("Opening {0} ({1} MB)…").format(Path(path).name, f"{size:,.1f}")
        )
        self.progress.show()
        self._escape.setEnabled(True)
        job.start()

    def cancel(self) -> None:
        """Stop the load: the open graph stays as it was (at once: a job still parsing
        finishes on its own and its result is dropped)."""
        job = self._job
        if job is None:
            return
        job.cancel()
        self._release()
        self.window.statusBar().showMessage(
            self.tr("Opening {0} cancelled; the graph is unchanged").format(Path(job.path).name),
            5000,
        )

    def shutdown(self) -> None:
        """The window is closing: stop the load and wait a little for the thread."""
        self.cancel()
        for job in list(self._finishing):
            job.wait(5000)

    def _release(self) -> None:
        job, self._job = self._job, None
        self._done = self._failed = None
        if job is not None:
            self._finishing.append(job)
        self.progress.hide()
        self._escape.setEnabled(False)

    def _current(self) -> bool:
        return self._job is not None and self.sender() is self._job

    def _on_succeeded(self, result: object) -> None:
        if not self._current():
            return  # a cancelled load that finished anyway
        done, failed = self._done, self._failed
        self._release()
        if isinstance(result, BaseException):
            if failed is not None:
                failed(result)
        elif done is not None and isinstance(result, GraphDocument):
            done(result)

    def _on_failed(self, message: str) -> None:
        if self._current():
            failed = self._failed
            self._release()
            if failed is not None:
                failed(RuntimeError(message))

    def _on_cancelled(self) -> None:
        if self._current():
            self._release()

    def _on_thread_finished(self) -> None:
        job = self.sender()
        if job in self._finishing:
            self._finishing.remove(job)
            job.deleteLater()

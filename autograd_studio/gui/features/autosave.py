"""Autosave and crash recovery: an unsaved document survives a killed editor.

Every window's session is watched by an :class:`Autosaver`: after each change, once the
document has been left alone for N seconds (the ``editing/autosaveSeconds`` setting, or
``AUTOGRAD_STUDIO_AUTOSAVE_SECONDS``), a modified document, untitled ones too, is written to
a recovery file under the platform's application data folder
(``QStandardPaths.AppDataLocation``/``recovery``), atomically.  Saving, discarding the
changes or closing the window removes it, so recovery files never pile up.

On the next start :func:`offer_recovery` asks about each file left behind (a crash, a
``kill -9``): Restore opens the document as it was, with its original path and shown as
modified; Discard deletes the file; Later keeps it for the next start.

A second editor running at the same time has recovery files of its own: each autosaver
holds a lock on ``<file>.lock`` (``flock``; ``msvcrt.locking`` on Windows) for as long as it
lives, and the system drops the lock when the process dies, however it dies.  Only files
whose lock nobody holds are offered.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, QTimer

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt

from autograd_studio.graph.errors import GraphFileError
from autograd_studio.graph.fileformat import dumps, loads
from autograd_studio.graph.outputfile import write_output
from autograd_studio.gui.look.sentences import said

if TYPE_CHECKING:
    from autograd_studio.gui.editing.session import EditorSession
    from autograd_studio.gui.window.main_window import MainWindow

__all__ = [
    "AUTOSAVE_ENV",
    "DEFAULT_SECONDS",
    "Autosaver",
    "RecoveryEntry",
    "autosave_seconds",
    "is_live",
    "offer_recovery",
    "read_entries",
    "recovery_directory",
]

#: The environment variable that overrides the setting (tests shorten it).
AUTOSAVE_ENV = "AUTOGRAD_STUDIO_AUTOSAVE_SECONDS"
#: Seconds of idle time before an unsaved document is written to its recovery file.
DEFAULT_SECONDS = 30.0
_SUFFIX = ".agraph-recovery"


def recovery_directory() -> Path:
    """Where recovery files live: the application data folder's ``recovery``."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "recovery"


def autosave_seconds(setting: float | None = None) -> float:
    """The idle time before an autosave: the environment's, else *setting*, else 30 s."""
    text = os.environ.get(AUTOSAVE_ENV, "").strip()
    with contextlib.suppress(ValueError):
        if text and float(text) > 0:
            return float(text)
    return setting if setting and setting > 0 else DEFAULT_SECONDS


@dataclass(frozen=True)
class RecoveryEntry:
    """One recovery file: the document's text, its original path, when it was written."""

    file: Path
    path: str | None
    untitled_name: str
    saved_at: float
    text: str

    @property
    def name(self) -> str:
        return Path(self.path).name if self.path else self.untitled_name


def lock_file(file: Path) -> Path:
    """The lock a running editor holds beside its recovery *file*."""
    return file.with_name(file.name + ".lock")


def _try_lock(fd: int) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:  # pragma: no cover - Windows
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True


def is_live(file: Path) -> bool:
    """Whether the editor that writes the recovery *file* is still running (it holds the
    file's lock); a file without a lock was left by an editor that died."""
    try:
        fd = os.open(lock_file(file), os.O_RDWR)
    except OSError:
        return False
    try:
        return not _try_lock(fd)  # closing the descriptor lets go of a lock we got
    finally:
        os.close(fd)


def remove_entry(file: Path) -> None:
    """Delete a recovery file and its lock."""
    for path in (file, lock_file(file)):
        with contextlib.suppress(OSError):
            path.unlink()


def read_entries(directory: Path, skip: set[Path] | None = None) -> list[RecoveryEntry]:
    """The recovery files in *directory* that no running editor holds, oldest first
    (unreadable ones are left alone)."""
    entries = []
    with contextlib.suppress(OSError):
        for file in sorted(directory.glob(f"*{_SUFFIX}")):
            if (skip and file in skip) or is_live(file):
                continue
            try:
                data = json.loads(file.read_text(encoding="utf-8"))
                entries.append(
                    RecoveryEntry(
                        file,
                        data.get("path"),
                        str(data.get("untitled_name") or "Untitled"),
                        float(data.get("saved_at", 0.0)),
                        str(data["document"]),
                    )
                )
            except (OSError, ValueError, KeyError, TypeError):
                continue
    return sorted(entries, key=lambda e: e.saved_at)


class Autosaver(QObject):
    """Writes *session*'s document to its own recovery file when it is modified and idle."""

    def __init__(
        self, session: EditorSession, directory: Path, seconds: float, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.file = directory / f"{uuid.uuid4().hex}{_SUFFIX}"
        self._lock_fd: int | None = None  # held from the first write until discarded
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(1, int(seconds * 1000)))
        self._timer.timeout.connect(self.save_now)
        session.documentChanged.connect(self._changed)
        session.modifiedChanged.connect(self._modified_changed)

    def set_seconds(self, seconds: float) -> None:
        """Wait *seconds* of idle time before the next autosave (a changed preference)."""
        self._timer.setInterval(max(1, int(seconds * 1000)))

    @property
    def seconds(self) -> float:
        return self._timer.interval() / 1000

    def _changed(self, *_args: object) -> None:
        if self.session.is_modified:
            self._timer.start()  # restarted by every change: N seconds of idle

    def _modified_changed(self, modified: bool) -> None:
        if modified:
            self._timer.start()
        else:  # saved, or undone back to the saved state: nothing to recover
            self.discard()

    def save_now(self) -> bool:
        """Write the recovery file now (when modified); whether one was written."""
        session = self.session
        if not session.is_modified:
            return False
        try:
            text = dumps(session.document)
        except (ValueError, TypeError):
            return False
        payload = {
            "path": session.path,
            "untitled_name": session.untitled_name,
            "saved_at": time.time(),
            "document": text,
        }
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            self._hold_lock()  # before the file exists: another editor never offers it
            write_output(self.file, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
        except OSError:
            return False  # a full disk: the next change tries again
        return True

    def discard(self) -> None:
        """Forget the recovery file: the document is saved, or its changes were dropped."""
        self._timer.stop()
        with contextlib.suppress(OSError):
            self.file.unlink()
        self.release_lock(remove=True)

    def _hold_lock(self) -> None:
        if self._lock_fd is not None:
            return
        fd = os.open(lock_file(self.file), os.O_RDWR | os.O_CREAT, 0o600)
        if not _try_lock(fd):  # pragma: no cover - a fresh uuid: nobody else has it
            os.close(fd)
            raise OSError(f"{lock_file(self.file)} is locked")
        self._lock_fd = fd

    def release_lock(self, remove: bool = False) -> None:
        """Let go of the lock (and delete the lock file with *remove*); the process's end
        does the same, which is what tells another editor this one is gone."""
        if self._lock_fd is None:
            return
        if remove:
            with contextlib.suppress(OSError):
                lock_file(self.file).unlink()
        os.close(self._lock_fd)
        self._lock_fd = None


def offer_recovery(window: MainWindow, directory: Path | None = None) -> list[MainWindow]:
    """Ask about each recovery file left by an editor that did not close; the windows that
    show a restored document (*window* itself first, while it holds an untouched graph)."""
    directory = directory if directory is not None else window.autosaver.file.parent
    restored: list[MainWindow] = []
    for entry in read_entries(directory, skip={window.autosaver.file}):
        answer = window.dialogs.ask_recover(entry.name, entry.saved_at)
        if answer == "discard":
            remove_entry(entry.file)
        if answer != "restore":
            continue
        try:
            document = loads(entry.text, path=entry.name)
        except GraphFileError as exc:
            window.dialogs.error(
                window.tr("Cannot restore {0}").format(entry.name), said(exc.in_words())
            )
            continue
        pristine = not window.session.is_modified and not window.session.path
        target = window if pristine and window not in restored else window.new_window()
        target.session.set_document(document, entry.path, entry.untitled_name)
        target.session.undo_stack.resetClean()  # unsaved changes: shown as modified
        target.autosaver.save_now()  # adopted: the window's own file holds it from now on
        remove_entry(entry.file)
        restored.append(target)
    return restored

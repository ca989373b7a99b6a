"""The open file, watched: what the editor does when another program changes it on disk.

A :class:`DiskWatcher` per window watches the session's file (and its folder, so a file that
is deleted and written again, as editors and ``git checkout`` do, is noticed) with a
``QFileSystemWatcher``.  A burst of change signals is one check, a short while after the last
one.  Each check compares the file's stamp (modification time, size, inode) with the stamp
noted when the editor last read or wrote it, so the editor's own saves never count.

- The document is unmodified: the file is reloaded, keeping the zoom, the scroll position
  and the selection of the nodes that are still there; the bar over the canvas says so and
  offers **Undo Reload**, which brings the previous graph back (as unsaved changes).
- The document has unsaved changes: the user chooses (``dialogs.ask_reload_changed``):
  Reload (theirs; the bar still offers Undo Reload, so nothing is lost), Keep mine (the
  next Save overwrites the file without asking again) or Save As…  The question waits
  until the window is active (the user is in the program that saved the file meanwhile:
  the bar says it, with Choose…).
- The file is deleted or renamed: the bar says so; the graph stays open, marked modified,
  and Save writes it again.  If it comes back, it is reloaded.
- The new file cannot be read (half written, broken): the bar says why; the graph stays as
  it was, marked modified so that closing asks before anything is lost.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QFileSystemWatcher, QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QPalette, QTransform
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from autograd_studio.graph.document import GraphDocument
from autograd_studio.graph.errors import GraphFileError
from autograd_studio.gui.look.sentences import said

if TYPE_CHECKING:
    from autograd_studio.gui.window.main_window import MainWindow

__all__ = ["DEBOUNCE_MS", "DiskWatcher", "FileBar", "Stamp", "disk_stamp"]

#: One check this long after the last change signal: an editor's save is several signals.
DEBOUNCE_MS = 250

Stamp = tuple[int, int, int]


def disk_stamp(path: str | os.PathLike[str] | None) -> Stamp | None:
    """What tells that a file changed: its modification time (ns), size and inode (an
    editor that replaces the file gives a new inode); ``None`` when there is no file."""
    if not path:
        return None
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size, info.st_ino


class FileBar(QFrame):
    """The bar over the canvas that says what happened to the file on disk: a sentence,
    one button for what to do about it, and a close button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fileBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        # The tooltip colours (a note, not an error), as roles: they follow a theme change.
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.label = QLabel(self)
        self.label.setObjectName("fileBarText")
        self.label.setWordWrap(True)
        self.label.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action_button = QPushButton(self)
        self.action_button.setObjectName("fileBarAction")
        self.close_button = QToolButton(self)
        self.close_button.setObjectName("fileBarClose")
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Hide this message"))
        self.close_button.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 4, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.action_button)
        row.addWidget(self.close_button)
        self.kind = ""
        self.hide()

    def say(self, kind: str, text: str, action: str) -> None:
        """Show *text* with a button labelled *action* (``kind`` tells the watcher which)."""
        self.kind = kind
        self.label.setText(text)
        self.action_button.setText(action)
        self.show()

    def hideEvent(self, event) -> None:
        self.kind = ""
        super().hideEvent(event)


@dataclass
class _Before:
    """What Undo Reload brings back: the graph as it was, and where the view looked."""

    document: GraphDocument
    view: tuple[QTransform, QPointF, list[str]]


class DiskWatcher(QObject):
    """Watches the file of *window*'s session; ``bar`` is placed over the canvas by the
    window.  ``stamp`` is the file as the editor last read or wrote it."""

    #: A check of the file on disk is done (whatever it found): tests wait for it.
    checked = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.stamp: Stamp | None = None
        self.bar = FileBar()
        self.bar.action_button.clicked.connect(self._bar_action)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._signalled)
        self.watcher.directoryChanged.connect(self._signalled)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.check)
        self._path: str | None = None
        self._before: _Before | None = None
        self._ours_at: int | None = None  # undo index when *we* marked the graph modified
        self._missing = False
        self._busy = False  # asking, or replacing the document
        self.session.pathChanged.connect(self._follow)
        self.session.undo_stack.indexChanged.connect(self._edited)
        window.installEventFilter(self)  # a question waits until the window is active
        window.closed.connect(self.stop)
        self._follow(self.session.path or "")

    # --- what is watched -----------------------------------------------------------------

    def note_read(self) -> None:
        """The editor just read or wrote the open file: that is the version it knows."""
        self.stamp = disk_stamp(self.session.path)
        self._missing = False
        self._watch(self.session.path)

    def _follow(self, path: str) -> None:
        if self._busy:
            return  # our own reload: same file, the bar is ours to set
        if (path or None) != self._path:
            self._path = path or None
            self.stamp = disk_stamp(path)
            self._missing = False
        self._before = None
        self._ours_at = None
        self.bar.hide()  # saved, or another file: what the bar said is over
        self._watch(self._path)

    def _watch(self, path: str | None) -> None:
        """Watch exactly *path* and its folder.  Called after every change too: an editor
        that replaces the file (write elsewhere, rename over) drops it from the watcher."""
        files = [path] if path and os.path.exists(path) else []
        folders = [str(Path(path).parent)] if path else []
        if set(self.watcher.files()) != set(files):
            if self.watcher.files():
                self.watcher.removePaths(self.watcher.files())
            if files:
                self.watcher.addPaths(files)
        if set(self.watcher.directories()) != set(folders):
            if self.watcher.directories():
                self.watcher.removePaths(self.watcher.directories())
            if folders and os.path.isdir(folders[0]):
                self.watcher.addPaths(folders)

    def stop(self) -> None:
        """The window closed: watch nothing, check nothing (a closed window asks nothing)."""
        self._timer.stop()
        for paths in (self.watcher.files(), self.watcher.directories()):
            if paths:
                self.watcher.removePaths(paths)
        self._path = None

    def set_debounce(self, milliseconds: int) -> None:
        """Check this long after the last change signal (default :data:`DEBOUNCE_MS`)."""
        self._timer.setInterval(milliseconds)

    def _signalled(self, _path: str) -> None:
        self._timer.start()  # restarted by each signal of a burst

    # --- the check -----------------------------------------------------------------------

    def check(self) -> None:
        """Compare the file on disk with the version the editor knows, and act on it."""
        try:
            self._check()
        finally:
            self.checked.emit()

    def _check(self) -> None:
        path = self.session.path
        if path is None or self._path is None:
            return  # untitled, or the window closed
        if self._busy or self.window.file_loader.is_loading():
            self._timer.start()  # a question is open, a file loads: look again afterwards
            return
        self._watch(path)
        now = disk_stamp(path)
        if now is None:
            if not self._missing:
                self._missing = True
                self._mark_modified()
                self.bar.say(
                    "missing",
                    self.tr(
                        "{0} was deleted or renamed on disk. The graph is still open; "
                        "Save writes the file again."
                    ).format(Path(path).name),
                    self.tr("Save"),
                )
            return
        came_back, self._missing = self._missing, False
        if self.stamp is None:
            self.stamp = now
            return
        if now == self.stamp:
            if came_back and self._only_ours():  # moved away and back, untouched
                self.session.undo_stack.setClean()
                self.bar.hide()
            return
        if not self.session.is_modified or self._only_ours():
            self.reload()
        else:
            self._ask(path)

    def _ask(self, path: str, now: bool = False) -> None:
        name = Path(path).name
        if not now and not self.window.isActiveWindow():
            # The user is in the other program (it just saved the file): no dialog jumps
            # at them there; the bar says it, and the question comes when they are back.
            self.bar.say(
                "changed",
                self.tr(
                    "{0} changed on disk, and your graph has unsaved changes: "
                    "you choose which to keep."
                ).format(name),
                self.tr("Choose…"),
            )
            return
        self._busy = True
        try:
            answer = self.window.dialogs.ask_reload_changed(name)
        finally:
            self._busy = False
        if answer == "reload":
            self.reload()
        elif answer == "keep":
            self.stamp = disk_stamp(path)  # seen and refused: Save overwrites it
            self.window.statusBar().showMessage(
                self.tr("Kept your version of {0}; saving it replaces the file on disk").format(
                    name
                ),
                8000,
            )
        elif answer == "save_as":
            self.window.save_as()  # cancelled: the next change or Save asks again

    def _only_ours(self) -> bool:
        """Whether the only "change" is that we marked the graph modified (its file went
        away or became unreadable): then a good file on disk may replace it silently."""
        stack = self.session.undo_stack
        return (
            self._ours_at is not None
            and stack.cleanIndex() == -1
            and (stack.index() == self._ours_at)
        )

    def _mark_modified(self) -> None:
        # What is open is no longer what the file holds: closing must ask, Save must write.
        stack = self.session.undo_stack
        if stack.isClean():
            stack.resetClean()
            self._ours_at = stack.index()

    def _edited(self, _index: int) -> None:
        # An edit after a reload: Undo Reload would now throw it away without asking.
        if not self._busy and self.bar.kind == "reloaded":
            self._before = None
            self.bar.hide()

    # --- reload and its undo -------------------------------------------------------------

    def reload(self) -> bool:
        """Read the file again and show it (the previous graph kept for Undo Reload); a
        big file is read on the worker thread, with the busy line and Cancel.  Whether the
        file was read now."""
        path = self.session.path
        if path is None:
            return False
        stamp = disk_stamp(path)  # before reading: a change meanwhile is checked again
        loader = self.window.file_loader
        if loader.wants_background(path):
            loader.start(
                path,
                lambda document: self._reloaded(document, path, stamp),
                lambda exc: self._unreadable(path, stamp, exc),
            )
            return False
        try:
            document = self.window.read_document(path)
        except Exception as exc:  # any failure (a bug, MemoryError): said, never raised
            self._unreadable(path, stamp, exc)
            return False
        self._reloaded(document, path, stamp)
        return True

    def _reloaded(self, document: GraphDocument, path: str, stamp: Stamp | None) -> None:
        if self.session.path != path:
            return  # another file was opened meanwhile
        before = _Before(self.session.document, self._view_state())
        self._replace(document, path, before.view)
        self.stamp = stamp
        self._missing = False
        self._before = before
        self.bar.say(
            "reloaded",
            self.tr("Reloaded: {0} changed on disk.").format(Path(path).name),
            self.tr("Undo Reload"),
        )
        self.window.statusBar().showMessage(self.tr("Reloaded {0}").format(path), 4000)

    def undo_reload(self) -> None:
        """Bring back the graph the last reload replaced, as unsaved changes."""
        before, self._before = self._before, None
        if before is None or self.session.path is None:
            return
        self._replace(before.document, self.session.path, before.view)
        self.session.undo_stack.resetClean()  # it differs from the file: unsaved
        self._ours_at = None
        self.bar.hide()
        self.window.statusBar().showMessage(
            self.tr("Your graph is back, unsaved; the file on disk is unchanged"), 6000
        )

    def _unreadable(self, path: str, stamp: Stamp | None, exc: BaseException) -> None:
        if self.session.path != path:
            return
        if isinstance(exc, GraphFileError):
            reason = said(exc.in_words())
        else:
            reason = f"{type(exc).__name__}: {exc}"
        self.stamp = stamp  # this version is known bad: the next write is looked at again
        self._mark_modified()
        self.bar.say(
            "unreadable",
            self.tr("{0} changed on disk but cannot be read: {1} Your graph is unchanged.").format(
                Path(path).name, reason if reason.endswith(("。", ".")) else reason + "."
            ),
            self.tr("Try Again"),
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.window
            and event.type() == QEvent.Type.WindowActivate
            and self.bar.kind == "changed"
        ):
            self._timer.start()  # back in the editor: ask now (if it still differs)
        return super().eventFilter(watched, event)

    def _bar_action(self) -> None:
        kind = self.bar.kind
        if kind == "changed":
            self.bar.hide()
            path = self.session.path
            if path is not None and disk_stamp(path) != self.stamp:
                self._ask(path, now=True)
            return
        if kind == "reloaded":
            self.undo_reload()
        elif kind == "missing":
            self.window.save()
        elif kind == "unreadable":
            self.reload()

    def _replace(self, document: GraphDocument, path: str, view) -> None:
        self._busy = True
        try:
            self.window.set_document(document, path)
        finally:
            self._busy = False
        self._watch(path)
        self._restore_view(view)

    def _view_state(self) -> tuple[QTransform, QPointF, list[str]]:
        view = self.window.view
        center = view.mapToScene(view.viewport().rect().center())
        return QTransform(view.transform()), QPointF(center), view.selected_node_ids()

    def _restore_view(self, state: tuple[QTransform, QPointF, list[str]]) -> None:
        view = self.window.view
        transform, center, selected = state
        view.setTransform(transform)
        view.centerOn(center)
        nodes = self.session.document.nodes
        view.select_node_ids([node_id for node_id in selected if node_id in nodes])

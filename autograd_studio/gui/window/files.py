"""File handling of the main window: new, open, recent files, examples, save, save as,
files dropped on the window, and the prompt before unsaved changes are lost.

A mixin of :class:`~autograd_studio.gui.window.main_window.MainWindow`, kept apart so that the
window module stays about layout and wiring.  It relies on the window's ``session``
(the document, its path and modified state), ``set_document``, ``settings``, ``dialogs``,
``actions`` and menus.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from autograd_studio.graph.document import GraphDocument
from autograd_studio.graph.errors import GraphFileError
from autograd_studio.graph.fileformat import EXTENSION, load, save
from autograd_studio.graph.inputfile import max_file_bytes
from autograd_studio.gui.editing.session import UNTITLED, EditorSession
from autograd_studio.gui.features.disk_watch import disk_stamp
from autograd_studio.gui.look.sentences import said
from autograd_studio.gui.window.examples import Example, bundled_examples, examples_dir
from autograd_studio.gui.window.menus import fill_examples_menu, fill_recent_menu
from autograd_studio.layout import layout, needs_layout
from autograd_studio.layout.columns import column_positions

__all__ = ["OPEN_LAYOUT_SYNC_NODES", "UNTITLED", "FileHandlingMixin", "place_unpositioned"]

#: A document without positions up to this many nodes is laid out before it is shown (no
#: flash of a provisional placement); a bigger one shows quick columns at once and is laid
#: out on the worker thread, with the busy line and Cancel.  Measured on random DAGs: 300
#: nodes take 0.02 s with dot and 0.09 s with the layered layout, below what reads as a
#: pause; 1,000 nodes take 0.14 s and 0.32 s.  300 is also where the editor's "small graph"
#: ends (the gradient check reruns on every edit up to there).
OPEN_LAYOUT_SYNC_NODES = 300


def place_unpositioned(document: GraphDocument, engine: str = "auto") -> str:
    """Lay *document* out when some node has no position (graphs from code, expressions or
    hand-written files), so it opens readable; returns the layout's note ('' when none).

    The whole graph is laid out with *engine* (the one chosen in Arrange > Layout Engine):
    positions that exist would clash with the new ones.
    """
    if not needs_layout(document):
        return ""
    result = layout(document, engine=engine)
    for node_id, pos in result.positions.items():
        document.set_pos(node_id, pos)
    return result.message


class FileHandlingMixin:
    """Files for a QMainWindow that edits one document."""

    session: EditorSession
    _layout_when_shown = False

    def _place_for_opening(self, document: GraphDocument) -> str:
        """Give every node of *document* a position before the canvas shows it: a small
        document is laid out here and now (returns the layout's note), a big one gets quick
        columns and :meth:`_start_open_layout` lays it out off the GUI thread.  Nothing
        here is an edit: the caller opens the document unmodified."""
        self._layout_when_shown = False
        if not needs_layout(document):
            return ""
        if len(document.nodes) <= OPEN_LAYOUT_SYNC_NODES:
            return place_unpositioned(document, self.settings.layout_engine())
        # No observers yet (the canvas attaches later): these set_pos calls are cheap.
        for node_id, pos in column_positions(document).items():
            document.set_pos(node_id, pos)
        self._layout_when_shown = True
        return ""

    def _start_open_layout(self) -> None:
        """Once the canvas shows the document: start the layout that
        :meth:`_place_for_opening` left for the worker thread."""
        if self._layout_when_shown:
            self._layout_when_shown = False
            self.layout_controller.start_opening()

    @property
    def current_path(self) -> str | None:
        """The file the document was opened from or saved to (``None`` when untitled)."""
        return self.session.path

    @property
    def is_modified(self) -> bool:
        """Whether there are edits since the last open or save."""
        return self.session.is_modified

    def display_name(self) -> str:
        """The file name, or the untitled name (``Untitled``, an example's name)."""
        return self.session.display_name()

    # --- open, save, ask --------------------------------------------------------------

    def maybe_save(self) -> bool:
        """Ask about unsaved changes; ``True`` when it is fine to drop the document."""
        if not self.is_modified:
            return True
        answer = self.dialogs.ask_save_changes(self.display_name())
        if answer == "save":
            return self.save()
        return answer == "discard"

    def new_document(self) -> bool:
        """Start an empty, untitled graph (after the unsaved-changes prompt)."""
        if not self.maybe_save():
            return False
        self.set_document(GraphDocument())
        self.statusBar().showMessage(
            QCoreApplication.translate("FileHandlingMixin", "New graph"), 3000
        )
        return True

    def close_document(self) -> bool:
        """Close the graph (after the unsaved-changes prompt); the window stays, empty."""
        name = self.display_name()
        if not self.maybe_save():
            return False
        self.set_document(GraphDocument())
        self.statusBar().showMessage(self.tr("Closed {name}").format(name=name), 3000)
        return True

    def open_file(self, path: str | os.PathLike[str] | None = None) -> bool:
        """Open *path*, or ask for a file.  A bad file opens nothing: the error is shown and
        the current document stays as it was.  Returns whether a file was opened; a big file
        loads on the worker thread (busy line, Cancel) and opens when it is read: ``False``
        now."""
        if path is None:
            path = self.dialogs.open_path(self._dialog_directory())
            if not path:
                return False
        path = os.fspath(path)
        if self.file_loader.wants_background(path):
            self.file_loader.start(
                path,
                lambda document: self._open_loaded(document, path),
                lambda exc: self._report_open_error(path, exc),
            )
            return False
        document = self._load_or_report(path)
        if document is None:
            return False
        return self._open_loaded(document, path)

    def _open_loaded(self, document: GraphDocument, path: str) -> bool:
        # Ask only once the file is known to be good: a bad file never costs a question.
        if not self.maybe_save():
            return False
        self.set_document(document, path)
        self.disk_watch.note_read()  # Save asks, the watcher acts, if the file changes after this
        self.settings.add_recent_file(path)
        self._remember_directory(path)
        self._rebuild_recent_menu()
        self.statusBar().showMessage(
            QCoreApplication.translate("FileHandlingMixin", "Opened {0}").format(self.session.path),
            4000,
        )
        return True

    def open_example(self, example: Example | str | os.PathLike[str]) -> bool:
        """Open a bundled example as an untitled copy, so Save never overwrites it."""
        path = example.path if isinstance(example, Example) else Path(example)
        document = self._load_or_report(os.fspath(path))
        if document is None or not self.maybe_save():
            return False
        self.set_document(document, None, untitled_name=path.stem)
        description = document.metadata.get("description")
        text = QCoreApplication.translate("FileHandlingMixin", "Example {0}").format(path.stem)
        self.statusBar().showMessage(text + (f": {description}" if description else ""), 8000)
        return True

    def open_recent(self, path: str) -> bool:
        """Open a file from the recent list; a file that is gone leaves the list, with a word."""
        if not Path(path).is_file():
            self.settings.remove_recent_file(path)
            self._rebuild_recent_menu()
            self.dialogs.error(
                QCoreApplication.translate("FileHandlingMixin", "File not found"),
                QCoreApplication.translate(
                    "FileHandlingMixin",
                    "{0} no longer exists, so it was removed from the recent files.",
                ).format(path),
            )
            return False
        return self.open_file(path)

    @contextlib.contextmanager
    def _busy(self, message: str) -> Iterator[None]:
        """A wait cursor and a status message while a big file loads and the canvas fills."""
        self.statusBar().showMessage(message)
        self.statusBar().repaint()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            yield
        finally:
            QApplication.restoreOverrideCursor()
            self.statusBar().clearMessage()

    def _load_or_report(self, path: str) -> GraphDocument | None:
        try:
            with self._busy(
                QCoreApplication.translate("FileHandlingMixin", "Opening {0}…").format(
                    Path(path).name
                )
            ):
                return self.read_document(path)
        except Exception as exc:  # any failure (a bug, MemoryError): a dialog, never stderr
            self._report_open_error(path, exc)
        return None

    def _report_open_error(self, path: str, exc: BaseException) -> None:
        if isinstance(exc, GraphFileError):
            self.dialogs.error(
                self.tr("Cannot open {name}").format(name=Path(path).name),
                said(exc.in_words()),
            )
            return
        self.dialogs.error(
            QCoreApplication.translate("FileHandlingMixin", "Cannot open the file"),
            QCoreApplication.translate(
                "FileHandlingMixin", "{0}: {1}: {2}\n\nThe open document is unchanged."
            ).format(path, type(exc).__name__, exc),
        )

    def read_document(self, path: str) -> GraphDocument:
        """Read the graph file *path* under the editor's file size limit (raises
        :class:`GraphFileError` when it cannot be used)."""
        return load(path, max_bytes=self.max_file_bytes())

    def max_file_bytes(self) -> int:
        """The biggest file Open reads: ``AUTOGRAD_STUDIO_MAX_FILE_MB`` when set, else the
        preference (Edit > Preferences)."""
        return max_file_bytes(self.settings.max_file_mb() * 1024 * 1024)

    def save(self) -> bool:
        """Save to the current file, or ask where (Save As) when untitled."""
        if self.session.path is None:
            return self.save_as()
        return self._write(self.session.path)

    def _ask_if_changed_on_disk(self, path: str) -> str:
        """``overwrite`` unless *path* is the open file and another program changed it
        since it was read or saved; then the user chooses (overwrite, save_as, cancel)."""
        if self.session.path is None or os.path.realpath(path) != self.session.path:
            return "overwrite"
        read = self.disk_watch.stamp
        now = disk_stamp(path)
        if read is None or now is None or now == read:
            return "overwrite"
        return self.dialogs.ask_overwrite_changed(Path(path).name)

    def save_as(self) -> bool:
        """Ask for a file name (``.agraph`` added when missing) and save there."""
        suggested = os.path.join(self._dialog_directory(), self._suggested_file_name())
        path = self.dialogs.save_path(suggested)
        if not path:
            return False
        if not path.lower().endswith(EXTENSION):
            path += EXTENSION
        return self._write(path)

    def _write(self, path: str) -> bool:
        answer = self._ask_if_changed_on_disk(path)
        if answer == "save_as":
            return self.save_as()
        if answer == "cancel":
            return False
        try:
            save(self.document, path)
        except GraphFileError as exc:
            self.dialogs.error(
                QCoreApplication.translate("FileHandlingMixin", "Cannot save the file"),
                f"{said(exc.in_words())}\n\n"
                + QCoreApplication.translate(
                    "FileHandlingMixin",
                    "Nothing was lost: the graph is still open; try another place with Save As.",
                ),
            )
            return False
        except (OSError, ValueError) as exc:
            self.dialogs.error(
                QCoreApplication.translate("FileHandlingMixin", "Cannot save the file"),
                f"{path}: {exc}",
            )
            return False
        self.session.mark_saved(path)
        self.disk_watch.note_read()  # our own write: the watcher leaves it alone
        path = self.session.path
        self._update_title()
        self.settings.add_recent_file(path)
        self._remember_directory(path)
        self._rebuild_recent_menu()
        self.statusBar().showMessage(
            QCoreApplication.translate("FileHandlingMixin", "Saved {0}").format(path), 4000
        )
        return True

    def _suggested_file_name(self) -> str:
        if self.session.path:
            return Path(self.session.path).name
        name = self.session.untitled_name
        stem = "untitled" if name == UNTITLED else name
        return f"{stem}{EXTENSION}"

    def _dialog_directory(self) -> str:
        # Never the examples inside the installation: the user's last folder, else Documents.
        path = self.session.path
        if path and not _bundled(Path(path).parent):
            return str(Path(path).parent)
        return self.settings.last_directory()

    def _remember_directory(self, path: str) -> None:
        folder = Path(path).resolve().parent
        if not _bundled(folder):
            self.settings.set_last_directory(str(folder))

    def _rebuild_recent_menu(self) -> None:
        fill_recent_menu(
            self.recent_menu, self.settings.recent_files(), self.open_recent,
            self.actions.clear_recent,
        )  # fmt: skip

    def recent_actions(self) -> list[QAction]:
        """The Open Recent entries (each action's ``data()`` is its path)."""
        return [action for action in self.recent_menu.actions() if action.data()]

    def _clear_recent(self) -> None:
        self.settings.clear_recent_files()
        self._rebuild_recent_menu()

    def _rebuild_examples_menu(self) -> None:
        fill_examples_menu(self.examples_menu, bundled_examples(), self.open_example)

    # --- drop a file on the window ------------------------------------------------------------

    @staticmethod
    def _graph_file(event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> str | None:
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            return None
        for url in mime.urls():
            if url.isLocalFile() and url.toLocalFile().lower().endswith(EXTENSION):
                return url.toLocalFile()
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The canvas's scene accepts every drag that enters it (to track palette drops), so a
        # file dragged over the canvas would never reach the window: catch files first.
        if watched is self.view.viewport() and event.type() in (
            QEvent.Type.DragEnter,
            QEvent.Type.DragMove,
            QEvent.Type.Drop,
        ):
            assert isinstance(event, QDropEvent)  # DragEnter and DragMove derive from it
            if self._graph_file(event):
                if event.type() == QEvent.Type.Drop:
                    self.dropEvent(event)
                else:
                    event.acceptProposedAction()
                return True
        return super().eventFilter(watched, event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._graph_file(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._graph_file(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._graph_file(event)
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        # Open after the drop returns: a modal prompt inside a drop handler blocks the source.
        QTimer.singleShot(0, lambda: self.open_file(path))


def _bundled(folder: Path) -> bool:
    """Whether *folder* is the examples folder shipped inside the installation."""
    examples = examples_dir()
    try:
        return examples is not None and folder.resolve() == examples.resolve()
    except OSError:
        return False

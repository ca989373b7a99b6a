"""The editor's main window: canvas in the middle, palette left, inspector right.

The window owns one :class:`~autograd_studio.gui.editing.session.EditorSession` (document,
undo stack, results, file) and hands it to the canvas (:class:`GraphView`), the panels and
the feature controllers; it turns actions into calls, and handles files (new, open, recent,
examples, save, drop a file, the unsaved-changes prompt).  Modal questions go through ``dialogs``
(:mod:`autograd_studio.gui.window.dialogs`) and persistent state through ``settings``
(:mod:`autograd_studio.gui.window.settings`), both replaceable, so tests never block or touch the
user's settings::

    window = MainWindow(doc, settings=StudioSettings.at_path(tmp / "s.ini"), dialogs=fake)
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QMainWindow,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from autograd_studio.analysis.modes import REVERSE
from autograd_studio.graph.bulk import set_aside_builds
from autograd_studio.graph.document import GraphDocument
from autograd_studio.graph.instance import instance_result
from autograd_studio.gui.canvas.view import GraphView
from autograd_studio.gui.editing.session import UNTITLED, EditorSession
from autograd_studio.gui.features import autosave
from autograd_studio.gui.features.auto_layout import AutoLayoutController
from autograd_studio.gui.features.autosave import Autosaver
from autograd_studio.gui.features.backward_tools import BackwardTools
from autograd_studio.gui.features.derivative_modes import DerivativeModes
from autograd_studio.gui.features.disk_watch import DiskWatcher
from autograd_studio.gui.features.expression_import import ExpressionImport
from autograd_studio.gui.features.find_bar import FindBar
from autograd_studio.gui.features.function_dialogs import FunctionDialogs
from autograd_studio.gui.features.functions import FunctionTools
from autograd_studio.gui.features.picture_export import PictureExporter
from autograd_studio.gui.features.script_export import ScriptExport
from autograd_studio.gui.features.training import TrainingController
from autograd_studio.gui.jobs.file_loader import FileLoader
from autograd_studio.gui.look.appearance import set_theme_choice, theme_choice
from autograd_studio.gui.look.icons import app_icon
from autograd_studio.gui.look.language import current_language, install_language, native_name
from autograd_studio.gui.look.wording import nodes_text
from autograd_studio.gui.panels.inspector import InspectorWidget
from autograd_studio.gui.panels.palette import PaletteWidget
from autograd_studio.gui.window.actions import StudioActions, create_actions
from autograd_studio.gui.window.dialogs import Dialogs, QtDialogs
from autograd_studio.gui.window.files import FileHandlingMixin
from autograd_studio.gui.window.help import ShortcutsDialog, about_text
from autograd_studio.gui.window.menus import build_menu_bar, build_toolbar
from autograd_studio.gui.window.preferences import PreferencesDialog
from autograd_studio.gui.window.restart import restart_editor
from autograd_studio.gui.window.settings import APP_NAME, StudioSettings
from autograd_studio.gui.window.status_bar import OutputStatus, node_title
from autograd_studio.gui.window.window_size import default_size, dock_widths
from autograd_studio.numbers import canvas_number

__all__ = ["SET_ASIDE_NODES", "MainWindow"]

#: A graph of more nodes than this is set aside from the garbage collector while shown
#: (``set_aside_builds``): half a million lasting objects for the demo graph.
SET_ASIDE_NODES = 10_000


class MainWindow(FileHandlingMixin, QMainWindow):
    """One document in one window.

    ``session`` is the editing session (document, undo stack, results, file), ``document``
    and ``undo_stack`` its document and history, ``view`` the canvas, ``palette_panel``
    and ``inspector`` the two docks' widgets (``palette()`` stays Qt's colours), ``actions``
    every command (also findable by object name, e.g. ``actionBackward``).
    """

    #: Emitted once the window has really closed (after any unsaved-changes prompt).
    closed = Signal()
    #: The current file changed (path, or '' for an untitled document).
    fileChanged = Signal(str)

    def __init__(
        self,
        document: GraphDocument | None = None,
        *,
        settings: StudioSettings | None = None,
        dialogs: Dialogs | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)  # .agraph files dropped anywhere on the window
        self.settings = settings if settings is not None else StudioSettings()
        self.dialogs: Dialogs = dialogs if dialogs is not None else QtDialogs(self)
        self._shortcuts_dialog: ShortcutsDialog | None = None
        self.preferences_dialog: PreferencesDialog | None = None

        document = document if document is not None else GraphDocument()
        # A graph built in code has no positions: laid out with the engine chosen in Arrange
        # (a big one on the worker thread, once the window is built).
        layout_note = self._place_for_opening(document)
        self.session = EditorSession(document, self)
        if document is not None and len(document.nodes) > SET_ASIDE_NODES:
            set_aside_builds(True)
        # Unsaved work goes to a recovery file after a few idle seconds (a crash loses none)
        self.autosaver = Autosaver(
            self.session,
            autosave.recovery_directory(),
            autosave.autosave_seconds(self.settings.autosave_seconds()),
            self,
        )
        self.view = GraphView(self.session)
        self.view.setObjectName("graphView")
        #: The open file, watched: reloads, the question when both changed, its bar.
        self.disk_watch = DiskWatcher(self)
        self.setCentralWidget(_stacked(self.disk_watch.bar, self.view))
        #: Big files load on a worker thread, with a busy line and Cancel.
        self.file_loader = FileLoader(self)
        self.view.viewport().installEventFilter(self)  # .agraph files dropped on the canvas

        self.palette_panel = PaletteWidget()
        self.inspector = InspectorWidget(self.session)
        self.history_view = QUndoView(self.undo_stack)
        self.history_view.setObjectName("historyView")
        self.history_view.setEmptyLabel(self.tr("New graph"))
        self.palette_dock = self._dock("paletteDock", self.tr("Palette"), self.palette_panel)
        self.inspector_dock = self._dock("inspectorDock", self.tr("Inspector"), self.inspector)
        self.history_dock = self._dock("historyDock", self.tr("History"), self.history_view)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.palette_dock)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.inspector_dock)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history_dock)
        self.history_dock.hide()

        #: The language the window's texts were made in (View > Language offers a restart).
        self._built_language = current_language()
        self.actions: StudioActions = create_actions(self, self.undo_stack)
        self.actions.adopt("ShowPalette", self.palette_dock.toggleViewAction())
        self.actions.adopt("ShowInspector", self.inspector_dock.toggleViewAction())
        self.actions.adopt("History", self.history_dock.toggleViewAction())
        #: Step-through backward, gradient flow, gradient check, Backward semantics.
        self.backward_tools = BackwardTools(self)
        #: Reverse / Forward mode, the derivative target and wrt, the Forward & Reverse panel.
        self.derivative_modes = DerivativeModes(self)
        self.script_export = ScriptExport(self)
        #: Graph > Training: the Training dock, its trainer and its undo steps.
        self.training = TrainingController(self)
        self.expression_import = ExpressionImport(self)
        #: Graph > Group / Ungroup / Make Unique, opening functions, the breadcrumb bar.
        self.function_tools = FunctionTools(self)
        #: New Function from Expression, Insert Template, function library files.
        self.function_dialogs = FunctionDialogs(self)

        self.output_status = OutputStatus()
        self.statusBar().addPermanentWidget(self.output_status)
        self.recent_menu, self.examples_menu = build_menu_bar(self)
        self.recent_menu.aboutToShow.connect(self._rebuild_recent_menu)
        self.examples_menu.aboutToShow.connect(self._rebuild_examples_menu)
        self._rebuild_recent_menu()
        self.toolbar = build_toolbar(self)
        self._connect()
        #: Arrange > Auto Layout (worker thread, Cancel, one undo step); File > Export pictures.
        self.layout_controller = AutoLayoutController(self)
        self.picture_exporter = PictureExporter(self)
        self._attach_document()
        self._update_title()
        self._restore_layout()
        if layout_note:
            self.statusBar().showMessage(layout_note, 8000)
        self._start_open_layout()
        # Keys go to the canvas from the start (F, Ctrl+B, Tab), not to the palette's filter.
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- construction -----------------------------------------------------------------------

    def _dock(self, name: str, title: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)  # saveState/restoreState find docks by object name
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        return dock

    def _connect(self) -> None:
        a = self.actions
        a.new.triggered.connect(self.new_document)
        a.open.triggered.connect(lambda: self.open_file())
        a.save.triggered.connect(self.save)
        a.save_as.triggered.connect(self.save_as)
        a.close.triggered.connect(self.close_document)
        chosen = {"system": a.theme_system, "light": a.theme_light, "dark": a.theme_dark}
        chosen[self.settings.theme()].setChecked(True)
        if self.settings.theme() != theme_choice():  # the theme remembered from last time
            set_theme_choice(self.settings.theme())
        for choice, action in chosen.items():
            action.triggered.connect(lambda _on=False, c=choice: self.set_theme(c))
        languages = {
            "system": a.language_system,
            "en": a.language_english,
            "zh_CN": a.language_chinese,
        }
        languages[self.settings.language()].setChecked(True)
        for choice, action in languages.items():
            action.triggered.connect(lambda _on=False, c=choice: self.set_language(c))
        a.clear_recent.triggered.connect(self._clear_recent)
        a.quit.triggered.connect(self.close)
        a.cut.triggered.connect(self.view.cut_selection)
        a.copy.triggered.connect(self.view.copy_selection)
        a.paste.triggered.connect(self.view.paste)
        a.duplicate.triggered.connect(self.view.duplicate_selection)
        a.delete.triggered.connect(self.view.delete_selection)
        a.select_all.triggered.connect(self.view.select_all)
        self.find_bar = FindBar(self.session, self.view)
        a.find.triggered.connect(self.find_bar.open)
        a.zoom_in.triggered.connect(self.view.zoom_in)
        a.zoom_out.triggered.connect(self.view.zoom_out)
        a.reset_zoom.triggered.connect(self.view.reset_zoom)
        a.fit.triggered.connect(self.view.fit_all)
        a.backward.triggered.connect(self.run_backward)
        a.set_output.triggered.connect(self._set_selected_as_output)
        a.add_node.triggered.connect(self._open_quick_add)
        a.shortcuts.triggered.connect(self.show_shortcuts)
        a.preferences.triggered.connect(self.show_preferences)
        a.about.triggered.connect(
            lambda: self.dialogs.about(self.tr("About {0}").format(APP_NAME), about_text())
        )

        self.session.modifiedChanged.connect(self._update_title)
        self.session.pathChanged.connect(self.fileChanged)
        self.palette_panel.nodeRequested.connect(self.view.add_node_at_center)
        self.view.selectionChangedIds.connect(self._on_selection_changed)
        self.view.statusMessage.connect(lambda text: self.statusBar().showMessage(text, 6000))
        # A long message runs under the output corner: hovering the bar says it whole.
        bar = self.statusBar()
        bar.messageChanged.connect(lambda text: bar.setToolTip(text))
        self.session.resultsPublished.connect(self._on_results)
        self.view.nodeEditRequested.connect(self.edit_node)
        self._on_selection_changed([])

    # --- the document -------------------------------------------------------------------------

    @property
    def document(self) -> GraphDocument:
        """The graph being edited (the session's)."""
        return self.session.document

    @property
    def undo_stack(self) -> QUndoStack:
        """The history of the document (the session's)."""
        return self.session.undo_stack

    def set_document(
        self, document: GraphDocument, path: str | None = None, untitled_name: str = UNTITLED
    ) -> None:
        """Edit *document* from now on (history cleared, unmodified).  No prompt: callers
        ask :meth:`maybe_save` first."""
        with self._busy(self.tr("Drawing {0}…").format(nodes_text(len(document.nodes)))):
            note = self._place_for_opening(document)
            self.function_tools.forget()
            set_aside_builds(False)  # the graph before: collected as usual once dropped
            self.session.set_document(document, path, untitled_name)
            set_aside_builds(len(document.nodes) > SET_ASIDE_NODES)
        self._attach_document()
        self._update_title()
        if note:
            self.statusBar().showMessage(note, 8000)
        self._start_open_layout()

    def _attach_document(self) -> None:
        self.function_tools.attach()
        self._on_selection_changed(self.view.selected_node_ids())
        self._on_results(self.session.results)

    def _update_title(self, *_args: object) -> None:
        session = self.session
        example = session.untitled_name != UNTITLED
        suffix = "" if session.path else (self.tr(" (example)") if example else "")
        self.setWindowTitle(f"{self.display_name()}{suffix}[*] — {APP_NAME}")
        self.setWindowModified(self.is_modified)
        # The History list's first row: where undoing everything goes back to.
        opened = session.path or example
        start = self.tr("Opened {name}") if opened else self.tr("New graph")
        self.history_view.setEmptyLabel(start.format(name=self.display_name()))

    # --- graph actions ------------------------------------------------------------------------

    def set_theme(self, choice: str) -> None:
        """View > Theme: ``"system"``, ``"light"`` or ``"dark"``, remembered for next time."""
        self.settings.set_theme(choice)
        set_theme_choice(choice)

    def set_language(self, choice: str) -> None:
        """View > Language: ``"system"``, ``"en"`` or ``"zh_CN"``, remembered.

        Dialogs opened from now on speak it at once; the window's own texts were set when it
        was built, so a restart is offered (the open graph comes back after it).
        """
        self.settings.set_language(choice)
        if install_language(choice) == self._built_language:
            return
        if self.dialogs.ask_restart(native_name(current_language())):
            restart_editor(self, self.session.path)

    def run_backward(self) -> None:
        """Backward from the output; every node shows its grad (summed onto the grads shown
        when Graph > Accumulate Grads is on, as micrograd's ``backward()`` does)."""
        if self.derivative_modes.mode != REVERSE:  # Backward is reverse mode
            self.derivative_modes.set_mode(REVERSE)
        note = self.backward_tools.semantics.run_backward()
        results = self.session.results
        output = (results.target or results.output) if results is not None else None
        if output is None:
            self.statusBar().showMessage(
                self.tr("Backward needs an output: select a node and choose Graph > Set as Output"),
                6000,
            )
            return
        name = node_title(self.document, output)
        data = results.data.get(output)
        shown = canvas_number(data) if data is not None else self.tr("no value")
        self.statusBar().showMessage(
            self.tr("Backward from {0} = {1}{2}").format(name, shown, note), 10000 if note else 4000
        )

    def _set_selected_as_output(self) -> None:
        ids = self.view.selected_node_ids()
        if len(ids) == 1:
            self.view.set_output(ids[0])

    def _open_quick_add(self) -> None:
        viewport = self.view.viewport()
        self.view.open_quick_add(self.view.mapToScene(viewport.rect().center()))

    def edit_node(self, node_id: str) -> None:
        """Bring the inspector up on *node_id* with its value (or label) ready to type."""
        self.inspector_dock.show()
        self.inspector_dock.raise_()
        if self.inspector.node_id != node_id:
            self.view.select_node_ids([node_id])
        self.inspector.focus_editor()

    def show_shortcuts(self) -> None:
        if self._shortcuts_dialog is None:
            self._shortcuts_dialog = ShortcutsDialog(list(self.actions), self)
        self._shortcuts_dialog.show()
        self._shortcuts_dialog.raise_()

    def show_preferences(self) -> None:
        """Edit > Preferences: a dialog that blocks nothing (``open()``)."""
        if self.preferences_dialog is None:
            self.preferences_dialog = PreferencesDialog(self.settings, self)
            self.preferences_dialog.applied.connect(self._apply_preferences)
        self.preferences_dialog.load()
        self.preferences_dialog.open()

    def _apply_preferences(self) -> None:
        # The file size limit is read at each Open; the autosave interval applies now, in
        # every window (they share the preferences).
        seconds = autosave.autosave_seconds(self.settings.autosave_seconds())
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow):
                widget.autosaver.set_seconds(seconds)

    # --- view -> window -----------------------------------------------------------------------

    def _on_selection_changed(self, ids: list) -> None:
        self.inspector.set_selection(list(ids))
        has_nodes = bool(ids)
        for action in (self.actions.cut, self.actions.copy, self.actions.duplicate):
            action.setEnabled(has_nodes)
        # Edges can be selected (and deleted) on their own.
        self.actions.delete.setEnabled(has_nodes or bool(self.view.selected_edges()))
        self.actions.set_output.setEnabled(len(ids) == 1)

    def _on_results(self, results) -> None:
        stale = self.session.grads_stale
        self.output_status.show_results(self.document, results, stale)  # the whole graph's
        if self.view.function_path:  # inside a function: the numbers of that instance
            results = instance_result(results, self.view.document, self.view.function_path)
        self.inspector.set_results(results, stale)

    # --- window state -------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = self.settings.window_geometry()
        state = self.settings.window_state()
        if geometry is None or not self.restoreGeometry(geometry):
            screen = self.screen()
            size = default_size(screen.availableGeometry().size() if screen else None)
            self.resize(size)
            self.resizeDocks(
                [self.palette_dock, self.inspector_dock],
                list(dock_widths(size)),
                Qt.Orientation.Horizontal,
            )
        if state is not None:
            self.restoreState(state)

    def save_layout(self) -> None:
        """Remember geometry and dock layout for the next window."""
        self.settings.set_window_layout(self.saveGeometry(), self.saveState())
        self.settings.sync()

    def new_window(self) -> MainWindow:
        """Another editor window with this one's settings and dialogs, shown."""
        window = type(self)(settings=self.settings, dialogs=self.dialogs)
        self._other_windows = [*getattr(self, "_other_windows", []), window]
        window.show()
        return window

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.autosaver.discard()  # saved or discarded: nothing left to recover
        self.save_layout()
        set_aside_builds(False)
        event.accept()
        self.closed.emit()


def _stacked(bar: QWidget, view: QWidget) -> QWidget:
    """The canvas with the file bar above it (hidden until the file on disk changes)."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(0)
    column.addWidget(bar)
    column.addWidget(view, 1)
    return box

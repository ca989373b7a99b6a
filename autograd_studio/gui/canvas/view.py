"""The canvas widget: shows a :class:`GraphScene`, turns mouse and keys into undo commands.

The view shows the document of an :class:`~autograd_studio.gui.editing.session.EditorSession`;
every edit goes onto the session's undo stack as a command from
:mod:`autograd_studio.gui.editing.commands`, and the scene then follows the document through
the session's ``documentChanged``.  Gestures live
in :mod:`~autograd_studio.gui.canvas.interactions`; this class only dispatches to them.

Keys (when the canvas has focus): Delete/Backspace delete, F fit, Tab quick-add at the
cursor, Esc cancels a gesture or clears the selection, Ctrl+A/C/X/V/D select all, copy,
cut, paste, duplicate, Ctrl+= / Ctrl+- / Ctrl+0 zoom, Space+drag or middle-drag pan.
Arrow keys nudge the selection (Shift: by one unit).  Double-click a node to edit its value
(inputs, weights) or label (ops, and the title row of inputs and weights) in place.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QGuiApplication,
    QPainter,
    QPaintEvent,
)
from PySide6.QtWidgets import QFrame, QGraphicsView, QWidget

from autograd_studio.graph.document import Edge, EventKind, GraphDocument
from autograd_studio.graph.evaluate import EvaluationResult
from autograd_studio.graph.events import RESTORED
from autograd_studio.graph.instance import instance_result
from autograd_studio.gui.canvas.backdrop import (
    EMPTY_HINT,
    draw_grid,
    paint_banner,
    paint_mode_tag,
    paint_placeholders,
)
from autograd_studio.gui.canvas.context_menu import ContextMenuMixin
from autograd_studio.gui.canvas.decorations import CanvasDecorations
from autograd_studio.gui.canvas.edge_item import EdgeItem
from autograd_studio.gui.canvas.editing import EditingMixin
from autograd_studio.gui.canvas.far_frames import FarEdgeFrames
from autograd_studio.gui.canvas.inline_editor import InlineEditor
from autograd_studio.gui.canvas.interactions import (
    Interaction,
)
from autograd_studio.gui.canvas.keyboard import KeyboardMixin
from autograd_studio.gui.canvas.mouse import MouseMixin
from autograd_studio.gui.canvas.navigation import MAX_ZOOM, MIN_ZOOM, NavigationMixin
from autograd_studio.gui.canvas.node_geometry import port_ys
from autograd_studio.gui.canvas.node_item import NODE_HEIGHT, NODE_WIDTH, TEXT_LOD, NodeItem
from autograd_studio.gui.canvas.overview import OVERVIEW_SCALE
from autograd_studio.gui.canvas.overview_frames import OverviewFrames
from autograd_studio.gui.canvas.palette_drop import PaletteDropMixin
from autograd_studio.gui.canvas.quick_add import QuickAddPopup
from autograd_studio.gui.canvas.result_display import ResultDisplayMixin
from autograd_studio.gui.canvas.scene import GraphScene
from autograd_studio.gui.canvas.theme import current_theme
from autograd_studio.gui.editing.evaluation import NO_OUTPUT_MESSAGE
from autograd_studio.gui.editing.session import EditorSession

__all__ = ["MAX_ZOOM", "MIN_ZOOM", "GraphView"]

#: Selecting up to this many nodes makes their items on a virtual canvas.
MAKE_SELECTED_ITEMS_UP_TO = 200


class GraphView(
    ResultDisplayMixin,
    MouseMixin,
    ContextMenuMixin,
    KeyboardMixin,
    PaletteDropMixin,
    EditingMixin,
    NavigationMixin,
    QGraphicsView,
):
    """The editor canvas over *session*'s document; every edit goes onto its undo stack."""

    selectionChangedIds = Signal(list)
    statusMessage = Signal(str)
    nodeEditRequested = Signal(str)
    #: The context menu chose a node as the derivative ``"target"`` or the ``"wrt"`` input.
    derivativeRoleRequested = Signal(str, str)
    #: a function node was double-clicked: open its definition (gui/features/functions.py)
    functionOpenRequested = Signal(str)

    def __init__(self, session: EditorSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.graph_scene = GraphScene(session.document, current_theme(), self, virtual=True)
        self.setScene(self.graph_scene)
        self.init_scroll_range()  # scroll bars when the graph reaches past the view
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.centerOn(0, 0)

        self._interaction: Interaction | None = None
        self._space = False
        self._last_mouse: QPoint | None = None
        self._editor: InlineEditor | None = None
        self._paste_key: str | None = None
        self._paste_count = 0
        self._mode_tag = ""
        #: whether scrubbing a value reruns Backward as it goes (off while grads accumulate)
        self.live_scrub_backward = True
        self._fitted = False
        #: double-click edits in place (True) or emits nodeEditRequested (False)
        self.inline_editing = True

        self.quick_add = QuickAddPopup(self.viewport())
        self.quick_add.chosen.connect(self._on_quick_add_chosen)
        self._quick_add_scene_pos = QPointF()

        self._selection_timer = QTimer(self)
        self._selection_timer.setSingleShot(True)
        self._selection_timer.setInterval(0)
        self._selection_timer.timeout.connect(self._emit_selection)
        self.graph_scene.selectionChanged.connect(self._selection_timer.start)
        self.graph_scene.selectionChanged.connect(self._repaint_selection_marks)

        #: Marks that explain results (step-through highlight, gradient flow); not document.
        self.decorations = CanvasDecorations(self.graph_scene)
        #: the zoomed-out picture, drawn once and copied for each frame of a pan or zoom
        self.overview_frames = OverviewFrames(self)
        #: the edges passing through at readable zoom, drawn over a few frames and kept
        self.far_frames = FarEdgeFrames(self)
        self._grad_override: dict[str, float | None] | None = None
        self._tangents: Mapping[str, float | None] | None = None  # forward mode's, shown
        # Inside a function the canvas shows its body (show_function); else the session's.
        self._body: GraphDocument | None = None
        self._body_path = ""
        self._body_unsubscribe = None
        session.documentChanged.connect(self._on_session_event)
        session.documentReplaced.connect(self._on_document_replaced)
        session.resultsPublished.connect(self._show_results)
        self._show_results(session.results)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._apply_theme)

    # --- document ------------------------------------------------------------------------------

    @property
    def document(self) -> GraphDocument:
        """The document on the canvas: the session's, or the body of the open function."""
        return self._body if self._body is not None else self.session.document

    @property
    def function_path(self) -> str:
        """The open instance (``f1``, nested ``f1/g``), or '' at the top."""
        return self._body_path

    def show_function(self, body: GraphDocument | None, path: str = "") -> None:
        """Show *body*, the definition of the instance at *path* (its numbers are that
        instance's), or with ``None`` the session's document again."""
        if self._body_unsubscribe is not None:
            self._body_unsubscribe()
            self._body_unsubscribe = None
        self._cancel_everything()
        self._grad_override = None
        self._tangents = None
        self.decorations.clear()
        self._body, self._body_path = body, path if body is not None else ""
        if body is not None:
            self._body_unsubscribe = body.subscribe(self.graph_scene.on_document_event)
        self.graph_scene.set_document(self.document)
        self._paste_key = None
        self._fitted = False
        self.fit_all()
        self._show_results(self.session.results)

    @property
    def shown_results(self) -> EvaluationResult:
        """The results as the canvas shows them (inside a function: its instance's)."""
        result = self.session.results
        if self._body is not None:
            result = instance_result(result, self._body, self._body_path)
        return result

    def _on_session_event(self, event) -> None:
        if self._body is None:  # inside a function the scene follows the body instead
            self.graph_scene.on_document_event(event)
            if event.field == RESTORED and event.kind is EventKind.NODES_ADDED:
                # Undoing a deletion selects what comes back, as it was when deleted.
                self.select_node_ids(event.node_ids)

    def _on_document_replaced(self, document: GraphDocument) -> None:
        # New/Open: the session cleared the history; the results follow this signal.
        if self._body_unsubscribe is not None:
            self._body_unsubscribe()
            self._body_unsubscribe = None
        self._body, self._body_path = None, ""
        self._cancel_everything()
        self._grad_override = None
        self._tangents = None
        self.decorations.clear()
        self.graph_scene.set_document(document)
        self._paste_key = None
        self._fitted = False
        self.fit_all()

    # --- items and ports -------------------------------------------------------------------

    def node_item(self, node_id: str) -> NodeItem | None:
        return self.graph_scene.node_item(node_id)

    def edge_item(self, edge: Edge) -> EdgeItem | None:
        return self.graph_scene.edge_item(edge)

    def port_scene_pos(self, node_id: str, port: str | int) -> QPointF:
        """Where *port* (``"out"`` or an input index) of *node_id* is, in scene coordinates
        (whether or not the node has an item now)."""
        x, y = self.graph_scene.node_pos(node_id)
        if port == "out":
            return QPointF(x + NODE_WIDTH, y + NODE_HEIGHT / 2)
        return QPointF(x, y + port_ys(self.document.nodes[node_id].arity)[port])

    def reveal_node(self, node_id: str, margin: tuple[int, int] = (80, 60)) -> NodeItem | None:
        """Scroll *node_id* into view if it is not (gently: as little as needed) and return
        its item, which a virtual canvas makes if need be."""
        if node_id not in self.document.nodes:
            return None
        x, y = self.graph_scene.node_pos(node_id)
        self.ensureVisible(QRectF(x, y, NODE_WIDTH, NODE_HEIGHT), *margin)
        self._sync_items()
        return self.graph_scene.ensure_node_item(node_id)

    def _sync_items(self) -> None:
        """A virtual canvas makes the items of what is on screen (none when zoomed out to
        the overview) and drops the others."""
        scene = self.graph_scene
        if not scene.virtual or getattr(self, "_zooming", False):
            return
        if self.zoom() < OVERVIEW_SCALE:
            scene.show_region(None)
            return
        seen = self.viewport().rect()
        # Items are made nearest the cursor first (where the wheel zoomed), else the middle.
        mouse = getattr(self, "_last_mouse", None)  # (None while the view is being built)
        focus = mouse if mouse is not None and seen.contains(mouse) else seen.center()
        scene.show_region(self.mapToScene(seen).boundingRect(), self.mapToScene(focus))

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self._sync_items()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._sync_items()

    def visible_node_items(self) -> list[NodeItem]:
        rect = self.mapToScene(self.viewport().rect()).boundingRect()
        return [i for i in self.graph_scene.items(rect) if isinstance(i, NodeItem)]

    # --- selection -------------------------------------------------------------------------

    def selected_node_ids(self) -> list[str]:
        return self.graph_scene.selected_node_ids()

    def selected_edges(self) -> list[Edge]:
        return self.graph_scene.selected_edges()

    def select_node_ids(self, ids) -> None:
        """Select exactly these nodes (edges are deselected).  A few get their items at
        once on a virtual canvas (they may be edited or revealed next); many are kept as
        ids, so selecting 65,000 nodes makes no items."""
        ids = ids if isinstance(ids, (set, frozenset, dict, list, tuple)) else list(ids)
        self.graph_scene.select_exactly(ids, make_items=len(ids) <= MAKE_SELECTED_ITEMS_UP_TO)

    def select_all(self) -> None:
        self.select_node_ids(self.document.nodes)

    def _repaint_selection_marks(self) -> None:
        """Zoomed out to the overview, the selection is marks painted over its picture:
        nodes selected or deselected as ids (no item to repaint) need a frame of their own."""
        if self.zoom() < OVERVIEW_SCALE and not self.graph_scene.always_detailed:
            self.viewport().update()

    def _emit_selection(self) -> None:
        self.selectionChangedIds.emit(self.selected_node_ids())

    # --- quick add -------------------------------------------------------------------------

    def open_quick_add(self, scene_pos: QPointF | None = None) -> QuickAddPopup:
        """Open the search popup; the chosen node lands centred on *scene_pos*."""
        if scene_pos is None:
            scene_pos = self._cursor_scene_pos()
        self._quick_add_scene_pos = QPointF(scene_pos)
        self.quick_add.open_at(self.mapFromScene(scene_pos))
        return self.quick_add

    def _cursor_scene_pos(self) -> QPointF:
        pos = self._last_mouse
        if pos is None or not self.viewport().rect().contains(pos):
            pos = self.viewport().rect().center()
        return self.mapToScene(pos)

    def _on_quick_add_chosen(self, kind: str, op: str | None) -> None:
        self.add_node_at(kind, op, self._quick_add_scene_pos)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- painting --------------------------------------------------------------------------

    def banner_text(self) -> str:
        """The hint painted over the canvas (empty canvas, no output node), or ''."""
        if not self.document.nodes:
            return QCoreApplication.translate("Problems", EMPTY_HINT)
        if self.session.results.output is None and not self.session.evaluation_pending():
            return QCoreApplication.translate("Problems", NO_OUTPUT_MESSAGE)
        return ""

    def paintEvent(self, event: QPaintEvent) -> None:
        self._sync_items()  # whatever moved the camera, what is painted has its items
        if self.zoom() >= OVERVIEW_SCALE or self.graph_scene.always_detailed:
            super().paintEvent(event)
            self.graph_scene.frame_painted()
            return
        # Zoomed far out: one batched picture instead of thousands of items painting.
        self.far_frames.drop()
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), self.graph_scene.theme.background)
        self.overview_frames.paint(painter, self.graph_scene.overview)
        self._paint_banner(painter)
        painter.end()

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        scene, zoom = self.graph_scene, self.zoom()
        draw_grid(painter, rect, scene.theme, zoom)
        if scene.virtual and zoom >= OVERVIEW_SCALE:  # edges only passing through: no items
            # A diagonal pan uncovers an L of two strips; Qt asks for their bounding
            # rectangle (the whole view), so the far edges are drawn strip by strip.
            clip = painter.clipRegion() if painter.hasClipping() else None
            parts = [QRectF(r) & rect for r in clip] if clip and clip.rectCount() > 1 else [rect]
            for part in parts:
                self.far_frames.paint(painter, part)

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        scene = self.graph_scene
        waiting = scene.waiting_cards()
        if waiting:  # cards whose items the next frames make: their shapes meanwhile
            plain = self.zoom() < TEXT_LOD and not scene.always_detailed
            paint_placeholders(painter, rect, waiting, scene.theme, plain)
        painter.save()
        painter.resetTransform()
        self._paint_banner(painter)
        if self._mode_tag:
            paint_mode_tag(painter, self.viewport().rect(), self.graph_scene.theme, self._mode_tag)
        painter.restore()

    def mode_tag(self) -> str:
        """The mode shown at the canvas's bottom-left corner ('' for none)."""
        return self._mode_tag

    def set_mode_tag(self, text: str) -> None:
        """Show *text* as a tag at the bottom-left corner ('' hides it): a mode that changes
        what the numbers mean, such as accumulating grads, stays in sight."""
        if text != self._mode_tag:
            self._mode_tag = text
            self.viewport().update()

    def _paint_banner(self, painter: QPainter) -> None:
        text = self.banner_text()
        if text:
            paint_banner(
                painter,
                self.viewport().rect(),
                self.graph_scene.theme,
                text,
                bool(self.document.nodes),
            )

    def show_status(self, message: str) -> None:
        """Tell the user something (the window shows it in its status bar)."""
        self.statusMessage.emit(message)

    # --- theme -----------------------------------------------------------------------------

    def _apply_theme(self, *_args) -> None:
        self.graph_scene.set_theme(current_theme())
        self.decorations.refresh()
        self.resetCachedContent()
        self.viewport().update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_theme()
        super().changeEvent(event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._fitted and self.document.nodes:
            self.fit_all()

    def closeEvent(self, event) -> None:
        self._cancel_everything()
        super().closeEvent(event)

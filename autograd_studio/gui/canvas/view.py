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

import math
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QGraphicsView, QMenu, QWidget

from autograd_studio.graph.document import Edge, GraphDocument
from autograd_studio.graph.errors import GraphError
from autograd_studio.graph.evaluate import EvaluationResult
from autograd_studio.graph.functions import check_not_recursive
from autograd_studio.graph.instance import instance_result
from autograd_studio.gui.canvas.backdrop import EMPTY_HINT, draw_grid, paint_banner, paint_mode_tag
from autograd_studio.gui.canvas.decorations import CanvasDecorations
from autograd_studio.gui.canvas.edge_item import EdgeItem
from autograd_studio.gui.canvas.editing import EditingMixin
from autograd_studio.gui.canvas.inline_editor import InlineEditor
from autograd_studio.gui.canvas.interactions import (
    Interaction,
    MoveNodesInteraction,
    NewEdgeInteraction,
    PanInteraction,
    RubberBandInteraction,
)
from autograd_studio.gui.canvas.navigation import MAX_ZOOM, MIN_ZOOM, NavigationMixin
from autograd_studio.gui.canvas.node_item import HEADER, PORT_HIT, NodeItem
from autograd_studio.gui.canvas.overview import OVERVIEW_SCALE
from autograd_studio.gui.canvas.quick_add import QuickAddPopup
from autograd_studio.gui.canvas.scene import GraphScene
from autograd_studio.gui.canvas.scrubbing import ScrubValueInteraction
from autograd_studio.gui.canvas.theme import current_theme
from autograd_studio.gui.editing.evaluation import NO_OUTPUT_MESSAGE
from autograd_studio.gui.editing.mime import node_spec_from_mime
from autograd_studio.gui.editing.session import EditorSession

__all__ = ["MAX_ZOOM", "MIN_ZOOM", "GraphView"]

SCENE_EXTENT = 1.0e6  # the canvas is practically unbounded; scroll bars stay hidden
NUDGE = 10.0  # arrow keys move the selection this far (Shift: one unit)
_NUDGES = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
}


class GraphView(EditingMixin, NavigationMixin, QGraphicsView):
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
        self.graph_scene = GraphScene(session.document, current_theme(), self)
        self.setScene(self.graph_scene)
        self.setSceneRect(-SCENE_EXTENT, -SCENE_EXTENT, 2 * SCENE_EXTENT, 2 * SCENE_EXTENT)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
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

        #: Marks that explain results (step-through highlight, gradient flow); not document.
        self.decorations = CanvasDecorations(self.graph_scene)
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

    def run_backward(self) -> EvaluationResult:
        """Forward and backward from the output now; annotates every node."""
        result = self.session.run_backward()
        if result.output is None and self.document.nodes:
            self.show_status(QCoreApplication.translate("Problems", NO_OUTPUT_MESSAGE))
        return result

    def _show_results(self, result: EvaluationResult) -> None:
        if self._body is not None:  # the whole graph's numbers, seen inside one instance
            result = instance_result(result, self._body, self._body_path)
        override = self._grad_override
        if override is None and self._tangents is not None:
            override = self._tangents
        if override is None:
            self.graph_scene.apply_results(result, self.session.grads_stale)
        else:
            grad = {nid: override.get(nid) for nid in result.data}
            shown = EvaluationResult(result.output, result.data, grad, result.problems)
            self.graph_scene.apply_results(shown, False)
        self.viewport().update()

    # --- explaining results (used by the step-through backward and the gradient flow) ----

    def set_grad_override(self, grads: dict[str, float | None] | None, changed=None) -> None:
        """Show *grads* on the nodes instead of the last Backward's (``None``: back to
        those).  Display only: the session's results and the document are untouched.  The
        step-through backward shows the grads accumulated so far with it.

        *changed* (node ids), when an override is already shown, says which grads differ
        from it, so only those items are updated (one step of a 65,000-node graph).
        """
        if grads is None or changed is None or self._grad_override is None:
            self._grad_override = None if grads is None else dict(grads)
            self._show_results(self.session.results)
            return
        data, items = self.session.results.data, self.graph_scene.node_items
        for nid in changed:
            item = items.get(nid)
            self._grad_override[nid] = grads.get(nid)
            if item is not None:
                item.set_result(data.get(nid), grads.get(nid), False, item.problems())
        self.viewport().update()

    def set_derivative_display(
        self,
        caption: str = "grad",
        no_path_note: str = "",
        tangents: Mapping[str, float | None] | None = None,
    ) -> None:
        """What the nodes' second row shows: the last Backward's grads (``caption``
        ``"grad"``), or forward mode's *tangents* (``"tangent"``).  With *no_path_note*, a
        node with data but no derivative reads ``no path`` and the note in its tooltip.
        Display only, like :meth:`set_grad_override` (which still goes first)."""
        self._tangents = tangents
        self.graph_scene.set_derivative_caption(caption, no_path_note)
        self._show_results(self.session.results)

    def grad_override(self) -> dict[str, float | None] | None:
        """The grads shown instead of the last Backward's, if any."""
        return None if self._grad_override is None else dict(self._grad_override)

    def set_highlight(self, node_ids=(), edges=(), secondary=()) -> None:
        """Ring *node_ids* (and *secondary* lightly) and paint *edges* in the gradient
        colour; empty arguments clear it.  See :mod:`~autograd_studio.gui.canvas.decorations`."""
        self.decorations.set_highlight(node_ids, edges, secondary)

    def set_notes(self, client: str, notes) -> None:
        """Pin *notes* (node id -> :class:`~autograd_studio.gui.canvas.decorations.NodeNote`)
        for *client*, replacing its earlier ones (``None`` clears them)."""
        self.decorations.set_notes(client, notes)

    def set_edge_styles(self, styles) -> None:
        """Paint edges in these styles (edge -> ``EdgeStyle``); ``None``: as usual."""
        self.decorations.set_edge_styles(styles)

    def set_dimmed(self, node_ids) -> None:
        """Dim these nodes (the gradient flow's zero-grad nodes); empty: none."""
        self.decorations.set_dimmed(node_ids)

    # --- items and ports -------------------------------------------------------------------

    def node_item(self, node_id: str) -> NodeItem | None:
        return self.graph_scene.node_item(node_id)

    def edge_item(self, edge: Edge) -> EdgeItem | None:
        return self.graph_scene.edge_item(edge)

    def port_scene_pos(self, node_id: str, port: str | int) -> QPointF:
        """Where *port* (``"out"`` or an input index) of *node_id* is, in scene coordinates."""
        item = self.graph_scene.node_items[node_id]
        return item.port_scene_pos(port)

    def visible_node_items(self) -> list[NodeItem]:
        rect = self.mapToScene(self.viewport().rect()).boundingRect()
        return [i for i in self.graph_scene.items(rect) if isinstance(i, NodeItem)]

    # --- selection -------------------------------------------------------------------------

    def selected_node_ids(self) -> list[str]:
        return self.graph_scene.selected_node_ids()

    def selected_edges(self) -> list[Edge]:
        return self.graph_scene.selected_edges()

    def select_node_ids(self, ids) -> None:
        """Select exactly these nodes (edges are deselected)."""
        wanted = set(ids)
        for item in self.graph_scene.selectedItems():
            if not isinstance(item, NodeItem) or item.node_id not in wanted:
                item.setSelected(False)
        items = self.graph_scene.node_items
        for nid in wanted:
            item = items.get(nid)
            if item is not None and not item.isSelected():
                item.setSelected(True)

    def select_all(self) -> None:
        self.select_node_ids(self.graph_scene.node_items)

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

    # --- events: mouse -------------------------------------------------------------------------

    def _interaction_ended(self, interaction: Interaction) -> None:
        if self._interaction is interaction:
            self._interaction = None

    def _cancel_everything(self) -> None:
        if self._interaction is not None:
            self._interaction.cancel()
        self.quick_add.close_popup()
        self._close_editor()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._last_mouse = event.position().toPoint()
        self.quick_add.close_popup()
        if self._interaction is not None:  # a second button during a gesture: ignore it
            event.accept()
            return
        button = event.button()
        if button == Qt.MouseButton.MiddleButton or (
            button == Qt.MouseButton.LeftButton and self._space
        ):
            self._interaction = PanInteraction(self, event)
            event.accept()
            return
        if button != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        pos = event.position().toPoint()
        scene_pos = self.mapToScene(pos)
        item = self._item_at(pos)
        if isinstance(item, NodeItem):
            reach = PORT_HIT if self.zoom() >= 1 else PORT_HIT / max(self.zoom(), 0.4)
            port = item.port_at(item.mapFromScene(scene_pos), reach)
            field = item.value_field()
            if port is not None:
                self._interaction = NewEdgeInteraction(self, item.node_id, port)
            elif field is not None and field.contains(item.mapFromScene(scene_pos)):
                self._interaction = ScrubValueInteraction(self, event, item)
            else:
                self._interaction = MoveNodesInteraction(self, event, item)
        elif isinstance(item, EdgeItem):
            mods = event.modifiers()
            if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier):
                item.setSelected(not item.isSelected())
            else:
                self.graph_scene.clearSelection()
                item.setSelected(True)
        else:
            self._interaction = RubberBandInteraction(self, event)
        event.accept()

    def _item_at(self, pos: QPoint):
        for item in self.items(pos):
            if isinstance(item, (NodeItem, EdgeItem)) and item.isVisible():
                return item
        return None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._last_mouse = event.position().toPoint()
        if self._interaction is not None:
            self._interaction.move(event)
            event.accept()
            return
        super().mouseMoveEvent(event)  # hover highlights

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._interaction is not None:
            self._interaction.release(event)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        if self._interaction is not None:
            self._interaction.cancel()
        pos = event.position().toPoint()
        item = self._item_at(pos)
        if isinstance(item, NodeItem):
            local = item.mapFromScene(self.mapToScene(pos))
            if item.port_at(local) is not None:
                return
            if item.function is not None:
                self.functionOpenRequested.emit(item.node_id)
                event.accept()
                return
            field = "label" if (item.computed or local.y() < HEADER) else "value"
            self.edit_node(item.node_id, field)
        elif item is None:
            self.open_quick_add(self.mapToScene(pos))
        event.accept()

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y() or event.angleDelta().x()
        if not delta:
            return
        self.set_zoom(self.zoom() * math.pow(1.0015, delta), event.position().toPoint())
        event.accept()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        item = self._item_at(event.pos())
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if isinstance(item, NodeItem):
            if not item.isSelected():
                self.select_node_ids([item.node_id])
            nid = item.node_id
            is_out = self.document.explicit_output == nid
            act = menu.addAction(
                self.tr("Set as output"), lambda: self.set_output(None if is_out else nid)
            )
            act.setCheckable(True)
            act.setChecked(is_out)
            record = self.document.nodes[nid]
            if not record.computed:
                menu.addAction(self.tr("Edit value"), lambda: self.edit_node(nid, "value"))
            menu.addAction(self.tr("Rename"), lambda: self.edit_node(nid, "label"))
            menu.addSeparator()
            request = self.derivativeRoleRequested.emit
            menu.addAction(self.tr("Set as Derivative Target"), lambda: request("target", nid))
            wrt_text = self.tr("Differentiate With Respect to This")
            menu.addAction(wrt_text, lambda: request("wrt", nid))
            menu.addSeparator()
            menu.addAction(self.tr("Duplicate"), self.duplicate_selection)
            menu.addAction(self.tr("Delete"), self.delete_selection)
        elif isinstance(item, EdgeItem):
            edge = item.edge
            self.graph_scene.clearSelection()
            item.setSelected(True)
            menu.addAction(self.tr("Delete edge"), self.delete_selection)
            del edge
        else:
            scene_pos = self.mapToScene(event.pos())
            menu.addAction(self.tr("Add node…"), lambda: self.open_quick_add(scene_pos))
            menu.addAction(self.tr("Fit all"), self.fit_all)
        menu.popup(event.globalPos())  # non-blocking
        event.accept()

    # --- events: keys --------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Tab:
            if self._interaction is None:
                self.open_quick_add()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        plain = not (mods & ~Qt.KeyboardModifier.KeypadModifier)
        if key == Qt.Key.Key_Escape:
            if self._interaction is not None:
                self._interaction.cancel()
            elif self.quick_add.isVisible():
                self.quick_add.close_popup()
            else:
                self.graph_scene.clearSelection()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self._interaction is None:
            self.delete_selection()
        elif key == Qt.Key.Key_F and plain:
            self.fit_all()
        elif key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.update_cursor()
        elif event.matches(QKeySequence.StandardKey.SelectAll):
            self.select_all()
        elif event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif event.matches(QKeySequence.StandardKey.Cut):
            self.cut_selection()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif key == Qt.Key.Key_D and mods & Qt.KeyboardModifier.ControlModifier:
            self.duplicate_selection()
        elif event.matches(QKeySequence.StandardKey.ZoomIn) or (
            key == Qt.Key.Key_Equal and mods & Qt.KeyboardModifier.ControlModifier
        ):
            self.zoom_in()
        elif event.matches(QKeySequence.StandardKey.ZoomOut):
            self.zoom_out()
        elif key == Qt.Key.Key_0 and mods & Qt.KeyboardModifier.ControlModifier:
            self.reset_zoom()
        elif key in _NUDGES and self._interaction is None:
            step = 1 if mods & Qt.KeyboardModifier.ShiftModifier else NUDGE
            dx, dy = _NUDGES[key]
            self.nudge_selection(dx * step, dy * step)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
            ids = self.selected_node_ids()
            if len(ids) == 1:
                self.edit_node(ids[0])
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self.update_cursor()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def focusOutEvent(self, event) -> None:
        self._space = False
        self.update_cursor()
        super().focusOutEvent(event)

    # --- events: drag and drop from the palette ---------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if node_spec_from_mime(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()  # a file drop is the window's business

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if node_spec_from_mime(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event) -> None:
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        spec = node_spec_from_mime(event.mimeData())
        if spec is None:
            event.ignore()
            return
        kind, op = spec
        if kind == "function":
            problem = self._function_problem(op)
            if problem:
                self.show_status(problem)
                event.ignore()
                return
        self.add_node_at(kind, op, self.mapToScene(event.position().toPoint()))
        event.acceptProposedAction()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _function_problem(self, name: str) -> str:
        """Why a node of function *name* cannot be dropped here ('' if it can)."""
        doc = self.document
        if name not in doc.functions:
            return f"this graph has no function called {name!r}"
        if doc._owner is not None:  # inside a function: it may not use itself
            try:
                check_not_recursive(doc.functions, doc._owner, name)
            except GraphError as exc:
                return str(exc)
        return ""

    # --- painting --------------------------------------------------------------------------

    def banner_text(self) -> str:
        """The hint painted over the canvas (empty canvas, no output node), or ''."""
        if not self.document.nodes:
            return QCoreApplication.translate("Problems", EMPTY_HINT)
        if self.session.results.output is None and not self.session.evaluation_pending():
            return QCoreApplication.translate("Problems", NO_OUTPUT_MESSAGE)
        return ""

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.zoom() >= OVERVIEW_SCALE or self.graph_scene.always_detailed:
            super().paintEvent(event)
            return
        # Zoomed far out: one batched picture instead of thousands of items painting.
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), self.graph_scene.theme.background)
        painter.setTransform(self.viewportTransform())
        self.graph_scene.overview.paint(painter)
        painter.resetTransform()
        self._paint_banner(painter)
        painter.end()

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        draw_grid(painter, rect, self.graph_scene.theme, self.zoom())

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
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

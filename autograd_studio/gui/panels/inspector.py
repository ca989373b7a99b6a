"""The inspector: the selected node's label and value (editable), and its data and grad.

Edits never touch the document directly: a new label is a ``SetLabelCommand`` and a new
value a ``SetValueCommand`` pushed on the window's undo stack, so Ctrl+Z takes them back.
Text that is not a finite number is refused with a message under the field and the
document stays as it was.  ``data`` and ``grad`` are shown with full precision (``repr``
of the float), which the canvas rounds to 4 decimals.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from autograd_studio.engine.ops import OPS
from autograd_studio.graph.document import DocumentEvent, EventKind, GraphDocument
from autograd_studio.graph.evaluate import EvaluationResult
from autograd_studio.graph.naming import node_name
from autograd_studio.gui.canvas.scrubbing import scrubbed
from autograd_studio.gui.editing.commands import (
    ScrubValueCommand,
    SetLabelCommand,
    SetOutputCommand,
    SetValueCommand,
)
from autograd_studio.gui.editing.session import EditorSession
from autograd_studio.gui.editing.value_text import parse_value
from autograd_studio.gui.look.icons import node_icon
from autograd_studio.gui.look.sentences import said
from autograd_studio.gui.look.wording import nodes_text
from autograd_studio.gui.panels.inspector_form import InspectorForm
from autograd_studio.numbers import NO_VALUE

__all__ = ["InspectorWidget"]

_KIND_TITLES = {
    "input": QT_TRANSLATE_NOOP("InspectorWidget", "Input"),
    "weight": QT_TRANSLATE_NOOP("InspectorWidget", "Weight"),
    "op": QT_TRANSLATE_NOOP("InspectorWidget", "Op"),
}


def full_precision(value: float | None) -> str:
    """Every digit of a float (``repr``), or an em dash when there is no value."""
    if value is None:
        return NO_VALUE
    return repr(float(value))


class InspectorWidget(InspectorForm):
    """Shows and edits one node of the session's document; empty or a summary for other
    selections.  Edits go onto the session's undo stack."""

    #: The user asked for a node to become the output (after the command was pushed).
    outputChanged = Signal(str)
    #: The derivative button: make the node the ``"target"`` (an op) or ``"wrt"`` (a leaf).
    derivativeRoleRequested = Signal(str, str)

    def __init__(self, session: EditorSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inspector")
        self.session = session
        self._node_id: str | None = None
        self._selection: list[str] = []
        self._selected: set[str] = set()  # the same, to test events against
        self._results: EvaluationResult | None = None
        self._grads_stale = False
        self._tangents: Mapping[str, float | None] | None = None
        self._tangent_note = ""
        self._scrub: list | None = None  # [drag id, anchor pixels, anchor value, modifiers]
        # Changes elsewhere (an edge into this node, a label upstream, the implied output
        # moving) are shown once per burst of edits.
        self._refresh_later = QTimer(self)
        self._refresh_later.setSingleShot(True)
        self._refresh_later.setInterval(0)
        self._refresh_later.timeout.connect(self._refresh)
        self._prune_later = QTimer(self)
        self._prune_later.setSingleShot(True)
        self._prune_later.setInterval(0)
        self._prune_later.timeout.connect(self._prune_and_refresh)
        self._connect_fields()
        session.documentChanged.connect(self._on_document_event)
        session.documentReplaced.connect(self._on_document_replaced)
        self._refresh()

    @property
    def _document(self) -> GraphDocument:
        # Inside a function the canvas (and so the selection) is the function's body.
        shown = getattr(self, "shown_document", None)
        return shown() if shown is not None else self.session.document

    # --- construction -------------------------------------------------------------------------

    def _connect_fields(self) -> None:
        self.label_edit.editingFinished.connect(self._commit_label)
        self.label_edit.installEventFilter(self)
        self.value_edit.editingFinished.connect(self._commit_value)
        self.value_edit.textEdited.connect(self._clear_value_error)
        self.value_edit.installEventFilter(self)
        self.value_row_label.started.connect(self._scrub_started)
        self.value_row_label.dragged.connect(self._scrub_dragged)
        self.output_button.clicked.connect(self._set_as_output)
        self.derivative_button.clicked.connect(self._request_derivative_role)

    # --- public API ---------------------------------------------------------------------------

    @property
    def node_id(self) -> str | None:
        """The node shown, if exactly one is selected."""
        return self._node_id

    @property
    def selection(self) -> list[str]:
        """The ids of the selected nodes, as last told by :meth:`set_selection`."""
        return list(self._selection)

    def _on_document_replaced(self, _document: GraphDocument) -> None:
        self._node_id = None
        self._selection = []
        self._selected = set()
        self._results = None
        self._refresh()

    def set_selection(self, node_ids: list[str]) -> None:
        """Show the one selected node, or a summary when zero or several are selected."""
        self._selection = list(node_ids)
        self._selected = set(self._selection)
        self._node_id = node_ids[0] if len(node_ids) == 1 else None
        self._clear_value_error()
        self._refresh()

    def set_results(self, results: EvaluationResult | None, grads_stale: bool = False) -> None:
        """Latest evaluation; *grads_stale* when the graph changed since the last Backward."""
        self._results = results
        self._grads_stale = grads_stale
        self._refresh_results()

    def set_tangents(self, tangents: Mapping[str, float | None] | None, note: str = "") -> None:
        """Forward mode's tangents, shown in a ``tangent`` row (``None``: no row); *note*
        stands where a node has none (it does not depend on the input)."""
        self._tangents = tangents
        self._tangent_note = note
        self.tangent_row_label.setVisible(tangents is not None)
        self.tangent_label.setVisible(tangents is not None)
        self._refresh_results()

    def focus_editor(self) -> None:
        """Put the cursor in the value field (inputs, weights) or the label field (ops)."""
        record = self._record()
        if record is None:
            return
        editor = self.value_edit if not record.computed else self.label_edit
        editor.setFocus()
        editor.selectAll()

    # --- document changes ---------------------------------------------------------------------

    def _on_document_event(self, event: DocumentEvent) -> None:
        if event.kind is EventKind.NODES_REMOVED:  # a big selection deleted at once
            gone = event.node_ids
            if self._node_id in gone or not self._selected.isdisjoint(gone):
                if self._node_id not in self._document.nodes:
                    self._node_id = None
                self._prune_and_refresh()
                return
        edge = event.edge
        nid = event.node_id
        mine = (nid is not None and (nid == self._node_id or nid in self._selected)) or (
            edge is not None and self._node_id in (edge.source, edge.target)
        )
        if mine and self._node_id is None and event.kind is not EventKind.OUTPUT_CHANGED:
            # A summary ("65,818 nodes selected") is counted once per burst of events about
            # the nodes it sums up (training writes every weight, one event each).
            self._prune_later.start()
        elif event.kind in (EventKind.RESET, EventKind.OUTPUT_CHANGED) or mine:
            if self._node_id not in self._document.nodes:
                self._node_id = None
                self._prune()
            self._refresh()
        elif self._node_id is not None and not (
            event.kind == "node_changed" and event.field in ("pos", "value")
        ):
            self._refresh_later.start()  # names, the implied output: whoever changed them

    def _prune(self) -> None:
        nodes = self._document.nodes
        self._selection = [n for n in self._selection if n in nodes]
        self._selected = set(self._selection)

    def _prune_and_refresh(self) -> None:
        self._prune()
        self._refresh()

    # --- display ------------------------------------------------------------------------------

    def _record(self):
        if self._node_id is None:
            return None
        return self._document.nodes.get(self._node_id)

    def _refresh(self) -> None:
        record = self._record()
        if record is None:
            self.form_widget.hide()
            self.empty_label.show()
            self.icon_label.clear()
            if self._selection:
                self.title_label.setText(
                    self.tr("{nodes} selected").format(nodes=nodes_text(len(self._selection)))
                )
                self.empty_label.setText(
                    self.tr("Select a single node to edit its label or value.")
                )
            else:
                self.title_label.setText(self.tr("No selection"))
                self.empty_label.setText(
                    self.tr(
                        "Select a node on the canvas to see its data and grad and to edit its "
                        "label or value."
                    )
                )
            return
        self.empty_label.hide()
        self.form_widget.show()
        self.icon_label.setPixmap(node_icon(record.kind, record.op).pixmap(28, 28))
        self.title_label.setText(node_name(self._document, record.id))
        self.id_label.setText(record.id)
        if record.op is not None:
            op = OPS[record.op]
            self.kind_label.setText(self.tr("op · {0}   {1}").format(op.name, op.formula))
            self.kind_label.setToolTip(f"{op.formula}\n{op.derivative}")
        elif record.function is not None:
            ports = ", ".join(record.ports)
            self.kind_label.setText(f"function · {record.function}({ports})")
            self.kind_label.setToolTip("Double-click the node to open the function")
        else:
            self.kind_label.setText(self.tr(_KIND_TITLES.get(record.kind, record.kind)))
            self.kind_label.setToolTip("")
        if not (self.label_edit.hasFocus() and self.label_edit.isModified()):
            self.label_edit.setText(record.label)
            self.label_edit.setPlaceholderText(node_name(self._document, record.id))
        is_leaf = not record.computed
        self.value_row_label.setVisible(is_leaf)
        self.value_edit.setVisible(is_leaf)
        if is_leaf and not (self.value_edit.hasFocus() and self.value_edit.isModified()):
            self.value_edit.setText(repr(record.value) if record.value is not None else "")
        self.inputs_row_label.setVisible(not is_leaf)
        self.inputs_label.setVisible(not is_leaf)
        if not is_leaf:
            text = self._inputs_text(record)
            self.inputs_label.setText(text)
            self.inputs_label.setToolTip(text if "\n" in text else "")  # all, if cut short
        is_output = self._document.output == record.id
        self.output_button.setEnabled(not is_output)
        self.output_button.setText(
            self.tr("This is the output") if is_output else self.tr("Set as output")
        )
        self.derivative_button.setText(
            self.tr("Differentiate With Respect to This")
            if is_leaf
            else self.tr("Set as Derivative Target")
        )
        self._refresh_results()

    def _request_derivative_role(self) -> None:
        record = self._record()
        if record is not None:
            role = "wrt" if record.op is None else "target"
            self.derivativeRoleRequested.emit(role, record.id)

    def _inputs_text(self, record) -> str:
        # an op's port names (a sum's x1, x2 ...), a function's its definition's
        names = record.port_labels
        parts = []
        for port, source in enumerate(self._document.inputs_of(record.id)):
            name = names[port] if port < len(names) else str(port)
            source_name = self.tr("(none)") if source is None else node_name(self._document, source)
            parts.append(f"{name} ← {source_name}")
        # Many (a sum's, a function's): one a line, which the form gives its full height
        # (a wrapped line is measured too short and cut)
        return ",  ".join(parts) if len(parts) <= 3 else "\n".join(parts)

    def _refresh_results(self) -> None:
        record = self._record()
        if record is None:
            return
        results = self._results
        data = results.data.get(record.id) if results is not None else None
        grad = results.grad.get(record.id) if results is not None else None
        self.data_label.setText(full_precision(data))
        grad_text = full_precision(grad)
        if self._grads_stale and grad is not None:
            grad_text += self.tr("   (stale: press Backward)")
        self.grad_label.setText(grad_text)
        self.grad_label.setEnabled(not self._grads_stale)
        tangents = self._tangents
        if tangents is not None:
            tangent = tangents.get(record.id)
            text = full_precision(tangent) if tangent is not None else self._tangent_note
            self.tangent_label.setText(text if data is not None else full_precision(None))
        problems = results.problems.get(record.id, []) if results is not None else []
        self.problems_row_label.setVisible(bool(problems))
        self.problems_label.setVisible(bool(problems))
        self.problems_label.setText(
            "<br>".join(f"⚠ {html.escape(said(problem.message))}" for problem in problems)
        )

    # --- edits --------------------------------------------------------------------------------

    def _commit_label(self) -> None:
        record = self._record()
        if record is None:
            return
        label = self.label_edit.text().strip()
        self.label_edit.setModified(False)
        if label != record.label:
            self.session.push(SetLabelCommand(self._document, record.id, label))

    def _commit_value(self) -> None:
        record = self._record()
        if record is None or record.op is not None:
            return
        if not self.value_edit.isModified() and self.value_error.isHidden():
            return
        try:
            value = parse_value(self.value_edit.text())
        except ValueError as exc:
            self._show_value_error(str(exc))
            return
        self.value_edit.setModified(False)
        self._clear_value_error()
        if value != record.value:
            self.session.push(SetValueCommand(self._document, record.id, value))
        self.value_edit.setText(repr(value))

    def _scrub_started(self) -> None:
        record = self._record()
        if record is None or record.op is not None:
            return
        self._scrub = [object(), 0.0, float(record.value or 0.0), None]

    def _scrub_dragged(self, pixels: float, modifiers) -> None:
        record = self._record()
        if self._scrub is None or record is None or record.op is not None:
            return
        drag_id, anchor, start, held = self._scrub
        modifiers = modifiers & (
            Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier
        )
        current = float(record.value or 0.0)
        if held is not None and modifiers != held:  # a new step from here, no jump
            anchor, start = pixels, current
        self._scrub = [drag_id, anchor, start, modifiers]
        value = scrubbed(start, pixels - anchor, modifiers)
        if value != current:
            self.session.push(ScrubValueCommand(self._document, record.id, value, drag_id))

    def _set_as_output(self) -> None:
        record = self._record()
        if record is None:
            return
        self.session.push(SetOutputCommand(self._document, record.id))
        self.outputChanged.emit(record.id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Esc puts the document's text back in the field instead of keeping a half edit.
        if (
            event.type() == QEvent.Type.KeyPress
            and watched in (self.label_edit, self.value_edit)
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            assert isinstance(watched, QLineEdit)
            watched.setModified(False)
            self._clear_value_error()
            self._refresh()
            return True
        return super().eventFilter(watched, event)

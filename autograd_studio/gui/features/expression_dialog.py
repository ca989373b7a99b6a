"""File > Import > Python Expression: type ``relu(w1*x1 + w2*x2 + b)``, give the names values,
and see the graph (or what is wrong, and where) while typing.

The dialog builds the document with :func:`autograd_studio.interop.expression.from_expression`
(the same parser as ``autograd-studio import``: a whitelist over :mod:`ast`, nothing is ever
evaluated).  The names table fills itself with the names the expression uses, keeps the
values already typed for names that stay, and says which are weights (by the usual
convention, changeable per name).  The preview is a small canvas of the laid-out graph
with its data and grads, or the parse error with a caret under the column.

The dialog is window-modal but never blocks: the window opens it with ``open()`` and takes
the document when it is accepted.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPainter, QValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFrame,
    QGraphicsView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from autograd_studio.graph.document import GraphDocument
from autograd_studio.graph.evaluate import evaluate
from autograd_studio.gui.canvas.scene import GraphScene
from autograd_studio.gui.editing.value_text import parse_value
from autograd_studio.gui.look.sentences import said_error
from autograd_studio.gui.look.wording import edges_text, nodes_text
from autograd_studio.gui.window.files import place_unpositioned
from autograd_studio.interop.expression import ExpressionError, from_expression, is_weight_name
from autograd_studio.numbers import shown_number

__all__ = ["EXAMPLE_EXPRESSION", "ExpressionImportDialog"]

EXAMPLE_EXPRESSION = "relu(w1*x1 + w2*x2 + b)"
_NAME, _VALUE, _WEIGHT = range(3)


_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_CALLS = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\s*\(")  # a name called is a function, not a value


class ValueSpinBox(QDoubleSpinBox):
    """A spin box that reads numbers as the inspector does (:func:`parse_value`: ``1e-05``,
    ``2,5``) and keeps them whole: a plain QDoubleSpinBox rounds to its decimals (1e-05 is
    0 at four) and its validator turns ``1e-05`` into 105."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDecimals(323)  # no rounding of any double; the text below stays short
        self.setRange(-1e300, 1e300)
        self.setSingleStep(0.1)

    def textFromValue(self, value: float) -> str:
        text = repr(float(value))
        return text.removesuffix(".0")

    def stepBy(self, steps: int) -> None:
        # 0.1 + 0.1 + 0.1 is 0.30000000000000004 in floats: arrows land on round numbers
        self.setValue(float(f"{self.value() + steps * self.singleStep():.12g}"))

    def valueFromText(self, text: str) -> float:
        try:
            return parse_value(text)
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int) -> object:
        try:
            parse_value(text)
        except ValueError:
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Acceptable, text, pos

    def fixup(self, text: str) -> str:
        return self.textFromValue(self.value())


class ExpressionImportDialog(QDialog):
    """The import dialog.  After ``accepted``, :meth:`document` is the graph to open."""

    previewChanged = Signal()

    def __init__(self, parent: QWidget | None = None, text: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("expressionDialog")
        self.setWindowTitle(self.tr("Import Python Expression"))
        self.resize(640, 620)
        self._document: GraphDocument | None = None
        self._error: ExpressionError | None = None
        self._filling = False
        # Values and weight marks by name, kept while a name leaves the table (mid-typing):
        # retyping "w1" brings back the value entered for it.
        self._remembered: dict[str, tuple[float, bool]] = {}
        self._scene: GraphScene | None = None
        self._confirm = None

        intro = QLabel(
            self.tr(
                "A Python expression over names and numbers with <code>+ − * / **</code> and "
                "<code>relu tanh sigmoid exp log</code> (also as methods, <code>x.tanh()</code>). "
                "Nothing is run: the text is only parsed."
            )
        )
        intro.setWordWrap(True)
        mono = QFont("DejaVu Sans Mono")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.expression_edit = QLineEdit(text or EXAMPLE_EXPRESSION, self)
        self.expression_edit.setObjectName("expressionEdit")
        self.expression_edit.setFont(mono)
        self.expression_edit.setPlaceholderText(EXAMPLE_EXPRESSION)
        self.expression_edit.setClearButtonEnabled(True)

        self.error_label = QLabel(self)
        self.error_label.setObjectName("expressionError")
        self.error_label.setTextFormat(Qt.TextFormat.RichText)
        self.error_label.setWordWrap(True)

        self.values_table = QTableWidget(0, 3, self)
        self.values_table.setObjectName("valuesTable")
        self.values_table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Value"), self.tr("Weight")]
        )
        self.values_table.verticalHeader().setVisible(False)
        self.values_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.values_table.horizontalHeader()
        header.setSectionResizeMode(_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(_VALUE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(_WEIGHT, QHeaderView.ResizeMode.ResizeToContents)
        self.values_table.setMaximumHeight(190)
        self.values_table.itemChanged.connect(self._on_weight_toggled)

        self.preview_status = QLabel(self)
        self.preview_status.setObjectName("previewStatus")
        self.preview_view = QGraphicsView(self)
        self.preview_view.setObjectName("previewView")
        self.preview_view.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
        )
        self.preview_view.setInteractive(False)
        self.preview_view.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview_view.setMinimumHeight(200)
        self.preview_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.preview_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Open as New Graph"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.expression_edit)
        layout.addWidget(self.error_label)
        layout.addWidget(QLabel(self.tr("<b>Values</b> (names are found in the expression)")))
        layout.addWidget(self.values_table)
        layout.addWidget(self.preview_status)
        layout.addWidget(self.preview_view, 1)
        layout.addWidget(self.buttons)

        self.expression_edit.textChanged.connect(self._on_text)
        self._on_text(self.expression_edit.text())

    # --- the result --------------------------------------------------------------------------

    def set_confirm(self, confirm) -> None:
        """Ask *confirm()* before accepting (the window's unsaved-changes prompt): when it
        says no, the dialog stays open with the expression as typed."""
        self._confirm = confirm

    def accept(self) -> None:
        if self._document is None:
            return
        if self._confirm is not None and not self._confirm():
            return
        super().accept()

    def document(self) -> GraphDocument | None:
        """The graph of the current expression and values (laid out), or ``None`` while
        the expression has an error."""
        return self._document

    def error(self) -> ExpressionError | None:
        """What is wrong with the expression (``None`` when it is fine)."""
        return self._error

    def values(self) -> dict[str, float]:
        """The values typed per name."""
        out = {}
        for row in range(self.values_table.rowCount()):
            name = self.values_table.item(row, _NAME).text()
            out[name] = self._spin(row).value()
        return out

    def weights(self) -> set[str]:
        """The names marked as weights."""
        return {
            self.values_table.item(row, _NAME).text()
            for row in range(self.values_table.rowCount())
            if self.values_table.item(row, _WEIGHT).checkState() == Qt.CheckState.Checked
        }

    def set_value(self, name: str, value: float) -> None:
        """Type *value* for *name* (as a person would in the table)."""
        for row in range(self.values_table.rowCount()):
            if self.values_table.item(row, _NAME).text() == name:
                self._spin(row).setValue(value)
                return
        raise KeyError(f"the expression has no name {name!r}")

    # --- building ----------------------------------------------------------------------------

    def _on_text(self, text: str) -> None:
        names = self._names(text)
        if names is None:
            # Half-typed: keep only the listed names the text still uses as names ("rel" of
            # "relu(" and the "_" of "__import__" go; so does "max" in "max(a, b)").
            used = set(_WORD.findall(_CALLS.sub("", text)))
            known = [
                self.values_table.item(r, _NAME).text() for r in range(self.values_table.rowCount())
            ]
            names = [name for name in known if name in used]
        self._fill_names(names)
        self._rebuild()

    def _names(self, text: str) -> list[str] | None:
        """The names *text* uses, in order (``None`` when it does not parse)."""
        try:
            doc = from_expression(text)
        except ExpressionError:
            return None
        return [r.label for r in doc.nodes.values() if r.op is None and r.label.isidentifier()]

    def _fill_names(self, names: list[str]) -> None:
        old_values, old_weights = self.values(), self.weights()
        known = [
            self.values_table.item(r, _NAME).text() for r in range(self.values_table.rowCount())
        ]
        for name in known:
            self._remembered[name] = (old_values[name], name in old_weights)
        if names == known:
            return
        self._filling = True
        try:
            self.values_table.setRowCount(len(names))
            for row, name in enumerate(names):
                item = QTableWidgetItem(name)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.values_table.setItem(row, _NAME, item)
                spin = ValueSpinBox(self.values_table)
                value, weighted = self._remembered.get(name, (0.0, is_weight_name(name)))
                spin.setValue(value)
                spin.valueChanged.connect(self._rebuild)
                self.values_table.setCellWidget(row, _VALUE, spin)
                weight = QTableWidgetItem()
                weight.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                weight.setCheckState(Qt.CheckState.Checked if weighted else Qt.CheckState.Unchecked)
                self.values_table.setItem(row, _WEIGHT, weight)
        finally:
            self._filling = False

    def _spin(self, row: int) -> QDoubleSpinBox:
        widget = self.values_table.cellWidget(row, _VALUE)
        assert isinstance(widget, QDoubleSpinBox)
        return widget

    def _on_weight_toggled(self, item: QTableWidgetItem) -> None:
        if not self._filling and item.column() == _WEIGHT:
            self._rebuild()

    def _rebuild(self, *_args) -> None:
        if self._filling:
            return
        text = self.expression_edit.text()
        try:
            doc = from_expression(text, values=self.values(), weights=self.weights())
        except ExpressionError as exc:
            self._document, self._error = None, exc
            self._show_error(text, exc)
        else:
            self._document, self._error = doc, None
            self._show_graph(doc)
        self.ok_button.setEnabled(self._document is not None)
        self.previewChanged.emit()

    # --- preview -----------------------------------------------------------------------------

    def _show_error(self, text: str, exc: ExpressionError) -> None:
        message = f"<span style='color:#cf222e'><b>✗</b> {html.escape(said_error(exc))}</span>"
        if exc.column is not None and (exc.line or 1) == 1 and "\n" not in text:
            caret = " " * (exc.column - 1) + "^"
            shown = html.escape(text) + "<br>" + caret.replace(" ", "&nbsp;")
            message += f"<pre style='margin:2px 0'>{shown}</pre>"
        self.error_label.setText(message)
        self.error_label.show()
        self.preview_status.setText(
            "Not a graph yet." + (" Below: the last expression that parsed." if self._scene else "")
        )
        self.preview_view.setEnabled(False)

    def _show_graph(self, doc: GraphDocument) -> None:
        self.error_label.setText("")
        self.error_label.hide()
        place_unpositioned(doc)
        result = evaluate(doc)
        output = doc.output
        value = result.data.get(output) if output else None
        self.preview_status.setText(
            self.tr(
                "<span style='color:#1a7f37'><b>✓</b></span> {0} · {1} · output = {2} "
                "<span style='color:gray'>(preview with grads)</span>"
            ).format(
                nodes_text(len(doc.nodes)),
                edges_text(len(doc.edges)),
                shown_number(value),
            )
        )
        if self._scene is not None:
            self._scene.deleteLater()  # after the view below has let go of it
        self._scene = GraphScene(doc, parent=self)
        self._scene.apply_results(result, False)
        self.preview_view.setScene(self._scene)
        self.preview_view.setEnabled(True)
        self._fit()

    def _fit(self) -> None:
        if self._scene is not None:
            rect = self._scene.nodes_bounding_rect().adjusted(-30, -30, 30, 30)
            self.preview_view.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit()

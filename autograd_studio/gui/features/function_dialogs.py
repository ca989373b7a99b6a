"""Graph > New Function from Expression, Insert Template, and function library files.

Both dialogs open window-modal without blocking (tests drive them with real key and mouse
events) and, when accepted, add the new definition and one node using it at the centre of
the canvas as one undo step (:class:`AddFunctionCommand`).  File > Export / Import >
Function Library write and read ``.agfunctions`` files through the window's dialog seam.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from autograd_studio.graph.document import GraphDocument
from autograd_studio.graph.errors import GraphError, GraphFileError
from autograd_studio.graph.functions import FunctionDef
from autograd_studio.graph.grouping import fresh_function_name
from autograd_studio.graph.library_file import LIBRARY_EXTENSION, import_library, save_library
from autograd_studio.graph.templates import (
    ACTIVATIONS,
    TEMPLATES,
    binary_cross_entropy,
    hinge,
    layer,
    mlp,
    neuron,
    softmax_cross_entropy,
    squared_error,
)
from autograd_studio.gui.look.sentences import said, said_error
from autograd_studio.interop.expression import ExpressionError
from autograd_studio.interop.function_expression import function_from_expression

if TYPE_CHECKING:
    from autograd_studio.gui.window.main_window import MainWindow

__all__ = ["AddFunctionCommand", "FunctionDialogs", "NewFunctionDialog", "TemplateDialog"]

LIBRARY_FILTER = f"Function libraries (*{LIBRARY_EXTENSION});;All files (*)"


# The template titles of graph/templates.py (no Qt there), marked for the translators.
_TEMPLATE_TITLES = (
    QT_TRANSLATE_NOOP("FunctionDialogs", "Neuron (n inputs, activation)"),
    QT_TRANSLATE_NOOP("FunctionDialogs", "Layer (inputs, outputs, activation)"),
    QT_TRANSLATE_NOOP("FunctionDialogs", "MLP (inputs, layer sizes)"),
    QT_TRANSLATE_NOOP("FunctionDialogs", "Squared error"),
    QT_TRANSLATE_NOOP("FunctionDialogs", "Hinge (max-margin)"),
    QT_TRANSLATE_NOOP("FunctionDialogs", "Binary cross-entropy"),
    QT_TRANSLATE_NOOP("FunctionDialogs", "Softmax + cross-entropy (k scores)"),
)


class AddFunctionCommand(QUndoCommand):
    """Add a definition to *library* (the whole document) and one node using it to *doc*
    (the document on the canvas: the same, or a function's body) at *pos*."""

    def __init__(
        self, library: GraphDocument, doc: GraphDocument, definition: FunctionDef, pos
    ) -> None:
        super().__init__(
            QCoreApplication.translate("FunctionDialogs", "Add function {0}").format(
                definition.name
            )
        )
        self.library, self.doc, self.definition, self.pos = library, doc, definition, pos
        self.node_id: str | None = None

    def redo(self) -> None:
        self.library.add_function(self.definition, check=self.node_id is None)
        self.node_id = self.doc.add_node(
            "function", function=self.definition.name, pos=self.pos, id=self.node_id
        )

    def undo(self) -> None:
        self.doc.remove_node(self.node_id)  # type: ignore[arg-type]
        self.library.remove_function(self.definition.name)


class ImportFunctionsCommand(QUndoCommand):
    """File > Import > Function Library: the definitions it added, removed on undo."""

    def __init__(self, doc: GraphDocument, path: str) -> None:
        super().__init__(QCoreApplication.translate("FunctionDialogs", "Import functions"))
        self.doc, self.path = doc, path
        self.added: list[FunctionDef] = []

    def apply(self) -> list[str]:
        before = set(self.doc.functions)
        names = import_library(self.doc, self.path)
        self.added = [self.doc.functions[n] for n in names if n not in before]
        self._pending = True
        return names

    def redo(self) -> None:
        if getattr(self, "_pending", False):
            self._pending = False
            return
        for definition in self.added:
            self.doc.add_function(definition, check=False)

    def undo(self) -> None:
        for definition in reversed(self.added):
            self.doc.remove_function(definition.name)


class NewFunctionDialog(QDialog):
    """``name(parameters) = expression``, checked as it is typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            QCoreApplication.translate("FunctionDialogs", "New Function from Expression")
        )
        self.setObjectName("newFunctionDialog")
        self.edit = QLineEdit(self)
        self.edit.setObjectName("functionExpression")
        self.edit.setPlaceholderText("softplus(x) = log(1 + exp(x))")
        # Room for a formula a learner writes (the dialog was 200 px wide: even the example
        # above was cut off, and long messages wrapped to many lines).
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("x" * 56))
        self.message = QLabel(
            QCoreApplication.translate("FunctionDialogs", "Write name(parameters) = expression"),
            self,
        )
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.edit.textChanged.connect(self._check)
        self.definition: FunctionDef | None = None
        self._check("")

    def ok_button(self):
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _check(self, text: str) -> None:
        self.definition = None
        if text.strip():
            try:
                self.definition = function_from_expression(text)
            except (ExpressionError, GraphError) as exc:
                self.message.setText(said_error(exc))
            else:
                ports = ", ".join(self.definition.inputs)
                self.message.setText(
                    QCoreApplication.translate(
                        "FunctionDialogs", "{0}({1}): {2} nodes; autograd gives its derivative"
                    ).format(self.definition.name, ports, len(self.definition.body))
                )
        self.ok_button().setEnabled(self.definition is not None)


class TemplateDialog(QDialog):
    """A template and its parameters (sizes, activation, seed)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("FunctionDialogs", "Insert Template"))
        self.setObjectName("templateDialog")
        self.kind = QComboBox(self)
        self.kind.setObjectName("templateKind")
        for key, title in TEMPLATES.items():
            self.kind.addItem(QCoreApplication.translate("FunctionDialogs", title), key)
        self.inputs = _spin(self, "templateInputs", 1, 64, 2)
        self.outputs = _spin(self, "templateOutputs", 1, 64, 3)
        self.sizes = QLineEdit("16, 16, 1", self)
        self.sizes.setObjectName("templateSizes")
        self.activation = QComboBox(self)
        self.activation.addItems(list(ACTIVATIONS))
        self.seed = _spin(self, "templateSeed", 0, 2**31 - 1, 0)
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("FunctionDialogs", "Template"), self.kind)
        form.addRow(
            QCoreApplication.translate("FunctionDialogs", "Inputs (or k scores)"), self.inputs
        )
        form.addRow(QCoreApplication.translate("FunctionDialogs", "Outputs (layer)"), self.outputs)
        form.addRow(QCoreApplication.translate("FunctionDialogs", "Layer sizes (MLP)"), self.sizes)
        form.addRow(QCoreApplication.translate("FunctionDialogs", "Activation"), self.activation)
        form.addRow(QCoreApplication.translate("FunctionDialogs", "Random seed"), self.seed)
        self.message = QLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def definition(self) -> FunctionDef:
        """The chosen template built (``GraphError`` for bad sizes)."""
        key = self.kind.currentData()
        n, seed, act = self.inputs.value(), self.seed.value(), self.activation.currentText()
        if key == "neuron":
            return neuron(n, act, seed=seed)
        if key == "layer":
            return layer(n, self.outputs.value(), act, seed=seed)
        if key == "mlp":
            try:
                sizes = [int(s) for s in self.sizes.text().replace(" ", "").split(",") if s]
            except ValueError:
                raise GraphError(
                    QCoreApplication.translate(
                        "FunctionDialogs", "layer sizes are whole numbers separated by commas"
                    )
                ) from None
            return mlp(n, sizes, seed=seed, activation=act)
        if key == "softmax_cross_entropy":
            return softmax_cross_entropy(n)
        return {"squared_error": squared_error, "hinge": hinge}.get(key, binary_cross_entropy)()


def _spin(parent: QWidget, name: str, low: int, high: int, value: int) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setObjectName(name)
    spin.setRange(low, high)
    spin.setValue(value)
    return spin


class FunctionDialogs(QObject):
    """Connects the actions to the dialogs for one :class:`MainWindow`."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        a = window.actions
        a.new_function.triggered.connect(self.new_function)
        a.insert_template.triggered.connect(self.insert_template)
        a.export_functions.triggered.connect(self.export_library)
        a.import_functions.triggered.connect(self.import_library)

    def new_function(self) -> NewFunctionDialog:
        dialog = NewFunctionDialog(self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._add(dialog.definition))
        dialog.open()
        return dialog

    def insert_template(self) -> TemplateDialog:
        dialog = TemplateDialog(self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._add_template(dialog))
        dialog.open()
        return dialog

    def _add_template(self, dialog: TemplateDialog) -> None:
        try:
            definition = dialog.definition()
        except GraphError as exc:
            self.window.dialogs.error(
                QCoreApplication.translate("FunctionDialogs", "Cannot build the template"), str(exc)
            )
            return
        self._add(definition)

    def _add(self, definition: FunctionDef | None) -> None:
        if definition is None:
            return
        view = self.window.view
        library = self.window.document
        if definition.name in library.functions:
            definition.name = fresh_function_name(library, definition.name)
        center = view.mapToScene(view.viewport().rect().center())
        pos = (round(center.x()), round(center.y()))
        command = AddFunctionCommand(library, view.document, definition, pos)
        self.window.undo_stack.push(command)
        view.select_node_ids([command.node_id])

    def export_library(self) -> str | None:
        doc = self.window.document
        if not doc.functions:
            self.window.dialogs.error(
                QCoreApplication.translate("FunctionDialogs", "Export functions"),
                QCoreApplication.translate(
                    "FunctionDialogs", "This graph has no functions to export."
                ),
            )
            return None
        suggested = os.path.join(self.window.settings.last_directory(), "functions.agfunctions")
        path = self.window.dialogs.export_path(
            QCoreApplication.translate("FunctionDialogs", "Export functions"),
            suggested,
            LIBRARY_FILTER,
        )
        if not path:
            return None
        try:
            save_library(doc, path)
        except GraphFileError as exc:
            self.window.dialogs.error(
                QCoreApplication.translate("FunctionDialogs", "Export functions"),
                said(exc.in_words()),
            )
            return None
        self.window.statusBar().showMessage(
            QCoreApplication.translate("FunctionDialogs", "Wrote {0}").format(path), 5000
        )
        return path

    def import_library(self) -> list[str]:
        path = self.window.dialogs.open_path(self.window.settings.last_directory())
        if not path:
            return []
        command = ImportFunctionsCommand(self.window.document, path)
        try:
            names = command.apply()
        except (GraphFileError, GraphError) as exc:
            self.window.dialogs.error(
                QCoreApplication.translate("FunctionDialogs", "Import functions"),
                said(exc.in_words() if isinstance(exc, GraphFileError) else str(exc)),
            )
            return []
        self.window.undo_stack.push(command)
        self.window.statusBar().showMessage(
            QCoreApplication.translate("FunctionDialogs", "Functions: {0}").format(", ".join(names))
            if names
            else "",
            5000,
        )
        return names

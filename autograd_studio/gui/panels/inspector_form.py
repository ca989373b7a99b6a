"""The inspector's widgets: a header (icon and title), the "nothing selected" text, and
the form of one node (kind, id, label, value, inputs, data, grad, tangent, problems and
the output and derivative buttons).

This module only lays them out; :class:`~autograd_studio.gui.panels.inspector.
InspectorWidget` fills them from the document and turns edits into undo commands.  The
texts keep the inspector's translation context ("InspectorWidget").
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from autograd_studio.gui.panels.elided_label import ElidedLabel
from autograd_studio.gui.panels.scrub_label import ScrubLabel

__all__ = ["InspectorForm"]

translate = QCoreApplication.translate


class _DocumentUndoFilter(QObject):
    """Lets Ctrl+Z / Ctrl+Shift+Z reach the window's undo actions from a line edit that has
    no text edit of its own to undo (QLineEdit otherwise swallows these shortcuts)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(watched, QLineEdit):
            assert isinstance(event, QKeyEvent)
            if event.matches(QKeySequence.StandardKey.Undo) and not watched.isUndoAvailable():
                event.ignore()
                return True
            redo = event.matches(QKeySequence.StandardKey.Redo) or (
                event.key() == Qt.Key.Key_Y
                and event.modifiers() == Qt.KeyboardModifier.ControlModifier
            )
            if redo and not watched.isRedoAvailable():
                event.ignore()
                return True
        return False


class InspectorForm(QWidget):
    """The inspector's child widgets, made and laid out (nothing connected)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 10, 10, 10)
        outer.setSpacing(8)

        header = QWidget(self)
        # A fixed-size icon in a box: in a form layout the icon's column could be caught
        # at its empty 6-pixel width by a grab right after a long load (seen in screenshots).
        header_layout = QHBoxLayout(header)
        header_layout.setContentsMargins(0, 0, 0, 0)
        self.icon_label = QLabel(header)
        self.icon_label.setFixedSize(28, 28)
        self.title_label = ElidedLabel(header)
        self.title_label.setObjectName("inspectorTitle")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A long label is elided ("…", whole in the tooltip) instead of widening the dock (and
        # the canvas shrinking for good: a dock does not narrow again on its own).
        self.title_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        header_layout.addWidget(self.icon_label)
        header_layout.addWidget(self.title_label, 1)
        outer.addWidget(header)

        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("inspectorEmpty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        outer.addWidget(self.empty_label)

        self.form_widget = QWidget(self)
        form = QFormLayout(self.form_widget)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)

        self.kind_label = self._value_label("inspectorKind")
        form.addRow(translate("InspectorWidget", "Kind"), self.kind_label)
        self.id_label = self._value_label("inspectorId")
        form.addRow(translate("InspectorWidget", "Id"), self.id_label)

        self.label_edit = QLineEdit(self.form_widget)
        self.label_edit.setObjectName("inspectorLabel")
        self.label_edit.setPlaceholderText(translate("InspectorWidget", "(symbol)"))
        self.label_edit.setToolTip(
            translate("InspectorWidget", "The name shown on the node. Press Enter to apply.")
        )
        form.addRow(translate("InspectorWidget", "Label"), self.label_edit)

        self.value_edit = QLineEdit(self.form_widget)
        self.value_edit.setObjectName("inspectorValue")
        self.value_edit.setToolTip(
            translate(
                "InspectorWidget",
                "Any finite number: 0.5, -3, 1e-4. Press Enter to apply, Esc to revert.",
            )
        )
        # Drag sideways on "Value" to scrub it, as on the canvas (Shift fine, Ctrl coarse).
        self.value_row_label = ScrubLabel(translate("InspectorWidget", "Value"), self.form_widget)
        self.value_row_label.setToolTip(
            translate(
                "InspectorWidget", "Drag sideways to change the value (Shift: finer, Ctrl: coarser)"
            )
        )
        form.addRow(self.value_row_label, self.value_edit)
        self.value_error = QLabel(self.form_widget)
        self.value_error.setObjectName("inspectorValueError")
        self.value_error.setWordWrap(True)
        self.value_error.setStyleSheet("color: #cf222e;")
        self.value_error.hide()
        form.addRow("", self.value_error)

        self.inputs_label = self._value_label("inspectorInputs")
        self.inputs_row_label = QLabel(translate("InspectorWidget", "Inputs"), self.form_widget)
        form.addRow(self.inputs_row_label, self.inputs_label)

        separator = QFrame(self.form_widget)
        separator.setFrameShape(QFrame.Shape.HLine)
        separator.setFrameShadow(QFrame.Shadow.Sunken)
        form.addRow(separator)

        self.data_label = self._value_label("inspectorData", mono=True)
        form.addRow("data", self.data_label)
        self.grad_label = self._value_label("inspectorGrad", mono=True)
        form.addRow("grad", self.grad_label)
        self.tangent_label = self._value_label("inspectorTangent", mono=True)
        self.tangent_row_label = QLabel("tangent", self.form_widget)
        form.addRow(self.tangent_row_label, self.tangent_label)
        self.tangent_row_label.hide()  # forward mode only: see set_tangents
        self.tangent_label.hide()
        self.problems_label = self._value_label("inspectorProblems")
        self.problems_label.setStyleSheet("color: #cf222e;")
        self.problems_row_label = QLabel(translate("InspectorWidget", "Problems"), self.form_widget)
        form.addRow(self.problems_row_label, self.problems_label)

        self.output_button = QPushButton(
            translate("InspectorWidget", "Set as output"), self.form_widget
        )
        self.output_button.setObjectName("inspectorSetOutput")
        self.output_button.setToolTip(
            translate("InspectorWidget", "Make this node the root of Backward.")
        )
        form.addRow("", self.output_button)
        self.derivative_button = QPushButton(self.form_widget)
        self.derivative_button.setObjectName("inspectorDerivative")
        form.addRow("", self.derivative_button)

        outer.addWidget(self.form_widget)
        outer.addStretch(1)

        self._undo_filter = _DocumentUndoFilter(self)
        self.label_edit.installEventFilter(self._undo_filter)
        self.value_edit.installEventFilter(self._undo_filter)

    def _value_label(self, name: str, mono: bool = False) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        if mono:
            font = label.font()
            font.setFamilies(["DejaVu Sans Mono", "Menlo", "Consolas", "monospace"])
            label.setFont(font)
        return label

    # --- the value field's error line ---------------------------------------------------------

    def _show_value_error(self, message: str) -> None:
        self.value_error.setText(message)
        self.value_error.show()
        self.value_edit.setStyleSheet("QLineEdit { border: 1px solid #cf222e; }")

    def _clear_value_error(self, *_args: object) -> None:
        self.value_error.hide()
        self.value_error.clear()
        self.value_edit.setStyleSheet("")

    @property
    def value_error_text(self) -> str:
        """The message under the value field ('' when the last entry was accepted)."""
        return "" if self.value_error.isHidden() else self.value_error.text()

"""What the Gradient Check panel shows of one check: the table: a row per input and
weight, the verdict coloured and explained.

Texts keep the panel's translation context ("GradCheckPanel"), where the catalogs have them.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from autograd_studio.analysis.gradcheck import GradCheckResult, ParameterCheck
from autograd_studio.gui.look.sentences import said
from autograd_studio.messages import kind_word
from autograd_studio.numbers import canvas_number, shown_number

translate = QCoreApplication.translate

__all__ = ["COLUMNS", "GradCheckTable"]

# Texts are marked here and translated where they are shown (context "GradCheckPanel").
COLUMNS = (
    QT_TRANSLATE_NOOP("GradCheckPanel", "Node"),
    QT_TRANSLATE_NOOP("GradCheckPanel", "Kind"),
    QT_TRANSLATE_NOOP("GradCheckPanel", "Value"),
    QT_TRANSLATE_NOOP("GradCheckPanel", "Analytic grad"),
    QT_TRANSLATE_NOOP("GradCheckPanel", "Central difference"),
    QT_TRANSLATE_NOOP("GradCheckPanel", "Abs error"),
    QT_TRANSLATE_NOOP("GradCheckPanel", "Rel error"),
    QT_TRANSLATE_NOOP("GradCheckPanel", "PyTorch grad"),
    QT_TRANSLATE_NOOP("GradCheckPanel", "Result"),
)
_STATUS = {
    "ok": (QT_TRANSLATE_NOOP("GradCheckPanel", "✓ pass"), "#1a7f37"),
    "kink": (QT_TRANSLATE_NOOP("GradCheckPanel", "≈ kink"), "#9a6700"),
    "undefined": (QT_TRANSLATE_NOOP("GradCheckPanel", "? undefined"), "#9a6700"),
    "imprecise": (QT_TRANSLATE_NOOP("GradCheckPanel", "? cannot check"), "#9a6700"),
    "fail": (QT_TRANSLATE_NOOP("GradCheckPanel", "✗ FAIL"), "#cf222e"),
}


class GradCheckTable(QTableWidget):
    """The rows of one check; each row's items carry its node's id (``UserRole``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setObjectName("gradCheckTable")
        self.setHorizontalHeaderLabels([translate("GradCheckPanel", text) for text in COLUMNS])
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(24)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

    def node_at(self, row: int) -> str | None:
        """The id of the node in *row*."""
        item = self.item(row, 0)
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def show_result(self, result: GradCheckResult) -> None:
        """One row per checked input and weight of *result*."""
        torch = result.torch
        torch_grads = torch.grads if torch is not None and torch.available else {}
        mismatched = (
            {(m.node_id, m.quantity) for m in torch.mismatches} if torch is not None else set()
        )
        self.setRowCount(len(result.parameters))
        for row, entry in enumerate(result.parameters):
            torch_grad = torch_grads.get(entry.node_id)
            cells = [
                entry.label or entry.node_id,
                said(kind_word(entry.kind)),
                canvas_number(entry.value),
                canvas_number(entry.analytic),
                canvas_number(entry.numeric),
                _error(entry.abs_error),
                _error(entry.rel_error),
                shown_number(torch_grad),
                translate("GradCheckPanel", _STATUS[entry.status][0])
                if entry.status in _STATUS
                else entry.status,
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, entry.node_id)
                if 2 <= column <= 7:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                    item.setFont(_mono())
                self.setItem(row, column, item)
            self._mark(row, entry, (entry.node_id, "grad") in mismatched)

    def _mark(self, row: int, entry: ParameterCheck, torch_disagrees: bool) -> None:
        _text, color = _STATUS.get(entry.status, (entry.status, ""))
        result_item = self.item(row, len(COLUMNS) - 1)
        if color:
            result_item.setForeground(QBrush(QColor(color)))
        font = result_item.font()
        font.setBold(True)
        result_item.setFont(font)
        result_item.setToolTip(_status_tip(entry))
        if torch_disagrees:
            torch_item = self.item(row, 7)
            torch_item.setForeground(QBrush(QColor(_STATUS["fail"][1])))
            torch_item.setToolTip(
                translate("GradCheckPanel", "PyTorch's grad differs from the analytic grad")
            )


def _status_tip(entry: ParameterCheck) -> str:
    if entry.status == "ok":
        return translate("GradCheckPanel", "The central difference agrees with the analytic grad.")
    if entry.status == "kink":
        return translate(
            "GradCheckPanel",
            "Not smooth here (e.g. relu at 0); the analytic grad matches a one-sided difference.",
        )
    if entry.status == "undefined":
        return translate(
            "GradCheckPanel",
            "The output is undefined within the step (nan/inf): finite differences "
            "cannot judge this one.",
        )
    if entry.status == "imprecise":
        return translate(
            "GradCheckPanel",
            "Cannot check numerically: at this magnitude the step is lost in the output's "
            "rounding, so the difference cannot judge the grad (PyTorch still does).",
        )
    if entry.status == "fail":
        return translate(
            "GradCheckPanel",
            "The analytic grad disagrees with the central difference: a wrong local derivative?",
        )
    return entry.status


def _error(x: float) -> str:
    if math.isnan(x):
        return "nan"
    return "0" if x == 0.0 else f"{x:.2e}"


def _mono() -> QFont:
    font = QFont("DejaVu Sans Mono")
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSizeF(QGuiApplication.font().pointSizeF() - 0.5)
    return font

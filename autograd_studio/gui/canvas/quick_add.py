"""The quick-add popup: Tab (or a double-click on empty canvas) opens a search field at the
cursor; typing filters Input, Weight and every registry op by name, symbol, formula or
category; Enter adds the highlighted entry there; Esc closes.  It is a plain child widget
of the canvas, never a modal dialog, so nothing blocks.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from autograd_studio.engine.ops import OPS
from autograd_studio.gui.look.icons import node_icon  # the palette's badges: the same look
from autograd_studio.gui.look.sentences import said

__all__ = ["QuickAddEntry", "QuickAddPopup", "quick_add_entries"]


@dataclass(frozen=True)
class QuickAddEntry:
    kind: str
    op: str | None
    title: str  # what the list shows
    detail: str  # tooltip
    keys: str  # lower-case text the filter searches


def quick_add_entries() -> list[QuickAddEntry]:
    """Input, Weight, then every op of the registry in registry order."""
    input_title = QCoreApplication.translate("QuickAdd", "Input")
    weight_title = QCoreApplication.translate("QuickAdd", "Weight")
    entries = [
        QuickAddEntry(
            "input",
            None,
            input_title,
            QCoreApplication.translate("QuickAdd", "A value fed in"),
            f"input x value leaf data {input_title.lower()}",
        ),
        QuickAddEntry(
            "weight",
            None,
            weight_title,
            QCoreApplication.translate("QuickAdd", "A trainable parameter"),
            f"weight w parameter trainable {weight_title.lower()}",
        ),
    ]
    for op in OPS.values():
        title = f"{op.name}      {op.formula}"
        keys = op.search_text
        detail = f"{op.name}: {op.formula}\n{op.derivative}"
        if op.domain:
            detail += f"\n{said(op.domain)}"
        entries.append(QuickAddEntry("op", op.name, title, detail, keys))
    return entries


def _rank(entry: QuickAddEntry, text: str) -> int | None:
    if not text:
        return 2
    name = entry.op or entry.kind
    op = OPS[entry.op] if entry.op else None
    if name == text or (op is not None and text in (op.symbol.lower(), op.typed_symbol)):
        return 0
    if name.startswith(text):
        return 1
    return 2 if text in entry.keys else None


class QuickAddPopup(QFrame):
    """The popup.  ``chosen(kind, op)`` fires on Enter or click; then it closes itself."""

    chosen = Signal(str, object)
    closed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("quickAddPopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("Add node: name, symbol or formula"))
        self.edit.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setUniformItemSizes(True)
        self.list.setIconSize(QSize(18, 18))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.edit)
        layout.addWidget(self.list)
        self.setFixedWidth(280)
        self.setFixedHeight(260)
        self._entries = quick_add_entries()
        self.edit.textChanged.connect(self._filter)
        self.edit.installEventFilter(self)
        self.list.itemClicked.connect(lambda _item: self.accept())
        self._filter("")
        self.hide()

    def open_at(self, pos: QPoint) -> None:
        """Show at *pos* (parent coordinates), kept inside the parent, with focus."""
        parent = self.parentWidget()
        x = max(0, min(pos.x(), parent.width() - self.width()))
        y = max(0, min(pos.y(), parent.height() - self.height()))
        self.move(x, y)
        self.edit.clear()
        self._filter("")
        self.show()
        self.raise_()
        self.edit.setFocus(Qt.FocusReason.PopupFocusReason)
        app = QApplication.instance()
        app.focusChanged.connect(self._on_focus_changed)

    def close_popup(self) -> None:
        if not self.isVisible():
            return
        with contextlib.suppress(RuntimeError, TypeError):  # not connected
            QApplication.instance().focusChanged.disconnect(self._on_focus_changed)
        self.hide()
        self.closed.emit()

    def visible_entries(self) -> list[QuickAddEntry]:
        """What the list shows now, in order."""
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def accept(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        entry: QuickAddEntry = item.data(Qt.ItemDataRole.UserRole)
        self.close_popup()
        self.chosen.emit(entry.kind, entry.op)

    def _filter(self, text: str) -> None:
        text = text.strip().lower()
        ranked = []
        for i, entry in enumerate(self._entries):
            rank = _rank(entry, text)
            if rank is not None:
                ranked.append((rank, i, entry))
        ranked.sort(key=lambda t: (t[0], t[1]))
        self.list.clear()
        for *_order, entry in ranked:
            item = QListWidgetItem(node_icon(entry.kind, entry.op), entry.title)
            item.setData(Qt.ItemDataRole.UserRole, entry)
            item.setToolTip(entry.detail)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.accept()
                return True
            if key == Qt.Key.Key_Escape:
                self.close_popup()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(
                    key, 5 if key == Qt.Key.Key_PageDown else -5
                )
                row = max(0, min(self.list.currentRow() + step, self.list.count() - 1))
                self.list.setCurrentRow(row)
                return True
            if key == Qt.Key.Key_Tab:
                return True  # Tab is what opened us; don't let it move focus away
        return super().eventFilter(watched, event)

    def _on_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        # Focus moving to another widget closes us; losing it to nothing (another window
        # activated) does not, so coming back finds the popup where it was.
        if new is not None and new is not self and not self.isAncestorOf(new):
            self.close_popup()

"""Help menu content: the About text and the Keyboard Shortcuts window."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

import autograd_studio

__all__ = ["ShortcutsDialog", "about_text", "shortcut_rows"]

# Canvas gestures that have no QAction (the view handles them itself).
# (Marked for the translators; shortcut_rows translates them, context "ShortcutsDialog".)
CANVAS_GESTURES: tuple[tuple[str, str], ...] = (
    (
        QT_TRANSLATE_NOOP("ShortcutsDialog", "Add a node at the cursor (quick-add search)"),
        QT_TRANSLATE_NOOP("ShortcutsDialog", "Tab / double-click empty canvas"),
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutsDialog", "Connect two nodes"),
        QT_TRANSLATE_NOOP("ShortcutsDialog", "drag from an output port to an input port"),
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutsDialog", "Pan"),
        QT_TRANSLATE_NOOP("ShortcutsDialog", "middle drag / Space + drag"),
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutsDialog", "Zoom"),
        QT_TRANSLATE_NOOP("ShortcutsDialog", "mouse wheel"),
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutsDialog", "Edit a node's value or label"),
        QT_TRANSLATE_NOOP("ShortcutsDialog", "double-click the node"),
    ),
)


def about_text() -> str:
    """The rich text of Help > About."""
    return f"<h3>Autograd Studio {autograd_studio.__version__}</h3>" + QCoreApplication.translate(
        "ShortcutsDialog",
        "<p>Build scalar autograd graphs by hand, press <b>Backward</b>, and watch "
        "<code>data</code> and <code>grad</code> appear on every node.</p>"
        "<p>Graphs are plain <code>.agraph</code> JSON files; the same graphs work from "
        "Python (<code>from autograd_studio import Node, load, show</code>) and the "
        "<code>autograd-studio</code> command line.</p>",
    )


def on_a_usual_keyboard(sequence: QKeySequence) -> bool:
    """Whether a person can type *sequence*: Qt's standard keys also bind F13-F35 and the
    "Cut"/"Copy"/"Open" keys of a few old keyboards, which only confuse a shortcut list."""
    if sequence.isEmpty():
        return False
    key = sequence[0].key()
    return key.value < Qt.Key.Key_F13.value


def shortcut_rows(actions: list[QAction]) -> list[tuple[str, str]]:
    """``(what, keys)`` for every action that has a shortcut, then the canvas gestures."""
    rows = []
    for action in actions:
        keys = ", ".join(
            dict.fromkeys(
                sequence.toString(QKeySequence.SequenceFormat.NativeText)
                for sequence in action.shortcuts()
                if on_a_usual_keyboard(sequence)
            )
        )
        if keys:
            what = action.text().replace("&", "").rstrip("…") or action.objectName()
            rows.append((what, keys))
    gestures = [
        (
            QCoreApplication.translate("ShortcutsDialog", what),
            QCoreApplication.translate("ShortcutsDialog", how),
        )
        for what, how in CANVAS_GESTURES
    ]
    return rows + gestures


class ShortcutsDialog(QDialog):
    """A non-modal list of every shortcut, read from the actions themselves."""

    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        rows = shortcut_rows(actions)
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Command"), self.tr("Keys")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        for row, (what, keys) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(what))
            self.table.setItem(row, 1, QTableWidgetItem(keys))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(520, 560)

"""The palette: every kind of node a user can add, straight from the op registry.

Input and Weight come first, then every op in :data:`~autograd_studio.engine.ops.OPS`
grouped by its ``category``, each with a badge showing its symbol and a tooltip with its
formula and derivative.  A registry entry added tomorrow shows up here without an edit.

Drag an entry onto the canvas (the drag carries
:func:`~autograd_studio.gui.editing.mime.node_mime_data`, the same MIME data the canvas
accepts), or double-click it / press Enter to ask for it at the centre of the view
(:attr:`PaletteWidget.nodeRequested`).  The filter box on top narrows the list; Enter in the
filter box adds the first match.
"""

from __future__ import annotations

import html

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QMimeData,
    QObject,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QDrag, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from autograd_studio.engine.ops import OPS
from autograd_studio.gui.editing.mime import NODE_MIME, node_mime_data
from autograd_studio.gui.look.icons import node_icon
from autograd_studio.gui.look.sentences import said

__all__ = ["VALUE_ENTRIES", "PaletteWidget", "palette_entries"]

_SPEC_ROLE = Qt.ItemDataRole.UserRole + 1  # (kind, op) on entry items; None on group headers
_SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2  # lower-case text the filter matches

#: The leaf kinds, before the ops: (kind, title, what it is).
VALUE_ENTRIES: tuple[tuple[str, str, str], ...] = (
    (
        "input",
        QT_TRANSLATE_NOOP("Palette", "Input"),
        QT_TRANSLATE_NOOP("Palette", "a value fed into the graph (x1, x2 ...)"),
    ),
    (
        "weight",
        QT_TRANSLATE_NOOP("Palette", "Weight"),
        QT_TRANSLATE_NOOP("Palette", "a trainable parameter (w, b ...) that training updates"),
    ),
)
_VALUES_GROUP = QT_TRANSLATE_NOOP("Palette", "Values")
# The op registry's categories, marked for the translators (the registry has no Qt).
_CATEGORIES = (
    QT_TRANSLATE_NOOP("Palette", "Arithmetic"),
    QT_TRANSLATE_NOOP("Palette", "Functions"),
    QT_TRANSLATE_NOOP("Palette", "Activations"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Palette", text)


def palette_entries() -> list[tuple[str, str | None]]:
    """``(kind, op)`` of every palette entry in display order."""
    ops_by_category: dict[str, list[str]] = {}
    for name, op in OPS.items():
        ops_by_category.setdefault(op.category, []).append(name)
    entries: list[tuple[str, str | None]] = [(kind, None) for kind, _, _ in VALUE_ENTRIES]
    for names in ops_by_category.values():
        entries.extend(("op", name) for name in names)
    return entries


def _tooltip(kind: str, op_name: str | None) -> str:
    if op_name is None:
        title, what = next((_tr(t), _tr(w)) for k, t, w in VALUE_ENTRIES if k == kind)
        body = f"<b>{title}</b><br>{html.escape(what)}"
    else:
        op = OPS[op_name]
        body = (
            f"<b>{html.escape(op.name)}</b> &nbsp; {html.escape(op.formula)}"
            f"<br>{html.escape(op.derivative)}"
        )
        if op.domain:
            body += f"<br><i>{html.escape(said(op.domain))}</i>"
    hint = QCoreApplication.translate("Palette", "Drag onto the canvas, or double-click.")
    return body + f"<br><span style='color:gray'>{hint}</span>"


class _PaletteTree(QTreeWidget):
    """The list itself: group headers and draggable entries."""

    entryActivated = Signal(str, object)  # kind, op (None for inputs and weights)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setColumnCount(2)
        self.setRootIsDecorated(False)
        self.setIndentation(6)
        self.setIconSize(QSize(22, 22))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)  # status tips while hovering
        # A narrow palette elides the formulas (their tooltips say them whole) instead of
        # scrolling sideways: at 210 px the names sat over a horizontal scroll bar.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.header().setMinimumSectionSize(24)
        self.itemActivated.connect(self._on_activated)

    # --- drag -------------------------------------------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [NODE_MIME]

    def mimeData(self, items: list[QTreeWidgetItem]) -> QMimeData | None:
        """The canvas's own node MIME data for the first entry among *items*."""
        for item in items:
            spec = item.data(0, _SPEC_ROLE)
            if spec is not None:
                kind, op = spec
                return node_mime_data(kind, op)
        return None

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def startDrag(self, supported_actions: Qt.DropAction) -> None:
        item = self.currentItem()
        if item is None or item.data(0, _SPEC_ROLE) is None:
            return
        mime = self.mimeData([item])
        if mime is None:
            return
        drag = QDrag(self)
        drag.setMimeData(mime)
        pixmap = item.icon(0).pixmap(QSize(36, 36), self.devicePixelRatioF())
        drag.setPixmap(pixmap)
        drag.setHotSpot(pixmap.rect().center() / pixmap.devicePixelRatio())
        drag.exec(Qt.DropAction.CopyAction, Qt.DropAction.CopyAction)

    # --- activation ---------------------------------------------------------------------------

    def _on_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        spec = item.data(0, _SPEC_ROLE)
        if spec is not None:
            self.entryActivated.emit(spec[0], spec[1])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # itemActivated already covers Enter on most styles; Space is a harmless extra.
        if event.key() == Qt.Key.Key_Space and self.currentItem() is not None:
            self._on_activated(self.currentItem(), 0)
            return
        super().keyPressEvent(event)


class PaletteWidget(QWidget):
    """Filter box over the list of node kinds; emits :attr:`nodeRequested` to add one."""

    #: ``(kind, op)``: the user asked for this node at the centre of the view.
    nodeRequested = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("palette")
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("paletteFilter")
        self.filter_edit.setPlaceholderText(self.tr("Filter nodes…  (tanh, ×, exp)"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.set_filter)
        self.filter_edit.returnPressed.connect(self._add_first_match)
        self.filter_edit.installEventFilter(self)
        self.tree = _PaletteTree(self)
        self.tree.entryActivated.connect(self.nodeRequested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.tree)
        self._items: dict[tuple[str, str | None], QTreeWidgetItem] = {}
        self._populate()

    def _populate(self) -> None:
        groups: dict[str, QTreeWidgetItem] = {}

        def group(title: str) -> QTreeWidgetItem:
            if title not in groups:
                header = _group_header(self.tree, title)
                header.setExpanded(True)
                groups[title] = header
            return groups[title]

        for kind, op_name in palette_entries():
            if op_name is None:
                title, what = next((_tr(t), _tr(w)) for k, t, w in VALUE_ENTRIES if k == kind)
                parent = group(_tr(_VALUES_GROUP))
                item = QTreeWidgetItem(parent, [title, ""])
                search = f"{kind} {title} {what}"
                status = f"{title}: {what}"
            else:
                op = OPS[op_name]
                parent = group(_tr(op.category))
                item = QTreeWidgetItem(parent, [op.name, op.formula])
                search = op.search_text
                status = f"{op.name}: {op.formula}    {op.derivative}"
            item.setIcon(0, node_icon(kind, op_name))
            item.setData(0, _SPEC_ROLE, (kind, op_name))
            item.setData(0, _SEARCH_ROLE, search.lower())
            item.setToolTip(0, _tooltip(kind, op_name))
            item.setToolTip(1, _tooltip(kind, op_name))
            item.setStatusTip(0, status)
            item.setStatusTip(1, status)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsDragEnabled
            )
            self._items[(kind, op_name)] = item
        for header in groups.values():
            header.setExpanded(True)
        self._groups = list(groups.values())
        self._apply_muted_colors()
        self.tree.resizeColumnToContents(0)

    def _apply_muted_colors(self) -> None:
        # Group titles and formulas are secondary: the palette's placeholder colour, re-read
        # when the system switches between light and dark.
        muted = self.palette().placeholderText()
        for header in self._groups:
            header.setForeground(0, muted)
        for item in self._items.values():
            item.setForeground(1, muted)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "_groups"):
            self._apply_muted_colors()
        super().changeEvent(event)

    def function_names(self) -> list[str]:
        """The functions listed under "Functions in this file"."""
        return [spec[1] for spec in self._items if spec[0] == "function"]  # type: ignore[misc]

    def set_functions(self, names: list[str]) -> None:
        """List the document's function definitions under "Functions in this file"; each
        drags onto the canvas like any node (as ``("function", name)``)."""
        for spec in [spec for spec in self._items if spec[0] == "function"]:
            item = self._items.pop(spec)
            item.parent().removeChild(item)
        header = getattr(self, "_functions_header", None)
        if not names:
            if header is not None:
                self.tree.invisibleRootItem().removeChild(header)
                self._groups.remove(header)
                self._functions_header = None
            return
        if header is None:
            header = _group_header(self.tree, self.tr("Functions in this file"))
            self._groups.append(header)
            self._functions_header = header
        for name in names:
            item = QTreeWidgetItem(header, [name, self.tr("function")])
            item.setIcon(0, node_icon("function"))
            item.setData(0, _SPEC_ROLE, ("function", name))
            item.setData(0, _SEARCH_ROLE, f"function {name}".lower())
            tip = self.tr("Function {0}: drag onto the canvas, or double-click.").format(name)
            item.setToolTip(0, tip)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsDragEnabled
            )
            self._items[("function", name)] = item
        header.setExpanded(True)
        self._apply_muted_colors()

    # --- public API --------------------------------------------------------------------------

    def entries(self) -> list[tuple[str, str | None]]:
        """``(kind, op)`` of every entry, in display order."""
        return list(self._items)

    def visible_entries(self) -> list[tuple[str, str | None]]:
        """The entries the current filter lets through."""
        return [spec for spec, item in self._items.items() if not item.isHidden()]

    def item_for(self, kind: str, op: str | None = None) -> QTreeWidgetItem:
        """The list item of an entry (``KeyError`` if there is none)."""
        return self._items[(kind, op)]

    def mime_data_for(self, kind: str, op: str | None = None) -> QMimeData:
        """Exactly the MIME data a drag of this entry carries."""
        mime = self.tree.mimeData([self.item_for(kind, op)])
        assert mime is not None  # entries always have a spec
        return mime

    def set_filter(self, text: str) -> None:
        """Show only entries whose name, symbol, formula or category contains *text*."""
        if self.filter_edit.text() != text:
            self.filter_edit.setText(text)  # re-enters through textChanged
            return
        needle = text.strip().lower()
        for index in range(self.tree.topLevelItemCount()):
            header = self.tree.topLevelItem(index)
            any_visible = False
            for child_index in range(header.childCount()):
                child = header.child(child_index)
                visible = not needle or needle in child.data(0, _SEARCH_ROLE)
                child.setHidden(not visible)
                any_visible = any_visible or visible
            header.setHidden(not any_visible)
        visible = self.visible_entries()
        if needle and visible:
            self.tree.setCurrentItem(self._items[visible[0]])

    def _add_first_match(self) -> None:
        visible = self.visible_entries()
        if self.filter_edit.text().strip() and visible:
            kind, op = visible[0]
            self.nodeRequested.emit(kind, op)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down arrow in the filter box moves into the list, as in a search field.
        if (
            watched is self.filter_edit
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
        ):
            self.tree.setFocus()
            if self.tree.currentItem() is None and self.visible_entries():
                self.tree.setCurrentItem(self._items[self.visible_entries()[0]])
            return True
        return super().eventFilter(watched, event)

    def sizeHint(self) -> QSize:
        return QSize(250, 480)


def _group_header(tree: QTreeWidget, title: str) -> QTreeWidgetItem:
    """A bold, slightly smaller group title spanning both columns, neither selectable nor
    draggable (it names no node)."""
    header = QTreeWidgetItem(tree, [title])
    header.setFlags(Qt.ItemFlag.ItemIsEnabled)
    font = header.font(0)
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 0.9)
    header.setFont(0, font)
    header.setFirstColumnSpanned(True)
    header.setData(0, _SPEC_ROLE, None)
    return header

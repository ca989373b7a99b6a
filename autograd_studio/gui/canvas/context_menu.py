"""The canvas's right-click menu (:class:`ContextMenuMixin`, part of GraphView): on a
node, on an edge or on the empty canvas.  It pops up without blocking."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import (
    QContextMenuEvent,
)
from PySide6.QtWidgets import QMenu

from autograd_studio.engine.ops import MIN_VARIADIC_PORTS
from autograd_studio.gui.canvas.edge_item import EdgeItem
from autograd_studio.gui.canvas.node_item import NodeItem

__all__ = ["ContextMenuMixin"]


class ContextMenuMixin:
    """Part of :class:`~autograd_studio.gui.canvas.view.GraphView`."""

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
                QCoreApplication.translate("GraphView", "Set as output"),
                lambda: self.set_output(None if is_out else nid),
            )
            act.setCheckable(True)
            act.setChecked(is_out)
            record = self.document.nodes[nid]
            if not record.computed:
                menu.addAction(
                    QCoreApplication.translate("GraphView", "Edit value"),
                    lambda: self.edit_node(nid, "value"),
                )
            menu.addAction(
                QCoreApplication.translate("GraphView", "Rename"),
                lambda: self.edit_node(nid, "label"),
            )
            if record.variadic:
                self._add_port_actions(menu, item, event)
            menu.addSeparator()
            request = self.derivativeRoleRequested.emit
            menu.addAction(
                QCoreApplication.translate("GraphView", "Set as Derivative Target"),
                lambda: request("target", nid),
            )
            wrt_text = QCoreApplication.translate("GraphView", "Differentiate With Respect to This")
            menu.addAction(wrt_text, lambda: request("wrt", nid))
            menu.addSeparator()
            menu.addAction(
                QCoreApplication.translate("GraphView", "Duplicate"), self.duplicate_selection
            )
            menu.addAction(QCoreApplication.translate("GraphView", "Delete"), self.delete_selection)
        elif isinstance(item, EdgeItem):
            edge = item.edge
            self.graph_scene.clearSelection()
            item.setSelected(True)
            menu.addAction(
                QCoreApplication.translate("GraphView", "Delete edge"), self.delete_selection
            )
            del edge
        else:
            scene_pos = self.mapToScene(event.pos())
            menu.addAction(
                QCoreApplication.translate("GraphView", "Add node…"),
                lambda: self.open_quick_add(scene_pos),
            )
            menu.addAction(QCoreApplication.translate("GraphView", "Fit all"), self.fit_all)
        menu.popup(event.globalPos())  # non-blocking
        event.accept()

    def _add_port_actions(self, menu: QMenu, item: NodeItem, event: QContextMenuEvent) -> None:
        """A sum's Add Input and Remove Input (the port clicked on, else the last one)."""
        nid = item.node_id
        count = self.document.nodes[nid].arity
        menu.addSeparator()
        menu.addAction(
            QCoreApplication.translate("GraphView", "Add Input"), lambda: self.add_input(nid)
        )
        port = item.port_at(item.mapFromScene(self.mapToScene(event.pos())))
        port = port if isinstance(port, int) else count - 1
        remove = menu.addAction(
            QCoreApplication.translate("GraphView", "Remove Input {0}").format(
                item.port_name_short(port)
            ),
            lambda: self.remove_input(nid, port),
        )
        remove.setEnabled(count > MIN_VARIADIC_PORTS)

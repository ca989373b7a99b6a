"""How a node card paints itself (:class:`NodePainting`, part of NodeItem).

Full detail at readable zoom: the body with its border (selection, hover, output), the face
of an op (symbol disk, name) or of a value (tinted title row), the ``data`` and ``grad``
rows, ports with their hints, and the OUTPUT / role tags and problem badge above the card.
Zoomed out (level of detail below :data:`TEXT_LOD`) a big graph's node is a plain tinted
shape.  Everything painted is read from the item's displayed state, never the document.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyle, QStyleOptionGraphicsItem, QWidget

from autograd_studio.engine.ops import OPS
from autograd_studio.gui.canvas.node_geometry import (
    ADD_PORT_RADIUS,
    DISK_R,
    HEADER,
    LABEL_MARGIN,
    NODE_HEIGHT,
    NODE_WIDTH,
    OP_TEXT_X,
    PORT_RADIUS,
    TAG_H,
    TEXT_LOD,
    add_port_pos,
    card_path,
    fonts,
    header_path,
)
from autograd_studio.gui.canvas.theme import Theme

__all__ = ["FADED_TEXT_OPACITY", "ROLE_TAG_COLOR", "NodePainting"]

#: The derivative's target / wrt tag: the gradient orange of the step-through highlights.
ROLE_TAG_COLOR = QColor("#e8710a")


class NodePainting:
    """The ``paint`` of :class:`~autograd_studio.gui.canvas.node_item.NodeItem`."""

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        theme = self.theme
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        card = card_path(self.kind)
        tint = theme.kind_tint(self.kind)
        if lod < TEXT_LOD and not getattr(self.scene(), "always_detailed", False):
            self._paint_plain(painter, theme, tint, selected)
            return

        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        # body
        border = theme.accent if (selected or self._hover) else theme.card_border
        if self._output:
            border = theme.output
        pen = QPen(border, 2.5 if (selected or self._output) else 1.0)
        pen.setCosmetic(selected and not self._output)
        painter.setPen(pen)
        painter.setBrush(theme.card)
        painter.drawPath(card)
        if self.computed:
            self._paint_op_face(painter, theme, tint)
        else:
            self._paint_value_face(painter, theme, tint)
        self._paint_rows(painter, theme)
        if selected and self._output:  # the output ring hides the selection; show both
            sel = QPen(theme.accent, 1.5, Qt.PenStyle.DashLine)
            sel.setCosmetic(True)
            painter.setPen(sel)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(-4, -4, NODE_WIDTH + 8, NODE_HEIGHT + 8), 10, 10)
        self._paint_ports(painter, theme)
        if self._output:
            self._paint_output_tag(painter, theme)
        if self._role_tag:
            self._paint_role_tag(painter, theme)
        if self._problems:
            self._paint_badge(painter, theme)

    # --- painting helpers ----------------------------------------------------------------------

    def _paint_plain(self, painter: QPainter, theme: Theme, tint: QColor, selected: bool) -> None:
        # Zoomed out: the kind's colour, and the marks that matter at a glance.
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.problem if self._problems else tint)
        painter.drawPath(card_path(self.kind))
        if self._output or selected:
            pen = QPen(theme.accent if selected else theme.output, 3.0)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(-6, -6, NODE_WIDTH + 12, NODE_HEIGHT + 12), 10, 10)

    def _paint_value_face(self, painter: QPainter, theme: Theme, tint: QColor) -> None:
        f = fonts()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(tint)
        painter.drawPath(header_path())
        faded = self.opacity() < 1.0
        with _legible_when_faded(painter, self):
            # white on a faded (pastel) header would vanish: the theme's text colour reads
            painter.setPen(theme.text if faded else theme.on_tint)
            painter.setFont(f.title)
            painter.drawText(
                QRectF(10, 0, NODE_WIDTH - 20, HEADER),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                self._shown_label,
            )
        painter.setFont(f.tag)
        tag_color = QColor(theme.on_tint)
        tag_color.setAlpha(190)
        painter.setPen(tag_color)
        painter.drawText(
            QRectF(10, 0, NODE_WIDTH - 20, HEADER),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
            QCoreApplication.translate("NodeItem", "WEIGHT")
            if self.kind == "weight"
            else QCoreApplication.translate("NodeItem", "INPUT"),
        )

    def _paint_op_face(self, painter: QPainter, theme: Theme, tint: QColor) -> None:
        f = fonts()
        center = QPointF(30.0, NODE_HEIGHT / 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(tint)
        painter.drawEllipse(center, DISK_R, DISK_R)
        symbol = OPS[self.op].symbol if self.op else "ƒ" if self.function else "?"
        painter.setFont(f.symbol if len(symbol) <= 2 else f.symbol_small)
        painter.setPen(theme.on_tint)
        painter.drawText(
            QRectF(center.x() - DISK_R, center.y() - DISK_R, 2 * DISK_R, 2 * DISK_R),
            Qt.AlignmentFlag.AlignCenter,
            symbol,
        )
        # An unlabelled op shows its name (the symbol is already in the disk), muted.
        painter.setFont(f.title if self._has_label else f.caption)
        painter.setPen(theme.text if self._has_label else theme.muted)
        with _legible_when_faded(painter, self):
            painter.drawText(
                QRectF(OP_TEXT_X, 5, NODE_WIDTH - OP_TEXT_X - 12, 18),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                self._shown_label,
            )

    def _paint_rows(self, painter: QPainter, theme: Theme) -> None:
        f = fonts()
        if self.computed:
            x0, top = OP_TEXT_X, 25.0
        else:
            x0, top = 10.0, HEADER + 4
        right = NODE_WIDTH - 12
        rows = (
            ("data", self._data_text, theme.text, f.number),
            (
                self._caption,
                self._grad_text,
                theme.stale if (self._stale or self._grad is None) else theme.text,
                f.stale_number if self._stale else f.number,
            ),
        )
        for i, (caption, text, color, font) in enumerate(rows):
            rect = QRectF(x0, top + i * 19, right - x0, 19)
            painter.setFont(f.caption)
            painter.setPen(theme.muted)
            painter.drawText(
                rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, caption
            )
            painter.setFont(font)
            painter.setPen(color)
            painter.drawText(
                rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, text
            )

    def _paint_ports(self, painter: QPainter, theme: Theme) -> None:
        f = fonts()
        names = OPS[self.op].port_names if self._named_ports else ()
        for port in self.ports():
            center = self.port_pos(port)
            hint = self._hints.get(port)
            r = PORT_RADIUS
            fill = theme.edge if port in self._connected else theme.port
            border = QPen(theme.port_border, 1.2)
            if hint == "valid":
                border = QPen(theme.valid, 2.0)
                r += 1.5
            elif hint == "target":
                fill, border = theme.valid, QPen(theme.valid, 2.0)
                r += 2.5
            elif hint == "invalid":
                border = QPen(theme.problem, 1.2)
            elif port == self._hover_port:
                border = QPen(theme.accent, 2.0)
                r += 1.5
            painter.setPen(border)
            painter.setBrush(fill)
            painter.drawEllipse(center, r, r)
            if names and port != "out":
                painter.setFont(f.caption)
                painter.setPen(theme.muted)
                painter.drawText(
                    QRectF(center.x() - LABEL_MARGIN - 8, center.y() - 15, LABEL_MARGIN, 12),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                    names[port],
                )
        if self.variadic:
            self._paint_add_port(painter, theme)

    def _paint_add_port(self, painter: QPainter, theme: Theme) -> None:
        # A sum's "+": click it for one more input (right-click the node: Add/Remove Input).
        hovered = self._hover_port == "add"
        painter.setPen(QPen(theme.accent if hovered else theme.port_border, 1.2))
        painter.setBrush(theme.card)
        spot = add_port_pos(self.arity)
        painter.drawEllipse(spot, ADD_PORT_RADIUS, ADD_PORT_RADIUS)
        arm = ADD_PORT_RADIUS - 2.0
        painter.setPen(QPen(theme.accent if hovered else theme.muted, 1.4))
        x, y = spot.x(), spot.y()
        painter.drawLine(QPointF(x - arm, y), QPointF(x + arm, y))
        painter.drawLine(QPointF(x, y - arm), QPointF(x, y + arm))

    def _paint_output_tag(self, painter: QPainter, theme: Theme) -> None:
        f = fonts()
        rect = QRectF(NODE_WIDTH - 58, -TAG_H - 1, 52, TAG_H - 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.output)
        painter.drawRoundedRect(rect, 6, 6)
        painter.setFont(f.tag)
        painter.setPen(theme.on_tint)
        painter.drawText(
            rect, Qt.AlignmentFlag.AlignCenter, QCoreApplication.translate("NodeItem", "OUTPUT")
        )

    def _paint_role_tag(self, painter: QPainter, theme: Theme) -> None:
        f = fonts()
        rect = QRectF(6, -TAG_H - 1, 52, TAG_H - 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(ROLE_TAG_COLOR)
        painter.drawRoundedRect(rect, 6, 6)
        painter.setFont(f.tag)
        painter.setPen(theme.on_tint)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self._role_tag)

    def _paint_badge(self, painter: QPainter, theme: Theme) -> None:
        f = fonts()
        center = (
            QPointF(NODE_WIDTH - 4, 4)
            if not self._output
            else QPointF(NODE_WIDTH - 66, -TAG_H / 2 - 1)
        )
        painter.setPen(QPen(theme.card, 1.5))
        painter.setBrush(QBrush(theme.problem))
        painter.drawEllipse(center, 8, 8)
        painter.setFont(f.tag)
        painter.setPen(theme.on_tint)
        painter.drawText(
            QRectF(center.x() - 8, center.y() - 8, 16, 16), Qt.AlignmentFlag.AlignCenter, "!"
        )


#: How opaque a faded node's name is drawn: the card fades, its name stays readable.
FADED_TEXT_OPACITY = 0.85


@contextlib.contextmanager
def _legible_when_faded(painter: QPainter, item: QGraphicsItem) -> Iterator[None]:
    """Draw text inside at :data:`FADED_TEXT_OPACITY` when the item is faded (Gradient Flow's
    zero-grad nodes): the scene hands paint() a painter at the item's opacity."""
    if item.opacity() >= 1.0:
        yield
        return
    before = painter.opacity()
    painter.setOpacity(max(before, FADED_TEXT_OPACITY))
    try:
        yield
    finally:
        painter.setOpacity(before)

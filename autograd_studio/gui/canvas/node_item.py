"""How one node looks on the canvas: a card with its label, ``data`` and ``grad``.

Inputs and weights are rounded cards with a tinted title row (inputs blue, weights amber:
they are trainable); ops are pill-shaped with the op symbol in a violet disk.  Input ports
sit on the left edge (named from the registry when there is more than one, so ``a − b`` and
``a ^ b`` read unambiguously), the output port on the right.

Items paint themselves (:mod:`~autograd_studio.gui.canvas.node_painting`): no child text
items, no proxy widgets, bounding rects shared per shape.  Zoomed out (level of detail
below :data:`TEXT_LOD`) a node is a plain tinted shape.

The item's position is the node's top-left corner in scene coordinates, which is what
``NodeRecord.pos`` stores.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QPainterPath
from PySide6.QtWidgets import QGraphicsItem

from autograd_studio.engine.ops import OPS
from autograd_studio.graph.document import NodeRecord
from autograd_studio.gui.canvas.node_geometry import (
    ADD_PORT_RADIUS,
    HEADER,
    NO_PATH_TEXT,
    NODE_HEIGHT,
    NODE_WIDTH,
    NONE_TEXT,
    OP_TEXT_X,
    PORT_HIT,
    PORT_RADIUS,
    SURELY_FITS,
    TEXT_LOD,
    Port,
    add_port_pos,
    fonts,
    node_bounds,
    node_shape,
    node_size,
    order_matters,
    port_ys,
)
from autograd_studio.gui.canvas.node_painting import NodePainting
from autograd_studio.gui.canvas.theme import LIGHT, Theme
from autograd_studio.numbers import canvas_number

# The geometry names are re-exported: most of the canvas imports them from here.
__all__ = [
    "HEADER",
    "NODE_HEIGHT",
    "NODE_WIDTH",
    "PORT_HIT",
    "PORT_RADIUS",
    "TEXT_LOD",
    "NodeItem",
    "Port",
    "node_size",
    "order_matters",
    "port_name",
]

# Looked up once: reading a PySide6 enum member costs microseconds, times 65,000 nodes.
_SELECTABLE = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable


class NodeItem(NodePainting, QGraphicsItem):
    """The canvas item of one document node.  It mirrors the record; it holds no state the
    document does not have, apart from what is displayed (results, hover, port hints)."""

    Type = QGraphicsItem.UserType + 1

    def __init__(self, record: NodeRecord, theme: Theme = LIGHT) -> None:
        super().__init__()
        self.node_id = record.id
        self.kind = record.kind
        self.op = record.op
        self.function = record.function  # a function node: its definition's name
        self.computed = record.computed  # an op or a function: data from its ports
        self.arity = record.arity
        # a function's ports or a sum's (x1, x2 ...), else the registry's names, if any
        self._port_names = record.ports or (OPS[record.op].port_names if record.op else ())
        self.variadic = record.variadic  # a sum: a "+" under its ports adds one
        self.theme = theme
        self.setFlags(_SELECTABLE)
        self.setAcceptHoverEvents(True)
        self._named_ports = order_matters(self.op)
        self._bounds = node_bounds(self.kind, self.arity, self._named_ports, self.variadic)
        self._hover_port: Port | None = None
        self._label = ""
        self._shown_label = ""
        self._has_label = True
        self._data: float | None = None
        self._grad: float | None = None
        self._data_text = NONE_TEXT
        self._grad_text = NONE_TEXT
        self._stale = False
        self._caption = "grad"  # "tangent" while the canvas shows forward mode
        self._no_path_note = ""  # set: a node with data but no derivative has no path
        self._problems: tuple[str, ...] = ()
        self._output = False
        self._role_tag = ""  # "TARGET" / "WRT": the derivative's target or input
        self._hover = False
        self._connected: set[Port] = set()
        self._hints: dict[Port, str] = {}  # port -> "valid" | "invalid" | "target"
        self.set_label(record.display_name if record.computed else record.label)

    # --- the surface other modules and tests use -------------------------------------------

    def type(self) -> int:
        return NodeItem.Type

    def label_text(self) -> str:
        return self._label

    def shown_label(self) -> str:
        """The label as drawn: elided in the middle when it does not fit."""
        return self._shown_label

    def data_text(self) -> str:
        """The ``data`` string as displayed (4 decimals; ``—`` when not computable)."""
        return self._data_text

    def grad_text(self) -> str:
        """The ``grad`` string as displayed (``—`` before the first Backward)."""
        return self._grad_text

    def is_grad_stale(self) -> bool:
        """Whether the shown grad predates the latest edit (drawn greyed)."""
        return self._stale

    def problems(self) -> tuple[str, ...]:
        """The problem messages behind the badge (empty: no badge)."""
        return self._problems

    def is_output(self) -> bool:
        return self._output

    def set_label(self, label: str) -> None:
        if label == self._label and self._shown_label:
            return
        self._label = label
        self._has_label = self.op is None or label != OPS[self.op].symbol
        if not self._has_label:
            label = self.op
        if len(label) <= SURELY_FITS:
            self._shown_label = label  # the common case, without measuring
        else:
            metrics = fonts().title_metrics
            width = NODE_WIDTH - (OP_TEXT_X + 10 if self.computed else 62)
            # Elided in the middle: "w1*x1 + w2*x2" and "w1*x1 + w2*x2 + b" keep their
            # different ends, and a " [add2]" that tells two nodes apart stays visible.
            self._shown_label = metrics.elidedText(label, Qt.TextElideMode.ElideMiddle, width)
        self.update()

    def set_result(
        self, data: float | None, grad: float | None, stale: bool, problems: tuple[str, ...]
    ) -> None:
        """Show new results; repaints only when something visible changed."""
        data_text = NONE_TEXT if data is None else canvas_number(data)
        if grad is not None:
            grad_text = canvas_number(grad)
        else:
            no_path = QCoreApplication.translate("NodeItem", NO_PATH_TEXT)
            grad_text = no_path if self._no_path_note and data is not None else NONE_TEXT
        self._data, self._grad = data, grad
        if (
            data_text != self._data_text
            or grad_text != self._grad_text
            or stale != self._stale
            or problems != self._problems
        ):
            self._data_text, self._grad_text = data_text, grad_text
            self._stale, self._problems = stale, problems
            self.update()

    def set_derivative_caption(self, caption: str, no_path_note: str = "") -> None:
        """Name the second row (``grad``, or ``tangent`` in forward mode); with
        *no_path_note* (a tooltip sentence), a node with data but no derivative shows
        ``no path`` (it does not influence the target, or does not depend on the input)
        instead of ``—``.  Takes effect with the next :meth:`set_result`."""
        if (caption, no_path_note) != (self._caption, self._no_path_note):
            self._caption, self._no_path_note = caption, no_path_note
            self._grad_text = ""  # the next set_result repaints
            self.update()

    def derivative_caption(self) -> str:
        return self._caption

    def set_role_tag(self, text: str) -> None:
        """A tag above the card's left end naming the node's part in the derivative shown
        (``TARGET`` of reverse mode, ``WRT`` of forward mode); ``""`` removes it."""
        if text != self._role_tag:
            self._role_tag = text
            self.update()

    def role_tag(self) -> str:
        return self._role_tag

    def set_output(self, output: bool) -> None:
        if output != self._output:
            self._output = output
            self.update()

    def set_connected_ports(self, ports: set[Port]) -> None:
        if ports != self._connected:
            self._connected = ports
            self.update()

    def connected_ports(self) -> set[Port]:
        """Ports with an edge (drawn filled)."""
        return set(self._connected)

    def mark_connected(self, port: Port) -> None:
        """Draw *port* as connected (filled)."""
        if port not in self._connected:
            self._connected.add(port)
            self.update()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def port_hints(self) -> dict[Port, str]:
        return dict(self._hints)

    def set_port_hints(self, hints: dict[Port, str]) -> None:
        """Mark ports while a connection is being dragged (``valid``/``invalid``/``target``)."""
        if hints != self._hints:
            self._hints = hints
            self.update()

    def tooltip_text(self) -> str:
        """What the tooltip says: name, formula, full-precision data and grad, problems."""
        lines = [self._label or self.node_id]
        if self.op is not None:
            op = OPS[self.op]
            lines[0] += f"  ({op.name}: {op.formula})"
            lines.append(op.derivative)
        elif self.function is not None:
            ports = ", ".join(self._port_names)
            lines[0] += f"  (function {self.function}({ports}); double-click to open it)"
        else:
            kind = (
                QCoreApplication.translate("NodeItem", "weight, trainable")
                if self.kind == "weight"
                else QCoreApplication.translate("NodeItem", "input")
            )
            lines[0] += f"  ({kind})"
        lines.append(f"data = {_full(self._data)}")
        grad = f"{self._caption} = {_full(self._grad)}"
        if self._grad is None and self._no_path_note and self._data is not None:
            grad = f"{self._caption}: {self._no_path_note}"
        elif self._grad is None and self._caption == "grad":
            grad += QCoreApplication.translate("NodeItem", "  (press Backward)")
        elif self._stale:
            grad += QCoreApplication.translate(
                "NodeItem", "  (stale: the graph changed since the last Backward)"
            )
        lines.append(grad)
        if self._output:
            lines.append(QCoreApplication.translate("NodeItem", "Output: backward starts here"))
        lines.extend(f"⚠ {p}" for p in self._problems)
        return "\n".join(lines)

    # --- ports ---------------------------------------------------------------------------------

    def ports(self) -> list[Port]:
        return [*range(self.arity), "out"]

    def port_pos(self, port: Port) -> QPointF:
        """The centre of *port* in item coordinates."""
        if port == "out":
            return QPointF(NODE_WIDTH, NODE_HEIGHT / 2)
        return QPointF(0.0, port_ys(self.arity)[port])

    def port_scene_pos(self, port: Port) -> QPointF:
        if port == "out":
            return QPointF(self.x() + NODE_WIDTH, self.y() + NODE_HEIGHT / 2)
        return QPointF(self.x(), self.y() + port_ys(self.arity)[port])

    def port_at(self, local: QPointF, radius: float = PORT_HIT) -> Port | None:
        """The port within *radius* of *local* (item coordinates), if any."""
        best, best_d = None, radius * radius
        for port in self.ports():
            p = self.port_pos(port)
            d = (p.x() - local.x()) ** 2 + (p.y() - local.y()) ** 2
            if d <= best_d:
                best, best_d = port, d
        return best

    def add_port_at(self, local: QPointF) -> bool:
        """Whether *local* (item coordinates) is on a sum node's "+" (add an input)."""
        if not self.variadic:
            return False
        spot = add_port_pos(self.arity)
        dx, dy = local.x() - spot.x(), local.y() - spot.y()
        return dx * dx + dy * dy <= (ADD_PORT_RADIUS + 3) ** 2

    def port_name_short(self, port: int) -> str:
        """Input *port* by its name (``x3``), or its number without one."""
        return self._port_names[port] if port < len(self._port_names) else str(port)

    def port_name(self, port: Port) -> str:
        return port_name(self._port_names, port)  # a sum's x1, x2 ... included

    # --- QGraphicsItem -------------------------------------------------------------------------

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return node_shape(self.kind, self.arity, self.variadic)

    def hoverEnterEvent(self, event) -> None:
        self._hover = True
        self.update()

    def value_field(self) -> QRectF | None:
        """Where an input's or weight's data number is drawn (drag it to scrub the value);
        the rest of the card still moves the node."""
        if self.kind == "op":
            return None
        return QRectF(NODE_WIDTH - 78, HEADER + 4, 66, 19)

    def hoverMoveEvent(self, event) -> None:
        port = self.port_at(event.pos(), radius=PORT_RADIUS + 4)
        if port is None and self.add_port_at(event.pos()):
            port = "add"  # a sum's "+" button
        field = self.value_field()
        scrub = port is None and field is not None and field.contains(event.pos())
        if port != self._hover_port or scrub:
            self._hover_port = port
            if port == "add":
                self.setCursor(Qt.CursorShape.PointingHandCursor)
            elif port is not None:
                self.setCursor(Qt.CursorShape.CrossCursor)  # "drag from here to connect"
            elif scrub:
                self.setCursor(Qt.CursorShape.SizeHorCursor)  # "drag sideways to change"
            else:
                self.unsetCursor()
            self.update()
        elif field is not None and self.cursor().shape() == Qt.CursorShape.SizeHorCursor:
            self.unsetCursor()

    def hoverLeaveEvent(self, event) -> None:
        self._hover = False
        self._hover_port = None
        self.unsetCursor()
        self.update()


def port_name(names: tuple[str, ...], port: Port) -> str:
    """How a tooltip names *port* of a node whose inputs are called *names*."""
    if port == "out":
        return QCoreApplication.translate("NodeItem", "output")
    name = names[port] if port < len(names) else ""
    text = QCoreApplication.translate("NodeItem", "input {0}").format(port)
    return text + (f" ({name})" if name else "")


def _full(value: float | None) -> str:
    if value is None:
        return NONE_TEXT
    if math.isnan(value) or math.isinf(value):
        return canvas_number(value)
    return repr(value)

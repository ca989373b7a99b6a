"""Where things are on a node card: sizes, ports, outlines, hit shapes, fonts.

Every kind of node is a :data:`NODE_WIDTH` x :data:`NODE_HEIGHT` card whose top-left corner
is its position.  The layout package sizes its boxes to match (``layout/sizes.py``).
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QPointF, QRectF
from PySide6.QtGui import QFont, QFontMetricsF, QPainterPath

from autograd_studio.engine.ops import OPS
from autograd_studio.numbers import NO_VALUE

__all__ = [
    "ADD_PORT_RADIUS",
    "DETAILED_UP_TO",
    "DISK_R",
    "HEADER",
    "LABEL_MARGIN",
    "MIN_PORT_GAP",
    "NODE_HEIGHT",
    "NODE_WIDTH",
    "NONE_TEXT",
    "NO_PATH_TEXT",
    "OP_TEXT_X",
    "PORT_HIT",
    "PORT_RADIUS",
    "READABLE_TEXT_PX",
    "SURELY_FITS",
    "TAG_H",
    "TEXT_LOD",
    "Fonts",
    "Port",
    "add_port_pos",
    "card_path",
    "fonts",
    "header_path",
    "node_bounds",
    "node_shape",
    "node_size",
    "order_matters",
    "port_ys",
]

Port = str | int  # "out" or an input index

NODE_WIDTH = 168.0
NODE_HEIGHT = 70.0
HEADER = 24.0  # title row of value cards
PORT_RADIUS = 5.5
PORT_HIT = 11.0  # how close the mouse must be to grab a port
DISK_R = 19.0  # the op symbol's disk
OP_TEXT_X = 58.0
TAG_H = 16.0  # the "output" tag above the output node
LABEL_MARGIN = 64.0  # room left of an op for its port names
TEXT_LOD = 0.45  # below this scale, nodes of a big graph paint without text
#: Graphs of up to this many nodes always paint every text, at any zoom, and Fit keeps them
#: readable (scrolling rather than shrinking); the zoomed-out block drawing is for bigger ones.
DETAILED_UP_TO = 100
#: The smallest node text (labels, data, grad) Fit shows a detailed graph at, in pixels.
READABLE_TEXT_PX = 9.0

NONE_TEXT = NO_VALUE
# No derivative: no path links the node and the target/input (translated where painted).
NO_PATH_TEXT = QT_TRANSLATE_NOOP("NodeItem", "no path")
SURELY_FITS = 9  # labels this short never need eliding


def node_size(kind: str = "input") -> tuple[float, float]:
    """Width and height of a node of *kind* (every kind is the same size today)."""
    return NODE_WIDTH, NODE_HEIGHT


#: The least distance between two input ports: a sum of many inputs spreads its ports past
#: the card's top and bottom rather than stack them into a bar no edge can be aimed at.
MIN_PORT_GAP = 14.0


@cache
def port_ys(arity: int) -> tuple[float, ...]:
    """The heights of an op's input ports, evenly spread down the card's left edge (at
    least :data:`MIN_PORT_GAP` apart, centred on the card, for a sum of many)."""
    if arity == 1:
        return (NODE_HEIGHT / 2,)
    if NODE_HEIGHT / (arity + 1) >= MIN_PORT_GAP:
        return tuple(NODE_HEIGHT * (i + 1) / (arity + 1) for i in range(arity))
    return tuple(NODE_HEIGHT / 2 + (i - (arity - 1) / 2) * MIN_PORT_GAP for i in range(arity))


@cache
def order_matters(op_name: str | None) -> bool:
    """Whether swapping the operands of *op_name* changes the result (``a − b`` yes, ``a + b``
    no).  Decided from the registry's own forward function, so a new op needs no entry
    here; such ops get their port names drawn."""
    if op_name is None or OPS[op_name].arity != 2:
        return False
    forward = OPS[op_name].forward
    samples = ((0.3, 1.7), (-2.1, 0.6), (1.5, 2.5))
    return any(forward(a, b) != forward(b, a) for a, b in samples)


@cache
def node_bounds(kind: str, arity: int, named_ports: bool = False, growable: bool = False) -> QRectF:
    """What a node item may paint: the card, its ports, port names, the output tag (and a
    sum's ports past the card and its "+")."""
    left = PORT_RADIUS + 3 + (LABEL_MARGIN if named_ports else 0)
    right = PORT_RADIUS + 3
    ys = port_ys(arity) if arity else (NODE_HEIGHT / 2,)
    top = min(-TAG_H - 2, ys[0] - PORT_HIT)
    bottom = max(NODE_HEIGHT + 12, ys[-1] + PORT_HIT)
    if growable:
        bottom = max(bottom, add_port_pos(arity).y() + ADD_PORT_RADIUS + 4)
    return QRectF(-left, top, NODE_WIDTH + left + right, bottom - top)


@cache
def card_path(kind: str) -> QPainterPath:
    """The card's outline: rounded for values, a pill for ops."""
    path = QPainterPath()
    radius = NODE_HEIGHT / 2 - 8 if kind in ("op", "function") else 8.0
    path.addRoundedRect(QRectF(0, 0, NODE_WIDTH, NODE_HEIGHT), radius, radius)
    return path


@cache
def header_path() -> QPainterPath:
    """The tinted title row of a value card (rounded at the top only)."""
    header = QPainterPath()
    header.addRoundedRect(QRectF(0.5, 0.5, NODE_WIDTH - 1, HEADER + 8), 7.5, 7.5)
    clip = QPainterPath()
    clip.addRect(QRectF(0, 0, NODE_WIDTH, HEADER))
    return header.intersected(clip)


ADD_PORT_RADIUS = 5.5


@cache
def add_port_pos(arity: int) -> QPointF:
    """Where a sum node's "add an input" button sits: under its input ports (item
    coordinates)."""
    return QPointF(0.0, max(NODE_HEIGHT + 6.0, port_ys(arity)[-1] + MIN_PORT_GAP))


@cache
def node_shape(kind: str, arity: int, growable: bool = False) -> QPainterPath:
    """What the mouse hits: the card and a generous disk around each port (and around a
    sum's "+" button)."""
    path = QPainterPath(card_path(kind))
    hit = PORT_HIT
    for y in port_ys(arity) if arity else ():
        path.addEllipse(QPointF(0, y), hit, hit)
    if growable:
        path.addEllipse(add_port_pos(arity), ADD_PORT_RADIUS + 3, ADD_PORT_RADIUS + 3)
    path.addEllipse(QPointF(NODE_WIDTH, NODE_HEIGHT / 2), hit, hit)
    return path.simplified()


class Fonts:
    """Fonts and metrics, made once a QGuiApplication exists."""

    def __init__(self) -> None:
        self.title = QFont("DejaVu Sans")
        self.title.setPointSizeF(9.0)
        self.title.setBold(True)
        self.caption = QFont("DejaVu Sans")
        self.caption.setPointSizeF(7.5)
        self.number = QFont("DejaVu Sans Mono")
        self.number.setStyleHint(QFont.StyleHint.Monospace)
        self.number.setPointSizeF(9.0)
        self.stale_number = QFont(self.number)
        self.stale_number.setItalic(True)
        self.symbol = QFont("DejaVu Sans")
        self.symbol.setPointSizeF(14.0)
        self.symbol.setBold(True)
        self.symbol_small = QFont(self.symbol)
        self.symbol_small.setPointSizeF(8.5)
        self.tag = QFont("DejaVu Sans")
        self.tag.setPointSizeF(7.0)
        self.tag.setBold(True)
        #: the fonts whose size decides whether a node can be read (label, data, grad)
        self.reading = (self.title, self.number)
        self.title_metrics = QFontMetricsF(self.title)
        self.caption_metrics = QFontMetricsF(self.caption)


_fonts: Fonts | None = None


def fonts() -> Fonts:
    """The node fonts (made on first use: fonts need a QGuiApplication)."""
    global _fonts
    if _fonts is None:
        _fonts = Fonts()
    return _fonts

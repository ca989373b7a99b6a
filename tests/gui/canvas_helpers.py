"""Real input events for canvas tests: mouse on ``view.viewport()`` at
``view.mapFromScene(...)`` (QtNodes' UITestHelper style) and synthesized drag-and-drop
events carrying the palette's own mime data (orange-canvas-core's ``dragDrop`` style).

``QTest.mouseMove`` carries no buttons in Qt 6, so a drag's moves are sent as real
``QMouseEvent(MouseMove, ..., buttons=LeftButton)`` through ``QApplication.sendEvent``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QMouseEvent, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QGraphicsView

LEFT = Qt.MouseButton.LeftButton
NO_MOD = Qt.KeyboardModifier.NoModifier


def at(view: QGraphicsView, scene_pos) -> QPoint:
    """The viewport pixel of a scene point (QPointF or (x, y)); a QPoint is already one."""
    if isinstance(scene_pos, QPoint):
        return scene_pos
    if not isinstance(scene_pos, QPointF):
        scene_pos = QPointF(*scene_pos)
    return view.mapFromScene(scene_pos)


def press(view, scene_pos, button=LEFT, modifiers=NO_MOD) -> None:
    QTest.mousePress(view.viewport(), button, modifiers, at(view, scene_pos))


def release(view, scene_pos, button=LEFT, modifiers=NO_MOD) -> None:
    QTest.mouseRelease(view.viewport(), button, modifiers, at(view, scene_pos))


def move(view, scene_pos, buttons=LEFT, modifiers=NO_MOD) -> None:
    """A mouse move with *buttons* held (Qt.NoButton for hovering)."""
    local = QPointF(at(view, scene_pos))
    viewport = view.viewport()
    event = QMouseEvent(
        QEvent.Type.MouseMove,
        local,
        QPointF(viewport.mapToGlobal(local)),
        Qt.MouseButton.NoButton,
        buttons,
        modifiers,
    )
    QApplication.sendEvent(viewport, event)


def drag(view, start, end, steps: int = 6, button=LEFT, modifiers=NO_MOD) -> None:
    """Press at *start*, move in *steps* to *end* with the button held, release there.

    The path is fixed in viewport pixels when the drag starts, like a hand on a mouse, so
    a drag that pans the view still ends *end* minus *start* pixels away.
    """
    p0, p1 = at(view, start), at(view, end)
    press(view, p0, button, modifiers)
    for i in range(1, steps + 1):
        t = i / steps
        step = QPoint(round(p0.x() + (p1.x() - p0.x()) * t), round(p0.y() + (p1.y() - p0.y()) * t))
        move(view, step, button, modifiers)
    release(view, p1, button, modifiers)


def click(view, scene_pos, modifiers=NO_MOD) -> None:
    QTest.mouseClick(view.viewport(), LEFT, modifiers, at(view, scene_pos))


def double_click(view, scene_pos) -> None:
    QTest.mouseDClick(view.viewport(), LEFT, NO_MOD, at(view, scene_pos))


def drop_mime(view, mime: QMimeData, scene_pos) -> QDropEvent:
    """Drag-enter, drag-move and drop *mime* at *scene_pos*; returns the drop event."""
    pos = at(view, scene_pos)
    viewport = view.viewport()
    action = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(pos, action, mime, LEFT, NO_MOD)
    QApplication.sendEvent(viewport, enter)
    move_event = QDragMoveEvent(pos, action, mime, LEFT, NO_MOD)
    QApplication.sendEvent(viewport, move_event)
    drop = QDropEvent(QPointF(pos), action, mime, LEFT, NO_MOD)
    QApplication.sendEvent(viewport, drop)
    return drop


def wheel(view, scene_pos, delta: int) -> None:
    pos = QPointF(at(view, scene_pos))
    viewport = view.viewport()
    event = QWheelEvent(
        pos,
        QPointF(viewport.mapToGlobal(pos)),
        QPoint(0, 0),
        QPoint(0, delta),
        Qt.MouseButton.NoButton,
        NO_MOD,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, event)


def center(view, node_id) -> QPointF:
    """The centre of a node's card in scene coordinates."""
    item = view.node_item(node_id)
    from autograd_studio.gui.canvas.node_item import NODE_HEIGHT, NODE_WIDTH

    return item.pos() + QPointF(NODE_WIDTH / 2, NODE_HEIGHT / 2 + 10)


def connect_by_mouse(view, source: str, target: str, port: int) -> None:
    """Drag from *source*'s output port to input *port* of *target*."""
    drag(view, view.port_scene_pos(source, "out"), view.port_scene_pos(target, port))

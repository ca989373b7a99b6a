"""How big a new editor window opens, and how wide its docks are, for the screen it is on.

A window opened at 90 % of a 1280x800 screen (1152x720) with 250 + 300 px docks left the
canvas 590 px wide, too narrow for even the 5-node example at readable size: on a screen
with less room than the usual size, the window takes all of it but what a window manager's
frame needs, and the docks give the canvas what they can spare.
"""

from __future__ import annotations

from PySide6.QtCore import QSize

__all__ = ["DEFAULT_SIZE", "FRAME_ALLOWANCE", "default_size", "dock_widths"]

DEFAULT_SIZE = QSize(1280, 800)
#: What a window manager's frame may add around the window (title bar, borders).
FRAME_ALLOWANCE = QSize(16, 48)


def default_size(available: QSize | None) -> QSize:
    """The usual size, or on a smaller screen (*available*: its free area) all of it less
    the frame's allowance."""
    size = QSize(DEFAULT_SIZE)
    if available is not None:
        size = size.boundedTo(available - FRAME_ALLOWANCE)
    return size


def dock_widths(size: QSize) -> tuple[int, int]:
    """The palette's and the inspector's widths in a window of *size* (the inspector's
    content needs about 275 px)."""
    return (210, 280) if size.width() < DEFAULT_SIZE.width() else (250, 300)

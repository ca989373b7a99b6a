"""The editor canvas: scene, view, items, gestures, live evaluation and looks."""

from autograd_studio.gui.canvas.edge_item import EdgeItem
from autograd_studio.gui.canvas.node_item import NodeItem
from autograd_studio.gui.canvas.scene import GraphScene
from autograd_studio.gui.canvas.theme import DARK, LIGHT, Theme, current_theme
from autograd_studio.gui.canvas.view import MAX_ZOOM, MIN_ZOOM, GraphView

__all__ = [
    "DARK",
    "LIGHT",
    "MAX_ZOOM",
    "MIN_ZOOM",
    "EdgeItem",
    "GraphScene",
    "GraphView",
    "NodeItem",
    "Theme",
    "current_theme",
]

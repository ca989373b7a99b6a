"""The Arrange menu's actions: auto layout, its engine and animation."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from autograd_studio.gui.window.action_table.spec import ActionSpec

_ENGINE_TIPS = {
    "auto": QT_TRANSLATE_NOOP(
        "StudioActions",
        "Graphviz dot up to 1,000 nodes when it is installed, else the layered layout",
    ),
    "dot": QT_TRANSLATE_NOOP(
        "StudioActions", "Graphviz dot: the neatest pictures; slow past a few thousand nodes"
    ),
    "layered": QT_TRANSLATE_NOOP(
        "StudioActions", "The layered layout: no Graphviz needed, seconds even for 65,000 nodes"
    ),
}


ARRANGE_SPECS: tuple[ActionSpec, ...] = (
    # Arrange
    ActionSpec(
        "AutoLayout",
        QT_TRANSLATE_NOOP("StudioActions", "&Auto Layout"),
        ("Ctrl+L",),
        "auto-layout",
        QT_TRANSLATE_NOOP("StudioActions", "Arrange the graph from left to right"),
    ),
    ActionSpec(
        "LayoutEngineAuto",
        QT_TRANSLATE_NOOP("StudioActions", "&Automatic"),
        (),
        None,
        _ENGINE_TIPS["auto"],
        True,
    ),
    ActionSpec(
        "LayoutEngineDot",
        QT_TRANSLATE_NOOP("StudioActions", "Graphviz &dot"),
        (),
        None,
        _ENGINE_TIPS["dot"],
        True,
    ),
    ActionSpec(
        "LayoutEngineLayered",
        QT_TRANSLATE_NOOP("StudioActions", "&Layered"),
        (),
        None,
        _ENGINE_TIPS["layered"],
        True,
    ),
    ActionSpec(
        "AnimateLayout",
        QT_TRANSLATE_NOOP("StudioActions", "A&nimate Layout"),
        (),
        None,
        QT_TRANSLATE_NOOP("StudioActions", "Glide the nodes to their new places (small graphs)"),
        checkable=True,
    ),
)

"""The show/hide actions of the docks (View > Panels)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from autograd_studio.gui.window.action_table.spec import ActionSpec

#: The show/hide actions of the docks: Qt makes them (``QDockWidget.toggleViewAction``), and
#: :meth:`StudioActions.adopt` gives them these looks and shortcuts, so they are chosen here
#: with every other one.
DOCK_TOGGLE_SPECS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "ShowPalette",
        QT_TRANSLATE_NOOP("StudioActions", "&Palette"),
        (),
        None,
        QT_TRANSLATE_NOOP("StudioActions", "Show or hide the palette"),
    ),
    ActionSpec(
        "ShowInspector",
        QT_TRANSLATE_NOOP("StudioActions", "&Inspector"),
        (),
        None,
        QT_TRANSLATE_NOOP("StudioActions", "Show or hide the inspector"),
    ),
    ActionSpec(
        "History",
        QT_TRANSLATE_NOOP("StudioActions", "&History"),
        ("Ctrl+H",),
        "history",
        QT_TRANSLATE_NOOP("StudioActions", "Show every edit; click one to go back to it"),
    ),
    ActionSpec(
        "ShowBackprop",
        QT_TRANSLATE_NOOP("StudioActions", "&Backprop Panel"),
        (),
        "step",
        QT_TRANSLATE_NOOP("StudioActions", "Show or hide the Backprop panel"),
    ),
    ActionSpec(
        "ShowGradientCheck",
        QT_TRANSLATE_NOOP("StudioActions", "&Gradient Check Panel"),
        (),
        "check",
        QT_TRANSLATE_NOOP("StudioActions", "Show or hide the Gradient Check panel"),
    ),
    ActionSpec(
        "ShowModes",
        QT_TRANSLATE_NOOP("StudioActions", "F&orward and Reverse Panel"),
        (),
        None,
        QT_TRANSLATE_NOOP("StudioActions", "Show or hide the Forward and Reverse panel"),
    ),
    ActionSpec(
        "ShowTraining",
        QT_TRANSLATE_NOOP("StudioActions", "&Training Panel"),
        (),
        None,
        QT_TRANSLATE_NOOP("StudioActions", "Show or hide the Training panel"),
    ),
)

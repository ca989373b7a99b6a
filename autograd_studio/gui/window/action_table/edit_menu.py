"""The Edit menu's actions (Undo and Redo come from the undo stack: see ``create_actions``)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from autograd_studio.gui.window.action_table.spec import ActionSpec, Key

EDIT_SPECS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "Cut",
        QT_TRANSLATE_NOOP("StudioActions", "Cu&t"),
        (Key.Cut,),
        "cut",
        QT_TRANSLATE_NOOP("StudioActions", "Cut the selected nodes"),
    ),
    ActionSpec(
        "Copy",
        QT_TRANSLATE_NOOP("StudioActions", "&Copy"),
        (Key.Copy,),
        "copy",
        QT_TRANSLATE_NOOP("StudioActions", "Copy the selected nodes"),
    ),
    ActionSpec(
        "Paste",
        QT_TRANSLATE_NOOP("StudioActions", "&Paste"),
        (Key.Paste,),
        "paste",
        QT_TRANSLATE_NOOP("StudioActions", "Paste nodes from the clipboard"),
    ),
    ActionSpec(
        "Duplicate",
        QT_TRANSLATE_NOOP("StudioActions", "D&uplicate"),
        ("Ctrl+D",),
        "duplicate",
        QT_TRANSLATE_NOOP("StudioActions", "Duplicate the selection"),
    ),
    ActionSpec(
        "Delete",
        QT_TRANSLATE_NOOP("StudioActions", "&Delete"),
        ("Delete", "Backspace"),
        "delete",
        QT_TRANSLATE_NOOP("StudioActions", "Delete the selected nodes"),
    ),
    ActionSpec(
        "SelectAll",
        QT_TRANSLATE_NOOP("StudioActions", "Select &All"),
        (Key.SelectAll,),
        "select-all",
        QT_TRANSLATE_NOOP("StudioActions", "Select every node"),
    ),
    ActionSpec(
        "Find",
        QT_TRANSLATE_NOOP("StudioActions", "&Find…"),
        ("Ctrl+F",),
        None,
        QT_TRANSLATE_NOOP("StudioActions", "Find a node by its label or id"),
    ),
    ActionSpec(
        "Preferences",
        QT_TRANSLATE_NOOP("StudioActions", "Pre&ferences…"),
        (Key.Preferences, "Ctrl+,"),
        None,
        QT_TRANSLATE_NOOP(
            "StudioActions", "The largest file to open and how soon unsaved work is autosaved"
        ),
    ),
)

"""The Help menu's actions."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from autograd_studio.gui.window.action_table.spec import ActionSpec, Key

HELP_SPECS: tuple[ActionSpec, ...] = (
    # Help
    ActionSpec(
        "Shortcuts",
        QT_TRANSLATE_NOOP("StudioActions", "&Keyboard Shortcuts"),
        (Key.HelpContents,),
        "shortcuts",
        QT_TRANSLATE_NOOP("StudioActions", "List every shortcut"),
    ),
    ActionSpec(
        "About",
        QT_TRANSLATE_NOOP("StudioActions", "&About Autograd Studio"),
        (),
        "about",
        QT_TRANSLATE_NOOP("StudioActions", "Version and credits"),
    ),
)

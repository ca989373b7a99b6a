"""The View menu's actions: zoom, theme, language (the dock toggles are in ``docks``)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from autograd_studio.gui.window.action_table.spec import ActionSpec

VIEW_SPECS: tuple[ActionSpec, ...] = (
    # View
    ActionSpec(
        "ZoomIn",
        QT_TRANSLATE_NOOP("StudioActions", "Zoom &In"),
        ("Ctrl+=", "Ctrl++"),
        "zoom-in",
        QT_TRANSLATE_NOOP("StudioActions", "Zoom in"),
    ),
    ActionSpec(
        "ZoomOut",
        QT_TRANSLATE_NOOP("StudioActions", "Zoom &Out"),
        ("Ctrl+-",),
        "zoom-out",
        QT_TRANSLATE_NOOP("StudioActions", "Zoom out"),
    ),
    ActionSpec(
        "ResetZoom",
        QT_TRANSLATE_NOOP("StudioActions", "&Actual Size"),
        ("Ctrl+0",),
        "zoom-reset",
        QT_TRANSLATE_NOOP("StudioActions", "Zoom to 100%"),
    ),
    ActionSpec(
        "Fit",
        QT_TRANSLATE_NOOP("StudioActions", "&Fit Graph"),
        ("F",),
        "fit",
        QT_TRANSLATE_NOOP("StudioActions", "Show the whole graph"),
    ),
    ActionSpec(
        "ThemeSystem",
        QT_TRANSLATE_NOOP("StudioActions", "&System"),
        (),
        None,
        QT_TRANSLATE_NOOP("StudioActions", "Light or dark as the system is"),
        True,
    ),
    ActionSpec(
        "ThemeLight",
        QT_TRANSLATE_NOOP("StudioActions", "&Light"),
        (),
        None,
        QT_TRANSLATE_NOOP("StudioActions", "Always the light theme"),
        True,
    ),
    ActionSpec(
        "ThemeDark",
        QT_TRANSLATE_NOOP("StudioActions", "&Dark"),
        (),
        None,
        QT_TRANSLATE_NOOP("StudioActions", "Always the dark theme"),
        True,
    ),
    # View > Language: the languages' own names, the same in every language
    ActionSpec(
        "LanguageSystem",
        QT_TRANSLATE_NOOP("StudioActions", "&System"),
        (),
        None,
        QT_TRANSLATE_NOOP("StudioActions", "The language of the system"),
        True,
    ),
    ActionSpec("LanguageEnglish", "English", (), None, "English", True),
    ActionSpec("LanguageChinese", "简体中文", (), None, "简体中文", True),
)

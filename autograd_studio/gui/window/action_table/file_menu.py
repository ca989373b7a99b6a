"""The File menu's actions: files, import and export (code and pictures)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from autograd_studio.gui.window.action_table.spec import ActionSpec, Key

FILE_SPECS: tuple[ActionSpec, ...] = (
    # File
    ActionSpec(
        "New",
        QT_TRANSLATE_NOOP("StudioActions", "&New"),
        (Key.New,),
        "new",
        QT_TRANSLATE_NOOP("StudioActions", "Start an empty graph"),
    ),
    ActionSpec(
        "Open",
        QT_TRANSLATE_NOOP("StudioActions", "&Open…"),
        (Key.Open,),
        "open",
        QT_TRANSLATE_NOOP("StudioActions", "Open an .agraph file"),
    ),
    ActionSpec(
        "Save",
        QT_TRANSLATE_NOOP("StudioActions", "&Save"),
        (Key.Save,),
        "save",
        QT_TRANSLATE_NOOP("StudioActions", "Save the graph"),
    ),
    ActionSpec(
        "SaveAs",
        QT_TRANSLATE_NOOP("StudioActions", "Save &As…"),
        ("Ctrl+Shift+S",),
        "save-as",
        QT_TRANSLATE_NOOP("StudioActions", "Save under a new name"),
    ),
    ActionSpec(
        "Close",
        QT_TRANSLATE_NOOP("StudioActions", "&Close"),
        ("Ctrl+W",),
        None,
        QT_TRANSLATE_NOOP("StudioActions", "Close the graph (the window stays, empty)"),
    ),
    ActionSpec(
        "ClearRecent",
        QT_TRANSLATE_NOOP("StudioActions", "&Clear Recent Files"),
        (),
        None,
        QT_TRANSLATE_NOOP("StudioActions", "Forget the recent files"),
    ),
    ActionSpec(
        "Quit",
        QT_TRANSLATE_NOOP("StudioActions", "&Quit"),
        (Key.Quit,),
        "quit",
        QT_TRANSLATE_NOOP("StudioActions", "Close the window"),
    ),
    # File > Import / Export (code round trips)
    ActionSpec(
        "ImportExpression",
        QT_TRANSLATE_NOOP("StudioActions", "Python &Expression…"),
        ("Ctrl+Shift+I",),
        None,
        QT_TRANSLATE_NOOP(
            "StudioActions", "A new graph from an expression such as relu(w1*x1 + w2*x2 + b)"
        ),
    ),
    ActionSpec(
        "ExportPython",
        QT_TRANSLATE_NOOP("StudioActions", "&Python Script (Autograd Studio)…"),
        (),
        "script",
        QT_TRANSLATE_NOOP(
            "StudioActions",
            "A script that rebuilds the graph with this engine and prints every grad",
        ),
    ),
    ActionSpec(
        "ExportTorch",
        QT_TRANSLATE_NOOP("StudioActions", "Py&Torch Script…"),
        (),
        "script",
        QT_TRANSLATE_NOOP(
            "StudioActions", "A script that rebuilds the graph with PyTorch and prints every grad"
        ),
    ),
    # File > Export: pictures (gui/features/picture_export.py)
    ActionSpec(
        "ExportImage",
        QT_TRANSLATE_NOOP("StudioActions", "&Image (PNG, SVG)…"),
        ("Ctrl+Shift+E",),
        None,
        QT_TRANSLATE_NOOP(
            "StudioActions", "The graph as annotated on the canvas, as a PNG or SVG picture"
        ),
    ),
    ActionSpec(
        "ExportSelectionImage",
        QT_TRANSLATE_NOOP("StudioActions", "&Selection as Image…"),
        (),
        None,
        QT_TRANSLATE_NOOP(
            "StudioActions",
            "The selected nodes as annotated on the canvas, as a PNG or SVG picture",
        ),
    ),
    ActionSpec(
        "ExportDot",
        QT_TRANSLATE_NOOP("StudioActions", "&DOT (Graphviz)…"),
        (),
        None,
        QT_TRANSLATE_NOOP(
            "StudioActions",
            "Graphviz source: micrograd-style records with data and grad, at the canvas's places",
        ),
    ),
    # File > Export > Image Scale, Transparent Background
    ActionSpec(
        "ImageScale1x",
        QT_TRANSLATE_NOOP("StudioActions", "&1x"),
        (),
        None,
        QT_TRANSLATE_NOOP("StudioActions", "PNG pictures with 1 pixel(s) per canvas unit"),
        True,
    ),
    ActionSpec(
        "ImageScale2x",
        QT_TRANSLATE_NOOP("StudioActions", "&2x"),
        (),
        None,
        QT_TRANSLATE_NOOP("StudioActions", "PNG pictures with 2 pixel(s) per canvas unit"),
        True,
    ),
    ActionSpec(
        "ImageScale4x",
        QT_TRANSLATE_NOOP("StudioActions", "&4x"),
        (),
        None,
        QT_TRANSLATE_NOOP("StudioActions", "PNG pictures with 4 pixel(s) per canvas unit"),
        True,
    ),
    ActionSpec(
        "TransparentBackground",
        QT_TRANSLATE_NOOP("StudioActions", "&Transparent Background"),
        (),
        None,
        QT_TRANSLATE_NOOP("StudioActions", "Pictures without the canvas's background colour"),
        checkable=True,
    ),
)

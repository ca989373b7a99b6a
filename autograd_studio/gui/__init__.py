"""The Qt editor: main window, canvas, palette, inspector.

``MainWindow`` and ``run_editor`` load on first use, so importing a submodule (the canvas,
the commands) does not build the whole window machinery.  ``show`` lives in
:mod:`autograd_studio.gui.window.show` and is exported as ``autograd_studio.show``.
"""

from __future__ import annotations

from typing import Any

__all__ = ["MainWindow", "run_editor"]

_LAZY = {
    "MainWindow": "autograd_studio.gui.window.main_window",
    "run_editor": "autograd_studio.gui.window.app",
}


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'autograd_studio.gui' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value

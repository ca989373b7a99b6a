"""Autograd Studio: build scalar autograd graphs by hand and watch backpropagation.

The stable Python API::

    from autograd_studio import Node, GraphDocument, load, save, show

Only the engine is imported eagerly; the document, file format and editor load on first
use, so ``from autograd_studio import Node`` stays cheap and never imports Qt.
"""

from __future__ import annotations

from typing import Any

from autograd_studio.engine import Node

__version__ = "0.1.0"

__all__ = ["GraphDocument", "Node", "__version__", "load", "save", "show"]

_LAZY = {
    "GraphDocument": "autograd_studio.graph",
    "load": "autograd_studio.graph",
    "save": "autograd_studio.graph",
    "show": "autograd_studio.gui.window.show",
}


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'autograd_studio' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value

"""Bridges between documents and the outside: engine graphs, Python expressions, code, pictures.

The names below are imported on first use (PEP 562), not with the package: ``run`` needs
only :mod:`.table`, and the code exporters pull in the training package and numpy, a third
of a second of start-up for every command.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from autograd_studio.interop.codegen import CodegenError, to_python, to_torch
    from autograd_studio.interop.dot_export import RenderError, render, to_dot
    from autograd_studio.interop.engine_bridge import from_node, to_node
    from autograd_studio.interop.expression import ExpressionError, from_expression

__all__ = [
    "CodegenError",
    "ExpressionError",
    "RenderError",
    "from_expression",
    "from_node",
    "render",
    "to_dot",
    "to_node",
    "to_python",
    "to_torch",
]

_HOMES = {
    "CodegenError": "codegen",
    "to_python": "codegen",
    "to_torch": "codegen",
    "RenderError": "dot_export",
    "render": "dot_export",
    "to_dot": "dot_export",
    "from_node": "engine_bridge",
    "to_node": "engine_bridge",
    "ExpressionError": "expression",
    "from_expression": "expression",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # looked up once
    return value

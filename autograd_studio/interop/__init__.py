"""Bridges between documents and the outside: engine graphs, Python expressions, code, pictures."""

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

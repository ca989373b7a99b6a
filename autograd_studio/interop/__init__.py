"""Bridges between documents and the outside: engine graphs, Python expressions, code, pictures."""

from autograd_studio.interop.engine_bridge import from_node, to_node

__all__ = ["from_node", "to_node"]

"""Scalar autograd: :class:`Node` and the op registry (pure Python, no Qt)."""

from autograd_studio.engine.node import Node, topological_order
from autograd_studio.engine.ops import OPS, Op, get_op, op_names

__all__ = ["OPS", "Node", "Op", "get_op", "op_names", "topological_order"]

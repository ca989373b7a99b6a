"""Scalar autograd: :class:`Node` and the op registry (pure Python, no Qt)."""

from autograd_studio.engine.node import Node, topological_order
from autograd_studio.engine.ops import OPS, Op, get_op, op_names
from autograd_studio.engine.tangents import forward_tangents

__all__ = ["OPS", "Node", "Op", "forward_tangents", "get_op", "op_names", "topological_order"]

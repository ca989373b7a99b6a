"""A scalar autograd engine in the spirit of micrograd, without its traps.

What differs from micrograd, and why:

- A node stores its parents as an ordered tuple, so ``a * a`` has two parents (``a`` twice)
  and both contributions reach ``a.grad``.
- A node stores a reference to its :class:`~autograd_studio.engine.ops.Op` instead of a
  per-node ``_backward`` closure.  Closures capture the node that owns them, which makes
  every node a reference cycle that only the cyclic garbage collector can free; here a graph
  is a plain DAG of references and is freed by reference counting the moment the root goes.
- ``backward()`` sorts the graph with an explicit stack (a chain a million nodes deep works)
  and resets the graph's gradients first, so calling it twice gives the same answer.
  ``backward(accumulate=True)`` keeps micrograd's summing behaviour.  Any node can be the
  target: ``h.backward()`` on a hidden node gives d(h)/d(node).
- ``forward_tangents(wrt=x)`` is forward mode: d(node)/d(x) for every node, in one pass.
- Domain errors produce ``nan``/``inf`` as PyTorch does, never an exception mid-pass.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from autograd_studio.engine.ops import (
    ABS,
    ADD,
    COS,
    DIV,
    EXP,
    LOG,
    MIN_VARIADIC_PORTS,
    MUL,
    NEG,
    OPS,
    POW,
    RELU,
    SIGMOID,
    SIN,
    SQRT,
    SUB,
    SUM,
    TANH,
    Op,
)
from autograd_studio.engine.order import topological_order
from autograd_studio.engine.tangents import forward_tangents

__all__ = ["Node", "topological_order"]

# micrograd-style symbols people pass as ``_op`` when they build nodes by hand.
_SYMBOL_ALIASES = {"+": "add", "-": "sub", "*": "mul", "/": "div", "**": "pow"}


def _resolve_op(name: str) -> Op | None:
    op = OPS.get(name) or OPS.get(_SYMBOL_ALIASES.get(name, ""))
    if op is None:
        for candidate in OPS.values():
            if name == candidate.symbol:
                return candidate
    return op


class Node:
    """A scalar value in a computation graph, with the gradient backward() gives it.

    >>> x = Node(2.0, label="x")
    >>> y = (x * x + 1).relu()
    >>> y.backward()
    >>> y.data, x.grad
    (5.0, 4.0)

    The seed notebook's habit of naming a leaf through ``_op`` works too:
    ``Node(2.0, _op="x1").label == "x1"``.
    """

    __slots__ = ("_fn", "_prev", "data", "grad", "label")

    def __init__(
        self,
        data: float,
        _children: tuple[Node, ...] | list[Node] = (),
        _op: str | Op = "",
        label: str = "",
    ) -> None:
        self.data = float(data)
        self.grad = 0.0
        self._prev = tuple(_children)
        if isinstance(_op, Op):
            fn: Op | None = _op
        elif self._prev:
            fn = _resolve_op(_op)
            if fn is None:
                raise ValueError(
                    f"unknown op {_op!r} for a node with parents; known ops: {', '.join(OPS)}"
                )
        else:
            # A leaf: micrograd code passes the leaf's name as _op.
            fn = None
            if not label and _op:
                label = _op
        if fn is not None:
            _check_count(fn, len(self._prev))
        self._fn = fn
        self.label = label

    # --- read access -----------------------------------------------------------------------

    @property
    def op(self) -> str:
        """The registry name of the op that made this node (``''`` for a leaf)."""
        fn = self._fn
        return fn.name if fn is not None else ""

    @property
    def _op(self) -> str:
        # micrograd's attribute: the op's symbol, or the leaf's name in the seed's style
        # (``Node(2.0, _op="x1")._op == "x1"``, as the seed's own engine kept it).
        fn = self._fn
        return fn.symbol if fn is not None else self.label

    @property
    def parents(self) -> tuple[Node, ...]:
        """The operands, in order; ``a * a`` lists ``a`` twice."""
        return self._prev

    @property
    def _children(self) -> tuple[Node, ...]:
        return self._prev

    def __repr__(self) -> str:
        name = f"label={self.label!r}, " if self.label else ""
        return f"Node({name}data={self.data!r}, grad={self.grad!r})"

    # --- building the graph ------------------------------------------------------------------

    def _binary(self, other: Node | float, fn: Op) -> Node:
        if not isinstance(other, Node):
            other = _constant(other)
        return _make(fn.forward(self.data, other.data), (self, other), fn)

    def _rbinary(self, other: float, fn: Op) -> Node:
        other_node = _constant(other)
        return _make(fn.forward(other_node.data, self.data), (other_node, self), fn)

    def __add__(self, other: Node | float) -> Node:
        return self._binary(other, ADD)

    def __radd__(self, other: float) -> Node:
        return self._rbinary(other, ADD)

    def __sub__(self, other: Node | float) -> Node:
        return self._binary(other, SUB)

    def __rsub__(self, other: float) -> Node:
        return self._rbinary(other, SUB)

    def __mul__(self, other: Node | float) -> Node:
        return self._binary(other, MUL)

    def __rmul__(self, other: float) -> Node:
        return self._rbinary(other, MUL)

    def __truediv__(self, other: Node | float) -> Node:
        return self._binary(other, DIV)

    def __rtruediv__(self, other: float) -> Node:
        return self._rbinary(other, DIV)

    def __pow__(self, other: Node | float) -> Node:
        return self._binary(other, POW)

    def __rpow__(self, other: float) -> Node:
        return self._rbinary(other, POW)

    def __neg__(self) -> Node:
        return _make(NEG.forward(self.data), (self,), NEG)

    def exp(self) -> Node:
        return _make(EXP.forward(self.data), (self,), EXP)

    def log(self) -> Node:
        return _make(LOG.forward(self.data), (self,), LOG)

    def tanh(self) -> Node:
        return _make(TANH.forward(self.data), (self,), TANH)

    def sigmoid(self) -> Node:
        return _make(SIGMOID.forward(self.data), (self,), SIGMOID)

    def relu(self) -> Node:
        return _make(RELU.forward(self.data), (self,), RELU)

    def sin(self) -> Node:
        return _make(SIN.forward(self.data), (self,), SIN)

    def cos(self) -> Node:
        return _make(COS.forward(self.data), (self,), COS)

    def sqrt(self) -> Node:
        return _make(SQRT.forward(self.data), (self,), SQRT)

    def __abs__(self) -> Node:
        return _make(ABS.forward(self.data), (self,), ABS)

    @staticmethod
    def sum(*operands: Node | float) -> Node:
        """One node adding every operand, left to right: ``Node.sum(a, b, c)`` is
        ``(a + b) + c`` bit for bit (data and grads), as one node instead of a chain.

        >>> Node.sum(Node(1.0), Node(2.0), 3).data
        6.0
        """
        nodes = tuple(o if isinstance(o, Node) else _constant(o) for o in operands)
        _check_count(SUM, len(nodes))
        return _make(SUM.forward(*(o.data for o in nodes)), nodes, SUM)

    def apply(self, op: str | Op, *others: Node | float) -> Node:
        """Apply any registry op by name: ``x.apply("pow", 3)``."""
        fn = op if isinstance(op, Op) else OPS[op]
        operands = (self, *(o if isinstance(o, Node) else _constant(o) for o in others))
        _check_count(fn, len(operands))
        return _make(fn.forward(*(o.data for o in operands)), operands, fn)

    # --- backward ----------------------------------------------------------------------------

    def backward(self, accumulate: bool = False) -> None:
        """Fill ``grad`` on every node of this graph with d(self)/d(node).

        Gradients are reset first, so calling it twice gives the same answer; with
        ``accumulate=True`` they are summed onto what is there, as micrograd does.
        """
        order = topological_order(self)
        if not accumulate:
            for node in order:
                node.grad = 0.0
        self.grad = 1.0
        for node in reversed(order):
            fn = node._fn
            if fn is None:
                continue
            g = node.grad
            prev = node._prev
            # op.chain: grad times the local derivative, with PyTorch's edge cases
            count = len(prev)
            if count == 2:
                a, b = prev
                ca, cb = fn.chain(g, node.data, a.data, b.data)
                a.grad += ca
                b.grad += cb
            elif count == 1:
                a = prev[0]
                (ca,) = fn.chain(g, node.data, a.data)
                a.grad += ca
            else:  # a sum of three or more, or any other arity
                sent = fn.chain(g, node.data, *(p.data for p in prev))
                for parent, c in zip(prev, sent, strict=True):
                    parent.grad += c

    def forward_tangents(self, wrt: Node) -> dict[Node, float]:
        """Forward mode: d(node)/d(*wrt*) for every node of this graph that depends on
        *wrt*, in one forward pass (see :mod:`autograd_studio.engine.tangents`).

        ``y.forward_tangents(wrt=x)[y]`` equals ``x.grad`` after ``y.backward()``; a node
        that does not depend on *wrt* is not in the result (``.get(node)`` is ``None``).
        """
        return forward_tangents(self, wrt)

    def zero_grad(self) -> None:
        """Set ``grad`` to 0 on every node of this graph."""
        for node in topological_order(self):
            node.grad = 0.0

    def walk(self) -> Iterator[Node]:
        """Every node of the graph once, operands before the nodes that use them."""
        return iter(topological_order(self))


def _make(data: float, prev: tuple[Node, ...], fn: Op, _new=object.__new__) -> Node:
    # The hot path of forward: skips __init__'s argument handling.
    node = _new(Node)
    node.data = data
    node.grad = 0.0
    node._prev = prev
    node._fn = fn
    node.label = ""
    return node


def _check_count(fn: Op, count: int) -> None:
    if fn.variadic:
        if count < MIN_VARIADIC_PORTS:
            raise ValueError(
                f"op {fn.name!r} takes at least {MIN_VARIADIC_PORTS} operands, got {count}"
            )
    elif count != fn.arity:
        raise ValueError(f"op {fn.name!r} takes {fn.arity} operand(s), got {count}")


def _constant(value: float) -> Node:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"cannot combine a Node with {type(value).__name__} {value!r}")
    node = _new_leaf(float(value))
    return node


def _new_leaf(value: float, _new=object.__new__) -> Node:
    node = _new(Node)
    node.data = value
    node.grad = 0.0
    node._prev = ()
    node._fn = None
    node.label = _format_constant(value)
    return node


def _format_constant(value: float) -> str:
    if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)

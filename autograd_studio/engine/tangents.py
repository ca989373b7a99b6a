"""Forward mode: tangents d(node)/d(wrt) carried through the graph in one forward pass.

Reverse mode (``Node.backward``) gives d(one target)/d(every node) in one pass; forward
mode gives d(every node)/d(one input).  Both read the same local derivatives from the op
registry, so there is no per-op code here: a node's tangent is the sum over its operands of
``tangent(operand) * local derivative for that port``, in port order.

A node that does not depend on *wrt* has no tangent at all (it is left out), not a tangent
of 0.0: like PyTorch's forward AD, where such a value is not a dual number and adds no
term.  That keeps ``0 * inf`` out of the sums, so ``log(0)`` beside the path does not turn
every tangent after it into nan.

The sum for one node does not depend on the order the nodes are visited in (only its own
operands' tangents, in port order), so the document's compiled plan
(:func:`autograd_studio.graph.evaluate.run_tangents`) gives the same numbers bit for bit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from autograd_studio.engine.order import topological_order

if TYPE_CHECKING:
    from autograd_studio.engine.node import Node

__all__ = ["forward_tangents"]


def forward_tangents(root: Node, wrt: Node) -> dict[Node, float]:
    """d(node)/d(*wrt*) for every node of *root*'s graph that depends on *wrt* (it
    included, with tangent 1.0); nodes that do not depend on it are not in the result.

    >>> from autograd_studio.engine import Node
    >>> w, x = Node(1.0, label="w"), Node(2.0, label="x")
    >>> y = w * x
    >>> forward_tangents(y, wrt=w)[y]
    2.0
    """
    t: dict[Node, float] = {}
    get = t.get
    for node in topological_order(root):
        if node is wrt:
            t[node] = 1.0
            continue
        fn = node._fn
        if fn is None:
            continue
        prev = node._prev
        xs = None
        total = None
        for port, parent in enumerate(prev):
            tp = get(parent)
            if tp is None:
                continue
            if xs is None:
                xs = [p.data for p in prev]
            # tangent times the local derivative, with backward's PyTorch edge cases
            term = fn.chain(tp, node.data, *xs)[port]
            total = term if total is None else total + term
        if total is not None:
            t[node] = total
    return t

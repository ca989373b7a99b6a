"""Engine graphs <-> documents: look at what your code built, or run a drawing as code.

>>> from autograd_studio import Node
>>> from autograd_studio.interop import from_node, to_node
>>> x, w = Node(2.0, label="x"), Node(-3.0, label="w")
>>> doc = from_node((w * x).relu(), weights=[w])
>>> [doc.nodes[i].kind for i in doc.nodes]
['weight', 'input', 'op', 'op']
>>> to_node(doc)[doc.output].data
0.0

Leaves become ``input`` nodes unless they are weights: pass the trainable ones as
``weights`` (a collection of Nodes, e.g. ``model.parameters()``, or a predicate on a Node).
Inputs are the safer default: they are the values a person sets, and calling something a
weight only changes how the editor draws it.  Constants that came from Python numbers
(``2 * x``) are leaves labelled by their value, so they arrive as inputs named ``2``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from autograd_studio.engine.node import Node, topological_order
from autograd_studio.engine.ops import OPS
from autograd_studio.graph.bulk import collector_paused
from autograd_studio.graph.document import GraphDocument

__all__ = ["engine_grads", "from_node", "to_node"]

WeightSelector = Collection[Node] | Callable[[Node], bool] | None


def from_node(root: Node, weights: WeightSelector = None) -> GraphDocument:
    """A document holding the graph behind *root*, with *root* as its output.

    Node order is the engine's topological order, so operands come first; labels are kept
    and become ids where they are valid, unique identifiers.  Op nodes keep their labels
    (``w1*x1``) and get ids from their op name (``mul``, ``mul1``, ...).
    """
    is_weight = _weight_test(weights)
    doc = GraphDocument()
    ids: dict[Node, str] = {}
    with collector_paused():
        for node in topological_order(root):
            if node._fn is None:
                kind = "weight" if is_weight(node) else "input"
                ids[node] = doc.add_node(kind, label=node.label, value=node.data)
            else:
                arity = len(node._prev) if node._fn.variadic else None
                nid = doc.add_node("op", op=node.op, label=node.label, arity=arity)
                ids[node] = nid
                for port, parent in enumerate(node._prev):  # operands are in already
                    doc.connect(ids[parent], nid, port)
    doc.set_output(ids[root])
    return doc


def engine_grads(root: Node, doc: GraphDocument) -> dict[str, float] | None:
    """The gradients the engine already holds on the graph behind *root*, by the ids of
    *doc* (made from *root* by :func:`from_node`); ``None`` when backward has not run
    (every grad is 0), so that ``show(y)`` after ``y.backward()`` opens with those grads."""
    nodes = topological_order(root)
    if len(nodes) != len(doc.nodes) or all(node.grad == 0.0 for node in nodes):
        return None
    return {nid: node.grad for nid, node in zip(doc.nodes, nodes, strict=True)}


def _weight_test(weights: WeightSelector) -> Callable[[Node], bool]:
    if weights is None:
        return lambda node: False
    if callable(weights) and not isinstance(weights, Collection):
        return weights
    chosen = {id(node) for node in weights}  # Nodes hash by identity anyway; ids are cheap
    return lambda node: id(node) in chosen


def to_node(doc: GraphDocument) -> dict[str, Node]:
    """Engine Nodes for every node of *doc* that can be computed, by document id.

    ``to_node(doc)[doc.output].backward()`` then runs the engine on the drawing.  Op nodes
    with an unconnected input (or fed by one) are left out, as the evaluator leaves them
    without data.
    """
    nodes: dict[str, Node] = {}
    for nid in doc.topological_order():
        record = doc.nodes[nid]
        if record.kind != "op":
            nodes[nid] = Node(record.value, label=record.label)
            continue
        sources = doc.inputs_of(nid)
        if any(s is None or s not in nodes for s in sources):
            continue
        parents = tuple(nodes[s] for s in sources)  # type: ignore[index]
        op = OPS[record.op]  # type: ignore[index]
        nodes[nid] = Node(op.forward(*(p.data for p in parents)), parents, op, label=record.label)
    return nodes

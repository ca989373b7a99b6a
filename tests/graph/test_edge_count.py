"""``GraphDocument.edge_count`` agrees with ``len(edges)`` through every kind of edit."""

from __future__ import annotations

import random

from autograd_studio.graph.document import GraphDocument


def test_edge_count_follows_connects_replacements_and_removals():
    rng = random.Random(3)
    doc = GraphDocument()
    leaves = [doc.add_node("input", value=float(i)) for i in range(4)]
    ops = [doc.add_node("op", op=rng.choice(["add", "mul", "tanh"])) for _ in range(12)]
    assert doc.edge_count == len(doc.edges) == 0
    for i, target in enumerate(ops):
        for port in range(doc.nodes[target].arity):
            source = rng.choice(leaves + ops[:i])
            doc.connect(source, target, port)
            assert doc.edge_count == len(doc.edges)
    doc.connect(leaves[0], ops[-1], 0, replace=True)  # a replacement keeps the count
    assert doc.edge_count == len(doc.edges)
    edge = doc.edges[0]
    doc.disconnect(edge.target, edge.port)
    assert doc.edge_count == len(doc.edges)
    for node_id in (ops[3], leaves[1]):
        doc.remove_node(node_id)
        assert doc.edge_count == len(doc.edges)
    assert doc.edge_count > 0

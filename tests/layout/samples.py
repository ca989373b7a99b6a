"""Sample graphs for the layout tests and ``scripts/bench_layout.py``.

``random_document(n)`` builds a deterministic, autograd-shaped graph: neurons (weighted sums
of recent values plus a bias, then an activation), loose binary and unary ops, and reuse of
earlier values so that some edges run long, the way a small MLP and its loss look.
(micrograd's ~65,800-node demo loss is ``engine.nn.demo_loss``; turn it into a document
with ``autograd_studio.interop.from_node``.)
"""

from __future__ import annotations

import random

from autograd_studio.graph.document import GraphDocument

__all__ = ["random_document"]

_ACTIVATIONS = ("relu", "tanh", "sigmoid")
_BINARY = ("add", "mul", "sub", "div")
_UNARY = ("neg", "exp", "log", "tanh", "relu")


def random_document(n_nodes: int, seed: int = 0) -> GraphDocument:
    """A random autograd-shaped document of *n_nodes* nodes (at least 20) with one output.

    Deterministic for a given ``(n_nodes, seed)``.  The graph is built in blocks like the
    layers of an MLP: each block makes a handful of values from the previous block's values
    (neurons: a bias plus weighted terms then an activation; loose binary and unary ops),
    every value is used at least once, some values feed several ops, an occasional operand
    comes from an older block (a long edge) and an occasional weight is shared.  The last
    block is summed into the output, like a loss.
    """
    rng = random.Random(seed)
    doc = GraphDocument()
    width = max(2, round(n_nodes**0.5 / 3))
    weights: list[str] = []

    def leaf(kind: str) -> str:
        node = doc.add_node(kind, value=round(rng.uniform(-1, 1), 3))
        if kind == "weight":
            weights.append(node)
        return node

    def weight() -> str:
        if weights and rng.random() < 0.05:
            return rng.choice(weights)  # a shared parameter
        return leaf("weight")

    def op(name: str, *operands: str) -> str:
        node = doc.add_node("op", op=name)
        for port, source in enumerate(operands):
            doc.connect(source, node, port)
        return node

    blocks: list[list[str]] = [[leaf("input") for _ in range(width)]]
    while True:
        before = len(doc)
        previous = blocks[-1]
        pending = previous[:]  # each value of the previous block is used at least once
        rng.shuffle(pending)

        def operand(pending: list[str] = pending, previous: list[str] = previous) -> str:
            if pending:
                return pending.pop()
            if len(blocks) > 1 and rng.random() < 0.1:
                return rng.choice(rng.choice(blocks[:-1]))  # a skip connection
            return rng.choice(previous)

        block: list[str] = []
        while len(block) < width or pending:
            roll = rng.random()
            if roll < 0.5:
                total = weight()  # the bias
                for _ in range(rng.randint(2, 3)):
                    total = op("add", total, op("mul", weight(), operand()))
                if rng.random() < 0.8:
                    total = op(rng.choice(_ACTIVATIONS), total)
                block.append(total)
            elif roll < 0.8:
                block.append(op(rng.choice(_BINARY), operand(), operand()))
            elif roll < 0.87:
                block.append(op("pow", operand(), leaf("input")))
            else:
                block.append(op(rng.choice(_UNARY), operand()))
        blocks.append(block)
        # Stop while another block like this one (and the final sum) would still fit.
        if len(doc) + 2 * (len(doc) - before) + width >= n_nodes:
            break
    unused = [node for node in doc.sinks() if doc.nodes[node].kind == "op"]
    total = unused[0]
    for value in unused[1:]:
        total = op("add", total, value)
    # Top up to exactly n_nodes, like a loss's last terms.
    while len(doc) < n_nodes - 1:
        total = op(rng.choice(_BINARY), total, leaf("input"))
    if len(doc) < n_nodes:
        total = op(rng.choice(_UNARY), total)
    doc.set_output(total)
    return doc

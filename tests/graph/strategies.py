"""Random documents for property tests, each with the same graph built in the engine."""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass

from hypothesis import strategies as st

from autograd_studio.engine import OPS, Node
from autograd_studio.graph import GraphDocument

# Values that exercise every op's domain edges (0, negatives, fractions, big numbers).
VALUES = st.one_of(
    st.sampled_from([0.0, -0.0, 1.0, -1.0, 2.0, -2.0, 0.5, -0.5, 3.0, 10.0, 1e-3]),
    st.floats(min_value=-5.0, max_value=5.0, allow_nan=False, allow_infinity=False),
)


def same_bits(a: float | None, b: float | None) -> bool:
    """Equal to the last bit (nan equals nan; 0.0 and -0.0 differ)."""
    if a is None or b is None:
        return a is b
    if math.isnan(a) and math.isnan(b):
        return True
    return struct.pack("<d", a) == struct.pack("<d", b)


@dataclass
class Mirrored:
    """A document and, for every computable node, the engine Node for the same value."""

    doc: GraphDocument
    nodes: dict[str, Node]


@st.composite
def mirrored_graphs(draw, max_leaves: int = 4, max_ops: int = 14, values=VALUES) -> Mirrored:
    """A random DAG of registry ops over a few inputs/weights, built in both worlds.

    Node insertion order in the document is shuffled, so the document's order is not a
    topological one; the output is a random op node (or the last one).
    """
    n_leaves = draw(st.integers(1, max_leaves))
    n_ops = draw(st.integers(1, max_ops))
    kinds: list[tuple] = []
    for i in range(n_leaves):
        kinds.append(("leaf", draw(st.sampled_from(["input", "weight"])), draw(values), i))
    op_names = sorted(OPS)
    for _ in range(n_ops):
        op = OPS[draw(st.sampled_from(op_names))]
        operands = [draw(st.integers(0, len(kinds) - 1)) for _ in range(op.arity)]
        kinds.append(("op", op, operands))
    order = draw(st.permutations(range(len(kinds))))

    doc = GraphDocument()
    ids: dict[int, str] = {}
    for k in order:
        spec = kinds[k]
        if spec[0] == "leaf":
            ids[k] = doc.add_node(spec[1], label=f"v{k}", value=spec[2], id=f"n{k}")
        else:
            ids[k] = doc.add_node("op", op=spec[1].name, id=f"n{k}")
    for k, spec in enumerate(kinds):
        if spec[0] == "op":
            for port, src in enumerate(spec[2]):
                doc.connect(ids[src], ids[k], port)
    op_indexes = [k for k, spec in enumerate(kinds) if spec[0] == "op"]
    output = draw(st.sampled_from(op_indexes))
    doc.set_output(ids[output])

    nodes: dict[str, Node] = {}
    for k, spec in enumerate(kinds):  # operands always come earlier: build in index order
        if spec[0] == "leaf":
            nodes[ids[k]] = Node(spec[2], label=f"v{k}")
        else:
            operands = [nodes[ids[s]] for s in spec[2]]
            nodes[ids[k]] = operands[0].apply(spec[1], *operands[1:])
    return Mirrored(doc, nodes)

"""Documents to lay out and the properties every layout must have, shared by the layout tests."""

from __future__ import annotations

from pathlib import Path

from autograd_studio.engine import Node
from autograd_studio.engine.nn import MLP
from autograd_studio.graph import GraphDocument, load
from autograd_studio.interop import from_node
from autograd_studio.layout import LayoutResult
from autograd_studio.resources import examples_dir
from tests.layout.samples import random_document

EXAMPLES = examples_dir()
# The demo example (65,818 nodes, megabytes) belongs to scripts/bench_layout.py, not here.
EXAMPLE_BYTES_LIMIT = 1_000_000


def neuron() -> GraphDocument:
    """The seed notebook's neuron, y = relu(w1*x1 + w2*x2 + b)."""
    x1, x2 = Node(2.0, label="x1"), Node(0.0, label="x2")
    w1, w2, b = Node(-3.0, label="w1"), Node(1.0, label="w2"), Node(6.88, label="b")
    y = (w1 * x1 + w2 * x2 + b).relu()
    return from_node(y, weights=[w1, w2, b])


def expression_tree(depth: int = 5) -> GraphDocument:
    """A full binary tree of ops over distinct leaves: every value is used once, so a good
    layout has no crossings and every operand 0 above operand 1."""
    counter = iter(range(10_000))

    def build(level: int) -> Node:
        if level == 0:
            k = next(counter)
            return Node(float(k), label=f"x{k}")
        left, right = build(level - 1), build(level - 1)
        return left * right if level % 2 else left - right

    return from_node(build(depth).tanh())


def mlp() -> GraphDocument:
    """A small MLP's squared error: shared inputs, weight fan-out, chains of adds."""
    model = MLP(3, [4, 4, 1])
    x = [Node(0.5, label="a"), Node(-1.0, label="b"), Node(2.0, label="c")]
    loss = (model(x) - 1.0) ** 2
    return from_node(loss, weights=model.parameters())


def examples() -> list[Path]:
    """The shipped example files small enough for the test suite."""
    return sorted(
        path for path in EXAMPLES.glob("*.agraph") if path.stat().st_size < EXAMPLE_BYTES_LIMIT
    )


_BUILDERS = {
    "neuron": neuron,
    "tree": expression_tree,
    "mlp": mlp,
    "random-60": lambda: random_document(60, seed=3),
    "random-400": lambda: random_document(400, seed=1),
}
_cache: dict[str, GraphDocument] = {}


def document_names() -> list[str]:
    """Names of the documents for the parametrised tests (examples as ``example:<stem>``)."""
    return [*_BUILDERS, *(f"example:{path.stem}" for path in examples())]


def document(name: str) -> GraphDocument:
    """The named document, built or loaded once per test session (tests must not edit it)."""
    if name not in _cache:
        _cache[name] = fresh(name)
    return _cache[name]


def fresh(name: str) -> GraphDocument:
    """The named document, built or loaded anew."""
    if name.startswith("example:"):
        return load(EXAMPLES / f"{name.removeprefix('example:')}.agraph")
    return _BUILDERS[name]()


# --- properties ---------------------------------------------------------------------------


def overlaps(result: LayoutResult) -> list[tuple[str, str]]:
    """Pairs of laid-out boxes that overlap (a sweep over x, so fine for thousands)."""
    boxes = sorted(
        (x, y, x + result.sizes[n][0], y + result.sizes[n][1], n)
        for n, (x, y) in result.positions.items()
    )
    found = []
    active: list[tuple[float, float, float, float, str]] = []
    for box in boxes:
        left = box[0]
        active = [other for other in active if other[2] > left]
        for other in active:
            if other[1] < box[3] and box[1] < other[3]:
                found.append((other[4], box[4]))
        active.append(box)
    return found


def backward_edges(document: GraphDocument, result: LayoutResult) -> list[tuple[str, str]]:
    """Edges whose source's centre is not strictly left of its target's centre."""
    centres = result.centres()
    return [
        (e.source, e.target)
        for e in document.edges
        if e.source in centres
        and e.target in centres
        and not centres[e.source][0] < centres[e.target][0]
    ]


def operand_pairs(
    document: GraphDocument, result: LayoutResult, private_only: bool = False
) -> tuple[int, int]:
    """(violations, pairs) over binary ops whose two operands are distinct nodes in one
    column: a violation is operand 0 not above operand 1.  ``private_only``: only pairs
    where both operands feed nothing else (no other edge pulls them elsewhere)."""
    centres = result.centres()
    bad = total = 0
    for node_id, record in document.nodes.items():
        if record.arity != 2 or node_id not in centres:
            continue
        first, second = document.inputs_of(node_id)
        if first is None or second is None or first == second:
            continue
        if first not in centres or second not in centres:
            continue
        if abs(centres[first][0] - centres[second][0]) > 1e-6:
            continue
        if private_only and (
            len(document.users_of(first)) != 1 or len(document.users_of(second)) != 1
        ):
            continue
        total += 1
        if not centres[first][1] < centres[second][1]:
            bad += 1
    return bad, total

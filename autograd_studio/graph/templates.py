"""Built-in function templates: neurons, layers, MLPs and losses, as definitions.

Each builder returns a :class:`~autograd_studio.graph.functions.FunctionDef` whose weights
are labelled (``w3`` in a neuron; ``w2_3``, ``b2`` in a layer: weight 3 of neuron 2;
``l1_w2_3`` in an MLP) and drawn from U(-1, 1) with a seed the caller chooses, biases 0,
as micrograd does.  Networks are built in micrograd's order (``b + w1*x1 + w2*x2 ...``,
ReLU on hidden layers, a linear last layer), so an MLP given micrograd's weights computes
micrograd's numbers.  :func:`add_template` adds a definition and one node using it.

>>> net = mlp(2, [16, 16, 1], seed=0)
>>> len(net.parameters())     # micrograd's MLP(2, [16, 16, 1]) has 337
337
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from autograd_studio.graph.document import GraphDocument
from autograd_studio.graph.errors import BadValueError
from autograd_studio.graph.functions import FunctionDef
from autograd_studio.graph.grouping import fresh_function_name

__all__ = [
    "ACTIVATIONS",
    "TEMPLATES",
    "add_template",
    "binary_cross_entropy",
    "hinge",
    "layer",
    "mlp",
    "neuron",
    "softmax_cross_entropy",
    "squared_error",
]

#: Activation names a neuron, layer or MLP accepts ("linear": none).
ACTIVATIONS = ("relu", "tanh", "sigmoid", "linear")
COLUMN, ROW = 170.0, 70.0  # spacing of the nodes of a template's body


class _Builder:
    """Adds nodes to a body with readable ids and remembers the ports."""

    def __init__(self, seed: int | None = None) -> None:
        self.body = GraphDocument()
        self.ports: list[str] = []
        self.rng = random.Random(seed)

    def port(self, name: str) -> str:
        self.ports.append(self.body.add_node("input", id=name, value=0.0))
        return name

    def weight(self, name: str, value: float | None = None) -> str:
        value = self.rng.uniform(-1, 1) if value is None else value
        return self.body.add_node("weight", id=name, value=value)

    def constant(self, name: str, value: float) -> str:
        return self.body.add_node("input", id=name, value=value)

    def op(self, op: str, *operands: str, label: str = "") -> str:
        node = self.body.add_node("op", op=op, label=label or None)
        for port, source in enumerate(operands):
            self.body.connect(source, node, port)
        return node

    def finish(self, name: str, outputs: list[str]) -> FunctionDef:
        place(self.body)
        self.body.set_output(outputs[0])
        return FunctionDef(name, self.body, list(self.ports), outputs)


def _check(activation: str, *sizes: int) -> None:
    if activation not in ACTIVATIONS:
        raise BadValueError(f"unknown activation {activation!r}; one of {', '.join(ACTIVATIONS)}")
    for size in sizes:
        if not isinstance(size, int) or not 1 <= size <= 1024:
            raise BadValueError(f"a size must be a whole number from 1 to 1024, not {size!r}")


def neuron(
    nin: int, activation: str = "relu", seed: int | None = 0, name: str = "neuron"
) -> FunctionDef:
    """``activation(b + w1*x1 + ... + wn*xn)`` over ports ``x1..xn``."""
    _check(activation, nin)
    build = _Builder(seed)
    xs = [build.port(f"x{i + 1}") for i in range(nin)]
    return build.finish(name, [_neuron(build, xs, activation)])


def _neuron(build: _Builder, xs: Sequence[str], activation: str, w: str = "w", b: str = "b") -> str:
    """``activation(b + w1*x1 + w2*x2 ...)``, summed in micrograd's order."""
    weights = [build.weight(f"{w}{i + 1}") for i in range(len(xs))]
    total = build.weight(b, 0.0)
    for weight, x in zip(weights, xs, strict=True):
        total = build.op("add", total, build.op("mul", weight, x))
    return total if activation == "linear" else build.op(activation, total)


def _layer(
    build: _Builder, xs: Sequence[str], nout: int, activation: str, prefix: str = ""
) -> list[str]:
    return [
        _neuron(build, xs, activation, w=f"{prefix}w{j + 1}_", b=f"{prefix}b{j + 1}")
        for j in range(nout)
    ]


def layer(
    nin: int, nout: int, activation: str = "relu", seed: int | None = 0, name: str = "layer"
) -> FunctionDef:
    """*nout* neurons over the same ports ``x1..xn``; its outputs are theirs, in order
    (a function node yields one of them: its ``result``)."""
    _check(activation, nin, nout)
    build = _Builder(seed)
    xs = [build.port(f"x{i + 1}") for i in range(nin)]
    return build.finish(name, _layer(build, xs, nout, activation))


def mlp(
    nin: int,
    sizes: Sequence[int],
    seed: int | None = 0,
    name: str = "mlp",
    activation: str = "relu",
) -> FunctionDef:
    """micrograd's ``MLP(nin, sizes)``: *activation* on hidden layers, a linear last one.
    Layer ``k`` (from 1) has weights ``l{k}_w{j}_{i}`` and biases ``l{k}_b{j}``."""
    sizes = list(sizes)
    _check(activation, nin, *sizes)
    if not sizes:
        raise BadValueError("an MLP needs at least one layer size")
    build = _Builder(seed)
    xs = [build.port(f"x{i + 1}") for i in range(nin)]
    for k, size in enumerate(sizes):
        last = k == len(sizes) - 1
        xs = _layer(build, xs, size, "linear" if last else activation, prefix=f"l{k + 1}_")
    return build.finish(name, xs)


def squared_error(name: str = "squared_error") -> FunctionDef:
    """``(prediction - target)²`` (written ``d * d``)."""
    build = _Builder()
    d = build.op("sub", build.port("prediction"), build.port("target"))
    return build.finish(name, [build.op("mul", d, d, label="loss")])


def hinge(name: str = "hinge") -> FunctionDef:
    """``relu(1 + -label * score)``, micrograd demo's max-margin loss (label ±1)."""
    build = _Builder()
    score, label = build.port("score"), build.port("label")
    margin = build.op("mul", build.op("neg", label), score)
    one = build.constant("one", 1.0)
    return build.finish(name, [build.op("relu", build.op("add", one, margin), label="loss")])


def binary_cross_entropy(name: str = "binary_cross_entropy") -> FunctionDef:
    """``-(y log p + (1 - y) log(1 - p))`` for a probability ``p`` and a label ``y`` in {0, 1}."""
    build = _Builder()
    p, y = build.port("p"), build.port("y")
    one = build.constant("one", 1.0)
    hit = build.op("mul", y, build.op("log", p))
    miss = build.op("mul", build.op("sub", one, y), build.op("log", build.op("sub", one, p)))
    return build.finish(name, [build.op("neg", build.op("add", hit, miss), label="loss")])


def softmax_cross_entropy(k: int, name: str = "softmax_cross_entropy") -> FunctionDef:
    """``-Σ y_i log softmax(z)_i`` over *k* scores ``z1..zk`` and targets ``y1..yk``
    (one-hot, or any distribution)."""
    _check("linear", k)
    build = _Builder()
    zs = [build.port(f"z{i + 1}") for i in range(k)]
    ys = [build.port(f"y{i + 1}") for i in range(k)]
    exps = [build.op("exp", z) for z in zs]
    total = exps[0]
    for e in exps[1:]:
        total = build.op("add", total, e)
    loss = None
    for e, y in zip(exps, ys, strict=True):
        term = build.op("mul", y, build.op("log", build.op("div", e, total)))
        loss = term if loss is None else build.op("add", loss, term)
    return build.finish(name, [build.op("neg", loss, label="loss")])  # type: ignore[arg-type]


#: Template names the editor lists, with what each one asks for.
TEMPLATES = {
    "neuron": "Neuron (n inputs, activation)",
    "layer": "Layer (inputs, outputs, activation)",
    "mlp": "MLP (inputs, layer sizes)",
    "squared_error": "Squared error",
    "hinge": "Hinge (max-margin)",
    "binary_cross_entropy": "Binary cross-entropy",
    "softmax_cross_entropy": "Softmax + cross-entropy (k scores)",
}


def add_template(
    doc: GraphDocument, definition: FunctionDef, pos: tuple[float, float] | None = None
) -> str:
    """Add *definition* to *doc* (renamed if its name is taken) and one node using it;
    returns the node's id."""
    if definition.name in doc.functions:
        definition.name = fresh_function_name(doc, definition.name)
    doc.add_function(definition)
    return doc.add_node("function", function=definition.name, pos=pos)


def place(body: GraphDocument) -> None:
    """Columns by longest path from a leaf, rows in order: a readable inside at once."""
    depth: dict[str, int] = {}
    rows: dict[int, int] = {}
    for nid in body.topological_order():
        sources = [s for s in body.inputs_of(nid) if s is not None]
        depth[nid] = 1 + max((depth[s] for s in sources), default=-1)
        row = rows.get(depth[nid], 0)
        rows[depth[nid]] = row + 1
        body.set_pos(nid, (depth[nid] * COLUMN, row * ROW))

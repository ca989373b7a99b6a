#!/usr/bin/env python3
"""Write the example graphs in autograd_studio/resources/examples/ (the same bytes every run).

    .venv/bin/python scripts/make_examples.py [--check]

With ``--check`` nothing is written; the exit status says whether the files on disk are
what this script would write.  Positions come from ``autograd_studio.layout.layout(doc)``
when that exists, otherwise from a simple left-to-right placement (column = longest path
from a leaf, row = order within the column), so the editor always has something to show.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from pathlib import Path

from autograd_studio.engine import Node
from autograd_studio.engine.nn import MLP, demo_loss, two_moons
from autograd_studio.graph import GraphDocument
from autograd_studio.graph.fileformat import (
    document_from_dict,
    document_to_dict,
    dumps,
    save,
)
from autograd_studio.graph.functions import FunctionDef
from autograd_studio.graph.templates import mlp
from autograd_studio.graph.templates import place as templates_place
from autograd_studio.interop import from_node
from autograd_studio.layout import DEFAULT_NODE_SIZE, DOT_NODE_LIMIT, SMALL_GRAPH, layer_gap, layout
from autograd_studio.training import OptimizerSettings, generate
from autograd_studio.training.datasets import from_rows
from autograd_studio.training.models import attach, line_fit, mlp_classifier

ROOT = Path(__file__).resolve().parent.parent

EXAMPLES = ROOT / "autograd_studio" / "resources" / "examples"  # the source tree's

# (id, kind, label, value) for leaves; (id, op, label, operand ids) for op nodes.
Leaf = tuple[str, str, str, float]
Op = tuple[str, str, str, tuple[str, ...]]


def build(leaves: list[Leaf], ops: list[Op], output: str, description: str) -> GraphDocument:
    doc = GraphDocument()
    for nid, kind, label, value in leaves:
        doc.add_node(kind, id=nid, label=label, value=value)
    for nid, op, label, _operands in ops:
        doc.add_node("op", id=nid, op=op, label=label)
    for nid, _op, _label, operands in ops:
        for port, source in enumerate(operands):
            doc.connect(source, nid, port)
    doc.set_output(output)
    doc.metadata["description"] = description
    return doc


def neuron(w1: float, w2: float, b: float, description: str) -> GraphDocument:
    """The seed notebook's y = ReLU(w1*x1 + w2*x2 + b), built in the notebook's order."""
    leaves = [
        ("x1", "input", "x1", 2.0),
        ("x2", "input", "x2", 3.0),
        ("w1", "weight", "w1", w1),
        ("w2", "weight", "w2", w2),
        ("b", "weight", "b", b),
    ]
    ops = [
        ("mul1", "mul", "w1*x1", ("w1", "x1")),
        ("mul2", "mul", "w2*x2", ("w2", "x2")),
        ("add1", "add", "w1*x1 + w2*x2", ("mul1", "mul2")),
        ("add2", "add", "w1*x1 + w2*x2 + b", ("add1", "b")),
        ("y", "relu", "y", ("add2",)),
    ]
    return build(leaves, ops, "y", description)


def trainable_neuron(w1: float, w2: float, b: float, description: str) -> GraphDocument:
    """The seed's neuron with four rows of (x1, x2) and its output y as the loss: training
    pushes y down, which moves an active neuron's weights and leaves a dead one's alone."""
    doc = neuron(w1, w2, b, description)
    rows = [[2.0, 3.0], [1.0, 2.0], [0.0, 1.0], [3.0, 4.0]]
    attach(
        doc,
        from_rows(["x1", "x2"], rows),
        {"x1": "x1", "x2": "x2"},
        loss="y",
        settings=OptimizerSettings("sgd", 0.005, steps=20),
    )
    return doc


def micrograd_moons() -> GraphDocument:
    """micrograd's demo as a model of one example, with its 100 two-moons points bound."""
    doc = mlp_classifier(2, [16, 16, 1], seed=1337)
    attach(
        doc,
        generate("moons", rows=100, noise=0.1, seed=0),
        {"x1": "x1", "x2": "x2", "y": "y"},
        loss="loss",
        target="y",
        prediction="score",
        settings=OptimizerSettings("sgd", 1.0, decay=True, l2=1e-4, steps=100),
    )
    doc.metadata["description"] = (
        "micrograd's demo, trainable: MLP 2-16-16-1 for one example, its max-margin loss, "
        "100 two-moons points, SGD with micrograd's decay and L2 1e-4"
    )
    return doc


def micrograd_demo_functions() -> GraphDocument:
    """micrograd's demo loss with one function per data point: readable at fit.

    ``point_loss(x1, x2, label)`` is micrograd's max-margin term of one point,
    ``mean`` the average of the 100 terms (micrograd's ``sum(losses) * (1/100)``),
    ``relu(1 + -label * mlp(x1, x2))``; ``mlp`` holds the 337 weights (micrograd's, seed
    1337), shared by the 100 calls, and its second output is the sum of their squares for
    the L2 term.  Every operation is the demo's, in the demo's order, so the loss is the
    same number; the picture is 100 point nodes instead of 65,818.
    """
    model = MLP(2, [16, 16, 1], value=Node, seed=1337)
    net = mlp(2, [16, 16, 1], name="mlp")
    body = net.body
    for nid, param in zip(net.parameters(), model.parameters(), strict=True):
        body.set_value(nid, param.data)
    squares = body.add_node("input", id="zero", value=0.0)  # sum() starts at 0
    for nid in net.parameters():
        square = body.add_node("op", op="mul")
        body.connect(nid, square, 0)
        body.connect(nid, square, 1)
        total = body.add_node("op", op="add")
        body.connect(squares, total, 0)
        body.connect(square, total, 1)
        squares = total
    body.set_label(squares, "sum of squares")
    net.outputs.append(squares)
    templates_place(body)

    point = GraphDocument()
    x1 = point.add_node("input", id="x1")
    x2 = point.add_node("input", id="x2")
    label = point.add_node("input", id="label")
    one = point.add_node("input", id="one", value=1.0)
    doc = GraphDocument()
    doc.add_function(net)
    point._functions, point._owner = doc._functions, "point_loss"
    score = point.add_node("function", function="mlp", label="score")
    point.connect(x1, score, 0)
    point.connect(x2, score, 1)
    minus = point.add_node("op", op="neg")
    point.connect(label, minus, 0)
    margin = point.add_node("op", op="mul")
    point.connect(minus, margin, 0)
    point.connect(score, margin, 1)
    shifted = point.add_node("op", op="add")
    point.connect(one, shifted, 0)
    point.connect(margin, shifted, 1)
    loss = point.add_node("op", op="relu", label="loss")
    point.connect(shifted, loss, 0)
    templates_place(point)
    doc.add_function(FunctionDef("point_loss", point, ["x1", "x2", "label"], [loss]))

    points, labels = two_moons(100)
    total = doc.add_node("input", id="zero", value=0.0)
    for i, ((px, py), y) in enumerate(zip(points, labels, strict=True), start=1):
        term = doc.add_node("function", function="point_loss", id=f"point{i}")
        for port, value in enumerate((px, py, float(y))):
            leaf = doc.add_node("input", id=f"{('x1', 'x2', 'y')[port]}_{i}", value=value)
            doc.connect(leaf, term, port)
        running = doc.add_node("op", op="add", id=f"sum{i}")
        doc.connect(total, running, 0)
        doc.connect(term, running, 1)
        total = running
    mean = doc.add_node("op", op="mul", id="data_loss", label="data loss")
    doc.connect(total, mean, 0)
    doc.connect(doc.add_node("input", id="inv_n", value=1.0 / 100), mean, 1)
    l2 = doc.add_node("function", function="mlp", id="squares", result=1, label="Σ w²")
    # the sum of squares does not use the inputs, but a call has every port wired
    doc.connect(doc.add_node("input", id="any_x1", value=0.0), l2, 0)
    doc.connect(doc.add_node("input", id="any_x2", value=0.0), l2, 1)

    reg = doc.add_node("op", op="mul", id="reg_loss", label="reg loss")
    doc.connect(doc.add_node("input", id="alpha", value=1e-4), reg, 0)
    doc.connect(l2, reg, 1)
    out = doc.add_node("op", op="add", id="loss", label="loss")
    doc.connect(mean, out, 0)
    doc.connect(reg, out, 1)
    doc.set_output(out)
    # Ten points to a function (their data inside it, and their share of micrograd's
    # sum(), a chain of additions in the demo's order), the ten in one "data_loss"
    # function: the window shows the loss as eight nodes, and each level opened is a
    # picture of its own.
    _place_points(doc)
    batches = []
    for k in range(10):
        first, last = 10 * k + 1, 10 * k + 10
        members = [
            f"{name}{i}"
            for i in range(first, last + 1)
            for name in ("x1_", "x2_", "y_", "point", "sum")
        ]
        batch = doc.group(members, name=f"points_{first}_{last}")
        doc.set_label(batch, f"points {first}–{last}")
        batches.append(batch)
    _place_batches(doc, batches)
    mean = doc.group(["zero", *batches, "inv_n", "data_loss"], name="data_loss")
    doc.set_label(mean, "data loss")
    for nid, pos in {
        mean: (0, 0),
        "any_x1": (0, 160),
        "any_x2": (0, 270),
        "squares": (280, 200),
        "alpha": (280, 60),
        "reg_loss": (560, 130),
        "loss": (840, 40),
    }.items():
        doc.set_pos(nid, pos)
    doc.metadata["description"] = (
        "micrograd's demo loss in functions: data loss (ten functions of ten points, each "
        "point a call of point_loss and the MLP) plus the L2 term, the same loss as the "
        "65,818-node graph"
    )
    return doc


def _place_points(doc: GraphDocument) -> None:
    """Ten points as two rows of five cells [x1, x2, y -> point, running sum]: each set of
    ten, opened, fits the window as one picture."""
    cell_w, cell_h, row_h = 460, 330, 90
    for i in range(100):
        j = i % 10
        x, y = (j % 5) * cell_w, (j // 5) * cell_h
        for k, name in enumerate(("x1", "x2", "y")):
            doc.set_pos(f"{name}_{i + 1}", (x, y + k * row_h))
        doc.set_pos(f"point{i + 1}", (x + 230, y + row_h / 2))
        doc.set_pos(f"sum{i + 1}", (x + 230, y + row_h * 2 + 20))


def _place_batches(doc: GraphDocument, batches: list[str]) -> None:
    """The running total from zero through the ten sets to the mean, four to a row: the
    whole "data loss" fits the window at a readable size when opened."""
    chain = ["zero", *batches, "data_loss"]
    for k, nid in enumerate(chain):
        doc.set_pos(nid, ((k % 4) * 240, (k // 4) * 140))
    doc.set_pos("inv_n", (2 * 240, 3 * 140))


def line_regression() -> GraphDocument:
    """pred = w*x + b fitted to a noisy line by mean squared error."""
    doc = line_fit()
    attach(
        doc,
        generate("line", rows=40, noise=0.1, seed=0),
        {"x": "x", "y": "y"},
        loss="loss",
        settings=OptimizerSettings("sgd", 0.3, steps=100),
    )
    doc.metadata["description"] = (
        "Linear regression: pred = w*x + b and its squared error on a noisy line "
        "(y = 0.8x - 0.3), trained by SGD"
    )
    return doc


def tanh_neuron() -> GraphDocument:
    """micrograd's README neuron: o = tanh(x1*w1 + x2*w2 + b) = 0.7071."""
    leaves = [
        ("x1", "input", "x1", 2.0),
        ("x2", "input", "x2", 0.0),
        ("w1", "weight", "w1", -3.0),
        ("w2", "weight", "w2", 1.0),
        ("b", "weight", "b", 6.8813735870195432),
    ]
    ops = [
        ("x1w1", "mul", "x1*w1", ("x1", "w1")),
        ("x2w2", "mul", "x2*w2", ("x2", "w2")),
        ("x1w1x2w2", "add", "x1*w1 + x2*w2", ("x1w1", "x2w2")),
        ("n", "add", "n", ("x1w1x2w2", "b")),
        ("o", "tanh", "o", ("n",)),
    ]
    return build(
        leaves,
        ops,
        "o",
        "micrograd's neuron: o = tanh(x1*w1 + x2*w2 + b) = 0.7071; dx1 = -1.5, dw1 = 1.0",
    )


def node_reuse() -> GraphDocument:
    """One node used several times: a*a (a twice in one op) and b = a+a, c = b+b."""
    leaves = [("a", "input", "a", 3.0)]
    ops = [
        ("sq", "mul", "a*a", ("a", "a")),
        ("b", "add", "b = a+a", ("a", "a")),
        ("c", "add", "c = b+b", ("b", "b")),
        ("y", "add", "y = a*a + c", ("sq", "c")),
    ]
    return build(
        leaves,
        ops,
        "y",
        "Node reuse: a*a and c = b+b with b = a+a; every use adds to the gradient: "
        "dy/da = 2a + 4 = 10",
    )


def mlp_mse() -> GraphDocument:
    """A 2-3-1 tanh MLP and its squared error against a target, (out - t) * (out - t)."""
    rng = random.Random(7)

    def weight() -> float:
        return round(rng.uniform(-1.0, 1.0), 2)

    leaves: list[Leaf] = [("x1", "input", "x1", 0.5), ("x2", "input", "x2", -1.5)]
    ops: list[Op] = []
    hidden = []
    for j in (1, 2, 3):
        w = [(f"w{j}{i}", "weight", f"w{j}{i}", weight()) for i in (1, 2)]
        b = (f"b{j}", "weight", f"b{j}", weight())
        leaves += [*w, b]
        ops += [
            (f"h{j}x1", "mul", f"w{j}1*x1", (f"w{j}1", "x1")),
            (f"h{j}x2", "mul", f"w{j}2*x2", (f"w{j}2", "x2")),
            (f"h{j}s", "add", f"w{j}·x", (f"h{j}x1", f"h{j}x2")),
            (f"h{j}n", "add", f"w{j}·x + b{j}", (f"h{j}s", f"b{j}")),
            (f"h{j}", "tanh", f"h{j}", (f"h{j}n",)),
        ]
        hidden.append(f"h{j}")
    leaves += [(f"v{j}", "weight", f"v{j}", weight()) for j in (1, 2, 3)]
    leaves += [("c", "weight", "c", weight()), ("t", "input", "target", 0.2)]
    ops += [(f"o{j}", "mul", f"v{j}*h{j}", (f"v{j}", f"h{j}")) for j in (1, 2, 3)]
    ops += [
        ("o12", "add", "v1*h1 + v2*h2", ("o1", "o2")),
        ("o123", "add", "v·h", ("o12", "o3")),
        ("on", "add", "v·h + c", ("o123", "c")),
        ("out", "tanh", "out", ("on",)),
        ("d", "sub", "out - target", ("out", "t")),
        ("loss", "mul", "loss = d*d", ("d", "d")),
    ]
    return build(
        leaves,
        ops,
        "loss",
        "A 2-3-1 tanh MLP and its squared error (out - target)² written as d*d",
    )


def micrograd_demo() -> GraphDocument:
    """micrograd's demo loss (MLP 2-16-16-1 on 100 two-moons points), short ids."""
    loss, params = demo_loss(Node)
    # Name the three nodes a reader looks for first; the rest stay unlabelled to keep the
    # file small.
    data_loss, reg_loss = loss.parents
    loss.label, data_loss.label, reg_loss.label = "loss", "data loss", "L2 loss"
    doc = from_node(loss, weights=params)
    doc.metadata["description"] = (
        "micrograd's demo: max-margin loss of an MLP 2-16-16-1 on 100 two-moons points "
        "plus L2 regularisation (65,818 nodes)"
    )
    return _short_ids(doc)


def _short_ids(doc: GraphDocument) -> GraphDocument:
    # The file is mostly ids (each node's, and two per edge): "n1a2" instead of "mul12345"
    # saves about a megabyte.  Labels stay as they were.
    data = document_to_dict(doc)
    new = {node["id"]: "n" + _base36(i) for i, node in enumerate(data["nodes"])}
    for node in data["nodes"]:  # labels are all written out, so they survive as they were
        node["id"] = new[node["id"]]
    for edge in data["edges"]:
        edge["from"], edge["to"] = new[edge["from"]], new[edge["to"]]
    data["output"] = new[data["output"]]
    return document_from_dict(data)


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        n, r = divmod(n, 36)
        text = digits[r] + text
        if n == 0:
            return text


def place(doc: GraphDocument) -> None:
    """Positions from the layout package: dot for the small examples and the layered layout
    for the demo graph, as ``auto`` picks on a machine with Graphviz.  The engine is named
    so that the bytes written never depend on whether this machine has ``dot``."""
    if all(record.pos is not None for record in doc.nodes.values()):
        return  # placed by its maker (the demo in functions: a grid)
    engine = "dot" if len(doc) <= DOT_NODE_LIMIT else "layered"
    result = layout(doc, engine=engine)
    if result.engine != engine:
        raise SystemExit(f"make_examples: {engine} did not run: {result.message}")
    columns = sorted({round(pos[0]) for pos in result.positions.values()})
    # The columns of a small graph (the first examples a learner opens) are exactly
    # layer_gap apart, as Auto Layout places them, so that they fit at readable text on a
    # 1280x800 screen; the rounding of dot's inches is left out of the saved files.
    pitch = DEFAULT_NODE_SIZE[0] + layer_gap(len(doc)) if len(doc) <= SMALL_GRAPH else None
    for nid, pos in result.positions.items():
        x = round(pos[0]) if pitch is None else round(columns.index(round(pos[0])) * pitch)
        doc.set_pos(nid, (x, round(pos[1])))


MAKERS: dict[str, Callable[[], GraphDocument]] = {
    "neuron-dead.agraph": lambda: trainable_neuron(
        0.5,
        -0.8,
        0.1,
        "The seed's neuron y = ReLU(w1*x1 + w2*x2 + b) below zero: ReLU(-1.3) = 0, "
        "so every gradient is 0",
    ),
    "neuron-active.agraph": lambda: trainable_neuron(
        1.0,
        0.5,
        0.1,
        "The seed's neuron y = ReLU(w1*x1 + w2*x2 + b) = 3.6, active: "
        "dy/dw1 = x1 = 2, dy/dw2 = x2 = 3, dy/db = 1",
    ),
    "tanh-neuron.agraph": tanh_neuron,
    "node-reuse.agraph": node_reuse,
    "mlp-mse.agraph": mlp_mse,
    "micrograd-demo.agraph": micrograd_demo,
    "micrograd-demo-functions.agraph": micrograd_demo_functions,
    "micrograd-moons.agraph": micrograd_moons,
    "line-regression.agraph": line_regression,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args()
    EXAMPLES.mkdir(parents=True, exist_ok=True)
    stale = []
    for name, make in MAKERS.items():
        doc = make()
        place(doc)
        text = dumps(doc)
        path = EXAMPLES / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
            continue
        save(doc, path)  # the same text: dumps is what save writes
        print(f"{path.relative_to(ROOT)}: {len(doc):,} nodes, {len(text.encode()):,} bytes")
    if stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Model graphs for one example, ready to train: micrograd's MLP and a line fit.

:func:`mlp_classifier` builds micrograd's ``MLP(nin, sizes)`` for a single row as a
document (inputs ``x1..xn`` and ``y``, weights ``w<layer>.<neuron>.<input>`` and biases
``b<layer>.<neuron>``) with micrograd's max-margin loss ``relu(1 + -y*score)``, in
micrograd's operation order: a neuron is ``b + w0*x0 + w1*x1 + ...`` summed left to right,
so that training it gives micrograd's numbers.  Its weights are in micrograd's
``parameters()`` order (per neuron: ``w...`` then ``b``).
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from autograd_studio.graph.document import GraphDocument
from autograd_studio.training.datasets import Dataset
from autograd_studio.training.setup import DataSetup, OptimizerSettings, write_settings, write_setup

__all__ = ["attach", "line_fit", "mlp_classifier"]


def mlp_classifier(nin: int, sizes: Sequence[int], seed: int = 1337) -> GraphDocument:
    """micrograd's MLP (ReLU hidden layers, a linear last layer of one neuron, weights
    U(-1, 1) from ``random.Random(seed)``, biases 0) with its max-margin loss.

    Nodes: inputs ``x1..x<nin>`` and ``y`` (the label, -1 or 1), the constant input ``one``,
    the prediction ``score`` and the per-example ``loss``.
    """
    rng = random.Random(seed)
    doc = GraphDocument()
    layer = [
        doc.add_node("input", id=f"x{k + 1}", label=f"x{k + 1}", value=0.0) for k in range(nin)
    ]
    widths = [nin, *sizes]
    last = len(sizes)
    for depth in range(1, last + 1):
        outputs = []
        for j in range(widths[depth]):
            weights = [
                doc.add_node("weight", id=f"w{depth}.{j}.{k}", value=rng.uniform(-1, 1))
                for k in range(widths[depth - 1])
            ]
            total = doc.add_node("weight", id=f"b{depth}.{j}", value=0.0)
            for k, (w, x) in enumerate(zip(weights, layer, strict=True)):
                product = _op(doc, "mul", w, x, f"p{depth}.{j}.{k}")
                final = depth == last and k == len(layer) - 1 and widths[depth] == 1
                total = _op(doc, "add", total, product, "score" if final else f"s{depth}.{j}.{k}")
            if depth != last:
                total = _op(doc, "relu", total, None, f"h{depth}.{j}")
            outputs.append(total)
        layer = outputs
    score = layer[0]
    doc.set_label(score, "score")  # with one output neuron its id is "score" too
    y = doc.add_node("input", id="y", label="y", value=1.0)
    one = doc.add_node("input", id="one", label="1", value=1.0)
    neg_y = _op(doc, "neg", y, None, "neg_y", label="-y")
    margin = _op(doc, "mul", score, neg_y, "margin", label="-y*score")
    hinge = _op(doc, "add", margin, one, "hinge", label="1 - y*score")
    loss = _op(doc, "relu", hinge, None, "loss", label="loss")
    doc.set_output(loss)
    return doc


def line_fit() -> GraphDocument:
    """``pred = w*x + b`` and its squared error ``(pred - y)**2`` written as ``d*d``."""
    doc = GraphDocument()
    x = doc.add_node("input", id="x", label="x", value=0.0)
    y = doc.add_node("input", id="y", label="y", value=0.0)
    w = doc.add_node("weight", id="w", label="w", value=0.1)
    b = doc.add_node("weight", id="b", label="b", value=0.0)
    wx = _op(doc, "mul", w, x, "wx", label="w*x")
    pred = _op(doc, "add", wx, b, "pred", label="pred")
    d = _op(doc, "sub", pred, y, "d", label="pred - y")
    loss = _op(doc, "mul", d, d, "loss", label="loss")
    doc.set_output(loss)
    return doc


def attach(
    doc: GraphDocument,
    dataset: Dataset,
    bindings: dict[str, str],
    loss: str,
    target: str | None = None,
    prediction: str | None = None,
    settings: OptimizerSettings | None = None,
) -> DataSetup:
    """Store a dataset setup (and settings) in *doc*; returns the setup.  The bound inputs
    take the first row's values, so that the graph shows one real example."""
    setup = DataSetup(dataset, dict(bindings), loss, target, prediction)
    for column, node in bindings.items():
        doc.set_value(node, float(dataset.column(column)[0]))
    write_setup(doc, setup)
    if settings is not None:
        write_settings(doc, settings)
    return setup


def _op(doc: GraphDocument, op: str, a: str, b: str | None, nid: str, label: str = "") -> str:
    node = doc.add_node("op", op=op, id=nid, label=label)
    doc.connect(a, node, 0)
    if b is not None:
        doc.connect(b, node, 1)
    return node

"""Templates build the shapes they claim, with micrograd's numbers."""

from __future__ import annotations

import math
import random

import pytest
from micrograd.engine import Value
from micrograd.nn import MLP as MicroMLP

from autograd_studio.graph import GraphDocument
from autograd_studio.graph.errors import BadValueError
from autograd_studio.graph.templates import (
    add_template,
    binary_cross_entropy,
    hinge,
    layer,
    mlp,
    neuron,
    softmax_cross_entropy,
    squared_error,
)


def instance(definition, *values: float) -> tuple[GraphDocument, str]:
    doc = GraphDocument()
    node = add_template(doc, definition)
    for port, value in enumerate(values):
        doc.connect(doc.add_node("input", value=value), node, port)
    doc.set_output(node)
    return doc, node


def test_mlp_has_micrograds_parameter_count_and_computes_micrograds_numbers():
    random.seed(7)
    theirs = MicroMLP(2, [16, 16, 1])
    ours = mlp(2, [16, 16, 1], seed=3)
    params = ours.parameters()
    assert len(params) == len(theirs.parameters()) == 337
    for nid, p in zip(params, theirs.parameters(), strict=True):
        ours.body.set_value(nid, p.data)
    x = [Value(0.3), Value(-1.2)]
    out = theirs(x)
    out.backward()
    doc, node = instance(ours, 0.3, -1.2)
    result = doc.evaluate()
    assert result.data[node] == out.data
    # micrograd sums a weight's gradient terms in its own (set-based) order: last bits differ
    grads = [result.grad[f"{node}/{p}"] for p in params]
    assert grads == pytest.approx([p.grad for p in theirs.parameters()], rel=1e-12, abs=1e-15)


def test_weights_are_labelled_and_seeded():
    one, same, other = layer(3, 2, seed=1), layer(3, 2, seed=1), layer(3, 2, seed=2)
    assert one.parameters() == ["w1_1", "w1_2", "w1_3", "b1", "w2_1", "w2_2", "w2_3", "b2"]
    values = [one.body.nodes[p].value for p in one.parameters()]
    assert values == [same.body.nodes[p].value for p in same.parameters()]
    assert values != [other.body.nodes[p].value for p in other.parameters()]
    assert all(-1 <= v <= 1 for v in values) and one.body.nodes["b2"].value == 0.0
    assert len(one.outputs) == 2 and one.inputs == ["x1", "x2", "x3"]
    net = mlp(2, [3, 1])
    assert "l2_w1_3" in net.parameters() and "l1_b3" in net.parameters()


def test_neuron_computes_its_formula():
    definition = neuron(2, "tanh", seed=5)
    w1, w2 = (definition.body.nodes[w].value for w in ("w1", "w2"))
    definition.body.set_value("b", 0.25)
    doc, node = instance(definition, 2.0, -1.0)
    assert doc.evaluate().data[node] == math.tanh(0.25 + w1 * 2.0 + w2 * -1.0)


@pytest.mark.parametrize(
    ("definition", "values", "expected"),
    [
        (squared_error(), (3.0, 1.0), 4.0),
        (hinge(), (0.5, 1.0), 0.5),
        (hinge(), (2.0, 1.0), 0.0),
        (binary_cross_entropy(), (0.8, 1.0), -math.log(0.8)),
        (binary_cross_entropy(), (0.8, 0.0), -math.log(1 - 0.8)),
    ],
)
def test_losses_compute_their_formulas(definition, values, expected):
    doc, node = instance(definition, *values)
    assert doc.evaluate().data[node] == pytest.approx(expected, rel=1e-15)


def test_softmax_cross_entropy_over_k_scores():
    z = [1.0, 2.0, 0.5]
    doc, node = instance(softmax_cross_entropy(3), *z, 0.0, 1.0, 0.0)
    result = doc.evaluate()
    total = sum(math.exp(v) for v in z)
    assert result.data[node] == pytest.approx(-math.log(math.exp(2.0) / total), rel=1e-14)
    grads = [result.grad[nid] for nid in list(doc.nodes)[1:4]]  # softmax - onehot
    assert grads == pytest.approx([math.exp(v) / total - (i == 1) for i, v in enumerate(z)])


def test_bad_sizes_and_activations_are_refused():
    with pytest.raises(BadValueError, match="unknown activation 'swish'"):
        neuron(2, "swish")
    with pytest.raises(BadValueError, match="from 1 to 1024, not 0"):
        mlp(2, [0])

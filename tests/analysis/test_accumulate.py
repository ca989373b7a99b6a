"""Accumulating Backward on a document equals the engine's ``backward(accumulate=True)``."""

from __future__ import annotations

import pytest

from autograd_studio import Node
from autograd_studio.analysis.accumulate import accumulated_backward, zero_grads
from autograd_studio.graph import GraphDocument, load
from autograd_studio.graph.evaluate import evaluate
from autograd_studio.interop.engine_bridge import to_node
from autograd_studio.interop.expression import from_expression
from autograd_studio.resources import examples_dir

EXAMPLES = examples_dir()
SMALL = ["neuron-active", "neuron-dead", "node-reuse", "tanh-neuron", "mlp-mse"]


@pytest.mark.parametrize("name", SMALL)
def test_pressing_three_times_equals_the_engine_bit_for_bit(name):
    doc = load(EXAMPLES / f"{name}.agraph")
    nodes = to_node(doc)
    root = nodes[doc.output]
    grads: dict[str, float | None] = {}
    for press in range(3):
        grads = accumulated_backward(doc, grads).grad
        root.backward(accumulate=press > 0)  # the first press starts from zeros either way
        assert grads == {nid: node.grad for nid, node in nodes.items()}, f"press {press + 1}"


def test_the_first_press_is_an_ordinary_backward():
    doc = load(EXAMPLES / "node-reuse.agraph")
    assert accumulated_backward(doc, {}).grad == evaluate(doc).grad


def test_one_level_graph_doubles_and_the_root_is_set_to_one_not_summed():
    doc = from_expression("w*x", values={"w": 3.0, "x": -2.0})
    first = accumulated_backward(doc, {}).grad
    second = accumulated_backward(doc, first).grad
    assert (first["w"], first["x"]) == (-2.0, 3.0)
    assert (second["w"], second["x"]) == (-4.0, 6.0)
    assert second[doc.output] == 1.0  # micrograd: `self.grad = 1`


def test_deeper_graphs_compound_as_micrograd_does():
    # y = w*x + b: the op's own grad is not reset, so w's second contribution is 2x, not x.
    w, x, b = Node(3.0, label="w"), Node(2.0, label="x"), Node(1.0, label="b")
    y = w * x + b
    y.backward()
    y.backward(accumulate=True)
    doc = from_expression("w*x + b", values={"w": 3.0, "x": 2.0, "b": 1.0})
    grads = accumulated_backward(doc, accumulated_backward(doc, {}).grad).grad
    assert (grads["w"], grads["b"]) == (w.grad, b.grad) == (6.0, 2.0)
    assert grads["w"] == 3 * x.data  # not doubled: 2 + 4


def test_nodes_outside_the_output_keep_their_grad_and_unconnected_ones_have_none():
    doc = GraphDocument()
    a = doc.add_node("input", label="a", value=2.0)
    other = doc.add_node("input", label="other", value=5.0)
    m = doc.add_node("op", op="mul")
    doc.connect(a, m, 0)
    doc.connect(a, m, 1)
    dangling = doc.add_node("op", op="add")
    doc.connect(other, dangling, 0)
    doc.set_output(m)
    grads = accumulated_backward(doc, {a: 1.0, other: 7.0}).grad
    assert grads[a] == 1.0 + 4.0
    assert grads[other] == 7.0
    assert grads[dangling] is None


def test_zero_grads_clears_every_grad_but_keeps_data():
    doc = load(EXAMPLES / "neuron-active.agraph")
    result = evaluate(doc)
    cleared = zero_grads(result)
    assert cleared.data == result.data
    assert set(cleared.grad.values()) == {0.0}
    assert any(g != 0.0 for g in result.grad.values())  # the original is untouched

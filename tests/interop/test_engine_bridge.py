"""Engine graphs <-> documents: structure kept, the same gradients to the last bit."""

from __future__ import annotations

from hypothesis import given, settings

from autograd_studio.engine import Node, topological_order
from autograd_studio.graph.evaluate import evaluate
from autograd_studio.interop import from_node, to_node
from tests.graph.strategies import mirrored_graphs, same_bits


def seed_neuron():
    """The seed notebook's active neuron, leaves named through _op as the seed does."""
    x1, x2 = Node(2.0, _op="x1"), Node(3.0, _op="x2")
    w1, w2, b = Node(1.0, _op="w1"), Node(0.5, _op="w2"), Node(0.1, _op="b")
    mul1 = w1 * x1
    mul1.label = "w1*x1"
    y = (mul1 + w2 * x2 + b).relu()
    return y, (x1, x2), (w1, w2, b)


def test_from_node_keeps_labels_kinds_ops_ports_and_sets_the_output():
    y, _inputs, weights = seed_neuron()
    doc = from_node(y, weights=weights)
    by_label = {record.label: record for record in doc.nodes.values()}
    assert {label: by_label[label].kind for label in ("x1", "x2", "w1", "w2", "b")} == {
        "x1": "input",
        "x2": "input",
        "w1": "weight",
        "w2": "weight",
        "b": "weight",
    }
    assert by_label["x1"].id == "x1" and by_label["w1"].value == 1.0
    assert by_label["w1*x1"].op == "mul"
    mul1 = by_label["w1*x1"].id
    assert doc.inputs_of(mul1) == ["w1", "x1"]  # operand order is port order
    assert doc.nodes[doc.output].op == "relu" and doc.explicit_output == doc.output
    assert sorted(r.op for r in doc.nodes.values() if r.op) == ["add", "add", "mul", "mul", "relu"]


def test_leaves_are_inputs_by_default_and_weights_can_be_picked_by_a_predicate():
    y, _inputs, _weights = seed_neuron()
    assert {r.kind for r in from_node(y).nodes.values() if r.op is None} == {"input"}
    doc = from_node(y, weights=lambda node: node.label.startswith(("w", "b")))
    kinds = {r.label: r.kind for r in doc.nodes.values() if r.op is None}
    assert kinds == {"x1": "input", "x2": "input", "w1": "weight", "w2": "weight", "b": "weight"}


def test_constants_from_python_numbers_become_inputs_labelled_by_their_value():
    x = Node(3.0, label="x")
    doc = from_node(2 * x - 1.5)
    leaves = sorted((r.label, r.kind, r.value) for r in doc.nodes.values() if r.op is None)
    assert leaves == [("1.5", "input", 1.5), ("2", "input", 2.0), ("x", "input", 3.0)]


def test_a_node_used_twice_feeds_both_ports():
    a = Node(3.0, label="a")
    doc = from_node(a * a)
    assert doc.inputs_of(doc.output) == ["a", "a"]
    assert evaluate(doc).grad["a"] == 6.0


@settings(max_examples=80)
@given(mirrored_graphs())
def test_engine_to_document_evaluates_to_the_engines_gradients_bit_for_bit(graph):
    root = graph.nodes[graph.doc.output]
    root.backward()
    doc = from_node(root)
    result = evaluate(doc)
    engine_nodes = topological_order(root)  # from_node adds them in this order
    for nid, node in zip(doc.nodes, engine_nodes, strict=True):
        assert same_bits(result.data[nid], node.data)
        assert same_bits(result.grad[nid], node.grad)


@settings(max_examples=80)
@given(mirrored_graphs())
def test_document_to_engine_backpropagates_to_the_evaluators_gradients_bit_for_bit(graph):
    doc = graph.doc
    result = evaluate(doc)
    nodes = to_node(doc)
    assert set(nodes) == set(doc.nodes)
    nodes[doc.output].backward()
    for nid, node in nodes.items():
        assert same_bits(node.data, result.data[nid]), nid
        assert same_bits(node.grad, result.grad[nid]), nid
        assert node.label == doc.nodes[nid].label
        assert node.op == (doc.nodes[nid].op or "")


def test_engine_document_engine_keeps_the_structure():
    y, _inputs, weights = seed_neuron()
    doc = from_node(y, weights=weights)
    rebuilt = to_node(doc)[doc.output]
    original, again = topological_order(y), topological_order(rebuilt)
    assert [(n.op, n.label, n.data) for n in original] == [(n.op, n.label, n.data) for n in again]
    index = {n: i for i, n in enumerate(again)}
    index_before = {n: i for i, n in enumerate(original)}
    assert [[index_before[p] for p in n.parents] for n in original] == [
        [index[p] for p in n.parents] for n in again
    ]


def test_to_node_leaves_out_what_cannot_be_computed():
    y, _inputs, weights = seed_neuron()
    doc = from_node(y, weights=weights)
    first_mul = next(nid for nid, r in doc.nodes.items() if r.op == "mul")
    doc.disconnect(first_mul, 0)
    nodes = to_node(doc)
    assert first_mul not in nodes and doc.output not in nodes
    assert evaluate(doc).data[first_mul] is None
    assert all(evaluate(doc).data[nid] == node.data for nid, node in nodes.items())


def test_a_deep_chain_crosses_without_recursion():
    x = Node(0.5, label="x")
    y = x
    for _ in range(20_000):
        y = y.tanh()
    doc = from_node(y)
    assert len(doc) == 20_001
    assert evaluate(doc).grad["x"] == (y.backward(), x.grad)[1]
    assert to_node(doc)[doc.output].data == y.data

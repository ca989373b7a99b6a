"""Evaluation: the engine's numbers to the last bit, partial graphs, problems, plan reuse."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings

from autograd_studio.engine import Node, topological_order
from autograd_studio.engine.nn import demo_loss
from autograd_studio.graph import GraphDocument
from autograd_studio.graph.evaluate import evaluate
from autograd_studio.graph.plan import compile_plan, engine_order, plan_for
from autograd_studio.interop import from_node
from tests.graph.strategies import mirrored_graphs, same_bits


def neuron(x1=2.0, x2=0.0, w1=-3.0, w2=1.0, b=6.8813735870195432) -> GraphDocument:
    doc = GraphDocument()
    for name, kind, value in [
        ("x1", "input", x1),
        ("x2", "input", x2),
        ("w1", "weight", w1),
        ("w2", "weight", w2),
        ("b", "weight", b),
    ]:
        doc.add_node(kind, label=name, value=value, id=name)
    for nid, op in [("m1", "mul"), ("m2", "mul"), ("s", "add"), ("n", "add"), ("o", "tanh")]:
        doc.add_node("op", op=op, id=nid)
    for src, dst, port in [
        ("x1", "m1", 0), ("w1", "m1", 1), ("x2", "m2", 0), ("w2", "m2", 1),
        ("m1", "s", 0), ("m2", "s", 1), ("s", "n", 0), ("b", "n", 1), ("n", "o", 0),
    ]:  # fmt: skip
        doc.connect(src, dst, port)
    return doc


def test_micrograd_tanh_neuron_matches_the_engine():
    doc = neuron()
    result = evaluate(doc)
    x1, x2 = Node(2.0), Node(0.0)
    w1, w2, b = Node(-3.0), Node(1.0), Node(6.8813735870195432)
    o = (x1 * w1 + x2 * w2 + b).tanh()
    o.backward()
    assert result.output == "o"
    assert result.data["o"] == o.data
    assert abs(result.data["o"] - math.sqrt(0.5)) < 1e-6
    for nid, node in [("x1", x1), ("x2", x2), ("w1", w1), ("w2", w2), ("b", b)]:
        assert same_bits(result.grad[nid], node.grad), nid
    assert result.ok


@settings(max_examples=150)
@given(mirrored_graphs())
def test_random_documents_evaluate_to_the_engines_numbers_bit_for_bit(graph):
    doc, nodes = graph.doc, graph.nodes
    result = evaluate(doc)
    root = nodes[doc.output]
    root.backward()
    for nid, node in nodes.items():
        assert same_bits(result.data[nid], node.data), nid
        assert same_bits(result.grad[nid], node.grad), nid


@settings(max_examples=60)
@given(mirrored_graphs())
def test_the_plan_sorts_exactly_as_the_engine(graph):
    doc, nodes = graph.doc, graph.nodes
    plan = compile_plan(doc)
    root = plan.index[doc.output]
    mine = [plan.ids[i] for i in engine_order(root, plan.sources)]
    by_node = {id(node): nid for nid, node in nodes.items()}
    theirs = [by_node[id(node)] for node in topological_order(nodes[doc.output])]
    assert mine == theirs


@pytest.mark.slow
def test_the_demo_graph_evaluates_to_the_engines_numbers_bit_for_bit():
    loss, params = demo_loss(Node)
    doc = from_node(loss, weights=params)
    loss.backward()
    result = evaluate(doc)
    engine_nodes = topological_order(loss)  # from_node adds nodes in this order
    assert len(engine_nodes) == len(doc) > 60_000
    mismatches = [
        nid
        for nid, node in zip(doc.nodes, engine_nodes, strict=True)
        if not (same_bits(result.grad[nid], node.grad) and same_bits(result.data[nid], node.data))
    ]
    assert mismatches == []
    # Weights are used by many nodes: the accumulation order matters for them.
    assert any(len(doc.users_of(nid)) > 50 for nid in doc.nodes if doc.nodes[nid].kind == "weight")


def test_a_partly_wired_graph_evaluates_what_it_can():
    doc = neuron()
    doc.disconnect("m2", 1)
    result = evaluate(doc)
    assert result.data["m1"] == -6.0
    assert result.data["m2"] is None and result.data["s"] is None and result.data["o"] is None
    assert result.grad["m2"] is None
    assert result.output is None  # x2 feeds nothing now: a second sink
    assert result.grad["x1"] is None  # so no gradients at all, rather than zeros
    assert [p.kind for p in result.problems["m2"]] == ["missing-input"]
    assert "input b is not connected" in result.problems["m2"][0].message
    assert [p.kind for p in result.problems["s"]] == ["missing-input"]
    assert "'m2'" in result.problems["s"][0].message or "×" in result.problems["s"][0].message


def test_no_output_is_a_problem_but_forward_still_runs():
    doc = neuron()
    extra = doc.add_node("op", op="neg")
    doc.connect("x1", extra, 0)  # a second sink: no implied output
    result = evaluate(doc)
    assert result.output is None
    assert result.data[extra] == -2.0
    assert [p.kind for p in result.problems[""]] == ["no-output"]
    assert all(g is None for g in result.grad.values())  # no zeros posing as gradients


def test_nan_and_inf_are_reported_where_they_start_with_the_ops_domain():
    doc = GraphDocument()
    x = doc.add_node("input", value=-2.0, id="x")
    log = doc.add_node("op", op="log", id="log")
    after = doc.add_node("op", op="exp", id="after")
    doc.connect(x, log, 0)
    doc.connect(log, after, 0)
    result = evaluate(doc)
    assert math.isnan(result.data["after"])
    assert [p.kind for p in result.problems["log"]] == ["nan"]
    assert "log(-2.0)" in result.problems["log"][0].message
    assert "a < 0" in result.problems["log"][0].message
    assert "after" not in result.problems  # nan in, nan out: not a new problem
    doc.set_value(x, 0.0)
    result = evaluate(doc)
    assert [p.kind for p in result.problems["log"]] == ["inf"]
    assert math.isnan(result.grad["x"])  # exp'(-inf) * log'(0) = 0 * inf
    assert "x" not in result.problems  # the -inf value upstream explains it


def test_a_derivative_that_breaks_down_at_finite_values_is_reported():
    doc = GraphDocument()
    base = doc.add_node("input", value=-2.0, id="base")
    exponent = doc.add_node("input", value=2.0, id="exponent")
    power = doc.add_node("op", op="pow", id="power")
    doc.connect(base, power, 0)
    doc.connect(exponent, power, 1)
    result = evaluate(doc)
    assert result.data["power"] == 4.0 and result.grad["base"] == -4.0
    assert math.isnan(result.grad["exponent"])
    [problem] = result.problems["exponent"]
    assert problem.kind == "nan-grad" and "'power' (pow)" in problem.message
    assert list(result.problems) == ["exponent"]


def test_value_edits_reuse_the_plan_and_structure_edits_rebuild_it():
    doc = neuron()
    evaluate(doc)
    plan = plan_for(doc)
    doc.set_value("x1", 1.0)
    doc.set_label("m1", "x1*w1")
    doc.set_pos("m1", (10, 20))
    result = evaluate(doc)
    assert plan_for(doc) is plan
    assert result.data["m1"] == -3.0
    doc.set_output("s")  # a new backward part, the same forward plan
    result = evaluate(doc)
    assert plan_for(doc) is plan and result.grad["o"] == 0.0 and result.grad["s"] == 1.0
    assert set(plan.backward) == {"o", "s"}
    doc.disconnect("s", 1)
    evaluate(doc)
    assert plan_for(doc) is not plan


def test_forward_only_leaves_gradients_at_zero():
    result = evaluate(neuron(), backward=False)
    assert result.data["o"] == pytest.approx(math.sqrt(0.5))
    assert set(result.grad.values()) == {0.0}


def test_empty_document():
    result = evaluate(GraphDocument())
    assert result.data == {} and result.grad == {} and result.ok

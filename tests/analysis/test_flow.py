"""Gradient flow: the gradient along each edge, the log-scale strength, zero grads and cuts."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings

from autograd_studio.analysis.flow import FlowCut, FlowLegend, cut_reason, gradient_flow
from autograd_studio.analysis.trace import backward_trace
from autograd_studio.engine import OPS
from autograd_studio.graph import Edge, GraphDocument, load
from autograd_studio.resources import examples_dir
from tests.analysis.test_trace import doc_of, documents, op, same

EXAMPLES = examples_dir()


def upstream_of(doc: GraphDocument, node: str) -> set[str]:
    """Every node *node* depends on (not itself)."""
    seen: set[str] = set()
    stack = [s for s in doc.inputs_of(node) if s is not None] if doc.nodes[node].op else []
    while stack:
        nid = stack.pop()
        if nid not in seen:
            seen.add(nid)
            if doc.nodes[nid].op:
                stack.extend(s for s in doc.inputs_of(nid) if s is not None)
    return seen


def test_neuron_dead_explains_the_notebooks_case_1():
    doc = load(EXAMPLES / "neuron-dead.agraph")
    result = doc.evaluate()
    flow = gradient_flow(doc, result)
    # the relu is the one cut, and it names its input's value
    relu_input = result.data["add2"]
    assert relu_input < 0
    assert flow.cuts == (FlowCut("y", 0, f"relu input {relu_input:.4f} < 0: local gradient 0"),)
    assert flow.cuts[0].reason == "relu input -1.3000 < 0: local gradient 0"
    # dimmed: exactly the nodes whose grad is exactly zero, which is everything upstream
    zero = {nid for nid, g in result.grad.items() if g == 0.0}
    assert flow.zero_grad == zero == upstream_of(doc, "y")
    assert "y" not in flow.zero_grad and flow.no_data == frozenset()
    # no edge carries anything, so there is no legend and every strength is 0
    assert all(flow.magnitude(edge) == 0.0 for edge in doc.edges)
    assert flow.legend is None
    assert {flow.edge_strength(edge) for edge in doc.edges} == {0.0}
    lines = flow.describe(doc)
    assert lines[0] == (
        "'y' (relu) passes no gradient to 'w1*x1 + w2*x2 + b': "
        "relu input -1.3000 < 0: local gradient 0"
    )
    assert lines[1] == "9 nodes have a gradient of exactly 0"


def test_neuron_active_has_no_cut_and_flows_the_chain_rule_products():
    doc = load(EXAMPLES / "neuron-active.agraph")
    result = doc.evaluate()
    flow = gradient_flow(doc, result)
    assert flow.cuts == () and flow.zero_grad == frozenset()
    # w1 -> w1*x1 carries grad(w1*x1) * x1; x2 -> w2*x2 carries grad(w2*x2) * w2
    assert flow.contribution[Edge("w1", "mul1", 0)] == result.grad["mul1"] * result.data["x1"]
    assert flow.contribution[Edge("x2", "mul2", 1)] == result.grad["mul2"] * result.data["w2"]
    assert set(flow.contribution) == set(doc.edges)
    # strength: the largest |flow| is 1, the smallest 0, the rest by log10 in between
    magnitudes = {edge: flow.magnitude(edge) for edge in doc.edges}
    low, high = min(magnitudes.values()), max(magnitudes.values())
    assert flow.legend == FlowLegend(low, high)
    for edge, m in magnitudes.items():
        expected = (math.log10(m) - math.log10(low)) / (math.log10(high) - math.log10(low))
        assert flow.edge_strength(edge) == pytest.approx(expected)
    assert flow.edge_strength(Edge("x2", "mul2", 1)) == 0.0  # 0.5 is the smallest
    assert flow.edge_strength(Edge("w2", "mul2", 0)) == 1.0  # 3.0 is the largest


def test_legend_strength_edge_cases():
    legend = FlowLegend(1e-3, 10.0)
    assert legend.strength(1e-3) == 0.0 and legend.strength(10.0) == 1.0
    assert legend.strength(0.1) == pytest.approx(0.5)
    assert legend.strength(1e-9) == 0.0 and legend.strength(1e9) == 1.0  # clamped
    assert legend.strength(0.0) == 0.0 and legend.strength(math.nan) == 0.0
    assert legend.strength(math.inf) == 1.0
    assert FlowLegend(2.0, 2.0).strength(2.0) == 1.0
    low = 1.1972543511097519e141  # and the next float: one logarithm, a scale of no length
    assert FlowLegend(low, math.nextafter(low, math.inf)).strength(low) == 1.0


def test_an_edge_outside_the_backward_pass_carries_nothing():
    doc, ids = doc_of(("a", 2.0), ("b", 3.0))
    y = op(doc, "mul", ids["a"], ids["b"], label="y")
    side = op(doc, "exp", ids["a"], label="side")
    doc.set_output(y)
    flow = gradient_flow(doc)
    assert Edge(ids["a"], side, 0) not in flow.contribution
    assert flow.magnitude(Edge(ids["a"], side, 0)) == 0.0
    assert flow.edge_strength(Edge(ids["a"], side, 0)) == 0.0
    assert side in flow.zero_grad  # not an ancestor of y: grad 0, as evaluate says
    assert flow.cuts == ()


def test_mul_by_a_zero_operand_is_a_cut_with_the_operand_named():
    doc, ids = doc_of(("w", 0.7), ("x", 0.0))
    y = op(doc, "mul", ids["w"], ids["x"], label="y")
    flow = gradient_flow(doc)
    assert flow.cuts == (FlowCut(y, 0, "other operand x is 0: local gradient 0"),)
    assert flow.zero_grad == {ids["w"]}  # x still gets w's value


def test_tanh_and_sigmoid_saturation_are_cuts_where_the_derivative_underflows():
    doc, ids = doc_of(("a", 25.0), ("b", -800.0))
    t = op(doc, "tanh", ids["a"], label="t")
    s = op(doc, "sigmoid", ids["b"], label="s")
    y = op(doc, "add", t, s, label="y")
    flow = gradient_flow(doc)
    assert OPS["tanh"].local(math.tanh(25.0), 25.0) == (0.0,)  # the premise: it underflows
    assert flow.cuts == (
        FlowCut(s, 0, "sigmoid input -800.0000 saturates: local gradient "
                      "(sigmoid(b)*(1 - sigmoid(b))) underflows to 0"),
        FlowCut(t, 0, "tanh input 25.0000 saturates: local gradient (1 - tanh(a)^2) "
                      "underflows to 0"),
    )  # fmt: skip
    assert flow.zero_grad == {ids["a"], ids["b"]}
    assert [cut.node_id for cut in flow.cuts] == backward_trace(doc).order[1:]
    assert y not in flow.zero_grad


def test_relu_at_exactly_zero_and_a_binary_formula_say_what_happened():
    doc, ids = doc_of(("a", 0.0), ("base", 2.0), ("e", 0.0))
    r = op(doc, "relu", ids["a"], label="r")
    p = op(doc, "pow", ids["base"], ids["e"], label="p")
    op(doc, "add", r, p, label="y")
    reasons = {(c.node_id, c.port): c.reason for c in gradient_flow(doc).cuts}
    assert reasons[(r, 0)] == "relu input 0.0000 = 0: local gradient 0"
    assert reasons[(p, 0)] == (
        "pow at base = 2.0000, exponent = 0.0000: local gradient (e*base^(e-1)) is 0"
    )
    assert cut_reason(doc, {ids["a"]: 0.0, r: 0.0}, r, 0) == reasons[(r, 0)]


def test_a_node_that_gets_no_gradient_from_above_is_not_a_cut():
    doc, ids = doc_of(("a", -1.0))
    r1 = op(doc, "relu", ids["a"], label="r1")
    op(doc, "relu", r1, label="r2")  # r2's input is 0: r2 cuts; r1 then has grad 0
    flow = gradient_flow(doc)
    assert [cut.node_id for cut in flow.cuts] == ["r2"]
    assert flow.zero_grad == {ids["a"], r1}


def test_nodes_without_data_are_apart_from_zero_grads():
    doc, ids = doc_of(("a", 2.0))
    y = op(doc, "exp", ids["a"], label="y")
    dangling = doc.add_node("op", op="mul", label="m")
    doc.connect(ids["a"], dangling, 0)
    doc.set_output(y)
    flow = gradient_flow(doc)
    assert flow.no_data == {dangling} and dangling not in flow.zero_grad


def test_a_trace_can_be_reused():
    doc = load(EXAMPLES / "tanh-neuron.agraph")
    trace = backward_trace(doc)
    flow = gradient_flow(doc, trace=trace)
    assert flow.output == trace.output == doc.output
    assert flow.contribution == gradient_flow(doc).contribution


@settings(max_examples=50, deadline=None)
@given(documents())
def test_random_documents_flow_equals_terms_and_upstream_times_local(doc):
    result = doc.evaluate()
    trace = backward_trace(doc)
    flow = gradient_flow(doc, result)
    terms = {
        Edge(term.target_id, step.node_id, term.port): term.contribution
        for step in trace.steps
        for term in step.terms
    }
    assert terms.keys() == flow.contribution.keys()
    for edge, flowed in flow.contribution.items():
        assert same(flowed, terms[edge])
        # independently: the target's final grad times the registry's local derivative
        # (through Op.chain, which multiplies except at PyTorch's edges: 0 for relu's cut)
        sources = doc.inputs_of(edge.target)
        entry = OPS[doc.nodes[edge.target].op]
        xs = [result.data[s] for s in sources]
        sent = entry.chain(result.grad[edge.target], result.data[edge.target], *xs)
        assert same(flowed, sent[edge.port])
        assert 0.0 <= flow.edge_strength(edge) <= 1.0
    assert flow.zero_grad == {nid for nid, g in result.grad.items() if g == 0.0}
    assert flow.no_data == {nid for nid, g in result.grad.items() if g is None}
    for cut in flow.cuts:
        assert result.grad[cut.node_id] != 0.0
        source = doc.inputs_of(cut.node_id)[cut.port]
        assert flow.contribution[Edge(source, cut.node_id, cut.port)] == 0.0
        assert "local gradient" in cut.reason


@settings(max_examples=50, deadline=None)
@given(documents())
def test_random_documents_flow_from_the_plan_is_the_flow_from_the_trace(doc):
    result = doc.evaluate()
    from_plan = gradient_flow(doc, result)
    from_trace = gradient_flow(doc, trace=backward_trace(doc, result))
    for field in ("output", "zero_grad", "no_data", "cuts", "legend"):
        assert getattr(from_plan, field) == getattr(from_trace, field), field
    plan_items, trace_items = from_plan.contribution.items(), from_trace.contribution.items()
    assert [edge for edge, _ in plan_items] == [edge for edge, _ in trace_items]  # same order
    assert all(same(a, b) for (_, a), (_, b) in zip(plan_items, trace_items, strict=True))
    assert from_plan.undefined == from_trace.undefined
    for edge in doc.edges:
        assert same(from_plan.magnitude(edge), from_trace.magnitude(edge))
        terms = [flow.term(edge.source, edge.target, edge.port) for flow in (from_plan, from_trace)]
        assert same(*terms) and same(terms[0], from_plan.contribution.get(edge, 0.0))
        assert from_plan.term("not-a-node", edge.target, edge.port) == 0.0
        assert from_plan.term(edge.source, edge.target, edge.port + 3) == 0.0
    outside = Edge("not-a-node", "neither", 0)
    assert outside not in from_plan.contribution and from_plan.magnitude(outside) == 0.0
    assert from_plan.term("not-a-node", "neither", 0) == 0.0


def test_the_demo_flow_from_the_plan_is_the_flow_from_the_trace():
    doc = load(EXAMPLES / "micrograd-demo.agraph")
    result = doc.evaluate()
    from_plan = gradient_flow(doc, result)
    assert len(from_plan.cuts) > 1000 and len(from_plan.contribution) == doc.edge_count
    assert from_plan == gradient_flow(doc, trace=backward_trace(doc, result))


def test_a_cut_writes_its_reason_when_first_read():
    calls = []
    cut = FlowCut("y", 0, lambda node_id, port: calls.append((node_id, port)) or "why")
    assert calls == []
    assert cut.reason == "why" and cut.reason == "why"
    assert calls == [("y", 0)]
    assert cut == FlowCut("y", 0, "why") and cut != FlowCut("y", 1, "why")
    assert repr(cut) == "FlowCut('y', 0, 'why')"


def test_describe_can_stop_after_a_few_cuts():
    doc = load(EXAMPLES / "micrograd-moons.agraph")
    flow = gradient_flow(doc, doc.evaluate())
    every = flow.describe(doc)
    assert len(flow.cuts) > 3 and len(every) == len(flow.cuts) + 1
    assert flow.describe(doc, limit=2) == [*every[:2], every[-1]]
    assert flow.describe(doc, limit=len(flow.cuts)) == every

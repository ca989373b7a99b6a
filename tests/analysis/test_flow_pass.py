"""The gradient flow's pass over arrays: by level and op kind, the per-node pass's numbers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_studio.analysis.flow import gradient_flow
from autograd_studio.analysis.flow_pass import flow_layout
from autograd_studio.analysis.trace import backward_trace
from autograd_studio.graph import GraphDocument
from autograd_studio.graph.plan import plan_for
from tests.analysis.test_trace import doc_of, op, same


def summed(doc: GraphDocument, *operands: str) -> str:
    """A sum node of *operands* (as many ports as operands)."""
    nid = doc.add_node("op", op="sum", arity=len(operands))
    for port, source in enumerate(operands):
        doc.connect(source, nid, port)
    return nid


def flows_agree(doc: GraphDocument) -> None:
    """The flow from the plan's arrays equals the flow from the per-node trace, bit for bit."""
    result = doc.evaluate()
    from_plan = gradient_flow(doc, result)
    from_trace = gradient_flow(doc, trace=backward_trace(doc, result))
    assert [edge for edge in from_plan.contribution] == [edge for edge in from_trace.contribution]
    for edge, term in from_trace.contribution.items():
        assert same(from_plan.contribution[edge], term), edge
    for field in ("zero_grad", "no_data", "cuts", "legend"):
        assert getattr(from_plan, field) == getattr(from_trace, field), field


def test_a_node_with_several_users_adds_their_terms_in_backwards_order():
    # x's users send 1e16, -1e16 and 1 twice: added in some orders x's grad is 0, in others
    # 1 or 2 (1e16 + 1 rounds to 1e16), and the term x passes on to a shows which.
    doc, ids = doc_of(("a", 1.0), ("big", 1e16), ("one", 1.0), ("minus", -1e16))
    x = op(doc, "neg", ids["a"], label="x")
    m1 = op(doc, "mul", x, ids["big"])
    m2 = op(doc, "neg", op(doc, "neg", op(doc, "mul", x, ids["one"])))  # deeper than the rest
    m3 = op(doc, "mul", x, ids["minus"])
    m4 = op(doc, "mul", x, ids["one"])
    doc.set_output(summed(doc, m1, m2, m3, m4))
    flows_agree(doc)
    trace = backward_trace(doc)
    sent = [term.contribution for step in trace.steps for term in step.terms if term.target_id == x]
    grad_x = 0.0
    for term in sent:  # the per-node pass adds them in its steps' order
        grad_x += term
    assert grad_x != sum(reversed(sent))  # (the order shows)
    assert same(gradient_flow(doc).term(ids["a"], x, 0), -grad_x)


@st.composite
def fans(draw) -> GraphDocument:
    """One op used by many others at different depths, their terms of every magnitude."""
    doc, ids = doc_of(("a", draw(st.floats(-3.0, 3.0))))
    hub = op(doc, draw(st.sampled_from(["neg", "tanh", "exp"])), ids["a"])
    ends = []
    magnitudes = st.floats(-1e12, 1e12, allow_subnormal=False)
    for k in range(draw(st.integers(3, 9))):
        weight = doc.add_node("weight", label=f"w{k}", value=draw(magnitudes))
        node = op(doc, "mul", hub, weight)
        for _ in range(draw(st.integers(0, 3))):  # users at different heights
            node = op(doc, draw(st.sampled_from(["neg", "relu", "sin"])), node)
        ends.append(node)
    doc.set_output(summed(doc, *ends))
    return doc


@settings(max_examples=40, deadline=None)
@given(fans())
def test_random_fans_flow_as_the_per_node_pass(doc):
    flows_agree(doc)


def test_the_layout_is_built_once_per_backward_plan():
    doc, ids = doc_of(("a", 2.0), ("b", 3.0))
    y = op(doc, "mul", ids["a"], ids["b"])
    doc.set_output(y)
    gradient_flow(doc)
    plan = plan_for(doc)
    layout = flow_layout(plan, plan.backward_for(y))
    gradient_flow(doc)
    assert flow_layout(plan, plan.backward_for(y)) is layout
    z = op(doc, "add", y, ids["a"])
    doc.set_output(z)
    plan = plan_for(doc)
    assert flow_layout(plan, plan.backward_for(z)) is not layout
    flows_agree(doc)

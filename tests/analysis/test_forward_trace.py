"""The forward-mode step-through: tangent rules with real numbers, the evaluator's bits."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_studio.analysis.forward_trace import forward_trace
from autograd_studio.graph import GraphDocument, load
from autograd_studio.graph.document import Edge
from autograd_studio.graph.errors import UnknownNodeError
from autograd_studio.resources import examples_dir
from tests.graph.strategies import mirrored_graphs, same_bits

EXAMPLES = examples_dir()


def neuron() -> tuple[GraphDocument, dict[str, str]]:
    doc = load(EXAMPLES / "neuron-active.agraph")
    return doc, {record.label: nid for nid, record in doc.nodes.items()}


def test_the_neurons_forward_step_through_gives_the_notebooks_numbers():
    doc, ids = neuron()
    trace = forward_trace(doc, wrt=ids["w1"])
    assert trace.seed_text == "dot(w1) = 1"
    assert [step.text for step in trace.steps] == [
        "dot(w1*x1) = dot(w1)*x1 + w1*dot(x1) = 1.0000 * 2.0000 + 1.0000 * 0 = 2.0000",
        "dot(w1*x1 + w2*x2) = dot(w1*x1) + dot(w2*x2) = 2.0000 + 0 = 2.0000",
        "dot(w1*x1 + w2*x2 + b) = dot(w1*x1 + w2*x2) + dot(b) = 2.0000 + 0 = 2.0000",
        "dot(y) = dot(w1*x1 + w2*x2 + b)*[(w1*x1 + w2*x2 + b) > 0] = 2.0000 * 1 = 2.0000",
    ]
    assert trace.final_tangents[ids["y"]] == 2.0  # d y/d w1 = x1 in the notebook's case 2
    assert trace.step_of(ids["w2*x2"]) is None  # w2*x2 does not depend on w1


def test_the_cursor_moves_through_the_tangents():
    doc, ids = neuron()
    trace = forward_trace(doc, wrt=ids["x2"])
    assert trace.order == [ids["w2*x2"], ids["w1*x1 + w2*x2"], ids["w1*x1 + w2*x2 + b"], ids["y"]]
    seed = trace.tangents_after(0)
    assert seed[ids["x2"]] == 1.0 and seed[ids["w2*x2"]] is None
    assert trace.tangents_after(1)[ids["w2*x2"]] == 0.5
    assert trace.tangents_after(1)[ids["y"]] is None
    assert trace.tangents_after(4)[ids["y"]] == 0.5
    assert trace.steps[0].edges == (Edge(ids["x2"], ids["w2*x2"], 1),)
    with pytest.raises(IndexError):
        trace.tangents_after(5)


def test_subtraction_and_ops_without_local_text_are_written_out():
    doc = GraphDocument()
    a = doc.add_node("input", label="a", value=5.0)
    b = doc.add_node("input", label="b", value=2.0)
    d = doc.add_node("op", op="sub", label="d")
    doc.connect(a, d, 0)
    doc.connect(b, d, 1)
    q = doc.add_node("op", op="div", label="q")
    doc.connect(d, q, 0)
    doc.connect(b, q, 1)
    trace = forward_trace(doc, wrt=b)
    assert trace.steps[0].text == "dot(d) = dot(a) - dot(b) = 0 - 1.0000 = -1.0000"
    assert trace.steps[1].text.startswith("dot(q) = dot(d)*(1/b) + dot(b)*(-d/b^2) = ")
    assert trace.final_tangents[q] == doc.evaluate(wrt=b).tangent[q] == -1.0 / 2 - 3.0 / 4


@settings(max_examples=80)
@given(mirrored_graphs(), st.data())
def test_the_last_steps_tangents_are_the_evaluators_bit_for_bit(graph, data):
    wrt = data.draw(st.sampled_from(sorted(graph.nodes)))
    trace = forward_trace(graph.doc, wrt)
    expected = graph.doc.evaluate(wrt=wrt).tangent
    final = trace.final_tangents
    assert all(same_bits(final[nid], expected[nid]) for nid in graph.doc.nodes)
    assert len(trace) == sum(t is not None for t in expected.values()) - 1  # wrt is the seed


def test_without_wrt_or_data_there_is_nothing_to_step_through():
    doc, _ = neuron()
    assert len(forward_trace(doc, None)) == 0
    assert "choose an input" in forward_trace(doc, None).notes[0]
    with pytest.raises(UnknownNodeError):
        forward_trace(doc, "nope")
    lonely = doc.add_node("op", op="exp", label="lonely")
    trace = forward_trace(doc, lonely)
    assert trace.wrt is None and "'lonely' has no data" in trace.notes[0]


def test_a_function_nodes_inner_steps_are_traced_with_their_names():
    from tests.graph.test_evaluate import neuron

    doc = neuron()
    f = doc.group(["m1", "m2", "s", "n", "o"])
    trace = forward_trace(doc, "w1")
    assert trace.final_tangents[f] == doc.evaluate(wrt="w1").tangent[f]
    assert any(step.node_id == f"{f}/m1" for step in trace.steps)
    assert all(step.text.startswith("dot(") for step in trace.steps)

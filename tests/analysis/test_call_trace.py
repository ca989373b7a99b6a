"""Backward one function call at a time: the same numbers as entering every call, fewer
steps, each call's step saying what went in, what came out and what each input got."""

from __future__ import annotations

from autograd_studio.analysis.call_trace import (
    CallTrace,
    ForwardCallTrace,
    by_calls,
    forward_by_calls,
)
from autograd_studio.analysis.forward_trace import forward_trace
from autograd_studio.analysis.trace import backward_trace
from autograd_studio.graph import GraphDocument
from autograd_studio.graph.functions import FunctionDef
from tests.graph.strategies import same_bits
from tests.graph.test_evaluate import neuron


def layers() -> GraphDocument:
    """scale(scale(a) * b): the inner call is fed by an op, so the engine's order runs the
    outer call's nodes around it."""
    body = GraphDocument()
    body.add_node("input", id="x", value=1.0)
    body.add_node("weight", id="w", value=0.5)
    body.add_node("op", op="mul", id="m")
    body.connect("x", "m", 0)
    body.connect("w", "m", 1)
    body.add_node("op", op="tanh", id="t")
    body.connect("m", "t", 0)
    doc = GraphDocument()
    doc.add_function(FunctionDef("scale", body, inputs=["x"], outputs=["t"]))
    doc.add_node("input", id="a", value=3.0)
    doc.add_node("input", id="b", value=-2.0)
    doc.add_node("function", function="scale", id="f")
    doc.connect("a", "f", 0)
    doc.add_node("op", op="mul", id="fb")
    doc.connect("f", "fb", 0)
    doc.connect("b", "fb", 1)
    doc.add_node("function", function="scale", id="g")
    doc.connect("fb", "g", 0)
    doc.set_output("g")
    return doc


def test_a_document_without_functions_keeps_its_trace():
    doc = neuron()
    trace = backward_trace(doc)
    assert by_calls(trace, doc) is trace


def test_each_call_is_one_step_with_the_entered_traces_numbers():
    doc = neuron()
    call = doc.group(["m1", "m2", "s", "n"])
    result = doc.evaluate()
    entered = backward_trace(doc, result)  # the evaluation's own numbers, functions or not
    calls = by_calls(backward_trace(doc, result), doc)
    assert isinstance(calls, CallTrace)
    assert len(entered) == 5 and len(calls) == 2
    assert calls.order == ["o", call]
    step = calls.steps[1]
    assert step.node_id == call
    assert {t.target_id for t in step.terms} == {"x1", "x2", "w1", "w2", "b"}
    assert step.terms[0].hint.startswith(f"{call} = {doc.nodes[call].function}(x1 = ")
    # the canvas shows the call's grad (its output's) on the function node
    assert same_bits(calls.grads_after(1)[call], entered.grads_after(1)[f"{call}/n"])
    final = calls.final_grads
    for leaf in ("x1", "x2", "w1", "w2", "b"):
        assert same_bits(final[leaf], result.grad[leaf])
        term = next(t for t in step.terms if t.target_id == leaf)
        assert same_bits(term.after, result.grad[leaf])
    # the relu's step names the call it feeds back into, as the canvas shows it
    (term,) = calls.steps[0].terms
    assert term.target_id == call and f"grad({call})" in term.text
    assert calls.edges_receiving(2) == [e for e in doc.edges if e.target == call]


def test_a_call_the_engine_interleaves_shows_as_parts_and_the_numbers_stay_exact():
    doc = layers()
    result = doc.evaluate()
    entered = backward_trace(doc, result)
    calls = by_calls(entered, doc)
    assert len(calls) < len(entered)
    assert set(calls.order) <= {"f", "g", "fb"}
    for k in range(len(calls) + 1):
        grads = calls.grads_after(k)
        done = calls.entered_position(k)
        assert all(grads[nid] == g for nid, g in entered.grads_after(done).items())
    for nid in ("a", "b"):
        assert same_bits(calls.final_grads[nid], result.grad[nid])
    assert calls.steps[-1].terms[0].target_id == "a"
    # the shared weight's gradient comes from both calls, and says so by name
    texts = " ".join(t.text for s in calls.steps for t in s.terms)
    assert "grad(scale.w)" in texts


def test_forward_mode_by_calls_carries_the_tangents_through_a_call_at_once():
    doc = neuron()
    call = doc.group(["m1", "m2", "s", "n"])
    result = doc.evaluate()
    entered = forward_trace(doc, "w1", result)
    calls = forward_by_calls(entered, doc)
    assert isinstance(calls, ForwardCallTrace)
    assert len(entered) == 4 and len(calls) == 2  # m2 does not depend on w1
    assert calls.order == [call, "o"]
    step = calls.steps[0]
    assert [e.source for e in step.edges] == ["w1"]  # the only input carrying a tangent
    assert step.tangent == entered.tangents_after(3)[call] == 2.0  # d(w1*x1 + ...)/dw1 = x1
    assert step.text.startswith(f"dot({call}) = 2.0000")
    for k in range(len(calls) + 1):
        assert calls.tangents_after(k) == entered.tangents_after(calls.entered_position(k))
    expected = doc.evaluate(wrt="w1").tangent
    assert same_bits(calls.final_tangents["o"], expected["o"])
    # the relu's step comes along the edge from the call's node, as the canvas draws it
    assert [e.source for e in calls.steps[1].edges] == [call]

"""The step-through backward: the engine's order, exact grads at every step, chain-rule lines."""

from __future__ import annotations

import dataclasses
import doctest
import math
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_studio.analysis.trace import Term, backward_trace, local_expression
from autograd_studio.engine import OPS
from autograd_studio.engine.node import topological_order
from autograd_studio.graph import Edge, GraphDocument, load
from autograd_studio.interop.engine_bridge import to_node
from autograd_studio.resources import examples_dir

EXAMPLES = examples_dir()
SMALL_EXAMPLES = ["neuron-dead", "neuron-active", "tanh-neuron", "node-reuse", "mlp-mse"]


def same(a: float | None, b: float | None) -> bool:
    """Bit-for-bit equal floats (nan equals nan, 0.0 differs from -0.0), or both None."""
    if a is None or b is None:
        return a is b
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)


def assert_same_grads(got: dict, expected: dict) -> None:
    assert got.keys() == expected.keys()
    wrong = {k: (got[k], expected[k]) for k in got if not same(got[k], expected[k])}
    assert not wrong


def engine_order(doc: GraphDocument) -> list[str]:
    """The op nodes in the order Node.backward runs their local backward."""
    nodes = to_node(doc)
    id_of = {node: nid for nid, node in nodes.items()}
    order = topological_order(nodes[doc.output])
    return [id_of[node] for node in reversed(order) if node.op]


def doc_of(*leaves: tuple[str, float]) -> tuple[GraphDocument, dict[str, str]]:
    doc = GraphDocument()
    ids = {label: doc.add_node("input", label=label, value=value) for label, value in leaves}
    return doc, ids


def op(doc: GraphDocument, name: str, *operands: str, label: str = "") -> str:
    nid = doc.add_node("op", op=name, label=label)
    for port, source in enumerate(operands):
        doc.connect(source, nid, port)
    return nid


# --- order and final grads -------------------------------------------------------------------


def test_neuron_active_steps_run_in_the_engines_reverse_topological_order():
    doc = load(EXAMPLES / "neuron-active.agraph")
    trace = backward_trace(doc)
    order = [step.node_id for step in trace.steps]
    assert order == trace.order == engine_order(doc)
    assert [step.index for step in trace.steps] == list(range(1, len(order) + 1))
    position = {nid: k for k, nid in enumerate(order)}
    assert set(position) == {nid for nid, r in doc.nodes.items() if r.kind == "op"}
    for edge in doc.edges:  # every user of a node runs before the node itself
        if edge.source in position:
            assert position[edge.target] < position[edge.source]
    assert trace.seed_text == "grad(y) = 1"
    seeded = trace.grads_after(0)
    assert seeded["y"] == 1.0
    assert all(g == 0.0 for nid, g in seeded.items() if nid != "y")


@pytest.mark.parametrize("name", SMALL_EXAMPLES)
def test_grads_after_the_last_step_equal_a_full_backward_bit_for_bit(name):
    doc = load(EXAMPLES / f"{name}.agraph")
    trace = backward_trace(doc)
    assert_same_grads(trace.grads_after(len(trace)), doc.evaluate().grad)
    # and the engine's own Node.backward on the same graph
    nodes = to_node(doc)
    nodes[doc.output].backward()
    assert_same_grads(trace.final_grads, {nid: node.grad for nid, node in nodes.items()})
    assert [step.node_id for step in trace.steps] == engine_order(doc)


@pytest.mark.slow
def test_the_65k_node_demo_has_one_step_per_op_and_the_full_backwards_grads():
    doc = load(EXAMPLES / "micrograd-demo.agraph")
    result = doc.evaluate()
    trace = backward_trace(doc, result)
    ops = sum(1 for r in doc.nodes.values() if r.kind == "op")
    assert len(trace) == ops == len(trace.order)
    assert_same_grads(trace.final_grads, result.grad)
    last = trace.steps[-1]  # written on demand: the last step has real numbers too
    assert last.index == len(trace) and len(last.terms) == doc.nodes[last.node_id].arity


# --- stepping back and forth ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["neuron-active", "node-reuse", "mlp-mse"])
def test_stepping_back_restores_every_previous_state_exactly(name):
    doc = load(EXAMPLES / f"{name}.agraph")
    trace = backward_trace(doc)
    forward = [trace.grads_after(k) for k in range(len(trace) + 1)]
    # Independent of the cursor: each state is the previous one plus that step's terms.
    for k, step in enumerate(trace.steps, start=1):
        expected = dict(forward[k - 1])
        for term in step.terms:
            assert same(term.before, expected[term.target_id])
            expected[term.target_id] += step.upstream_grad * term.local_derivative
            assert same(term.after, expected[term.target_id])
        assert_same_grads(forward[k], expected)
        # a node's grad is final by the time its own step runs
        assert same(step.upstream_grad, forward[-1][step.node_id])
    for k in reversed(range(len(trace) + 1)):
        assert_same_grads(trace.grads_after(k), forward[k])
    jumps = random.Random(6).choices(range(len(trace) + 1), k=40)
    for k in jumps:
        assert_same_grads(trace.grads_after(k), forward[k])


def test_a_returned_state_is_a_copy_the_cursor_does_not_change():
    doc = load(EXAMPLES / "neuron-active.agraph")
    trace = backward_trace(doc)
    seed = trace.grads_after(0)
    trace.grads_after(len(trace))
    assert seed["w1"] == 0.0


def test_steps_outside_the_range_are_refused():
    trace = backward_trace(load(EXAMPLES / "neuron-active.agraph"))
    for bad in (-1, len(trace) + 1):
        with pytest.raises(IndexError):
            trace.grads_after(bad)
        with pytest.raises(IndexError):
            trace.edges_receiving(bad)


# --- accumulation across uses ------------------------------------------------------------------


def test_a_times_a_shows_two_terms_for_a_with_the_right_numbers():
    doc, ids = doc_of(("a", 3.0))
    y = op(doc, "mul", ids["a"], ids["a"], label="y")
    trace = backward_trace(doc)
    (step,) = trace.steps
    assert step.node_id == y and step.upstream_grad == 1.0
    first, second = step.terms
    assert [t.target_id for t in step.terms] == [ids["a"], ids["a"]]
    assert [t.port for t in step.terms] == [0, 1]
    assert (first.local_derivative, first.contribution, first.before, first.after) == (
        3.0,
        3.0,
        0.0,
        3.0,
    )
    assert (second.local_derivative, second.contribution, second.before, second.after) == (
        3.0,
        3.0,
        3.0,
        6.0,
    )
    assert first.text == "grad(a) += grad(y) * a = 1.0000 * 3.0000 = 3.0000"
    assert second.text == "grad(a) += grad(y) * a = 1.0000 * 3.0000 = 3.0000, so grad(a) = 6.0000"
    assert trace.edges_receiving(1) == [Edge(ids["a"], y, 0), Edge(ids["a"], y, 1)]
    assert trace.edges_receiving(0) == []


def test_b_is_a_plus_a_and_c_is_b_plus_b_gives_two_terms_per_step():
    doc, ids = doc_of(("a", -1.5))
    b = op(doc, "add", ids["a"], ids["a"], label="b")
    c = op(doc, "add", b, b, label="c")
    trace = backward_trace(doc)
    assert trace.order == [c, b]
    step_c, step_b = trace.steps
    assert [(t.target_id, t.before, t.after) for t in step_c.terms] == [
        (b, 0.0, 1.0),
        (b, 1.0, 2.0),
    ]
    assert step_b.upstream_grad == 2.0
    assert [(t.target_id, t.before, t.after) for t in step_b.terms] == [
        (ids["a"], 0.0, 2.0),
        (ids["a"], 2.0, 4.0),
    ]
    assert (
        step_c.terms[1].text == "grad(b) += grad(c) * 1 = 1.0000 * 1 = 1.0000, so grad(b) = 2.0000"
    )
    assert trace.grads_after(1)[ids["a"]] == 0.0 and trace.grads_after(1)[b] == 2.0
    assert trace.final_grads[ids["a"]] == 4.0 == doc.evaluate().grad[ids["a"]]
    assert trace.edges_receiving(2) == [Edge(ids["a"], b, 0), Edge(ids["a"], b, 1)]


# --- the chain-rule lines ----------------------------------------------------------------------


def test_mul_add_and_relu_lines_carry_the_real_numbers():
    doc = load(EXAMPLES / "neuron-active.agraph")
    trace = backward_trace(doc)
    lines = [term.text for step in trace.steps for term in step.terms]
    assert "grad(w1) += grad(w1*x1) * x1 = 1.0000 * 2.0000 = 2.0000" in lines
    assert "grad(x2) += grad(w2*x2) * w2 = 1.0000 * 0.5000 = 0.5000" in lines
    assert "grad(b) += grad(w1*x1 + w2*x2 + b) * 1 = 1.0000 * 1 = 1.0000" in lines
    relu = trace.step_of("y")
    assert relu is trace.steps[0]
    assert relu.text == (
        "grad(w1*x1 + w2*x2 + b) += grad(y) * [(w1*x1 + w2*x2 + b) > 0] = 1.0000 * 1 = 1.0000"
    )
    assert relu.terms[0].hint == "∂/∂a = 1 if a > 0 else 0"
    assert trace.step_of("x1") is None


def test_relu_line_as_the_issue_writes_it():
    doc, ids = doc_of(("a", 0.75))
    op(doc, "relu", ids["a"], label="y")
    (step,) = backward_trace(doc).steps
    assert step.text == "grad(a) += grad(y) * [a > 0] = 1.0000 * 1 = 1.0000"
    doc.set_value(ids["a"], -0.5)
    (step,) = backward_trace(doc).steps
    assert step.text == "grad(a) += grad(y) * [a > 0] = 1.0000 * 0 = 0.0000"


def test_a_formula_is_grouped_and_its_number_shown():
    doc, ids = doc_of(("a", 0.5))
    y = op(doc, "tanh", ids["a"], label="y")
    (step,) = backward_trace(doc).steps
    local = 1.0 - math.tanh(0.5) ** 2
    assert step.terms[0].local_derivative == pytest.approx(local, rel=1e-15)
    assert step.text == f"grad(a) += grad(y) * (1 - tanh(a)^2) = 1.0000 * {local:.4f} = {local:.4f}"
    assert backward_trace(doc).step_of(y) is not None


def test_an_op_without_local_text_shows_the_number_and_the_registry_hint(monkeypatch):
    monkeypatch.setitem(OPS, "tanh", dataclasses.replace(OPS["tanh"], local_text=()))
    doc, ids = doc_of(("a", 0.5))
    op(doc, "tanh", ids["a"], label="y")
    (step,) = backward_trace(doc).steps
    local = f"{1.0 - math.tanh(0.5) ** 2:.4f}"
    assert step.text == f"grad(a) += grad(y) * ∂y/∂a = 1.0000 * {local} = {local}"
    assert step.terms[0].hint == "∂/∂a = 1 − tanh²a"


def test_tiny_and_huge_numbers_are_not_rounded_away():
    doc, ids = doc_of(("a", 2.5e-7), ("b", 4.0))
    op(doc, "mul", ids["a"], ids["b"], label="y")
    (step,) = backward_trace(doc).steps
    assert step.terms[1].text == "grad(b) += grad(y) * a = 1.0000 * 2.500e-07 = 2.500e-07"


def _python(template: str, xs: list[float]) -> float:
    """A local_text template as Python, to check the registry's words against its numbers."""
    template = re.sub(r"\[(.*)\]", r"float(\1)", template)  # an indicator: 1.0 or 0.0
    code = template.format(*[f"x[{i}]" for i in range(len(xs))]).replace("^", "**")
    env = {"x": xs, "exp": math.exp, "ln": math.log, "tanh": math.tanh, "sin": math.sin}
    env.update(
        cos=math.cos,
        sqrt=lambda a: math.sqrt(a) if a >= 0 else math.nan,
        sign=lambda a: math.copysign(1.0, a) if a else 0.0,
    )
    env["sigmoid"] = lambda a: 1.0 / (1.0 + math.exp(-a))
    return eval(code, env)  # our own registry strings, not user input


@pytest.mark.parametrize("name", list(OPS))
def test_every_ops_local_text_says_what_its_local_derivative_computes(name):
    entry = OPS[name]
    # a variadic op (sum) writes one text for every port
    assert len(entry.local_text) == (1 if entry.variadic else entry.arity)
    points = [[0.7, 1.3], [1.9, -0.6], [2.2, 3.0]] if entry.arity == 2 else [[0.7], [-0.6]]
    if entry.variadic:
        points.append([0.7, -1.3, 2.5, 0.25])
    for xs in points:
        out = entry.forward(*xs)
        for port in range(len(xs)):
            template = entry.port_local_text(port)
            expected = entry.local(out, *xs)[port]
            # nan where the op is undefined (sqrt of a negative): the words say so too
            assert _python(template, xs) == pytest.approx(expected, rel=1e-12, nan_ok=True)


def test_local_expression_names_operands():
    names = ["w1", "x1"]
    assert local_expression(OPS["mul"], 0, names, 2.0) == ("x1", "2.0000")
    assert local_expression(OPS["add"], 1, names, 1.0) == ("1", "1")
    assert local_expression(OPS["sub"], 1, names, -1.0) == ("(-1)", "-1")
    assert local_expression(OPS["div"], 0, names, 0.5) == ("(1/x1)", "0.5000")


# --- what cannot be traced ---------------------------------------------------------------------


def test_nodes_without_data_are_skipped_with_a_note():
    doc, ids = doc_of(("a", 2.0), ("b", 3.0))
    y = op(doc, "mul", ids["a"], ids["b"], label="y")
    dangling = doc.add_node("op", op="add", label="half")
    doc.connect(ids["a"], dangling, 0)
    later = op(doc, "exp", dangling, label="later")
    doc.set_output(y)
    trace = backward_trace(doc)
    assert trace.order == [y]
    assert any("'half' has no data" in note for note in trace.notes)
    assert any("'later' has no data" in note for note in trace.notes)
    grads = trace.final_grads
    assert grads[dangling] is None and grads[later] is None
    assert trace.data[dangling] is None and trace.data[y] == 6.0
    assert_same_grads(grads, doc.evaluate().grad)


def test_an_output_without_data_or_no_output_gives_no_steps_and_says_why():
    doc, ids = doc_of(("a", 2.0))
    y = doc.add_node("op", op="mul", label="y")
    doc.connect(ids["a"], y, 0)
    trace = backward_trace(doc)
    assert len(trace) == 0 and trace.output is None and trace.seed_text == ""
    assert "the output 'y' has no data" in trace.notes[0]
    assert_same_grads(trace.grads_after(0), doc.evaluate().grad)
    doc.connect(ids["a"], y, 1)
    op(doc, "exp", ids["a"])  # a second sink: no output any more
    trace = backward_trace(doc)
    assert len(trace) == 0 and trace.notes[0].startswith("no output node")
    assert_same_grads(trace.grads_after(0), doc.evaluate().grad)


def test_a_leaf_output_has_only_the_seed():
    doc, ids = doc_of(("a", 2.0))
    trace = backward_trace(doc)
    assert len(trace) == 0 and trace.seed_text == "grad(a) = 1"
    assert trace.grads_after(0) == {ids["a"]: 1.0}


def test_a_result_from_another_document_is_refused_and_a_matching_one_is_used():
    doc = load(EXAMPLES / "neuron-active.agraph")
    other, _ids = doc_of(("q", 1.0))
    with pytest.raises(ValueError, match="does not belong"):
        backward_trace(doc, other.evaluate())
    result = doc.evaluate()
    doc.set_value("w1", -5.0)  # the trace explains the numbers of the result it was given
    trace = backward_trace(doc, result)
    assert trace.data["w1"] == 1.0
    assert_same_grads(trace.final_grads, result.grad)


# --- random documents --------------------------------------------------------------------------

VALUES = st.one_of(st.sampled_from([0.0, -0.0, 1.0, -1.0, 2.0, 0.5]), st.floats(-3.0, 3.0))


@st.composite
def documents(draw) -> GraphDocument:
    """Random small DAGs built through the document API: reuse, every op, gaps, dead ends."""
    doc = GraphDocument()
    nodes = [
        doc.add_node(draw(st.sampled_from(["input", "weight"])), value=draw(VALUES))
        for _ in range(draw(st.integers(1, 4)))
    ]
    for _ in range(draw(st.integers(2, 9))):
        name = draw(st.sampled_from(sorted(OPS)))
        nid = doc.add_node("op", op=name)
        for port in range(OPS[name].arity):
            if draw(st.integers(0, 40)) == 0:
                continue  # now and then an unconnected port: a node without data
            recent = draw(st.booleans())  # half the time a recent node: deeper graphs
            doc.connect(draw(st.sampled_from(nodes[-2:] if recent else nodes)), nid, port)
        nodes.append(nid)
    doc.set_output(draw(st.sampled_from([nodes[-1]] * 3 + nodes[-3:])))
    return doc


@settings(max_examples=60, deadline=None)
@given(documents(), st.lists(st.integers(0, 20), max_size=6))
def test_random_documents_trace_to_the_evaluators_grads_bit_for_bit(doc, jumps):
    result = doc.evaluate()
    trace = backward_trace(doc)
    final = trace.final_grads
    assert_same_grads(final, result.grad)
    states = [trace.grads_after(k) for k in range(len(trace) + 1)]
    assert_same_grads(states[-1], final)
    for k in jumps:
        k = min(k, len(trace))
        assert_same_grads(trace.grads_after(k), states[k])
    for step in trace.steps:
        assert all(isinstance(term, Term) and term.text.startswith("grad(") for term in step.terms)


def test_the_docstring_examples_run():
    from autograd_studio.analysis import flow, trace

    for module in (trace, flow):
        failed, attempted = doctest.testmod(module)
        assert attempted > 0 and failed == 0

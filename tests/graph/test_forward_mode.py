"""Forward mode and a chosen backward target on documents, through the compiled plan."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_studio.engine import OPS
from autograd_studio.graph import GraphDocument, load
from autograd_studio.graph.errors import UnknownNodeError
from autograd_studio.resources import examples_dir
from tests.graph.strategies import mirrored_graphs, same_bits

EXAMPLES = examples_dir()
SMALL = [p for p in sorted(EXAMPLES.glob("*.agraph")) if p.stat().st_size < 100_000]


def leaf_ids(doc: GraphDocument) -> list[str]:
    return [nid for nid, record in doc.nodes.items() if record.op is None]


@settings(max_examples=120)
@given(mirrored_graphs(), st.data())
def test_plan_tangents_are_the_engines_bit_for_bit(graph, data):
    wrt = data.draw(st.sampled_from(sorted(graph.nodes)))
    result = graph.doc.evaluate(wrt=wrt)
    for nid, node in graph.nodes.items():
        engine = node.forward_tangents(wrt=graph.nodes[wrt]).get(node)
        assert same_bits(result.tangent[nid], engine), nid


@settings(max_examples=120)
@given(mirrored_graphs(), st.data())
def test_a_chosen_target_gives_the_engines_backward_from_it(graph, data):
    target = data.draw(st.sampled_from(sorted(graph.nodes)))
    result = graph.doc.evaluate(target=target)
    root = graph.nodes[target]
    root.backward()
    upstream = {id(n) for n in root.walk()}
    for nid, node in graph.nodes.items():
        if id(node) in upstream:
            assert same_bits(result.grad[nid], node.grad), nid
        else:
            assert result.grad[nid] is None, nid  # "no influence", not 0.0
    assert result.target == target and result.output == graph.doc.output


@pytest.mark.parametrize("path", SMALL, ids=lambda p: p.name)
def test_forward_equals_reverse_for_every_node_and_leaf_of_every_example(path):
    doc = load(path)
    targets = [nid for nid, record in doc.nodes.items() if record.op is not None]
    tangents = {leaf: doc.evaluate(wrt=leaf).tangent for leaf in leaf_ids(doc)}
    compared = 0
    for target in targets:
        grads = doc.evaluate(target=target).grad
        for leaf, tangent in tangents.items():
            if grads[leaf] is None:  # the target does not depend on this leaf
                assert tangent[target] is None
                continue
            assert math.isclose(tangent[target], grads[leaf], rel_tol=1e-12, abs_tol=1e-15)
            compared += 1
    assert compared >= len(targets)


def test_the_neurons_forward_mode_gives_the_notebooks_numbers():
    doc = load(EXAMPLES / "neuron-active.agraph")
    by_label = {record.label: nid for nid, record in doc.nodes.items()}
    result = doc.evaluate(wrt=by_label["w1"])
    assert result.wrt == by_label["w1"]
    assert result.tangent[doc.output] == 2.0  # dy/dw1 = x1
    assert result.tangent[by_label["w1*x1"]] == 2.0
    assert result.tangent[by_label["w2*x2"]] is None  # does not depend on w1
    assert result.tangent[by_label["x1"]] is None
    assert result.grad[by_label["w1"]] == 2.0  # backward still runs beside it


def test_unknown_ids_are_a_clear_error():
    doc = load(EXAMPLES / "neuron-active.agraph")
    with pytest.raises(UnknownNodeError, match="wrt: no node with id 'nope'"):
        doc.evaluate(wrt="nope")
    with pytest.raises(UnknownNodeError, match="target: no node with id 'gone'"):
        doc.evaluate(target="gone")


def test_without_wrt_there_are_no_tangents():
    doc = load(EXAMPLES / "neuron-active.agraph")
    assert doc.evaluate().tangent is None


def test_a_nan_tangent_is_reported_where_it_starts():
    doc = GraphDocument()
    x = doc.add_node("input", label="x", value=-2.0)
    p = doc.add_node("weight", label="p", value=3.0)
    power = doc.add_node("op", op="pow", label="x^p")
    doc.connect(x, power, 0)
    doc.connect(p, power, 1)
    after = doc.add_node("op", op="exp")
    doc.connect(power, after, 0)
    result = doc.evaluate(wrt=p)  # d(x^p)/dp = x^p * ln(x): nan for x < 0
    assert math.isnan(result.tangent[power]) and math.isnan(result.tangent[after])
    kinds = {nid: [problem.kind for problem in ps] for nid, ps in result.problems.items()}
    assert kinds.get(power) == ["nan-tangent"]
    assert after not in kinds  # it came down from x^p: reported once, where it started
    assert not math.isnan(doc.evaluate(wrt=x).tangent[after])


def test_a_target_without_data_gives_no_grads():
    doc = GraphDocument()
    x = doc.add_node("input", label="x", value=1.0)
    lonely = doc.add_node("op", op="mul")
    doc.connect(x, lonely, 0)
    result = doc.evaluate(target=lonely)
    assert result.grad[x] is None and result.grad[lonely] is None


EDGES = [0.0, -0.0, 1.0, -1.0, 2.5, -3.0, 1e-310, 1e300]  # a document holds finite values


@pytest.mark.parametrize("op", sorted(OPS))
def test_one_op_at_the_domain_edges_gives_backwards_numbers_bit_for_bit(op):
    """Tangent and gradient of one op are the same local derivative, times 1: nan/inf
    where backward has them, and nowhere else.  (Backward adds to a 0.0 it starts from,
    which turns -0.0 into 0.0; the sign of a zero is the only difference allowed.)"""
    arity = OPS[op].arity
    for values in itertools.product(EDGES, repeat=arity):
        doc = GraphDocument()
        leaves = [doc.add_node("input", value=v) for v in values]
        node = doc.add_node("op", op=op)
        for port, leaf in enumerate(leaves):
            doc.connect(leaf, node, port)
        grads = doc.evaluate().grad
        for leaf in leaves:
            tangent = doc.evaluate(wrt=leaf).tangent[node]
            assert tangent == grads[leaf] or same_bits(tangent, grads[leaf]), (op, values)


def test_forward_mode_through_a_function_node_equals_the_flattened_graph():
    from tests.graph.test_evaluate import neuron

    flat = neuron()
    doc = neuron()
    f = doc.group(["m1", "m2", "s", "n", "o"])
    for leaf in ["x1", "x2", "w1", "w2", "b"]:
        expected = flat.evaluate(wrt=leaf).tangent
        result = doc.evaluate(wrt=leaf).tangent
        assert same_bits(result[f], expected["o"]), leaf
        assert same_bits(result[f"{f}/m1"], expected["m1"]), leaf
        assert same_bits(doc.evaluate(target=f).grad[leaf], result[f]) or math.isclose(
            doc.evaluate(target=f).grad[leaf], result[f], rel_tol=1e-12
        )

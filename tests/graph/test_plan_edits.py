"""After a removal the evaluation plan is made from the plan before it (its rows that stay,
renumbered), not compiled again, and it is the plan compiling would make."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_studio.graph import GraphDocument
from autograd_studio.graph import plan as plan_module
from autograd_studio.graph.evaluate import evaluate
from autograd_studio.graph.fileformat import document_from_dict
from autograd_studio.graph.plan import UNARY, compile_plan, plan_for
from tests.graph.strategies import mirrored_graphs
from tests.graph.test_plan_compile import described


@pytest.fixture
def compiles(monkeypatch) -> list:
    """Every whole-document compile plan_for does from here on."""
    made: list = []
    real = plan_module.compile_plan

    def counted(doc):
        made.append(doc)
        return real(doc)

    monkeypatch.setattr(plan_module, "compile_plan", counted)
    return made


def _same_plan(derived, doc) -> None:
    """*derived* is what compiling *doc* gives; its steps may keep another order in which
    every step still comes after its operands' steps."""
    fresh = described(compile_plan(doc))
    mine = described(derived)
    forward = 5
    assert sorted(mine[forward]) == sorted(fresh[forward])
    assert mine[:forward] + mine[forward + 1 :] == fresh[:forward] + fresh[forward + 1 :]
    done = {i for i, _record in derived.leaves}
    for i, _fn, a, b in derived.forward:
        needed = derived.operands[a] if b < UNARY else (a,) if b == UNARY else (a, b)
        assert set(needed) <= done
        done.add(i)


def _values(result) -> dict:
    def same(x):
        return "nan" if isinstance(x, float) and math.isnan(x) else x

    return {nid: same(v) for nid, v in result.data.items()}


def _chain_with_a_sum() -> GraphDocument:
    """x -> neg -> (sum of three: neg, y, mul(x, y)) -> tanh, and an add with a free port."""
    doc = GraphDocument()
    doc.add_node("input", id="x", value=0.5)
    doc.add_node("weight", id="y", value=-2.0)
    doc.add_node("op", op="neg", id="n")
    doc.add_node("op", op="mul", id="m")
    doc.add_node("op", op="sum", arity=3, id="s")
    doc.add_node("op", op="tanh", id="t")
    doc.add_node("op", op="add", id="open")
    for source, target, port in [
        ("x", "n", 0), ("x", "m", 0), ("y", "m", 1), ("n", "s", 0), ("y", "s", 1),
        ("m", "s", 2), ("s", "t", 0), ("t", "open", 0),
    ]:  # fmt: skip
        doc.connect(source, target, port)
    doc.set_output("t")
    return doc


def test_a_partial_removal_derives_the_plan_instead_of_compiling(compiles):
    doc = _chain_with_a_sum()
    before = plan_for(doc)
    assert len(compiles) == 1 and before.operands  # the sum is a step of any arity
    doc.remove_nodes(["n"])
    plan = plan_for(doc)
    assert len(compiles) == 1  # made from the plan before
    _same_plan(plan, doc)
    result = evaluate(doc)
    assert result.data["m"] == -1.0 and result.data["s"] is None and result.data["t"] is None
    kinds = {nid: [p.kind for p in problems] for nid, problems in result.problems.items()}
    assert kinds == {"s": ["missing-input"], "t": ["missing-input"], "open": ["missing-input"]}
    assert result.problems["s"][0].message == "input 0 is not connected"
    assert result.problems["t"][0].message == "no value: 'Σ' cannot be computed yet"


def test_a_removal_keeps_the_steps_of_a_sum_that_stays(compiles):
    doc = _chain_with_a_sum()
    plan_for(doc)
    doc.remove_nodes(["open", "n"][:1])
    plan = plan_for(doc)
    assert len(compiles) == 1 and plan.operands
    _same_plan(plan, doc)
    assert evaluate(doc).data["t"] == evaluate(_chain_with_a_sum()).data["t"]


def test_only_the_plan_straight_after_the_removal_is_derived(compiles):
    doc = _chain_with_a_sum()
    plan_for(doc)
    doc.remove_nodes(["m"])
    doc.add_node("input", id="late", value=1.0)  # another change of shape first
    plan = plan_for(doc)
    assert len(compiles) == 2
    assert "late" in plan.index
    doc.remove_nodes(list(doc.nodes))  # nothing left: nothing to derive from
    assert plan_for(doc).ids == [] and len(compiles) == 3


def test_a_graph_with_functions_is_compiled_as_before(compiles):
    from tests.graph.test_bulk_edits import _grid  # a function node among the columns

    doc = _grid()
    plan_for(doc)
    doc.remove_nodes(["a2_1", "x3"])
    plan = plan_for(doc)
    assert len(compiles) == 2 and plan.inlined
    assert evaluate(doc).data["total"] is None


@settings(max_examples=80, deadline=None)
@given(mirrored_graphs(max_ops=14), st.data())
def test_any_removal_derives_what_compiling_makes(mirrored, data):
    doc = mirrored.doc
    edges = doc.edges
    if data.draw(st.booleans()):  # a port open before the removal too
        edge = data.draw(st.sampled_from(edges))
        doc.disconnect(edge.target, edge.port)
    plan_for(doc)
    ids = list(doc.nodes)
    chosen = data.draw(st.lists(st.sampled_from(ids), unique=True, min_size=1))
    doc.remove_nodes(chosen)
    with pytest.MonkeyPatch.context() as patch:
        made: list = []
        real = plan_module.compile_plan
        patch.setattr(plan_module, "compile_plan", lambda d: made.append(d) or real(d))
        plan = plan_for(doc)
    assert made == ([] if doc.nodes else [doc])
    _same_plan(plan, doc)
    again = document_from_dict(doc.to_dict())
    assert _values(evaluate(doc)) == _values(evaluate(again))
    assert {n: len(p) for n, p in evaluate(doc).problems.items()} == {
        n: len(p) for n, p in evaluate(again).problems.items()
    }


def _operands_first(doc: GraphDocument) -> GraphDocument:
    """*doc* saved with every node after its operands (as saved and generated graphs are)."""
    data = doc.to_dict()
    placed: dict[str, dict] = {}
    waiting = {node["id"]: node for node in data["nodes"]}
    sources = {nid: {e["from"] for e in data["edges"] if e["to"] == nid} for nid in waiting}
    while waiting:
        ready = [nid for nid in waiting if sources[nid] <= placed.keys()]
        for nid in sorted(ready):
            placed[nid] = waiting.pop(nid)
    data["nodes"] = list(placed.values())
    return document_from_dict(data)


@settings(max_examples=80, deadline=None)
@given(mirrored_graphs(max_ops=14), st.data())
def test_any_removal_from_a_graph_saved_operands_first_derives_what_compiling_makes(mirrored, data):
    doc = _operands_first(mirrored.doc)
    if data.draw(st.booleans()):  # a port open before the removal too
        edge = data.draw(st.sampled_from(doc.edges))
        doc.disconnect(edge.target, edge.port)
    assert plan_for(doc).ordered
    ids = list(doc.nodes)
    chosen = data.draw(st.lists(st.sampled_from(ids), unique=True, min_size=1))
    doc.remove_nodes(chosen)
    plan = plan_for(doc)
    assert plan.ordered or not doc.nodes
    _same_plan(plan, doc)
    assert [i for i, *_rest in plan.forward] == sorted(i for i, *_rest in plan.forward)
    again = document_from_dict(doc.to_dict())
    assert _values(evaluate(doc)) == _values(evaluate(again))

"""A plan compiled the quick way (every port connected, operands first: saved and generated
graphs) is the plan the careful per-node way compiles, step for step."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from autograd_studio.graph import GraphDocument, load
from autograd_studio.graph import plan as plan_module
from autograd_studio.graph.plan import compile_plan
from tests.graph.strategies import mirrored_graphs
from tests.graph.test_examples import SMALL


def described(plan) -> tuple:
    def steps(steps):
        return [(i, fn.__qualname__, a, b) for i, fn, a, b in steps]

    backward = {
        out: (part.root, steps(part.steps), part.members) for out, part in plan.backward.items()
    }
    return (
        plan.structure_version,
        plan.ids,
        plan.names,
        plan.index,
        [(i, id(record)) for i, record in plan.leaves],
        steps(plan.forward),
        [op.name if op is not None else None for op in plan.ops],
        plan.sources,
        plan.operands,
        {i: str(why) for i, why in plan.missing.items()},
        backward,
    )


def both_ways(doc, monkeypatch) -> tuple[tuple, tuple, bool]:
    quick_ones = []
    complete = plan_module._compile_complete

    def counted(*args):
        plan = complete(*args)
        quick_ones.append(plan is not None)
        return plan

    with monkeypatch.context() as patch:
        patch.setattr(plan_module, "_compile_complete", counted)
        quick = compile_plan(doc)
    with monkeypatch.context() as patch:
        patch.setattr(plan_module, "_compile_complete", lambda *_: None)
        careful = compile_plan(doc)
    for plan in (quick, careful):
        if doc.output is not None and plan.sources[plan.index[doc.output]] is not None:
            plan.backward_for(doc.output)
    return described(quick), described(careful), any(quick_ones)


@pytest.mark.parametrize("path", SMALL, ids=lambda p: p.stem)
def test_every_example_compiles_the_quick_way_to_the_careful_plan(path, monkeypatch):
    quick, careful, taken = both_ways(load(path), monkeypatch)
    assert quick == careful
    assert taken  # examples are saved operands first, every port connected


@settings(max_examples=80)
@given(graph=mirrored_graphs())
def test_random_graphs_in_any_order_compile_to_the_careful_plan(graph):
    with pytest.MonkeyPatch.context() as monkeypatch:
        quick, careful, _taken = both_ways(graph.doc, monkeypatch)
    assert quick == careful


def test_an_unconnected_port_or_a_late_operand_takes_the_careful_way(monkeypatch):
    doc = GraphDocument()
    x = doc.add_node("input", value=2.0, id="x")
    m = doc.add_node("op", op="mul", id="m")
    doc.connect(x, m, 0)  # port 1 open
    quick, careful, taken = both_ways(doc, monkeypatch)
    assert quick == careful and not taken
    assert "m" in {careful[1][i] for i in careful[9]}  # missing: m
    late = GraphDocument()
    t = late.add_node("op", op="tanh", id="t")
    y = late.add_node("input", value=0.5, id="y")
    late.connect(y, t, 0)  # t's operand comes after it
    quick, careful, taken = both_ways(late, monkeypatch)
    assert quick == careful and not taken
    assert [(i, a, b) for i, _fn, a, b in careful[5]] == [(0, 1, plan_module.UNARY)]

"""Forward mode against PyTorch's own forward mode, ``torch.func.jvp`` (float64)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings

from autograd_studio.analysis.torch_check import torch_function
from autograd_studio.engine import OPS, Node
from autograd_studio.graph import GraphDocument, load
from autograd_studio.resources import examples_dir
from tests.engine.expressions import Program, compile_templates, programs, replay
from tests.requirements import require_torch

EXAMPLES = examples_dir()
ENGINE = compile_templates("python", {})
SMALL = [p for p in sorted(EXAMPLES.glob("*.agraph")) if p.stat().st_size < 100_000]


def torch_tangents(doc: GraphDocument, wrt: str) -> dict[str, float]:
    """d(node)/d(wrt) for every node, by ``torch.func.jvp`` over the whole graph."""
    torch = require_torch()
    ids = list(doc.nodes)

    def everything(x):
        values: dict[str, object] = {}

        def value(nid: str):
            if nid not in values:
                record = doc.nodes[nid]
                if nid == wrt:
                    values[nid] = x
                elif record.op is None:
                    values[nid] = torch.tensor(record.value)
                else:
                    function = torch_function(OPS[record.op].torch)
                    values[nid] = function(torch, *[value(s) for s in doc.inputs_of(nid)])
            return values[nid]

        return torch.stack([torch.as_tensor(value(nid)) for nid in ids])

    start = torch.tensor(doc.nodes[wrt].value)
    _, tangents = torch.func.jvp(everything, (start,), (torch.tensor(1.0),))
    return dict(zip(ids, tangents.tolist(), strict=True))


def agree(ours: float | None, theirs: float) -> bool:
    if ours is None:  # no influence: PyTorch's tangent is an exact zero
        return theirs == 0.0
    if math.isnan(ours) or math.isnan(theirs):
        return math.isnan(ours) and math.isnan(theirs)
    if math.isinf(ours) or math.isinf(theirs):
        return ours == theirs
    return math.isclose(ours, theirs, rel_tol=1e-9, abs_tol=1e-12)


def assert_agrees_with_jvp(doc: GraphDocument, wrt: str) -> None:
    ours = doc.evaluate(wrt=wrt).tangent
    theirs = torch_tangents(doc, wrt)
    bad = {nid: (ours[nid], theirs[nid]) for nid in theirs if not agree(ours[nid], theirs[nid])}
    assert not bad, bad


@pytest.mark.parametrize("path", SMALL, ids=lambda p: p.name)
def test_every_examples_tangents_equal_torch_jvp(path):
    doc = load(path)
    for wrt, record in doc.nodes.items():
        if record.op is None:
            assert_agrees_with_jvp(doc, wrt)


@settings(max_examples=150)
@given(programs())
def test_random_graphs_tangents_equal_torch_jvp(program: Program):
    """d output/d leaf for every leaf, on random graphs inside the ops' domains (the
    reverse-mode PyTorch comparison's graphs): the engine's forward mode against jvp."""
    torch = require_torch()
    torch_ops = compile_templates("torch", {"torch": torch})
    leaves = [Node(x) for x in program.leaves]
    out = replay(program, leaves, ENGINE)
    for k, leaf in enumerate(leaves):

        def f(x, k=k):
            operands = [x if j == k else torch.tensor(v) for j, v in enumerate(program.leaves)]
            return replay(program, operands, torch_ops)

        _, theirs = torch.func.jvp(f, (torch.tensor(program.leaves[k]),), (torch.tensor(1.0),))
        ours = out.forward_tangents(wrt=leaf).get(out)
        assert agree(ours, theirs.item()), f"d/dx{k} of {program}: {ours!r} vs {theirs.item()!r}"

"""Batch evaluation: every row's values and gradients are the scalar evaluator's."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_studio.engine import OPS
from autograd_studio.graph import GraphDocument, load
from autograd_studio.graph.batch import run_batch
from autograd_studio.graph.batch_ops import BATCH_OPS, batch_op
from autograd_studio.graph.evaluate import evaluate
from tests.graph.strategies import VALUES, mirrored_graphs, same_bits
from tests.graph.test_examples import EXAMPLES

REL = 1e-12


def close(batch: float, scalar: float | None) -> bool:
    """Equal to 1e-12 relative; nan matches nan and an infinity the same infinity."""
    assert scalar is not None
    if math.isnan(scalar) or math.isnan(batch):
        return math.isnan(scalar) and math.isnan(batch)
    if math.isinf(scalar) or math.isinf(batch):
        return batch == scalar
    return abs(batch - scalar) <= REL * max(abs(batch), abs(scalar))


def assert_rows_match(doc: GraphDocument, columns: dict[str, list[float]]) -> None:
    run = run_batch(doc, columns)
    summed: dict[str, float] = dict.fromkeys(doc.nodes, 0.0)
    for row in range(run.rows):
        for nid, column in columns.items():
            # Straight into the record: set_value keeps 0.0 when given -0.0 (they compare
            # equal), and 1/-0.0 is -inf.
            doc.nodes[nid].value = column[row]
        scalar = evaluate(doc)
        for nid in doc.nodes:
            if scalar.data[nid] is None:
                continue
            batch_value = float(run.data(nid)[row])
            assert close(batch_value, scalar.data[nid]), (nid, row, batch_value, scalar.data[nid])
            batch_grad = float(run.grad(nid)[row])
            assert close(batch_grad, scalar.grad[nid]), (nid, row, batch_grad, scalar.grad[nid])
            summed[nid] += scalar.grad[nid]
    for nid in doc.nodes:
        if doc.nodes[nid].kind == "weight" and math.isfinite(summed[nid]):
            assert run.grad_sum(nid) == pytest.approx(summed[nid], rel=1e-12, abs=1e-300)


@settings(max_examples=150)
@given(mirrored=mirrored_graphs(), rows=st.integers(1, 4), data=st.data())
def test_random_graphs_every_row_matches_the_scalar_evaluator(mirrored, rows, data):
    doc = mirrored.doc
    inputs = [nid for nid, record in doc.nodes.items() if record.kind == "input"]
    columns = {nid: [data.draw(VALUES) for _ in range(rows)] for nid in inputs}
    assert_rows_match(doc, columns)


@pytest.mark.parametrize("name", ["neuron-dead", "neuron-active", "tanh-neuron", "mlp-mse"])
def test_examples_every_row_matches_the_scalar_evaluator(name):
    doc = load(EXAMPLES / f"{name}.agraph")
    inputs = [nid for nid, record in doc.nodes.items() if record.kind == "input"]
    rng = np.random.default_rng(5)
    columns = {nid: rng.normal(0.0, 2.0, size=7).tolist() for nid in inputs}
    assert_rows_match(doc, columns)


def test_weights_hold_one_value_and_their_gradient_sums_the_rows():
    doc = GraphDocument()
    x = doc.add_node("input", label="x")
    w = doc.add_node("weight", label="w", value=3.0)
    m = doc.add_node("op", op="mul")
    doc.connect(w, m, 0)
    doc.connect(x, m, 1)
    run = run_batch(doc, {x: [1.0, 2.0, -4.0]})
    assert run.data(m).tolist() == [3.0, 6.0, -12.0]
    assert run.grad(w).tolist() == [1.0, 2.0, -4.0]
    assert run.grad(x).tolist() == [3.0, 3.0, 3.0]
    assert run.grad_sum(w) == -1.0


def test_a_node_the_output_does_not_depend_on_has_zero_gradient():
    doc = GraphDocument()
    x = doc.add_node("input", label="x")
    unused = doc.add_node("op", op="exp")
    doc.connect(x, unused, 0)
    y = doc.add_node("op", op="neg")
    doc.connect(x, y, 0)
    doc.set_output(y)
    run = run_batch(doc, {x: [0.0, 1.0]})
    assert run.grad(unused).tolist() == [0.0, 0.0]
    assert run.data(unused).tolist() == [1.0, math.e]


def test_unequal_columns_are_refused():
    doc = GraphDocument()
    a = doc.add_node("input", label="a")
    b = doc.add_node("input", label="b")
    with pytest.raises(ValueError, match="same number of rows"):
        run_batch(doc, {a: [1.0, 2.0], b: [1.0]})


def test_every_registry_op_has_an_array_form():
    assert set(BATCH_OPS) == set(OPS)


@pytest.mark.parametrize("name", sorted(OPS))
def test_the_row_by_row_fallback_gives_the_scalar_numbers(name):
    # An op registered later, without an array form, runs its scalar functions per row:
    # checked here on every built-in op by pretending it had none.
    from autograd_studio.graph import batch_ops

    op = OPS[name]
    entry = batch_ops._per_row(op)
    xs = [np.array([0.5, -1.5, 2.0])] * op.arity
    out = entry.forward(*xs)
    g = np.array([1.0, -0.5, 3.0])
    sent = entry.chain(g, out, *xs)
    for row in range(3):
        args = [float(x[row]) for x in xs]
        assert same_bits(float(out[row]), op.forward(*args))
        expected = op.chain(float(g[row]), op.forward(*args), *args)
        assert all(same_bits(float(c[row]), e) for c, e in zip(sent, expected, strict=True))
    assert batch_op(name) is BATCH_OPS[name]

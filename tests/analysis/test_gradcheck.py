"""The gradient check: it passes on right gradients, and it catches wrong ones."""

from __future__ import annotations

import dataclasses
import math

import pytest

from autograd_studio.analysis import GradCheckError, gradcheck, sample_parameters
from autograd_studio.analysis.report import format_gradcheck
from autograd_studio.engine import OPS
from autograd_studio.graph import GraphDocument
from autograd_studio.interop.expression import from_expression
from tests.requirements import require_torch

SEED_ACTIVE = {"x1": 2.0, "x2": 3.0, "w1": 1.0, "w2": 0.5, "b": 0.1}
TANH_NEURON = {"x1": 2.0, "x2": 0.0, "w1": -3.0, "w2": 1.0, "b": 6.8813735870195432}
EVERY_OP = (
    "a/b + b**a - exp(a)*sigmoid(b) + log(c)*tanh(a) - relu(-b) + relu(a) * (c - a)",
    {"a": 1.5, "b": 0.7, "c": 2.0},
)


def wrong_mul(out: float, a: float, b: float) -> tuple[float, float]:
    return b, a + 0.5  # d(a*b)/db is a, not a + 0.5


@pytest.fixture
def broken_mul(monkeypatch):
    """The registry's mul with a wrong local derivative (its forward is still right)."""
    monkeypatch.setitem(OPS, "mul", dataclasses.replace(OPS["mul"], local=wrong_mul, chain=None))


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("relu(w1*x1 + w2*x2 + b)", SEED_ACTIVE),
        ("relu(w1*x1 + w2*x2 + b)", {**SEED_ACTIVE, "w1": 0.5, "w2": -0.8}),
        ("tanh(x1*w1 + x2*w2 + b)", TANH_NEURON),
        EVERY_OP,
        ("a*a + (a + a)*(a + a)", {"a": -1.25}),
    ],
)
def test_right_gradients_pass(text, values):
    result = gradcheck(from_expression(text, values=values), with_torch=False)
    assert result.passed, format_gradcheck(result)
    assert len(result.parameters) == result.total_parameters
    for entry in result.parameters:
        assert entry.status == "ok"
        assert entry.abs_error < 1e-8
        assert math.isclose(entry.analytic, entry.numeric, rel_tol=1e-7, abs_tol=1e-9)


def test_the_numeric_gradient_is_an_independent_measurement():
    # d/dx (x**3) = 3x² at x=2 is 12: the finite difference lands there on its own.
    result = gradcheck(from_expression("x**3", values={"x": 2.0}), with_torch=False)
    x = next(p for p in result.parameters if p.node_id == "x")
    assert x.numeric == pytest.approx(12.0, rel=1e-8)
    assert x.analytic == 12.0


def test_a_wrong_local_derivative_fails(broken_mul):
    doc = from_expression("relu(w1*x1 + w2*x2 + b)", values=SEED_ACTIVE)
    result = gradcheck(doc, with_torch=False)
    assert not result.passed
    failed = {p.node_id for p in result.failures}
    assert failed == {"x1", "x2"}  # d/d(port 1) of each mul is off; w1, w2, b are right
    x1 = next(p for p in result.parameters if p.node_id == "x1")
    assert x1.numeric == pytest.approx(1.0)  # w1: the truth, from differences
    assert x1.analytic == pytest.approx(1.5)  # w1 + 0.5: the broken rule
    assert x1.status == "fail" and x1.rel_error > 0.3
    assert "FAILED: 2 gradient(s) differ from finite differences" in format_gradcheck(result)


def test_wrong_gradients_passed_in_fail():
    doc = from_expression("tanh(x1*w1 + x2*w2 + b)", values=TANH_NEURON)
    grads = dict(doc.evaluate().grad)
    grads["w1"] *= 1.001  # a small error is still an error
    result = gradcheck(doc, grads=grads, with_torch=False)
    assert [p.node_id for p in result.failures] == ["w1"]


def test_a_kink_is_not_a_failure_but_a_wrong_kink_derivative_is():
    doc = from_expression("relu(x) + relu(-y)", values={"x": 0.0, "y": 0.0})
    result = gradcheck(doc, with_torch=False)
    assert result.passed
    assert {p.node_id: p.status for p in result.parameters} == {"x": "kink", "y": "kink"}
    # At x's kink the one-sided slopes are 0 and 1 (the central difference 0.5): a gradient
    # of 2 matches none of them.  At y's they are -1 and 0: -0.5 is the central difference.
    result = gradcheck(doc, grads={"x": 2.0, "y": -0.5}, with_torch=False)
    assert {p.node_id: p.status for p in result.parameters} == {"x": "fail", "y": "kink"}


def test_a_domain_edge_is_undefined_not_failed():
    doc = from_expression("log(x) + x", values={"x": 0.0})
    result = gradcheck(doc, with_torch=False)
    assert result.passed
    assert result.parameters[0].status == "undefined"


def test_large_graphs_are_sampled_evenly_and_say_so():
    doc = from_expression(" + ".join(f"w{i}*x{i}" for i in range(40)))
    result = gradcheck(doc, limit=10, with_torch=False)
    assert result.sampled and result.total_parameters == 80
    assert len(result.parameters) == 10
    ids = [p.node_id for p in result.parameters]
    assert ids[0] == "w0" and ids[-1] == "x39"
    assert "checking 10 of 80 inputs and weights" in format_gradcheck(result)
    assert not gradcheck(doc, limit=None, with_torch=False).sampled


def test_sample_parameters_is_deterministic_and_ordered():
    ids = [f"n{i}" for i in range(100)]
    assert sample_parameters(ids, None) == ids
    assert sample_parameters(ids, 0) == ids
    assert sample_parameters(ids, 200) == ids
    picked = sample_parameters(ids, 7)
    assert picked == sample_parameters(ids, 7)
    assert len(picked) == 7 and picked[0] == "n0" and picked[-1] == "n99"
    assert picked == sorted(picked, key=ids.index)
    assert sample_parameters(ids, 1) == ["n0"]


def test_the_document_is_left_alone():
    doc = from_expression("w*x + b", values={"w": 2.0, "x": 3.0})
    before = doc.to_dict()
    events = []
    doc.subscribe(events.append)
    gradcheck(doc, with_torch=False)
    assert events == []
    assert doc.to_dict() == before


def test_documents_that_cannot_be_checked():
    two_sinks = GraphDocument()
    two_sinks.add_node("input", label="a")
    two_sinks.add_node("input", label="b")
    with pytest.raises(GradCheckError, match="no output"):
        gradcheck(two_sinks)
    doc = GraphDocument()
    x = doc.add_node("input", label="x", value=1.0)
    m = doc.add_node("op", op="mul")
    doc.connect(x, m, 0)
    with pytest.raises(GradCheckError, match=r"has no value: input b is not connected"):
        gradcheck(doc)


def test_the_report_reads_as_a_table():
    doc = from_expression("relu(w1*x1 + w2*x2 + b)", values=SEED_ACTIVE)
    text = format_gradcheck(gradcheck(doc, with_torch=False))
    lines = text.splitlines()
    assert lines[0] == "gradient check of relu = 3.6 with respect to 5 inputs and weights"
    assert lines[2].split() == [
        "id", "label", "kind", "value", "analytic", "numeric", "abs", "err", "rel", "err", "result"
    ]  # fmt: skip
    assert lines[3].split()[:6] == ["w1", "w1", "weight", "1", "2", "2"]
    assert lines[3].split()[-1] == "ok"
    assert lines[-1] == "passed (5 ok)"


# --- with PyTorch ---------------------------------------------------------------------------


def test_pytorch_agrees_on_every_op():
    require_torch()
    text, values = EVERY_OP
    result = gradcheck(from_expression(text, values=values))
    assert result.torch is not None and result.torch.available
    assert result.torch.passed, result.torch.mismatches
    assert result.torch.nodes == len(from_expression(text, values=values))
    assert result.passed


def test_pytorch_catches_a_wrong_derivative(broken_mul):
    require_torch()
    doc = from_expression("relu(w1*x1 + w2*x2 + b)", values=SEED_ACTIVE)
    result = gradcheck(doc)
    mismatched = {(m.node_id, m.quantity) for m in result.torch.mismatches}
    assert mismatched == {("x1", "grad"), ("x2", "grad")}
    x2 = next(m for m in result.torch.mismatches if m.node_id == "x2")
    assert (x2.ours, x2.torch) == (pytest.approx(1.0), pytest.approx(0.5))
    text = format_gradcheck(result)
    assert "2 value(s) differ" in text and "x2 (x2) grad: ours 1, PyTorch 0.5" in text


def test_pytorch_alone_catches_wrong_grads_finite_differences_cannot_judge():
    require_torch()
    doc = from_expression("log(x) + x", values={"x": 0.0})  # undefined for differences
    result = gradcheck(doc, grads={"x": 0.0})
    assert result.parameters[0].status == "undefined"
    assert not result.passed and result.torch.mismatches


def test_without_torch_the_check_says_how_to_add_it(monkeypatch):
    import autograd_studio.analysis.torch_check as torch_check

    monkeypatch.setattr(torch_check.importlib, "import_module", _refuse("torch"), raising=True)
    result = gradcheck(from_expression("x*y", values={"x": 2.0}))
    assert result.torch is not None and not result.torch.available
    assert "pip install 'autograd-studio[torch]'" in result.torch.reason
    assert result.passed  # a missing cross-check is not a failure
    assert "PyTorch cross-check skipped" in format_gradcheck(result)


def _refuse(name):
    import importlib

    real = importlib.import_module

    def import_module(module, *args):
        if module == name:
            raise ImportError(f"No module named {name!r}")
        return real(module, *args)

    return import_module

"""Unfolding instances: an instance computes what its own output needs, not the parts
only the definition's other outputs use (the demo's hundred MLP calls and its L2 term)."""

from __future__ import annotations

from autograd_studio.graph import GraphDocument
from autograd_studio.graph.functions import FunctionDef
from autograd_studio.graph.plan import compile_plan
from tests.graph.strategies import same_bits


def two_outputs() -> GraphDocument:
    """f(x) = (w * x, w * w) with a dangling node tanh(x); f0 yields the product, f1 the
    square; the loss adds them."""
    body = GraphDocument()
    body.add_node("input", id="x", value=1.0)
    body.add_node("weight", id="w", value=0.5)
    body.add_node("op", op="mul", id="wx")
    body.connect("x", "wx", 0)
    body.connect("w", "wx", 1)
    body.add_node("op", op="mul", id="ww")
    body.connect("w", "ww", 0)
    body.connect("w", "ww", 1)
    body.add_node("op", op="tanh", id="loose")  # feeds no output: every instance keeps it
    body.connect("x", "loose", 0)
    doc = GraphDocument()
    doc.add_function(FunctionDef("f", body, inputs=["x"], outputs=["wx", "ww"]))
    doc.add_node("input", id="a", value=3.0)
    for nid, result in (("f0", 0), ("f1", 1)):
        doc.add_node("function", function="f", id=nid, result=result)
        doc.connect("a", nid, 0)
    doc.add_node("op", op="add", id="loss")
    doc.connect("f0", "loss", 0)
    doc.connect("f1", "loss", 1)
    doc.set_output("loss")
    return doc


def test_an_instance_skips_what_only_the_other_outputs_need():
    doc = two_outputs()
    plan = compile_plan(doc)
    result = doc.evaluate()
    assert "f0/ww" not in plan.index and "f1/wx" not in plan.index
    assert result.data["f0/wx"] == 1.5 and result.data["f1/ww"] == 0.25
    assert result.data.get("f0/ww") is None
    # a node that feeds no output at all is still shown inside every instance
    assert result.data["f0/loose"] == result.data["f1/loose"]
    assert result.data["loss"] == 1.75
    assert result.grad["a"] == 0.5 and result.grad["f0/w"] == 3.0 + 2 * 0.5


def test_skipping_changes_no_number_of_the_flattened_graph():
    doc = two_outputs()
    result = doc.evaluate()
    flat = doc.copy()
    for nid in ("f0", "f1"):
        flat.ungroup(nid)
    expected = flat.evaluate()
    for nid in ("a", "loss"):
        assert same_bits(result.data[nid], expected.data[nid])
        assert same_bits(result.grad[nid], expected.grad[nid])

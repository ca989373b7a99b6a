"""Evaluation results as views over the plan's lists: two views of one structure line up,
and a view can be filled with one value (no grads yet) for plain and inlined plans."""

from __future__ import annotations

import pytest

from autograd_studio.graph.evaluate import evaluate
from autograd_studio.graph.fileformat import load
from autograd_studio.resources import examples_dir


@pytest.mark.parametrize("name", ["neuron-active", "micrograd-demo-functions"])
def test_views_of_one_structure_line_up_and_fill(name):
    doc = load(examples_dir() / f"{name}.agraph")
    forward = evaluate(doc, backward=False)
    backward = evaluate(doc)
    assert forward.data.lines_up_with(backward.grad)
    assert not forward.data.lines_up_with(dict(backward.grad))
    empty = forward.data.filled(None)
    assert list(empty) == list(forward.data) == list(doc.nodes)
    assert list(empty.values()) == [None] * len(doc.nodes)
    assert dict(empty.items()) == dict.fromkeys(doc.nodes)
    assert empty.lines_up_with(forward.data)

    doc.add_node("input", id="late", value=1.0)  # another structure: another plan
    again = evaluate(doc, backward=False)
    assert not again.data.lines_up_with(backward.grad)


@pytest.mark.parametrize("name", ["neuron-active", "micrograd-demo-functions"])
def test_a_view_picks_each_node_s_value_from_a_view_of_another_structure(name):
    doc = load(examples_dir() / f"{name}.agraph")
    grads = evaluate(doc).grad
    first, *rest = list(doc.nodes)
    doc.remove_nodes([first])
    doc.add_node("input", id="late", value=1.0)
    data = evaluate(doc, backward=False).data
    picked = data.picked_from(grads)
    assert list(picked) == list(data) == [*rest, "late"]
    assert dict(picked) == {**{nid: grads[nid] for nid in rest}, "late": None}

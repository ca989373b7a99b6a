"""The variadic ``sum``: k inputs add up exactly as a chain of k - 1 add nodes does (data and
grads, bit for bit), in the engine, the document, files, exports and the PyTorch check."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_studio import Node
from autograd_studio.graph import GraphDocument, GraphFileError
from autograd_studio.graph.errors import BadPortError, BadValueError
from autograd_studio.graph.fileformat import document_from_dict, dumps, loads
from autograd_studio.interop.codegen import to_python, to_torch
from autograd_studio.interop.expression import ExpressionError, from_expression
from tests.graph.strategies import same_bits
from tests.requirements import require_torch

floats = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False) | st.sampled_from(
    [0.0, -0.0, 1e-300, -1e-300, 0.1, 0.2, 0.3]
)


def summed(values: list[float], picks: list[int], as_sum: bool) -> tuple[GraphDocument, list]:
    """Leaves with *values*; the picked ones (repeats allowed) added by one sum node or by a
    chain of adds; then tanh and a product with the first leaf, so grads accumulate."""
    doc = GraphDocument()
    leaves = [doc.add_node("input", value=v, id=f"x{i}") for i, v in enumerate(values)]
    operands = [leaves[i] for i in picks]
    if as_sum:
        total = doc.add_node("op", op="sum", arity=len(operands), id="total")
        for port, source in enumerate(operands):
            doc.connect(source, total, port)
    else:
        total = operands[0]
        for k, source in enumerate(operands[1:]):
            add = doc.add_node("op", op="add", id="total" if k == len(operands) - 2 else None)
            doc.connect(total, add, 0)
            doc.connect(source, add, 1)
            total = add
    squash = doc.add_node("op", op="tanh", id="squash")
    doc.connect(total, squash, 0)
    out = doc.add_node("op", op="mul", id="out")
    doc.connect(squash, out, 0)
    doc.connect(leaves[0], out, 1)
    doc.set_output(out)
    return doc, leaves


@settings(max_examples=150)
@given(st.data())
def test_a_sum_of_k_inputs_equals_chained_adds_bit_for_bit(data):
    values = data.draw(st.lists(floats, min_size=1, max_size=5))
    picks = data.draw(st.lists(st.integers(0, len(values) - 1), min_size=2, max_size=7))
    one, leaves = summed(values, picks, as_sum=True)
    chain, _ = summed(values, picks, as_sum=False)
    a, b = one.evaluate(), chain.evaluate()
    for nid in [*leaves, "total", "squash", "out"]:
        assert same_bits(a.data[nid], b.data[nid]), nid
        assert same_bits(a.grad[nid], b.grad[nid]), nid
    # the engine's Node.sum likewise, against Python's own left-to-right additions
    nodes = [Node(v) for v in values]
    total = Node.sum(*(nodes[i] for i in picks))
    expected = values[picks[0]]
    for i in picks[1:]:
        expected = expected + values[i]
    assert same_bits(total.data, expected)
    assert same_bits(total.data, a.data["total"])
    (total.tanh() * nodes[0]).backward()
    for node, nid in zip(nodes, leaves, strict=True):
        assert same_bits(node.grad, a.grad[nid]), nid


def test_sum_is_a_left_fold_not_pythons_sum():
    # (0.1 + 0.2) + 0.3 != 0.1 + (0.2 + 0.3); -0.0 + -0.0 stays -0.0 (sum() gives 0.0)
    assert Node.sum(0.1, 0.2, 0.3).data == (0.1 + 0.2) + 0.3 != 0.1 + (0.2 + 0.3)
    assert str(Node.sum(-0.0, -0.0).data) == "-0.0"
    with pytest.raises(ValueError, match="at least 2 operands"):
        Node.sum(Node(1.0))
    with pytest.raises(ValueError, match="at least 2"):
        Node(1.0, (Node(1.0),), "sum")


def test_ports_are_inserted_and_removed_keeping_the_edges():
    doc, _ = summed([1.0, 2.0, 4.0], [0, 1, 2], as_sum=True)
    before = dumps(doc)
    assert doc.nodes["total"].port_labels == ("x1", "x2", "x3")
    assert doc.insert_port("total", 1) == 1
    assert doc.inputs_of("total") == ["x0", None, "x1", "x2"]
    assert doc.evaluate().data["total"] is None  # an empty port: no value yet
    doc.connect("x2", "total", 1)
    assert doc.evaluate().data["total"] == 11.0
    assert doc.remove_port("total", 1).source == "x2"
    assert dumps(doc) == before
    assert doc.insert_port("total") == 3  # at the end by default
    doc.remove_port("total", 3)
    doc.remove_port("total", 0)
    assert doc.inputs_of("total") == ["x1", "x2"]
    assert doc.evaluate().data["total"] == 6.0
    with pytest.raises(BadPortError, match="keeps at least 2 inputs"):
        doc.remove_port("total", 0)
    with pytest.raises(BadPortError, match="fixed number of inputs"):
        doc.insert_port("squash")
    with pytest.raises(BadPortError):
        doc.insert_port("total", 7)


def test_port_changes_are_announced_as_structural():
    doc, _ = summed([1.0, 2.0], [0, 1], as_sum=True)
    events = []
    doc.subscribe(events.append)
    doc.insert_port("total", 0)
    kinds = [(e.kind.value, e.field, e.edge.port if e.edge else None) for e in events]
    assert kinds == [
        ("edge_removed", None, 0),
        ("edge_removed", None, 1),
        ("node_changed", "ports", None),
        ("edge_added", None, 1),
        ("edge_added", None, 2),
    ]
    assert all(e.structural for e in events)


def test_files_keep_the_port_count_and_both_readers_agree():
    doc, _ = summed([1.0, 2.0, 3.0], [0, 1, 2, 0], as_sum=True)
    text = dumps(doc)
    node = next(n for n in json.loads(text)["nodes"] if n["id"] == "total")
    assert node["inputs"] == 4
    fast = loads(text)
    slow = document_from_dict(json.loads(text))
    assert fast == slow == doc
    assert fast.nodes["total"].arity == 4
    assert dumps(loads(dumps(doc, compact=True))) == text


@pytest.mark.parametrize(
    ("node", "message"),
    [
        ({"id": "s", "kind": "op", "op": "sum", "inputs": 1}, "2 or more inputs"),
        ({"id": "s", "kind": "op", "op": "add", "inputs": 3}, "add takes 2 input"),
        ({"id": "s", "kind": "input", "value": 1, "inputs": 3}, "has no 'inputs'"),
        ({"id": "s", "kind": "op", "op": "sum", "inputs": "3"}, "inputs"),
    ],
)
def test_a_bad_port_count_in_a_file_is_a_clear_error(node, message):
    text = json.dumps({"format": "autograd-studio-graph", "version": 2, "nodes": [node]})
    with pytest.raises(GraphFileError, match=message):
        loads(text)


def test_an_edge_beyond_the_port_count_is_refused():
    nodes = [
        {"id": "a", "kind": "input", "value": 1},
        {"id": "s", "kind": "op", "op": "sum", "inputs": 3},
    ]
    edges = [{"from": "a", "to": "s", "port": 3}]
    text = json.dumps(
        {"format": "autograd-studio-graph", "version": 2, "nodes": nodes, "edges": edges}
    )
    with pytest.raises(GraphFileError, match=r"ports 0\.\.2"):
        loads(text)


def test_add_node_checks_the_count():
    doc = GraphDocument()
    assert doc.nodes[doc.add_node("op", op="sum")].arity == 2
    with pytest.raises(BadValueError, match="2 or more"):
        doc.add_node("op", op="sum", arity=1)
    with pytest.raises(BadValueError, match="mul takes 2"):
        doc.add_node("op", op="mul", arity=3)
    with pytest.raises(BadValueError, match="no input count"):
        doc.add_node("input", arity=3)


def test_expression_import_builds_one_sum_node():
    doc = from_expression("sum(a, b * c, a, 2)", values={"a": 0.5, "b": 1.5, "c": -2.0})
    (total,) = [r for r in doc.nodes.values() if r.op == "sum"]
    assert total.arity == 4
    assert doc.evaluate().data[total.id] == 0.5 + (1.5 * -2.0) + 0.5 + 2.0
    assert doc.evaluate().grad["a"] == 2.0
    with pytest.raises(ExpressionError, match="sum takes 2 or more operands, got 1"):
        from_expression("sum(a)")


def _run(script: str) -> str:
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.slow
def test_exported_scripts_print_the_sums_numbers():
    require_torch()
    doc = from_expression("tanh(sum(a, b * c, a, d))", values={"a": 0.5, "b": 1.5, "c": -2.0})
    result = doc.evaluate()
    python, torch_script = to_python(doc), to_torch(doc)
    assert "Node.sum(a, mul, a, d)" in python
    assert "a + mul + a + d" in torch_script
    for output in (_run(python), _run(torch_script)):
        row = next(line.split() for line in output.splitlines() if line.startswith("sum "))
        assert float(row[-2]) == pytest.approx(result.data[row[0]], abs=1e-6)
        assert float(row[-1]) == pytest.approx(result.grad[row[0]], abs=1e-6)
        a_row = next(line.split() for line in output.splitlines() if line.startswith("a "))
        assert float(a_row[-1]) == pytest.approx(result.grad["a"], rel=1e-5)


def test_pytorch_agrees_with_a_sum_of_many_inputs():
    torch = require_torch()
    from autograd_studio.analysis.torch_check import torch_cross_check

    values = [0.1, 0.2, 0.3, -1e-3, 7.5]
    doc, _ = summed(values, [0, 1, 2, 3, 4, 0, 2], as_sum=True)
    check = torch_cross_check(doc, doc.evaluate())
    assert check.available and check.passed, check.mismatches
    # and PyTorch's own left-to-right sum of float64 scalars gives our bits
    tensors = [torch.tensor(v, dtype=torch.float64) for v in values]
    picked = [tensors[i] for i in (0, 1, 2, 3, 4, 0, 2)]
    total = picked[0]
    for t in picked[1:]:
        total = total + t
    assert same_bits(total.item(), doc.evaluate().data["total"])


def test_a_sum_groups_and_ungroups_with_its_ports():
    doc, _ = summed([1.0, 2.0, 4.0], [0, 1, 2, 1], as_sum=True)
    before = dumps(doc)
    expected = doc.evaluate()
    f = doc.group(["total", "squash"])
    assert doc.function(doc.nodes[f].function).body.nodes["total"].arity == 4
    result = doc.evaluate()
    assert same_bits(result.data["out"], expected.data["out"])
    assert same_bits(result.grad["x1"], expected.grad["x1"])
    doc.ungroup(f)
    assert dumps(doc) == before

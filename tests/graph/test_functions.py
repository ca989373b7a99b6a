"""Functions: definitions, instances, group and ungroup, with the flattened graph's numbers."""

from __future__ import annotations

import json

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from autograd_studio.graph import GraphDocument, GraphFileError
from autograd_studio.graph.errors import (
    BadPortError,
    FunctionError,
    GroupError,
    RecursiveFunctionError,
    UnknownFunctionError,
)
from autograd_studio.graph.fileformat import dumps, loads
from autograd_studio.graph.functions import FunctionDef
from autograd_studio.graph.instance import instance_result
from autograd_studio.graph.library_file import import_library, read_library, save_library
from tests.graph.strategies import mirrored_graphs, same_bits
from tests.graph.test_evaluate import neuron


def canonical(doc: GraphDocument) -> dict:
    """The file's content with nodes sorted by id: equal documents up to node order."""
    data = doc.to_dict()
    data["nodes"] = sorted(data["nodes"], key=lambda node: node["id"])
    data["edges"] = sorted(data["edges"], key=lambda e: (e["to"], e["port"]))
    return data


def scale_body(weight: float = 0.5) -> GraphDocument:
    body = GraphDocument()
    body.add_node("input", id="x", value=1.0)
    body.add_node("weight", id="w", value=weight)
    body.add_node("op", op="mul", id="m")
    body.connect("x", "m", 0)
    body.connect("w", "m", 1)
    return body


def two_scales() -> GraphDocument:
    """a -> scale -> scale: two instances of one definition sharing its weight w."""
    doc = GraphDocument()
    doc.add_function(FunctionDef("scale", scale_body(), inputs=["x"], outputs=["m"]))
    doc.add_node("input", id="a", value=3.0)
    doc.add_node("function", function="scale", id="f")
    doc.add_node("function", function="scale", id="g")
    doc.connect("a", "f", 0)
    doc.connect("f", "g", 0)
    return doc


def test_instances_share_the_definitions_weight_and_its_gradients_add_up():
    doc = two_scales()
    result = doc.evaluate()
    # g = w * (w * a): dg/dw = 2 w a, dg/da = w**2
    assert (result.data["f"], result.data["g"]) == (1.5, 0.75)
    assert result.grad["a"] == 0.25
    assert result.grad["f/w"] == result.grad["g/w"] == 2 * 0.5 * 3.0
    assert result.data["g/x"] == 1.5 and result.grad["g/x"] == 0.5  # what feeds g's port
    assert list(result.data) == ["a", "f", "g"]  # the document's own nodes, in order


def test_a_function_node_equals_the_flattened_graph_bit_for_bit():
    flat = neuron()
    expected = flat.evaluate()
    doc = neuron()
    f = doc.group(["m1", "m2", "s", "n", "o"])
    result = doc.evaluate()
    for leaf in ["x1", "x2", "w1", "w2", "b"]:
        assert same_bits(result.grad[leaf], expected.grad[leaf])
    assert same_bits(result.data[f], expected.data["o"])
    for inner in ["m1", "m2", "s", "n", "o"]:
        assert same_bits(result.data[f"{f}/{inner}"], expected.data[inner])
        assert same_bits(result.grad[f"{f}/{inner}"], expected.grad[inner])


@settings(max_examples=60, deadline=None)
@given(mirrored_graphs(), st.data())
def test_group_changes_no_number_and_ungroup_gives_the_document_back(mirrored, data):
    doc = mirrored.doc
    original = doc.copy()
    before = doc.evaluate()
    chosen = data.draw(st.lists(st.sampled_from(list(doc.nodes)), min_size=1, unique=True))
    try:
        f = doc.group(chosen)
    except GroupError as exc:
        assert "outputs" in str(exc) or "feeds it too" in str(exc)
        assume(False)
    assert not set(chosen) & set(doc.nodes)
    after = doc.evaluate()
    for nid in doc.nodes:
        if nid != f:
            assert same_bits(after.data[nid], before.data[nid]), nid
            assert same_bits(after.grad[nid], before.grad[nid]), nid
    output = doc.function(doc.nodes[f].function).output
    assert same_bits(after.data[f], before.data[output])
    for inner in chosen:
        if original.nodes[inner].computed:
            assert same_bits(after.data[f"{f}/{inner}"], before.data[inner])
    restored = doc.ungroup(f)
    assert set(restored) == set(chosen)
    assert canonical(doc) == canonical(original)


def test_ungrouping_a_contiguous_group_gives_the_very_same_file():
    doc = neuron()
    doc.set_pos("m1", (10.0, 20.0))
    doc.set_pos("m2", (10.0, 80.0))
    original = dumps(doc)
    f = doc.group(["m1", "m2", "s"])
    assert doc.nodes[f].pos == (10.0, 50.0)  # where the selection was
    assert list(doc.nodes[f].ports) == doc.inputs_of(f) == ["x1", "w1", "x2", "w2"]
    doc.ungroup(f)
    assert dumps(doc) == original
    assert not doc.functions  # a definition nobody uses any more goes with its last node


def test_group_keeps_the_documents_output_on_the_function_node():
    doc = neuron()
    doc.set_output("o")
    f = doc.group(["n", "o"])
    assert doc.explicit_output == f
    assert doc.evaluate().grad["b"] == neuron().evaluate().grad["b"]


def test_group_refuses_an_empty_selection_several_outputs_and_a_cycle():
    doc = neuron()
    with pytest.raises(GroupError, match="nothing is selected"):
        doc.group([])
    with pytest.raises(GroupError, match="2 outputs") as outputs:
        doc.group(["m1", "m2"])
    assert set(outputs.value.node_ids) == {"m1", "m2"}
    with pytest.raises(GroupError, match="'s' is fed by the selection and feeds it too") as cyc:
        doc.group(["m1", "n"])
    assert cyc.value.node_ids == ("s",)
    assert doc == neuron()  # a refused group changes nothing


def test_nested_groups_unfold_to_the_same_numbers():
    expected = neuron().evaluate()
    doc = neuron()
    inner = doc.group(["m1", "m2", "s"], name="dot")
    outer = doc.group([inner, "n", "o"], name="unit")
    result = doc.evaluate()
    assert doc.function("unit").body.nodes[inner].function == "dot"
    assert same_bits(result.data[outer], expected.data["o"])
    assert same_bits(result.data[f"{outer}/{inner}/m2"], expected.data["m2"])
    for leaf in ["x1", "x2", "w1", "w2", "b"]:
        assert same_bits(result.grad[leaf], expected.grad[leaf])


def test_editing_a_definition_changes_every_instance():
    doc = two_scales()
    body = doc.function("scale").body
    events = []
    doc.subscribe(events.append)
    body.set_value("w", 2.0)
    assert doc.evaluate().data["g"] == 12.0
    version = doc.structure_version
    body.add_node("op", op="neg", id="n")
    body.connect("m", "n", 0)
    body.set_output("n")
    assert doc.function("scale").outputs == ["n"] and doc.structure_version > version
    assert doc.evaluate().data["g"] == 12.0  # -(2 * -(2 * 3))
    assert {e.kind for e in events} == {"functions_changed"}


def test_make_unique_detaches_one_instance():
    doc = two_scales()
    name = doc.make_unique("g")
    assert doc.nodes["g"].function == name != "scale"
    doc.function(name).body.set_value("w", 10.0)
    result = doc.evaluate()
    assert (result.data["f"], result.data["g"]) == (1.5, 15.0)
    assert result.grad["f/w"] == 30.0 and result.grad["g/w"] == 1.5


def test_a_function_cannot_use_itself_directly_or_through_another():
    doc = two_scales()
    body = doc.function("scale").body
    with pytest.raises(RecursiveFunctionError, match="'scale' cannot use 'scale'"):
        body.add_node("function", function="scale")
    other = GraphDocument()
    other.add_node("input", id="x")
    doc.add_function(FunctionDef("twice", other, inputs=["x"], outputs=["x"]))
    body.add_node("function", function="twice", id="t")
    with pytest.raises(RecursiveFunctionError, match="through scale") as exc:
        other.add_node("function", function="scale")
    assert exc.value.chain == ("twice", "scale", "twice")


def test_a_file_whose_functions_call_each_other_in_a_ring_is_refused():
    doc = two_scales()
    data = doc.to_dict()
    data["functions"][0]["nodes"].append({"id": "r", "kind": "function", "function": "scale"})
    with pytest.raises(GraphFileError, match=r"functions\[0\]: function 'scale' uses itself"):
        loads(json.dumps(data))


def test_functions_survive_a_save_and_load_and_definitions_may_come_in_any_order():
    doc = neuron()
    inner = doc.group(["m1", "m2", "s"], name="dot")
    doc.group([inner, "n", "o"], name="unit")
    text = dumps(doc)
    again = loads(text)
    assert again == doc and dumps(again) == text
    data = json.loads(text)
    data["functions"].reverse()  # "unit" (which uses "dot") first
    assert loads(json.dumps(data)) == doc


def test_function_nodes_are_checked_like_ops():
    doc = two_scales()
    with pytest.raises(UnknownFunctionError, match="unknown function 'nope'"):
        doc.add_node("function", function="nope")
    with pytest.raises(BadPortError, match=r"has ports 0..0, not 1"):
        doc.connect("a", "g", 1)
    with pytest.raises(FunctionError, match="still used by f, g"):
        doc.remove_function("scale")


def test_an_unconnected_port_says_which_input_is_missing():
    doc = two_scales()
    doc.disconnect("f", 0)
    result = doc.evaluate()
    assert result.data["f"] is None and result.data["g"] is None
    (problem,) = result.problems["f"]
    assert "input 'x' of 'scale' is not connected" in problem.message


def test_a_library_file_carries_definitions_to_another_document(tmp_path):
    source = neuron()
    inner = source.group(["m1", "m2", "s"], name="dot")
    source.group([inner, "n", "o"], name="unit")
    path = tmp_path / "shared.agfunctions"
    save_library(source, path, ["unit"])  # "dot" comes along: "unit" uses it
    target = two_scales()
    target.add_function(FunctionDef("dot", scale_body(), inputs=["x"], outputs=["m"]))
    names = import_library(target, path)
    assert names == ["dot1", "unit"]  # "dot" was taken by another definition
    assert target.function("unit").body.nodes[inner].function == "dot1"
    assert import_library(target, path) == ["dot1", "unit"]  # the same again: nothing new
    assert len(target.functions) == 4
    for leaf in ["x1", "w1", "x2", "w2", "b"]:
        target.add_node("input", id=leaf, value=neuron().nodes[leaf].value)
    unit = target.add_node("function", function="unit")
    for port, leaf in enumerate(target.nodes[unit].ports):
        target.connect(leaf, unit, port)
    assert same_bits(target.evaluate().data[unit], neuron().evaluate().data["o"])


def test_a_library_file_that_is_not_one_gets_a_clear_error(tmp_path):
    path = tmp_path / "doc.agfunctions"
    path.write_text(dumps(neuron()))
    with pytest.raises(GraphFileError, match="not a function library"):
        read_library(path)


def test_inside_an_instance_nodes_show_that_instances_numbers():
    doc = two_scales()
    result = doc.evaluate()
    body = doc.function("scale").body
    inside_g = instance_result(result, body, "g")
    assert dict(inside_g.data) == {"x": 1.5, "w": 0.5, "m": 0.75}
    assert dict(inside_g.grad) == {"x": 0.5, "w": 3.0, "m": 1.0}
    assert instance_result(result, body, "f").data["x"] == 3.0

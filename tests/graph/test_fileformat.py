"""The .agraph format: round trips, deterministic text, every bad-file class, atomic save."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_studio.graph import (
    GraphDocument,
    GraphFileError,
    fileformat,
    filewriter,
    load,
    migrations,
    outputfile,
    save,
)
from autograd_studio.graph.fileformat import document_from_dict, document_to_dict, dumps, loads
from autograd_studio.resources import examples_dir
from tests.graph.strategies import mirrored_graphs, same_bits

EXAMPLES = examples_dir()
SMALL_EXAMPLES = sorted(p for p in EXAMPLES.glob("*.agraph") if p.stat().st_size < 100_000)


def small_doc() -> GraphDocument:
    doc = GraphDocument()
    doc.add_node("input", id="x1", label="x1", value=2.0, pos=(0, 0))
    doc.add_node("weight", id="w1", label="w1", value=0.5, pos=(0, 90))
    doc.add_node("op", id="m1", op="mul", label="w1*x1", pos=(220, 45))
    doc.connect("w1", "m1", 0)
    doc.connect("x1", "m1", 1)
    doc.set_output("m1")
    return doc


def file_text(**changes) -> str:
    data = json.loads(dumps(small_doc()))
    data.update(changes)
    return json.dumps(data)


# --- round trips --------------------------------------------------------------------------


def test_the_design_documents_example_reads_and_writes_back():
    text = dumps(small_doc())
    assert text == (
        "{\n"
        '  "format": "autograd-studio-graph",\n'
        '  "version": 2,\n'
        '  "nodes": [\n'
        '    {"id": "x1", "kind": "input", "label": "x1", "value": 2.0, "pos": [0, 0]},\n'
        '    {"id": "w1", "kind": "weight", "label": "w1", "value": 0.5, "pos": [0, 90]},\n'
        '    {"id": "m1", "kind": "op", "op": "mul", "label": "w1*x1", "pos": [220, 45]}\n'
        "  ],\n"
        '  "edges": [\n'
        '    {"from": "w1", "to": "m1", "port": 0},\n'
        '    {"from": "x1", "to": "m1", "port": 1}\n'
        "  ],\n"
        '  "output": "m1"\n'
        "}\n"
    )
    assert loads(text) == small_doc()


@pytest.mark.parametrize("path", SMALL_EXAMPLES, ids=lambda p: p.name)
def test_examples_read_and_write_back_byte_for_byte(path, tmp_path):
    doc = load(path)
    assert dumps(doc).encode() == path.read_bytes()
    save(doc, tmp_path / path.name)
    assert (tmp_path / path.name).read_bytes() == path.read_bytes()
    assert load(tmp_path / path.name) == doc


@settings(max_examples=60)
@given(mirrored_graphs(), st.booleans(), st.data())
def test_random_documents_survive_a_file_round_trip(graph, compact, data):
    doc = graph.doc
    for nid in doc.nodes:
        if data.draw(st.booleans()):
            x = data.draw(st.floats(-1e6, 1e6, allow_nan=False))
            doc.set_pos(nid, (x, data.draw(st.integers(-1000, 1000))))
        if data.draw(st.booleans()):
            doc.set_label(nid, data.draw(st.text(max_size=8)))
    text = dumps(doc, compact=compact)
    again = loads(text)
    assert again == doc
    assert dumps(again, compact=compact) == text
    assert again.output == doc.output and list(again.nodes) == list(doc.nodes)


@pytest.mark.parametrize(
    "value", [0.1, -0.0, 5e-324, 1.7976931348623157e308, 1 / 3, -2.5e-300, 6.8813735870195432]
)
def test_numbers_read_back_bit_for_bit(value):
    doc = GraphDocument()
    x = doc.add_node("input", value=value)
    for compact in (False, True):
        assert same_bits(loads(dumps(doc, compact=compact)).nodes[x].value, value)


def test_big_documents_are_written_a_node_per_line_without_default_labels():
    doc = GraphDocument()
    prev = doc.add_node("input", value=1.0, pos=(0.0, 0.5))
    for _ in range(fileformat.COMPACT_ABOVE):
        node = doc.add_node("op", op="neg")
        doc.connect(prev, node, 0)
        prev = node
    doc.set_label(prev, "the end")
    text = dumps(doc)
    lines = text.splitlines()
    # "{", format, version, "nodes": [, the nodes, "],", "edges": [, the edges, "]", "}"
    assert len(lines) == 4 + len(doc) + 2 + doc.edge_count + 2
    assert lines[4] == '    {"id": "x", "kind": "input", "value": 1.0, "pos": [0, 0.5]},'
    assert text.count('"label"') == 1  # default labels are left out, the one set is kept
    assert loads(text) == doc
    one_line = dumps(doc, compact=True)
    assert "\n" not in one_line.rstrip("\n") and ": " not in one_line
    assert loads(one_line) == doc


@settings(max_examples=60)
@given(
    mirrored_graphs(),
    st.lists(st.text(max_size=5), min_size=1, max_size=4),
    st.sampled_from([0.0, -0.0, 1e-300, 12345678.9, 2.0**60, 1 / 3]),
    st.booleans(),
)
def test_the_line_writer_writes_what_json_writes(mirrored, labels, number, lean):
    doc = mirrored.doc
    for node_id, label in zip(doc.nodes, labels, strict=False):
        doc.set_label(node_id, label)
        doc.set_pos(node_id, (number, -number))
    expected = [filewriter._json(filewriter._node_to_dict(r, lean)) for r in doc.nodes.values()]
    assert filewriter._node_texts(doc, lean) == expected
    assert filewriter._edge_texts(doc) == [filewriter._json(e) for e in filewriter._edges(doc)]


def test_unknown_fields_are_kept_and_written_back():
    data = json.loads(dumps(small_doc()))
    data["author"] = {"name": "Ada", "tags": ["demo", 1, 2.5, None, True]}
    data["nodes"][0]["color"] = "#ff0000"
    data["nodes"][2]["note"] = {"text": "the product"}
    data["edges"][0]["style"] = "dashed"  # edges have no place for extras: dropped
    doc = loads(json.dumps(data))
    assert doc.metadata == {"author": data["author"]}
    assert doc.nodes["x1"].extra == {"color": "#ff0000"}
    assert doc.nodes["m1"].extra == {"note": {"text": "the product"}}
    written = json.loads(dumps(doc))
    assert written["author"] == data["author"]
    assert written["nodes"][0]["color"] == "#ff0000"
    assert written["nodes"][2]["note"] == {"text": "the product"}
    assert "style" not in written["edges"][0]


def test_the_description_is_one_line_of_metadata():
    doc = loads(file_text(description="Two inputs, one product"))
    assert doc.metadata["description"] == "Two inputs, one product"
    assert json.loads(dumps(doc))["description"] == "Two inputs, one product"
    assert list(json.loads(dumps(doc)))[:3] == ["format", "version", "description"]
    with pytest.raises(GraphFileError, match=r"\$\.description: expected a single line"):
        loads(file_text(description="two\nlines"))


def test_output_is_optional_and_implied_by_the_only_sink():
    data = json.loads(file_text())
    del data["output"]
    doc = loads(json.dumps(data))
    assert doc.explicit_output is None and doc.output == "m1"
    assert "output" not in json.loads(dumps(doc))


def test_loading_never_executes_anything(tmp_path):
    marker = tmp_path / "pwned"
    payload = f"__import__('pathlib').Path({str(marker)!r}).touch()"
    data = json.loads(file_text())
    data["nodes"][0]["label"] = payload
    data["nodes"][2]["op"] = payload
    with pytest.raises(GraphFileError, match="is not an op name"):
        loads(json.dumps(data))
    data["nodes"][2]["op"] = "mul"
    assert loads(json.dumps(data)).nodes["x1"].label == payload
    assert not marker.exists()


# --- bad files ----------------------------------------------------------------------------

HEAD = '{"format": "autograd-studio-graph", "version": 1, '
TWO = (
    '"nodes": [{"id": "a", "kind": "input", "value": 1.0}, {"id": "n", "kind": "op", "op": "neg"}]'
)


def one(fields: str) -> str:
    """A file whose only node is ``{fields}``."""
    return HEAD + '"nodes": [{' + fields + "}]}"


def leaf(fields: str) -> str:
    """A file whose only node is an input with ``fields`` added."""
    return one('"id": "a", "kind": "input", ' + fields)


def edges(*items: str) -> str:
    """A file with an input ``a`` and a neg ``n``, and these edges."""
    return HEAD + TWO + ', "edges": [' + ", ".join("{" + e + "}" for e in items) + "]}"


def top(fields: str) -> str:
    return HEAD + TWO + ", " + fields + "}"


A_N = '"from": "a", "to": "n"'
BAD_FILES = [
    # (text, JSON path, words in the message)
    ("", "$", "empty"),
    ("   \n", "$", "blank"),
    ("{", "$", "not valid JSON (truncated"),
    (HEAD + '"nodes": [', "$", "truncated"),
    ("[1, 2]", "$", "got an array"),
    ('"hello"', "$", "got a string"),
    ('{"version": 1, "nodes": []}', "$", 'no "format" field'),
    ('{"format": "svg", "version": 1}', "$.format", 'expected "autograd-studio-graph"'),
    ('{"format": "autograd-studio-graph", "nodes": []}', "$", 'no "version"'),
    ('{"format": "autograd-studio-graph", "version": "1"}', "$.version", "integer"),
    ('{"format": "autograd-studio-graph", "version": 1}', "$", "'nodes'"),
    (HEAD + '"nodes": {}}', "$.nodes", "expected an array"),
    (HEAD + '"nodes": [3]}', "$.nodes[0]", "expected a node"),
    (one('"kind": "input", "value": 1'), "$.nodes[0]", "'id'"),
    (one('"id": "a", "kind": "knob", "value": 1'), "$.nodes[0].kind", "knob"),
    (leaf('"value": "2"'), "$.nodes[0].value", "expected a number"),
    (leaf('"value": true'), "$.nodes[0].value", "expected a number"),
    (leaf('"label": "a"'), "$.nodes[0]", "'value'"),
    (leaf('"value": NaN'), "$.nodes[0].value", "NaN is not allowed"),
    (leaf('"value": -Infinity'), "$.nodes[0].value", "-Infinity is not allowed"),
    (leaf('"value": 1e999'), "$.nodes[0].value", "1e999 is not allowed"),
    (leaf('"value": 1' + "0" * 400), "$.nodes[0].value", "too large"),
    (leaf('"value": 1' + "0" * 5000), "$", "not valid JSON"),
    (leaf('"value": 1, "pos": [1e999, 0]'), "$.nodes[0].pos[0]", "1e999"),
    (leaf('"value": 1, "pos": [1]'), "$.nodes[0].pos", "2 items"),
    (leaf('"value": 1, "label": 5'), "$.nodes[0].label", "expected a string"),
    (leaf('"value": 1, "label": "\\ud800"'), "$.nodes[0].label", "surrogate"),
    (leaf('"value": 1, "x": [NaN]'), "$.nodes[0].x[0]", "NaN"),
    (leaf('"value": 1, "value": 2'), "$.nodes[0]", "'value' appears more than once"),
    (one('"id": "2x", "kind": "input", "value": 1'), "$.nodes[0].id", "not a node id"),
    (one('"id": "a", "kind": "op", "op": "conv"'), "$.nodes[0].op", "conv"),
    (one('"id": "a", "kind": "op"'), "$.nodes[0]", "'op'"),
    (one('"id": "a", "kind": "op", "op": "neg", "value": 1'), "$.nodes[0].value", "computed"),
    (leaf('"op": "neg", "value": 1'), "$.nodes[0].op", "has no 'op'"),
    (HEAD + '"nodes": [{"id": "a", "kind": "input", "value": 1}] * 2}', "$", "not valid JSON"),
    (edges('"from": "a", "to": "m9", "port": 0'), "$.edges[0].to", "no node with id 'm9'"),
    (edges('"from": "q", "to": "n", "port": 0'), "$.edges[0].from", "no node with id 'q'"),
    (edges(A_N + ', "port": 1'), "$.edges[0].port", "ports 0..0"),
    (edges(A_N + ', "port": -1'), "$.edges[0].port", ">= 0"),
    (edges(A_N + ', "port": 0.5'), "$.edges[0].port", "integer"),
    (edges(A_N), "$.edges[0]", "'port'"),
    (edges('"from": "n", "to": "a", "port": 0'), "$.edges[0].to", "takes no inputs"),
    (edges('"from": "n", "to": "n", "port": 0'), "$.edges[0]", "itself"),
    (edges(A_N + ', "port": 0', A_N + ', "port": 0'), "$.edges[1]", "already fed by $.edges[0]"),
    (top('"output": "zz"'), "$.output", "no node with id 'zz'"),
    (top('"output": 3'), "$.output", "expected a node id"),
    (top('"description": 7'), "$.description", "expected a string"),
    (top('"edges": {}'), "$.edges", "expected an array"),
    ("[" * 100_000 + "]" * 100_000, "$", "not valid JSON"),
]


def test_a_duplicated_node_id_is_refused_at_the_second_node():
    text = HEAD + '"nodes": [{"id": "a", "kind": "input", "value": 1}, '
    text += '{"id": "a", "kind": "weight", "value": 2}]}'
    with pytest.raises(GraphFileError, match=r"\$\.nodes\[1\]\.id: a node with id 'a' already"):
        loads(text)


@pytest.mark.parametrize(("text", "where", "words"), BAD_FILES)
def test_every_bad_file_is_one_clear_error_naming_file_path_and_problem(text, where, words):
    with pytest.raises(GraphFileError) as caught:
        loads(text, path="neuron.agraph")
    error = caught.value
    assert error.where == where
    assert str(error).startswith(f"neuron.agraph: {where}: ")
    assert words in str(error)
    assert error.path == "neuron.agraph"


def test_a_cycle_is_refused_naming_the_edge_that_closes_it_and_the_nodes():
    nodes = [{"id": n, "kind": "op", "op": "neg"} for n in "abc"]
    edges = [
        {"from": "a", "to": "b", "port": 0},
        {"from": "c", "to": "a", "port": 0},
        {"from": "b", "to": "c", "port": 0},
    ]
    text = json.dumps(
        {"format": "autograd-studio-graph", "version": 1, "nodes": nodes, "edges": edges}
    )
    with pytest.raises(GraphFileError) as caught:
        loads(text, "loop.agraph")
    assert caught.value.where == "$.edges[2]"
    assert "from 'b' to 'c' closes a cycle: c → a → b → c" in str(caught.value)


def test_bytes_that_are_not_utf8_are_refused_with_the_offset():
    with pytest.raises(GraphFileError, match=r"not UTF-8 text \(byte 0xff at offset 10\)"):
        loads(b'{"format":\xff}', "x.agraph")
    with pytest.raises(GraphFileError, match=r"x\.agraph: \$: not valid JSON"):
        loads(bytes(range(1, 32)), "x.agraph")


def test_a_byte_order_mark_is_tolerated():
    assert loads("\ufeff" + dumps(small_doc())) == small_doc()


def test_files_that_cannot_be_read_raise_graph_file_errors(tmp_path):
    with pytest.raises(GraphFileError, match=r"missing\.agraph: cannot read the file"):
        load(tmp_path / "missing.agraph")
    with pytest.raises(GraphFileError, match="cannot read the file"):
        load(tmp_path)


def test_python_objects_are_checked_like_parsed_files():
    data = document_to_dict(small_doc())
    data["nodes"][0]["pos"] = (1, 2)  # a tuple is fine
    assert document_from_dict(data).nodes["x1"].pos == (1.0, 2.0)
    data["nodes"][0]["value"] = float("nan")
    with pytest.raises(GraphFileError, match=r"^\$\.nodes\[0\]\.value: nan is not allowed"):
        document_from_dict(data)
    data["nodes"][0]["value"] = 1.0
    data["nodes"][0]["extra"] = {1, 2}
    with pytest.raises(GraphFileError, match="not a JSON value: set"):
        document_from_dict(data)


# --- versions -----------------------------------------------------------------------------


def test_a_newer_version_is_refused_naming_both_versions():
    with pytest.raises(GraphFileError) as caught:
        loads(file_text(version=7), "future.agraph")
    message = str(caught.value)
    assert caught.value.where == "$.version"
    assert "format version 7" in message and "format version 2" in message
    assert "newer" in message


def test_older_versions_go_through_the_migration_table(monkeypatch):
    def from_0(data):
        data = dict(data)
        data["nodes"] = [dict(n, kind=n.pop("type")) for n in data["nodes"]]
        return data

    old = json.loads(file_text(version=0))
    for node in old["nodes"]:
        node["type"] = node.pop("kind")
    with pytest.raises(GraphFileError, match="format version 0 is not one this program can read"):
        loads(json.dumps(old))
    monkeypatch.setitem(migrations.MIGRATIONS, 0, from_0)
    doc = loads(json.dumps(old))
    assert doc == small_doc()
    assert json.loads(dumps(doc))["version"] == 2


# --- atomic save --------------------------------------------------------------------------


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".agtmp"))


@pytest.mark.parametrize("failing", ["write", "fsync", "replace"])
def test_a_failed_save_leaves_the_old_file_whole_and_no_temporary_file(
    failing, tmp_path, monkeypatch
):
    path = tmp_path / "neuron.agraph"
    save(small_doc(), path)
    before = path.read_bytes()
    changed = small_doc()
    changed.set_value("x1", 99.0)
    real = getattr(os, failing)
    calls = []

    def broken(*args, **kwargs):
        calls.append(args)
        if failing == "write" and len(calls) == 1:
            real(args[0], bytes(args[1])[:10])  # half a file, then the disk fills up
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(outputfile.os, failing, broken)
    with pytest.raises(GraphFileError, match=r"neuron\.agraph: cannot write the file: No space"):
        save(changed, path)
    assert calls
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert leftovers(tmp_path) == []
    save(changed, path)
    assert load(path).nodes["x1"].value == 99.0


def test_an_interrupted_save_cleans_up_too(tmp_path, monkeypatch):
    path = tmp_path / "a.agraph"
    save(small_doc(), path)

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(outputfile.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save(small_doc(), path)
    assert leftovers(tmp_path) == []


def test_save_keeps_the_files_permissions_and_writes_through_symlinks(tmp_path):
    target = tmp_path / "real.agraph"
    save(small_doc(), target)
    os.chmod(target, 0o640)
    link = tmp_path / "link.agraph"
    link.symlink_to(target)
    doc = small_doc()
    doc.set_value("x1", 5.0)
    save(doc, link)
    assert link.is_symlink()
    assert load(target).nodes["x1"].value == 5.0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_saving_into_a_missing_directory_is_a_graph_file_error(tmp_path):
    with pytest.raises(GraphFileError, match="cannot write the file"):
        save(small_doc(), tmp_path / "nowhere" / "x.agraph")

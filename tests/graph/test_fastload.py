"""The typed fast reader: it reads the common shape exactly as the full reader does, and
declines (``None``) everything else, so the full reader's errors are the only ones shown."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autograd_studio.graph import GraphDocument, fastload, fileformat
from autograd_studio.graph.fileformat import dumps, loads
from autograd_studio.graph.schema import SchemaError
from autograd_studio.resources import examples_dir
from tests.graph.strategies import mirrored_graphs

EXAMPLES = examples_dir()
ALL_EXAMPLES = sorted(EXAMPLES.glob("*.agraph"))
SMALL = {p.name: p.read_bytes() for p in ALL_EXAMPLES if p.stat().st_size < 100_000}


def full_reader(raw: bytes | str) -> GraphDocument | None:
    """What the schema-walking reader makes of *raw* (``None``: it refuses the file)."""
    try:
        return fileformat._document_from_data(fileformat._parse(raw))
    except SchemaError:
        return None


def same_document(a: GraphDocument, b: GraphDocument) -> bool:
    """Equal as files, and equal in the indexes the editor walks (users in the same order)."""
    return (
        a == b
        and a.metadata == b.metadata
        and all(a.users_of(n) == b.users_of(n) for n in a.nodes)
        and a.sinks() == b.sinks()
        and a.edge_count == b.edge_count
    )


def test_the_demo_takes_the_fast_path_and_matches_the_full_reader():
    demo = EXAMPLES / "micrograd-demo.agraph"
    fast = fastload.decode(demo.read_bytes())
    assert fast is not None
    assert len(fast) == 65_818 and fast.edge_count == 126_854
    assert same_document(fast, full_reader(demo.read_bytes()))


CORE_FIELDS = {"format", "version", "description", "nodes", "edges", "output"}


@pytest.mark.parametrize("path", ALL_EXAMPLES, ids=lambda p: p.name)
def test_every_example_of_the_common_shape_takes_the_fast_path(path):
    """Files with optional sections (functions, dataset, training) take the full reader."""
    common = json.loads(path.read_bytes()).keys() <= CORE_FIELDS
    fast = fastload.decode(path.read_bytes())
    assert (fast is not None) == common
    if fast is not None:
        assert same_document(fast, full_reader(path.read_bytes()))


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(mirrored_graphs(), st.booleans())
def test_written_documents_read_back_the_same_by_both_readers(mirrored, compact):
    text = dumps(mirrored.doc, compact=compact).encode()
    fast = fastload.decode(text)
    assert fast is not None
    assert same_document(fast, full_reader(text))


def node_file(*nodes: str, edges: str = "", extra: str = "", version: int = 2) -> bytes:
    return (
        f'{{"format": "autograd-studio-graph", "version": {version}, '
        f'"nodes": [{", ".join(nodes)}], "edges": [{edges}]{extra}}}'
    ).encode()


X = '{"id": "x", "kind": "input", "value": 1.0}'
Y = '{"id": "y", "kind": "input", "value": 2.0}'
M = '{"id": "m", "kind": "op", "op": "mul"}'
XM = '{"from": "x", "to": "m", "port": 0}, {"from": "y", "to": "m", "port": 1}'


@pytest.mark.parametrize(
    "raw",
    [
        node_file('{"id": "x", "id": "z", "kind": "input", "value": 1.0}'),
        node_file('{"id": "x", "kind": "input", "value": 1.0, "value": 2.0}'),
        node_file(X, Y, M, edges='{"from": "x", "from": "y", "to": "m", "port": 0}'),
        node_file(X, extra=', "output": "x", "output": "x"'),
        node_file(X).replace(b'"version": 2', b'"version": 2, "version": 2'),
        node_file('{"id": "x", "kind": "input", "value": 1.0, "colour": "red"}'),
        node_file(X, extra=', "functions": []'),
        node_file('{"id": "x", "kind": "input", "label": "a\\"b", "value": 1.0}'),
        node_file('{"id": "x", "kind": "input", "value": NaN}'),
        node_file('{"id": "x", "kind": "input", "value": 1e999}'),
        node_file('{"id": "1x", "kind": "input", "value": 1.0}'),
        node_file('{"id": "x", "kind": "op", "op": "mul", "value": 1.0}'),
        node_file('{"id": "x", "kind": "input", "op": "mul", "value": 1.0}'),
        node_file('{"id": "x", "kind": "input"}'),
        node_file('{"id": "x", "kind": "op", "op": "nope"}'),
        node_file(X, X),
        node_file(  # a cycle through nodes listed in any order
            X,
            '{"id": "a", "kind": "op", "op": "add"}',
            '{"id": "b", "kind": "op", "op": "relu"}',
            edges='{"from": "b", "to": "a", "port": 0}, {"from": "x", "to": "a", "port": 1}, '
            '{"from": "a", "to": "b", "port": 0}',
        ),
        node_file(X, Y, M, edges=XM + ', {"from": "x", "to": "m", "port": 0}'),
        node_file(X, Y, M, edges='{"from": "x", "to": "m", "port": 2}'),
        node_file(X, Y, M, edges='{"from": "x", "to": "m", "port": -1}'),
        node_file(X, Y, M, edges='{"from": "x", "to": "m", "port": true}'),
        node_file(X, Y, M, edges='{"from": "x", "to": "y", "port": 0}'),
        node_file(X, Y, M, edges='{"from": "m", "to": "m", "port": 0}'),
        node_file(X, Y, M, edges='{"from": "ghost", "to": "m", "port": 0}'),
        node_file(X, extra=', "output": "ghost"'),
        node_file(X, extra=', "description": 7'),
        node_file(X, version=0),
        b"\xef\xbb\xbf" + node_file(X),
        b"",
        b"[]",
    ],
)
def test_anything_but_the_common_valid_shape_goes_to_the_full_reader(raw):
    assert fastload.decode(raw) is None


def test_a_file_listing_users_before_their_sources_takes_the_fast_path_too():
    doc = fastload.decode(node_file(M, X, Y, edges=XM))
    assert doc is not None and doc.inputs_of("m") == ["x", "y"]
    assert same_document(doc, loads(node_file(M, X, Y, edges=XM)))


@pytest.mark.parametrize("output", ["", ', "output": null', ', "output": "x"'])
def test_version_1_files_get_their_implied_output_written_down_as_the_migration_does(output):
    raw = node_file(X, Y, M, edges=XM, extra=output, version=1)
    fast = fastload.decode(raw)
    assert fast is not None and fast.explicit_output == ("x" if "x" in output else "m")
    assert same_document(fast, full_reader(raw))


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(SMALL)), st.data())
def test_mutated_files_are_read_as_the_full_reader_reads_them(name, data):
    """Whatever the fast reader accepts, the full reader accepts as the same document."""
    parsed = json.loads(SMALL[name])
    nodes, edges = parsed["nodes"], parsed["edges"]
    ids = [node["id"] for node in nodes]
    for _ in range(data.draw(st.integers(1, 3))):
        items = data.draw(st.sampled_from([nodes, edges]))
        item = data.draw(st.sampled_from(items))
        if not item:
            continue
        key = data.draw(st.sampled_from(sorted(item)))
        value = data.draw(
            st.one_of(
                st.sampled_from([None, True, 0, 1, -1, 2, 0.5, 1e308, "", "x", "op", "mul"]),
                st.sampled_from(ids),
                st.sampled_from([[0, 0], [1], "input", "weight", "relu"]),
            )
        )
        action = data.draw(st.sampled_from(["replace", "delete", "copy"]))
        if action == "replace":
            item[key] = value
        elif action == "delete":
            del item[key]
        else:
            items.append(json.loads(json.dumps(item)))
    raw = json.dumps(parsed).encode()
    fast = fastload.decode(raw)
    if fast is not None:
        full = full_reader(raw)
        assert full is not None and same_document(fast, full)


def test_a_fast_loaded_document_keeps_one_string_per_id_kind_and_op():
    # An edge's source is the node's own id string, and every op node shares its op's
    # name: the demo graph kept 126,854 copied id strings and 65,818 kind strings before.
    doc = fastload.decode((examples_dir() / "mlp-mse.agraph").read_bytes())
    assert doc is not None
    sources = [s for ss in doc.input_lists.values() for s in ss if s is not None]
    assert len(sources) == doc.edge_count > 40
    assert all(source is doc.nodes[source].id for source in sources)
    records = list(doc.nodes.values())
    assert len({id(r.kind) for r in records}) == len({r.kind for r in records})
    assert len({id(r.op) for r in records}) == len({r.op for r in records})

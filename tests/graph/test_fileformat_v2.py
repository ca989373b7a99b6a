"""Format version 2: the output is explicit, version 1 files migrate, newer ones are refused."""

from __future__ import annotations

import json

import pytest

from autograd_studio.graph import GraphDocument, GraphFileError, load, save
from autograd_studio.graph.fileformat import FORMAT_VERSION, dumps, loads
from autograd_studio.graph.migrations import output_made_explicit

NEURON_V1 = {
    "format": "autograd-studio-graph",
    "version": 1,
    "nodes": [
        {"id": "x", "kind": "input", "label": "x", "value": 2.0},
        {"id": "w", "kind": "weight", "label": "w", "value": -0.5},
        {"id": "m", "kind": "op", "op": "mul", "label": "w*x"},
        {"id": "r", "kind": "op", "op": "relu", "label": "y"},
    ],
    "edges": [
        {"from": "w", "to": "m", "port": 0},
        {"from": "x", "to": "m", "port": 1},
        {"from": "m", "to": "r", "port": 0},
    ],
}


def test_saving_writes_version_2():
    assert FORMAT_VERSION == 2
    assert json.loads(dumps(GraphDocument()))["version"] == 2


def test_a_version_1_file_gets_its_implied_output_written_down():
    doc = loads(json.dumps(NEURON_V1))
    assert doc.explicit_output == "r"
    doc.add_node("input", label="unrelated", value=1.0)  # a second sink
    assert doc.output == "r"  # the output neither moves nor vanishes
    assert json.loads(dumps(doc))["output"] == "r"


def test_a_version_1_file_with_an_output_keeps_it():
    data = dict(NEURON_V1, output="m")
    assert loads(json.dumps(data)).explicit_output == "m"


def test_a_version_1_file_with_several_sinks_still_has_no_output():
    data = dict(NEURON_V1, edges=NEURON_V1["edges"][:2])  # m and r are both sinks
    doc = loads(json.dumps(data))
    assert doc.explicit_output is None and doc.output is None


def test_a_version_2_file_without_output_means_the_only_sink_as_before():
    data = dict(NEURON_V1, version=2)
    doc = loads(json.dumps(data))
    assert doc.explicit_output is None and doc.output == "r"


def test_the_migration_leaves_broken_files_for_the_checks_to_name():
    for broken in (
        {"nodes": "nope"},
        {"nodes": [1, {"id": 3}], "edges": [None]},
        {"nodes": [{"id": "a"}, {"id": "a"}]},  # duplicate ids: the document names them
    ):
        assert output_made_explicit(broken) == broken
    data = dict(NEURON_V1, nodes=NEURON_V1["nodes"] + [NEURON_V1["nodes"][0]])
    with pytest.raises(GraphFileError, match=r"\$\.nodes\[4\]\.id: .*'x'"):
        loads(json.dumps(data))


def test_a_newer_version_is_refused_clearly(tmp_path):
    path = tmp_path / "future.agraph"
    path.write_text(json.dumps(dict(NEURON_V1, version=3)))
    with pytest.raises(GraphFileError) as caught:
        load(path)
    assert "format version 3" in str(caught.value) and "newer" in str(caught.value)


def test_unknown_top_level_sections_survive_a_version_1_migration_and_a_save(tmp_path):
    data = dict(NEURON_V1, notes={"teacher": "step through slowly"})
    doc = loads(json.dumps(data))
    path = tmp_path / "neuron.agraph"
    save(doc, path)
    written = json.loads(path.read_text())
    assert written["version"] == 2 and written["output"] == "r"
    assert written["notes"] == {"teacher": "step through slowly"}
    assert load(path) == doc

"""The dataset and training sections of the file: round trip, clear errors, old files."""

from __future__ import annotations

import json

import pytest

from autograd_studio.graph import GraphFileError, load, save
from autograd_studio.graph.fileformat import dumps, loads
from autograd_studio.graph.schema import GENERATOR_NAMES
from autograd_studio.training import (
    GENERATORS,
    OptimizerSettings,
    generate,
    read_settings,
    read_setup,
)
from autograd_studio.training.models import attach, line_fit
from tests.graph.test_examples import EXAMPLES


def trained_line():
    doc = line_fit()
    attach(
        doc,
        generate("line", rows=5, noise=0.25, seed=9),
        {"x": "x", "y": "y"},
        loss="loss",
        target="y",
        prediction="pred",
        settings=OptimizerSettings("adam", 0.01, l2=1e-3, steps=7),
    )
    return doc


def test_dataset_and_settings_survive_save_and_load(tmp_path):
    doc = trained_line()
    path = tmp_path / "line.agraph"
    save(doc, path)
    loaded = load(path)
    assert loaded == doc
    setup, original = read_setup(loaded), read_setup(doc)
    assert setup.dataset == original.dataset
    assert setup.dataset.generator.name == "line"
    assert (setup.bindings, setup.loss, setup.target, setup.prediction) == (
        {"x": "x", "y": "y"},
        "loss",
        "y",
        "pred",
    )
    assert read_settings(loaded) == OptimizerSettings("adam", 0.01, l2=1e-3, steps=7)
    assert dumps(loaded) == dumps(doc)


def test_rows_are_written_one_per_line():
    doc = trained_line()
    lines = [line.strip().rstrip(",") for line in dumps(doc).splitlines()]
    for row in read_setup(doc).dataset.rows.tolist():
        assert json.dumps(row) in lines


def test_a_version_1_file_without_sections_loads_without_them():
    text = (EXAMPLES / "tanh-neuron.agraph").read_text(encoding="utf-8")
    data = json.loads(text)
    data["version"] = 1
    doc = loads(json.dumps(data))
    assert read_setup(doc) is None
    assert read_settings(doc) == OptimizerSettings()
    assert json.loads(dumps(doc))["version"] == 2


def broken(change) -> str:
    data = json.loads(dumps(trained_line()))
    change(data)
    return json.dumps(data)


@pytest.mark.parametrize(
    ("change", "where", "message"),
    [
        (lambda d: d["dataset"]["rows"][2].pop(), "$.dataset.rows[2]", "expected 2 numbers"),
        (
            lambda d: d["dataset"]["rows"][1].__setitem__(0, "a"),
            "$.dataset.rows[1][0]",
            "expected a number",
        ),
        (
            lambda d: d["dataset"]["bindings"][0].__setitem__("node", "w"),
            "$.dataset.bindings[0].node",
            "columns feed input nodes only",
        ),
        (
            lambda d: d["dataset"]["bindings"][1].__setitem__("node", "zz"),
            "$.dataset.bindings[1].node",
            "no node with id 'zz'",
        ),
        (
            lambda d: d["dataset"]["bindings"][1].__setitem__("column", "q"),
            "$.dataset.bindings[1].column",
            "no column 'q'",
        ),
        (lambda d: d["dataset"].__setitem__("loss", "nope"), "$.dataset.loss", "no node"),
        (lambda d: d["dataset"].pop("loss"), "$.dataset", "lacks the required field 'loss'"),
        (lambda d: d["dataset"].__setitem__("target", "q"), "$.dataset.target", "no column"),
        (
            lambda d: d["training"].__setitem__("optimizer", "rmsprop"),
            "$.training.optimizer",
            "expected one of sgd, adam",
        ),
        (lambda d: d["training"].__setitem__("decay", 1), "$.training.decay", "true or false"),
        (lambda d: d["training"].__setitem__("steps", 0), "$.training.steps", ">= 1"),
    ],
)
def test_a_bad_section_is_refused_with_its_path(change, where, message):
    with pytest.raises(GraphFileError) as info:
        loads(broken(change), path="t.agraph")
    assert f"t.agraph: {where}: " in str(info.value)
    assert message in str(info.value)


def test_unknown_fields_inside_the_sections_are_kept():
    def add(d):
        d["training"]["schedule_note"] = "kept"
        d["dataset"]["source"] = "lab"

    doc = loads(broken(add))
    again = json.loads(dumps(doc))
    assert again["training"]["schedule_note"] == "kept"
    assert again["dataset"]["source"] == "lab"


def test_the_schema_knows_every_generator():
    assert set(GENERATOR_NAMES) == set(GENERATORS)

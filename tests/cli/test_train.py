"""The train verb: on the examples as they are, JSON history, -o, clear refusals."""

from __future__ import annotations

import json

from autograd_studio.graph import load
from autograd_studio.training import read_setup
from tests.cli.conftest import EXAMPLES


def test_train_json_gives_the_loss_and_accuracy_per_step(cli):
    outcome = cli("train", EXAMPLES / "micrograd-moons.agraph", "--steps", "20", "--json")
    assert outcome.status == 0
    data = json.loads(outcome.out)
    assert len(data["loss"]) == len(data["accuracy"]) == data["steps"] == 20
    assert data["loss"][-1] < 0.5 * data["loss"][0]
    assert data["accuracy"][-1] > data["accuracy"][0]
    assert data["dead"] is None
    assert outcome.err == ""  # no progress bar when stderr is not a terminal


def test_train_writes_the_trained_document(cli, tmp_path):
    out = tmp_path / "trained.agraph"
    outcome = cli("train", EXAMPLES / "line-regression.agraph", "--steps", "50", "-o", out)
    assert outcome.status == 0
    assert "step" in outcome.out and "loss" in outcome.out
    trained, original = load(out), load(EXAMPLES / "line-regression.agraph")
    assert trained.nodes["w"].value != original.nodes["w"].value
    assert trained.nodes["w"].value == abs(trained.nodes["w"].value)  # towards 0.8
    assert read_setup(trained).dataset == read_setup(original).dataset


def test_the_dead_neuron_trains_as_it_is_and_explains_itself(cli, tmp_path):
    out = tmp_path / "dead.agraph"
    outcome = cli("train", EXAMPLES / "neuron-dead.agraph", "-o", out)
    assert outcome.status == 0
    assert "0 moved" in outcome.out
    assert "dead ReLU" in outcome.out
    before, after = load(EXAMPLES / "neuron-dead.agraph"), load(out)
    assert [r.value for r in after.nodes.values()] == [r.value for r in before.nodes.values()]


def test_the_active_neuron_moves(cli):
    outcome = cli("train", EXAMPLES / "neuron-active.agraph", "--json")
    data = json.loads(outcome.out)
    assert outcome.status == 0
    assert data["loss"][-1] < data["loss"][0]
    assert "accuracy" not in data  # no prediction node


def test_options_override_the_files_settings(cli):
    sgd = json.loads(cli("train", EXAMPLES / "line-regression.agraph", "--json").out)
    adam = json.loads(
        cli(
            "train", EXAMPLES / "line-regression.agraph", "--json", "--optimizer", "adam",
            "--lr", "0.01", "--steps", "5",
        ).out
    )  # fmt: skip
    assert len(sgd["loss"]) == 100 and len(adam["loss"]) == 5
    assert adam["loss"][0] == sgd["loss"][0]  # same start
    assert adam["loss"][1] != sgd["loss"][1]


def test_a_file_without_dataset_is_refused_clearly(cli):
    outcome = cli("train", EXAMPLES / "tanh-neuron.agraph")
    assert outcome.status == 2
    assert "has no dataset to train on" in outcome.err


def test_a_bad_learning_rate_is_refused(cli):
    outcome = cli("train", EXAMPLES / "line-regression.agraph", "--lr", "-1")
    assert outcome.status == 2
    assert "--lr must be a positive number" in outcome.err

"""Exported scripts of a graph with a dataset train it and print the trainer's losses."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys

import pytest

from autograd_studio.graph import load
from autograd_studio.interop.codegen import to_python, to_torch
from autograd_studio.training import OptimizerSettings, Trainer, generate, read_settings, read_setup
from autograd_studio.training.models import attach, line_fit, mlp_classifier
from tests.graph.test_examples import EXAMPLES
from tests.requirements import require_torch


def printed_losses(script: str, tmp_path, subprocess_run: bool = False) -> list[float]:
    """Run the script (in this process: starting Python and torch again per case would
    cost seconds each; one test per exporter runs it as its own process) and read its
    ``step k loss L`` lines."""
    if subprocess_run:
        path = tmp_path / "script.py"
        path.write_text(script, encoding="utf-8")
        done = subprocess.run(
            [sys.executable, str(path)], capture_output=True, text=True, timeout=120, check=False
        )
        assert done.returncode == 0, done.stderr
        out = done.stdout
    else:
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            exec(compile(script, "script.py", "exec"), {"__name__": "__main__"})
        out = buffer.getvalue()
    return [float(x) for x in re.findall(r"^step \d+ loss (\S+)$", out, re.M)]


def trainer_losses(doc) -> list[float]:
    settings = read_settings(doc)
    return [r.loss for r in Trainer(doc, read_setup(doc), settings).run(settings.steps)]


def small_classifier(settings: OptimizerSettings):
    doc = mlp_classifier(2, [3, 1], seed=5)
    attach(
        doc, generate("circles", rows=8, noise=0.1, seed=1), {"x1": "x1", "x2": "x2", "y": "y"},
        "loss", "y", "score", settings,
    )  # fmt: skip
    return doc


CASES = {
    "line-regression": lambda: load(EXAMPLES / "line-regression.agraph"),
    "neuron-active": lambda: load(EXAMPLES / "neuron-active.agraph"),
    "sgd-decay-l2": lambda: small_classifier(
        OptimizerSettings("sgd", 0.5, decay=True, l2=1e-3, steps=12)
    ),
    "sgd-momentum": lambda: small_classifier(OptimizerSettings("sgd", 0.1, momentum=0.9, steps=12)),
    "adam": lambda: small_classifier(OptimizerSettings("adam", 0.05, l2=1e-4, steps=12)),
}


@pytest.mark.parametrize("case", list(CASES))
def test_the_python_script_trains_like_the_trainer(case, tmp_path):
    doc = CASES[case]()
    losses = printed_losses(to_python(doc), tmp_path)
    expected = trainer_losses(doc)
    assert len(losses) == len(expected) == read_settings(doc).steps
    assert losses == pytest.approx(expected, rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("case", list(CASES))
def test_the_torch_script_trains_like_the_trainer(case, tmp_path):
    require_torch()
    doc = CASES[case]()
    losses = printed_losses(to_torch(doc), tmp_path)
    assert losses == pytest.approx(trainer_losses(doc), rel=1e-9, abs=1e-12)


@pytest.mark.slow
@pytest.mark.parametrize("exporter", [to_python, to_torch])
def test_the_exported_script_runs_on_its_own(exporter, tmp_path):
    if exporter is to_torch:
        require_torch()
    doc = load(EXAMPLES / "neuron-active.agraph")
    losses = printed_losses(exporter(doc), tmp_path, subprocess_run=True)
    assert losses == pytest.approx(trainer_losses(doc), rel=1e-9, abs=1e-12)


def test_a_graph_without_dataset_exports_no_training(tmp_path):
    script = to_python(load(EXAMPLES / "tanh-neuron.agraph"))
    assert "def train" not in script
    assert printed_losses(script, tmp_path) == []


def test_node_names_never_collide_with_the_training_names(tmp_path):
    # Weights called like the script's own names must keep working.
    doc = line_fit()
    doc.add_node("weight", id="train", value=0.0)
    doc.add_node("weight", id="DATA", value=0.0)
    attach(doc, generate("line", rows=4, seed=3), {"x": "x", "y": "y"}, "loss",
           settings=OptimizerSettings("sgd", 0.1, steps=3))  # fmt: skip
    assert printed_losses(to_python(doc), tmp_path) == pytest.approx(trainer_losses(doc))

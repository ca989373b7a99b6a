"""The training loop against micrograd's demo loop and torch.optim.Adam, and its lessons."""

from __future__ import annotations

import random

import numpy as np
import pytest

from autograd_studio.graph import load
from autograd_studio.training import (
    OptimizerSettings,
    Trainer,
    TrainingError,
    generate,
    read_settings,
    read_setup,
)
from autograd_studio.training.datasets import from_rows
from autograd_studio.training.models import attach, line_fit, mlp_classifier
from tests.graph.test_examples import EXAMPLES
from tests.requirements import require_torch

MOONS = {"x1": "x1", "x2": "x2", "y": "y"}


def micrograd_losses(points: np.ndarray, steps: int, seed: int) -> tuple[list[float], list]:
    """micrograd's demo loop, as its notebook writes it, on *points* (x1, x2, y)."""
    from micrograd.engine import Value
    from micrograd.nn import MLP

    random.seed(seed)
    model = MLP(2, [16, 16, 1])
    initial = [p.data for p in model.parameters()]
    X = points[:, :2].tolist()
    y = points[:, 2].tolist()
    losses = []
    for k in range(steps):
        inputs = [list(map(Value, row)) for row in X]
        scores = list(map(model, inputs))
        hinge = [(1 + -yi * si).relu() for yi, si in zip(y, scores, strict=True)]
        data_loss = sum(hinge) * (1.0 / len(hinge))
        reg_loss = 1e-4 * sum(p * p for p in model.parameters())
        total = data_loss + reg_loss
        model.zero_grad()
        total.backward()
        learning_rate = 1.0 - 0.9 * k / steps
        for p in model.parameters():
            p.data -= learning_rate * p.grad
        losses.append(total.data)
    return losses, initial


@pytest.mark.slow
def test_sgd_on_micrograds_demo_gives_micrograds_loss_at_every_step():
    # micrograd takes about 0.6 s a step on all 100 points: 12 points keep this test short
    # while every part of the demo (MLP 2-16-16-1, hinge loss, L2 1e-4, decay) runs.
    data = generate("moons", rows=12, noise=0.1, seed=3)
    expected, initial = micrograd_losses(data.rows, steps=100, seed=1337)
    doc = mlp_classifier(2, [16, 16, 1])
    weights = [nid for nid, r in doc.nodes.items() if r.kind == "weight"]
    assert len(weights) == len(initial) == 337
    for nid, value in zip(weights, initial, strict=True):
        doc.set_value(nid, value)
    setup = attach(doc, data, MOONS, "loss", "y", "score")
    settings = OptimizerSettings("sgd", 1.0, decay=True, l2=1e-4, steps=100)
    ours = [r.loss for r in Trainer(doc, setup, settings).run(100)]
    assert ours == pytest.approx(expected, rel=1e-9, abs=1e-12)
    assert ours[-1] < 0.5 * ours[0]  # it learned something


def test_adam_matches_torch_optim_adam():
    torch = require_torch()
    data = generate("line", rows=9, noise=0.2, seed=4)
    doc = line_fit()
    doc.set_value("w", 0.3)
    doc.set_value("b", -0.4)
    setup = attach(doc, data, {"x": "x", "y": "y"}, "loss")
    settings = OptimizerSettings("adam", 0.05, l2=1e-3)
    ours = Trainer(doc, setup, settings)
    results = ours.run(40)

    x = torch.tensor(data.column("x").copy())
    y = torch.tensor(data.column("y").copy())
    w = torch.tensor(0.3, requires_grad=True)
    b = torch.tensor(-0.4, requires_grad=True)
    adam = torch.optim.Adam([w, b], lr=0.05)
    expected = []
    for _ in range(40):
        d = (w * x + b) - y
        loss = (d * d).sum() * (1.0 / len(x)) + 1e-3 * (w * w + b * b)
        adam.zero_grad()
        loss.backward()
        adam.step()
        expected.append(loss.item())
    assert [r.loss for r in results] == pytest.approx(expected, rel=1e-12)
    assert ours.weights.tolist() == pytest.approx([w.item(), b.item()], rel=1e-12)


def test_sgd_with_momentum_matches_torch_optim_sgd():
    torch = require_torch()
    data = generate("line", rows=5, noise=0.1, seed=2)
    doc = line_fit()
    setup = attach(doc, data, {"x": "x", "y": "y"}, "loss")
    ours = Trainer(doc, setup, OptimizerSettings("sgd", 0.1, momentum=0.9))
    ours.run(25)
    x, y = torch.tensor(data.column("x").copy()), torch.tensor(data.column("y").copy())
    w, b = torch.tensor(0.1, requires_grad=True), torch.tensor(0.0, requires_grad=True)
    sgd = torch.optim.SGD([w, b], lr=0.1, momentum=0.9)
    for _ in range(25):
        d = (w * x + b) - y
        loss = (d * d).sum() * (1.0 / len(x))
        sgd.zero_grad()
        loss.backward()
        sgd.step()
    assert ours.weights.tolist() == pytest.approx([w.item(), b.item()], rel=1e-12)


def test_regression_learns_the_line():
    data = generate("line", rows=50, noise=0.0, seed=1)
    doc = line_fit()
    setup = attach(doc, data, {"x": "x", "y": "y"}, "loss")
    trainer = Trainer(doc, setup, OptimizerSettings("sgd", 0.5))
    trainer.run(300)
    assert trainer.weight_values() == pytest.approx({"w": 0.8, "b": -0.3}, abs=1e-6)
    assert trainer.has_accuracy is False


def test_the_dead_neuron_never_moves_and_says_why():
    doc = load(EXAMPLES / "neuron-dead.agraph")
    before = {nid: r.value for nid, r in doc.nodes.items() if r.kind == "weight"}
    trainer = Trainer(doc, read_setup(doc), read_settings(doc))
    results = trainer.run(20)
    assert trainer.weight_values() == before  # exactly: not one bit moved
    assert all(r.dead for r in results)
    assert "ReLU 'y'" in results[0].dead
    assert "every one of the" in results[0].dead


def test_the_active_neuron_moves():
    doc = load(EXAMPLES / "neuron-active.agraph")
    trainer = Trainer(doc, read_setup(doc), read_settings(doc))
    results = trainer.run(20)
    assert results[0].dead is None
    assert trainer.weight_values() != {
        nid: r.value for nid, r in doc.nodes.items() if r.kind == "weight"
    }
    assert results[-1].loss < results[0].loss


def test_reset_restores_the_weights_and_starts_over():
    data = generate("moons", rows=20, seed=2)
    doc = mlp_classifier(2, [4, 1])
    setup = attach(doc, data, MOONS, "loss", "y", "score")
    trainer = Trainer(doc, setup, OptimizerSettings("adam", 0.05))
    first = [r.loss for r in trainer.run(5)]
    assert not np.array_equal(trainer.weights, trainer.initial)
    trainer.reset()
    assert np.array_equal(trainer.weights, trainer.initial)
    assert trainer.steps_done == 0
    assert [r.loss for r in trainer.run(5)] == first
    assert len(trainer.accuracies) == 5


def test_apply_writes_the_weights_into_the_document():
    data = from_rows(["x", "y"], [[1.0, 2.0], [2.0, 4.0]])
    doc = line_fit()
    setup = attach(doc, data, {"x": "x", "y": "y"}, "loss")
    trainer = Trainer(doc, setup, OptimizerSettings("sgd", 0.1))
    trainer.run(3)
    trainer.apply(doc)
    assert doc.nodes["w"].value == trainer.weights[0]


def test_accuracy_uses_the_sign_of_the_prediction():
    data = from_rows(["x", "y"], [[1.0, 1.0], [-1.0, -1.0], [2.0, -1.0]])
    doc = line_fit()
    doc.set_value("w", 1.0)
    setup = attach(doc, data, {"x": "x", "y": "y"}, "loss", target="y", prediction="pred")
    result = Trainer(doc, setup, OptimizerSettings()).step()
    assert result.accuracy == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda s: setattr(s, "loss", "nope"), "loss node 'nope' is not in the graph"),
        (lambda s: s.bindings.update(z="x"), "no column 'z'"),
        (lambda s: s.bindings.update(x="w"), "columns feed input nodes only"),
        (lambda s: setattr(s, "target", "q"), "target column 'q'"),
    ],
)
def test_a_bad_setup_is_refused_with_a_clear_message(change, message):
    doc = line_fit()
    setup = attach(doc, from_rows(["x", "y"], [[1.0, 2.0]]), {"x": "x", "y": "y"}, "loss")
    change(setup)
    with pytest.raises(TrainingError, match=message):
        Trainer(doc, setup, OptimizerSettings())


def test_a_loss_without_value_is_refused():
    doc = line_fit()
    doc.disconnect("d", 1)
    setup = attach(doc, from_rows(["x"], [[1.0]]), {"x": "x"}, "loss")
    with pytest.raises(TrainingError, match="has no value"):
        Trainer(doc, setup, OptimizerSettings())


def test_a_diverging_run_stops_at_the_first_non_finite_loss():
    data = generate("line", rows=10, seed=0)
    doc = line_fit()
    setup = attach(doc, data, {"x": "x", "y": "y"}, "loss")
    results = Trainer(doc, setup, OptimizerSettings("sgd", 1e6)).run(100)
    assert len(results) < 100
    assert not np.isfinite(results[-1].loss)

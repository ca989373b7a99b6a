"""The training loop: batch forward and backward over the dataset, then an optimizer step.

A :class:`Trainer` holds the weights as one float64 vector (document order of the weight
nodes) and never touches the document while it runs; :meth:`Trainer.apply` writes the
current weights back.  One :meth:`Trainer.step` is micrograd's demo loop body:

1. forward over every row at once (:mod:`autograd_studio.graph.batch`), the per-row loss
   node's values ``l_r``;
2. the objective ``sum(l_r) * (1/n) + alpha * sum(w**2)`` and, when there is a prediction
   node, the accuracy;
3. backward from the loss node, each weight's gradient ``sum_r(g_r) * (1/n) + 2*alpha*w``;
4. the optimizer moves the weights.

The loss and accuracy recorded for step ``k`` are those of the weights *before* its update,
as micrograd prints them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from autograd_studio.graph.batch import batch_plan_for
from autograd_studio.graph.plan import plan_for
from autograd_studio.messages import Message, kind_word
from autograd_studio.training.dead import explain_dead
from autograd_studio.training.optimizers import make_optimizer
from autograd_studio.training.setup import DataSetup, OptimizerSettings

if TYPE_CHECKING:
    from autograd_studio.graph.document import GraphDocument

__all__ = ["StepResult", "Trainer", "TrainingError"]


class TrainingError(ValueError):
    """The document cannot be trained as set up; the message says what to change."""


@dataclass
class StepResult:
    """One step's numbers (before its update)."""

    step: int
    loss: float
    accuracy: float | None
    dead: str | None  # why no weight can move, when every weight's gradient is 0 on every row


class Trainer:
    """Trains the weights of *doc* on *setup*'s dataset with *settings*."""

    def __init__(self, doc: GraphDocument, setup: DataSetup, settings: OptimizerSettings) -> None:
        self.setup, self.settings = setup, settings
        _check(doc, setup)
        self.batch = batch_plan_for(doc, setup.loss)
        plan = self.batch.plan
        self.rows = len(setup.dataset)
        self.weight_ids = [nid for nid, r in doc.nodes.items() if r.kind == "weight"]
        self._weight_index = [plan.index[nid] for nid in self.weight_ids]
        self.initial = np.array([doc.nodes[nid].value for nid in self.weight_ids], np.float64)
        self.weights = self.initial.copy()
        columns = {
            plan.index[node]: np.ascontiguousarray(setup.dataset.column(column))
            for column, node in setup.bindings.items()
        }
        self._base = self.batch.leaf_values(columns)
        self._loss = plan.index[setup.loss]
        self._prediction = None if setup.prediction is None else plan.index[setup.prediction]
        self._target = None if setup.target is None else setup.dataset.column(setup.target)
        self._threshold = _threshold(self._target) if self._target is not None else None
        self.optimizer = make_optimizer(settings)
        self.losses: list[float] = []
        self.accuracies: list[float] = []
        self.grads = np.zeros_like(self.weights)
        self.predictions: np.ndarray | None = None
        self._values: list[Any] = []
        self._grads: list[Any] = []

    @property
    def steps_done(self) -> int:
        return len(self.losses)

    @property
    def has_accuracy(self) -> bool:
        return self._prediction is not None and self._threshold is not None

    def evaluate(self) -> tuple[float, float | None, bool]:
        """Loss, accuracy and whether all data gradients are zero, for the current weights
        (fills :attr:`grads`), without moving them."""
        values = list(self._base)
        for i, w in zip(self._weight_index, self.weights.tolist(), strict=True):
            values[i] = np.float64(w)
        batch = self.batch
        batch.forward(values)
        self._values = values
        n = self.rows
        losses = np.broadcast_to(values[self._loss], (n,))
        alpha = self.settings.l2
        loss = float(np.sum(losses)) * (1.0 / n)
        if alpha:
            loss += alpha * float(np.dot(self.weights, self.weights))
        grads = self._grads = batch.backward(values, n)
        # One (weights x rows) matrix: one reduction instead of a numpy call per weight.
        zero = np.zeros(n)
        per_row = np.array([zero if (g := grads[i]) is None else g for i in self._weight_index])
        all_zero = not per_row.any()
        self.grads = per_row.sum(axis=1) * (1.0 / n)
        if alpha:
            self.grads += 2.0 * alpha * self.weights
        accuracy = None
        if self.has_accuracy:
            predictions = np.broadcast_to(values[self._prediction], (n,))  # type: ignore[index]
            self.predictions = predictions
            t = self._threshold
            correct = (predictions > t) == (self._target > t)  # type: ignore[operator]
            accuracy = float(np.mean(correct))
        return loss, accuracy, all_zero

    def step(self) -> StepResult:
        """Evaluate, record, then move the weights one optimizer step."""
        k = self.steps_done
        loss, accuracy, all_zero = self.evaluate()
        self.losses.append(loss)
        if accuracy is not None:
            self.accuracies.append(accuracy)
        dead = None
        if all_zero and self.weight_ids:
            dead = explain_dead(self.batch, self._values, self._grads, self.rows)
        self.optimizer.update(self.weights, self.grads, k)
        return StepResult(k, loss, accuracy, dead)

    def run(
        self, steps: int, progress: Callable[[StepResult], None] | None = None
    ) -> list[StepResult]:
        """*steps* steps; stops early (and says so in the last result) if the loss stops
        being a finite number."""
        results = []
        for _ in range(steps):
            result = self.step()
            results.append(result)
            if progress is not None:
                progress(result)
            if not np.isfinite(result.loss):
                break
        return results

    def reset(self) -> None:
        """Back to the weights from before training, with a fresh optimizer."""
        self.weights[:] = self.initial
        self.optimizer.reset()
        self.losses.clear()
        self.accuracies.clear()

    def weight_values(self) -> dict[str, float]:
        return dict(zip(self.weight_ids, self.weights.tolist(), strict=True))

    def apply(self, doc: GraphDocument) -> None:
        """Write the current weights into *doc*'s weight nodes."""
        for nid, value in self.weight_values().items():
            doc.set_value(nid, value)

    def predict(self, columns: dict[str, np.ndarray]) -> np.ndarray:
        """The prediction node's value over other rows (a decision-boundary grid): *columns*
        maps input node ids to arrays; other inputs keep their dataset columns' first row."""
        if self._prediction is None:
            raise TrainingError(Message("no-prediction"))
        plan = self.batch.plan
        n = len(next(iter(columns.values())))
        values = list(self._base)
        for i, value in enumerate(values):
            if isinstance(value, np.ndarray) and value.shape != (n,):
                values[i] = value[0]
        for nid, array in columns.items():
            values[plan.index[nid]] = array
        for i, w in zip(self._weight_index, self.weights.tolist(), strict=True):
            values[i] = np.float64(w)
        self.batch.forward(values)
        return np.broadcast_to(values[self._prediction], (n,))


def _threshold(target: np.ndarray) -> float | None:
    """Where a prediction splits the classes: 0 for labels -1/1, 0.5 for 0/1, the midpoint
    for any two labels; None for a regression target (more than two values)."""
    labels = np.unique(target)
    if len(labels) != 2:
        return None
    return float(labels[0] + labels[1]) / 2.0


def _check(doc: GraphDocument, setup: DataSetup) -> None:
    nodes = doc.nodes
    for role, nid in (("loss", setup.loss), ("prediction", setup.prediction)):
        if nid is not None and nid not in nodes:
            raise TrainingError(Message(f"{role}-not-in-graph", repr(nid)))
    for column, nid in setup.bindings.items():
        if column not in setup.dataset.columns:
            raise TrainingError(Message("no-bound-column", repr(column), repr(nid)))
        record = nodes.get(nid)
        if record is None:
            raise TrainingError(Message("bound-to-missing", repr(column), repr(nid)))
        if record.kind != "input":
            raise TrainingError(
                Message(
                    "bound-to-non-input",
                    repr(column),
                    repr(record.display_name),
                    kind_word(record.kind),
                )
            )
    if setup.target is not None and setup.target not in setup.dataset.columns:
        raise TrainingError(Message("no-target-column", repr(setup.target)))
    if len(setup.dataset) == 0:
        raise TrainingError(Message("no-rows"))
    plan = plan_for(doc)
    for role, nid in (("loss", setup.loss), ("prediction", setup.prediction)):
        if nid is None:
            continue
        i = plan.index[nid]
        if plan.sources[i] is None:
            name = repr(nodes[nid].display_name)
            raise TrainingError(Message(f"{role}-no-value", name, plan.missing[i]))

"""What a document says about training it: dataset, bindings, loss, optimizer settings.

A document stores these as its file's optional ``dataset`` and ``training`` sections
(format version 2, see docs/file-format.md), kept in ``doc.metadata`` as the plain JSON the
file holds; :func:`read_setup` and :func:`write_setup` turn them into the typed objects
here and back.

- :class:`DataSetup`: the dataset, which column feeds which input node (``bindings``), the
  ``target`` column, the per-example ``loss`` node and the optional ``prediction`` node.
- :class:`OptimizerSettings`: SGD (learning rate, momentum, optional linear decay as in
  micrograd's demo) or Adam, the L2 factor ``alpha`` of ``alpha * sum(w**2)``, and how many
  steps a run takes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import TYPE_CHECKING, Any

from autograd_studio.training.datasets import Dataset

if TYPE_CHECKING:
    from autograd_studio.graph.document import GraphDocument

__all__ = [
    "OPTIMIZERS",
    "DataSetup",
    "OptimizerSettings",
    "read_settings",
    "read_setup",
    "write_settings",
    "write_setup",
]

OPTIMIZERS = ("sgd", "adam")


@dataclass
class DataSetup:
    """A dataset bound to a model graph."""

    dataset: Dataset
    bindings: dict[str, str]  # column -> input node id
    loss: str  # the per-example loss node; the objective is its mean over the rows
    target: str | None = None  # the column the prediction is compared with
    prediction: str | None = None  # a node whose sign (or side of 0.5) is the class

    def to_json(self) -> dict[str, Any]:
        data = self.dataset.to_json()
        data["bindings"] = [{"column": c, "node": n} for c, n in self.bindings.items()]
        if self.target is not None:
            data["target"] = self.target
        data["loss"] = self.loss
        if self.prediction is not None:
            data["prediction"] = self.prediction
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DataSetup:
        return cls(
            Dataset.from_json(data),
            {b["column"]: b["node"] for b in data.get("bindings", ())},
            data["loss"],
            data.get("target"),
            data.get("prediction"),
        )


@dataclass
class OptimizerSettings:
    """How the weights move: ``optimizer`` is ``"sgd"`` or ``"adam"``."""

    optimizer: str = "sgd"
    learning_rate: float = 0.1
    momentum: float = 0.0  # SGD only
    decay: bool = False  # SGD: lr * (1 - 0.9 * k / steps), micrograd's schedule
    l2: float = 0.0  # alpha in alpha * sum(w**2), added to the mean loss
    steps: int = 100  # a run's length (and the decay's horizon)
    beta1: float = 0.9  # Adam
    beta2: float = 0.999
    eps: float = 1e-8
    extra: dict[str, Any] = field(default_factory=dict, compare=False)  # unknown, kept

    def to_json(self) -> dict[str, Any]:
        data = {k: v for k, v in asdict(self).items() if k != "extra"}
        data.update(self.extra)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> OptimizerSettings:
        names = {f.name for f in fields(cls)} - {"extra"}
        known = {k: v for k, v in data.items() if k in names}
        return cls(**known, extra={k: v for k, v in data.items() if k not in names})


def read_setup(doc: GraphDocument) -> DataSetup | None:
    """The document's dataset section as a :class:`DataSetup` (None when it has none)."""
    data = doc.metadata.get("dataset")
    return DataSetup.from_json(data) if isinstance(data, dict) else None


def write_setup(doc: GraphDocument, setup: DataSetup | None) -> None:
    """Store *setup* as the document's dataset section (None removes it)."""
    if setup is None:
        doc.metadata.pop("dataset", None)
    else:
        doc.metadata["dataset"] = setup.to_json()


def read_settings(doc: GraphDocument) -> OptimizerSettings:
    """The document's training section (defaults when it has none)."""
    data = doc.metadata.get("training")
    return OptimizerSettings.from_json(data) if isinstance(data, dict) else OptimizerSettings()


def write_settings(doc: GraphDocument, settings: OptimizerSettings) -> None:
    doc.metadata["training"] = settings.to_json()

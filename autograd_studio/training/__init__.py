"""Training a model graph on a dataset, headless: datasets, optimizers and the loop.

The graph a user builds is the model for one example.  A dataset binds its columns to
input nodes; the loss node's mean over the rows (plus an optional L2 term) is what the
optimizer lowers by moving the weight nodes.  The editor's Training panel, the ``train``
command and the exporters all build on this package; nothing here imports Qt.
"""

from autograd_studio.training.csv_import import read_csv, read_csv_text
from autograd_studio.training.datasets import GENERATORS, Dataset, DatasetError, generate
from autograd_studio.training.loop import StepResult, Trainer, TrainingError
from autograd_studio.training.optimizers import SGD, Adam, make_optimizer
from autograd_studio.training.setup import (
    DataSetup,
    OptimizerSettings,
    read_settings,
    read_setup,
    write_settings,
    write_setup,
)

__all__ = [
    "GENERATORS",
    "SGD",
    "Adam",
    "DataSetup",
    "Dataset",
    "DatasetError",
    "OptimizerSettings",
    "StepResult",
    "Trainer",
    "TrainingError",
    "generate",
    "make_optimizer",
    "read_csv",
    "read_csv_text",
    "read_settings",
    "read_setup",
    "write_settings",
    "write_setup",
]

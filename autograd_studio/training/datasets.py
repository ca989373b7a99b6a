"""Datasets: a table of float rows with named columns, generated or imported.

The generators are deterministic (Python's ``random.Random(seed)``, the same numbers on
every platform) and make the toy problems of TensorFlow Playground and micrograd's demo:
two moons, circles, XOR, two blobs and a spiral (columns ``x1, x2, y`` with ``y`` in
``{-1, 1}``, as micrograd's max-margin loss wants), and a noisy line for regression
(columns ``x, y``).

>>> data = generate("moons", rows=4, noise=0.0, seed=1)
>>> data.columns, data.rows.shape
(['x1', 'x2', 'y'], (4, 3))
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from autograd_studio.engine.nn import two_moons

__all__ = ["GENERATORS", "Dataset", "DatasetError", "Generator", "generate"]


class DatasetError(ValueError):
    """A dataset that cannot be used, with a sentence saying why (and which row)."""


@dataclass(frozen=True)
class Generator:
    """How a dataset was made: re-running it gives the same rows."""

    name: str
    rows: int = 100
    noise: float = 0.1
    seed: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "rows": self.rows, "noise": self.noise, "seed": self.seed}


@dataclass
class Dataset:
    """Named columns over float64 rows (``rows.shape == (len(rows), len(columns))``)."""

    columns: list[str]
    rows: np.ndarray
    generator: Generator | None = field(default=None)

    def __post_init__(self) -> None:
        self.rows = np.asarray(self.rows, dtype=np.float64).reshape(-1, len(self.columns))
        if len(set(self.columns)) != len(self.columns):
            raise DatasetError("two columns have the same name")

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> np.ndarray:
        """The column called *name* (a view: one number per row)."""
        try:
            return self.rows[:, self.columns.index(name)]
        except ValueError:
            raise DatasetError(f"the dataset has no column {name!r}") from None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Dataset):
            return NotImplemented
        return (
            self.columns == other.columns
            and self.generator == other.generator
            and np.array_equal(self.rows, other.rows)
        )

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"columns": list(self.columns), "rows": self.rows.tolist()}
        if self.generator is not None:
            data["generator"] = self.generator.to_json()
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Dataset:
        generator = data.get("generator")
        return cls(
            list(data["columns"]),
            np.array(data["rows"], dtype=np.float64).reshape(-1, len(data["columns"])),
            Generator(**generator) if generator else None,
        )


Points = list[tuple[float, float]]


def _moons(rows: int, noise: float, seed: int) -> tuple[Points, list[int]]:
    # The engine's two_moons: the same points as the micrograd demo graph's.
    points, labels = two_moons(rows, noise=noise, seed=seed)
    return points, labels


def _circles(rows: int, noise: float, seed: int) -> tuple[Points, list[int]]:
    rng = random.Random(seed)
    points, labels = [], []
    for k in range(rows):
        inner = k % 2
        radius = 0.5 if inner else 1.0
        angle = rng.uniform(0.0, 2.0 * math.pi)
        points.append((radius * math.cos(angle), radius * math.sin(angle)))
        labels.append(1 if inner else -1)
    return _jitter(points, noise, rng), labels


def _xor(rows: int, noise: float, seed: int) -> tuple[Points, list[int]]:
    rng = random.Random(seed)
    points, labels = [], []
    for _ in range(rows):
        # Away from the axes, so that the classes are separable before the noise.
        x = rng.choice((-1, 1)) * rng.uniform(0.1, 1.0)
        y = rng.choice((-1, 1)) * rng.uniform(0.1, 1.0)
        points.append((x, y))
        labels.append(1 if x * y > 0 else -1)
    return _jitter(points, noise, rng), labels


def _blobs(rows: int, noise: float, seed: int) -> tuple[Points, list[int]]:
    rng = random.Random(seed)
    points, labels = [], []
    for k in range(rows):
        label = 1 if k % 2 else -1
        spread = 0.3 + noise
        points.append((label + rng.gauss(0.0, spread), label + rng.gauss(0.0, spread)))
        labels.append(label)
    return points, labels


def _spiral(rows: int, noise: float, seed: int) -> tuple[Points, list[int]]:
    rng = random.Random(seed)
    points, labels = [], []
    half = max(rows // 2, 1)
    for k in range(rows):
        label = 1 if k % 2 else -1
        t = (k // 2) / half
        radius, angle = t, 1.75 * t * 2.0 * math.pi + (math.pi if label > 0 else 0.0)
        points.append((radius * math.sin(angle), radius * math.cos(angle)))
        labels.append(label)
    return _jitter(points, noise, rng), labels


def _jitter(points: Points, noise: float, rng: random.Random) -> Points:
    return [(x + rng.gauss(0.0, noise), y + rng.gauss(0.0, noise)) for x, y in points]


def _classification(
    make: Callable[[int, float, int], tuple[Points, list[int]]],
) -> Callable[[int, float, int], Dataset]:
    def generate(rows: int, noise: float, seed: int) -> Dataset:
        points, labels = make(rows, noise, seed)
        table = [(x, y, float(label)) for (x, y), label in zip(points, labels, strict=True)]
        return Dataset(["x1", "x2", "y"], np.array(table, dtype=np.float64).reshape(-1, 3))

    return generate


def _line(rows: int, noise: float, seed: int) -> Dataset:
    """y = 0.8 x - 0.3 plus gaussian noise, x uniform in [-1, 1]."""
    rng = random.Random(seed)
    table = []
    for _ in range(rows):
        x = rng.uniform(-1.0, 1.0)
        table.append((x, 0.8 * x - 0.3 + rng.gauss(0.0, noise)))
    return Dataset(["x", "y"], np.array(table, dtype=np.float64).reshape(-1, 2))


#: name -> (rows, noise, seed) -> Dataset, in the order a menu lists them.
GENERATORS: dict[str, Callable[[int, float, int], Dataset]] = {
    "moons": _classification(_moons),
    "circles": _classification(_circles),
    "xor": _classification(_xor),
    "blobs": _classification(_blobs),
    "spiral": _classification(_spiral),
    "line": _line,
}


def generate(name: str, rows: int = 100, noise: float = 0.1, seed: int = 0) -> Dataset:
    """A generated dataset; ``generator`` remembers how, so a file can say so."""
    make = GENERATORS.get(name)
    if make is None:
        raise DatasetError(f"no generator called {name!r} (known: {', '.join(GENERATORS)})")
    if rows < 1:
        raise DatasetError("a dataset needs at least one row")
    if not (noise >= 0.0 and math.isfinite(noise)):
        raise DatasetError("the noise must be a finite number >= 0")
    data = make(rows, noise, seed)
    data.generator = Generator(name, rows, noise, seed)
    return data


def from_rows(columns: Sequence[str], rows: Sequence[Sequence[float]]) -> Dataset:
    """A dataset from plain rows (a table editor's, a test's)."""
    return Dataset(list(columns), np.array(rows, dtype=np.float64).reshape(-1, len(columns)))

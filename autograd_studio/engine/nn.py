"""A tiny MLP and micrograd's demo loss, written once for any scalar "value" type.

The builders take a ``value`` factory (``Node``, micrograd's ``Value``, a function making
PyTorch scalar tensors), so the benchmark, the examples and the layout tests build the very
same graph with every engine: micrograd's demo, ``MLP(2, [16, 16, 1])`` on 100 two-moons
points with a max-margin loss and 1e-4 L2 regularisation (about 65,800 nodes).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from typing import Any

from autograd_studio.engine.node import Node

__all__ = ["MLP", "demo_loss", "two_moons"]

Value = Any
ValueFactory = Callable[[float], Value]


class MLP:
    """micrograd's ``MLP``: ReLU hidden layers, a linear last layer, weights U(-1, 1)."""

    def __init__(
        self, nin: int, nouts: Sequence[int], value: ValueFactory = Node, seed: int = 1337
    ) -> None:
        rng = random.Random(seed)
        sizes = [nin, *nouts]
        self.layers: list[list[tuple[list[Value], Value]]] = []
        for i in range(len(nouts)):
            layer = [
                ([value(rng.uniform(-1, 1)) for _ in range(sizes[i])], value(0.0))
                for _ in range(sizes[i + 1])
            ]
            self.layers.append(layer)

    def parameters(self) -> list[Value]:
        return [p for layer in self.layers for w, b in layer for p in (*w, b)]

    def __call__(self, x: Sequence[Value]) -> Value | list[Value]:
        last = len(self.layers) - 1
        for i, layer in enumerate(self.layers):
            outs = []
            for w, b in layer:
                act = sum((wi * xi for wi, xi in zip(w, x, strict=True)), b)
                outs.append(act.relu() if i != last else act)
            x = outs
        return x[0] if len(x) == 1 else x


def two_moons(n: int = 100, noise: float = 0.1, seed: int = 0) -> tuple[list, list]:
    """Deterministic two-moons points and labels in {-1, 1}, as sklearn's make_moons shapes them."""
    rng = random.Random(seed)
    n_out = n // 2
    n_in = n - n_out
    points = []
    labels = []
    for k in range(n_out):
        t = math.pi * k / max(n_out - 1, 1)
        points.append((math.cos(t), math.sin(t)))
        labels.append(-1)
    for k in range(n_in):
        t = math.pi * k / max(n_in - 1, 1)
        points.append((1 - math.cos(t), 1 - math.sin(t) - 0.5))
        labels.append(1)
    points = [(x + rng.gauss(0, noise), y + rng.gauss(0, noise)) for x, y in points]
    return points, labels


def demo_loss(
    value: ValueFactory = Node, n_points: int = 100, seed: int = 1337
) -> tuple[Value, list[Value]]:
    """micrograd's demo loss graph built with *value*; returns ``(loss, parameters)``."""
    model = MLP(2, [16, 16, 1], value=value, seed=seed)
    points, labels = two_moons(n_points)
    inputs = [[value(x), value(y)] for x, y in points]
    scores = [model(row) for row in inputs]
    losses = [(1 + -yi * score).relu() for yi, score in zip(labels, scores, strict=True)]
    data_loss = sum(losses) * (1.0 / len(losses))
    alpha = 1e-4
    reg_loss = alpha * sum(p * p for p in model.parameters())
    return data_loss + reg_loss, model.parameters()

#!/usr/bin/env python3
"""Time training micrograd's demo: micrograd 0.1.0, Autograd Studio's batch plan, PyTorch.

All three train ``MLP(2, [16, 16, 1])`` with micrograd's max-margin loss, L2 1e-4 and its
SGD schedule ``lr = 1.0 - 0.9*k/steps`` on the same two-moons points from the same initial
weights (micrograd's own MLP after ``random.seed(1337)``), in this one process:

- micrograd: its notebook's loop, a fresh graph of ~65,800 Values per step;
- ours: :class:`autograd_studio.training.Trainer` on the one-example model graph
  (``mlp_classifier``, 985 nodes) over all rows with the batch plan;
- PyTorch: the same MLP with float64 tensors (one thread), batched over the rows.

It prints each one's time, its ratio to micrograd's, and how far its loss curve is from
micrograd's (largest relative difference over the steps); exit 1 if ours or PyTorch's
curve differs by more than 1e-9.

    .venv/bin/python scripts/bench_train.py                  # 100 points, 100 steps
    .venv/bin/python scripts/bench_train.py --points 20      # quicker
"""

from __future__ import annotations

import argparse
import random
import sys
import time

import numpy as np

from autograd_studio.training import OptimizerSettings, Trainer, generate
from autograd_studio.training.models import attach, mlp_classifier


def micrograd_run(points: np.ndarray, steps: int) -> tuple[list[float], list[float], float]:
    from micrograd.engine import Value
    from micrograd.nn import MLP

    random.seed(1337)
    model = MLP(2, [16, 16, 1])
    initial = [p.data for p in model.parameters()]
    X, y = points[:, :2].tolist(), points[:, 2].tolist()
    losses = []
    start = time.perf_counter()
    for k in range(steps):
        scores = [model(list(map(Value, row))) for row in X]
        hinge = [(1 + -yi * si).relu() for yi, si in zip(y, scores, strict=True)]
        total = sum(hinge) * (1.0 / len(hinge)) + 1e-4 * sum(p * p for p in model.parameters())
        model.zero_grad()
        total.backward()
        rate = 1.0 - 0.9 * k / steps
        for p in model.parameters():
            p.data -= rate * p.grad
        losses.append(total.data)
    return losses, initial, time.perf_counter() - start


def ours_run(data, initial: list[float], steps: int) -> tuple[list[float], float]:
    doc = mlp_classifier(2, [16, 16, 1])
    weights = [nid for nid, r in doc.nodes.items() if r.kind == "weight"]
    for nid, value in zip(weights, initial, strict=True):
        doc.set_value(nid, value)
    setup = attach(doc, data, {"x1": "x1", "x2": "x2", "y": "y"}, "loss", "y", "score")
    settings = OptimizerSettings("sgd", 1.0, decay=True, l2=1e-4, steps=steps)
    start = time.perf_counter()  # compiling the plan included, as micrograd's graph building
    losses = [r.loss for r in Trainer(doc, setup, settings).run(steps)]
    return losses, time.perf_counter() - start


def torch_run(points: np.ndarray, initial: list[float], steps: int) -> tuple[list[float], float]:
    import torch

    torch.set_num_threads(1)
    t = torch.float64
    start = time.perf_counter()
    layers, i = [], 0
    for nin, nout in ((2, 16), (16, 16), (16, 1)):
        w, b = [], []
        for _ in range(nout):
            w.append(initial[i : i + nin])
            b.append(initial[i + nin])
            i += nin + 1
        layers.append(
            (
                torch.tensor(w, dtype=t, requires_grad=True),
                torch.tensor(b, dtype=t, requires_grad=True),
            )
        )
    params = [p for layer in layers for p in layer]
    X = torch.tensor(points[:, :2], dtype=t)
    y = torch.tensor(points[:, 2], dtype=t)
    losses = []
    for k in range(steps):
        h = X
        for depth, (w, b) in enumerate(layers):
            h = h @ w.T + b
            if depth < len(layers) - 1:
                h = torch.relu(h)
        hinge = torch.relu(1 + -y * h[:, 0])
        total = hinge.sum() * (1.0 / len(y)) + 1e-4 * sum((p * p).sum() for p in params)
        for p in params:
            p.grad = None
        total.backward()
        rate = 1.0 - 0.9 * k / steps
        with torch.no_grad():
            for p in params:
                p -= rate * p.grad
        losses.append(total.item())
    return losses, time.perf_counter() - start


def worst(curve: list[float], reference: list[float]) -> float:
    return max(abs(a - b) / max(abs(b), 1e-300) for a, b in zip(curve, reference, strict=True))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=100)
    parser.add_argument("--steps", type=int, default=100)
    args = parser.parse_args()
    data = generate("moons", rows=args.points, noise=0.1, seed=0)
    reference, initial, t_micrograd = micrograd_run(data.rows, args.steps)
    ours, t_ours = ours_run(data, initial, args.steps)
    try:
        torch_losses, t_torch = torch_run(data.rows, initial, args.steps)
    except ImportError:
        torch_losses, t_torch = None, None

    print(
        f"micrograd's demo, {args.points} points, {args.steps} SGD steps, "
        "same data and initial weights\n"
    )
    print(f"{'engine':<28}{'time':>10}{'per step':>12}{'x micrograd':>14}{'loss curve':>22}")
    rows = [("micrograd 0.1.0", t_micrograd, reference), ("Autograd Studio (batch)", t_ours, ours)]
    if t_torch is not None:
        rows.append(("PyTorch (tensors, 1 thread)", t_torch, torch_losses))
    ok = True
    for name, seconds, curve in rows:
        diff = worst(curve, reference)
        agree = "reference" if curve is reference else f"max rel diff {diff:.1e}"
        ok = ok and diff <= 1e-9
        print(
            f"{name:<28}{seconds:>9.3f}s{seconds / args.steps * 1e3:>10.2f}ms"
            f"{seconds / t_micrograd:>14.4f}{agree:>22}"
        )
    print(f"\nfinal loss {reference[-1]:.6f}; loss curves agree to 1e-9: {'yes' if ok else 'NO'}")
    print(f"target: ours <= 0.01x micrograd: {'met' if t_ours <= 0.01 * t_micrograd else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

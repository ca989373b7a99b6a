"""SGD and Adam over a vector of weights, written to give PyTorch's and micrograd's numbers.

- :class:`SGD` with ``decay`` is micrograd's demo loop: at step ``k`` (from 0) of a run of
  ``steps``, ``lr_k = lr * (1 - 0.9 * k / steps)`` (with ``lr = 1`` exactly micrograd's
  ``1.0 - 0.9*k/100``), then ``w -= lr_k * grad``.  Momentum is PyTorch's: the buffer starts
  as the first gradient, then ``buf = momentum * buf + grad``; ``w -= lr_k * buf``.
- :class:`Adam` is ``torch.optim.Adam``'s single-tensor update (no weight decay, no
  amsgrad), operation for operation: ``m.lerp_(g, 1 - beta1)``, ``v = v*beta2 +
  (1 - beta2)*g*g``, ``w -= lr / (1 - beta1**t) * m / (sqrt(v) / sqrt(1 - beta2**t) + eps)``.
"""

from __future__ import annotations

import numpy as np

from autograd_studio.training.setup import OptimizerSettings

__all__ = ["SGD", "Adam", "Optimizer", "make_optimizer"]


class Optimizer:
    """Moves *weights* in place against *grads*; ``k`` counts steps from 0."""

    def update(self, weights: np.ndarray, grads: np.ndarray, k: int) -> None:
        raise NotImplementedError

    def reset(self) -> None:
        """Forget the state (momentum buffers, moments) for a fresh start."""


class SGD(Optimizer):
    def __init__(
        self, lr: float, momentum: float = 0.0, decay: bool = False, steps: int = 100
    ) -> None:
        self.lr, self.momentum, self.decay, self.steps = lr, momentum, decay, max(steps, 1)
        self.buffer: np.ndarray | None = None

    def rate(self, k: int) -> float:
        """The learning rate of step *k* (the decay stops at its last value)."""
        if not self.decay:
            return self.lr
        return self.lr * (1.0 - 0.9 * min(k, self.steps) / self.steps)

    def update(self, weights: np.ndarray, grads: np.ndarray, k: int) -> None:
        step = grads
        if self.momentum:
            if self.buffer is None:
                self.buffer = grads.copy()
            else:
                self.buffer *= self.momentum
                self.buffer += grads
            step = self.buffer
        weights -= self.rate(k) * step

    def reset(self) -> None:
        self.buffer = None


class Adam(Optimizer):
    def __init__(
        self, lr: float, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8
    ) -> None:
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.m: np.ndarray | None = None
        self.v: np.ndarray | None = None
        self.t = 0

    def update(self, weights: np.ndarray, grads: np.ndarray, k: int) -> None:
        if self.m is None or self.v is None:
            self.m, self.v = np.zeros_like(weights), np.zeros_like(weights)
        self.t += 1
        # torch's lerp with a weight below 0.5 is start + weight * (end - start).
        self.m += (1.0 - self.beta1) * (grads - self.m)
        self.v *= self.beta2
        self.v += (1.0 - self.beta2) * (grads * grads)
        step_size = self.lr / (1.0 - self.beta1**self.t)
        denominator = np.sqrt(self.v) / (1.0 - self.beta2**self.t) ** 0.5 + self.eps
        weights -= step_size * (self.m / denominator)

    def reset(self) -> None:
        self.m = self.v = None
        self.t = 0


def make_optimizer(settings: OptimizerSettings) -> Optimizer:
    """The optimizer *settings* describe."""
    if settings.optimizer == "adam":
        return Adam(settings.learning_rate, settings.beta1, settings.beta2, settings.eps)
    if settings.optimizer == "sgd":
        return SGD(settings.learning_rate, settings.momentum, settings.decay, settings.steps)
    raise ValueError(f"unknown optimizer {settings.optimizer!r} (known: sgd, adam)")

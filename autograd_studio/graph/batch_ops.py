"""The op registry's math over numpy arrays: one entry per op, for batch evaluation.

Arithmetic (``+ - * /``, negation, ``relu``) runs as numpy ufuncs: IEEE arithmetic gives
every element exactly the scalar op's result, special cases included (``0/0`` is nan,
``relu`` passes nan).  The transcendental ops (``exp log tanh sigmoid pow``) and pow's
backward run the registry's own scalar functions element by element: numpy's SIMD ``exp``
and ``tanh`` differ from the C library's in the last bit on a few percent of inputs, and
``1 - tanh(x)**2`` near saturation turns that last bit into a relative error of 1e-8.  Row by
row they cost about a tenth of a microsecond per element, and a batch run stays bit for bit
the scalar engine's.  Operands are float64 arrays or numpy scalars (a weight is one number
for every row).  Floating-point warnings are silenced by the caller (``np.errstate``): like
the scalar ops, these never raise on a domain error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from autograd_studio.engine.ops import OPS, Op

__all__ = ["BATCH_OPS", "BatchOp", "batch_op"]

Array = np.ndarray | np.floating | float


@dataclass(frozen=True)
class BatchOp:
    """``forward(*xs)`` and ``chain(grad, out, *xs)`` of one registry op, over arrays
    (``chain`` as :attr:`Op.chain`: what backward sends each operand)."""

    forward: Callable[..., Array]
    chain: Callable[..., tuple[Array, ...]]


def _div_chain(g: Array, out: Array, a: Array, b: Array) -> tuple[Array, Array]:
    return np.divide(g, b), -g * np.divide(out, b)


def _relu(a: Array) -> Array:
    return np.where(a < 0.0, 0.0, a)  # nan passes, -0.0 stays: the scalar _relu


def _relu_chain(g: Array, out: Array, a: Array) -> tuple[Array]:
    return (np.where(out <= 0.0, 0.0, g),)


def _add_chain(g: Array, out: Array, a: Array, b: Array) -> tuple[Array, Array]:
    return +g, +g  # fresh arrays: the caller adds contributions into them in place


def _sum(*xs: Array) -> Array:
    total = np.add(xs[0], xs[1])  # left to right, as the scalar fold adds
    for x in xs[2:]:
        total = np.add(total, x)
    return total


def _sum_chain(g: Array, out: Array, *xs: Array) -> tuple[Array, ...]:
    return tuple(+g for _ in xs)  # fresh arrays, as add's


def _elementwise(fn: Callable[..., float]) -> Callable[..., Array]:
    """*fn* (a scalar function) applied to every row of its broadcast operands."""

    def run(*xs: Array) -> Array:
        if all(np.ndim(x) == 0 for x in xs):
            return np.float64(fn(*[float(x) for x in xs]))
        arrays = np.broadcast_arrays(*xs)
        return np.fromiter(map(fn, *[a.tolist() for a in arrays]), np.float64, arrays[0].size)

    return run


def _elementwise_chain(op: Op) -> Callable[..., tuple[Array, ...]]:
    """The op's scalar ``chain`` per row, returned as one array per operand."""

    def run(*xs: Array) -> tuple[Array, ...]:
        if all(np.ndim(x) == 0 for x in xs):
            return tuple(np.float64(c) for c in op.chain(*[float(x) for x in xs]))
        arrays = np.broadcast_arrays(*xs)
        table = np.array(list(map(op.chain, *[a.tolist() for a in arrays])), dtype=np.float64)
        return tuple(table[:, k] for k in range(table.shape[1]))  # a sum's count varies

    return run


def _per_row(op: Op) -> BatchOp:
    return BatchOp(_elementwise(op.forward), _elementwise_chain(op))


BATCH_OPS: dict[str, BatchOp] = {
    "add": BatchOp(np.add, _add_chain),
    "sum": BatchOp(_sum, _sum_chain),
    "sub": BatchOp(np.subtract, lambda g, out, a, b: (+g, -g)),
    "mul": BatchOp(np.multiply, lambda g, out, a, b: (g * b, g * a)),
    "div": BatchOp(np.divide, _div_chain),  # ±inf for x/0, nan for 0/0: the scalar _div
    "neg": BatchOp(np.negative, lambda g, out, a: (-g,)),
    "exp": BatchOp(_elementwise(OPS["exp"].forward), lambda g, out, a: (g * out,)),
    "log": BatchOp(_elementwise(OPS["log"].forward), lambda g, out, a: (np.divide(g, a),)),
    "tanh": BatchOp(_elementwise(OPS["tanh"].forward), lambda g, out, a: (g * (1.0 - out * out),)),
    "sigmoid": BatchOp(
        _elementwise(OPS["sigmoid"].forward), lambda g, out, a: (g * (out * (1.0 - out)),)
    ),
    "pow": _per_row(OPS["pow"]),
    "relu": BatchOp(_relu, _relu_chain),
    # numpy's SIMD sin/cos/sqrt may differ from math's in the last bit: per row, exact.
    "sin": _per_row(OPS["sin"]),
    "cos": _per_row(OPS["cos"]),
    "sqrt": _per_row(OPS["sqrt"]),
    "abs": _per_row(OPS["abs"]),
}


def batch_op(name: str) -> BatchOp:
    """The array form of registry op *name*; an op without one (added to the registry
    later) runs its scalar functions row by row: slower, the same numbers."""
    entry = BATCH_OPS.get(name)
    return _per_row(OPS[name]) if entry is None else entry

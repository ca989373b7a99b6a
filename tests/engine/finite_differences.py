"""Central finite differences, the independent oracle for every gradient test."""

from __future__ import annotations

from collections.abc import Callable, Sequence


def central_difference(f: Callable[[float], float], x: float, rel_step: float = 1e-4) -> float:
    """d f / d x at *x* by the fourth-order central stencil.

    ``(f(x-2h) - 8 f(x-h) + 8 f(x+h) - f(x+2h)) / 12h`` has truncation error O(h^4), so a
    step of 1e-4 relative to ``x`` leaves both truncation and rounding far below the
    tolerances the tests use, even for steep functions such as ``0.1 ** -3``.
    """
    h = rel_step * max(1.0, abs(x))
    return (f(x - 2 * h) - 8 * f(x - h) + 8 * f(x + h) - f(x + 2 * h)) / (12 * h)


def partial_derivatives(
    f: Callable[..., float], xs: Sequence[float], rel_step: float = 1e-4
) -> list[float]:
    """The gradient of ``f(*xs)`` by :func:`central_difference` in each coordinate."""
    grads = []
    for i in range(len(xs)):

        def along(t: float, i: int = i) -> float:
            moved = list(xs)
            moved[i] = t
            return f(*moved)

        grads.append(central_difference(along, xs[i], rel_step))
    return grads

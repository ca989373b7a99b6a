"""Where each registry op is smooth and well conditioned, for the gradient tests.

Every op in ``OPS`` needs an entry here (a test fails otherwise), so a new op cannot slip
through the finite-difference and PyTorch checks.  An entry gives

- ``operands``: one hypothesis strategy per operand, for the single-op derivative test;
- ``admits(*xs)``: whether operand values are safely inside the domain, for the random
  expression graphs, which pick operands among nodes that already exist.

The margins keep finite differences honest: away from relu's kink, log's and pow's
singularity at 0, and division by numbers near 0.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hypothesis import strategies as st


def _reals(lo: float, hi: float) -> st.SearchStrategy[float]:
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False)


def _away_from_zero(margin: float, hi: float) -> st.SearchStrategy[float]:
    return st.one_of(_reals(-hi, -margin), _reals(margin, hi))


def _anything(*xs: float) -> bool:
    return True


@dataclass(frozen=True)
class OpDomain:
    operands: tuple[st.SearchStrategy[float], ...]
    admits: Callable[..., bool] = _anything


DOMAINS: dict[str, OpDomain] = {
    "add": OpDomain((_reals(-10, 10), _reals(-10, 10))),
    "sum": OpDomain((_reals(-10, 10), _reals(-10, 10))),
    "sub": OpDomain((_reals(-10, 10), _reals(-10, 10))),
    "mul": OpDomain((_reals(-10, 10), _reals(-10, 10))),
    "div": OpDomain(
        (_reals(-10, 10), _away_from_zero(0.1, 10)),
        admits=lambda a, b: abs(b) >= 0.1,
    ),
    "pow": OpDomain(
        (_reals(0.1, 5), _reals(-3, 3)),
        admits=lambda a, b: 0.1 <= a <= 5 and abs(b) <= 3,
    ),
    "neg": OpDomain((_reals(-10, 10),)),
    "exp": OpDomain((_reals(-10, 10),), admits=lambda a: a <= 5),
    "log": OpDomain((_reals(0.1, 100),), admits=lambda a: a >= 0.1),
    "tanh": OpDomain((_reals(-5, 5),), admits=lambda a: abs(a) <= 5),
    "sigmoid": OpDomain((_reals(-10, 10),), admits=lambda a: abs(a) <= 10),
    "relu": OpDomain((_away_from_zero(0.01, 10),), admits=lambda a: abs(a) >= 0.01),
    "sin": OpDomain((_reals(-10, 10),)),
    "cos": OpDomain((_reals(-10, 10),)),
    "abs": OpDomain((_away_from_zero(0.01, 10),), admits=lambda a: abs(a) >= 0.01),
    "sqrt": OpDomain((_reals(0.1, 100),), admits=lambda a: a >= 0.1),
}

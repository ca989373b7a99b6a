"""Behaviour a mutation of the code once survived: each is pinned here."""

from __future__ import annotations

import math

import pytest

from autograd_studio.engine import OPS, Node
from tests.requirements import require_torch


@pytest.mark.parametrize(
    ("symbol", "op", "grads"),
    [("+", "add", (1.0, 1.0)), ("-", "sub", (1.0, -1.0)), ("*", "mul", (-3.0, 2.0)),
     ("/", "div", (-1 / 3, -2 / 9)), ("**", "pow", (None, None))],
)  # fmt: skip
def test_every_micrograd_symbol_builds_its_op(symbol, op, grads):
    a, b = Node(2.0), Node(-3.0)
    y = Node(OPS[op].forward(a.data, b.data), (a, b), symbol)
    assert y.op == op
    y.backward()
    if grads[0] is not None:
        assert (a.grad, b.grad) == pytest.approx(grads, rel=1e-15)


def test_the_minus_alias_subtracts_in_order():
    a, b = Node(5.0), Node(2.0)
    y = Node(a.data - b.data, (a, b), "-")
    y.backward()
    assert (y.op, y.data, a.grad, b.grad) == ("sub", 3.0, 1.0, -1.0)


@pytest.mark.parametrize(
    ("base", "exponent", "expected"),
    [(-10.0, 1001.0, -math.inf), (-10.0, 1000.0, math.inf), (10.0, 1001.0, math.inf),
     (-1e200, 3.0, -math.inf), (-1e200, 2.0, math.inf)],
)  # fmt: skip
def test_pow_overflow_keeps_the_sign_of_a_negative_base_to_an_odd_power(base, exponent, expected):
    assert OPS["pow"].forward(base, exponent) == expected
    torch = require_torch()
    theirs = torch.tensor(base, dtype=torch.float64) ** torch.tensor(exponent, dtype=torch.float64)
    assert theirs.item() == expected

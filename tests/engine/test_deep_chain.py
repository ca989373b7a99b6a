"""A chain one million nodes deep: backward is iterative, so the default recursion limit
(where micrograd's recursive topological sort dies near 1,000 levels) is no obstacle."""

from __future__ import annotations

import sys

import pytest

from autograd_studio import Node

DEPTH = 1_000_000


@pytest.fixture(scope="module")
def chain():
    x, c = Node(0.5, label="x"), Node(1e-6, label="c")
    y = x
    for _ in range(DEPTH):
        y = y + c
    yield x, c, y
    del y  # dropping the chain frees a million nodes by reference counting, no crash


def test_backward_through_a_million_nodes_within_the_default_recursion_limit(chain):
    x, c, y = chain
    limit = sys.getrecursionlimit()
    assert limit < DEPTH
    y.backward()
    assert sys.getrecursionlimit() == limit  # the engine did not raise it
    assert (y.grad, x.grad, c.grad) == (1.0, 1.0, float(DEPTH))  # y = x + DEPTH * c


def test_backward_twice_on_the_chain(chain):
    x, c, y = chain
    y.backward()
    y.backward()
    assert (x.grad, c.grad) == (1.0, float(DEPTH))


def test_zero_grad_on_the_chain(chain):
    x, c, y = chain
    y.backward()
    y.zero_grad()
    assert (y.grad, x.grad, c.grad) == (0.0, 0.0, 0.0)
    assert y.parents[0].grad == 0.0

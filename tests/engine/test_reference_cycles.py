"""Graphs are plain DAGs of references: dropping one frees it by reference counting, and
the cyclic garbage collector finds nothing.  micrograd, whose ``_backward`` closures make
every node a cycle, is the control that shows the test can see garbage."""

from __future__ import annotations

import gc

import micrograd.engine
import pytest

from autograd_studio import Node
from autograd_studio.engine.nn import demo_loss
from autograd_studio.viz import draw_dot


@pytest.fixture
def gc_disabled():
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build_and_drop(value, backward: bool = True) -> int:
    loss, params = demo_loss(value, n_points=10)
    if backward:
        loss.backward()
    del loss, params
    return gc.collect()


def test_engine_graph_leaves_no_cyclic_garbage(gc_disabled):
    assert build_and_drop(Node) == 0


def test_drawing_leaves_no_cyclic_garbage(gc_disabled):
    x = Node(2.0, label="x")
    y = (x * x + 1).relu()
    y.backward()
    source = draw_dot(y).source
    del x, y
    assert gc.collect() == 0
    assert "data 5.0000" in source


def test_micrograd_graph_needs_the_cycle_collector(gc_disabled):
    assert build_and_drop(micrograd.engine.Value) > 1000

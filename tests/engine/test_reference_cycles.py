"""Graphs are plain DAGs of references: dropping one frees it by reference counting, and
the cyclic garbage collector finds nothing.  micrograd, whose ``_backward`` closures make
every node a cycle, is the control that shows the test can see garbage."""

from __future__ import annotations

import contextlib
import gc

import micrograd.engine

from autograd_studio import Node
from autograd_studio.engine.nn import demo_loss
from autograd_studio.viz import draw_dot


@contextlib.contextmanager
def cycle_collector_off():
    """Collect what is there, then keep the collector off: only the body makes garbage.

    Used inside the test body, not as a fixture, because pytest itself drops cyclic
    objects (a previous failure's traceback) between a fixture's setup and the test."""
    was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build_and_drop(value) -> int:
    """Objects the cycle collector finds after a demo graph is built, used and dropped."""
    with cycle_collector_off():
        loss, params = demo_loss(value, n_points=10)
        loss.backward()
        del loss, params
        return gc.collect()


def test_engine_graph_leaves_no_cyclic_garbage():
    assert build_and_drop(Node) == 0


def test_drawing_leaves_no_cyclic_garbage():
    with cycle_collector_off():
        x = Node(2.0, label="x")
        y = (x * x + 1).relu()
        y.backward()
        source = draw_dot(y).source
        del x, y
        assert gc.collect() == 0
    assert "data 5.0000" in source


def test_micrograd_graph_needs_the_cycle_collector():
    assert build_and_drop(micrograd.engine.Value) > 1000

"""A cancel request stops either engine promptly with LayoutCancelled (and kills dot)."""

from __future__ import annotations

import subprocess
import time

import pytest

from autograd_studio.layout import LayoutCancelled, layout
from autograd_studio.layout import dot as dot_module
from tests.layout.drawings import neuron
from tests.layout.samples import random_document
from tests.requirements import require_dot


class CancelAfter:
    """Returns True from the *calls*-th call on; counts the calls."""

    def __init__(self, calls: int) -> None:
        self.calls = calls
        self.seen = 0

    def __call__(self) -> bool:
        self.seen += 1
        return self.seen >= self.calls


@pytest.mark.parametrize("engine", ["auto", "dot", "layered"])
def test_an_early_cancel_stops_before_any_work(engine):
    cancel = CancelAfter(1)
    with pytest.raises(LayoutCancelled):
        layout(neuron(), engine=engine, cancel=cancel)
    assert cancel.seen == 1


@pytest.mark.slow
def test_the_layered_layout_checks_for_cancel_while_it_works():
    document = random_document(5000, seed=1)
    counting = CancelAfter(10**9)
    layout(document, engine="layered", cancel=counting)
    assert counting.seen > 20  # asked all along, not just once

    for calls in (2, counting.seen // 2, counting.seen):
        with pytest.raises(LayoutCancelled):
            layout(document, engine="layered", cancel=CancelAfter(calls))


def test_a_cancelled_dot_is_killed_promptly(monkeypatch):
    require_dot()
    started_processes = []
    real_popen = subprocess.Popen

    def recording_popen(*args, **kwargs):
        process = real_popen(*args, **kwargs)
        started_processes.append(process)
        return process

    monkeypatch.setattr(dot_module.subprocess, "Popen", recording_popen)
    document = random_document(4000, seed=4)  # dot needs about 2 s for this
    deadline = time.monotonic() + 0.3

    def cancel() -> bool:
        return time.monotonic() > deadline

    with pytest.raises(LayoutCancelled):
        layout(document, engine="dot", cancel=cancel, time_limit=60)
    assert time.monotonic() - deadline < 2
    assert len(started_processes) == 1
    assert started_processes[0].poll() is not None  # dot is gone, not left running

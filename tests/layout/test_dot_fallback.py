"""When dot is missing, fails or is too slow, the layered layout runs and the result says so."""

from __future__ import annotations

import os
import stat
import time

import pytest

from autograd_studio.layout import layout
from tests.layout.drawings import backward_edges, neuron, overlaps
from tests.layout.samples import random_document
from tests.requirements import require_dot


def fake_dot(directory, script: str) -> None:
    """Put a program called ``dot`` running *script* (sh) first on PATH."""
    path = directory / "dot"
    path.write_text("#!/bin/sh\n" + script + "\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


@pytest.mark.parametrize("engine", ["auto", "dot"])
def test_without_dot_the_layered_layout_runs_and_says_how_to_install_graphviz(
    engine, tmp_path, monkeypatch
):
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty directory: no dot anywhere
    document = neuron()
    result = layout(document, engine=engine)
    assert (result.engine, result.requested) == ("layered", engine)
    assert "install Graphviz" in result.message
    assert "apt-get install graphviz" in result.message
    assert set(result.positions) == set(document.nodes)
    assert overlaps(result) == []


def test_the_layered_engine_needs_no_dot_and_says_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    result = layout(neuron(), engine="layered")
    assert (result.engine, result.message) == ("layered", "")


def test_a_failing_dot_falls_back_with_its_error(tmp_path, monkeypatch):
    fake_dot(tmp_path, 'echo "Error: <stdin>: syntax error in line 1" >&2; exit 1')
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ.get('PATH', '')}")
    result = layout(neuron(), engine="dot")
    assert result.engine == "layered"
    assert "dot failed" in result.message and "syntax error in line 1" in result.message


def test_garbage_from_dot_falls_back(tmp_path, monkeypatch):
    fake_dot(tmp_path, "cat >/dev/null; echo 'graph 1 2 3'; echo stop")
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ.get('PATH', '')}")
    result = layout(neuron(), engine="dot")
    assert result.engine == "layered"
    assert "no position for node" in result.message


def test_a_dot_past_its_time_limit_is_stopped_and_the_layered_layout_used(tmp_path, monkeypatch):
    fake_dot(tmp_path, "exec sleep 30")
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ.get('PATH', '')}")
    started = time.monotonic()
    result = layout(neuron(), engine="dot", time_limit=0.3)
    assert time.monotonic() - started < 5
    assert result.engine == "layered"
    assert "did not finish within 0.3 s" in result.message


def test_the_real_dot_is_stopped_at_its_time_limit():
    require_dot()
    document = random_document(4000, seed=4)  # dot needs about 2 s for this
    result = layout(document, engine="dot", time_limit=0.2)
    # The fallback and its message prove dot was stopped; how long that took is the busy
    # machine's business (speed lives in the benchmarks, not in timed assertions).
    assert result.engine == "layered"
    assert "did not finish" in result.message
    assert backward_edges(document, result) == []

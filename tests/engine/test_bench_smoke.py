"""scripts/bench_engine.py runs end to end on a tiny graph (so it cannot rot).  Timing is
the script's business, not the tests': this only checks that the three engines ran and
that their graphs and losses agreed."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.requirements import require_torch

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "bench_engine.py"


def test_benchmark_runs_and_the_engines_agree():
    require_torch()
    pytest.importorskip("micrograd", reason="micrograd is a test extra")
    args = ["--quick", "--points", "4", "--reps", "1", "--chain", "2000", "--chain-budget", "60"]
    result = subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    out = result.stdout
    losses = re.search(
        r"^loss: ours (\S+), micrograd (\S+), torch (\S+)  -> losses agree$", out, re.M
    )
    assert losses, out
    assert len({float(v) for v in losses.groups()}) == 1
    assert re.search(r"^graph: [\d,]+ values \(ours, micrograd\), [\d,]+ ops", out, re.M), out
    for engine in ("ours", "micrograd", "torch"):
        assert len(re.findall(rf"^{engine} +[\d.]+ms", out, re.M)) == 2, (engine, out)
        assert re.search(rf"^  {engine} +survives [\d,]+", out, re.M), (engine, out)
    assert re.search(r"^  micrograd +survives [\d,]+, RecursionError at", out, re.M), out
    assert "target total <= 0.25x micrograd" in out

"""scripts/bench_engine.py runs end to end on a tiny graph (so it cannot rot).  Timing is
the script's business, not the tests': this only checks that the three engines ran and
that their graphs and losses agreed."""

from __future__ import annotations

import importlib.util
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


def load_script(monkeypatch):
    spec = importlib.util.spec_from_file_location("bench_engine", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_engine", module)  # dataclasses look it up
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "spoil",
    [
        lambda c: c["torch"].update(loss=c["torch"]["loss"] * (1 + 1e-9)),
        lambda c: c["micrograd"].update(values=c["micrograd"]["values"] + 1),
        lambda c: c["torch"].update(ops=c["torch"]["ops"] - 1),
        lambda c: c["micrograd"]["grads"].__setitem__(0, 0.5),
    ],
    ids=["loss", "values", "ops", "grads"],
)
def test_benchmark_refuses_engines_that_disagree(spoil, capsys, monkeypatch):
    bench = load_script(monkeypatch)
    check = {
        "ours": {"values": 10, "ops": 6, "loss": 0.25, "grads": [1.0, 2.0]},
        "micrograd": {"values": 10, "ops": 6, "loss": 0.25, "grads": [1.0, 2.0]},
        "torch": {"values": None, "ops": 6, "loss": 0.25, "grads": [1.0, 2.0]},
    }
    assert any("losses agree" in line for line in bench.verify(check))
    spoil(check)
    with pytest.raises(SystemExit) as info:
        bench.verify(check)
    assert info.value.code == 1
    assert "ENGINES DISAGREE" in capsys.readouterr().err

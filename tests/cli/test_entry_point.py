"""The real entry point, ``python -m autograd_studio``, in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.cli.conftest import EXAMPLES, ROOT

NEURON = str(EXAMPLES / "neuron-active.agraph")


def studio(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    completed = subprocess.run(
        [sys.executable, "-m", "autograd_studio", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )
    assert "Traceback" not in completed.stderr
    return completed


def test_run_prints_the_table():
    completed = studio("run", NEURON)
    assert completed.returncode == 0 and completed.stderr == ""
    rows = {line.split()[0]: line.split() for line in completed.stdout.splitlines()}
    assert float(rows["w1"][-1]) == 2.0 and float(rows["x2"][-1]) == 0.5


def test_render_tb_svg_without_dot_is_a_one_line_hint(tmp_path):
    # Left-to-right pictures are drawn by the editor's renderer; other directions need dot.
    out = tmp_path / "n.svg"
    completed = studio(
        "render", NEURON, "-o", str(out), "--rankdir", "TB", env={"PATH": str(tmp_path)}
    )
    assert completed.returncode == 2
    assert completed.stdout == ""
    lines = completed.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("autograd-studio: error: the Graphviz 'dot' program was not found")
    assert "apt-get install graphviz" in lines[0]
    assert not out.exists()


def test_bad_file_exit_status_and_one_line(tmp_path):
    bad = tmp_path / "bad.agraph"
    bad.write_text("{", encoding="utf-8")
    completed = studio("check", str(bad))
    assert completed.returncode == 2
    assert completed.stderr.count("\n") == 1 and "not valid JSON" in completed.stderr

"""``run`` starts light: it imports neither numpy nor the training package nor PyTorch
(a third of a second of start-up before the first number on the 65,818-node demo)."""

from __future__ import annotations

import subprocess
import sys

from autograd_studio.resources import examples_dir

PROBE = """
import contextlib, io, sys
from autograd_studio.cli import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    status = main(["run", sys.argv[1]])
heavy = [m for m in ("numpy", "autograd_studio.training", "torch", "PySide6") if m in sys.modules]
print(status, heavy, "grad" in out.getvalue())
"""


def test_run_imports_nothing_heavy():
    example = examples_dir() / "tanh-neuron.agraph"
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(example)], capture_output=True, text=True, check=True
    )
    assert done.stdout.split("\n")[0] == "0 [] True"


def test_the_interop_names_still_import_from_the_package():
    import autograd_studio.interop as interop

    assert interop.to_python.__module__ == "autograd_studio.interop.codegen"
    assert interop.from_expression.__name__ == "from_expression"
    assert set(interop.__all__) == set(interop._HOMES)
    for name in interop.__all__:  # every exported name resolves to its module's object
        home = __import__(f"autograd_studio.interop.{interop._HOMES[name]}", fromlist=[name])
        assert getattr(interop, name) is getattr(home, name)

"""Running the command line in-process: ``cli(*args)`` returns (status, stdout, stderr)."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

from autograd_studio.cli import main
from autograd_studio.resources import examples_dir

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = examples_dir()


class Outcome(NamedTuple):
    status: int
    out: str
    err: str


@pytest.fixture
def cli(capsys):
    """Call ``main(argv)``; never a traceback, and a failure is one line on stderr."""

    def run(*args: str) -> Outcome:
        status = main([str(a) for a in args])
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        if status == 2:
            assert len(captured.err.splitlines()) == 1, captured.err
            assert captured.err.startswith("autograd-studio")
        return Outcome(status, captured.out, captured.err)

    return run

"""export -o and render -o write atomically: a full disk leaves the old file whole."""

from __future__ import annotations

import os
import stat

import pytest

from autograd_studio.graph import outputfile
from tests.cli.conftest import EXAMPLES
from tests.graph.test_output_file import null_device


@pytest.mark.parametrize(
    ("verb", "name"),
    [("export", "model.py"), ("render", "picture.dot"), ("render", "picture.svg")],
)
def test_a_full_disk_leaves_the_old_output_whole(cli, tmp_path, monkeypatch, verb, name):
    out = tmp_path / name
    out.write_bytes(b"the good old file\n")
    real_write = os.write

    def full_disk(fd, data):
        real_write(fd, bytes(data)[:7])  # part of it lands, then the disk is full
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(outputfile.os, "write", full_disk)
    extra = ["--to", "python"] if verb == "export" else []
    outcome = cli(verb, EXAMPLES / "tanh-neuron.agraph", *extra, "-o", out)
    monkeypatch.undo()
    assert outcome.status == 2
    assert "No space left on device" in outcome.err
    assert out.read_bytes() == b"the good old file\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_export_to_a_null_device_leaves_it_a_device(cli, tmp_path):
    device = null_device(tmp_path)
    outcome = cli("export", EXAMPLES / "tanh-neuron.agraph", "--to", "python", "-o", device)
    assert outcome.status == 0, outcome.err
    assert stat.S_ISCHR(os.stat(device).st_mode)

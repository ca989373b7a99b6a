"""Writing output files: stale temps of killed saves, long names, streams and devices."""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

import pytest

from autograd_studio.graph import GraphDocument, GraphFileError, load, save
from autograd_studio.graph.outputfile import (
    MAX_NAME_BYTES,
    remove_stale_temps,
    temp_name,
    write_output,
)

ROOT = Path(__file__).resolve().parents[2]


def small_doc() -> GraphDocument:
    doc = GraphDocument()
    doc.add_node("input", id="x", value=2.0)
    doc.add_node("op", id="t", op="tanh")
    doc.connect("x", "t", 0)
    return doc


def temps(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name != "model.agraph")


def test_a_save_killed_half_way_leaves_a_temp_the_next_save_removes(tmp_path):
    target = tmp_path / "model.agraph"
    save(small_doc(), target)
    # A save that hangs after writing its temp file (fsync never returns), then kill -9.
    script = textwrap.dedent(
        f"""
        import os, time
        from autograd_studio.graph import load, outputfile, save
        outputfile.os.fsync = lambda fd: time.sleep(60)
        doc = load({str(target)!r})
        doc.set_value("x", 7.0)
        save(doc, {str(target)!r})
        """
    )
    child = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT)
    try:
        deadline = time.monotonic() + 30
        while not temps(tmp_path) and time.monotonic() < deadline:
            time.sleep(0.02)
        left = temps(tmp_path)
        assert left, "the child never started its save"
        assert remove_stale_temps(target) == []  # still locked by the live save: not stale
        assert temps(tmp_path) == left
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert temps(tmp_path) == left and left[0].endswith(".agtmp")
    assert load(target).nodes["x"].value == 2.0  # the old file is whole, and...
    assert temps(tmp_path) == []  # ...opening it removed the killed save's temp


def test_saving_removes_stale_temps_of_that_file_only(tmp_path):
    target = tmp_path / "model.agraph"
    ours = tmp_path / temp_name("model.agraph", "0123abcd")
    other = tmp_path / temp_name("other.agraph", "0123abcd")
    unrelated = tmp_path / ".model.agraph.0123abcd.tmp"  # not a name we make
    for path in (ours, other, unrelated):
        path.write_bytes(b"x" * 100)
    save(small_doc(), target)
    assert not ours.exists()
    assert other.exists() and unrelated.exists()


@pytest.mark.parametrize("stem", ["a" * 300, "é" * 200, "名" * 120])
def test_temp_names_stay_within_the_name_limit(stem):
    name = temp_name(stem + ".agraph", "0123abcd")
    assert len(name.encode()) <= MAX_NAME_BYTES
    assert name.startswith(".") and name.endswith(".agtmp")
    assert name != temp_name(stem + "x.agraph", "0123abcd")  # tags tell long names apart


def test_a_file_name_of_255_bytes_can_be_saved(tmp_path):
    name = "é" * 120 + "x" * 8 + ".agraph"
    assert len(name.encode()) == MAX_NAME_BYTES
    save(small_doc(), tmp_path / name)
    assert load(tmp_path / name) == small_doc()
    assert [p.name for p in tmp_path.iterdir()] == [name]


def null_device(directory: Path) -> str:
    """A null device safe to test with: as root, a private one (a regression must not
    replace the system's /dev/null); otherwise /dev/null, which a user cannot replace."""
    if os.geteuid() != 0:
        return os.devnull
    path = directory / "null"
    os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    return str(path)


def test_a_null_device_is_written_to_never_replaced(tmp_path):
    device = null_device(tmp_path)
    before = os.stat(device)
    save(small_doc(), device)
    after = os.stat(device)
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_a_fifo_is_written_in_place(tmp_path):
    fifo = tmp_path / "pipe.agraph"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    save(small_doc(), fifo)
    reader.join(10)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert received and load_bytes(received[0]) == small_doc()


def load_bytes(data: bytes) -> GraphDocument:
    from autograd_studio.graph.fileformat import loads

    return loads(data)


def test_a_socket_is_refused_with_a_clear_message():
    with tempfile.TemporaryDirectory(dir="/tmp") as directory:  # AF_UNIX paths are short
        path = os.path.join(directory, "s.agraph")
        server = socket.socket(socket.AF_UNIX)
        server.bind(path)
        try:
            with pytest.raises(GraphFileError, match=r"s\.agraph: .*socket.*nothing was written"):
                save(small_doc(), path)
            assert stat.S_ISSOCK(os.stat(path).st_mode)
        finally:
            server.close()


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(OSError, match="is a directory"):
        write_output(tmp_path, b"x")


def test_import_to_dev_stdout_writes_into_the_redirected_file(tmp_path):
    out = tmp_path / "graph.agraph"
    out.write_bytes(b"")
    inode = os.stat(out).st_ino
    with open(out, "wb") as stdout:
        done = subprocess.run(
            [sys.executable, "-m", "autograd_studio", "import", "-o", "/dev/stdout", "x*y"],
            stdout=stdout,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            text=True,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    assert os.stat(out).st_ino == inode  # the shell's file, not a new one renamed over it
    assert len(load(out)) == 3
    assert "wrote /dev/stdout" in done.stderr

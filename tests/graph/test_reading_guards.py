"""Reading never crashes on a file: non-finite roots, deep nesting, FIFOs, devices, size."""

from __future__ import annotations

import json
import os
import threading

import pytest

from autograd_studio.graph import GraphFileError, load
from autograd_studio.graph.fileformat import document_from_dict, loads
from autograd_studio.graph.inputfile import (
    DEFAULT_MAX_BYTES,
    MAX_FILE_ENV,
    max_file_bytes,
    read_guarded,
)
from autograd_studio.graph.library_file import read_library
from autograd_studio.graph.schema import MAX_NESTING


@pytest.mark.parametrize("text", ["NaN", "Infinity", "-Infinity", "1e999", " -1e999\n"])
def test_a_file_that_is_only_a_non_finite_number_is_one_file_error(tmp_path, text):
    path = tmp_path / "n.agraph"
    path.write_text(text)
    with pytest.raises(GraphFileError) as caught:
        load(path)
    assert str(caught.value) == (
        f"{path}: $: expected an Autograd Studio graph (a JSON object), got {text.strip()}"
    )


def nested(depth: int, inner: object = 1) -> object:
    for i in range(depth):
        inner = [inner] if i % 2 else {"k": inner}
    return inner


def graph_with(**fields) -> dict:
    return {"format": "autograd-studio-graph", "version": 1, "nodes": [], "edges": [], **fields}


@pytest.mark.parametrize("depth", [500, 1000, 5000])
@pytest.mark.parametrize("where", ["top", "node"])
def test_deep_nesting_is_a_file_error_not_a_recursion_error(tmp_path, depth, where):
    deep = '{"k": [' * depth + "1" + "]}" * depth  # json.dumps itself cannot go this deep
    data = graph_with(junk="DEEP")
    if where == "node":
        data = graph_with(nodes=[{"id": "x", "kind": "input", "value": 1.0, "zz": "DEEP"}])
    path = tmp_path / "deep.agraph"
    path.write_text(json.dumps(data).replace('"DEEP"', deep))
    with pytest.raises(GraphFileError, match="nested") as caught:
        load(path)
    assert len(str(caught.value)) < 200  # the path does not spell out every level


def test_nesting_up_to_the_limit_is_kept_and_saved_back():
    data = graph_with(junk=nested(MAX_NESTING - 1))
    assert document_from_dict(data).metadata["junk"] == nested(MAX_NESTING - 1)
    with pytest.raises(GraphFileError, match=r"^\$\.junk\.k: nested more than 64 levels"):
        document_from_dict(graph_with(junk=nested(MAX_NESTING + 1)))


def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.agraph"
    os.mkfifo(fifo)
    outcome = []
    reader = threading.Thread(target=lambda: outcome.append(catch(load, fifo)), daemon=True)
    reader.start()
    reader.join(10)
    assert outcome, "load() blocked on a FIFO"
    assert "it is a FIFO (named pipe), not a file" in outcome[0]


def catch(function, *args) -> str:
    try:
        function(*args)
    except GraphFileError as exc:
        return str(exc)
    return "no error"


@pytest.mark.parametrize("reader", [load, read_library])
def test_a_symlink_to_a_device_is_refused(tmp_path, reader):
    link = tmp_path / "zero.agraph"
    link.symlink_to("/dev/zero")
    assert catch(reader, link) == f"{link}: cannot read the file: it is a device, not a file"


def test_a_directory_is_refused(tmp_path):
    assert catch(load, tmp_path) == f"{tmp_path}: cannot read the file: Is a directory"


def test_files_over_the_size_limit_are_refused_clearly(tmp_path, monkeypatch):
    path = tmp_path / "big.agraph"
    path.write_bytes(b" " * 3000)
    with pytest.raises(GraphFileError, match=r"too big to open .*the limit is"):
        read_guarded(path, max_bytes=2048)
    assert len(read_guarded(path, max_bytes=3000)) == 3000
    monkeypatch.setenv(MAX_FILE_ENV, "0.002")  # 2 KB
    with pytest.raises(GraphFileError, match=MAX_FILE_ENV):
        load(path)
    monkeypatch.setenv(MAX_FILE_ENV, "1")
    with pytest.raises(GraphFileError, match="the file is blank"):  # read, then parsed
        load(path)


def test_the_environment_wins_over_the_editors_preference(monkeypatch):
    monkeypatch.delenv(MAX_FILE_ENV, raising=False)
    assert max_file_bytes() == DEFAULT_MAX_BYTES
    assert max_file_bytes(5 * 2**20) == 5 * 2**20  # the preference
    assert max_file_bytes(0) == DEFAULT_MAX_BYTES  # an unusable preference
    monkeypatch.setenv(MAX_FILE_ENV, "2")
    assert max_file_bytes(5 * 2**20) == 2 * 2**20
    monkeypatch.setenv(MAX_FILE_ENV, "lots")  # unreadable: as if unset
    assert max_file_bytes(5 * 2**20) == 5 * 2**20


def test_a_file_that_grows_past_its_stat_size_is_cut_at_the_limit(tmp_path, monkeypatch):
    path = tmp_path / "g.agraph"
    path.write_bytes(b"1" * 5000)
    real_fstat = os.fstat

    class Lying:  # /proc files say 0 bytes; so does a file still being written
        def __init__(self, fd):
            self._real = real_fstat(fd)

        def __getattr__(self, name):
            return 0 if name == "st_size" else getattr(self._real, name)

    monkeypatch.setattr(os, "fstat", Lying)
    with pytest.raises(GraphFileError, match="too big"):
        read_guarded(path, max_bytes=4096)


def test_loads_turns_a_recursion_error_into_a_file_error(monkeypatch):
    from autograd_studio.graph import fileformat

    def deep(*args):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(fileformat, "_document_from_data", deep)
    with pytest.raises(GraphFileError, match="nested too deeply"):
        loads("{}")

"""Every class of bad input: exit status 2, one clear line on stderr, never a traceback."""

from __future__ import annotations

import json
import sys

import pytest

from tests.cli.conftest import EXAMPLES

NEURON = str(EXAMPLES / "neuron-active.agraph")


def graph_file(tmp_path, nodes, edges=(), **top):
    data = {"format": "autograd-studio-graph", "version": 1, "nodes": nodes, "edges": list(edges)}
    data.update(top)
    path = tmp_path / "bad.agraph"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def refused(cli, *args):
    status, out, err = cli(*args)
    assert status == 2, (out, err)
    assert out == ""
    assert err.startswith("autograd-studio: error: ") or err.startswith("autograd-studio ")
    return err.strip()


@pytest.mark.parametrize("verb", [["run"], ["check"], ["export", "--to", "python"]])
def test_missing_file(cli, verb, tmp_path):
    missing = tmp_path / "nope.agraph"
    err = refused(cli, verb[0], missing, *verb[1:])
    assert (
        err == f"autograd-studio: error: {missing}: cannot read the file: No such file or directory"
    )


def test_a_directory(cli, tmp_path):
    assert f"{tmp_path}: cannot read the file: Is a directory" in refused(cli, "run", tmp_path)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the file is empty"),
        (b"{not json", "not valid JSON"),
        (b'{"format": "autograd-studio-graph", "version": 1, "nodes": [', "truncated"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not UTF-8"),
        (b"[1, 2, 3]", "expected an Autograd Studio graph"),
        (b'{"format": "autograd-studio-graph", "version": 99, "nodes": []}', "version"),
    ],
)
def test_not_a_graph_file(cli, tmp_path, content, expected):
    path = tmp_path / "bad.agraph"
    path.write_bytes(content)
    err = refused(cli, "run", path)
    assert str(path) in err and expected in err


def test_bad_schema_names_the_json_path(cli, tmp_path):
    path = graph_file(tmp_path, [{"id": "x", "kind": "input", "value": "two"}])
    err = refused(cli, "run", path)
    assert f"{path}: $.nodes[0].value" in err


def test_unknown_op(cli, tmp_path):
    path = graph_file(tmp_path, [{"id": "m", "kind": "op", "op": "frobnicate"}])
    err = refused(cli, "check", path)
    assert "$.nodes[0]" in err and "frobnicate" in err


def test_dangling_edge(cli, tmp_path):
    nodes = [{"id": "x", "kind": "input", "value": 1.0}, {"id": "n", "kind": "op", "op": "neg"}]
    path = graph_file(tmp_path, nodes, [{"from": "x", "to": "m9", "port": 0}])
    assert "$.edges[0].to" in refused(cli, "run", path)


def test_cycle(cli, tmp_path):
    nodes = [{"id": "a", "kind": "op", "op": "neg"}, {"id": "b", "kind": "op", "op": "neg"}]
    edges = [{"from": "a", "to": "b", "port": 0}, {"from": "b", "to": "a", "port": 0}]
    err = refused(cli, "render", graph_file(tmp_path, nodes, edges), "-o", tmp_path / "x.dot")
    assert "cycle" in err and "$.edges[" in err


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("x1", "expected NAME=VALUE"),
        ("=2", "expected NAME=VALUE"),
        ("x1=two", "'two' is not a number"),
        ("x1=nan", "finite"),
        ("x1=1e999", "finite"),
        ("zz=1", "no name 'zz'"),
    ],
)
def test_bad_set(cli, tmp_path, setting, expected):
    err = refused(cli, "import", "w1*x1", "-o", tmp_path / "g.agraph", "--set", setting)
    assert expected in err
    assert not (tmp_path / "g.agraph").exists()


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("x + os.system", "column 5: attribute access is not allowed ('os.system')"),
        ("__import__('os')", "column 1: calling '__import__' is not allowed"),
        ("x +", "column 4: invalid syntax"),
        ("", "the expression is empty"),
    ],
)
def test_bad_expression(cli, tmp_path, expression, expected):
    err = refused(cli, "import", expression, "-o", tmp_path / "g.agraph")
    assert expected in err
    assert not (tmp_path / "g.agraph").exists()


def test_unwritable_outputs(cli, tmp_path):
    nowhere = tmp_path / "no" / "such" / "dir"
    assert "cannot write" in refused(cli, "import", "x", "-o", nowhere / "g.agraph")
    assert "cannot write" in refused(cli, "render", NEURON, "-o", nowhere / "g.dot")
    assert "cannot write" in refused(cli, "export", NEURON, "--to", "torch", "-o", tmp_path)


def test_unknown_picture_type(cli, tmp_path):
    err = refused(cli, "render", NEURON, "-o", tmp_path / "g.jpg")
    assert ".dot, .svg, .png" in err


def test_graphs_that_cannot_be_checked_or_exported(cli, tmp_path):
    nodes = [{"id": "x", "kind": "input", "value": 1.0}, {"id": "m", "kind": "op", "op": "mul"}]
    path = graph_file(tmp_path, nodes, [{"from": "x", "to": "m", "port": 0}])
    assert "input b is not connected" in refused(cli, "check", path)
    assert "input 1 of" in refused(cli, "export", path, "--to", "python")
    leaves = [{"id": "a", "kind": "input", "value": 1}, {"id": "b", "kind": "input", "value": 2}]
    two_sinks = graph_file(tmp_path, leaves)
    assert "no output" in refused(cli, "check", two_sinks)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["run"], "the following arguments are required: FILE"),
        (["export", NEURON], "the following arguments are required: --to"),
        (["export", NEURON, "--to", "rust"], "invalid choice: 'rust'"),
        (["render", NEURON], "required: -o/--output"),
        (["check", NEURON, "--limit", "-3"], "must be 0 or more"),
        (["run", NEURON, "--frobnicate"], "unrecognized arguments: --frobnicate"),
        (["--frobnicate"], "unrecognized arguments"),
        (["rn", NEURON], "'rn' is not a verb"),
        (["nonexistent.agraph"], "nonexistent.agraph: no such file"),
    ],
)
def test_bad_usage(cli, args, expected):
    assert expected in refused(cli, *args)


def test_an_expression_that_starts_with_a_minus_says_how_to_pass_it(cli, tmp_path):
    out = tmp_path / "neg.agraph"
    err = refused(cli, "import", "-x**2", "--set", "x=3", "-o", out)
    assert "starts with '-'" in err and " -- " in err  # not only "EXPR is required"
    assert len(err.splitlines()) == 1
    status, _, _ = cli("import", "--set", "x=3", "-o", out, "--", "-x**2")  # as it says
    assert status == 0 and out.exists()


def test_editor_that_cannot_start(cli, monkeypatch):
    monkeypatch.setitem(sys.modules, "autograd_studio.gui.window.app", None)  # import fails
    err = refused(cli)
    assert "the editor cannot start" in err and "--help" in err


def test_an_internal_error_is_one_line_asking_for_a_report(cli, monkeypatch):
    import autograd_studio.interop.table as table

    def broken(rows):
        raise RuntimeError("boom")

    monkeypatch.setattr(table, "format_table", broken)
    status, _, err = cli("run", NEURON)
    assert status == 3
    assert err.splitlines() == [
        "autograd-studio: error: internal error: RuntimeError: boom (this is a bug; please "
        "report it, with AUTOGRAD_STUDIO_DEBUG=1 for the details)"
    ]


def test_debug_mode_shows_the_traceback(monkeypatch):
    import autograd_studio.interop.table as table
    from autograd_studio.cli import main

    monkeypatch.setenv("AUTOGRAD_STUDIO_DEBUG", "1")

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug in the table")

    monkeypatch.setattr(table, "format_table", broken)
    with pytest.raises(ZeroDivisionError, match="a bug in the table"):
        main(["run", NEURON])

"""Every verb's happy path, on the shipped examples, through ``main(argv)``."""

from __future__ import annotations

import dataclasses
import json
import math

import pytest

from autograd_studio import __version__
from autograd_studio.engine import OPS
from autograd_studio.graph import load
from tests.cli.conftest import EXAMPLES
from tests.requirements import require_dot, require_torch

EXAMPLE_NAMES = [
    "neuron-dead",
    "neuron-active",
    "tanh-neuron",
    "node-reuse",
    "mlp-mse",
    "line-regression",
    "micrograd-moons",
    "micrograd-demo-functions",  # small on screen, 65,818 nodes once unfolded
    "micrograd-demo",
]
SMALL = EXAMPLE_NAMES[:-2]


def example(name: str) -> str:
    return str(EXAMPLES / f"{name}.agraph")


def table(out: str) -> dict[str, list[str]]:
    """The run table as {id: cells}; the header is under 'id'."""
    return {line.split()[0]: line.split() for line in out.splitlines() if line.strip()}


def by_label(out: str, doc) -> dict[str, tuple[float, float]]:
    rows = table(out)
    return {
        doc.nodes[nid].label: (float(rows[nid][-2]), float(rows[nid][-1]))
        for nid in doc.nodes
        if nid in rows
    }


def test_the_examples_are_all_there():
    assert sorted(p.stem for p in EXAMPLES.glob("*.agraph")) == sorted(EXAMPLE_NAMES)


# --- run --------------------------------------------------------------------------------------


def test_run_neuron_active_prints_the_seed_numbers(cli):
    status, out, err = cli("run", example("neuron-active"))
    assert status == 0 and err == ""
    assert out.splitlines()[0].split() == ["id", "label", "kind", "op", "data", "grad"]
    values = by_label(out, load(example("neuron-active")))
    # The seed notebook's second cell: y = ReLU(1*2 + 0.5*3 + 0.1) = 3.6.
    assert values["w1"][1] == 2.0
    assert values["w2"][1] == 3.0
    assert values["b"][1] == 1.0
    assert values["x1"][1] == 1.0
    assert values["x2"][1] == 0.5
    output = load(example("neuron-active")).output
    assert float(table(out)[output][-2]) == pytest.approx(3.6)


def test_run_neuron_dead_prints_zero_gradients(cli):
    status, out, _ = cli("run", example("neuron-dead"))
    assert status == 0
    values = by_label(out, load(example("neuron-dead")))
    for name in ("w1", "w2", "b", "x1", "x2"):
        assert values[name][1] == 0.0


def test_run_tanh_neuron_matches_micrograd(cli):
    status, out, _ = cli("run", example("tanh-neuron"))
    assert status == 0
    doc = load(example("tanh-neuron"))
    rows = table(out)
    assert float(rows[doc.output][-2]) == pytest.approx(0.707107, abs=1e-6)
    values = by_label(out, doc)
    assert values["x1"][1] == pytest.approx(-1.5, abs=1e-6)
    assert values["w1"][1] == pytest.approx(1.0, abs=1e-6)
    assert values["x2"][1] == pytest.approx(0.5, abs=1e-6)
    assert values["w2"][1] == 0.0


@pytest.mark.parametrize("name", SMALL)
def test_run_json_on_every_example_is_valid_json_matching_evaluate(cli, name):
    status, out, _ = cli("run", example(name), "--json")
    assert status == 0
    data = json.loads(out, parse_constant=_no_constants)
    doc = load(example(name))
    result = doc.evaluate()
    assert data["output"] == doc.output
    assert [n["id"] for n in data["nodes"]] == list(doc.nodes)
    for node in data["nodes"]:
        record = doc.nodes[node["id"]]
        assert (node["label"], node["kind"], node["op"]) == (record.label, record.kind, record.op)
        assert node["data"] == result.data[node["id"]]
        assert node["grad"] == result.grad[node["id"]]


@pytest.mark.slow
def test_run_json_on_the_micrograd_demo_gives_micrograd_demo_loss(cli):
    from autograd_studio.engine.nn import demo_loss

    status, out, _ = cli("run", example("micrograd-demo"), "--json")
    assert status == 0
    data = json.loads(out, parse_constant=_no_constants)
    loss, _parameters = demo_loss()
    assert len(data["nodes"]) == len(list(loss.walk()))
    output = next(n for n in data["nodes"] if n["id"] == data["output"])
    assert output["data"] == loss.data and output["grad"] == 1.0


def _no_constants(token):
    raise AssertionError(f"JSON with a {token} literal is not valid JSON")


def test_run_json_writes_nan_and_inf_as_strings_and_problems(cli, tmp_path):
    path = tmp_path / "bad.agraph"
    assert cli("import", "log(x) + log(y) * 0", "-o", path, "--set", "x=-1").status == 0
    status, out, _ = cli("run", path, "--json")
    assert status == 0
    data = json.loads(out, parse_constant=_no_constants)
    nodes = {n["label"]: n for n in data["nodes"]}
    assert nodes["log(x)"]["data"] == "NaN"
    assert nodes["log(y)"]["data"] == "-Infinity"
    assert float(nodes["log(x)"]["data"]) != float(nodes["log(x)"]["data"])  # nan reads back
    assert [p["kind"] for p in nodes["log(x)"]["problems"]] == ["nan"]
    assert nodes["x"]["problems"] == []


def test_run_without_an_output_prints_no_gradients_rather_than_zeros(cli, tmp_path):
    path = tmp_path / "two-sinks.agraph"
    assert cli("import", "x * 2", "-o", path, "--set", "x=3").status == 0
    data = json.loads(path.read_text(encoding="utf-8"))
    data["nodes"].append({"id": "extra", "kind": "op", "op": "neg", "pos": [0, 300]})
    data["edges"].append({"from": data["nodes"][0]["id"], "to": "extra", "port": 0})
    data.pop("output", None)
    path.write_text(json.dumps(data), encoding="utf-8")
    status, out, _ = cli("run", path, "--json")
    assert status == 0
    result = json.loads(out, parse_constant=_no_constants)
    assert result["output"] is None and result["problems"][0]["kind"] == "no-output"
    assert [n["grad"] for n in result["nodes"]] == [None] * len(result["nodes"])
    assert all(n["data"] is not None for n in result["nodes"])  # forward still ran
    table = cli("run", path).out
    assert all(line.split()[-1] == "-" for line in table.split("\n\n")[0].splitlines()[1:])


def test_run_table_lists_problems_after_the_table(cli, tmp_path):
    path = tmp_path / "bad.agraph"
    cli("import", "log(x)", "-o", path, "--set", "x=-2")
    status, out, _ = cli("run", path)
    assert status == 0
    assert "\nproblems:\n  log: log(-2.0) = nan" in out


# --- check --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SMALL)
def test_check_passes_on_every_small_example(cli, name):
    require_torch()
    status, out, _ = cli("check", example(name), "--limit", "0")
    assert status == 0, out
    assert out.splitlines()[-1].startswith("passed")
    assert "PyTorch" in out and "data and grad agree" in out


@pytest.mark.slow
def test_check_passes_on_the_micrograd_demo_with_a_sample(cli):
    status, out, _ = cli("check", example("micrograd-demo"), "--limit", "6", "--no-torch")
    assert status == 0, out
    assert "checking 6 of" in out
    assert "--limit 0" in out  # says how to check them all


def test_check_fails_with_status_1_on_a_wrong_derivative(cli, monkeypatch):
    require_torch()

    def wrong(out, a, b):
        return b, a * 1.01

    monkeypatch.setitem(OPS, "mul", dataclasses.replace(OPS["mul"], local=wrong, chain=None))
    status, out, err = cli("check", example("neuron-active"))
    assert status == 1 and err == ""
    assert "fail" in out
    assert out.splitlines()[-1].startswith("FAILED")
    assert "differ from PyTorch" in out


def test_check_without_torch_says_how_to_add_it(cli, monkeypatch):
    import autograd_studio.analysis.torch_check as torch_check

    monkeypatch.setattr(torch_check, "import_torch", lambda: (None, "PyTorch is not installed; "
                        f"add it with: {torch_check.TORCH_HINT}"))  # fmt: skip
    status, out, _ = cli("check", example("neuron-active"))
    assert status == 0
    assert "pip install 'autograd-studio[torch]'" in out


# --- render -------------------------------------------------------------------------------------


def test_render_dot_needs_no_graphviz(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no dot program reachable
    out = tmp_path / "n.dot"
    status, stdout, _ = cli("render", example("neuron-active"), "-o", out, "--rankdir", "TB")
    assert status == 0 and stdout == f"wrote {out}\n"
    source = out.read_text(encoding="utf-8")
    assert source.startswith("digraph {") and "rankdir=TB" in source
    assert "{ w1 | data 1.0000 | grad 2.0000 }" in source


@pytest.mark.parametrize("suffix", ["svg", "png"])
def test_render_pictures_through_dot(cli, tmp_path, suffix):
    require_dot()
    out = tmp_path / f"neuron.{suffix}"
    status, _, _ = cli("render", example("node-reuse"), "-o", out)
    assert status == 0
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG") if suffix == "png" else b"<svg" in data[:2000]


# --- export -------------------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["python", "torch"])
def test_export_to_stdout_and_to_a_file(cli, tmp_path, target):
    status, code, _ = cli("export", example("neuron-active"), "--to", target)
    assert status == 0
    compile(code, "exported.py", "exec")
    out = tmp_path / "script.py"
    status, stdout, _ = cli("export", example("neuron-active"), "--to", target, "-o", out)
    assert status == 0 and stdout == f"wrote {out}\n"
    assert out.read_text(encoding="utf-8") == code


# --- import -------------------------------------------------------------------------------------


def test_import_builds_the_seed_neuron(cli, tmp_path):
    out = tmp_path / "neuron.agraph"
    args = ["--set", "x1=2", "--set", "x2=3", "--set", "w1=1", "--set", "w2=0.5"]
    status, stdout, _ = cli("import", "relu(w1*x1 + w2*x2 + b)", "-o", out, *args, "--set", "b=.1")
    assert status == 0 and stdout.startswith(f"wrote {out}")
    doc = load(out)
    assert {r.label: r.kind for r in doc.nodes.values() if not r.op} == {
        "w1": "weight", "x1": "input", "w2": "weight", "x2": "input", "b": "weight"
    }  # fmt: skip
    result = doc.evaluate()
    assert result.data[doc.output] == pytest.approx(3.6)
    assert result.grad["w1"] == 2.0 and result.grad["x2"] == 0.5


def test_import_lays_the_graph_out_left_to_right(cli, tmp_path):
    out = tmp_path / "g.agraph"
    assert cli("import", "tanh(w*x + b)", "-o", out).status == 0
    doc = load(out)
    assert all(record.pos is not None for record in doc.nodes.values())
    output_x = doc.nodes[doc.output].pos[0]
    assert all(doc.nodes[leaf].pos[0] < output_x for leaf in ("w", "x", "b"))


def test_import_weights_option_chooses_the_weights(cli, tmp_path):
    out = tmp_path / "g.agraph"
    assert cli("import", "a*x + c", "-o", out, "--weights", "a, c").status == 0
    kinds = {r.label: r.kind for r in load(out).nodes.values() if not r.op}
    assert kinds == {"a": "weight", "x": "input", "c": "weight"}


def test_import_then_run_round_trip(cli, tmp_path):
    out = tmp_path / "sq.agraph"
    cli("import", "x**2 - 3*x", "-o", out, "--set", "x=4")
    rows = table(cli("run", out).out)
    assert float(rows["x"][-1]) == 2 * 4.0 - 3


# --- top level ----------------------------------------------------------------------------------


def test_version(cli):
    status, out, _ = cli("--version")
    assert status == 0 and out.strip() == f"autograd-studio {__version__}"


@pytest.mark.parametrize("verb", ["run", "check", "render", "export", "import"])
def test_each_verb_has_help(cli, verb):
    status, out, _ = cli(verb, "--help")
    assert status == 0
    assert out.startswith(f"usage: autograd-studio {verb}")


def test_top_level_help_lists_the_verbs_and_exit_codes(cli):
    status, out, _ = cli("--help")
    assert status == 0
    for verb in ("run", "check", "render", "export", "import"):
        assert verb in out
    assert "2 bad usage or bad input" in " ".join(out.split())


def test_no_verb_opens_the_editor(cli, monkeypatch):
    import sys
    import types

    opened = []
    fake = types.ModuleType("autograd_studio.gui.window.app")
    fake.run_editor = lambda path: opened.append(path) or 0
    monkeypatch.setitem(sys.modules, "autograd_studio.gui.window.app", fake)
    assert cli().status == 0
    assert cli(example("node-reuse")).status == 0
    assert opened == [None, example("node-reuse")]


def test_nan_table_cells_read_back(cli, tmp_path):
    out = tmp_path / "g.agraph"
    cli("import", "log(x)", "-o", out, "--set", "x=-1")
    rows = table(cli("run", out).out)
    assert math.isnan(float(rows["log"][-2]))

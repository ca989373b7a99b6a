"""``run --wrt`` (forward mode's tangent column) and ``run --target`` (backward from it)."""

from __future__ import annotations

import json

from autograd_studio.graph import load
from tests.cli.conftest import EXAMPLES

NEURON = str(EXAMPLES / "neuron-active.agraph")


def rows(out: str) -> dict[str, list[str]]:
    return {line.split()[0]: line.split() for line in out.splitlines() if line.strip()}


def test_wrt_adds_a_tangent_column_with_the_notebooks_numbers(cli):
    status, out, err = cli("run", NEURON, "--wrt", "w1")
    assert status == 0 and err == ""
    table = rows(out)
    assert table["id"] == ["id", "label", "kind", "op", "data", "grad", "tangent"]
    assert table["y"][-1] == "2"  # d y/d w1 = x1 = 2
    assert table["w1"][-1] == "1"  # the seed
    assert table["mul2"][-1] == "-"  # w2*x2 does not depend on w1
    assert table["w1"][-2] == "2"  # grad still from the output


def test_wrt_json_gives_every_node_a_tangent_equal_to_evaluate(cli):
    status, out, _ = cli("run", NEURON, "--wrt", "x2", "--json")
    assert status == 0
    data = json.loads(out)
    assert data["wrt"] == "x2" and "target" not in data
    tangents = {node["id"]: node["tangent"] for node in data["nodes"]}
    expected = load(NEURON).evaluate(wrt="x2").tangent
    assert tangents == dict(expected)
    assert tangents["y"] == 0.5 and tangents["mul1"] is None


def test_without_wrt_the_table_and_json_are_unchanged(cli):
    _, out, _ = cli("run", NEURON)
    assert "tangent" not in out
    _, out, _ = cli("run", NEURON, "--json")
    assert "tangent" not in out and '"wrt"' not in out


def test_target_makes_that_node_the_root_of_backward(cli):
    status, out, _ = cli("run", NEURON, "--target", "mul2", "--json")
    assert status == 0
    data = json.loads(out)
    assert data["target"] == "mul2" and data["output"] == "y"
    grads = {node["id"]: node["grad"] for node in data["nodes"]}
    assert grads == {
        "x1": None, "x2": 0.5, "w1": None, "w2": 3.0, "b": None,
        "mul1": None, "mul2": 1.0, "add1": None, "add2": None, "y": None,
    }  # fmt: skip
    _, out, _ = cli("run", NEURON, "--target", "mul2")
    assert rows(out)["w2"][-1] == "3" and rows(out)["y"][-1] == "-"


def test_unknown_ids_are_one_clear_line_with_status_2(cli):
    status, out, err = cli("run", NEURON, "--wrt", "w9")
    assert status == 2 and out == ""
    assert "--wrt: no node with id 'w9'" in err and "ids: x1, x2, w1" in err
    status, _, err = cli("run", NEURON, "--target", "nope", "--json")
    assert status == 2 and "--target: no node with id 'nope'" in err

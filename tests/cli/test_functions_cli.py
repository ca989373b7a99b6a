"""The command line on a document with functions: run, check (PyTorch too), render."""

from __future__ import annotations

from autograd_studio.graph import GraphDocument, save
from autograd_studio.graph.templates import add_template, hinge, mlp
from tests.requirements import require_dot, require_torch


def network_file(tmp_path) -> str:
    doc = GraphDocument()
    x1 = doc.add_node("input", id="x1", value=0.5, pos=(0, 0))
    x2 = doc.add_node("input", id="x2", value=-1.0, pos=(0, 100))
    y = doc.add_node("input", id="y", value=1.0, pos=(0, 200))
    net = add_template(doc, mlp(2, [4, 1], seed=1), pos=(250, 50))
    doc.connect(x1, net, 0)
    doc.connect(x2, net, 1)
    loss = add_template(doc, hinge(), pos=(500, 100))
    doc.connect(net, loss, 0)
    doc.connect(y, loss, 1)
    doc.set_output(loss)
    path = tmp_path / "network.agraph"
    save(doc, path)
    return str(path)


def test_run_names_the_functions_and_check_covers_their_weights(cli, tmp_path):
    require_torch()
    path = network_file(tmp_path)
    run = cli("run", path)
    assert run.status == 0
    assert any(line.split()[:3] == ["mlp", "function", "mlp"] for line in run.out.splitlines())
    check = cli("check", path)
    assert check.status == 0, check.out
    assert "@mlp/l1_w2_1" in check.out and "@mlp/l2_b1" in check.out
    assert "PyTorch" in check.out and "agree" in check.out


def test_render_draws_a_function_node(cli, tmp_path):
    require_dot()
    path = network_file(tmp_path)
    out = tmp_path / "network.dot"
    assert cli("render", path, "-o", out).status == 0
    assert "mlp" in out.read_text()

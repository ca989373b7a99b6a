"""Code export: the generated scripts run in a fresh interpreter and print exactly the table
that ``autograd-studio run`` prints."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from autograd_studio.cli import main
from autograd_studio.graph import GraphDocument, save
from autograd_studio.interop.codegen import (
    EXPORTERS,
    CodegenError,
    to_python,
    to_torch,
    variable_names,
)
from autograd_studio.interop.expression import from_expression
from autograd_studio.interop.table import document_rows, format_table
from autograd_studio.resources import examples_dir
from tests.requirements import require_torch

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = examples_dir()
SMALL_EXAMPLES = sorted(p for p in EXAMPLES.glob("*.agraph") if p.stat().st_size < 200_000)

EVERY_OP = (
    "a/b + b**a - exp(a)*sigmoid(b) + log(c)*tanh(a) - relu(-b) + relu(a) * (c - a)"
    " + sin(a) * cos(b) + sqrt(c) - abs(b - c) + sum(a, b, c, a)",
    {"a": 1.5, "b": 0.7, "c": 2.0},
)


def run_script(code: str, tmp_path: Path) -> str:
    script = tmp_path / "exported.py"
    script.write_text(code, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    completed = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert "Traceback" not in completed.stderr
    return completed.stdout


def run_table(doc: GraphDocument, tmp_path: Path, capsys) -> str:
    """What `autograd-studio run` prints for *doc*."""
    path = tmp_path / "graph.agraph"
    save(doc, path)
    assert main(["run", str(path)]) == 0
    return capsys.readouterr().out


def every_op_doc() -> GraphDocument:
    text, values = EVERY_OP
    return from_expression(text, values=values)


def test_every_op_appears_in_the_test_expression():
    from autograd_studio.engine import OPS

    assert {r.op for r in every_op_doc().nodes.values() if r.op} == set(OPS)


def test_python_export_prints_the_run_table(tmp_path, capsys):
    doc = every_op_doc()
    expected = run_table(doc, tmp_path, capsys)
    assert run_script(to_python(doc), tmp_path) == expected
    # And the table carries the document's numbers, not just the same text.
    result = doc.evaluate()
    assert expected.strip() == format_table(document_rows(doc, result))


def test_torch_export_prints_the_run_table(tmp_path, capsys):
    require_torch()
    doc = every_op_doc()
    assert run_script(to_torch(doc), tmp_path) == run_table(doc, tmp_path, capsys)


@pytest.mark.parametrize("path", SMALL_EXAMPLES, ids=lambda p: p.stem)
def test_python_export_of_each_example_prints_the_run_table(path, tmp_path, capsys):
    from autograd_studio.graph import load
    from autograd_studio.training import write_setup

    assert main(["run", str(path)]) == 0
    expected = capsys.readouterr().out
    doc = load(path)
    write_setup(doc, None)  # the training part has its own tests (test_codegen_training)
    assert run_script(to_python(doc), tmp_path) == expected


def test_torch_export_of_the_mlp_example_prints_the_run_table(tmp_path, capsys):
    require_torch()
    from autograd_studio.graph import load

    path = EXAMPLES / "mlp-mse.agraph"
    assert main(["run", str(path)]) == 0
    assert run_script(to_torch(load(path)), tmp_path) == capsys.readouterr().out


def test_seed_numbers_printed_by_both_scripts(tmp_path):
    require_torch()
    doc = from_expression(
        "relu(w1*x1 + w2*x2 + b)", values={"x1": 2.0, "x2": 3.0, "w1": 1.0, "w2": 0.5, "b": 0.1}
    )
    for code in (to_python(doc), to_torch(doc)):
        rows = {line.split()[0]: line.split() for line in run_script(code, tmp_path).splitlines()}
        grads = {name: float(rows[name][-1]) for name in ("w1", "w2", "b", "x1", "x2")}
        assert grads == {"w1": 2.0, "w2": 3.0, "b": 1.0, "x1": 1.0, "x2": 0.5}


def test_hostile_labels_and_ids_stay_data(tmp_path, capsys):
    doc = GraphDocument()
    evil = "x'); import os; os.system('echo pwned') #\n\"\"\"\\"
    x = doc.add_node("input", id="sum", label=evil, value=2.0)
    w = doc.add_node("weight", id="class.-w", label="w\u2028'''", value=3.0)
    m = doc.add_node("op", op="mul", id="print", label='"""; raise SystemExit(3)  #')
    doc.connect(x, m, 0)
    doc.connect(w, m, 1)
    names = variable_names(doc)
    assert all(name.isidentifier() and name.isascii() for name in names.values())
    assert len(set(names.values())) == 3
    assert names["sum"] != "sum" and names["print"] != "print"
    code = to_python(doc)
    compile(code, "exported.py", "exec")  # parses: every label stayed inside a literal
    output = run_script(code, tmp_path)
    assert "pwned" not in output.replace(evil.splitlines()[0], "")  # printed only as a label
    assert output == run_table(doc, tmp_path, capsys)


@pytest.mark.parametrize("target", ["python", "torch"])
def test_a_stray_unconnected_op_beside_the_output_does_not_block_the_export(
    target, tmp_path, capsys
):
    # Half-built graphs are the normal state in the editor: an op dropped but not wired yet
    # (and what hangs off it) has no value, so the script leaves it out as `run` does.
    if target == "torch":
        require_torch()
    doc = from_expression("w*x", values={"w": 0.5, "x": 2.0})
    stray = doc.add_node("op", op="add", label="later")
    doc.connect(stray, doc.add_node("op", op="tanh"), 0)
    doc.connect("x", stray, 0)
    doc.set_output(next(n for n, r in doc.nodes.items() if r.op == "mul"))
    code = EXPORTERS[target](doc)
    table = run_table(doc, tmp_path, capsys).split("\n\nproblems:")[0]  # run adds its notes
    assert run_script(code, tmp_path).rstrip("\n") == table
    assert table.splitlines()[-1].split()[-2:] == ["-", "-"]  # tanh: no value, no grad


def test_unexportable_documents_are_refused_clearly():
    doc = GraphDocument()
    x = doc.add_node("input", label="x", value=1.0)
    m = doc.add_node("op", op="mul", label="x*?")
    doc.connect(x, m, 0)
    with pytest.raises(CodegenError, match=r"input 1 of 'x\*\?' \(mul\) is not connected"):
        to_python(doc)
    with pytest.raises(CodegenError, match="empty"):
        to_torch(GraphDocument())
    two_sinks = GraphDocument()
    two_sinks.add_node("input", label="a")
    two_sinks.add_node("input", label="b")
    with pytest.raises(CodegenError, match="no output"):
        to_python(two_sinks)


def test_exported_script_rebuilds_the_graph_with_registry_templates():
    code = to_python(from_expression("x.tanh() * w"))
    assert "tanh = x.tanh()" in code and "mul = tanh * w" in code
    torch_code = to_torch(from_expression("x.tanh() * w"))
    assert "tanh = torch.tanh(x)" in torch_code and "tanh.retain_grad()" in torch_code


@pytest.mark.slow
def test_python_export_of_the_micrograd_demo_prints_the_run_table(tmp_path):
    # 65,818 statements and table rows: the generated script must stay usable at this size.
    # (run's output is this same table, as test_python_export_prints_the_run_table shows.)
    from autograd_studio.graph import load

    doc = load(EXAMPLES / "micrograd-demo.agraph")
    expected = format_table(document_rows(doc, doc.evaluate())) + "\n"
    assert len(expected.splitlines()) == 65_818 + 1
    assert run_script(to_python(doc), tmp_path) == expected


def test_the_script_uses_the_names_the_user_sees_not_the_ids():
    """Drag input, weight, input, weight, weight and label them x1, w1, x2, w2, b: the
    ids come out as x, w, x1, w1, w2, and the script once read `x1 = Node(3.0, label='x2')`."""
    from autograd_studio.graph import GraphDocument
    from autograd_studio.interop.codegen import to_python, variable_names

    doc = GraphDocument()
    leaves = {}
    for kind, label, value in [
        ("input", "x1", 2.0),
        ("weight", "w1", -3.0),
        ("input", "x2", 3.0),
        ("weight", "w2", -0.8),
        ("weight", "b", 6.8),
    ]:
        leaves[label] = doc.add_node(kind, value=value)
        doc.set_label(leaves[label], label)
    assert leaves["x2"] == "x1" and leaves["w2"] == "w1"  # the mix-up this guards against
    m = doc.add_node("op", op="mul")
    doc.connect(leaves["x2"], m, 0)
    doc.connect(leaves["w2"], m, 1)
    doc.set_output(m)
    names = variable_names(doc)
    assert [names[leaves[n]] for n in ("x1", "w1", "x2", "w2", "b")] == [
        "x1",
        "w1",
        "x2",
        "w2",
        "b",
    ]
    script = to_python(doc)
    assert "x2 = Node(3.0, label='x2')" in script
    assert "w2 = Node(-0.8, label='w2')" in script
    assert "x2 * w2" in script
    namespace: dict = {}
    exec(compile(script, "<export>", "exec"), namespace)  # our own output, run as a user would
    assert namespace["x2"].grad == -0.8


def functions_doc() -> GraphDocument:
    """Nested functions, one definition used twice (its weights shared), a layer's output."""
    from autograd_studio.graph.templates import add_template, layer, squared_error

    values = {"x1": 2.0, "x2": -1.0, "w1": 0.5, "w2": -0.3, "b": 0.1}
    doc = from_expression("tanh(w1*x1 + w2*x2 + b)", values=values)
    dot = doc.group([n for n in doc.nodes if doc.nodes[n].op in ("mul", "add")], name="dot")
    hidden = add_template(doc, layer(1, 2, "tanh", seed=4))
    doc.connect(dot, hidden, 0)
    second = doc.add_node("function", function=doc.nodes[hidden].function, result=1)
    doc.connect(dot, second, 0)
    loss = add_template(doc, squared_error())
    doc.connect(hidden, loss, 0)
    doc.connect(second, loss, 1)
    doc.set_output(loss)
    return doc


def test_exported_functions_print_the_run_table(tmp_path, capsys):
    doc = functions_doc()
    expected = run_table(doc, tmp_path, capsys)
    code = to_python(doc)
    assert "def dot(" in code and "def layer(" in code and "def squared_error(" in code
    assert run_script(code, tmp_path) == expected
    assert doc.evaluate().grad["x1"] != 0.0


def test_torch_export_of_functions_prints_the_run_table(tmp_path, capsys):
    require_torch()
    doc = functions_doc()
    expected = run_table(doc, tmp_path, capsys)
    assert run_script(to_torch(doc), tmp_path) == expected

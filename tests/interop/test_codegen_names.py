"""Exported scripts never let a node's name shadow a built-in, a keyword or their own names."""

from __future__ import annotations

import builtins
import keyword
import symtable

import pytest

from autograd_studio.graph import GraphDocument
from autograd_studio.interop.codegen import EXPORTERS, variable_names
from tests.interop.test_codegen import run_script, run_table
from tests.requirements import require_torch

HOSTILE = [
    "__builtins__", "__name__", "__file__", "__spec__", "__loader__", "__doc__",
    "__import__", "__annotations__", "__dict__", "print", "float", "None", "True",
    "class", "lambda", "match", "case", "_", "type", "Node", "torch", "ROWS",
    "grad_of", "format_table", "table_number", "format_columns", "tensor", "x",
]  # fmt: skip


def hostile_doc(as_labels: bool) -> GraphDocument:
    """Leaves named by every hostile name (as ids, or as labels over plain ids), summed."""
    doc = GraphDocument()
    total = None
    for i, name in enumerate(HOSTILE):
        node_id = f"leaf{i}" if as_labels else name
        leaf = doc.add_node("weight" if i % 2 else "input", id=node_id, label=name, value=i / 7)
        if total is None:
            total = leaf
            continue
        op_id = f"op{i}" if as_labels else f"{name}_op" if f"{name}_op" not in doc else None
        total_next = doc.add_node("op", op="add", id=op_id, label=name)
        doc.connect(total, total_next, 0)
        doc.connect(leaf, total_next, 1)
        total = total_next
    doc.set_output(total)
    return doc


def module_names(code: str) -> set[str]:
    """Every module-level name the script binds or reads, in any of its scopes."""
    names = set()
    tables = [symtable.symtable(code, "exported.py", "exec")]
    while tables:
        table = tables.pop()
        top = table.get_type() == "module"
        for symbol in table.get_symbols():
            if top or symbol.is_global():
                names.add(symbol.get_name())
        tables.extend(table.get_children())
    return names


def script_names(target: str) -> set[str]:
    """The names an exported script uses for itself (those of a one-node graph, but x)."""
    doc = GraphDocument()
    doc.add_node("input", id="x", value=1.0)
    names = module_names(EXPORTERS[target](doc)) - {"x"}
    assert {"format_table", "ROWS"} <= names  # the scan sees the script's own names
    return names


@pytest.mark.parametrize("as_labels", [False, True], ids=["ids", "labels"])
@pytest.mark.parametrize("target", ["python", "torch"])
def test_hostile_names_run_and_print_the_run_table(target, as_labels, tmp_path, capsys):
    if target == "torch":
        require_torch()  # the exported script imports torch
    doc = hostile_doc(as_labels)
    code = EXPORTERS[target](doc)
    names = set(variable_names(doc).values())
    forbidden = set(dir(builtins)) | set(keyword.kwlist) | set(keyword.softkwlist)
    assert not names & forbidden
    assert not [n for n in names if n.startswith("__") and n.endswith("__")]
    assert not names & script_names(target)
    assert run_script(code, tmp_path) == run_table(doc, tmp_path, capsys)

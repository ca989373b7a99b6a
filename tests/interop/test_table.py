"""The one data/grad table shared by ``run`` and the exported scripts."""

from __future__ import annotations

import ast
import builtins
import math

from autograd_studio.interop.table import (
    TABLE_FUNCTIONS,
    format_columns,
    format_table,
    table_source,
)
from autograd_studio.numbers import table_number


def test_numbers():
    assert table_number(3.6) == "3.6"
    assert table_number(2.0) == "2"
    assert table_number(-0.0) == "0"  # the sign of zero differs between engines
    assert table_number(0.7071067811865476) == "0.707107"
    assert table_number(1.5e-7) == "1.5e-07"
    assert table_number(None) == "-"
    assert table_number(math.nan) == "nan"
    assert table_number(-math.inf) == "-inf"
    assert table_number(1 / 3, 2) == "0.33"


def test_columns_align_and_numbers_align_right():
    text = format_table([("x", "x", "input", "", 2.0, 1.0), ("m", "x*x", "op", "mul", 4.0, 12.5)])
    assert text.splitlines() == [
        "id  label  kind   op   data  grad",
        "x   x      input          2     1",
        "m   x*x    op     mul     4  12.5",
    ]


def test_control_characters_cannot_break_a_row():
    text = format_columns(("a", "b"), [("line\nbreak", "tab\there")])
    assert len(text.splitlines()) == 2
    assert "line\\nbreak" in text and "tab\\there" in text


def test_wide_characters_keep_the_columns_aligned_in_a_terminal():
    # A CJK character or an emoji takes two terminal columns: pad by width, not by len().
    text = format_columns(("label", "kind"), [("权重", "weight"), ("x", "input"), ("😀", "op")])
    starts = []
    for line in text.splitlines():
        before = line[: line.index(line.split()[-1])]
        starts.append(sum(2 if ord(c) > 0x2E80 else 1 for c in before))
    assert len(set(starts)) == 1, text


def test_the_source_for_scripts_is_standalone():
    """Only built-ins and the table functions themselves: a script needs no imports."""
    tree = ast.parse(table_source())
    defined = {f.__name__ for f in TABLE_FUNCTIONS}
    assert {node.name for node in tree.body} == defined
    assert not [node for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))]
    loaded = {
        n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
    }
    assigned = {
        n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
    }
    arguments = {a.arg for a in ast.walk(tree) if isinstance(a, ast.arg)}
    nested = {f.name for f in ast.walk(tree) if isinstance(f, ast.FunctionDef)}
    free = loaded - assigned - arguments - nested - defined - set(dir(builtins))
    assert free == set()

"""draw_dot: the Digraph's structure, an SVG render when Graphviz is installed, and a clear
error (not a crash at import or construction) when the ``dot`` program is missing."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import graphviz
import pytest

import autograd_studio.viz as viz
from autograd_studio import Node
from autograd_studio.engine import OPS, topological_order
from autograd_studio.viz import GraphvizMissingError, draw_dot
from tests.requirements import require_dot

STATEMENT = re.compile(r"^\t(?P<id>\w+) \[(?P<attrs>.*)\]$")
EDGE = re.compile(r"^\t(?P<tail>\w+) -> (?P<head>\w+)$")
ATTR = re.compile(r'(\w+)=("(?:[^"\\]|\\.)*"|\S+)')


def parse(source: str) -> tuple[dict[str, dict[str, str]], list[tuple[str, str]], str]:
    """(node id -> attributes, edges in source order, graph attribute line) of a Digraph."""
    nodes: dict[str, dict[str, str]] = {}
    edges: list[tuple[str, str]] = []
    graph_attrs = ""
    for line in source.splitlines():
        if line.startswith("\tgraph ["):
            graph_attrs = line
        elif (edge := EDGE.match(line)) is not None:
            edges.append((edge["tail"], edge["head"]))
        elif (stmt := STATEMENT.match(line)) is not None and stmt["id"] not in ("node", "edge"):
            attrs = {k: v[1:-1] if v.startswith('"') else v for k, v in ATTR.findall(stmt["attrs"])}
            nodes[stmt["id"]] = attrs
    return nodes, edges, graph_attrs


def record_fields(label: str) -> list[str]:
    """``{ a | data 1.0000 | grad 0.0000 }`` -> ['a', 'data 1.0000', 'grad 0.0000']."""
    assert label.startswith("{") and label.endswith("}"), label
    fields = re.split(r"(?<!\\)\|", label[1:-1])
    return [re.sub(r"\\(.)", r"\1", field.strip()) for field in fields]


def labelled_graph() -> tuple[Node, list[Node]]:
    """Every op kind the drawing must handle, ``a * a`` included, each node named."""
    a, b = Node(2.0, label="a"), Node(-3.0, label="b|{odd} <name>")
    sq = a * a
    diff = sq - b
    scaled = 2 * diff
    out = (scaled / b).tanh() + sq.relu()
    for name, node in [("sq", sq), ("diff", diff), ("scaled", scaled), ("out", out)]:
        node.label = name
    for i, node in enumerate(topological_order(out)):
        node.label = node.label or f"v{i}"
    out.backward()
    return out, topological_order(out)


def test_one_record_per_value_with_label_data_and_grad():
    out, nodes = labelled_graph()
    parsed, _, _ = parse(draw_dot(out).source)
    records = {i: a for i, a in parsed.items() if a.get("shape") == "record"}
    assert len(records) == len(nodes)
    fields = sorted(record_fields(attrs["label"]) for attrs in records.values())
    expected = sorted([n.label, f"data {n.data:.4f}", f"grad {n.grad:.4f}"] for n in nodes)
    assert fields == expected


def test_one_op_node_per_op_with_edges_in_operand_order():
    out, nodes = labelled_graph()
    parsed, edges, _ = parse(draw_dot(out).source)
    name_of = {
        node_id: record_fields(attrs["label"])[0]
        for node_id, attrs in parsed.items()
        if attrs.get("shape") == "record"
    }
    ops = [node_id for node_id in parsed if node_id not in name_of]
    assert len(ops) == sum(1 for n in nodes if n.op)
    drawn = {}
    for op_id in ops:
        (result,) = [head for tail, head in edges if tail == op_id]
        operands = [name_of[tail] for tail, head in edges if head == op_id]
        drawn[name_of[result]] = (parsed[op_id]["label"], operands)
    expected = {n.label: (OPS[n.op].symbol, [p.label for p in n.parents]) for n in nodes if n.op}
    assert drawn == expected
    assert drawn["sq"][1] == ["a", "a"]  # a * a: two edges, not one
    assert len(edges) == sum(1 + len(n.parents) for n in nodes if n.op)


@pytest.mark.parametrize("rankdir", ["LR", "TB"])
def test_rankdir(rankdir):
    x = Node(1.0, label="x")
    _, _, graph_attrs = parse(draw_dot(x.exp(), rankdir=rankdir).source)
    assert f"rankdir={rankdir}" in graph_attrs


def test_default_rankdir_is_left_to_right_and_bad_values_are_refused():
    assert "rankdir=LR" in parse(draw_dot(Node(1.0)).source)[2]
    with pytest.raises(ValueError, match="rankdir"):
        draw_dot(Node(1.0), rankdir="sideways")


def test_only_the_output_is_marked():
    out, _ = labelled_graph()
    parsed, _, _ = parse(draw_dot(out).source)
    marked = [a for a in parsed.values() if "penwidth" in a or "color" in a]
    assert len(marked) == 1
    assert record_fields(marked[0]["label"])[0] == "out"


def test_nan_and_inf_are_spelled_out():
    y = Node(0.0, label="z").log()
    y.label = "y"
    y.backward()
    parsed, _, _ = parse(draw_dot(y).source)
    fields = {
        tuple(record_fields(a["label"])) for a in parsed.values() if a.get("shape") == "record"
    }
    assert ("y", "data -inf", "grad 1.0000") in fields
    assert ("z", "data 0.0000", "grad inf") in fields


def test_svg_render():
    require_dot()
    out, _ = labelled_graph()
    dot = draw_dot(out)
    svg = dot.pipe(format="svg").decode("utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "data 2.0000" in svg and f"grad {out.grad:.4f}" in svg
    assert svg.count('class="node"') == len(parse(dot.source)[0])
    bundle = dot._repr_mimebundle_()  # what Jupyter calls to show the Digraph
    assert "<svg" in bundle["image/svg+xml"]


@pytest.fixture
def no_dot(monkeypatch, tmp_path):
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert not viz.has_dot()
    return tmp_path


def test_without_dot_drawing_works_and_rendering_says_how_to_install(no_dot):
    x = Node(2.0, label="x")
    y = x * x
    y.backward()
    dot = draw_dot(y)  # building the Digraph needs no dot program
    assert isinstance(dot, graphviz.Digraph)
    assert "grad 4.0000" in dot.source
    renders = [
        lambda: dot.pipe(format="svg"),
        lambda: dot.render(directory=no_dot, filename="g"),
        lambda: dot._repr_mimebundle_(),  # Jupyter
    ]
    for render in renders:
        with pytest.raises(GraphvizMissingError) as info:
            render()
        message = str(info.value)
        assert "\n" not in message
        assert "Graphviz" in message and "apt-get install graphviz" in message
        assert "brew install graphviz" in message


def test_viz_uses_only_the_public_graphviz_api():
    tree = ast.parse(Path(viz.__file__).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module or "")
    assert {name for name in imported if name.startswith("graphviz")} == {"graphviz"}
    used = {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "graphviz"
    }
    assert used and all(not name.startswith("_") and name != "backend" for name in used)


HIDE_GRAPHVIZ_BACKEND = """
import importlib.abc, sys
import graphviz

class Hide(importlib.abc.MetaPathFinder):  # the seed's failure: graphviz.backend.* missing
    def find_spec(self, name, path, target=None):
        if name == "graphviz.backend" or name.startswith("graphviz.backend."):
            raise ModuleNotFoundError(f"No module named {name!r}")

for name in [m for m in sys.modules if m.startswith("graphviz.backend")]:
    del sys.modules[name]
del graphviz.backend
sys.meta_path.insert(0, Hide())

from autograd_studio import Node
from autograd_studio.viz import draw_dot, has_dot

x = Node(2.0, label="x"); y = (x * x).relu(); y.backward()
dot = draw_dot(y, rankdir="TB")
print("grad 4.0000" in dot.source)
print(has_dot() and b"<svg" in dot.pipe(format="svg"))
"""


def test_viz_never_needs_graphviz_backend():
    """With ``graphviz.backend`` unimportable once the package is loaded, viz still
    imports, draws and (with dot) renders: it only goes through ``graphviz.Digraph``."""
    result = subprocess.run(
        [sys.executable, "-c", HIDE_GRAPHVIZ_BACKEND],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    drew, rendered = result.stdout.split()
    assert drew == "True"
    assert rendered == str(viz.has_dot())

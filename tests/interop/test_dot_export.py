"""The DOT writer (micrograd's records) and rendering through Graphviz's dot program."""

from __future__ import annotations

import re
import shutil

import pytest

from autograd_studio.graph import GraphDocument
from autograd_studio.interop.dot_export import RenderError, render, to_dot
from autograd_studio.interop.expression import from_expression
from autograd_studio.viz import GraphvizMissingError
from tests.requirements import require_dot


def neuron() -> GraphDocument:
    return from_expression(
        "relu(w1*x1 + w2*x2 + b)", values={"x1": 2.0, "x2": 3.0, "w1": 1.0, "w2": 0.5, "b": 0.1}
    )


def test_every_node_is_a_label_data_grad_record():
    source = to_dot(neuron())
    assert "rankdir=LR" in source
    assert 'w1 [label="{ w1 | data 1.0000 | grad 2.0000 }" shape=record]' in source
    assert "{ w1*x1 + w2*x2 + b | data 3.6000 | grad 1.0000 }" in source
    assert source.count("shape=record") == 10


def test_op_nodes_feed_their_value_with_operands_in_port_order():
    doc = from_expression("b - a", values={"a": 1.0, "b": 5.0})
    source = to_dot(doc)
    assert '"sub#op" [label="−" shape=ellipse]' in source
    assert '"sub#op" -> sub' in source
    edges = re.findall(r"^\t(\w+) -> \"sub#op\"$", source, flags=re.MULTILINE)
    assert edges == ["b", "a"]


def test_node_reuse_draws_two_edges():
    source = to_dot(from_expression("a*a", values={"a": 3.0}))
    assert source.count('a -> "mul#op"') == 2


def test_the_output_is_outlined_and_problems_are_red_with_a_tooltip():
    doc = from_expression("log(x) + 1", values={"x": -1.0})
    source = to_dot(doc, rankdir="TB")
    assert "rankdir=TB" in source
    output_line = next(line for line in source.splitlines() if line.startswith("\tadd ["))
    assert 'color="#1f6feb"' in output_line and "penwidth=2" in output_line
    log_line = next(line for line in source.splitlines() if line.startswith("\tlog ["))
    assert 'color="#d1242f"' in log_line and "tooltip=" in log_line and "nan" in log_line


def test_nodes_without_data_show_a_dash():
    doc = GraphDocument()
    x = doc.add_node("input", label="x", value=1.0)
    m = doc.add_node("op", op="mul", label="x*?")
    doc.connect(x, m, 0)
    assert "{ x*? | data — | grad — }" in to_dot(doc)  # numbers.NO_VALUE


def test_record_characters_in_labels_are_escaped():
    doc = GraphDocument()
    doc.add_node("input", id="x", label='a|b {c} <d> "e" \\f', value=1.0)
    source = to_dot(doc)
    assert r"a\|b \{c\} \<d\> \"e\" \\f" in source


def test_bad_rankdir_is_refused():
    with pytest.raises(ValueError, match="rankdir"):
        to_dot(neuron(), rankdir="XY")


def test_dot_format_needs_no_program(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert render("digraph { a }", "dot") == b"digraph { a }"


def test_a_picture_without_dot_raises_the_install_hint(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(GraphvizMissingError, match="apt-get install graphviz"):
        render(to_dot(neuron()), "svg")


@pytest.mark.parametrize(("fmt", "magic"), [("svg", b"<svg"), ("png", b"\x89PNG")])
def test_pictures_through_dot_even_with_hostile_labels(fmt, magic):
    require_dot()
    doc = neuron()
    doc.set_label("w1", 'w1 "quoted" | {braced} \\ <angled>\nnew line')
    picture = render(to_dot(doc), fmt)
    assert magic in picture[:400]


def test_dot_failure_is_a_render_error():
    require_dot()
    with pytest.raises(RenderError, match="dot failed"):
        render("digraph { a -> }", "svg")


def test_unknown_format():
    with pytest.raises(ValueError, match="unknown format"):
        render("digraph {}", "jpg")

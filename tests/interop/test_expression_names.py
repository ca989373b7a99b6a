"""Expression import with names that cannot be node ids, and text that is not UTF-8."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from autograd_studio.interop import expression
from autograd_studio.interop.expression import ExpressionError, from_expression
from tests.cli.conftest import cli  # noqa: F401 (the fixture)


def leaves(doc) -> list[tuple[str, str]]:
    return [(r.id, r.label) for r in doc.nodes.values() if r.kind != "op"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("é + x", [("x1", "é"), ("x", "x")]),
        ("x + é", [("x", "x"), ("x1", "é")]),
        ("é*ü + x1 + x", [("x2", "é"), ("x3", "ü"), ("x1", "x1"), ("x", "x")]),
        ("ω + w + x", [("x1", "ω"), ("w", "w"), ("x", "x")]),
    ],
)
def test_names_that_are_not_ids_never_take_a_later_names_id(text, expected):
    doc = from_expression(text)
    assert leaves(doc) == expected


ascii_names = st.sampled_from(["x", "x1", "x2", "w", "w1", "y", "b"])
other_names = st.sampled_from(["é", "ü", "ω", "名", "π", "α1"])


@given(st.lists(st.one_of(ascii_names, other_names), min_size=1, max_size=8))
def test_any_mix_of_names_builds(names):
    doc = from_expression(" + ".join(names))
    labels = [label for _id, label in leaves(doc)]
    assert labels == list(dict.fromkeys(names))
    for node_id, label in leaves(doc):
        if label.isascii():
            assert node_id == label


def test_names_are_read_as_python_reads_them():
    doc = from_expression("μ*2", values={"µ": 3.0})  # the micro sign is mu to Python
    assert [r.value for r in doc.nodes.values() if r.label == "μ"] == [3.0]


def test_text_that_is_not_utf8_is_a_clear_error():
    with pytest.raises(ExpressionError, match=r"^column 2: not UTF-8 text \(byte 0xff\)$"):
        from_expression("x\udcff + y")


def test_graph_errors_while_building_become_expression_errors(monkeypatch):
    from autograd_studio.graph.errors import DuplicateIdError

    def clash(self, tree):
        raise DuplicateIdError("a node with id 'x' already exists", ("x",))

    monkeypatch.setattr(expression._Builder, "_add_names", clash)
    with pytest.raises(ExpressionError, match="already exists"):
        from_expression("x + y")


def test_cli_import_of_non_utf8_bytes_is_one_line(cli, tmp_path):  # noqa: F811
    out = tmp_path / "g.agraph"
    outcome = cli("import", "-o", out, "x\udcff + y")  # how Python passes byte 0xff
    assert outcome.status == 2
    assert "not UTF-8 text (byte 0xff)" in outcome.err
    assert not out.exists()


def test_cli_import_of_a_name_that_is_not_an_id(cli, tmp_path):  # noqa: F811
    out = tmp_path / "g.agraph"
    outcome = cli("import", "-o", out, "--set", "é=2", "--set", "x=3", "é + x")
    assert outcome.status == 0, outcome.err
    assert cli("run", out).out.splitlines()[-1].split()[-2:] == ["5", "1"]

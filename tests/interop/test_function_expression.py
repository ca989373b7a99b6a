"""New functions from a formula: autograd differentiates the user's operator."""

from __future__ import annotations

import math

import pytest

from autograd_studio.analysis.gradcheck import gradcheck
from autograd_studio.graph import GraphDocument
from autograd_studio.graph.templates import add_template
from autograd_studio.interop.expression import ExpressionError
from autograd_studio.interop.function_expression import function_from_expression


def applied(definition, *values: float) -> tuple[GraphDocument, str, list[str]]:
    doc = GraphDocument()
    node = add_template(doc, definition)
    leaves = [doc.add_node("input", value=v) for v in values]
    for port, leaf in enumerate(leaves):
        doc.connect(leaf, node, port)
    return doc, node, leaves


@pytest.mark.parametrize("x", [-3.0, 0.0, 0.7, 4.0])
def test_softplus_from_its_formula_has_the_sigmoid_as_derivative(x):
    doc, node, (leaf,) = applied(function_from_expression("softplus(x) = log(1 + exp(x))"), x)
    result = doc.evaluate()
    assert result.data[node] == pytest.approx(math.log1p(math.exp(x)), rel=1e-15)
    assert result.grad[leaf] == pytest.approx(1 / (1 + math.exp(-x)), rel=1e-14)
    assert gradcheck(doc, with_torch=False).passed


def test_owned_names_are_the_definitions_and_the_gradient_check_covers_them():
    definition = function_from_expression(
        "leaky(x) = relu(x) - slope*relu(-x)", values={"slope": 0.1}
    )
    assert definition.inputs == ["x"] and definition.parameters() == ["slope"]
    doc, node, (leaf,) = applied(definition, -2.0)
    assert doc.evaluate().data[node] == pytest.approx(-0.2)
    check = gradcheck(doc, with_torch=False)
    assert [p.node_id for p in check.parameters] == [leaf, "@leaky/slope"]
    assert check.passed and check.parameters[1].analytic == -2.0  # d/dslope = -relu(2)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("log(1 + exp(x))", r"write a function as name\(parameters\) = expression"),
        ("exp(x) = x", "'exp' is a built-in op already"),
        ("f(x, y) = x * 2", "the parameter 'y' is not used"),
        ("f(x, x) = x", "listed twice"),
        ("f(x) = x +", "column"),
    ],
)
def test_bad_formulas_get_a_clear_message(text, message):
    with pytest.raises(ExpressionError, match=message):
        function_from_expression(text)

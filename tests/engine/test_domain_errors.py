"""Domain errors give nan/inf as PyTorch (float64) does, values and gradients, and never
raise.  Each case is one registry op; the engine side goes through Node's operators (the
op's ``python`` template) and the PyTorch side through the op's ``torch`` template, with
every operand a leaf that requires grad."""

from __future__ import annotations

import math
import warnings

import pytest

from autograd_studio import Node
from tests.engine.expressions import compile_templates
from tests.requirements import require_torch

NAN, INF = math.nan, math.inf
ENGINE = compile_templates("python", {})

CASES = [
    ("log", (0.0,)),
    ("log", (-1.0,)),
    ("log", (INF,)),
    ("pow", (0.0, -1.0)),  # 0 ** -1
    ("pow", (-0.0, -1.0)),
    ("pow", (0.0, -2.0)),
    ("pow", (0.0, 0.0)),
    ("pow", (0.0, 0.5)),
    ("pow", (-8.0, 1 / 3)),
    ("pow", (-8.0, 3.0)),
    ("pow", (10.0, 400.0)),  # overflow
    ("pow", (0.0, -INF)),  # math.pow raises here before Python 3.11
    ("pow", (-0.0, -INF)),
    ("exp", (1000.0,)),
    ("exp", (-1000.0,)),
    ("div", (1.0, 0.0)),
    ("div", (-1.0, 0.0)),
    ("div", (1.0, -0.0)),
    ("div", (0.0, 0.0)),
    ("mul", (INF, 0.0)),
    ("sub", (INF, INF)),
    ("sigmoid", (-1000.0,)),
    ("sigmoid", (1000.0,)),
    ("sigmoid", (NAN,)),
    ("tanh", (INF,)),
    ("relu", (NAN,)),
    ("relu", (0.0,)),
    ("relu", (-INF,)),
    ("neg", (NAN,)),
]


def same(ours: float, theirs: float) -> bool:
    if math.isnan(theirs) or math.isinf(theirs):
        return repr(ours) == repr(theirs)  # nan, inf and -inf exactly
    return math.isclose(ours, theirs, rel_tol=1e-12, abs_tol=1e-300)


@pytest.mark.parametrize(("name", "operands"), CASES, ids=lambda v: repr(v))
def test_domain_errors_match_pytorch(name, operands):
    torch = require_torch()
    leaves = [Node(x) for x in operands]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no RuntimeWarning either
        out = ENGINE[name](*leaves)
        out.backward()
    tensors = [torch.tensor(x, dtype=torch.float64, requires_grad=True) for x in operands]
    reference = compile_templates("torch", {"torch": torch})[name](*tensors)
    reference.backward()
    assert same(out.data, reference.item()), f"{name}{operands}: {out.data} vs {reference}"
    for i, (leaf, tensor) in enumerate(zip(leaves, tensors, strict=True)):
        theirs = tensor.grad.item()
        assert same(leaf.grad, theirs), f"{name}{operands} d/dx{i}: {leaf.grad} vs {theirs}"


@pytest.mark.parametrize("zero", [0.0, -0.0])
def test_zero_to_minus_infinity_is_infinity_on_every_python(zero):
    # IEEE 754 (and C99's pow, which PyTorch follows): pow(±0, -inf) = +inf.  Python 3.10's
    # math.pow raises ValueError there instead; the engine must not.
    y = Node(zero) ** Node(-INF)
    y.backward()
    assert y.data == INF


def test_the_brief_cases_through_plain_python_operators():
    """The same cases as a user writes them, with Python numbers on one side."""
    x = Node(0.0)
    for y in (x.log(), x**-1, 1 / x, x / x):
        y.backward()
    assert math.isinf((Node(1000.0).exp()).data)
    assert math.isnan((Node(-8.0) ** (1 / 3)).data)
    assert Node(-1000.0).sigmoid().data == 0.0
    r = Node(NAN).relu()
    r.backward()
    assert math.isnan(r.data)
    assert (Node(0.0) ** -1).data == INF
    assert (Node(-1.0).log()).data != (Node(-1.0).log()).data  # nan

"""The PyTorch cross-check builds its graph from the registry's templates."""

from __future__ import annotations

import math

import pytest

from autograd_studio.analysis.torch_check import torch_cross_check, torch_function
from autograd_studio.engine import OPS
from autograd_studio.interop.expression import from_expression
from tests.requirements import require_torch

OPERANDS = {1: (0.7,), 2: (1.3, 0.6)}


@pytest.mark.parametrize("name", list(OPS))
def test_every_registry_template_computes_the_op(name):
    torch = require_torch()
    op = OPS[name]
    values = OPERANDS[op.arity]
    tensors = [torch.tensor(v, dtype=torch.float64) for v in values]
    out = torch_function(op.torch)(torch, *tensors)
    assert out.dtype == torch.float64
    assert math.isclose(out.item(), op.forward(*values), rel_tol=1e-15)


def test_templates_work_on_plain_numbers_too():
    assert torch_function("{0} * {1}")(None, 3.0, 4.0) == 12.0
    assert torch_function("-{0}")(None, 2.5) == -2.5


@pytest.mark.parametrize(
    "template",
    ["__import__('os')", "{0}.grad", "torch.exp({0}, out={1})", "os.system({0})", "[{0}]"],
)
def test_templates_outside_the_grammar_are_refused(template):
    with pytest.raises(ValueError, match="unsupported torch template"):
        torch_function(template)


def test_one_thread_during_the_check_and_the_setting_restored():
    torch = require_torch()
    before = torch.get_num_threads()
    seen = []

    class Spy:
        """torch, recording the thread count whenever a tensor is made."""

        def __getattr__(self, name):
            return getattr(torch, name)

        def tensor(self, *args, **kwargs):
            seen.append(torch.get_num_threads())
            return torch.tensor(*args, **kwargs)

    doc = from_expression("x*y + y", values={"x": 2.0, "y": 3.0})
    check = torch_cross_check(doc, doc.evaluate(), torch=Spy())
    assert check.passed and check.nodes == 4
    assert seen and set(seen) == {1}
    assert torch.get_num_threads() == before


def test_nan_and_inf_agree_with_pytorch():
    require_torch()
    doc = from_expression("log(x) * 0 + log(-x - 1)", values={"x": 0.0})
    result = doc.evaluate()
    assert math.isnan(result.data[doc.output])
    check = torch_cross_check(doc, result)
    assert check.passed, check.mismatches

"""The gradient check at huge magnitudes: a step the output's rounding swallows is
"cannot check numerically", never FAILED; a wrong gradient at sane magnitudes still fails."""

from __future__ import annotations

import dataclasses

from autograd_studio.analysis.gradcheck import gradcheck
from autograd_studio.analysis.report import format_gradcheck
from autograd_studio.engine.ops import OPS
from autograd_studio.interop.expression import from_expression
from tests.requirements import require_torch


def squared_error(target: float):
    return from_expression("(w*x - t)**2", values={"w": 0.5, "x": 2.0, "t": target})


def test_a_huge_target_is_imprecise_not_a_failure():
    result = gradcheck(squared_error(1.23e29), with_torch=False)
    statuses = {p.node_id: p.status for p in result.parameters}
    assert statuses["w"] == "imprecise" and statuses["x"] == "imprecise"
    assert result.passed
    text = format_gradcheck(result)
    assert "cannot check numerically: 2" in text and "FAILED" not in text


def test_the_same_graph_at_a_sane_target_checks_normally():
    result = gradcheck(squared_error(3.0), with_torch=False)
    statuses = {p.node_id: p.status for p in result.parameters}
    assert [statuses[name] for name in ("w", "x", "t")] == ["ok", "ok", "ok"]


def test_a_wrong_derivative_at_a_sane_magnitude_still_fails(monkeypatch):
    def wrong(out, a, b):
        return b * 1.01, a

    monkeypatch.setitem(OPS, "mul", dataclasses.replace(OPS["mul"], local=wrong, chain=None))
    result = gradcheck(squared_error(3.0), with_torch=False)
    assert not result.passed
    assert "imprecise" not in {p.status for p in result.parameters}


def test_pytorch_agrees_at_the_huge_target():
    require_torch()
    result = gradcheck(squared_error(1.23e29), with_torch=True)
    assert result.torch is not None and result.torch.available and result.torch.passed
    assert result.passed

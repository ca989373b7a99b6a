"""``gradcheck(cancel=...)``: the editor's worker stops a check between inputs and weights."""

from __future__ import annotations

import pytest

from autograd_studio.analysis.gradcheck import GradCheckCancelled, gradcheck
from autograd_studio.interop.expression import from_expression


def test_cancel_stops_the_check_between_parameters():
    doc = from_expression("a*b + b*c + c*d", values={"a": 1.0, "b": 2.0, "c": 3.0, "d": 4.0})
    calls = []

    def cancel():
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(GradCheckCancelled):
        gradcheck(doc, with_torch=False, cancel=cancel)
    assert len(calls) == 3  # asked before each parameter; stopped before the third


def test_a_cancel_that_never_fires_changes_nothing():
    doc = from_expression("a*b + b*c", values={"a": 1.0, "b": 2.0, "c": 3.0})
    plain = gradcheck(doc, with_torch=False)
    assert gradcheck(doc, with_torch=False, cancel=lambda: False).parameters == plain.parameters

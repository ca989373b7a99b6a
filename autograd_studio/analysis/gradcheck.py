"""The gradient check: analytic gradients against central finite differences (and PyTorch).

For every input and weight ``p`` of a document (or a deterministic sample of them on a big
graph), the output is evaluated at ``p + h`` and ``p - h`` and the central difference
``(f(p+h) - f(p-h)) / 2h`` is compared with the analytic ``d output / d p`` from backward.
With ``h = STEP * max(1, |p|)`` (1e-6) both the truncation error (~h²) and the rounding
error (~1e-16/h) stay near 1e-10, far inside the tolerance, while a wrong local derivative
is off by a sizeable fraction of the gradient.

A kink (ReLU at 0) or a domain edge (log near 0) inside ``[p-h, p+h]`` makes the central
difference meaningless there; the check then looks at the one-sided differences: when they
disagree with each other (the function is not smooth at this scale) and the analytic value
matches one of them, the entry is ``kink`` rather than ``fail``.  Where the difference
itself is nan or inf (the output is undefined within the step), the entry is ``undefined``:
finite differences cannot judge it (the PyTorch cross-check still does).  Where they
disagree by less than the output's rounding can account for (a loss of 1e58: the step is
swallowed), the entry is ``imprecise``: it cannot be checked numerically.  Only ``fail``
fails the check.

The result is a plain data structure (:class:`GradCheckResult`) that the command line prints
and the editor's gradient-check panel shows.  To check gradients from somewhere else (your
own engine, or a deliberately broken derivative in a test) pass them as *grads*.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from autograd_studio.analysis.torch_check import TorchCheck, torch_cross_check
from autograd_studio.graph.document import GraphDocument
from autograd_studio.graph.evaluate import EvaluationResult, evaluate, run_forward
from autograd_studio.graph.naming import node_name
from autograd_studio.graph.plan import plan_for
from autograd_studio.messages import Message

__all__ = [
    "ATOL",
    "DEFAULT_LIMIT",
    "RTOL",
    "STEP",
    "GradCheckCancelled",
    "GradCheckError",
    "GradCheckResult",
    "ParameterCheck",
    "gradcheck",
    "sample_parameters",
]

#: The finite-difference step, relative to max(1, |value|).
STEP = 1e-6
#: An entry passes when |analytic - numeric| <= ATOL + RTOL * max(|analytic|, |numeric|).
ATOL = 1e-6
RTOL = 1e-5
#: At a kink, the one-sided differences (error ~h) are compared this loosely.
KINK_RTOL = 1e-3
#: Without an explicit limit, at most this many inputs and weights are checked.
DEFAULT_LIMIT = 64


class GradCheckError(ValueError):
    """The document cannot be checked (no output, or the output has no value)."""


class GradCheckCancelled(Exception):
    """The *cancel* callback of :func:`gradcheck` asked it to stop."""


@dataclass(frozen=True)
class ParameterCheck:
    """The check of one input or weight.

    ``status`` is ``ok`` (central difference agrees), ``kink`` (the function is not
    smooth here and the analytic value matches a one-sided difference), ``undefined``
    (the finite difference is nan/inf: the output is undefined within the step),
    ``imprecise`` (they disagree, but by less than rounding alone can move the difference:
    at huge magnitudes the step is lost in the output, so it cannot be checked
    numerically) or ``fail``.
    """

    node_id: str
    label: str
    kind: str
    value: float
    analytic: float
    numeric: float
    abs_error: float
    rel_error: float
    status: str

    @property
    def passed(self) -> bool:
        return self.status != "fail"


@dataclass
class GradCheckResult:
    """Everything a report needs: the entries, what was sampled, the PyTorch comparison.

    ``torch`` is None when the cross-check was not asked for; otherwise a
    :class:`~autograd_studio.analysis.torch_check.TorchCheck` (``available`` False, with a
    ``reason``, when torch is missing; that does not fail the check).
    """

    output: str
    output_value: float
    parameters: list[ParameterCheck]
    total_parameters: int
    step: float = STEP
    atol: float = ATOL
    rtol: float = RTOL
    torch: TorchCheck | None = None
    evaluation: EvaluationResult | None = field(default=None, repr=False)

    @property
    def sampled(self) -> bool:
        """True when only some of the inputs and weights were checked."""
        return len(self.parameters) < self.total_parameters

    @property
    def failures(self) -> list[ParameterCheck]:
        return [entry for entry in self.parameters if not entry.passed]

    @property
    def passed(self) -> bool:
        """No finite-difference failure, and PyTorch agrees wherever it ran."""
        torch_ok = self.torch is None or not self.torch.available or self.torch.passed
        return not self.failures and torch_ok


def gradcheck(
    doc: GraphDocument,
    *,
    limit: int | None = DEFAULT_LIMIT,
    grads: Mapping[str, float | None] | None = None,
    with_torch: bool = True,
    step: float = STEP,
    atol: float = ATOL,
    rtol: float = RTOL,
    cancel: Callable[[], bool] | None = None,
) -> GradCheckResult:
    """Check the gradients of ``doc.output`` with respect to every input and weight.

    *limit* bounds how many inputs and weights are checked (``None`` or 0: all); a larger
    graph is sampled evenly and deterministically (:func:`sample_parameters`).  *grads*
    replaces the analytic gradients that ``doc.evaluate()`` gives (to check another
    engine's, or a broken one's).  With *with_torch*, PyTorch recomputes every data and
    grad when it can be imported.  The document is not modified (the finite differences
    run on a copy), so observers see nothing.  *cancel* is called between the inputs and
    weights; once it returns True the check raises :class:`GradCheckCancelled` (the editor
    runs the check on a worker thread).

    >>> from autograd_studio.interop.expression import from_expression
    >>> gradcheck(from_expression("x*x + 3*x", values={"x": 2.0}), with_torch=False).passed
    True
    """
    output = doc.output
    if output is None:
        raise GradCheckError(Message("check-no-output"))
    evaluation = evaluate(doc)
    output_value = evaluation.data.get(output)
    if output_value is None:
        reasons = [p.message for ps in evaluation.problems.values() for p in ps]
        name = repr(node_name(doc, output))
        if reasons:
            raise GradCheckError(Message("check-output-no-value-why", name, reasons[0]))
        raise GradCheckError(Message("check-output-no-value", name))
    analytic = evaluation.grad if grads is None else grads
    probe = _Probe(doc, output)
    leaves = [nid for nid, record in doc.nodes.items() if not record.computed]
    leaves += [nid for nid in probe.leaves if nid.startswith("@")]  # functions' own weights
    chosen = sample_parameters(leaves, limit)
    entries = []
    for nid in chosen:
        if cancel is not None and cancel():
            raise GradCheckCancelled("gradient check cancelled")
        entries.append(
            _check_one(doc, nid, analytic.get(nid), probe, output_value, step, atol, rtol)
        )
    if cancel is not None and cancel():
        raise GradCheckCancelled("gradient check cancelled")
    torch = torch_cross_check(doc, evaluation, analytic) if with_torch else None
    return GradCheckResult(
        output=output,
        output_value=output_value,
        parameters=entries,
        total_parameters=len(leaves),
        step=step,
        atol=atol,
        rtol=rtol,
        torch=torch,
        evaluation=evaluation,
    )


def sample_parameters(ids: list[str], limit: int | None) -> list[str]:
    """*ids* when there are at most *limit*, else *limit* of them evenly spread (first and
    last included), in their original order."""
    if not limit or len(ids) <= limit:
        return list(ids)
    if limit == 1:
        return [ids[0]]
    picks = sorted({round(i * (len(ids) - 1) / (limit - 1)) for i in range(limit)})
    return [ids[i] for i in picks]


class _Probe:
    """The output's value with one leaf moved.

    Runs the document's compiled plan (one flat loop, no dicts, no problem reports) over
    private copies of the leaf records, so the document itself never changes and its
    observers (the editor) see nothing.
    """

    def __init__(self, doc: GraphDocument, output: str) -> None:
        plan = plan_for(doc)
        self.leaves = {plan.ids[i]: dataclasses.replace(record) for i, record in plan.leaves}
        private = [(i, self.leaves[plan.ids[i]]) for i, _record in plan.leaves]
        self.plan = dataclasses.replace(plan, leaves=private)
        self.output = plan.index[output]

    def __call__(self, node_id: str, value: float) -> float:
        record = self.leaves[node_id]
        original = record.value
        record.value = value
        try:
            return run_forward(self.plan)[self.output]
        finally:
            record.value = original


def _check_one(
    doc: GraphDocument,
    node_id: str,
    analytic: float | None,
    probe: _Probe,
    f0: float,
    step: float,
    atol: float,
    rtol: float,
) -> ParameterCheck:
    # "@neuron/w1": weight w1 that every instance of the function neuron shares
    record = doc.nodes.get(node_id) or probe.leaves[node_id]
    x = record.value
    h = step * max(1.0, abs(x))
    f_plus, f_minus = probe(node_id, x + h), probe(node_id, x - h)
    numeric = (f_plus - f_minus) / (2 * h)
    forward, backward = (f_plus - f0) / h, (f0 - f_minus) / h
    a = math.nan if analytic is None else float(analytic)
    smooth = _close(forward, backward, atol, KINK_RTOL)
    if _close(a, numeric, atol, rtol):
        status = "ok" if smooth else "kink"
    elif not math.isfinite(numeric):
        status = "undefined"  # a domain edge within h (log near 0): differences say nothing
    elif not smooth and any(_close(a, d, atol, KINK_RTOL) for d in (forward, backward)):
        status = "kink"
    elif _rounding_noise(x, h, f_plus, f_minus, f0) > atol + rtol * max(abs(a), abs(numeric)):
        status = "imprecise"  # the step is lost in the output's rounding: cannot judge
    else:
        status = "fail"
    abs_error = abs(a - numeric)
    scale = max(abs(a), abs(numeric))
    # max() skips a nan scale (comparisons with nan are False), so nan is kept by hand.
    rel_error = abs_error / scale if scale > 0 else (math.nan if math.isnan(abs_error) else 0.0)
    return ParameterCheck(
        node_id=node_id,
        label=record.label if node_id in doc.nodes else node_id[1:],
        kind=record.kind,
        value=x,
        analytic=a,
        numeric=numeric,
        abs_error=abs_error,
        rel_error=rel_error,
        status=status,
    )


def _rounding_noise(x: float, h: float, f_plus: float, f_minus: float, f0: float) -> float:
    """How far rounding alone can move the central difference.

    Each output carries a rounding error of a few ulps of its size (more after many ops),
    and the step itself is rounded where x is huge ((x + h) - x need not be h).  At a loss
    of 1.5e58 (a target of 1.23e29) an ulp is 2e42: divided by 2e-6 that is 1e48, however
    right the gradient is.  The factor 64 covers the operations behind the output.
    """
    scale = max(abs(f_plus), abs(f_minus), abs(f0))
    step_error = abs(((x + h) - (x - h)) - 2 * h) / (2 * h)  # relative error of the step
    return 64 * math.ulp(scale) / (2 * h) + step_error * abs((f_plus - f_minus) / (2 * h))


def _close(a: float, b: float, atol: float, rtol: float) -> bool:
    # NaN compares False, so nan never "agrees"; inf agrees with the same inf only.
    if math.isinf(a) or math.isinf(b):
        return a == b
    return abs(a - b) <= atol + rtol * max(abs(a), abs(b))

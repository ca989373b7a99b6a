"""A :class:`~autograd_studio.analysis.gradcheck.GradCheckResult` as text, for the terminal.

The table uses the same column formatter as ``autograd-studio run``
(:mod:`autograd_studio.interop.table`).
"""

from __future__ import annotations

from autograd_studio.analysis.gradcheck import GradCheckResult
from autograd_studio.analysis.torch_check import TorchCheck
from autograd_studio.interop.table import format_columns
from autograd_studio.numbers import table_number

__all__ = ["MAX_MISMATCH_LINES", "format_gradcheck"]

#: At most this many PyTorch disagreements are listed one per line.
MAX_MISMATCH_LINES = 10


def format_gradcheck(result: GradCheckResult) -> str:
    """The check as a few lines: a heading, one row per input/weight, PyTorch, a verdict."""
    checked = len(result.parameters)
    lines = [
        f"gradient check of {result.output} = {table_number(result.output_value)} "
        f"with respect to {result.total_parameters} inputs and weights",
        f"central differences with step {result.step:g}·max(1, |value|); "
        f"pass when |analytic - numeric| <= {result.atol:g} + {result.rtol:g}·|grad|",
    ]
    if result.sampled:
        lines.append(
            f"checking {checked} of {result.total_parameters} inputs and weights "
            "(an even sample, first and last included)"
        )
    rows = [
        (
            p.node_id,
            p.label,
            p.kind,
            table_number(p.value),
            table_number(p.analytic),
            table_number(p.numeric),
            table_number(p.abs_error, 2),
            table_number(p.rel_error, 2),
            p.status,
        )
        for p in result.parameters
    ]
    header = ("id", "label", "kind", "value", "analytic", "numeric", "abs err", "rel err", "result")
    lines.append(format_columns(header, rows, right=(3, 4, 5, 6, 7)))
    imprecise = sum(p.status == "imprecise" for p in result.parameters)
    if imprecise:
        lines.append(
            f"cannot check numerically: {imprecise} ({'it' if imprecise == 1 else 'they'} "
            "differ by less than the output's rounding can account for; the step is lost "
            "at this magnitude)"
        )
    if result.torch is not None:
        lines.extend(_torch_lines(result.torch))
    lines.append(_verdict(result))
    return "\n".join(lines)


def _torch_lines(torch: TorchCheck) -> list[str]:
    if not torch.available:
        return [f"PyTorch cross-check skipped: {torch.reason}"]
    head = f"PyTorch {torch.version} (float64) on {torch.nodes} nodes: "
    if torch.passed:
        return [head + f"data and grad agree (largest difference {torch.max_abs_error:.2g})"]
    lines = [head + f"{len(torch.mismatches)} value(s) differ"]
    for m in torch.mismatches[:MAX_MISMATCH_LINES]:
        lines.append(
            f"  {m.node_id} ({m.label}) {m.quantity}: ours {table_number(m.ours)}, "
            f"PyTorch {table_number(m.torch)}"
        )
    if len(torch.mismatches) > MAX_MISMATCH_LINES:
        lines.append(f"  ... and {len(torch.mismatches) - MAX_MISMATCH_LINES} more")
    return lines


def _verdict(result: GradCheckResult) -> str:
    counts: dict[str, int] = {}
    for p in result.parameters:
        counts[p.status] = counts.get(p.status, 0) + 1
    summary = ", ".join(f"{n} {status}" for status, n in counts.items())
    if result.passed:
        return f"passed ({summary})"
    problems = []
    if result.failures:
        problems.append(f"{len(result.failures)} gradient(s) differ from finite differences")
    if result.torch is not None and result.torch.available and result.torch.mismatches:
        problems.append(f"{len(result.torch.mismatches)} value(s) differ from PyTorch")
    return f"FAILED: {'; '.join(problems)}"

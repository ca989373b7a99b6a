"""Reverse mode and forward mode side by side: "d what, with respect to what".

For a pair (target, wrt), reverse mode's d(target)/d(wrt) is ``grad[wrt]`` of a backward
pass rooted at the target; forward mode's is ``tangent[target]`` of a forward pass seeded
at wrt.  They are the same number up to rounding (the two modes multiply the same local
derivatives in opposite orders), so a difference beyond rounding is a bug worth showing.

What differs is the cost of the whole gradient: reverse mode gets d(target)/d(every input)
in one backward pass, forward mode needs one pass per input.  :class:`ModeComparison`
counts both on the current graph, which is why backpropagation is reverse mode.

The per-document choice (which mode the editor shows, the target, the wrt node) is kept in
the file as the optional top-level ``derivatives`` field (docs/file-format.md); a value
that does not make sense is ignored, never an error, since it only chooses a view.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from autograd_studio.graph.document import GraphDocument
    from autograd_studio.graph.evaluate import EvaluationResult

__all__ = [
    "FORWARD",
    "REVERSE",
    "DerivativeChoice",
    "ModeComparison",
    "compare_modes",
    "derivative_choice",
    "set_derivative_choice",
]

REVERSE = "reverse"
FORWARD = "forward"
#: The file's field (a top-level section of format version 2).
FIELD = "derivatives"
#: Beyond rounding: |reverse - forward| > ATOL + RTOL * max(|reverse|, |forward|).
RTOL = 1e-9
ATOL = 1e-12


@dataclass(frozen=True)
class DerivativeChoice:
    """Which mode a document is shown in, and the pair it differentiates.

    ``target`` ``None`` means the document's output; ``wrt`` ``None``: not chosen yet.
    """

    mode: str = REVERSE
    target: str | None = None
    wrt: str | None = None


def derivative_choice(doc: GraphDocument) -> DerivativeChoice:
    """The choice saved with *doc*; ids that are no longer in it are dropped."""
    raw: Any = doc.metadata.get(FIELD)
    if not isinstance(raw, dict):
        return DerivativeChoice()
    mode = raw.get("mode") if raw.get("mode") in (REVERSE, FORWARD) else REVERSE
    target = raw.get("target") if raw.get("target") in doc.nodes else None
    wrt = raw.get("wrt") if raw.get("wrt") in doc.nodes else None
    return DerivativeChoice(mode, target, wrt)  # type: ignore[arg-type]


def set_derivative_choice(doc: GraphDocument, choice: DerivativeChoice) -> None:
    """Keep *choice* in *doc*'s metadata (written on save); the default leaves no field."""
    if choice == DerivativeChoice():
        doc.metadata.pop(FIELD, None)
        return
    field = {"mode": choice.mode}
    if choice.target is not None:
        field["target"] = choice.target
    if choice.wrt is not None:
        field["wrt"] = choice.wrt
    doc.metadata[FIELD] = field


@dataclass(frozen=True)
class ModeComparison:
    """Both modes' d(target)/d(wrt) and what each costs for the whole gradient.

    ``reverse``/``forward`` are ``None`` where the target does not depend on wrt (or has
    no value); ``inputs`` counts the inputs and weights the target depends on: forward mode
    needs one pass per input, reverse mode one pass for all of them.
    """

    target: str
    wrt: str
    reverse: float | None
    forward: float | None
    inputs: int

    reverse_passes: int = 1

    @property
    def forward_passes(self) -> int:
        return self.inputs

    @property
    def agree(self) -> bool:
        """Equal up to rounding (nan with nan, inf with the same inf, None with None)."""
        a, b = self.reverse, self.forward
        if a is None or b is None:
            return a is b
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        if math.isinf(a) or math.isinf(b):
            return a == b
        return abs(a - b) <= ATOL + RTOL * max(abs(a), abs(b))


def compare_modes(
    doc: GraphDocument,
    target: str,
    wrt: str,
    reverse: EvaluationResult | None = None,
    forward: EvaluationResult | None = None,
) -> ModeComparison:
    """Run (or take) both passes for the pair and compare.  When given, *reverse* must come
    from ``doc.evaluate(target=target)`` (so "no influence" is ``None``, not 0.0) and
    *forward* from ``doc.evaluate(wrt=wrt)``."""
    if reverse is None:
        reverse = doc.evaluate(target=target)
    if forward is None:
        forward = doc.evaluate(wrt=wrt)
    grads = reverse.grad
    by_reverse = grads.get(wrt)
    by_forward = forward.tangent.get(target) if forward.tangent is not None else None
    inputs = sum(
        1 for nid, record in doc.nodes.items() if record.op is None and grads.get(nid) is not None
    )
    return ModeComparison(target, wrt, by_reverse, by_forward, inputs)

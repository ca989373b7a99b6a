"""Reading a number a person typed, the same way wherever they type it.

The inspector's value field and the canvas's in-place editor both take values through
:func:`parse_value`, so ``2,5`` or the ``−`` the canvas shows work in either place.
"""

from __future__ import annotations

import math

__all__ = ["parse_value"]


def parse_value(text: str) -> float:
    """The float a user typed: ``0.5``, ``-3``, ``1e-4``, ``2,5`` (a decimal comma).

    Raises ``ValueError`` with a sentence fit for the user on anything else, including
    ``nan`` and ``inf``, which the document refuses as values.
    """
    stripped = text.strip()
    if not stripped:
        raise ValueError("Type a number, such as 0.5, -3 or 1e-4.")
    candidate = stripped.replace("−", "-")  # the minus sign the palette and canvas show
    if candidate.count(",") == 1 and "." not in candidate:
        candidate = candidate.replace(",", ".")
    try:
        value = float(candidate)
    except ValueError:
        raise ValueError(f"“{stripped}” is not a number. Try 0.5, -3 or 1e-4.") from None
    if not math.isfinite(value):
        raise ValueError(f"A value must be a finite number, not {stripped}.")
    return value

"""How numbers are shown to a person, everywhere: canvas, panels, CLI tables, exports.

Two formats, one "no value" glyph, one negative-zero rule:

- :func:`canvas_number`: the editor's ``data``/``grad`` (canvas cards, inspector summary,
  status bar, chain-rule lines, DOT labels): fixed decimals, scientific where fixed
  decimals would hide the number or run wide.
- :func:`table_number`: the plain-text tables (``autograd-studio run``, exported scripts):
  significant digits.  Its source is pasted into exported scripts, so it is self-contained.
- :data:`NO_VALUE`: what the editor shows where a number is missing; the plain-text tables
  write :data:`TABLE_NO_VALUE` (ASCII, so terminals and diffs stay simple).
- Negative zero reads as zero (:func:`unsigned_zero`): engines differ in the sign of a zero
  gradient, and it means nothing to a reader.

Nothing here imports anything of the package: every layer may use it.
"""

from __future__ import annotations

import math

__all__ = [
    "FIXED_RANGE",
    "NO_VALUE",
    "TABLE_NO_VALUE",
    "canvas_number",
    "shown_number",
    "table_number",
    "unsigned_zero",
]

#: Where the editor shows a number that is not there (an op not wired up, no Backward yet).
NO_VALUE = "—"
#: The same in plain-text tables.
TABLE_NO_VALUE = "-"
#: Magnitudes shown with fixed decimals; outside it a number switches to scientific form (as
#: many significant digits as *digits*), so that ``1e-07`` does not read as ``0.0000`` and
#: ``1e+20`` does not run out of an op card: neither form is longer than ``-9999.9999``.
FIXED_RANGE = (1e-4, 1e4)


def unsigned_zero(value: float) -> float:
    """*value*, with ``-0.0`` read as ``0.0``."""
    return value + 0.0


def canvas_number(value: float, digits: int = 4) -> str:
    """``data``/``grad`` as the editor shows them: fixed decimals, scientific where fixed
    decimals would hide the number or run wide, nan and inf spelled out.

    >>> canvas_number(0.5), canvas_number(2.5e-7), canvas_number(1e20), canvas_number(-0.0)
    ('0.5000', '2.500e-07', '1.000e+20', '0.0000')
    """
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    value = unsigned_zero(value)
    if value != 0.0 and not FIXED_RANGE[0] <= abs(value) < FIXED_RANGE[1]:
        return f"{value:.{max(digits - 1, 0)}e}"
    return f"{value:.{digits}f}"


def shown_number(value: float | None, digits: int = 4) -> str:
    """:func:`canvas_number`, or :data:`NO_VALUE` for ``None``."""
    return NO_VALUE if value is None else canvas_number(value, digits)


def table_number(value: float | None, digits: int = 6) -> str:
    """A number as the plain-text tables show it: ``digits`` significant digits, ``-``
    (:data:`TABLE_NO_VALUE`) for None, negative zero as ``0``."""
    if value is None:
        return "-"
    return format(float(value) + 0.0, f".{digits}g")  # + 0.0 turns -0.0 into 0.0

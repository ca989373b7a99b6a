"""Reading a number a person typed, the same way wherever they type it.

The inspector's value field and the canvas's in-place editor both take values through
:func:`parse_value`, so ``2,5`` or the ``−`` the canvas shows work in either place.
"""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QCoreApplication

__all__ = ["parse_value"]


def parse_value(text: str) -> float:
    """The float a user typed: ``0.5``, ``-3``, ``1e-4``, ``2,5`` (a decimal comma).

    Raises ``ValueError`` with a sentence fit for the user on anything else, including
    ``nan`` and ``inf``, which the document refuses as values, ``1,000`` (a thousand, or
    1.0 with a decimal comma?) and ``1e-400`` (it would silently become 0).
    """
    stripped = text.strip()
    if not stripped:
        raise ValueError(
            QCoreApplication.translate("ValueText", "Type a number, such as 0.5, -3 or 1e-4.")
        )
    candidate = stripped.replace("−", "-")  # the minus sign the palette and canvas show
    if candidate.count(",") == 1 and "." not in candidate:
        if _THOUSANDS.match(candidate):  # 1,000: a thousand, or 1.0 with a decimal comma?
            text = QCoreApplication.translate(
                "ValueText",
                "“{0}” could mean a thousand or a decimal: type it without the comma ({1}) "
                "or with a point ({2}).",
            )
            raise ValueError(
                text.format(stripped, candidate.replace(",", ""), candidate.replace(",", "."))
            )
        candidate = candidate.replace(",", ".")
    try:
        value = float(candidate)
    except ValueError:
        text = QCoreApplication.translate(
            "ValueText", "“{0}” is not a number. Try 0.5, -3 or 1e-4."
        )
        raise ValueError(text.format(stripped)) from None
    if not math.isfinite(value):
        text = QCoreApplication.translate("ValueText", "A value must be a finite number, not {0}.")
        raise ValueError(text.format(stripped))
    if value == 0.0 and _NONZERO_DIGIT.search(candidate.lower().split("e")[0]):
        text = QCoreApplication.translate(
            "ValueText",
            "“{0}” is too small for a 64-bit float (it would be stored as 0); "
            "the smallest is about 5e-324.",
        )
        raise ValueError(text.format(stripped))
    return value


# A comma then exactly three digits after a non-zero whole part: "1,000", "-12,500".
_THOUSANDS = re.compile(r"[+-]?0*[1-9]\d{0,2},\d{3}\Z")
_NONZERO_DIGIT = re.compile(r"[1-9]")

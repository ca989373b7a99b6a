"""One number presentation for the whole house: the canvas format, the table format, the
"no value" glyph and negative zero."""

from __future__ import annotations

import math

from autograd_studio.interop.table import table_source
from autograd_studio.numbers import (
    NO_VALUE,
    TABLE_NO_VALUE,
    canvas_number,
    shown_number,
    table_number,
    unsigned_zero,
)


def test_canvas_number():
    assert canvas_number(math.nan) == "nan"
    assert canvas_number(-math.inf) == "-inf"
    assert canvas_number(0.5) == "0.5000"
    assert canvas_number(-0.0) == "0.0000"
    assert canvas_number(2.5e-7) == "2.500e-07"  # not 0.0000
    assert canvas_number(-1e20) == "-1.000e+20"  # not 21 digits
    assert canvas_number(9999.5) == "9999.5000"
    assert canvas_number(10000.0) == "1.000e+04"


def test_no_value_and_negative_zero_are_spelled_once():
    assert shown_number(None) == NO_VALUE == "—"
    assert shown_number(-0.0) == "0.0000"
    assert table_number(None) == TABLE_NO_VALUE == "-"
    assert table_number(-0.0) == "0"
    assert math.copysign(1.0, unsigned_zero(-0.0)) == 1.0
    assert unsigned_zero(-2.0) == -2.0


def test_the_table_format_pastes_into_scripts_on_its_own():
    namespace: dict = {}
    exec(table_source(), namespace)  # what an exported script defines
    assert namespace["table_number"](1 / 3, 2) == table_number(1 / 3, 2) == "0.33"

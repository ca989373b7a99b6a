"""The data/grad table that ``autograd-studio run`` and the exported scripts print.

There is one definition of the table: the functions below.  ``run`` calls them; the code
exporters copy their source text into every generated script (:data:`TABLE_FUNCTIONS`,
:func:`table_source`), so an exported script is standalone (it needs no Autograd Studio to
print) and still prints exactly what ``run`` prints.  For that reason the functions use
only built-ins: no imports, no module-level names other than each other.

A row is ``(id, label, kind, op, data, grad)``; ``op`` is ``""`` for inputs and weights,
``data``/``grad`` are floats or ``None`` (not computable, e.g. an unconnected input).
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING

from autograd_studio.numbers import table_number

if TYPE_CHECKING:
    from autograd_studio.graph.document import GraphDocument
    from autograd_studio.graph.evaluate import EvaluationResult

__all__ = [
    "TABLE_FUNCTIONS",
    "document_rows",
    "format_columns",
    "format_table",
    "table_source",
]

Row = tuple[str, str, str, str, "float | None", "float | None"]


def format_columns(header: tuple, rows: list, right: tuple = ()) -> str:
    """Align *rows* (sequences of strings) under *header*; columns in *right* align right.

    Control characters in cells are escaped so that a strange label cannot break a line;
    CJK characters and emoji count as two terminal columns, so such labels stay aligned.
    """

    def clean(cell):
        text = str(cell)
        if text.isprintable():
            return text
        return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)

    wide = (  # East Asian wide and fullwidth blocks, and the emoji pictographs
        (0x1100, 0x115F), (0x2E80, 0x303E), (0x3041, 0x33FF), (0x3400, 0x4DBF),
        (0x4E00, 0x9FFF), (0xA000, 0xA4CF), (0xAC00, 0xD7A3), (0xF900, 0xFAFF),
        (0xFE30, 0xFE4F), (0xFF00, 0xFF60), (0xFFE0, 0xFFE6), (0x1F300, 0x1F64F),
        (0x1F900, 0x1F9FF), (0x20000, 0x3FFFD),
    )  # fmt: skip

    def width(text):
        if text.isascii():
            return len(text)
        return sum(2 if any(lo <= ord(c) <= hi for lo, hi in wide) else 1 for c in text)

    # Column by column, with C-level map/join doing the per-cell work (65,818 rows).
    padded = []
    for i, cells in enumerate(zip(header, *rows, strict=True)):
        column = list(map(str, cells))
        text = "".join(column)
        if text.isascii() and text.isprintable():  # the common case, settled in one call
            size = max(map(len, column))
            pad = str.rjust if i in right else str.ljust
            padded.append(list(map(pad, column, [size] * len(column))))
            continue
        column = [clean(cell) for cell in column]
        sizes = [width(cell) for cell in column]
        size = max(sizes)
        padded.append(
            [
                " " * (size - n) + cell if i in right else cell + " " * (size - n)
                for cell, n in zip(column, sizes, strict=True)
            ]
        )
    return "\n".join("  ".join(line).rstrip() for line in zip(*padded, strict=True))


def format_table(rows: list) -> str:
    """The data/grad table for ``(id, label, kind, op, data, grad)`` rows, one per node."""
    cells = [
        (node_id, label, kind, op, table_number(data), table_number(grad))
        for node_id, label, kind, op, data, grad in rows
    ]
    return format_columns(("id", "label", "kind", "op", "data", "grad"), cells, right=(4, 5))


#: The functions an exported script needs, in definition order.
TABLE_FUNCTIONS = (table_number, format_columns, format_table)


def document_rows(doc: GraphDocument, result: EvaluationResult) -> list[Row]:
    """The table's rows for *doc* evaluated as *result*: every node, in document order
    (the file's order, which a save and load keep)."""
    ids = list(doc.nodes)
    data, grad = result.data, result.grad
    # The results list their values in document order: read them in one walk, not by id.
    datas = list(data.values()) if list(data) == ids else [data.get(n) for n in ids]
    grads = list(grad.values()) if list(grad) == ids else [grad.get(n) for n in ids]
    return [
        (node_id, record.label, record.kind, record.op or record.function or "", d, g)
        for (node_id, record), d, g in zip(doc.nodes.items(), datas, grads, strict=True)
    ]


def table_source() -> str:
    """The source text of :data:`TABLE_FUNCTIONS`, for pasting into a generated script."""
    return "\n\n".join(inspect.getsource(function) for function in TABLE_FUNCTIONS)

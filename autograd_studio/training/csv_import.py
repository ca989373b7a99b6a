"""Reading a dataset from CSV: a header row of column names, then rows of numbers.

Every problem is one :class:`~autograd_studio.training.datasets.DatasetError` that names
the file, the row (as a spreadsheet numbers it: the header is row 1) and the column::

    points.csv: row 4, column 'x2': 'abc' is not a number

Blank lines are skipped; the delimiter is sniffed (comma, semicolon, tab); a value that is
not a finite number, or a row with too few or too many values, is refused, never guessed.
"""

from __future__ import annotations

import csv
import io
import math
import os
from pathlib import Path

import numpy as np

from autograd_studio.messages import Message
from autograd_studio.training.datasets import Dataset, DatasetError

__all__ = ["read_csv", "read_csv_text"]


def read_csv(path: str | os.PathLike[str]) -> Dataset:
    """The dataset in the CSV file at *path*."""
    name = os.fspath(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise DatasetError(Message("csv-cannot-read", name, exc.strerror or str(exc))) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DatasetError(Message("csv-not-utf8", name)) from None
    return read_csv_text(text, name=name)


def read_csv_text(text: str, name: str = "CSV") -> Dataset:
    """The dataset in CSV *text*; *name* prefixes error messages."""
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        raise DatasetError(Message("csv-empty", name))
    try:
        dialect: type[csv.Dialect] | str = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = "excel"
    rows = list(csv.reader(io.StringIO(text), dialect))
    numbered = [(n, row) for n, row in enumerate(rows, start=1) if any(c.strip() for c in row)]
    header_at, header = numbered[0]
    columns = [c.strip() for c in header]
    for k, column in enumerate(columns):
        if not column:
            raise DatasetError(Message("csv-unnamed-column", name, str(header_at), str(k + 1)))
        if _number(column) is not None:
            raise DatasetError(Message("csv-numbers-in-header", name, str(header_at), repr(column)))
    if len(set(columns)) != len(columns):
        twice = next(c for c in columns if columns.count(c) > 1)
        raise DatasetError(Message("csv-column-twice", name, str(header_at), repr(twice)))
    table: list[list[float]] = []
    for n, row in numbered[1:]:
        if len(row) != len(columns):
            raise DatasetError(
                Message("csv-row-length", name, str(n), str(len(columns)), str(len(row)))
            )
        values = []
        for column, cell in zip(columns, row, strict=True):
            value = _number(cell.strip())
            if value is None:
                raise DatasetError(
                    Message("csv-not-a-number", name, str(n), repr(column), repr(cell))
                )
            if not math.isfinite(value):
                raise DatasetError(
                    Message("csv-not-finite", name, str(n), repr(column), repr(cell))
                )
            values.append(value)
        table.append(values)
    if not table:
        raise DatasetError(Message("csv-no-rows", name))
    return Dataset(columns, np.array(table, dtype=np.float64))


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None

"""Dataset generators and CSV import."""

from __future__ import annotations

import numpy as np
import pytest

from autograd_studio.training import GENERATORS, DatasetError, generate, read_csv, read_csv_text


@pytest.mark.parametrize("name", list(GENERATORS))
def test_generators_are_deterministic_and_shaped(name):
    a = generate(name, rows=30, noise=0.2, seed=4)
    b = generate(name, rows=30, noise=0.2, seed=4)
    c = generate(name, rows=30, noise=0.2, seed=5)
    assert a == b
    assert not np.array_equal(a.rows, c.rows)
    assert a.rows.shape == (30, len(a.columns))
    assert np.all(np.isfinite(a.rows))
    assert a.generator.name == name
    if name != "line":
        assert a.columns == ["x1", "x2", "y"]
        assert set(a.column("y").tolist()) == {-1.0, 1.0}


def test_noise_zero_gives_the_clean_shape():
    line = generate("line", rows=10, noise=0.0)
    assert line.column("y") == pytest.approx(0.8 * line.column("x") - 0.3)
    circles = generate("circles", rows=10, noise=0.0)
    radius = np.hypot(circles.column("x1"), circles.column("x2"))
    assert sorted(set(np.round(radius, 12).tolist())) == [0.5, 1.0]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "nope"}, "no generator called 'nope'"),
        ({"name": "moons", "rows": 0}, "at least one row"),
        ({"name": "moons", "noise": -1.0}, "noise"),
    ],
)
def test_bad_generator_settings_are_refused(kwargs, message):
    with pytest.raises(DatasetError, match=message):
        generate(**kwargs)


def test_csv_reads_a_header_and_rows(tmp_path):
    path = tmp_path / "points.csv"
    path.write_text("x1,x2,label\n1,2,1\n\n-0.5, 3e-2 ,-1\n", encoding="utf-8")
    data = read_csv(path)
    assert data.columns == ["x1", "x2", "label"]
    assert data.rows.tolist() == [[1.0, 2.0, 1.0], [-0.5, 0.03, -1.0]]


def test_csv_with_semicolons():
    assert read_csv_text("a;b\n1;2\n3;4\n").rows.tolist() == [[1.0, 2.0], [3.0, 4.0]]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x,y\n1,2\n3,abc\n", "points.csv: row 3, column 'y': 'abc' is not a number"),
        ("x,y\n1,2\n3\n", "points.csv: row 3: expected 2 values (one per column), got 1"),
        ("x,y\n1,2,3\n", "row 2: expected 2 values"),
        ("x,y\n1,nan\n", "row 2, column 'y': 'nan' is not a finite number"),
        ("1,2\n3,4\n", "row 1: the first row must name the columns"),
        ("x,x\n1,2\n", "the column 'x' appears twice"),
        ("x,y\n", "no rows of data"),
        ("", "the file is empty"),
    ],
)
def test_bad_csv_names_the_row(text, message):
    with pytest.raises(DatasetError) as info:
        read_csv_text(text, name="points.csv")
    assert message in str(info.value)


def test_unreadable_files_say_so(tmp_path):
    with pytest.raises(DatasetError, match="cannot read the file"):
        read_csv(tmp_path / "missing.csv")
    bad = tmp_path / "latin.csv"
    bad.write_bytes(b"x\n\xe9\n")
    with pytest.raises(DatasetError, match="not UTF-8"):
        read_csv(bad)

"""``render`` draws what the editor draws (SVG/PNG offscreen, with or without Graphviz) and
writes DOT with the layout's positions."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from autograd_studio.graph import load
from autograd_studio.gui.canvas.node_geometry import SURELY_FITS
from autograd_studio.layout import layout
from autograd_studio.numbers import canvas_number
from tests.cli.conftest import EXAMPLES, ROOT
from tests.requirements import require_dot

TANH = EXAMPLES / "tanh-neuron.agraph"


def studio(*args, path: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ}
    env.pop("QT_QPA_PLATFORM", None)  # the command must manage without being told
    if path is not None:
        env["PATH"] = path
    completed = subprocess.run(
        [sys.executable, "-m", "autograd_studio", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in completed.stderr
    return completed


def svg_texts(data: bytes) -> list[str]:
    root = ET.fromstring(data)
    return [el.text.strip() for el in root.iter() if el.tag.endswith("text") and el.text]


def expected_numbers(path) -> tuple[set[str], set[str]]:
    """Labels short enough to show whole on a card (longer ones are elided, as on the
    canvas), and every data and grad as the cards print them."""
    doc = load(path)
    result = doc.evaluate()
    labels = {r.label for r in doc.nodes.values() if r.label and len(r.label) <= SURELY_FITS}
    numbers = {canvas_number(result.data[n]) for n in doc.nodes}
    numbers |= {canvas_number(result.grad[n]) for n in doc.nodes}
    return labels, numbers


def ink(png: bytes) -> tuple[int, int, int]:
    """(width, height, pixels that differ from the top-left corner) of a PNG."""
    from PySide6.QtGui import QImage

    image = QImage.fromData(png, "PNG")
    assert not image.isNull()
    corner = image.pixel(0, 0)
    inked = sum(
        1
        for y in range(0, image.height(), 3)
        for x in range(0, image.width(), 3)
        if image.pixel(x, y) != corner
    )
    return image.width(), image.height(), inked


@pytest.mark.parametrize("with_dot", [True, False])
def test_svg_has_every_label_and_number_with_or_without_dot(tmp_path, with_dot):
    if with_dot:
        require_dot()
    out = tmp_path / "tanh.svg"
    completed = studio("render", TANH, "-o", out, path=None if with_dot else str(tmp_path))
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == f"wrote {out}\n"
    texts = set(svg_texts(out.read_bytes()))
    labels, numbers = expected_numbers(TANH)
    assert labels <= texts and numbers <= texts
    assert "OUTPUT" in texts
    # too long for the node: elided in the middle, so both ends (and what differs) show
    assert "x1*w1…x2*w2" in texts


def test_png_is_a_real_picture_with_ink(cli, tmp_path):
    out = tmp_path / "tanh.png"
    status, _, _ = cli("render", TANH, "-o", out)
    assert status == 0
    width, height, inked = ink(out.read_bytes())
    doc = load(TANH)
    right = max(r.pos[0] for r in doc.nodes.values()) - min(r.pos[0] for r in doc.nodes.values())
    assert width > 2 * right  # drawn at 2x
    assert inked > (width // 3) * (height // 3) // 10


def test_a_file_without_positions_is_laid_out_even_without_dot(tmp_path):
    data = json.loads(TANH.read_text(encoding="utf-8"))
    for node in data["nodes"]:
        node.pop("pos", None)
    unplaced = tmp_path / "unplaced.agraph"
    unplaced.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "unplaced.svg"
    completed = studio("render", unplaced, "-o", out, path=str(tmp_path))
    assert completed.returncode == 0
    assert "layered" in completed.stderr and "install Graphviz" in completed.stderr
    labels, numbers = expected_numbers(TANH)
    assert labels | numbers <= set(svg_texts(out.read_bytes()))


def test_dot_has_the_labels_and_the_layouts_positions(cli, tmp_path):
    out = tmp_path / "tanh.dot"
    status, _, _ = cli("render", TANH, "-o", out)
    assert status == 0
    source = out.read_text(encoding="utf-8")
    doc = load(TANH)
    for record in doc.nodes.values():
        if record.label:
            assert record.label in source
    pos = {}
    for line in source.splitlines():
        name = line.strip().split(" ", 1)[0].strip('"')
        if 'pos="' in line:
            pos[name] = tuple(float(v) for v in line.split('pos="')[1].split('"')[0].split(","))
    assert set(doc.nodes) <= set(pos)
    # Left to right as in the file, and y flipped (Graphviz counts upwards).
    order = sorted(doc.nodes, key=lambda n: doc.nodes[n].pos)
    assert [pos[n][0] for n in order] == sorted(pos[n][0] for n in order)
    top = min(doc.nodes, key=lambda n: doc.nodes[n].pos[1])
    bottom = max(doc.nodes, key=lambda n: doc.nodes[n].pos[1])
    assert pos[top][1] > pos[bottom][1]


def test_dot_of_an_unplaced_file_carries_the_layout(cli, tmp_path):
    data = json.loads(TANH.read_text(encoding="utf-8"))
    for node in data["nodes"]:
        node.pop("pos", None)
    unplaced = tmp_path / "unplaced.agraph"
    unplaced.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "unplaced.dot"
    status, _, _ = cli("render", unplaced, "-o", out)
    assert status == 0
    source = out.read_text(encoding="utf-8")
    laid = layout(load(unplaced)).positions
    leftmost = min(laid, key=lambda n: laid[n][0])
    rightmost = max(laid, key=lambda n: laid[n][0])
    x = {}
    for line in source.splitlines():
        name = line.strip().split(" ", 1)[0].strip('"')
        if name in (leftmost, rightmost) and 'pos="' in line:
            x[name] = float(line.split('pos="')[1].split(",")[0])
    assert x[leftmost] < x[rightmost]


def test_neato_redraws_the_dot_output(cli, tmp_path):
    require_dot()
    out = tmp_path / "tanh.dot"
    assert cli("render", TANH, "-o", out).status == 0
    drawn = subprocess.run(
        ["neato", "-n2", "-Tsvg", str(out)], capture_output=True, text=True, check=True
    ).stdout
    assert "<svg" in drawn and "x1" in drawn


def test_other_directions_are_drawn_by_graphviz(cli, tmp_path):
    require_dot()
    out = tmp_path / "tb.svg"
    status, _, _ = cli("render", TANH, "-o", out, "--rankdir", "TB")
    assert status == 0
    data = out.read_text(encoding="utf-8")
    assert "<svg" in data and 'class="graph"' in data  # Graphviz's own SVG

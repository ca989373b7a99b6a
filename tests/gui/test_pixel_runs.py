"""Far out, the overview draws steep one-pixel lines as merged runs of pixels: exactly the
pixels Qt lights for the lines, in a fraction of the lines (the demo graph: 126,854 lines
in a strip a few dozen pixels wide)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QLineF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen

from autograd_studio.graph.fileformat import load
from autograd_studio.gui.canvas import overview as overview_module
from autograd_studio.gui.canvas import pixel_runs
from autograd_studio.gui.canvas.pixel_runs import DASHES, column_runs, dashed_runs
from autograd_studio.gui.editing.commands import SetPositionsCommand
from autograd_studio.resources import examples_dir
from tests.gui.backward_support import CTRL, NO_MOD, open_window, press

W, H = 60, 90
COLORS = ("#d1242f", "#2da44e", "#0969da")


def picture(
    lines_by_look: list[list[QLineF]], cap: Qt.PenCapStyle, dashed: list[bool] | None = None
) -> np.ndarray:
    image = QImage(W, H, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    dashed = dashed or [False] * len(lines_by_look)
    for color, lines, dash in zip(COLORS, lines_by_look, dashed, strict=True):
        pen = QPen(QColor(color), 1.0)
        pen.setCosmetic(True)
        pen.setCapStyle(cap)
        if dash:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLines(lines)
    painter.end()
    return np.frombuffer(image.constBits(), np.uint32).reshape(H, -1).copy()


def random_lines(seed: int, count: int = 2000) -> tuple[np.ndarray, ...]:
    """Mostly steep lines a pixel or two wide, many ends a hair from a pixel border, some
    flat, some points, some reaching past the picture."""
    rng = np.random.default_rng(seed)
    x0, y0 = rng.uniform(-4, W + 4, count), rng.uniform(-6, H + 6, count)
    x1 = x0 + rng.choice([0.0, 0.3, 1.0, 1.7, 3.5, 30.0], count) * rng.uniform(-1, 1, count)
    y1 = y0 + rng.uniform(-40, 40, count)
    hair = rng.choice([0.0, 1e-9, -1e-9, 1 / 64, -1 / 64, 0.5], (4, count))
    for k, v in enumerate((x0, y0, x1, y1)):
        near = rng.random(count) < 0.3
        v[near] = np.round(v[near]) + hair[k][near]
    points = rng.random(count) < 0.02
    x1[points], y1[points] = x0[points], y0[points]
    return x0, y0, x1, y1, rng.integers(0, len(COLORS), count)


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("cap", [Qt.PenCapStyle.SquareCap, Qt.PenCapStyle.RoundCap])
def test_runs_light_exactly_the_pixels_of_their_lines(qapp, seed, cap):
    x0, y0, x1, y1, looks = random_lines(seed)
    look, column, top, bottom, rest = column_runs(x0, y0, x1, y1, looks, (W, H))
    assert np.all(np.diff(look) >= 0)
    by_look, drawn = [], []
    for k in range(len(COLORS)):
        mine = looks == k
        by_look.append(list(map(QLineF, x0[mine], y0[mine], x1[mine], y1[mine])))
        left = mine & rest
        runs = [
            QLineF(c + 0.5, t + 0.25, c + 0.5, b + 0.75)
            for c, t, b in zip(column[look == k], top[look == k], bottom[look == k], strict=True)
        ]
        drawn.append(runs + list(map(QLineF, x0[left], y0[left], x1[left], y1[left])))
    assert np.array_equal(picture(drawn, cap), picture(by_look, cap))
    merged = int((~rest).sum())
    assert merged > len(x0) / 3 and len(column) < merged * 0.7  # many lines, fewer runs


@pytest.mark.parametrize("seed", [4, 5, 6])
def test_dashed_runs_light_exactly_the_pixels_of_dashed_lines(qapp, seed):
    x0, y0, x1, y1, _looks = random_lines(seed, 600)
    pen = QPen()
    pen.setStyle(Qt.PenStyle.DashLine)
    assert pen.dashPattern() == DASHES
    column, top, bottom, rest = dashed_runs(x0, y0, x1, y1, (W, H))
    assert int((~rest).sum()) > len(x0) / 3
    lines = list(map(QLineF, x0, y0, x1, y1))
    runs = [
        QLineF(c + 0.5, t + 0.25, c + 0.5, b + 0.75)
        for c, t, b in zip(column, top, bottom, strict=True)
    ]
    left = [line for line, r in zip(lines, rest, strict=True) if r]
    cap, blank = Qt.PenCapStyle.RoundCap, picture([[], [], []], Qt.PenCapStyle.RoundCap)
    # the runs solid and the lines left dashed, against every line dashed
    drawn = picture([runs, [], []], cap) != blank
    drawn |= picture([left, [], []], cap, [True, False, False]) != blank
    assert np.array_equal(drawn, picture([lines, [], []], cap, [True, False, False]) != blank)


def drawn_lines(paint) -> tuple[np.ndarray, int]:
    """The picture *paint(painter)* draws far out, and how many lines it drew."""

    class Counting(QPainter):
        count = 0

        def drawLines(self, lines) -> None:  # Qt's name
            Counting.count += len(lines)
            super().drawLines(lines)

    image = QImage(240, 180, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = Counting(image)
    paint(painter)
    painter.end()
    return np.frombuffer(image.constBits(), np.uint32).reshape(180, -1).copy(), Counting.count


def every_line(transform, size, ends, groups, lines_at, pieces=None):
    """The reference: every line of every group, as drawn before merging (made from the
    edges' ends here, not by the overview)."""
    return [([], list(map(QLineF, *(v[rows].tolist() for v in ends)))) for rows, _ in groups]


def test_far_out_the_flow_overview_draws_runs_and_the_same_picture(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(overview_module, "CURVES_UP_TO", 0)  # straight lines, as a big graph's
    doc = load(examples_dir() / "micrograd-moons.agraph")
    window, _ = open_window(qtbot, tmp_path, doc)
    press(window, Qt.Key.Key_B, CTRL)
    overview = window.view.graph_scene.overview
    for flow_on in (False, True):
        if flow_on:
            press(window, Qt.Key.Key_G, CTRL)  # every edge styled: looks, dashed ones too
        overview.generation()
        left, top, right, bottom = overview._index.bounds()
        zoom = 60 / max(right - left, bottom - top)

        def paint(painter, zoom=zoom, left=left, top=top):
            painter.scale(zoom, zoom)
            painter.translate(-left + 10, -top + 10)
            overview.paint_shapes(painter)

        merged, count = drawn_lines(paint)
        overview.forget()  # (nothing kept from the picture before)
        monkeypatch.setattr(pixel_runs, "merged_lines", every_line)
        reference, every = drawn_lines(paint)
        monkeypatch.undo()
        monkeypatch.setattr(overview_module, "CURVES_UP_TO", 0)
        # (flow on: dashed looks, and 41 looks in all, merge less)
        assert every == doc.edge_count and count < every * (0.95 if flow_on else 0.5)
        assert np.array_equal(merged, reference)
    # Off again: the plain layer's runs at this zoom are those worked out the time before.
    press(window, Qt.Key.Key_G, CTRL)
    drawn_lines(paint)
    press(window, Qt.Key.Key_G, CTRL)
    drawn_lines(paint)
    calls = []
    real = pixel_runs.merged_lines
    monkeypatch.setattr(pixel_runs, "merged_lines", lambda *a: calls.append(a) or real(*a))
    press(window, Qt.Key.Key_G, CTRL)
    assert not window.view.decorations.dimmed_ids()
    again, _count = drawn_lines(paint)
    assert calls == []
    monkeypatch.setattr(pixel_runs, "merged_lines", every_line)
    overview.forget()
    assert np.array_equal(again, drawn_lines(paint)[0])  # a fresh overview's picture


def test_far_out_the_overview_makes_lines_only_for_what_it_draws(qtbot, tmp_path, monkeypatch):
    # The runs are worked out from the edges' ends: far out the overview makes a QLineF
    # for each run and each line left over, not one per edge; nearer in, every edge's
    # line once per geometry, whatever the pictures drawn after it.
    monkeypatch.setattr(overview_module, "CURVES_UP_TO", 0)
    doc = load(examples_dir() / "micrograd-moons.agraph")
    window, _ = open_window(qtbot, tmp_path, doc)
    overview = window.view.graph_scene.overview
    overview.invalidate()
    made = []

    def counted(*args):
        made.append(args)
        return QLineF(*args)

    monkeypatch.setattr(pixel_runs, "QLineF", counted)
    monkeypatch.setattr(overview_module, "QLineF", counted, raising=False)
    overview.generation()
    left, top, right, bottom = overview._index.bounds()
    assert not made  # nothing drawn yet

    def painted_at(zoom: float):
        def paint(painter):
            painter.scale(zoom, zoom)
            painter.translate(-left + 10, -top + 10)
            overview.paint_shapes(painter)

        return paint

    far = painted_at(60 / max(right - left, bottom - top))
    _picture, drawn = drawn_lines(far)
    assert 0 < len(made) == drawn < doc.edge_count / 2
    made.clear()
    for shift in (0.0, 20.0):  # nearer in: each picture draws every edge
        left += shift
        _picture, drawn = drawn_lines(painted_at(0.2))
        assert drawn == doc.edge_count
    assert len(made) == doc.edge_count


def test_a_change_of_looks_picks_the_boxes_already_made(qtbot, tmp_path, monkeypatch):
    # Gradient Flow on or off only fades other boxes: the 985 boxes are made once per
    # geometry, and the picture is the one a fresh overview draws.
    monkeypatch.setattr(overview_module, "CURVES_UP_TO", 0)
    doc = load(examples_dir() / "micrograd-moons.agraph")
    window, _ = open_window(qtbot, tmp_path, doc)
    press(window, Qt.Key.Key_B, CTRL)
    overview = window.view.graph_scene.overview
    overview.generation()
    made = []
    real = overview_module.QRectF

    def counted(*args):
        made.append(args)
        return real(*args)

    def paint(painter):
        painter.scale(0.1, 0.1)
        overview.paint_shapes(painter)

    monkeypatch.setattr(overview_module, "QRectF", counted)
    for _ in range(3):  # on, off, on
        press(window, Qt.Key.Key_G, CTRL)
        shown, _count = drawn_lines(paint)
    monkeypatch.setattr(overview_module, "QRectF", real)
    assert len(made) < 10  # (the picture's bounds), not a box per node
    assert window.view.decorations.dimmed_ids()
    overview.forget()  # everything made afresh
    fresh, _count = drawn_lines(paint)
    assert np.array_equal(shown, fresh)


def whole_far_out(overview):
    """A paint of *overview*'s edges and boxes, the whole graph about 60 pixels across (a
    picture of lines almost all steep), at the zoom of its geometry now."""
    overview.generation()
    left, top, right, bottom = overview._index.bounds()
    zoom = 60 / max(right - left, bottom - top)

    def paint(painter):
        painter.scale(zoom, zoom)
        painter.translate(-left + 10, -top + 10)
        overview.paint_shapes(painter)

    return paint


def test_the_undo_of_deleting_everything_draws_the_same_far_picture(qtbot, tmp_path, monkeypatch):
    # The undo takes back the overview's edges set aside at the deletion: the runs are
    # worked out from those edges' ends, kept with them.
    from tests.gui.test_canvas_virtual import grid_graph

    document, grid = grid_graph()
    window, _ = open_window(qtbot, tmp_path, document)
    overview = window.view.graph_scene.overview
    paint = whole_far_out(overview)

    before, _count = drawn_lines(paint)
    press(window, Qt.Key.Key_A, CTRL)
    press(window, Qt.Key.Key_Delete)
    assert not document.nodes
    drawn_lines(paint)  # the empty graph's overview
    press(window, Qt.Key.Key_Z, CTRL)
    assert len(document.nodes) == sum(map(len, grid))
    after, _count = drawn_lines(paint)
    assert np.array_equal(after, before)
    # The boxes taken back are those a whole-graph move's undo goes back to: none made,
    # and the runs of the edges' pixels at this zoom are those worked out before the move.
    made = overview._node_boxes.made
    away = {nid: (r.pos[0], r.pos[1] + 5000.0) for nid, r in document.nodes.items()}
    window.session.push(SetPositionsCommand(document, away))
    moved, _count = drawn_lines(paint)
    calls = []
    real = pixel_runs.merged_lines
    monkeypatch.setattr(pixel_runs, "merged_lines", lambda *a: calls.append(a) or real(*a))
    window.session.undo_stack.undo()
    again, _count = drawn_lines(paint)
    assert np.array_equal(again, before) and overview._node_boxes.made == made + 1
    assert calls == []
    window.session.undo_stack.redo()
    assert np.array_equal(drawn_lines(paint)[0], moved) and calls == []


def test_a_deletion_far_out_merges_the_steps_of_the_lines_that_stay(qtbot, tmp_path, monkeypatch):
    # Each line's steps are its own: after a deletion on a virtual canvas the next far
    # picture at the zoom merges the steps kept for the lines that stay, and draws what
    # every line drawn on its own would.
    from tests.gui.test_canvas_virtual import ROWS, grid_graph

    document, grid = grid_graph()
    window, _ = open_window(qtbot, tmp_path, document)
    scene = window.view.graph_scene
    overview = scene.overview
    paint = whole_far_out(overview)

    drawn_lines(paint)
    assert scene.virtual and overview._plain_pieces is not None
    for key, modifiers in ((Qt.Key.Key_A, CTRL), (Qt.Key.Key_Delete, NO_MOD), (Qt.Key.Key_Z, CTRL)):
        press(window, key, modifiers)  # everything gone and back: the steps come back too
    drawn_lines(paint)
    window.view.select_node_ids([grid[c][r] for c in (7, 8, 20) for r in range(ROWS)])
    press(window, Qt.Key.Key_Delete)
    stepped = []
    steps = pixel_runs._pieces
    monkeypatch.setattr(pixel_runs, "_pieces", lambda *a: stepped.append(a) or steps(*a))
    after, count = drawn_lines(paint)
    assert stepped == [] and count < document.edge_count  # merged from the kept steps
    monkeypatch.setattr(pixel_runs, "merged_lines", every_line)
    overview.forget()  # (nothing kept)
    reference, every = drawn_lines(paint)
    assert every == document.edge_count and np.array_equal(after, reference)

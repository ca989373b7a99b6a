"""The gradient-flow looks worked out per edge and per note, on demand, are the looks the
view used to compute for every edge and cut up front (the moons example: 985 nodes, 1,254
edges, dead ReLUs), and the window shows them after real key presses."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from autograd_studio.analysis.flow import FlowLegend, GradientFlow, gradient_flow
from autograd_studio.graph.document import Edge, GraphDocument
from autograd_studio.graph.fileformat import load
from autograd_studio.gui.canvas.decorations import EdgeStyle, NodeNote
from autograd_studio.gui.canvas.spatial import SpatialIndex
from autograd_studio.gui.canvas.theme import current_theme
from autograd_studio.gui.features.flow_looks import (
    LEVELS,
    FlowEdgeStyles,
    FlowNotes,
    flow_color,
    flow_width,
)
from autograd_studio.gui.look.sentences import said
from autograd_studio.resources import examples_dir
from tests.gui.backward_support import CTRL, open_window, press


def moons() -> GraphDocument:
    return load(examples_dir() / "micrograd-moons.agraph")


def eager_styles(doc: GraphDocument, flow: GradientFlow, theme) -> dict[Edge, EdgeStyle]:
    """The view's looks as it computed them before, every edge up front (the reference)."""
    styles: dict[Edge, EdgeStyle] = {}
    zero = EdgeStyle(1.6, QColor(theme.stale), dashed=True)
    undefined = EdgeStyle(2.5, QColor(theme.problem), dashed=True)
    stopped = EdgeStyle(2.4, QColor(theme.problem), dashed=True)
    cut_ports = {(cut.node_id, cut.port) for cut in flow.cuts}
    for edge in doc.edges:
        if (edge.target, edge.port) in cut_ports:
            styles[edge] = stopped
            continue
        magnitude = flow.magnitude(edge)
        if math.isnan(magnitude):
            styles[edge] = undefined
        elif magnitude == 0.0:
            styles[edge] = zero
        else:
            strength = round(flow.edge_strength(edge) * (LEVELS - 1)) / (LEVELS - 1)
            styles[edge] = EdgeStyle(flow_width(strength), flow_color(strength, theme))
    return styles


def eager_notes(doc: GraphDocument, flow: GradientFlow) -> dict[str, NodeNote]:
    notes: dict[str, NodeNote] = {}
    lines = [said(line) for line in flow.describe(doc)]
    for cut, line in zip(flow.cuts, lines, strict=False):
        earlier = notes.get(cut.node_id)
        text = said(cut.reason)
        if earlier is not None and earlier.text == text and earlier.tooltip == line:
            continue  # x * x cut on both ports: said once
        if earlier is not None:
            text = f"{earlier.text}; {text}"
            line = f"{earlier.tooltip}\n{line}"
        notes[cut.node_id] = NodeNote(text, line, "cut", cut.port)
    return notes


@pytest.fixture(scope="module")
def moons_flow():
    doc = moons()
    result = doc.evaluate()
    flow = gradient_flow(doc, result)
    assert len(flow.cuts) > 10 and flow.legend is not None and flow.zero_grad
    return doc, flow


def test_lazy_edge_styles_are_the_eager_ones(qtbot, moons_flow):
    doc, flow = moons_flow
    theme = current_theme()
    eager = eager_styles(doc, flow, theme)
    lazy = FlowEdgeStyles(doc, flow, theme)
    assert len(lazy) == len(eager) == doc.edge_count
    assert list(lazy) == list(eager)  # every edge, in the document's order
    for edge, style in eager.items():
        assert lazy[edge] == style
        assert lazy.style_of(edge.source, edge.target, edge.port) == style
    assert dict(lazy) == eager
    # shared looks: a few dozen objects for all the edges
    used = {id(lazy[edge]) for edge in eager}
    assert used <= {id(look) for look in lazy.looks()}
    assert {id(lazy.stopped), id(lazy.zero)} <= used and len(used) > 10
    some = next(iter(eager))
    for missing in (Edge("nope", "nowhere", 0), Edge(some.source, some.target, 7)):
        assert missing not in lazy
        with pytest.raises(KeyError):
            lazy[missing]


def test_every_edges_style_at_once_is_each_edges_style(qtbot, moons_flow):
    doc, flow = moons_flow
    theme = current_theme()
    index = SpatialIndex()
    index.rebuild(doc, None)
    src, dst, port, _port_y = index.edge_arrays()
    # shuffled rows, plus rows that are no edge (a wrong port, a node outside the flow)
    ids = [*index.ids[::-1], "nowhere"]
    flip = np.arange(len(index.ids))[::-1]
    src, dst = flip[src], flip[dst]
    src = np.concatenate([src, [src[0], len(ids) - 1]])
    dst = np.concatenate([dst, [dst[0], dst[1]]])
    port = np.concatenate([port, [port[0] + 5, port[1]]])
    for plan_flow in (flow, replace(flow, contribution=dict(flow.contribution))):
        styles = FlowEdgeStyles(doc, plan_flow, theme)
        looks, which = styles.styles_of_rows(ids, src, dst, port)
        assert len(which) == len(src) and len(set(map(id, looks))) == len(looks)
        one_by_one = FlowEdgeStyles(doc, plan_flow, theme)
        for k, (s, t, p) in enumerate(zip(src.tolist(), dst.tolist(), port.tolist(), strict=True)):
            assert looks[which[k]] == one_by_one.style_of(ids[s], ids[t], p), (ids[t], p)
        counts = np.bincount(which, minlength=len(looks))
        assert counts[looks.index(styles.stopped)] == len(flow.cuts)
        assert len(looks) > 10 and styles.zero in looks
    # A scale of no length (two magnitudes a float apart, one logarithm): full strength.
    low = 1.1972543511097519e141
    flat = replace(flow, legend=FlowLegend(low, math.nextafter(low, math.inf)))
    assert flat.legend.flat and flat.legend.strength(flow.legend.high) == 1.0
    looks, which = FlowEdgeStyles(doc, flat, theme).styles_of_rows(ids, src, dst, port)
    one_by_one = FlowEdgeStyles(doc, flat, theme)
    for k, (s, t, p) in enumerate(zip(src.tolist(), dst.tolist(), port.tolist(), strict=True)):
        assert looks[which[k]] == one_by_one.style_of(ids[s], ids[t], p), (ids[t], p)


def test_lazy_notes_are_the_eager_ones_and_written_only_when_read(qtbot, moons_flow):
    doc, flow = moons_flow
    eager = eager_notes(doc, flow)
    lazy = FlowNotes(doc, flow)
    assert len(lazy) == len(eager) and list(lazy) == list(eager)
    first = next(iter(eager))
    assert first in lazy and "nope" not in lazy
    assert not lazy._written  # nothing written until asked
    assert lazy[first] == eager[first] and set(lazy._written) == {first}
    assert dict(lazy) == eager


def test_the_window_shows_the_lazy_looks_after_backward(qtbot, tmp_path):
    doc = moons()
    window, _ = open_window(qtbot, tmp_path, doc)
    press(window, Qt.Key.Key_B, CTRL)
    press(window, Qt.Key.Key_G, CTRL)
    flow_view = window.backward_tools.flow
    assert window.actions.gradient_flow.isChecked() and flow_view.flow is not None
    eager = eager_styles(doc, flow_view.flow, window.view.graph_scene.theme)
    assert isinstance(flow_view.edge_styles, FlowEdgeStyles)
    decorations = window.view.decorations
    for edge, style in eager.items():
        assert decorations.edge_style(edge) == style
        assert window.view.edge_item(edge).overlay_pen() == style.pen()
    notes = eager_notes(doc, flow_view.flow)
    for node_id, note in notes.items():
        assert decorations.notes(node_id) == [note]
    legend = flow_view.legend.toolTip().splitlines()  # a dozen cuts, not all of them
    assert legend == [said(line) for line in flow_view.flow.describe(doc, limit=12)]
    assert len(flow_view.flow.cuts) > 12 and len(legend) == 13
    press(window, Qt.Key.Key_G, CTRL)  # off: no looks kept
    assert flow_view.edge_styles is None and decorations.edge_style(next(iter(eager))) is None


def test_the_overview_smooths_only_flow_lines_wider_than_a_pixel(qtbot, tmp_path, monkeypatch):
    # Smoothing a one-pixel line only blends its colour, at twice the cost (the demo's
    # 126,854 flow lines): far out every look is drawn plain, closer in the wide ones smooth.
    from PySide6.QtGui import QImage, QPainter

    from autograd_studio.gui.canvas import overview as overview_module

    monkeypatch.setattr(overview_module, "CURVES_UP_TO", 0)  # straight lines, as a big graph's
    doc = moons()
    window, _ = open_window(qtbot, tmp_path, doc)
    press(window, Qt.Key.Key_B, CTRL)
    press(window, Qt.Key.Key_G, CTRL)
    overview = window.view.graph_scene.overview
    overview.invalidate()
    smooth = QPainter.RenderHint.Antialiasing

    class Recording(QPainter):
        def __init__(self, device) -> None:
            super().__init__(device)
            self.lines: list[tuple[float, bool, int]] = []  # width, smoothed, how many

        def drawLines(self, lines) -> None:  # Qt's name
            self.lines.append((self.pen().widthF(), self.testRenderHint(smooth), len(lines)))
            super().drawLines(lines)

    def drawn(zoom: float) -> list[tuple[float, bool, int]]:
        image = QImage(400, 300, QImage.Format.Format_RGB32)
        painter = Recording(image)
        painter.scale(zoom, zoom)
        overview.paint_shapes(painter)
        painter.end()
        return painter.lines

    far, near = drawn(0.1), drawn(0.5)  # moons' pens: 1.5 to 8 wide on the canvas
    for lines in (far, near):
        assert sum(count for _w, _s, count in lines) == doc.edge_count  # every edge, once
        assert all(smoothed == (width > 1.0) for width, smoothed, _count in lines)
    assert {width for width, _s, _c in far} == {1.0}
    assert any(smoothed for _w, smoothed, _c in near)
    assert any(not smoothed for _w, smoothed, _c in near)


def test_a_square_of_zero_says_its_cut_once_in_the_window(qtbot, tmp_path):
    doc = GraphDocument()
    x = doc.add_node("input", label="x", value=0.0, pos=(0.0, 0.0))
    square = doc.add_node("op", op="mul", label="x*x", pos=(200.0, 0.0))
    doc.connect(x, square, 0)
    doc.connect(x, square, 1)
    window, _ = open_window(qtbot, tmp_path, doc)
    press(window, Qt.Key.Key_B, CTRL)
    press(window, Qt.Key.Key_G, CTRL)
    flow = window.backward_tools.flow.flow
    assert [cut.port for cut in flow.cuts] == [0, 1]  # both ports cut, for one reason
    reason = said(flow.cuts[0].reason)
    assert said(flow.cuts[1].reason) == reason
    (note,) = window.view.decorations.notes(square)
    assert note.text == reason and note.tooltip.count("\n") == 0

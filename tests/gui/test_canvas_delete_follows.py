"""A deletion on a virtual canvas makes the spatial index and the overview's lines of what
is left from those it had (the rows that stay), instead of building them again from the
document; what the canvas answers and paints is what a fresh build gives, after the
deletion and after its undo.  On the generated 2,400-node grid, with real key events."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from autograd_studio.graph.document import Edge
from autograd_studio.gui.canvas.overview import Overview
from autograd_studio.gui.canvas.overview_frames import SHARPEN_MS
from autograd_studio.gui.canvas.spatial import SpatialIndex
from tests.gui.backward_support import open_window, press
from tests.gui.test_canvas_virtual import COLUMNS, DX, DY, ROWS, grid_graph

CTRL = Qt.KeyboardModifier.ControlModifier
RECTS = [
    (-100.0, -100.0, 400.0, 300.0),
    (3 * DX, 10 * DY, 9 * DX, 30 * DY),
    (0.0, 0.0, COLUMNS * DX, ROWS * DY),
    (20 * DX - 5, 50 * DY - 5, 20 * DX + 5, 50 * DY + 5),
]


def answers(index: SpatialIndex) -> tuple:
    """Everything the canvas asks an index, by node ids and edges (not rows)."""
    src, dst, port, port_y = index.edge_arrays()
    ids = index.ids
    edges = sorted(
        (ids[s], ids[t], p, y)
        for s, t, p, y in zip(
            src.tolist(), dst.tolist(), port.tolist(), port_y.tolist(), strict=True
        )
    )
    by_rect = [
        (sorted(index.nodes_in(*r)), sorted(index.edges_in(*r)), sorted(index.edges_ending_in(*r)))
        for r in RECTS
    ]
    where = {nid: index.position(nid) for nid in ids}
    feeds = {nid: index.feeds(nid) for nid in ids}
    return ids, where, dict(zip(ids, index.kinds, strict=True)), edges, by_rect, feeds


def fresh(doc) -> SpatialIndex:
    index = SpatialIndex()
    index.rebuild(doc, None)
    return index


def test_an_index_without_some_nodes_answers_as_one_built_without_them():
    doc, grid = grid_graph()
    index = fresh(doc)
    answers(index)  # every lazy part built (cells, edge boxes, feeds)
    index.edge_rows(doc.edges[:3])  # and the sorted edge keys
    gone = [grid[c][r] for c in (3, 4, 17) for r in range(ROWS) if r % 3 != 1]
    between = Edge(grid[9][5], grid[10][5], 0)  # an edge between nodes that stay
    edges = [e for e in doc.edges if e.source in gone or e.target in gone] + [between]
    before = answers(index)
    smaller, keep, edge_keep = index.without(gone, edges)
    doc.remove_nodes(gone, [between])
    assert answers(smaller) == answers(fresh(doc))
    assert answers(index) == before  # the old one is left as it was (kept for the undo)
    assert keep.sum() == len(doc.nodes) and edge_keep.sum() == doc.edge_count
    looked_up = smaller.edge_rows([*doc.edges[-3:], between])
    assert (looked_up[:3] >= 0).all() and looked_up[3] == -1


@pytest.fixture
def counting(monkeypatch) -> dict:
    """Calls of the index's and the overview's builds from the document, from now on."""
    calls = {"index": 0, "lines": 0}
    rebuild, shapes = SpatialIndex.rebuild, Overview._edge_shapes

    def rebuilding(self, *args):
        calls["index"] += 1
        return rebuild(self, *args)

    def shaping(self, *args):
        calls["lines"] += 1
        return shapes(self, *args)

    monkeypatch.setattr(SpatialIndex, "rebuild", rebuilding)
    monkeypatch.setattr(Overview, "_edge_shapes", shaping)
    return calls


def painted(qtbot, window):
    qtbot.wait(30)  # the evaluation and the scene's sync run in the next turns
    window.repaint()
    return window.view.viewport().grab().toImage()


def test_delete_and_undo_far_out_build_nothing_again_and_paint_what_a_fresh_build_does(
    qtbot, tmp_path, counting
):
    document, grid = grid_graph()
    window, _dialogs = open_window(qtbot, tmp_path, document)
    view = window.view
    scene = view.graph_scene
    view.fit_all()
    assert scene.virtual and view.zoom() < 0.3  # the overview is what is painted
    block = [grid[c][r] for c in range(10, 16) for r in range(ROWS)]  # 360 nodes
    view.select_node_ids(block)
    qtbot.wait(SHARPEN_MS + 50)  # the fit's zoom step painted sharp
    before = painted(qtbot, window)
    counting.update(index=0, lines=0)

    view.setFocus()
    press(window, Qt.Key.Key_Delete)
    after = painted(qtbot, window)
    assert len(document.nodes) == (COLUMNS - 6) * ROWS
    assert counting == {"index": 0, "lines": 0}  # both made from the rows that stay
    assert answers(scene.index) == answers(fresh(document))
    # The missing inputs of column 16 show, as on a canvas drawn from scratch.
    assert scene.overview._row_key[scene.index.rows([grid[16][0]])[0]] == 3  # "problem"
    assert after != before
    counting.update(index=0, lines=0)
    scene._index_stale = True  # everything built again from the document
    scene.overview.invalidate()
    view.overview_frames.drop()
    assert painted(qtbot, window) == after
    assert counting == {"index": 1, "lines": 1}

    press(window, Qt.Key.Key_Z, CTRL)
    assert painted(qtbot, window) == before  # the same nodes, edges and selection
    assert answers(scene.index) == answers(fresh(document))
    assert scene.overview._row_key[scene.index.rows([grid[16][0]])[0]] == 2  # an op again

"""Laying out a selection: only those nodes move, and they stay where they were."""

from __future__ import annotations

import pytest

from autograd_studio.layout import layout, needs_layout
from tests.layout.drawings import backward_edges, mlp, overlaps
from tests.requirements import require_dot


def positioned_mlp():
    """An MLP document with every node placed (a scrambled drawing someone made)."""
    document = mlp()
    for i, node_id in enumerate(document.nodes):
        document.set_pos(node_id, (5000.0 + 37.0 * (i % 7), 3000.0 + 211.0 * i))
    return document


@pytest.mark.parametrize("engine", ["dot", "layered"])
def test_selection_layout_moves_only_the_selection(engine):
    if engine == "dot":
        require_dot()
    document = positioned_mlp()
    before = {node_id: record.pos for node_id, record in document.nodes.items()}
    # The last neuron and the loss: the ops from the last relu onwards and their leaves.
    selected = list(document.nodes)[-12:]

    result = layout(document, engine=engine, node_ids=selected)

    assert result.engine == engine
    assert set(result.positions) == set(selected)
    assert {n: r.pos for n, r in document.nodes.items()} == before  # the document is untouched
    for node_id, pos in result.positions.items():
        document.set_pos(node_id, pos)
    for node_id, record in document.nodes.items():
        if node_id not in selected:
            assert record.pos == before[node_id]
    assert overlaps(result) == []
    assert backward_edges(document, result) == []


def test_a_laid_out_selection_keeps_its_centre():
    document = positioned_mlp()
    selected = list(document.nodes)[5:25]
    sizes = {n: (168.0, 70.0) for n in document.nodes}

    def centre(boxes):
        left = min(x for x, _ in boxes)
        top = min(y for _, y in boxes)
        right = max(x + 168.0 for x, _ in boxes)
        bottom = max(y + 70.0 for _, y in boxes)
        return ((left + right) / 2, (top + bottom) / 2)

    old = centre([document.nodes[n].pos for n in selected])
    result = layout(document, engine="layered", node_ids=selected, sizes=sizes)
    new = centre(list(result.positions.values()))
    assert new == pytest.approx(old, abs=0.2)  # positions are rounded to tenths


def test_selection_without_positions_starts_at_the_origin():
    document = mlp()
    selected = list(document.nodes)[:6]
    result = layout(document, engine="layered", node_ids=selected)
    assert result.bounds()[:2] == (0.0, 0.0)


def test_unknown_ids_in_the_selection_are_refused():
    with pytest.raises(KeyError, match="nope"):
        layout(mlp(), engine="layered", node_ids=["nope"])


def test_needs_layout_tells_whether_any_node_lacks_a_position():
    document = mlp()
    assert needs_layout(document)
    for node_id, pos in layout(document, engine="layered").positions.items():
        document.set_pos(node_id, pos)
    assert not needs_layout(document)
    document.add_node("input", label="late")
    assert needs_layout(document)

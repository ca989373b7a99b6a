"""The layered layout's path for big graphs (the demo's 65,800 nodes): numpy sweeps and
least-squares placement give exactly what the plain loops over nodes give, and a drawing
made that way keeps the layout's promises (left to right, no overlaps, same input same
output).

The big path starts at tens of thousands of nodes; here its limits are lowered so that a
few thousand nodes take it."""

from __future__ import annotations

import pytest

from autograd_studio.layout import layout, ordering, placement
from autograd_studio.layout.array_sweeps import sweep_big
from autograd_studio.layout.layering import assign_layers, topological_order
from autograd_studio.layout.model import LayoutGraph, checker
from autograd_studio.layout.ordering import _initial_order, _number, _sweep, build_layered_graph
from autograd_studio.layout.placement import _least_squares
from autograd_studio.layout.sizes import NODE_GAP
from tests.layout.drawings import backward_edges, overlaps
from tests.layout.samples import random_document

NEVER = checker(None)


def layered(n: int, seed: int) -> ordering.LayeredGraph:
    graph = LayoutGraph.from_document(random_document(n, seed))
    preds: list[list[int]] = [[] for _ in range(len(graph))]
    succs: list[list[int]] = [[] for _ in range(len(graph))]
    for source, target, _port in graph.edges:
        preds[target].append(source)
        succs[source].append(target)
    order = topological_order(len(graph), preds, succs)
    layers = assign_layers(preds, succs, order, NEVER)
    result = build_layered_graph(len(graph), graph.edges, graph.arity, layers)
    _initial_order(result)
    return result


def plain_sweeps(graph: ordering.LayeredGraph, sweeps: int) -> None:
    layers, pos = graph.layers, [0.0] * len(graph)
    for layer in layers:
        _number(layer, pos)
    for sweep in range(sweeps):
        if sweep % 2 == 0:
            _sweep(layers, range(len(layers) - 2, -1, -1), graph.down, graph.down_port, pos, 1.0)
        else:
            _sweep(layers, range(1, len(layers)), graph.up, graph.up_port, pos, -1.0)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_numpy_sweeps_order_the_layers_as_the_plain_sweeps_do(seed):
    plain, fast = layered(3000, seed), layered(3000, seed)
    assert plain.layers == fast.layers
    plain_sweeps(plain, 4)
    sweep_big(fast, 4, NEVER)
    assert fast.layers == plain.layers
    moved = sum(a != b for a, b in zip(layered(3000, seed).layers, fast.layers, strict=True))
    assert moved > len(fast.layers) // 4  # the sweeps did reorder


def plain_least_squares(graph: ordering.LayeredGraph, height: list[float]) -> list[float]:
    """The placement's sweeps written as loops over nodes and edges (the definition)."""
    n_real, layers = graph.n_real, graph.layers
    weight = (1.0, 2.0, 8.0)

    def w(a: int, b: int) -> float:
        return weight[(a >= n_real) + (b >= n_real)]

    y = [0.0] * len(graph)
    spacing = []
    for layer in layers:
        offsets, position = [], 0.0
        for k, v in enumerate(layer):
            if k:
                u = layer[k - 1]
                gap = NODE_GAP if u < n_real and v < n_real else NODE_GAP / 2
                position += (height[u] + height[v]) / 2 + gap
            offsets.append(position)
            y[v] = position
        spacing.append(offsets)
    for sweep in range(4):
        use_up, use_down = sweep != 1, sweep != 0
        for i in range(len(layers)) if sweep % 2 == 0 else range(len(layers) - 1, -1, -1):
            targets, weights = [], []
            for v in layers[i]:
                total_w = total_y = 0.0
                if use_up:
                    for u, f in zip(graph.up[v], graph.up_port[v], strict=True):
                        total_w += w(u, v)
                        total_y += w(u, v) * y[u] - w(u, v) * f * height[v]
                if use_down:
                    for x, f in zip(graph.down[v], graph.down_port[v], strict=True):
                        total_w += w(x, v)
                        total_y += w(x, v) * y[x] + w(x, v) * f * height[x]
                targets.append(total_y / total_w if total_w else y[v])
                weights.append(total_w if total_w else 1e-3)
            blocks: list[list[float]] = []  # [mean, weight, count], pool adjacent violators
            for offset, target, weight_ in zip(spacing[i], targets, weights, strict=True):
                mean, count = target - offset, 1
                while blocks and blocks[-1][0] >= mean:
                    m, bw, c = blocks.pop()
                    mean = (m * bw + mean * weight_) / (bw + weight_)
                    weight_ += bw
                    count += c
                blocks.append([mean, weight_, count])
            k = 0
            for mean, _w, count in blocks:
                for _ in range(count):
                    y[layers[i][k]] = mean + spacing[i][k]
                    k += 1
    return y


@pytest.mark.parametrize("seed", [0, 3])
def test_least_squares_in_numpy_places_as_the_plain_loops_do(seed):
    graph = layered(2500, seed)
    sweep_big(graph, 4, NEVER)
    height = [70.0 if v < graph.n_real else 0.0 for v in range(len(graph))]
    height[: graph.n_real : 7] = [44.0] * len(height[: graph.n_real : 7])  # sizes differ
    expected = plain_least_squares(graph, height)
    assert _least_squares(graph, height, NEVER) == expected
    assert len(set(expected)) > len(graph.layers)  # not all packed from 0


def test_a_big_graph_drawn_by_the_big_path_keeps_the_layouts_promises(monkeypatch):
    document = random_document(4000, seed=5)
    monkeypatch.setattr(ordering, "_CAREFUL_LIMIT", 1000)
    monkeypatch.setattr(ordering, "_PER_EDGE_LIMIT", 1000)
    monkeypatch.setattr(placement, "_ALIGN_LIMIT", 1000)
    calls = []
    monkeypatch.setattr(ordering, "sweep_big", lambda *a: calls.append(1) or sweep_big(*a))
    result = layout(document, engine="layered")
    assert calls == [1]
    assert len(result.positions) == 4000
    assert overlaps(result) == []
    assert backward_edges(document, result) == []
    assert layout(document, engine="layered").positions == result.positions


def test_shared_trunks_carry_every_long_edge_within_the_dummy_budget(monkeypatch):
    monkeypatch.setattr(ordering, "_PER_EDGE_LIMIT", 100)  # trunks, as the demo graph gets
    monkeypatch.setattr(ordering, "_MIN_DUMMY_BUDGET", 300)  # and some dropped
    graph = LayoutGraph.from_document(random_document(1500, seed=4))
    plain = layered(1500, 4)  # (built with the default limits: per-edge chains)
    n, layer = len(graph), plain.layer_of[: len(graph)]
    built = build_layered_graph(n, graph.edges, graph.arity, layer)
    budget = max(300, int(0.5 * n))
    dummies = len(built) - n
    assert 0 < dummies <= budget
    for v in range(len(built)):  # up and down are the same edges seen from both ends
        for w, port in zip(built.down[v], built.down_port[v], strict=True):
            assert (v, port) in zip(built.up[w], built.up_port[w], strict=True)
            assert built.layer_of[w] == built.layer_of[v] + 1
    trunk: dict[int, list[int]] = {}  # source -> its dummies, layer by layer
    for d in range(n, len(built)):
        (before,) = built.up[d]
        trunk.setdefault(before if before < n else _root(built, before), []).append(d)
    kept, dropped = set(), set()
    for u, w, port in graph.edges:
        fraction = ordering.port_fraction(port, graph.arity[w])
        span = layer[w] - layer[u]
        if span == 1:
            assert (w, fraction) in zip(built.down[u], built.down_port[u], strict=True)
        elif u in trunk:
            kept.add(u)
            carrier = trunk[u][span - 2]  # the trunk's dummy in the column before w
            assert (w, fraction) in zip(built.down[carrier], built.down_port[carrier], strict=True)
        else:
            dropped.add(u)
            assert u not in built.up[w]
    assert dropped  # the budget was spent
    need = {u: max(layer[w] for _u, w, _p in graph.edges if _u == u) - layer[u] - 1 for u in trunk}
    assert sum(need.values()) == dummies
    dropped_need = {
        u: max(layer[w] for _u, w, _p in graph.edges if _u == u) - layer[u] - 1 for u in dropped
    }
    assert max(need.values()) <= min(dropped_need.values())  # the shortest trunks are kept


def _root(built, dummy: int) -> int:
    while dummy >= built.n_real:
        (dummy,) = built.up[dummy]
    return dummy

"""The crossing counter against drawings whose crossings are known, and against brute force."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_studio.graph import GraphDocument
from autograd_studio.layout import count_crossings
from autograd_studio.layout.crossings import count_segment_crossings

SIZE = (100.0, 50.0)  # boxes of every test drawing; centres are then pos + (50, 25)


def drawing(nodes: dict[str, tuple[str, tuple[float, float]]], edges):
    """A document from {id: (kind or op name, top-left)} and [(source, target, port)]."""
    document = GraphDocument()
    for node_id, (what, pos) in nodes.items():
        if what in ("input", "weight"):
            document.add_node(what, id=node_id, pos=pos)
        else:
            document.add_node("op", op=what, id=node_id, pos=pos)
    for source, target, port in edges:
        document.connect(source, target, port)
    sizes = {node_id: SIZE for node_id in nodes}
    return document, sizes


def test_two_edges_forming_an_x_cross_once():
    document, sizes = drawing(
        {
            "a": ("input", (0, 0)),
            "b": ("input", (0, 200)),
            "p": ("relu", (300, 0)),
            "q": ("relu", (300, 200)),
        },
        [("a", "q", 0), ("b", "p", 0)],
    )
    assert count_crossings(document, sizes=sizes) == 1
    # Untangled: no crossing.
    document.set_pos("p", (300, 200))
    document.set_pos("q", (300, 0))
    assert count_crossings(document, sizes=sizes) == 0


def test_operands_in_the_wrong_order_cross_at_their_ports():
    """a above b, but a feeds port 1 and b port 0: the two edges cross before the op."""
    nodes = {"a": ("input", (0, 0)), "b": ("input", (0, 100)), "m": ("mul", (300, 50))}
    crossed, sizes = drawing(nodes, [("a", "m", 1), ("b", "m", 0)])
    straight, _ = drawing(nodes, [("a", "m", 0), ("b", "m", 1)])
    assert count_crossings(crossed, sizes=sizes) == 1
    assert count_crossings(straight, sizes=sizes) == 0


def test_edges_sharing_an_end_do_not_count():
    document, sizes = drawing(
        {
            "a": ("input", (0, 100)),
            "p": ("relu", (300, 0)),
            "q": ("relu", (300, 200)),
            "s": ("add", (600, 100)),
        },
        [("a", "p", 0), ("a", "q", 0), ("p", "s", 0), ("q", "s", 1)],
    )
    assert count_crossings(document, sizes=sizes) == 0


def test_a_long_edge_crossing_short_ones_in_several_columns():
    """a -> far runs straight along y=25 through columns 1 and 2 while the short edges
    b -> c, c -> d, d -> e zig-zag across it: three crossings, each in its own strip."""
    document, sizes = drawing(
        {
            "a": ("input", (0, 0)),
            "far": ("relu", (900, 0)),
            "b": ("input", (0, -100)),
            "c": ("neg", (300, 100)),
            "d": ("neg", (600, -100)),
            "e": ("neg", (900, 100)),
        },
        [("a", "far", 0), ("b", "c", 0), ("c", "d", 0), ("d", "e", 0)],
    )
    assert count_crossings(document, sizes=sizes) == 3


def test_nodes_without_positions_are_skipped_and_explicit_positions_win():
    document, sizes = drawing(
        {"a": ("input", (0, 0)), "b": ("input", (0, 200)), "p": ("relu", (300, 0))},
        [("b", "p", 0)],
    )
    document.add_node("op", op="relu", id="q")  # no position
    document.connect("a", "q", 0)
    assert count_crossings(document, sizes=sizes | {"q": SIZE}) == 0
    positions = {"a": (0, 0), "b": (0, 200), "p": (300, 0), "q": (300, 200)}
    assert count_crossings(document, positions, sizes | {"q": SIZE}) == 1


def brute_force(segments) -> int:
    def orientation(p, q, r):
        value = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
        return (value > 0) - (value < 0)

    count = 0
    for i, (x1, y1, x2, y2) in enumerate(segments):
        for u1, v1, u2, v2 in segments[i + 1 :]:
            p, q, r, s = (x1, y1), (x2, y2), (u1, v1), (u2, v2)
            o1, o2 = orientation(p, q, r), orientation(p, q, s)
            o3, o4 = orientation(r, s, p), orientation(r, s, q)
            if o1 * o2 < 0 and o3 * o4 < 0:  # proper crossings only
                count += 1
    return count


columns = st.integers(min_value=0, max_value=5)
heights = st.integers(min_value=0, max_value=8)


@st.composite
def segments(draw):
    items = []
    for _ in range(draw(st.integers(min_value=0, max_value=14))):
        a, b = draw(columns), draw(columns)
        if a == b:
            continue
        a, b = min(a, b), max(a, b)
        items.append((100.0 * a, 10.0 * draw(heights), 100.0 * b, 10.0 * draw(heights)))
    return items


@settings(max_examples=150)
@given(segments())
def test_the_strip_count_matches_brute_force(items):
    """Random straight segments between columns: exact proper-crossing counts.  Heights are
    multiples of 10 on columns 100 apart, so crossings never fall exactly on a column x
    unless two segments meet there (a touch, not a crossing, for both counters)."""
    # Crossings exactly on a column line are ambiguous for the strip count; skip those.
    if _meets_on_a_column(items):
        return
    assert count_segment_crossings(items) == brute_force(items)


def _meets_on_a_column(items) -> bool:
    for i, (x1, y1, x2, y2) in enumerate(items):
        for j, (u1, v1, u2, v2) in enumerate(items):
            if i == j:
                continue
            for column in range(6):
                x = 100.0 * column
                if x1 < x < x2 and u1 <= x <= u2:
                    here = y1 + (y2 - y1) * (x - x1) / (x2 - x1)
                    there = v1 + (v2 - v1) * (x - u1) / (u2 - u1)
                    if abs(here - there) < 1e-9:
                        return True
    return False

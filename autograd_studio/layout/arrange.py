"""``layout()``: choose an engine, run it, fall back when dot cannot, place the result."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterable, Mapping

from autograd_studio.graph.bulk import collector_paused
from autograd_studio.graph.document import GraphDocument
from autograd_studio.layout.dot import DotFailed, DotTimeout, dot_layout
from autograd_studio.layout.layered import layered_layout
from autograd_studio.layout.model import CancelCheck, LayoutGraph, LayoutResult, Point, checker
from autograd_studio.layout.sizes import Size
from autograd_studio.messages import Message

__all__ = ["DEFAULT_TIME_LIMIT", "DOT_NODE_LIMIT", "ENGINES", "layout"]

ENGINES = ("auto", "dot", "layered")
#: ``engine="auto"`` uses dot up to this many nodes (when dot is installed).  Measured with
#: ``scripts/bench_layout.py``: dot needs ~0.3 s for 1,000 nodes, ~15 s for 5,000.
DOT_NODE_LIMIT = 1000
#: Seconds dot may run before it is stopped and the layered layout used instead, when the
#: caller gives no ``time_limit``: short for "auto" (it only picks dot when dot is quick).
DEFAULT_TIME_LIMIT = {"auto": 10.0, "dot": 60.0}


def layout(
    document: GraphDocument | LayoutGraph,
    engine: str = "auto",
    sizes: Mapping[str, Size] | None = None,
    node_ids: Iterable[str] | None = None,
    cancel: CancelCheck | None = None,
    time_limit: float | None = None,
) -> LayoutResult:
    """Lay *document* out left to right, the way micrograd's ``draw_dot`` draws graphs.

        ``engine``: ``"dot"`` (Graphviz), ``"layered"`` (pure Python, fast on big graphs) or
        ``"auto"`` (dot up to :data:`DOT_NODE_LIMIT` nodes when dot is installed, else layered).
        When dot is missing, fails or runs past its time limit, the layered layout is used
        instead and ``result.message`` says why (with how to install Graphviz when it is
        missing); ``result.engine`` is always the engine that ran.

        ``sizes``: id -> ``(width, height)`` of each node's box in scene units (the editor
        passes its items' sizes); missing ones come from :func:`estimate_size`.

        ``node_ids``: lay out only these nodes (and the edges among them); the result then holds
        only them, with their bounding box centred where it was (when they had positions).
        Otherwise the whole document is laid out with its top-left corner at (0, 0).

        ``cancel``: called now and then; once it returns True the layout stops and raises
        :class:`LayoutCancelled` (a dot subprocess is killed).

        ``time_limit``: seconds dot may run (default :data:`DEFAULT_TIME_LIMIT`); past it dot is
        killed and the layered layout runs instead.  The layered layout takes seconds at most
        and has no limit: stop it with ``cancel``.

        *document* may also be a :class:`LayoutGraph` snapshot (then ``sizes`` and ``node_ids``
        were given when it was taken): the editor snapshots on the GUI thread and runs the
        layout on a worker thread.  Positions in the result are **top-left corners**.

        >>> from autograd_studio.graph.bulk import collector_paused
    from autograd_studio.graph.document import GraphDocument
        >>> doc = GraphDocument()
        >>> x = doc.add_node("input", label="x"); m = doc.add_node("op", op="relu")
        >>> doc.connect(x, m, 0)
        >>> result = layout(doc, engine="layered")
        >>> result.positions[x][0] < result.positions[m][0], result.engine
        (True, 'layered')
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown layout engine {engine!r}; expected one of {', '.join(ENGINES)}")
    started = time.monotonic()
    check = checker(cancel)
    check()
    # A layout of a big graph allocates a few hundred thousand small lists (no cycles);
    # with the collector on, its full collections cost more than the layout itself.
    with collector_paused():
        if isinstance(document, LayoutGraph):
            graph = document
        else:
            graph = LayoutGraph.from_document(document, sizes, node_ids)
        points, ran, message = _run(graph, engine, cancel, time_limit)
    positions = _finish(graph, points)
    return LayoutResult(
        positions=positions,
        engine=ran,
        requested=engine,
        message=message,
        sizes=dict(zip(graph.ids, graph.sizes, strict=True)),
        seconds=time.monotonic() - started,
    )


def _run(
    graph: LayoutGraph, engine: str, cancel: CancelCheck | None, time_limit: float | None
) -> tuple[list[Point], str, str]:
    message = ""
    wants_dot = engine == "dot" or (engine == "auto" and len(graph) <= DOT_NODE_LIMIT)
    if wants_dot:
        dot = shutil.which("dot")
        if dot is None:
            from autograd_studio.viz import graphviz_hint

            message = Message("layered-without-dot", graphviz_hint())
        else:
            limit = DEFAULT_TIME_LIMIT[engine] if time_limit is None else time_limit
            try:
                return dot_layout(graph, dot, cancel, limit), "dot", ""
            except DotTimeout:
                message = Message("dot-timeout", f"{limit:g}")
            except DotFailed as error:
                message = Message("dot-failed", str(error))
    return layered_layout(graph, cancel), "layered", message


def _finish(graph: LayoutGraph, points: list[Point]) -> dict[str, Point]:
    """Move the drawing to its place and round to tenths (files stay readable)."""
    if not points:
        return {}
    left = min(x for x, _ in points)
    top = min(y for _, y in points)
    dx, dy = -left, -top
    old = [(pos, size) for pos, size in zip(graph.positions, graph.sizes, strict=True) if pos]
    if graph.selection and old:
        right = max(x + w for (x, _), (w, _) in zip(points, graph.sizes, strict=True))
        bottom = max(y + h for (_, y), (_, h) in zip(points, graph.sizes, strict=True))
        old_left = min(x for (x, _), _ in old)
        old_top = min(y for (_, y), _ in old)
        old_right = max(x + w for (x, _), (w, _) in old)
        old_bottom = max(y + h for (_, y), (_, h) in old)
        dx = (old_left + old_right) / 2 - (left + right) / 2
        dy = (old_top + old_bottom) / 2 - (top + bottom) / 2
    return {
        node_id: (round(x + dx, 1), round(y + dy, 1))
        for node_id, (x, y) in zip(graph.ids, points, strict=True)
    }

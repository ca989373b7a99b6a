"""A document as a Graphviz picture: DOT source, and SVG/PNG through the ``dot`` program.

The drawing is micrograd's: every node is a record ``label | data | grad``; an op node is
fed by a small ellipse with the op's symbol, whose incoming edges arrive in port order.
The output node is outlined in blue, nodes with a problem (nan, inf, an unconnected input)
in red with the problem as a tooltip.

:func:`to_dot` only writes text (no Graphviz needed); :func:`render` pipes it through
``dot``.  Graphviz node names are the document ids (op ellipses add ``#op``, which no id
can contain), so a layout read back from ``dot`` maps straight onto the document.

Given ``positions`` (from :func:`graphviz_positions`), every node also carries a ``pos``
attribute, so ``neato -n2`` draws the editor's layout instead of computing one.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Mapping

import graphviz

from autograd_studio.engine.ops import OPS
from autograd_studio.graph.document import GraphDocument
from autograd_studio.graph.evaluate import EvaluationResult
from autograd_studio.graph.naming import node_names
from autograd_studio.numbers import shown_number
from autograd_studio.viz import (
    GraphvizMissingError,
    escape_record_label,
    graphviz_hint,
)

__all__ = ["FORMATS", "RANKDIRS", "RenderError", "graphviz_positions", "render", "to_dot"]

#: What :func:`render` can write.
FORMATS = ("dot", "svg", "png")
RANKDIRS = ("LR", "TB", "RL", "BT")
_OUTPUT_COLOR = "#1f6feb"
_PROBLEM_COLOR = "#d1242f"


class RenderError(RuntimeError):
    """Graphviz's ``dot`` ran but failed; the message carries its complaint."""


def to_dot(
    doc: GraphDocument,
    result: EvaluationResult | None = None,
    rankdir: str = "LR",
    positions: Mapping[str, tuple[float, float]] | None = None,
) -> str:
    """DOT source for *doc*, annotated with *result* (default: ``doc.evaluate()``).

    *positions* maps Graphviz node names (document ids, and ``id#op`` for the op ellipses)
    to ``pos`` centres in points, y upwards: see :func:`graphviz_positions`.

    >>> from autograd_studio.interop.expression import from_expression
    >>> source = to_dot(from_expression("x*x", values={"x": 3.0}))
    >>> "{ x*x | data 9.0000 | grad 1.0000 }" in source
    True
    """
    if rankdir not in RANKDIRS:
        raise ValueError(f"rankdir must be one of {', '.join(RANKDIRS)}, not {rankdir!r}")
    if result is None:
        result = doc.evaluate()
    dot = graphviz.Digraph(graph_attr={"rankdir": rankdir})
    dot.attr("node", fontname="Helvetica", fontsize="11")
    names = node_names(doc)
    for node_id in doc.topological_order():
        record = doc.nodes[node_id]
        label = escape_record_label(names[node_id])
        data = _number(result.data.get(node_id))
        grad = _number(result.grad.get(node_id))
        attrs = {"shape": "record", "label": f"{{ {label} | data {data} | grad {grad} }}"}
        problems = result.problems.get(node_id)
        if node_id == result.output:
            attrs.update(penwidth="2", color=_OUTPUT_COLOR)
        if problems:
            attrs.update(color=_PROBLEM_COLOR, tooltip="; ".join(p.message for p in problems))
        if positions is not None and node_id in positions:
            attrs["pos"] = _pos(positions[node_id])
        dot.node(node_id, **attrs)
        if record.op is not None:
            op_node = f"{node_id}#op"
            op_attrs = {"shape": "ellipse"}
            if positions is not None and op_node in positions:
                op_attrs["pos"] = _pos(positions[op_node])
            dot.node(op_node, label=escape_record_label(OPS[record.op].symbol), **op_attrs)
            dot.edge(op_node, node_id)
            for source in doc.inputs_of(node_id):
                if source is not None:
                    dot.edge(source, op_node)
    return dot.source


def graphviz_positions(
    doc: GraphDocument,
    top_left: Mapping[str, tuple[float, float]],
    sizes: Mapping[str, tuple[float, float]],
    gap: float = 96.0,
    stretch: float = 1.5,
) -> dict[str, tuple[float, float]]:
    """``pos`` values for :func:`to_dot` from an editor layout.

    *top_left* and *sizes* are the cards' top-left corners and sizes in scene units (y
    downwards), e.g. a :class:`~autograd_studio.layout.LayoutResult`'s ``positions`` and
    ``sizes``; *gap* is the room left of each card (the layout's ``LAYER_GAP``), where an
    op's ellipse goes.  The result holds centres in points with y upwards, as Graphviz
    wants, for every document node in *top_left* and the ellipse of each op among them.
    x is multiplied by *stretch*: a record ``label | data | grad`` is wider than the
    editor's card, and its op's ellipse needs room beside it.

    >>> from autograd_studio.interop.expression import from_expression
    >>> doc = from_expression("-x")
    >>> xy = graphviz_positions(doc, {"x": (0, 0), "neg": (264, 0)},
    ...                         {"x": (168, 70), "neg": (168, 70)})
    >>> xy["x"], xy["neg#op"], xy["neg"]
    ((126.0, 35.0), (324.0, 35.0), (522.0, 35.0))
    """
    placed = [(node_id, pos) for node_id, pos in top_left.items() if node_id in doc.nodes]
    if not placed:
        return {}
    bottom = max(y + sizes[node_id][1] for node_id, (_x, y) in placed)
    result: dict[str, tuple[float, float]] = {}
    for node_id, (x, y) in placed:
        width, height = sizes[node_id]
        centre_y = bottom - (y + height / 2)
        result[node_id] = ((x + width / 2) * stretch, centre_y)
        if doc.nodes[node_id].op is not None:
            result[f"{node_id}#op"] = ((x - gap / 2) * stretch, centre_y)
    return result


def _pos(point: tuple[float, float]) -> str:
    return f"{point[0]:.1f},{point[1]:.1f}"


def render(dot_source: str, fmt: str) -> bytes:
    """*dot_source* as ``dot``, ``svg`` or ``png`` bytes.

    Raises :class:`~autograd_studio.viz.GraphvizMissingError` (with how to install it) when
    a picture is asked for and the ``dot`` program is not on PATH, and
    :class:`RenderError` when ``dot`` fails.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if fmt == "dot":
        return dot_source.encode("utf-8")
    program = shutil.which("dot")
    if program is None:
        raise GraphvizMissingError(graphviz_hint())
    completed = subprocess.run(
        [program, f"-T{fmt}"], input=dot_source.encode("utf-8"), capture_output=True, check=False
    )
    if completed.returncode != 0:
        complaint = completed.stderr.decode("utf-8", errors="replace").strip().splitlines()
        reason = complaint[-1] if complaint else f"exit status {completed.returncode}"
        raise RenderError(f"Graphviz's dot failed: {reason}")
    return completed.stdout


def _number(value: float | None) -> str:
    return shown_number(value)

"""``draw_dot``: micrograd's picture of an engine graph, without its crash.

The seed notebook's ``draw_dot`` died with ``No module named 'graphviz.backend.dot_command'``
because it reached into the graphviz package's private modules.  This one uses only the
public ``graphviz.Digraph`` API; a Digraph renders itself in Jupyter through its own
``_repr_mimebundle_``/``_repr_svg_``.  When the Graphviz ``dot`` program is missing,
rendering raises :class:`GraphvizMissingError` whose message says how to install it.
"""

from __future__ import annotations

import shutil

import graphviz

from autograd_studio.engine import Node, topological_order
from autograd_studio.messages import Message
from autograd_studio.numbers import canvas_number

__all__ = [
    "GraphvizMissingError",
    "draw_dot",
    "escape_record_label",
    "graphviz_hint",
    "has_dot",
]

INSTALL_HINT = Message("graphviz-missing")


class GraphvizMissingError(RuntimeError):
    """Raised when a picture needs the Graphviz ``dot`` program and it is not installed."""


def has_dot() -> bool:
    """Whether the Graphviz ``dot`` program is on PATH."""
    return shutil.which("dot") is not None


def graphviz_hint() -> str:
    """A one-line instruction for installing Graphviz."""
    return INSTALL_HINT


class _Digraph(graphviz.Digraph):
    """A Digraph whose renders turn a missing ``dot`` into a clear error."""

    def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):  # Jupyter
        _require_dot()
        return super()._repr_mimebundle_(include=include, exclude=exclude, **kwargs)

    def pipe(self, *args, **kwargs):
        _require_dot()
        return super().pipe(*args, **kwargs)

    def render(self, *args, **kwargs):
        _require_dot()
        return super().render(*args, **kwargs)


def _require_dot() -> None:
    if not has_dot():
        raise GraphvizMissingError(INSTALL_HINT)


def draw_dot(root: Node, rankdir: str = "LR", fmt: str = "svg") -> graphviz.Digraph:
    """Draw the graph behind *root* the way micrograd does.

    Every value is a record ``label | data | grad``; every op is a small ellipse feeding the
    value it produced; operands are drawn in order (``a * a`` shows two edges).  The output
    node is outlined.  *rankdir* is ``"LR"`` (default) or ``"TB"``.

    >>> from autograd_studio import Node
    >>> x = Node(2.0, label="x"); y = (x * x).relu()
    >>> dot = draw_dot(y)
    >>> "x | data 2.0000" in dot.source
    True
    """
    if rankdir not in ("LR", "TB", "RL", "BT"):
        raise ValueError(f"rankdir must be LR, TB, RL or BT, not {rankdir!r}")
    dot = _Digraph(format=fmt, graph_attr={"rankdir": rankdir})
    dot.attr("node", fontname="Helvetica", fontsize="11")
    ids: dict[Node, str] = {}
    for index, node in enumerate(topological_order(root)):
        uid = f"n{index}"
        ids[node] = uid
        label = escape_record_label(node.label)
        text = f"{{ {label} | data {canvas_number(node.data)} | grad {canvas_number(node.grad)} }}"
        attrs = {"shape": "record"}
        if node is root:
            attrs.update(penwidth="2", color="#1f6feb")
        dot.node(uid, label=text, **attrs)
        if node._fn is not None:
            dot.node(uid + "_op", label=escape_record_label(node._fn.symbol), shape="ellipse")
            dot.edge(uid + "_op", uid)
            for parent in node._prev:
                dot.edge(ids[parent], uid + "_op")
    return dot


def escape_record_label(text: str) -> str:
    """*text* with the characters that mean something inside a Graphviz record label
    (``{ } | < > " \\``) escaped, for use between the ``|`` of a record."""
    for ch in '\\{}|<>"':
        text = text.replace(ch, "\\" + ch)
    return text

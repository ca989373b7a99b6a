"""The names a user sees for nodes, one rule for the canvas, exports, step-through and history.

A node is called by its label; an unlabelled input or weight by its id; an unlabelled op by an
automatic name written from its operands, the way the examples label theirs (``w1*x1``,
``w1*x1 + w2*x2 + b``, ``relu(w1*x1 + w2*x2 + b)``).  An operand whose own automatic name
would make the name longer than :data:`OPERAND_LIMIT` characters is called by its id, so
names stay short in deep graphs and cost O(1) each.

:func:`node_names` names every node at once and keeps two different nodes from ever looking
the same: nodes that would share a name get their id added (``x*y [mul2]``).

>>> from autograd_studio.graph import GraphDocument
>>> doc = GraphDocument()
>>> w = doc.add_node("weight", label="w1", value=0.5)
>>> x = doc.add_node("input", label="x1", value=2.0)
>>> m = doc.add_node("op", op="mul"); doc.connect(w, m, 0); doc.connect(x, m, 1)
>>> node_name(doc, m)
'w1*x1'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING

from autograd_studio.graph.bulk import collector_paused

if TYPE_CHECKING:
    from autograd_studio.graph.document import GraphDocument
    from autograd_studio.graph.records import NodeRecord

__all__ = [
    "OPERAND_LIMIT",
    "NodeFinder",
    "automatic_name",
    "find_nodes",
    "node_name",
    "node_names",
]

#: Longest automatic name of an operand that is written out inside another name.
OPERAND_LIMIT = 24

# How an unlabelled op writes itself: template over its operand names and its precedence
# (higher binds tighter).  Ops not listed read as calls: ``relu(a)``.
_SUM, _PRODUCT, _PREFIX, _POWER, _ATOM = 1, 2, 3, 4, 5
_TEMPLATES: dict[str, tuple[str, int]] = {
    "add": ("{0} + {1}", _SUM),
    "sub": ("{0} - {1}", _SUM),
    "mul": ("{0}*{1}", _PRODUCT),
    "div": ("{0}/{1}", _PRODUCT),
    "neg": ("-{0}", _PREFIX),
    "pow": ("{0}**{1}", _POWER),
}
_MISSING = "?"  # an input port nothing feeds yet
_ATOMIC = re.compile(r"^(?:[\w.]+|[\w.]+\(.*\))$")


def node_name(doc: GraphDocument, node_id: str) -> str:
    """The name of *node_id* as the user sees it (see the module text)."""
    record = doc.nodes[node_id]
    if record.label:
        return record.label
    if record.op is None:
        return node_id
    return automatic_name(doc, node_id)


def automatic_name(doc: GraphDocument, node_id: str) -> str:
    """The name an op node would have without a label, written from its operands."""
    text, _precedence = _written(doc, node_id, depth=0)
    return text


def node_names(doc: GraphDocument) -> dict[str, str]:
    """Every node's name, made distinct: names shared by several nodes get ``[id]`` added.

    Kept per version of the document (the demo graph's 65,818 names take 0.4 s; Find,
    step-through and the modes panel ask for them all); each call gets its own dict."""
    kept = getattr(doc, "_node_names", None)
    if kept is not None and kept[0] == doc.version:
        return dict(kept[1])
    # An operand is written out inside each of its users' names at each depth: once per
    # (node, depth) here, shared by them all.
    memo: dict[tuple[str, int], tuple[str, int]] = {}
    nodes, inputs = doc.nodes, doc.input_lists
    with collector_paused():  # a few hundred thousand tuples and strings, no cycle
        names = {
            nid: record.label
            or (nid if record.op is None else _write(nodes, inputs, nid, 0, memo)[0])
            for nid, record in nodes.items()
        }
    shared = {name for name, count in Counter(names.values()).items() if count > 1}
    if shared:
        for nid, name in names.items():
            if name in shared and name != nid:
                names[nid] = f"{name} [{nid}]"
    doc._node_names = (doc.version, names)  # type: ignore[attr-defined]
    return dict(names)


def _written(doc: GraphDocument, node_id: str, depth: int) -> tuple[str, int]:
    return _write(doc.nodes, doc.input_lists, node_id, depth, None)


def _write(
    nodes: Mapping[str, NodeRecord],
    inputs: Mapping[str, list[str | None]],
    node_id: str,
    depth: int,
    memo: dict[tuple[str, int], tuple[str, int]] | None,
) -> tuple[str, int]:
    """(name, precedence) of *node_id* written *depth* operands deep (see the module)."""
    record = nodes[node_id]
    if record.label:
        return record.label, _ATOM if _ATOMIC.match(record.label) else _SUM
    op = record.op
    if op is None:
        return node_id, _ATOM
    if depth > 0 and depth * 6 > OPERAND_LIMIT:  # deeper than any name that fits the limit
        return node_id, _ATOM
    sources = inputs.get(node_id, ())
    if sources.count(None) == len(sources):
        return op, _ATOM  # nothing wired yet: "mul" says more than "?*?"
    template, precedence = _TEMPLATES.get(op, ("", _ATOM))
    context = precedence if template else 0  # a call's arguments need no parentheses
    inverse = op in ("sub", "div", "pow")
    deeper = depth + 1
    cut = deeper * 6 > OPERAND_LIMIT
    operands = []
    for port, source in enumerate(sources):
        if source is None:
            operands.append(_MISSING)
            continue
        if cut:  # too deep to be written out: by its label or id
            label = nodes[source].label
            known = (label, _ATOM if _ATOMIC.match(label) else _SUM) if label else (source, _ATOM)
        else:
            known = memo.get((source, deeper)) if memo is not None else None
        if known is None:
            known = _write(nodes, inputs, source, deeper, memo)
            if memo is not None:
                memo[source, deeper] = known
        text, inner = known
        if len(text) > OPERAND_LIMIT:
            operand = nodes[source]
            if operand.label == "" and operand.op:
                text, inner = source, _ATOM
        # a + (b + c) reads the same as a + b + c, but a - (b - c) and a/(b*c) do not
        if inner < context or (inner == context and inverse and port > 0):
            text = f"({text})"
        operands.append(text)
    if template:
        return template.format(*operands), precedence
    return f"{op}({', '.join(operands)})", _ATOM


def find_nodes(doc: GraphDocument, text: str) -> list[str]:
    """Nodes whose name (as :func:`node_names` gives it) or id contains *text*, ignoring
    case: exact matches first, then names that start with it, then the rest, each group
    in document order.  Empty *text* finds nothing."""
    return NodeFinder(doc).find(text)


class NodeFinder:
    """:func:`find_nodes` for one document, typed into letter by letter: the names are
    worked out once per version of the document (the demo graph's 65,818 take 0.4 s; a
    search through them then takes milliseconds)."""

    def __init__(self, doc: GraphDocument) -> None:
        self.doc = doc
        self._version: int | None = None
        self._ids: list[str] = []
        self._keys: list[tuple[str, str]] = []  # (name, id), case-folded

    def find(self, text: str) -> list[str]:
        wanted = text.strip().casefold()
        if not wanted:
            return []
        doc = self.doc
        if self._version != doc.version:
            names = node_names(doc)
            self._ids = list(names)
            self._keys = [(name.casefold(), nid.casefold()) for nid, name in names.items()]
            self._version = doc.version
        exact: list[str] = []
        starts: list[str] = []
        inside: list[str] = []
        for nid, (name, key) in zip(self._ids, self._keys, strict=True):
            if wanted in name or wanted in key:
                if wanted in (name, key):
                    exact.append(nid)
                elif name.startswith(wanted) or key.startswith(wanted):
                    starts.append(nid)
                else:
                    inside.append(nid)
        return exact + starts + inside

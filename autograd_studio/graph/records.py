"""What a document is made of: node records, edges, the node kinds and what an id looks
like.  Below :mod:`~autograd_studio.graph.document`, so that the modules the document
uses (evaluation, the file writer, the schema) can name them without importing it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from autograd_studio.engine.ops import OPS

__all__ = ["COMPUTED_KINDS", "ID_PATTERN", "KINDS", "Edge", "NodeRecord"]

KINDS = ("input", "weight", "op", "function")
#: Kinds whose value is computed from input ports rather than set.
COMPUTED_KINDS = ("op", "function")
_ID_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*\Z")  # \Z: "$" would let "x\n" in
#: What a node id looks like (the file schema checks ids with it too).
ID_PATTERN = _ID_RE


@dataclass(slots=True)
class NodeRecord:
    """One node as the document stores it.  Read it freely; change it through the document."""

    id: str
    kind: str
    label: str = ""
    op: str | None = None
    value: float | None = None
    pos: tuple[float, float] | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # unknown file fields, kept
    function: str | None = None  # a function node: the name of its definition
    # A function node's port names (the document keeps them), or a variadic op's (sum).
    ports: tuple[str, ...] = ()
    result: int = 0  # a function node: which of the definition's outputs it yields

    @property
    def arity(self) -> int:
        if self.op is not None and not self.ports:
            return OPS[self.op].arity
        return len(self.ports)

    @property
    def variadic(self) -> bool:
        """A node of a variadic op (``sum``): its input ports can be added and removed."""
        return self.op is not None and OPS[self.op].variadic

    @property
    def port_labels(self) -> tuple[str, ...]:
        """The names of the input ports, as the canvas draws them."""
        if self.op is not None:
            return OPS[self.op].port_labels(self.arity)
        return self.ports

    @property
    def computed(self) -> bool:
        """An op or function node: its value comes from its input ports."""
        return self.kind in COMPUTED_KINDS

    @property
    def display_name(self) -> str:
        """The label, or for an unlabelled op node its symbol."""
        if self.label:
            return self.label
        if self.function is not None:
            return self.function
        return OPS[self.op].symbol if self.op is not None else self.id


class Edge(NamedTuple):
    """An edge from ``source``'s output to input ``port`` of ``target``.

    A named tuple, not a frozen dataclass: deleting or restoring the demo graph makes
    126,854 of them, three times faster this way (equal, hashed and ordered the same)."""

    source: str
    target: str
    port: int

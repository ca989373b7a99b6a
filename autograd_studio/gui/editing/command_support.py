"""What the editor's undo commands share: one-step macros, node snapshots, the output
keeper and the short names commands show in Edit > Undo and the History list."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QUndoStack

from autograd_studio.graph.document import GraphDocument
from autograd_studio.graph.naming import node_name

__all__ = ["NodeSnapshot", "OutputKeeper", "Pos", "command_name", "macro", "short_text"]

Pos = tuple[float, float] | None


@contextmanager
def macro(stack: QUndoStack, text: str) -> Iterator[None]:
    """Group the commands pushed inside the block into one undo step (closed even on error)."""
    stack.beginMacro(text)
    try:
        yield
    finally:
        stack.endMacro()


@dataclass(frozen=True)
class NodeSnapshot:
    """Everything needed to re-create a node as it was."""

    id: str
    kind: str
    op: str | None
    label: str
    value: float | None
    pos: Pos
    extra: dict[str, Any]
    function: str | None = None
    result: int = 0
    arity: int | None = None  # a sum's port count

    @classmethod
    def of(cls, doc: GraphDocument, node_id: str) -> NodeSnapshot:
        r = doc.node(node_id)
        extra = copy.deepcopy(r.extra)
        arity = r.arity if r.variadic else None
        return cls(r.id, r.kind, r.op, r.label, r.value, r.pos, extra, r.function, r.result, arity)

    def restore(self, doc: GraphDocument) -> None:
        doc.add_node(
            self.kind,
            op=self.op,
            function=self.function,
            result=self.result,
            arity=self.arity,
            label=self.label,
            value=self.value,
            pos=self.pos,
            id=self.id,
            extra=copy.deepcopy(self.extra),
        )


def command_name(doc: GraphDocument, node_id: str) -> str:
    """The node as a command names it: its name, shortened (its id once it is gone)."""
    record = doc.nodes.get(node_id)
    return short_text(node_name(doc, node_id) if record is not None else node_id)


def short_text(text: str, limit: int = 24) -> str:
    """*text* fit for a command's name: Edit > Undo, the History list and the toolbar tip
    show it whole, so a sentence-long label would make them as wide as the screen."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class OutputKeeper:
    """Keeps a graph's output where it is while nodes are added.

    The document's implied output (the only sink) would vanish as soon as any unconnected
    node arrives.  An editor command that adds nodes first writes the implied output down
    (it is saved in the file from then on), and its undo takes that back.
    """

    def __init__(self) -> None:
        self.pinned: str | None = None

    def pin(self, doc: GraphDocument) -> None:
        self.pinned = None
        implied = doc.output if doc.explicit_output is None else None
        # Only a computed result: a lone input dropped first is not "the output" to keep.
        if implied is not None and doc.nodes[implied].op is not None:
            self.pinned = implied
            doc.set_output(implied)

    def unpin(self, doc: GraphDocument) -> None:
        if self.pinned is not None and doc.explicit_output == self.pinned:
            doc.set_output(None)

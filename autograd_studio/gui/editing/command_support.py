"""What the editor's undo commands share: one-step macros, the output keeper and the
short names commands show in Edit > Undo and the History list."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtGui import QUndoStack

from autograd_studio.graph.document import GraphDocument
from autograd_studio.graph.naming import node_name

__all__ = ["OutputKeeper", "Pos", "command_name", "macro", "short_text"]

Pos = tuple[float, float] | None


@contextmanager
def macro(stack: QUndoStack, text: str) -> Iterator[None]:
    """Group the commands pushed inside the block into one undo step (closed even on error)."""
    stack.beginMacro(text)
    try:
        yield
    finally:
        stack.endMacro()


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

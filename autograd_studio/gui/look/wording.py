"""Counted words as the window writes them: "1 node", "2 nodes", "1,200 edges".

Each phrase is a whole sentence fragment for the translators (``tr`` context "Wording"),
singular and plural apart, so a language with other plural rules can say each its own way.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

__all__ = ["edges_text", "nodes_text", "selected_nodes_text"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("Wording", text)


def nodes_text(count: int) -> str:
    """``1 node`` / ``2 nodes`` (thousands separated)."""
    return (_tr("{n} node") if count == 1 else _tr("{n} nodes")).format(n=f"{count:,}")


def edges_text(count: int) -> str:
    """``1 edge`` / ``2 edges``."""
    return (_tr("{n} edge") if count == 1 else _tr("{n} edges")).format(n=f"{count:,}")


def selected_nodes_text(count: int) -> str:
    """``1 selected node`` / ``2 selected nodes``."""
    text = _tr("{n} selected node") if count == 1 else _tr("{n} selected nodes")
    return text.format(n=f"{count:,}")

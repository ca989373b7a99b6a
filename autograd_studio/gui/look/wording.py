"""Counted words as the window writes them: "1 node", "2 nodes", "1,200 edges".

Plurals are Qt's: one ``%n node(s)`` message per phrase, whose forms each catalog gives
(English's catalog holds only these plural forms; Chinese needs one).  ``tr`` only knows
plural messages on a QObject, hence the small :class:`Wording` object.  The count itself is
written with thousands separators by Python, the same in every language.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

__all__ = ["Wording", "edges_text", "english_plural", "nodes_text", "selected_nodes_text"]


class Wording(QObject):
    """The counted phrases, translated (context "Wording")."""

    def nodes(self, count: int) -> str:
        return english_plural(self.tr("%n node(s)", "", count), count)

    def edges(self, count: int) -> str:
        return english_plural(self.tr("%n edge(s)", "", count), count)

    def selected_nodes(self, count: int) -> str:
        return english_plural(self.tr("%n selected node(s)", "", count), count)


def english_plural(text: str, count: int) -> str:
    """*text* with an untranslated ``(s)`` resolved by English's rule.

    The English catalog does this when it is installed (the editor installs it at start);
    an application that never installed it (a notebook's, a test's) still reads "1 node".
    """
    return text.replace("(s)", "" if count == 1 else "s")


_wording: Wording | None = None


def _phrases() -> Wording:
    global _wording
    if _wording is None:
        _wording = Wording()
    return _wording


def _separated(text: str, count: int) -> str:
    # Qt writes %n as plain digits; readers of big graphs get "65,818" like everywhere else.
    return text.replace(str(count), f"{count:,}", 1) if count >= 1000 else text


def nodes_text(count: int) -> str:
    """``1 node`` / ``2 nodes`` (thousands separated)."""
    return _separated(_phrases().nodes(count), count)


def edges_text(count: int) -> str:
    """``1 edge`` / ``2 edges``."""
    return _separated(_phrases().edges(count), count)


def selected_nodes_text(count: int) -> str:
    """``1 selected node`` / ``2 selected nodes``."""
    return _separated(_phrases().selected_nodes(count), count)

"""One row of the action table: how an action looks (text, shortcuts, icon, tips)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QKeySequence

__all__ = ["ActionSpec", "Key"]

Key = QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    """How one action looks: ``name`` becomes the object name ``action<Name>``."""

    name: str
    text: str
    shortcuts: tuple[QKeySequence.StandardKey | str, ...] = ()
    icon: str | None = None
    tip: str = ""
    checkable: bool = False

"""The drag payload of palette entries: which node to create where it is dropped.

>>> spec = node_spec_from_mime(node_mime_data("op", "mul"))   # doctest: +SKIP
('op', 'mul')
"""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData

from autograd_studio.engine.ops import OPS
from autograd_studio.graph.functions import NAME_PATTERN

__all__ = ["NODE_MIME", "node_mime_data", "node_spec_from_mime"]

NODE_MIME = "application/x-autograd-studio-node"

_KINDS = ("input", "weight", "op", "function")


def node_mime_data(kind: str, op: str | None = None) -> QMimeData:
    """Mime data that asks the canvas for a new *kind* node (with *op* for op nodes)."""
    mime = QMimeData()
    mime.setData(NODE_MIME, json.dumps({"kind": kind, "op": op}).encode("utf-8"))
    return mime


def node_spec_from_mime(mime: QMimeData | None) -> tuple[str, str | None] | None:
    """``(kind, op)`` from a palette drag, or ``None`` when *mime* holds no valid node spec.

    The payload comes from outside the process in principle (any application can drag
    bytes with our MIME type), so it is checked rather than trusted.
    """
    if mime is None or not mime.hasFormat(NODE_MIME):
        return None
    try:
        payload = json.loads(bytes(mime.data(NODE_MIME)).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(payload, dict):
        return None
    kind, op = payload.get("kind"), payload.get("op")
    if kind not in _KINDS:
        return None
    if kind == "op":
        return ("op", op) if isinstance(op, str) and op in OPS else None
    if kind == "function":  # the canvas checks that its document defines it
        return ("function", op) if isinstance(op, str) and NAME_PATTERN.match(op) else None
    return (kind, None) if op is None else None

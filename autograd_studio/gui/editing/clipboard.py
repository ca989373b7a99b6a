"""Copy and paste of graph fragments through the system clipboard.

A fragment is the file format's ``nodes`` and ``edges`` lists for some nodes and the edges
among them.  On the clipboard it travels twice: as :data:`FRAGMENT_MIME` for Autograd
Studio windows (in this process or another), and as JSON text, so it can be pasted into a
text editor, and so a whole ``.agraph`` file's text copied from anywhere pastes as nodes.

Everything read back is validated by the file format's own loader before use: a clipboard
is input from outside.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QMimeData, QStringListModel

from autograd_studio.graph.document import GraphDocument
from autograd_studio.graph.errors import GraphFileError
from autograd_studio.graph.fileformat import (
    FORMAT_NAME,
    FORMAT_VERSION,
    document_from_dict,
    document_to_dict,
)

__all__ = [
    "FRAGMENT_FORMAT",
    "FRAGMENT_MIME",
    "FragmentError",
    "fragment_from_mime",
    "fragment_from_nodes",
    "fragment_to_mime",
    "with_positions",
]

FRAGMENT_MIME = "application/x-autograd-studio-fragment"
FRAGMENT_FORMAT = "autograd-studio-fragment"


class FragmentError(ValueError):
    """The clipboard holds something that claims to be a graph but is not a valid one."""


def fragment_from_nodes(doc: GraphDocument, node_ids: Iterable[str]) -> dict[str, Any]:
    """The fragment of *node_ids*: their node records and the edges among them."""
    wanted = set(node_ids)
    full = document_to_dict(doc)
    nodes = [n for n in full["nodes"] if n["id"] in wanted]
    edges = [e for e in full["edges"] if e["from"] in wanted and e["to"] in wanted]
    return {"format": FRAGMENT_FORMAT, "version": FORMAT_VERSION, "nodes": nodes, "edges": edges}


def fragment_to_mime(fragment: dict[str, Any]) -> QMimeData:
    """Mime data carrying *fragment* as our type and as JSON text, for
    ``QClipboard.setMimeData`` (which takes ownership)."""
    text = json.dumps(fragment, indent=1, ensure_ascii=False)
    mime = _mime_made_by_qt()
    mime.setData(FRAGMENT_MIME, text.encode("utf-8"))
    mime.setText(text)
    return mime


def _mime_made_by_qt() -> QMimeData:
    """An empty QMimeData allocated by Qt rather than by Python.

    A QMimeData made with ``QMimeData()`` in Python is a PySide wrapper subclass whose
    destructor calls back into Python.  The clipboard deletes its data when the application
    object goes, which can be after the interpreter has shut down: the process then
    segfaults on exit (PySide6 6.11, every platform plugin).  A plain QMimeData made by
    Qt's own item-model code has no such destructor.
    """
    model = QStringListModel([""])
    mime = model.mimeData([model.index(0)])
    for name in mime.formats():
        mime.removeFormat(name)
    return mime


def fragment_from_mime(mime: QMimeData | None) -> dict[str, Any] | None:
    """The validated fragment on *mime*; ``None`` when it holds no graph at all.

    Raises :class:`FragmentError` (with the loader's message) when it holds a fragment or
    graph file that is broken.
    """
    if mime is None:
        return None
    if mime.hasFormat(FRAGMENT_MIME):
        raw = bytes(mime.data(FRAGMENT_MIME)).decode("utf-8", errors="replace")
    elif mime.hasText():
        raw = mime.text()
    else:
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        if mime.hasFormat(FRAGMENT_MIME):
            raise FragmentError("the copied nodes are not valid JSON") from None
        return None  # ordinary text
    if not isinstance(data, dict) or data.get("format") not in (FRAGMENT_FORMAT, FORMAT_NAME):
        return None
    as_file = dict(data, format=FORMAT_NAME)
    as_file.pop("output", None)
    try:
        doc = document_from_dict(as_file)
    except GraphFileError as exc:
        raise FragmentError(str(exc)) from None
    checked = document_to_dict(doc)
    return {
        "format": FRAGMENT_FORMAT,
        "version": FORMAT_VERSION,
        "nodes": checked["nodes"],
        "edges": checked["edges"],
    }


def with_positions(fragment: dict[str, Any], spot: tuple[float, float]) -> dict[str, Any]:
    """*fragment* with a position for every node: those without one go in a row at *spot*."""
    if all("pos" in n for n in fragment["nodes"]):
        return fragment
    nodes = []
    k = 0
    for node in fragment["nodes"]:
        if "pos" not in node:
            node = dict(node, pos=[spot[0] + 200 * k, spot[1]])
            k += 1
        nodes.append(node)
    return dict(fragment, nodes=nodes)

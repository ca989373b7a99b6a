"""``show(...)``: open the editor on a graph built in code, from a script or a notebook.

>>> from autograd_studio import Node, show
>>> x, w = Node(2.0, label="x"), Node(-3.0, label="w")
>>> show((w * x).relu())            # doctest: +SKIP  (blocks until the window closes)
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEventLoop

from autograd_studio.engine.node import Node
from autograd_studio.graph.document import GraphDocument
from autograd_studio.graph.evaluate import evaluate
from autograd_studio.gui.window.app import ensure_app

__all__ = ["show"]

# Windows opened with block=False stay referenced here until they close, so that Python's
# garbage collector does not close them behind the user's back.
_OPEN_WINDOWS: list[Any] = []


def show(
    graph: Node | GraphDocument,
    *,
    block: bool = True,
    weights: Any = None,
    **window_options: Any,
):
    """Open the editor on *graph*: an engine :class:`Node` (the graph behind it, with it as
    the output) or a :class:`GraphDocument` (edited in place; laid out first when some node
    has no position).

    With ``block=True`` (the default) this returns when the window is closed; with
    ``block=False`` it returns the open :class:`MainWindow` at once (an event loop must run
    for it to respond: a notebook's ``%gui qt``, or ``QApplication.exec()``).  An existing
    QApplication is reused.  *weights* picks which engine leaves are weights (see
    :func:`autograd_studio.interop.engine_bridge.from_node`); *window_options* go to
    :class:`MainWindow` (``settings=``, ``dialogs=``).
    """
    grads = None
    if isinstance(graph, Node):
        from autograd_studio.interop.engine_bridge import engine_grads, from_node

        document = from_node(graph, weights=weights)
        grads = engine_grads(graph, document)
    elif isinstance(graph, GraphDocument):
        document = graph
    else:
        raise TypeError(
            f"show() takes an autograd_studio Node or GraphDocument, not {type(graph).__name__}"
        )
    ensure_app()
    from autograd_studio.gui.window.main_window import MainWindow

    window = MainWindow(document, **window_options)
    _OPEN_WINDOWS.append(window)
    window.closed.connect(lambda: _OPEN_WINDOWS.remove(window) if window in _OPEN_WINDOWS else None)
    if grads is not None:  # y.backward() ran: open on the grads the engine has, not on "—"
        _show_engine_grads(window, document, grads)
    window.show()
    window.raise_()
    window.activateWindow()
    window.view.fit_all()
    if block:
        loop = QEventLoop()
        window.closed.connect(loop.quit)
        loop.exec()
    return window


def _show_engine_grads(window: Any, document: GraphDocument, grads: dict[str, float]) -> None:
    # The engine's numbers as they are (an accumulating backward may have summed them), shown
    # as the last Backward's: fresh until the first edit, like the editor's own Backward.
    result = evaluate(document, backward=False)
    result.grad = {
        nid: grads.get(nid) if result.data.get(nid) is not None else None for nid in result.data
    }
    window.session.publish_backward(result)
